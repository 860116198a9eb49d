import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionHost } from '@spcomms/database';
import { PortalLetterOpeningEntity } from './portal-letter-opening.entity';

/** What the recipient State's inbox adds to its letters: whether it opened them, whether it replied. */
@Injectable()
export class PortalInboxRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get openings() {
    return this.tx.manager.getRepository(PortalLetterOpeningEntity);
  }

  /**
   * Records the first opening of a letter by its State, in one statement: two focal points opening it
   * at once leave one row, the first; later openings change nothing.
   */
  async recordOpening(communicationId: string, stateCode: string, userId: string, at: Date): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO portal_letter_opening (communication_id, state_code, opened_by, opened_at)
       SELECT c.id, c.recipient_code, $3, $4 FROM communication c
        WHERE c.id = $1 AND c.recipient_code = $2 AND c.status = 'sent'
       ON CONFLICT (communication_id) DO NOTHING`,
      [communicationId, stateCode, userId, at],
    );
  }

  /** When the State first opened each of these letters (absent: not yet). */
  async findOpenings(stateCode: string, ids: string[]): Promise<Map<string, Date>> {
    const rows = ids.length === 0 ? [] : await this.openings.findBy({ communicationId: In(ids), stateCode });
    return new Map(rows.map((row) => [row.communicationId, row.openedAt]));
  }

  /** The letters among these with at least one reply. */
  async findReplied(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) {
      return new Set();
    }
    const rows: Array<{ communication_id: string }> = await this.tx.manager.query(
      `SELECT DISTINCT communication_id FROM replies_reply_number WHERE communication_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Set(rows.map((row) => row.communication_id));
  }

  /**
   * Sent letters on any of these mandates, to a State (not another recipient), flagged at transmission
   * as reaching no focal point, and not replied to: newest first.
   */
  async findUnreachableOfMandates(
    mandateIds: readonly string[],
    limit: number,
  ): Promise<Array<{ id: string; reference: string; recipientCode: string; sentOn: string }>> {
    if (mandateIds.length === 0) {
      return [];
    }
    const rows: Array<{ id: string; reference: string; recipient_code: string; sent_on: string }> =
      await this.tx.manager.query(
        `SELECT c.id, c.reference, c.recipient_code, to_char(c.sent_on, 'YYYY-MM-DD') AS sent_on
           FROM communication c
          WHERE c.status = 'sent' AND c.recipient_unreachable AND c.other_recipient_id IS NULL
            AND EXISTS (SELECT 1 FROM communication_mandate m
                         WHERE m.communication_id = c.id AND m.mandate_id = ANY($1::uuid[])
                           AND m.participation IN ('lead', 'invited'))
            AND NOT EXISTS (SELECT 1 FROM replies_reply_number r WHERE r.communication_id = c.id)
          ORDER BY c.sent_at DESC, c.id DESC
          LIMIT $2`,
        [[...mandateIds], limit],
      );
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      recipientCode: row.recipient_code,
      sentOn: row.sent_on,
    }));
  }
}
