import { VisitsErrorCode, VisitsException } from './visits.exception';

/**
 * V1: the statuses of a country-visit request and the moves allowed between them.
 * The one table of allowed moves is VISIT_TRANSITIONS; everything else asks it.
 */
export enum VisitStatus {
  Requested = 'requested',
  ReminderSent = 'reminder_sent',
  /** The State has acknowledged the request; this is not an acceptance. */
  Acknowledged = 'acknowledged',
  /** Accepted, or invited by the State after the request (an invitation counts as an acceptance). */
  Accepted = 'accepted',
  DatesProposed = 'dates_proposed',
  Scheduled = 'scheduled',
  UnderWay = 'under_way',
  Completed = 'completed',
  Declined = 'declined',
  Postponed = 'postponed',
  Cancelled = 'cancelled',
  NoResponse = 'no_response',
}

export const ALL_VISIT_STATUSES: readonly VisitStatus[] = Object.values(VisitStatus);

const S = VisitStatus;

/**
 * From each status, the statuses a visit may move to. A move to the same status is allowed where it
 * means something: another reminder, a counter-proposal of dates.
 */
export const VISIT_TRANSITIONS: { readonly [from in VisitStatus]: readonly VisitStatus[] } = {
  [S.Requested]: [
    S.ReminderSent,
    S.Acknowledged,
    S.Accepted,
    S.DatesProposed,
    S.Declined,
    S.Postponed,
    S.Cancelled,
    S.NoResponse,
  ],
  [S.ReminderSent]: [
    S.ReminderSent,
    S.Acknowledged,
    S.Accepted,
    S.DatesProposed,
    S.Declined,
    S.Postponed,
    S.Cancelled,
    S.NoResponse,
  ],
  [S.Acknowledged]: [S.ReminderSent, S.Accepted, S.DatesProposed, S.Declined, S.Postponed, S.Cancelled, S.NoResponse],
  [S.Accepted]: [S.DatesProposed, S.Scheduled, S.Declined, S.Postponed, S.Cancelled],
  [S.DatesProposed]: [S.DatesProposed, S.Scheduled, S.Declined, S.Postponed, S.Cancelled],
  [S.Scheduled]: [S.UnderWay, S.Postponed, S.Cancelled],
  [S.UnderWay]: [S.Completed],
  [S.Completed]: [],
  [S.Declined]: [],
  [S.Postponed]: [S.DatesProposed, S.Scheduled, S.Cancelled],
  [S.Cancelled]: [],
  [S.NoResponse]: [S.Acknowledged, S.Accepted, S.DatesProposed, S.Declined, S.Cancelled],
};

/** Statuses in which the State owes an answer: reminders are due (V3). */
export const AWAITING_ANSWER: readonly VisitStatus[] = [S.Requested, S.ReminderSent, S.Acknowledged];

/** Requests the State has not agreed to yet: the public "requests pending". */
export const PENDING_REQUEST: readonly VisitStatus[] = [S.Requested, S.ReminderSent, S.Acknowledged, S.NoResponse];

/** Agreed to by the State, not carried out yet. */
export const AGREED_NOT_CARRIED_OUT: readonly VisitStatus[] = [
  S.Accepted,
  S.DatesProposed,
  S.Scheduled,
  S.UnderWay,
  S.Postponed,
];

/** Statuses after which no new move is possible; a new request may then be made. */
export const CLOSED: readonly VisitStatus[] = ALL_VISIT_STATUSES.filter(
  (status) => VISIT_TRANSITIONS[status].length === 0,
);

/** Statuses that need agreed dates (scheduled_from/to). */
export const NEEDS_AGREED_DATES: readonly VisitStatus[] = [S.Scheduled, S.UnderWay, S.Completed];

export function allowedNext(from: VisitStatus): VisitStatus[] {
  return [...VISIT_TRANSITIONS[from]];
}

export function canMove(from: VisitStatus, to: VisitStatus): boolean {
  return VISIT_TRANSITIONS[from].includes(to);
}

export function awaitsAnswer(status: VisitStatus): boolean {
  return AWAITING_ANSWER.includes(status);
}

/** Throws the 409 of V1, naming the statuses that may follow `from`. */
export function assertMove(from: VisitStatus, to: VisitStatus): void {
  if (!canMove(from, to)) {
    const next = allowedNext(from);
    throw new VisitsException(
      VisitsErrorCode.InvalidMove,
      next.length === 0
        ? `A visit request that is ${from} cannot move any more`
        : `A visit request that is ${from} cannot become ${to}; allowed next: ${next.join(', ')}`,
      { from, to, allowedNext: next },
    );
  }
}
