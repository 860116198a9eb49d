import { sqlList } from './sql-list';
import { AGREED_NOT_CARRIED_OUT, PENDING_REQUEST, VisitStatus } from './visit-status.machine';

/**
 * How visits are counted: the one definition read by the public tables and by the statistics (S), so
 * that the two never count differently.
 *
 * - A visit's status is the one its last move recorded before the instant `asOf` (a request whose
 *   moves all came later was still a request); only requests made on or before the cut-off day count.
 * - A visit is **carried out** when that status is completed and its last day (`scheduled_to`) has
 *   come: on or before `until` (and on or after `from`, for a period).
 * - A request is **pending** while the State has not agreed to it (PENDING_REQUEST).
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
