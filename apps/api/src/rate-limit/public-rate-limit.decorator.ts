import { SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { PUBLIC_RATE_LIMIT_METADATA, PublicRateLimitGuard, PublicRateLimitOptions } from './public-rate-limit.guard';

/**
 * Limits a route to PUBLIC_RATE_LIMIT requests per minute and client address (429 with Retry-After
 * beyond). Routes share the `public` bucket unless they name their own. See PublicRateLimitGuard.
 */
export const PublicRateLimit = (options: Partial<PublicRateLimitOptions> = {}) =>
  applyDecorators(
    SetMetadata(PUBLIC_RATE_LIMIT_METADATA, { bucket: options.bucket ?? 'public' } satisfies PublicRateLimitOptions),
    UseGuards(PublicRateLimitGuard),
    ApiTooManyRequestsResponse({
      type: ErrorResponseDto,
      description: 'Too many requests from this address; the Retry-After header says when to try again',
    }),
  );
