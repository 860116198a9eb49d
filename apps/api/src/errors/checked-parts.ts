import { BadRequestException } from '@nestjs/common';
import { Multipart } from '@fastify/multipart';
import { FastifyRequest } from 'fastify';
import { findTextProblems } from './input-checks';
import { ValidationException } from './validation.exception';

type PartsOptions = Parameters<FastifyRequest['parts']>[0];

/** An error of the multipart parser (busboy) carries no status: it is the client's body that is broken. */
function asBadBody(error: unknown): unknown {
  if (error instanceof Error && typeof (error as { statusCode?: unknown }).statusCode !== 'number') {
    return new BadRequestException({
      code: 'request.multipart_invalid',
      message: `The multipart body is not valid: ${error.message}`,
    });
  }
  return error;
}

function markAsClientError(error: unknown): void {
  if (error instanceof Error && typeof (error as { statusCode?: unknown }).statusCode !== 'number') {
    Object.assign(error, { statusCode: 400, message: `The multipart body is not valid: ${error.message}` });
  }
}

/**
 * The parts of a multipart request, as `request.parts()` gives them, but a broken body (no boundary,
 * truncated data) answers 400 `request.multipart_invalid` instead of surfacing as an unknown error, and
 * every field name, field value and file name is checked like any other text input (no NUL, no lone
 * surrogate: 400 naming the field).
 */
export async function* checkedParts(request: FastifyRequest, options?: PartsOptions): AsyncGenerator<Multipart> {
  const parts = request.parts(options);
  for (;;) {
    let next: IteratorResult<Multipart>;
    try {
      next = await parts.next();
    } catch (error) {
      throw asBadBody(error);
    }
    if (next.done) {
      return;
    }
    const part = next.value;
    const texts = part.type === 'field' ? { [part.fieldname]: part.value } : { [part.fieldname]: part.filename };
    const problems = findTextProblems(texts);
    if (problems.length > 0) {
      if (part.type === 'file') {
        part.file.resume();
      }
      throw ValidationException.of(problems);
    }
    if (part.type === 'file') {
      // A body cut short inside a file fails the file's stream, read by the service: mark that error as the client's.
      markAsClientError(part.file.errored);
      part.file.once('error', markAsClientError);
    }
    yield part;
  }
}
