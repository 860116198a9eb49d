import compress from '@fastify/compress';
import multipart from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { constants as zlibConstants } from 'node:zlib';
import { HttpStatus } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@spcomms/config';
import { rewriteHomeUrl } from '../../web/src/i18n/languages';
import { RequestLogController, apiLogger, bindRequestLoggers, requestLogger } from './logger-options';
import { guardRequests } from './errors/request-guards';
import {
  isJsonContentType,
  jsonSecurityHeaderOptions,
  needsLooseSecurityHeaders,
  securityHeaderOptions,
  securityHeaders,
  strictSecurityHeaderOptions,
} from './security-headers';

/** JSON bodies larger than this are refused with 413. Files travel as multipart, limited separately. */
export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * The Fastify adapter: body limit, request ids (X-Request-Id when sane, else a UUID), proxy trust,
 * and the request logs (Fastify's, through the API's logger: see RequestLogController).
 */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT,
    // Requests that arrive while the server closes are answered by configureApp, in the error shape.
    return503OnClosing: false,
    // Fastify's own refusals before routing (a URL that does not decode) keep the error shape too.
    frameworkErrors: (error: Error, _request: unknown, reply: FastifyReply) => {
      void reply
        .code(HttpStatus.BAD_REQUEST)
        .send({ statusCode: HttpStatus.BAD_REQUEST, code: 'request.bad', message: error.message });
    },
    trustProxy: config.env.TRUST_PROXY === 'true',
    rewriteUrl: (request: IncomingMessage) => rewriteHomeUrl(request.url ?? '/'),
    loggerInstance: apiLogger(config),
    logController: new RequestLogController(),
    childLoggerFactory: requestLogger,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
  });
}

/** Everything main.ts and the end-to-end tests both need, so that tests run the production pipeline. */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  bindRequestLoggers(fastify);
  guardRequests(app);
  // Pages, stylesheet and JSON travel compressed to clients that accept it (the site's page budget
  // counts compressed bytes); small answers are not worth it. Brotli at quality 3, not the plugin's 4:
  // measured here on 8 KB of HTML 70 µs instead of 113 µs, on 100 KB 1.2 ms instead of 1.5 ms, for
  // 2–3% more bytes.
  await app.register(compress, {
    threshold: 1024,
    brotliOptions: {
      params: {
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_QUALITY]: 3,
      },
    },
  });
  await app.register(multipart, {
    limits: { fileSize: config.env.ATTACHMENT_MAX_BYTES, files: 10, fields: 20, fieldSize: 256 * 1024 },
    throwFileSizeLimit: true,
  });
  // Every answer, errors included, carries its request id and the security headers of its kind: those
  // of JSON answers, set as the request comes in (the cheaper moment: measured, setting them while the
  // answer is sent cost each request about 30,000 instructions more), replaced once the answer's
  // Content-Type shows a document by a page's or, for the pages that need inline script, the loose
  // ones (a document's headers name every header of JSON's: see security-headers.spec.ts). Hooks that
  // do not wait take a callback rather than return a promise: a promise (and the asynchronous
  // context's hooks on it) per request for nothing.
  const json = securityHeaders(jsonSecurityHeaderOptions(config.env.PUBLIC_BASE_URL));
  const strict = securityHeaders(strictSecurityHeaderOptions(config.env.PUBLIC_BASE_URL));
  const loose = securityHeaders(securityHeaderOptions(config.env.PUBLIC_BASE_URL));
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(json);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    if (!isJsonContentType(reply.getHeader('content-type'))) {
      void reply.headers(needsLooseSecurityHeaders(request.url) ? loose : strict);
    }
    done(null, payload);
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('spcomms')
      .setDescription(
        'Communications and country visits of the special procedures of the UN Human Rights Council. ' +
          'Every error answers `{ statusCode, code, message, details? }`.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addServer(config.env.PUBLIC_BASE_URL)
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
