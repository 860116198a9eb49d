import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, Optional } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainException, ErrorKind } from '@spcomms/errors';
import { PageErrors } from '../../../web/src/errors/page-errors';
import { ErrorResponseDto } from './error-response.dto';

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  [ErrorKind.Invalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorKind.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorKind.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorKind.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorKind.Conflict]: HttpStatus.CONFLICT,
  [ErrorKind.TooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorKind.UnsupportedMedia]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorKind.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
};

const CODE_OF_STATUS: Record<number, string> = {
  400: 'request.bad',
  401: 'auth.unauthenticated',
  403: 'access.denied',
  404: 'route.not_found',
  405: 'route.method_not_allowed',
  406: 'request.not_acceptable',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
  429: 'rate_limited',
  503: 'service.unavailable',
};

/** The error code an answered request carried, kept on the request for its log line (RequestLogController). */
export interface ErrorCodeRequest {
  errorCode?: string;
}

const UNSUPPORTED_MEDIA_TYPE =
  'The Content-Type of the body is not accepted here: send JSON as application/json (files as multipart/form-data where the route takes them)';

/** Errors raised by Fastify itself (body parsing, size limits) carry a statusCode and a FST_ code. */
interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * The one place where errors become HTTP answers, always as
 * `{ statusCode, code, message, details? }`. Validation errors answer 400;
 * rule violations of well-formed input answer 422; unknown errors 500 with a logged error id.
 * Errors on the site's page addresses answer the site's HTML error pages instead (PageErrors).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Optional() private readonly pages?: PageErrors) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest & ErrorCodeRequest>();
    if (this.pages?.handles(request)) {
      const pageStatus = this.pages.statusOf(exception);
      const body = pageStatus === null ? this.toBody(exception) : undefined;
      request.errorCode = body?.code ?? `page.${pageStatus}`;
      const errorId = (body?.details as { errorId?: string } | undefined)?.errorId;
      void this.pages.answer(exception, { statusCode: pageStatus ?? body!.statusCode, errorId }, request, reply);
      return;
    }
    const body = this.toBody(exception);
    request.errorCode = body.code;
    if (body.statusCode === HttpStatus.TOO_MANY_REQUESTS) {
      const retry = (body.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) {
        void reply.header('retry-after', String(retry));
      }
    }
    void reply.status(body.statusCode).send(body);
  }

  toBody(exception: unknown): ErrorResponseDto {
    if (exception instanceof DomainException) {
      const status = exception.code === 'validation.failed' ? HttpStatus.BAD_REQUEST : STATUS_OF_KIND[exception.kind];
      return this.withDetails(
        { statusCode: status, code: exception.code, message: exception.message },
        exception.details,
      );
    }
    // A framework 5xx other than 503 is a failure like any other: it gets an error id and is logged.
    if (
      exception instanceof HttpException &&
      (exception.getStatus() < 500 || exception.getStatus() === HttpStatus.SERVICE_UNAVAILABLE)
    ) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const { message: given, code } =
        typeof response === 'object' ? (response as { message?: unknown; code?: unknown }) : {};
      // Fastify's 415 (no parser for the body's type, e.g. JSON sent as text/plain) says what to send instead.
      const message =
        status === HttpStatus.UNSUPPORTED_MEDIA_TYPE && typeof code !== 'string'
          ? UNSUPPORTED_MEDIA_TYPE
          : typeof response === 'string'
            ? response
            : String(given ?? exception.message);
      // The API's own refusals of a request (request-guards.ts) give their code; Nest's carry none.
      const body: ErrorResponseDto = {
        statusCode: status,
        code: typeof code === 'string' ? code : (CODE_OF_STATUS[status] ?? 'request.error'),
        message,
      };
      // Health checks answer 503 with the state of each dependency.
      return status === HttpStatus.SERVICE_UNAVAILABLE && typeof response === 'object' && typeof code !== 'string'
        ? { ...body, details: response }
        : body;
    }
    const framework = exception as FrameworkError;
    if (typeof framework?.statusCode === 'number' && framework.statusCode >= 400 && framework.statusCode < 500) {
      return {
        statusCode: framework.statusCode,
        code: CODE_OF_STATUS[framework.statusCode] ?? 'request.error',
        message: framework.message ?? 'Bad request',
      };
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId }, `Unhandled error ${errorId}`);
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'internal',
      message: `Internal error; quote error id ${errorId} to the administrators`,
      details: { errorId },
    };
  }

  private withDetails(body: ErrorResponseDto, details: unknown): ErrorResponseDto {
    return details === undefined ? body : { ...body, details };
  }
}
