import { EntityManager } from 'typeorm';

/**
 * What the import of historical letters (libs/history) reads from and writes to the `communication`
 * table, kept here, beside the table, so that a change of its columns is made in one library.
 */

/** A type-free reference key `{CODE} {n}/{YYYY}` (C7). */
export interface ReferenceKey {
  code: string;
  number: number;
  year: number;
}

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

/**
 * Which of `keys` a letter already holds, answered as `CODE n/YYYY`. Only the fact is answered, never
 * the letter: the caller may not be allowed to see it.
 */
export async function findTakenReferenceKeys(
  manager: EntityManager,
  keys: readonly ReferenceKey[],
): Promise<Set<string>> {
  if (keys.length === 0) {
    return new Set();
  }
  const rows: Array<{ code: string; number: number; year: number }> = await manager.query(
    `SELECT c.ref_code AS code, c.ref_number AS number, c.ref_year AS year
       FROM communication c
       JOIN unnest($1::char(3)[], $2::integer[], $3::smallint[]) AS k(code, number, year)
         ON c.ref_code = k.code AND c.ref_number = k.number AND c.ref_year = k.year`,
    [keys.map((key) => key.code), keys.map((key) => key.number), keys.map((key) => key.year)],
  );
  return new Set(rows.map((row) => `${row.code} ${row.number}/${row.year}`));
}

/**
 * Turns imported drafts (`legacy`) into sent letters with their references and dates, in one
 * statement for all of `letters`; letters already sent or not imported are left alone.
 */
export async function markLegacyLettersSent(manager: EntityManager, letters: readonly LegacySending[]): Promise<void> {
  if (letters.length === 0) {
    return;
  }
  await manager.query(
    `UPDATE communication c
        SET status = 'sent', reference = v.reference, ref_code = v.ref_code, ref_number = v.ref_number, ref_year = v.ref_year,
            sent_at = v.sent_at, sent_on = v.sent_on, reply_requested_by = v.reply_requested_by, public_from = v.public_from
       FROM unnest($1::uuid[], $2::text[], $3::char(3)[], $4::integer[], $5::smallint[], $6::timestamptz[], $7::date[], $8::date[], $9::date[])
            AS v(id, reference, ref_code, ref_number, ref_year, sent_at, sent_on, reply_requested_by, public_from)
      WHERE c.id = v.id AND c.status = 'draft' AND c.legacy`,
    [
      letters.map((letter) => letter.id),
      letters.map((letter) => letter.reference),
      letters.map((letter) => letter.refCode),
      letters.map((letter) => letter.refNumber),
      letters.map((letter) => letter.refYear),
      letters.map((letter) => letter.sentAt),
      letters.map((letter) => letter.sentOn),
      letters.map((letter) => letter.replyRequestedBy),
      letters.map((letter) => letter.publicFrom),
    ],
  );
}
