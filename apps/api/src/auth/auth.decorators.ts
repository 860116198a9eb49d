import { ExecutionContext, SetMetadata, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Actor, Role } from '@spcomms/access';
import { ErrorResponseDto } from '../errors/error-response.dto';

export const AUTH_METADATA = 'spcomms:auth';

export type AuthRequirement = { public: true } | { public: false; roles: Role[] };

/** Anyone may call the route, without a login; the actor is the public one. */
export const PublicRoute = () => SetMetadata(AUTH_METADATA, { public: true } satisfies AuthRequirement);

/** A logged-in user with one of the roles (any role when none is given). */
export const Authenticated = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(AUTH_METADATA, { public: false, roles } satisfies AuthRequirement),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'No valid token' }),
    ...(roles.length > 0
      ? [ApiForbiddenResponse({ type: ErrorResponseDto, description: `Only for: ${roles.join(', ')}` })]
      : []),
  );

/** Request properties set by the auth guard. */
export interface ActorRequest {
  actor?: Actor;
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<ActorRequest>();
  if (!request.actor) {
    throw new Error('No actor on the request: is the route missing @PublicRoute() or @Authenticated()?');
  }
  return request.actor;
});
