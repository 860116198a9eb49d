import { parse as parseQueryString } from 'node:querystring';
import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_JSON_DEPTH, MAX_JSON_VALUES, findTextProblems, hasTextProblems, jsonExcess } from './input-checks';
import { ValidationException } from './validation.exception';

const CLOSING_MESSAGE = 'The server is shutting down; retry the request';

/**
 * What every request goes through before any controller, so that no input can stall the API or reach
 * the database as text it cannot store:
 * - JSON bodies are refused with 400 `request.too_deep` when they nest deeper than MAX_JSON_DEPTH,
 *   and `request.too_many_values` when they hold more than MAX_JSON_VALUES values, found by a linear
 *   scan before parsing (a recursive parse or walk of `[[[…]]]` would block the event loop and
 *   overflow the stack; validating 100,000 values holds it for seconds);
 * - plain text bodies are not parsed at all: JSON sent as text/plain answers 415, not a field error;
 * - NUL characters and lone surrogates in the body, query string or path parameters are refused with
 *   400 naming the field (multipart fields are checked as they are read: see checked-parts.ts);
 * - while the server closes, a request still arriving answers 503 `service.unavailable` in the error
 *   shape, instead of Fastify's own body.
 */
export function guardRequests(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const { bodyLimit, onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  const parseJson = fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
  app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
    const text = body.toString('utf8');
    const excess = jsonExcess(text);
    if (excess === 'depth') {
      done(
        new BadRequestException({
          code: 'request.too_deep',
          message: `The JSON body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
        }),
        undefined,
      );
      return;
    }
    if (excess === 'values') {
      done(
        new BadRequestException({
          code: 'request.too_many_values',
          message: `The JSON body holds more than ${MAX_JSON_VALUES} values`,
        }),
        undefined,
      );
      return;
    }
    void parseJson(request as FastifyRequest, text, done);
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) =>
    done(null, parseQueryString(body.toString('utf8'))),
  );
  fastify.removeContentTypeParser('text/plain');

  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  // Callbacks rather than async functions: neither hook waits for anything, and a promise per hook
  // and request costs CPU on every request.
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (closing) {
      void reply.header('connection', 'close');
      done(new ServiceUnavailableException({ code: 'service.unavailable', message: CLOSING_MESSAGE }));
      return;
    }
    done();
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const { params, query, body } = request;
    if (!hasTextProblems(params) && !hasTextProblems(query) && !hasTextProblems(body)) {
      done();
      return;
    }
    done(ValidationException.of([...findTextProblems(params), ...findTextProblems(query), ...findTextProblems(body)]));
  });
}
