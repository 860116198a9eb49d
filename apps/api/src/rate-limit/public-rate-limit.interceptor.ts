import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { Observable, catchError, concatMap, from } from 'rxjs';
import { PENDING_RATE_LIMIT, RateLimitedRequest } from './public-rate-limit.guard';

/**
 * Waits, before a request served while its count was on the way (see PublicRateLimitGuard) is
 * answered, for that count: over the limit, the answer is 429 whatever the route produced (a file
 * produced is closed unread).
 */
@Injectable()
export class PublicRateLimitInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const pending = context.switchToHttp().getRequest<RateLimitedRequest>()[PENDING_RATE_LIMIT];
    if (!pending) {
      return next.handle();
    }
    return next.handle().pipe(
      concatMap(async (value: unknown) => {
        try {
          await pending.decision;
        } catch (refused) {
          if (value instanceof StreamableFile) {
            value.getStream().destroy();
          }
          throw refused;
        }
        return value;
      }),
      catchError((error: unknown) => from(pending.decision.then(() => Promise.reject(error)))),
    );
  }
}
