import { AccessDeniedException, Actor, Role, UserActor, hasRole } from '@spcomms/access';

/** Assistants and mandate-holders: the mandate's staff, who see the visits of their own mandates. */
export function requireMandateStaff(actor: Actor): UserActor {
  if (!hasRole(actor, Role.Assistant, Role.MandateHolder)) {
    throw new AccessDeniedException('Visit requests are handled by the assistants and mandate-holders of the mandate');
  }
  return actor;
}

/** A government user, who sees the visit requests made to its own State only. */
export function requireGovernment(actor: Actor): UserActor & { stateCode: string } {
  if (!hasRole(actor, Role.Government) || !actor.stateCode) {
    throw new AccessDeniedException('The visits portal is for government users');
  }
  return actor as UserActor & { stateCode: string };
}
