import { Injectable } from '@nestjs/common';
import {
  CommunicationEntity,
  CommunicationVersionEntity,
  LegacySending,
  ReferenceKey,
  findTakenReferenceKeys,
  markLegacyLettersSent,
} from '@spcomms/communications';
import { TransactionHost } from '@spcomms/database';

export type { LegacySending, ReferenceKey };

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
  findTakenReferenceKeys(keys: readonly ReferenceKey[]): Promise<Set<string>> {
    return findTakenReferenceKeys(this.tx.manager, keys);
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
      await markLegacyLettersSent(this.tx.manager, chunk);
    }
  }
}
