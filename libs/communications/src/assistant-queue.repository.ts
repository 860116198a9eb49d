import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@spcomms/database';

export interface QueueDraftRow {
  id: string;
  subject: string;
  /** Mandates on the letter (lead or invited) that have not approved its current version. */
  missing: string[];
  /** The earliest sign-on deadline of an invited mandate. */
  signOnBy: Date | null;
}

export interface QueueDeclinedRow {
  id: string;
  subject: string;
  mandateId: string;
  decidedAt: Date;
}

export interface QueueSentRow {
  id: string;
  reference: string;
  replyRequestedBy: string;
}

const LIMIT = 50;

/** What waits for the assistants of some mandates, over the letters those mandates are on. */
@Injectable()
export class AssistantQueueRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Drafts of the mandates, with the mandates whose approval of the current version is missing. */
  async findDrafts(mandateIds: readonly string[]): Promise<QueueDraftRow[]> {
    const rows: Array<{ id: string; subject: string; missing: string[] | null; sign_on_by: Date | null }> =
      await this.tx.manager.query(
        `SELECT c.id, c.subject,
                ARRAY(SELECT m.mandate_id::text FROM communication_mandate m
                       WHERE m.communication_id = c.id AND m.participation IN ('lead', 'invited')
                         AND NOT EXISTS (SELECT 1 FROM communication_approval a
                                          WHERE a.version_id = v.id AND a.mandate_id = m.mandate_id AND a.decision = 'approve')
                       ORDER BY m.mandate_id) AS missing,
                (SELECT min(m.sign_on_deadline) FROM communication_mandate m
                  WHERE m.communication_id = c.id AND m.participation = 'invited') AS sign_on_by
           FROM communication c
           JOIN communication_version v ON v.communication_id = c.id AND v.number = c.current_version
          WHERE c.status = 'draft'
            AND EXISTS (SELECT 1 FROM communication_mandate s
                         WHERE s.communication_id = c.id AND s.mandate_id = ANY($1::uuid[]) AND s.participation IN ('lead', 'invited'))
          ORDER BY sign_on_by NULLS LAST, c.updated_at DESC, c.id
          LIMIT ${LIMIT}`,
        [[...mandateIds]],
      );
    return rows.map((row) => ({
      id: row.id,
      subject: row.subject,
      missing: row.missing ?? [],
      signOnBy: row.sign_on_by,
    }));
  }

  /** Declines of the current version of the mandates' drafts, newest first. */
  async findDeclined(mandateIds: readonly string[]): Promise<QueueDeclinedRow[]> {
    const rows: Array<{ id: string; subject: string; mandate_id: string; decided_at: Date }> =
      await this.tx.manager.query(
        `SELECT c.id, c.subject, a.mandate_id, a.decided_at
           FROM communication c
           JOIN communication_version v ON v.communication_id = c.id AND v.number = c.current_version
           JOIN communication_approval a ON a.version_id = v.id AND a.decision = 'decline'
          WHERE c.status = 'draft'
            AND EXISTS (SELECT 1 FROM communication_mandate s
                         WHERE s.communication_id = c.id AND s.mandate_id = ANY($1::uuid[]) AND s.participation = 'lead')
          ORDER BY a.decided_at DESC, c.id
          LIMIT ${LIMIT}`,
        [[...mandateIds]],
      );
    return rows.map((row) => ({
      id: row.id,
      subject: row.subject,
      mandateId: row.mandate_id,
      decidedAt: row.decided_at,
    }));
  }

  /** Sent letters of the mandates with no reply whose reply date has passed (C9), oldest first. */
  async findOverdue(mandateIds: readonly string[], today: string): Promise<QueueSentRow[]> {
    const rows: Array<{ id: string; reference: string; reply_requested_by: string }> = await this.tx.manager.query(
      `SELECT c.id, c.reference, c.reply_requested_by::text AS reply_requested_by
         FROM communication c
        WHERE c.status = 'sent' AND c.reply_requested_by < $2::date
          AND NOT EXISTS (SELECT 1 FROM replies_reply_number r WHERE r.communication_id = c.id)
          AND EXISTS (SELECT 1 FROM communication_mandate s
                       WHERE s.communication_id = c.id AND s.mandate_id = ANY($1::uuid[]) AND s.participation IN ('lead', 'invited'))
        ORDER BY c.reply_requested_by, c.id
        LIMIT ${LIMIT}`,
      [[...mandateIds], today],
    );
    return rows.map((row) => ({ id: row.id, reference: row.reference, replyRequestedBy: row.reply_requested_by }));
  }
}
