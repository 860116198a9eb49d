import { DomainException, ErrorKind } from '@spcomms/errors';
import { Actor, Role, UserActor, hasRole } from './actor';

export class AccessDeniedException extends DomainException {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorKind.Forbidden, 'access.denied', message);
  }
}

/** Throws unless the actor is a user with one of the roles (the system actor always passes). */
export function requireRole(actor: Actor, ...roles: Role[]): asserts actor is UserActor {
  if (actor.kind === 'system') {
    return;
  }
  if (!hasRole(actor, ...roles)) {
    throw new AccessDeniedException();
  }
}
