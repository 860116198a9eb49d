import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@spcomms/database';
import { agreedSql, carriedOutSql, pendingSql, visitsAsOfSql } from './visit-counting';
import { VisitStatus } from './visit-status.machine';

export interface StateVisitCounts {
  stateCode: string;
  carriedOut: number;
  agreed: number;
  pending: number;
  lastVisitOn: string | null;
}

export interface VisitsYearRow {
  year: number;
  carriedOut: number;
  states: number;
}

export interface PendingRequestRow {
  mandateCode: string;
  mandateTitle: string;
  stateCode: string;
  stateName: string;
  requestedOn: string;
  status: VisitStatus;
}

/**
 * The public facts about visits, and nothing else: these queries read only the status, the State,
 * the mandate and the dates of requests and visits — never notes, checklists or who did what.
 */
@Injectable()
export class PublicVisitsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Per State, with the statuses recorded before `asOf` and `cutoff` the last day that counts (visit-counting). */
  async countsByState(asOf: Date, cutoff: string): Promise<StateVisitCounts[]> {
    const rows = (await this.tx.manager.query(
      `WITH v AS (${visitsAsOfSql('$1', '$2')})
       SELECT v.state_code AS "stateCode",
              COUNT(*) FILTER (WHERE ${carriedOutSql('$2')})::int AS "carriedOut",
              COUNT(*) FILTER (WHERE ${agreedSql('$2')})::int AS "agreed",
              COUNT(*) FILTER (WHERE ${pendingSql()})::int AS "pending",
              (MAX(v.scheduled_to) FILTER (WHERE ${carriedOutSql('$2')}))::text AS "lastVisitOn"
         FROM v
        GROUP BY v.state_code`,
      [asOf, cutoff],
    )) as StateVisitCounts[];
    return rows.map((row) => ({ ...row, stateCode: row.stateCode.trim() }));
  }

  /** Visits carried out per year of their last day, from `fromYear` to the cut-off, and the States they went to. */
  async carriedOutByYear(asOf: Date, cutoff: string, fromYear: number): Promise<VisitsYearRow[]> {
    return (await this.tx.manager.query(
      `WITH v AS (${visitsAsOfSql('$1', '$2')})
       SELECT extract(year FROM v.scheduled_to)::int AS "year", COUNT(*)::int AS "carriedOut",
              COUNT(DISTINCT v.state_code)::int AS "states"
         FROM v
        WHERE ${carriedOutSql('$2', '$3')}
        GROUP BY 1
        ORDER BY 1`,
      [asOf, cutoff, `${fromYear}-01-01`],
    )) as VisitsYearRow[];
  }

  async pendingRequests(asOf: Date, cutoff: string): Promise<PendingRequestRow[]> {
    const rows = (await this.tx.manager.query(
      `WITH v AS (${visitsAsOfSql('$1', '$2')})
       SELECT m.code AS "mandateCode", m.title AS "mandateTitle", v.state_code AS "stateCode", s.name AS "stateName",
              v.requested_on::text AS "requestedOn", v.status_at AS "status"
         FROM v
         JOIN mandate m ON m.id = v.mandate_id
         JOIN state s ON s.code = v.state_code
        WHERE ${pendingSql()}
        ORDER BY m.code, s.name, v.requested_on`,
      [asOf, cutoff],
    )) as PendingRequestRow[];
    return rows.map((row) => ({ ...row, stateCode: row.stateCode.trim() }));
  }
}
