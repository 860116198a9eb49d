import { DomainException, ErrorKind } from '@spcomms/errors';

/** Too many requests from one client; the filter turns `retryAfterSeconds` into a Retry-After header. */
export class RateLimitedException extends DomainException {
  constructor(retryAfterSeconds: number) {
    super(ErrorKind.RateLimited, 'request.rate_limited', `Too many requests; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}
