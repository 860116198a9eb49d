import { IncomingMessage } from 'node:http';
import { Params } from 'nestjs-pino';
import { describeActor } from '@spcomms/access';
import { AppConfig } from '@spcomms/config';
import { ActorRequest } from './auth/auth.decorators';

/** Structured request logs with the request id (see createFastifyAdapter) and the actor. */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.env.LOG_LEVEL,
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      customProps: (request: IncomingMessage) => {
        const actor = (request as IncomingMessage & ActorRequest).actor;
        return actor ? { actor: describeActor(actor) } : {};
      },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]'], remove: true },
      autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health' },
    },
  };
}
