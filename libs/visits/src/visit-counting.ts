import { sqlList } from './sql-list';
import { AGREED_NOT_CARRIED_OUT, PENDING_REQUEST, VisitStatus } from './visit-status.machine';

/**
 * The statuses that say the State agreed to the visit (V1: an invitation after the request is recorded
 * as accepted; dates proposed, scheduled, under way and completed can only follow an agreement or carry
 * one). A postponement is not one: it may follow the request directly.
 */
export const ACCEPTANCE: readonly VisitStatus[] = [
  VisitStatus.Accepted,
  VisitStatus.DatesProposed,
  VisitStatus.Scheduled,
  VisitStatus.UnderWay,
  VisitStatus.Completed,
];

/**
 * How visits are counted: the one definition read by the public tables and by the statistics (S), so
 * that the two never count differently.
 *
 * - A visit's status is the one its last move recorded before the instant `asOf` (a request whose
 *   moves all came later was still a request); only requests made on or before the cut-off day count.
 * - A visit is **carried out** when that status is completed and its last day (`scheduled_to`) has
 *   come: on or before `until` (and on or after `from`, for a period).
 * - A request is **pending** while the State has not agreed to it (PENDING_REQUEST).
 * - A request is **requested in the period** when it was made from `from` to `until`.
 * - A request is **accepted in the period** when its first move into an ACCEPTANCE status, recorded
 *   before `asOf`, took effect from `from` to `until`: on the day the State's answer was received when
 *   the move records it, else on the day (in `timezone`) the move was made.
 * - A visit is **agreed** when the State agreed to it and it is not carried out yet (a visit recorded
 *   as completed before its last day, as could happen before moves were checked against the visit's
 *   dates, counts as agreed until that day).
 *
 * The functions return SQL text over the alias `v` of `visitsAsOfSql`; `asOf`, `cutoff`, `from` and
 * `until` are SQL expressions, normally query parameters (`$1`).
 */
export function visitsAsOfSql(asOf: string, cutoff: string, scope = ''): string {
  return `SELECT v.id, v.mandate_id, v.state_code, v.requested_on, v.scheduled_from, v.scheduled_to,
                 coalesce((SELECT sc.to_status FROM visit_status_change sc
                            WHERE sc.visit_id = v.id AND sc.occurred_at < ${asOf}
                            ORDER BY sc.seq DESC LIMIT 1), '${VisitStatus.Requested}') AS status_at
            FROM visit v
           WHERE v.requested_on <= ${cutoff}::date ${scope}`;
}

export function carriedOutSql(until: string, from?: string): string {
  const since = from === undefined ? '' : ` AND v.scheduled_to >= ${from}::date`;
  return `(v.status_at = '${VisitStatus.Completed}' AND v.scheduled_to <= ${until}::date${since})`;
}

export function pendingSql(): string {
  return `(v.status_at IN (${sqlList(PENDING_REQUEST)}))`;
}

export function agreedSql(until: string): string {
  return `(v.status_at IN (${sqlList(AGREED_NOT_CARRIED_OUT)}) OR (v.status_at = '${VisitStatus.Completed}' AND v.scheduled_to > ${until}::date))`;
}

export function requestedInSql(from: string, until: string): string {
  return `(v.requested_on BETWEEN ${from}::date AND ${until}::date)`;
}

/** The day the State agreed to the visit, as things stood at `asOf` (NULL when it had not). */
export function acceptedOnSql(asOf: string, timezone: string): string {
  return `(SELECT coalesce(sc.received_on, (sc.occurred_at AT TIME ZONE ${timezone})::date) FROM visit_status_change sc
            WHERE sc.visit_id = v.id AND sc.occurred_at < ${asOf} AND sc.to_status IN (${sqlList(ACCEPTANCE)})
            ORDER BY sc.seq LIMIT 1)`;
}

export function acceptedInSql(asOf: string, timezone: string, from: string, until: string): string {
  return `(${acceptedOnSql(asOf, timezone)} BETWEEN ${from}::date AND ${until}::date)`;
}
