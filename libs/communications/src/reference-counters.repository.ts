import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@spcomms/database';

/** What sending sets on a letter besides its number (ReferenceCountersRepository.sendUnderNextNumber). */
export interface LetterSending {
  type: string;
  /** The recipient's code: the counter's, and the reference's. */
  code: string;
  year: number;
  groupId: string | null;
  sentAt: Date;
  sentOn: string;
  replyRequestedBy: string;
  publicFrom: string;
  /** No e-mail reaches the recipient (the letter is sent all the same). */
  unreachable: boolean;
}

/**
 * The reference counters (C7): one row per recipient code and year, the last number taken. Sending
 * takes the next number and writes it on the letter in one statement; a preview reads it; an import
 * of letters with their own references moves it forward.
 */
@Injectable()
export class ReferenceCountersRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Sends a letter under the next number of its recipient's counter (C7), in one statement: the
   * counter's row lock, which queues the senders to the same recipient, is taken here and held to
   * the commit, and a rollback gives the number back (no hole). Answers the number and the reference
   * written (formatReference's form, made here in SQL because the number is only known here).
   */
  async sendUnderNextNumber(id: string, sending: LetterSending): Promise<{ number: number; reference: string }> {
    const result: unknown = await this.tx.manager.query(
      `WITH counter AS (
         INSERT INTO reference_counter (code, year, last_number) VALUES ($2, $3, 1)
         ON CONFLICT (code, year) DO UPDATE SET last_number = reference_counter.last_number + 1
         RETURNING last_number
       )
       UPDATE communication c
          SET status = 'sent', group_id = $4, reference = $5 || ' ' || $2 || ' ' || counter.last_number || '/' || $3,
              ref_code = $2, ref_number = counter.last_number, ref_year = $3, sent_at = $6, sent_on = $7,
              reply_requested_by = $8, public_from = $9, co_recipient_codes = '{}', updated_at = $6,
              recipient_unreachable = c.recipient_unreachable OR $10, revision = c.revision + 1
         FROM counter
        WHERE c.id = $1
       RETURNING c.ref_number, c.reference`,
      [
        id,
        sending.code,
        sending.year,
        sending.groupId,
        sending.type,
        sending.sentAt,
        sending.sentOn,
        sending.replyRequestedBy,
        sending.publicFrom,
        sending.unreachable,
      ],
    );
    // TypeORM answers an UPDATE … RETURNING as [rows, affected].
    const [rows] = result as [Array<{ ref_number: number; reference: string }>, number];
    if (rows.length !== 1) {
      throw new Error(`Letter ${id} was not found to be sent`);
    }
    return { number: rows[0].ref_number, reference: rows[0].reference };
  }

  /** The number the next letter to `code` in `year` would get, without taking it (a preview). */
  async peekReferenceNumber(code: string, year: number): Promise<number> {
    const rows: Array<{ last_number: number }> = await this.tx.manager.query(
      `SELECT last_number FROM reference_counter WHERE code = $1 AND year = $2`,
      [code, year],
    );
    return (rows[0]?.last_number ?? 0) + 1;
  }

  /** Moves a counter forward to at least `number` (imports of letters with their own references). */
  async raiseReferenceCounter(code: string, year: number, number: number): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO reference_counter (code, year, last_number) VALUES ($1, $2, $3)
       ON CONFLICT (code, year) DO UPDATE SET last_number = GREATEST(reference_counter.last_number, EXCLUDED.last_number)`,
      [code, year, number],
    );
  }
}
