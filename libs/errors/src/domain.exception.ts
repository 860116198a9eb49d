/**
 * How a domain error is to be understood by any caller (HTTP, worker, CLI).
 * The API's exception filter maps each kind to one HTTP status.
 */
export enum ErrorKind {
  Invalid = 'invalid',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  TooLarge = 'too_large',
  UnsupportedMedia = 'unsupported_media',
  RateLimited = 'rate_limited',
}

/**
 * Base of every typed domain error. `code` is a stable, machine-readable string
 * (e.g. `communication.already_transmitted`); `message` is for people.
 */
export class DomainException extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundException extends DomainException {
  constructor(what: string, id: string) {
    super(ErrorKind.NotFound, `${what}.not_found`, `${what.replace(/_/g, ' ')} ${id} not found`);
  }
}
