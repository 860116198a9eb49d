export enum Role {
  Assistant = 'assistant',
  MandateHolder = 'mandate_holder',
  Government = 'government',
  Committee = 'committee',
  Admin = 'admin',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** An authenticated user, with the scope the role applies to. */
export interface UserActor {
  kind: 'user';
  userId: string;
  sessionId: string;
  username: string;
  role: Role;
  /** Mandates an assistant or mandate-holder works for (ids). Empty for other roles. */
  mandateIds: readonly string[];
  /** The State a government user speaks for (ISO alpha-3). Null for other roles. */
  stateCode: string | null;
}

/** Anyone without a login: sources, the public. */
export interface PublicActor {
  kind: 'public';
  ip: string;
}

/** The system itself: the worker, the CLI, imports, seeds. */
export interface SystemActor {
  kind: 'system';
  name: string;
}

export type Actor = UserActor | PublicActor | SystemActor;

export const systemActor = (name: string): SystemActor => ({ kind: 'system', name });

export function isUser(actor: Actor): actor is UserActor {
  return actor.kind === 'user';
}

export function hasRole(actor: Actor, ...roles: Role[]): actor is UserActor {
  return actor.kind === 'user' && roles.includes(actor.role);
}

/** Mandate staff (assistants and mandate-holders) of at least one of the given mandates. */
export function worksForAnyMandate(actor: Actor, mandateIds: Iterable<string>): boolean {
  if (!hasRole(actor, Role.Assistant, Role.MandateHolder)) {
    return false;
  }
  const own = new Set(actor.mandateIds);
  for (const id of mandateIds) {
    if (own.has(id)) {
      return true;
    }
  }
  return false;
}

/** A short, stable description of the actor for audit events and logs. */
export function describeActor(actor: Actor): { type: string; id: string | null; label: string } {
  switch (actor.kind) {
    case 'user':
      return { type: actor.role, id: actor.userId, label: actor.username };
    case 'public':
      return { type: 'public', id: null, label: `public@${actor.ip}` };
    case 'system':
      return { type: 'system', id: null, label: actor.name };
  }
}
