import { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest, LogController } from 'fastify';
import { Params } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';
import pino, { Bindings, ChildLoggerOptions, DestinationStream, Logger } from 'pino';
import { describeActor } from '@spcomms/access';
import { AppConfig } from '@spcomms/config';
import { logDestination } from '@spcomms/logging';
import { ActorRequest } from './auth/auth.decorators';
import { ErrorCodeRequest } from './errors/all-exceptions.filter';

const loggers = new WeakMap<AppConfig, Logger>();

/**
 * The API's one pino logger for a configuration: Fastify's requests log through it (a child with the
 * request id, `reqId`, per request) and so does Nest's Logger (nestjs-pino: within a request, that
 * request's child). `destination` (default: stdout, readable in development on a terminal: see
 * logDestination) is taken into account by the first call only.
 */
export function apiLogger(config: AppConfig, destination?: DestinationStream): Logger {
  let logger = loggers.get(config);
  if (!logger) {
    logger = pino(
      {
        level: config.env.LOG_LEVEL,
        serializers: {
          req: (request: { id: string; method: string; url: string }) => ({
            id: request.id,
            method: request.method,
            url: loggableUrl(request.url),
          }),
          res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          err: pino.stdSerializers.err,
        },
        redact: {
          paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]'],
          remove: true,
        },
      },
      destination ?? logDestination(config),
    );
    loggers.set(config, logger);
  }
  return logger;
}

/** Query parameters whose values are never logged: tokens, passwords, keys, secrets, signatures, codes, sessions. */
const SENSITIVE_PARAMETER = /token|pass|secret|key|auth|sig|code|session|cookie|credential|jwt/i;

/** A request URL as logged: the path and query, the values of sensitive parameters replaced by `[redacted]`. */
export function loggableUrl(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) {
    return url;
  }
  const query = url
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return SENSITIVE_PARAMETER.test(decodedName(name)) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, question)}?${query}`;
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/**
 * One line per request once it is answered (none for /health): the request, the status, the time
 * taken, the actor and, for an error, its code; at level error for a 5xx. The line is made only when its level is logged.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {
    // The request is logged once, when answered.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (request.url === '/health') {
      return;
    }
    const failed = Boolean(error) || reply.statusCode >= 500;
    const level = failed ? 'error' : 'info';
    // A child of the API's pino logger (see apiLogger).
    const log = reply.log as Logger;
    if (!log.isLevelEnabled(level)) {
      return;
    }
    const { actor, errorCode } = request as FastifyRequest & ActorRequest & ErrorCodeRequest;
    log[level](
      {
        req: request,
        res: reply,
        responseTime: reply.elapsedTime,
        ...(actor ? { actor: describeActor(actor) } : {}),
        ...(errorCode ? { code: errorCode } : {}),
        ...(error ? { err: error } : {}),
      },
      failed ? 'request errored' : 'request completed',
    );
  }
}

/**
 * nestjs-pino over the API's logger: Nest's Logger logs through it, with the request's child within a
 * request (bound by bindRequestLoggers, not by nestjs-pino's middleware: no routes for it).
 */
export function loggerOptions(config: AppConfig): Params {
  return { pinoHttp: { logger: apiLogger(config) }, useExisting: true, forRoutes: [] };
}

/**
 * Makes each request's logger (Fastify's child with its id) the one Nest's Logger uses within the
 * request, as nestjs-pino's middleware does, from a Fastify hook: the middleware would run through
 * @fastify/middie, which copies the request's properties onto the raw request, decodes and matches
 * its path and chains Nest's middleware wrappers, for every request.
 */
export function bindRequestLoggers(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => storage.run(new Store(request.log as Logger), done));
}

/**
 * The logger of a request: a child of the API's with the request's id (`reqId`), or, while the API's
 * logs nothing at all (level silent), the API's own: a child per request that can write nothing costs
 * each request its bindings for nothing.
 */
export function requestLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return logger.level === 'silent' ? logger : logger.child(bindings, options);
}
