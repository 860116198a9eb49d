import { Actor, Role, requireRole } from '@spcomms/access';
import { MandateEntity } from '@spcomms/reference';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';

/**
 * Whose letters a statistics query counts. The Coordination Committee and administrators see every
 * letter; assistants and mandate-holders see the letters signed by one of their own mandates (S is
 * computed for their mandates only); nobody else reads internal statistics.
 */
export interface StatisticsScope {
  /** Null: every letter. Otherwise only letters signed by one of these mandates. */
  mandateIds: string[] | null;
  /** Codes of those mandates, for the answer and the CSV links. */
  mandateCodes: string[];
  /** The mandate the query asked for, if any (it keeps the same scope in the CSV links). */
  requested: MandateEntity | null;
}

export const STATISTICS_ROLES: readonly Role[] = [Role.Committee, Role.Admin, Role.Assistant, Role.MandateHolder];

/** The scope of the actor, narrowed to `requested` when given; refuses a mandate that is not the actor's. */
export function scopeOf(actor: Actor, requested: MandateEntity | null, ownMandates: MandateEntity[]): StatisticsScope {
  const everything =
    actor.kind === 'system' || (actor.kind === 'user' && [Role.Committee, Role.Admin].includes(actor.role));
  requireRole(actor, ...STATISTICS_ROLES);
  if (everything) {
    return requested
      ? { mandateIds: [requested.id], mandateCodes: [requested.code], requested }
      : { mandateIds: null, mandateCodes: [], requested: null };
  }
  if (requested) {
    if (!actor.mandateIds.includes(requested.id)) {
      throw new StatisticsException(
        StatisticsErrorCode.NotYourMandate,
        `You do not work for ${requested.code}: its figures are for its own staff and the Coordination Committee`,
      );
    }
    return { mandateIds: [requested.id], mandateCodes: [requested.code], requested };
  }
  const own = ownMandates
    .filter((mandate) => actor.mandateIds.includes(mandate.id))
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    mandateIds: own.map((mandate) => mandate.id),
    mandateCodes: own.map((mandate) => mandate.code),
    requested: null,
  };
}
