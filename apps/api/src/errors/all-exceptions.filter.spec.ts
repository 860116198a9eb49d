import {
  ArgumentsHost,
  BadRequestException,
  InternalServerErrorException,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { AccessDeniedException } from '@spcomms/access';
import { DomainException, ErrorKind, NotFoundException as DomainNotFoundException } from '@spcomms/errors';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { ValidationException } from './validation.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('AllExceptionsFilter', () => {
  const sut = new AllExceptionsFilter();
  let logged: jest.SpyInstance;

  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  describe('an unhandled error', () => {
    it('answers 500 with an error id, logs the error under that id, and hides its message', () => {
      const error = new Error('connection string postgres://secret@db leaked');
      const body = sut.toBody(error);

      expect(body).toEqual({
        statusCode: 500,
        code: 'internal',
        message: expect.stringContaining((body.details as { errorId: string }).errorId),
        details: { errorId: expect.stringMatching(UUID) },
      });
      expect(JSON.stringify(body)).not.toContain('secret');
      const errorId = (body.details as { errorId: string }).errorId;
      expect(logged).toHaveBeenCalledWith({ err: error, errorId }, `Unhandled error ${errorId}`);
    });

    it('gives every error its own id', () => {
      const first = sut.toBody(new Error('a'));
      const second = sut.toBody(new Error('a'));
      expect(first.details).not.toEqual(second.details);
    });

    it.each([['a string'], [null], [undefined], [{ statusCode: 200 }], [{ statusCode: 502, message: 'upstream' }]])(
      'treats %p as unhandled',
      (thrown) => {
        expect(sut.toBody(thrown)).toMatchObject({ statusCode: 500, code: 'internal' });
      },
    );
  });

  describe('domain errors', () => {
    it.each([
      [ErrorKind.Invalid, 422],
      [ErrorKind.Unauthenticated, 401],
      [ErrorKind.Forbidden, 403],
      [ErrorKind.NotFound, 404],
      [ErrorKind.Conflict, 409],
      [ErrorKind.TooLarge, 413],
      [ErrorKind.UnsupportedMedia, 415],
      [ErrorKind.RateLimited, 429],
    ])('maps kind %s to %i with its code, message and details', (kind, status) => {
      const body = sut.toBody(new DomainException(kind, 'thing.broken', 'The thing broke', { field: 'x' }));
      expect(body).toEqual({
        statusCode: status,
        code: 'thing.broken',
        message: 'The thing broke',
        details: { field: 'x' },
      });
      expect(logged).not.toHaveBeenCalled();
    });

    it('leaves details out when there are none', () => {
      expect(sut.toBody(new DomainNotFoundException('mandate', 'abc'))).toEqual({
        statusCode: 404,
        code: 'mandate.not_found',
        message: 'mandate abc not found',
      });
      expect(sut.toBody(new AccessDeniedException())).toEqual({
        statusCode: 403,
        code: 'access.denied',
        message: 'You are not allowed to do this',
      });
    });

    it('answers validation errors with 400 and the fields', () => {
      const body = sut.toBody(
        new ValidationException([
          { property: 'title', constraints: { isString: 'title must be a string' }, children: [] },
        ]),
      );
      expect(body).toEqual({
        statusCode: 400,
        code: 'validation.failed',
        message: 'Invalid input: title must be a string',
        details: [{ field: 'title', errors: ['title must be a string'] }],
      });
    });
  });

  describe('framework errors', () => {
    it('keeps the status of an HttpException with a code for it', () => {
      expect(sut.toBody(new NotFoundException('Cannot GET /nope'))).toEqual({
        statusCode: 404,
        code: 'route.not_found',
        message: 'Cannot GET /nope',
      });
      expect(sut.toBody(new BadRequestException('"x" is not a three-letter State code'))).toEqual({
        statusCode: 400,
        code: 'request.bad',
        message: '"x" is not a three-letter State code',
      });
    });

    it('treats any other 5xx HttpException as unhandled: error id, logged, message hidden', () => {
      const body = sut.toBody(new InternalServerErrorException('pool exhausted at 10.0.0.5'));
      expect(body).toMatchObject({
        statusCode: 500,
        code: 'internal',
        details: { errorId: expect.stringMatching(UUID) },
      });
      expect(body.message).not.toContain('10.0.0.5');
      expect(logged).toHaveBeenCalledTimes(1);
    });

    it('passes the state of each dependency on a 503', () => {
      const body = sut.toBody(
        new ServiceUnavailableException({ status: 'error', error: { redis: { status: 'down' } } }),
      );
      expect(body).toMatchObject({
        statusCode: 503,
        code: 'service.unavailable',
        details: { error: { redis: { status: 'down' } } },
      });
    });

    it('maps Fastify client errors (bad JSON, body too large) by their status', () => {
      expect(
        sut.toBody({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'Request body is too large' }),
      ).toEqual({
        statusCode: 413,
        code: 'request.too_large',
        message: 'Request body is too large',
      });
      expect(
        sut.toBody({ statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY', message: 'Body is not valid JSON' }),
      ).toMatchObject({
        statusCode: 400,
        code: 'request.bad',
      });
    });
  });

  describe('catch', () => {
    function fakeHost() {
      const reply = { status: jest.fn(), header: jest.fn(), send: jest.fn() };
      reply.status.mockReturnValue(reply);
      reply.header.mockReturnValue(reply);
      const request: { errorCode?: string } = {};
      const host = {
        switchToHttp: () => ({ getResponse: () => reply, getRequest: () => request }),
      } as unknown as ArgumentsHost;
      return { host, reply, request };
    }

    it('sends the body with its status, and keeps its code on the request for the log line', () => {
      const { host, reply, request } = fakeHost();
      sut.catch(new DomainNotFoundException('letter', 'x'), host);
      expect(request.errorCode).toBe('letter.not_found');
      expect(reply.status).toHaveBeenCalledWith(404);
      expect(reply.send).toHaveBeenCalledWith({
        statusCode: 404,
        code: 'letter.not_found',
        message: 'letter x not found',
      });
      expect(reply.header).not.toHaveBeenCalled();
    });

    it('sets Retry-After on a 429 that says when to retry', () => {
      const { host, reply } = fakeHost();
      sut.catch(
        new DomainException(ErrorKind.RateLimited, 'auth.too_many_attempts', 'Too many', { retryAfterSeconds: 42 }),
        host,
      );
      expect(reply.header).toHaveBeenCalledWith('retry-after', '42');
      expect(reply.status).toHaveBeenCalledWith(429);
    });
  });
});
