import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@spcomms/database';
import { sqlList } from './sql-list';
import { AGREED_NOT_CARRIED_OUT, PENDING_REQUEST, VisitStatus } from './visit-status.machine';

export interface StateVisitCounts {
  stateCode: string;
  carriedOut: number;
  agreed: number;
  pending: number;
  lastVisitOn: string | null;
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

  async countsByState(): Promise<StateVisitCounts[]> {
    const rows = (await this.tx.manager.query(`
      SELECT state_code AS "stateCode",
             COUNT(*) FILTER (WHERE status = '${VisitStatus.Completed}')::int AS "carriedOut",
             COUNT(*) FILTER (WHERE status IN (${sqlList(AGREED_NOT_CARRIED_OUT)}))::int AS "agreed",
             COUNT(*) FILTER (WHERE status IN (${sqlList(PENDING_REQUEST)}))::int AS "pending",
             (MAX(scheduled_to) FILTER (WHERE status = '${VisitStatus.Completed}'))::text AS "lastVisitOn"
        FROM visit
       GROUP BY state_code
    `)) as StateVisitCounts[];
    return rows.map((row) => ({ ...row, stateCode: row.stateCode.trim() }));
  }

  async pendingRequests(): Promise<PendingRequestRow[]> {
    const rows = (await this.tx.manager.query(`
      SELECT m.code AS "mandateCode", m.title AS "mandateTitle", v.state_code AS "stateCode", s.name AS "stateName",
             v.requested_on::text AS "requestedOn", v.status AS "status"
        FROM visit v
        JOIN mandate m ON m.id = v.mandate_id
        JOIN state s ON s.code = v.state_code
       WHERE v.status IN (${sqlList(PENDING_REQUEST)})
       ORDER BY m.code, s.name, v.requested_on
    `)) as PendingRequestRow[];
    return rows.map((row) => ({ ...row, stateCode: row.stateCode.trim() }));
  }
}
