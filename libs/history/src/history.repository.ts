import { Injectable } from '@nestjs/common';
import { CommunicationEntity, CommunicationVersionEntity } from '@spcomms/communications';
import { TransactionHost } from '@spcomms/database';

/** The reference and dates an imported letter is sent with. */
export interface LegacySending {
  id: string;
  reference: string;
  refCode: string;
  refNumber: number;
  refYear: number;
  sentAt: Date;
  sentOn: string;
  replyRequestedBy: string;
  publicFrom: string;
}

export interface ReferenceKey {
  code: string;
  number: number;
  year: number;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters per statement for every table written. */
export const INSERT_CHUNK = 500;

export function chunks<T>(rows: readonly T[], size = INSERT_CHUNK): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += size) {
    result.push(rows.slice(start, start + size));
  }
  return result;
}

/** What an import needs beyond the letters' and the reference data's own repositories. */
@Injectable()
export class HistoryRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Which of the type-free keys `{CODE} {n}/{YYYY}` a letter already holds (C7), answered as
   * `CODE n/YYYY`. Only the fact is answered, never the letter: its importer may not see it.
   */
  async findTakenReferenceKeys(keys: readonly ReferenceKey[]): Promise<Set<string>> {
    if (keys.length === 0) {
      return new Set();
    }
    const rows: Array<{ code: string; number: number; year: number }> = await this.tx.manager.query(
      `SELECT c.ref_code AS code, c.ref_number AS number, c.ref_year AS year
         FROM communication c
         JOIN unnest($1::char(3)[], $2::integer[], $3::smallint[]) AS k(code, number, year)
           ON c.ref_code = k.code AND c.ref_number = k.number AND c.ref_year = k.year`,
      [keys.map((key) => key.code), keys.map((key) => key.number), keys.map((key) => key.year)],
    );
    return new Set(rows.map((row) => `${row.code} ${row.number}/${row.year}`));
  }

  /**
   * Inserts imported letters as drafts with their first versions, ids given, many rows per statement:
   * an import writes thousands of letters in one transaction.
   */
  async insertLegacyLetters(letters: CommunicationEntity[], versions: CommunicationVersionEntity[]): Promise<void> {
    for (const chunk of chunks(letters)) {
      await this.tx.manager.getRepository(CommunicationEntity).insert(chunk);
    }
    for (const chunk of chunks(versions)) {
      await this.tx.manager.getRepository(CommunicationVersionEntity).insert(chunk);
    }
  }

  /**
   * Turns the imported drafts into sent letters with their references and dates, as a transmission
   * does, once their versions, mandates and approvals exist: what is computed from a sent letter
   * (the statistics) is then computed once per letter, from all of it.
   */
  async markLegacyLettersSent(letters: readonly LegacySending[]): Promise<void> {
    for (const chunk of chunks(letters)) {
      await this.tx.manager.query(
        `UPDATE communication c
            SET status = 'sent', reference = v.reference, ref_code = v.ref_code, ref_number = v.ref_number, ref_year = v.ref_year,
                sent_at = v.sent_at, sent_on = v.sent_on, reply_requested_by = v.reply_requested_by, public_from = v.public_from
           FROM unnest($1::uuid[], $2::text[], $3::char(3)[], $4::integer[], $5::smallint[], $6::timestamptz[], $7::date[], $8::date[], $9::date[])
                AS v(id, reference, ref_code, ref_number, ref_year, sent_at, sent_on, reply_requested_by, public_from)
          WHERE c.id = v.id AND c.status = 'draft' AND c.legacy`,
        [
          chunk.map((letter) => letter.id),
          chunk.map((letter) => letter.reference),
          chunk.map((letter) => letter.refCode),
          chunk.map((letter) => letter.refNumber),
          chunk.map((letter) => letter.refYear),
          chunk.map((letter) => letter.sentAt),
          chunk.map((letter) => letter.sentOn),
          chunk.map((letter) => letter.replyRequestedBy),
          chunk.map((letter) => letter.publicFrom),
        ],
      );
    }
  }
}
