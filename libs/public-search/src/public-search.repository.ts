import { Injectable } from '@nestjs/common';
import { AppConfig } from '@spcomms/config';
import { CursorClient, TransactionHost, cursorRows } from '@spcomms/database';
import { PublishedAttachmentEntity, PublishedCommunicationEntity, PublishedReplyEntity } from '@spcomms/publication';
import { SearchCursor } from './search-cursor';
import { FacetCounts, countFacets } from './facet-queries';

/**
 * Every query of this repository reads the published projection only (published_* tables): what is
 * not published cannot be found, whatever the filters.
 */
import {
  conditions,
  EXPORT_COLUMNS,
  ExportCursor,
  Parameters,
  PublicSearchFilter,
  ReportReplyRow,
  SearchPageRow,
  SearchRow,
  SUMMARY,
  whereSql,
} from './search-queries';
import { searchRows, searchStatements } from './search-statements';

@Injectable()
export class PublicSearchRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
  ) {}

  /**
   * One page of letters: newest first, or by relevance among the most recent matches. Its statements
   * go straight to a connection of the read side (TransactionHost.onReadClient): on the public
   * search's hot path, a query runner and an entity manager would cost more CPU than some of the
   * statements themselves.
   */
  searchPage(
    filter: PublicSearchFilter,
    sort: 'date' | 'relevance',
    limit: number,
    after?: SearchCursor,
  ): Promise<SearchPageRow[]> {
    const statements = searchStatements(filter, sort, limit, after);
    // With a probe, in one transaction: the date-order settings it may switch off end with it.
    return this.tx.onReadClient((session) => searchRows(session, statements), statements.probe !== null);
  }

  /**
   * Counts of the matching letters by mandate, recipient, type, year and reply status, and in all. Other
   * recipients share the pseudo-code: each is counted under its own id and name.
   *
   * Counted first in the fixed sample of the projection (about 4% of the letters, chosen by a hash of
   * their id, narrow and indexed: see countFacets); when the sample shows more than
   * SEARCH_FACETS_EXACT_LIMIT matches, its counts are scaled up (`scale`), else every match is
   * counted. The sample is the same for every request, so that an estimate does not change between
   * two pages of a search; a value rarer than one letter in the sample may be missing from its facet.
   */
  facets(filter: PublicSearchFilter): Promise<FacetCounts> {
    return countFacets(
      (text, values) => this.tx.manager.query(text, values),
      filter,
      this.config.env.SEARCH_FACETS_EXACT_LIMIT,
    );
  }

  /**
   * The matching letters, newest first, as a stream read through a database cursor (cursorRows): rows
   * are fetched in batches as the consumer reads, so that an export of any size holds one batch in memory.
   */
  async openExport(filter: PublicSearchFilter, batchSize = 500): Promise<ExportCursor> {
    const parameters = new Parameters();
    const { where } = conditions(filter, parameters);
    const runner = this.tx.manager.connection.createQueryRunner('slave');
    let released = false;
    const release = async () => {
      if (!released) {
        released = true;
        await runner.release();
      }
    };
    try {
      const client = (await runner.connect()) as CursorClient;
      const rows = cursorRows(
        client,
        `SELECT ${EXPORT_COLUMNS} FROM published_communication p ${whereSql(where)} ORDER BY p.sent_on DESC, p.communication_id DESC`,
        parameters.values,
        batchSize,
      );
      return { rows, release };
    } catch (error) {
      await release();
      throw error;
    }
  }

  // ---- record pages ----

  /** The id of the published letter with this reference, or null. */
  async findIdByReference(reference: string): Promise<string | null> {
    const rows = await this.tx.onReadClient((session) =>
      session.query<{ id: string }>('SELECT communication_id AS id FROM published_communication WHERE reference = $1', [
        reference,
      ]),
    );
    return rows[0]?.id ?? null;
  }

  async findByReference(reference: string): Promise<PublishedCommunicationEntity | null> {
    const rows: PublishedCommunicationEntity[] = await this.tx.manager.query(
      `SELECT ${SUMMARY}, p.reply_requested_by::text AS "replyRequestedBy", p.body, p.law_or_policy AS "lawOrPolicy", p.victims
         FROM published_communication p WHERE p.reference = $1`,
      [reference],
    );
    return rows[0] ?? null;
  }

  findReplies(communicationId: string): Promise<PublishedReplyEntity[]> {
    return this.tx.manager.query(
      `SELECT id, communication_id AS "communicationId", number, received_on::text AS "receivedOn", confidential, language, text,
              corrects_number AS "correctsNumber"
         FROM published_reply WHERE communication_id = $1 ORDER BY number`,
      [communicationId],
    );
  }

  /** Attachments of the letter's public replies (those of confidential replies cannot exist; the join makes sure). */
  findAttachments(communicationId: string): Promise<PublishedAttachmentEntity[]> {
    return this.tx.manager.query(
      `SELECT a.id, a.reply_id AS "replyId", a.position, a.file_name AS "fileName", a.media_type AS "mediaType", a.size::text AS size, a.sha256
         FROM published_attachment a JOIN published_reply r ON r.id = a.reply_id AND NOT r.confidential
        WHERE r.communication_id = $1 ORDER BY r.number, a.position`,
      [communicationId],
    );
  }

  async findLinks(communicationId: string): Promise<{ followsUp: string[]; followedUpBy: string[] }> {
    const rows: Array<{ direction: 'earlier' | 'later'; reference: string }> = await this.tx.manager.query(
      `SELECT 'earlier' AS direction, p.reference FROM published_follow_up f JOIN published_communication p ON p.communication_id = f.follows_up_id
        WHERE f.communication_id = $1
       UNION ALL
       SELECT 'later', p.reference FROM published_follow_up f JOIN published_communication p ON p.communication_id = f.communication_id
        WHERE f.follows_up_id = $1`,
      [communicationId],
    );
    return {
      followsUp: rows.filter((row) => row.direction === 'earlier').map((row) => row.reference),
      followedUpBy: rows.filter((row) => row.direction === 'later').map((row) => row.reference),
    };
  }

  /** A public attachment of a public reply to the letter with this reference, or null. */
  async findAttachment(reference: string, attachmentId: string): Promise<PublishedAttachmentEntity | null> {
    const rows: PublishedAttachmentEntity[] = await this.tx.manager.query(
      `SELECT a.id, a.file_name AS "fileName", a.media_type AS "mediaType", a.size::text AS size, a.sha256, a.storage_key AS "storageKey"
         FROM published_attachment a
         JOIN published_reply r ON r.id = a.reply_id AND NOT r.confidential
         JOIN published_communication p ON p.communication_id = r.communication_id
        WHERE p.reference = $1 AND a.id = $2`,
      [reference, attachmentId],
    );
    return rows[0] ?? null;
  }

  // ---- communications reports (C16) ----

  findLettersSent(from: string, to: string): Promise<SearchRow[]> {
    return this.tx.manager.query(
      `SELECT ${SUMMARY}, NULL::float8 AS rank, NULL::text AS snippet FROM published_communication p
        WHERE p.sent_on BETWEEN $1::date AND $2::date ORDER BY p.sent_on, p.reference`,
      [from, to],
    );
  }

  /** Replies received in [from, to] to letters sent in [sentFrom, sentTo] (sentFrom null: since ever). */
  findRepliesReceived(from: string, to: string, sentFrom: string | null, sentTo: string): Promise<ReportReplyRow[]> {
    return this.tx.manager.query(
      `SELECT p.reference, p.type, p.mandate_codes AS "mandateCodes", p.joint, trim(p.recipient_code) AS "recipientCode", p.recipient_kind AS "recipientKind", p.recipient_name AS "recipientName",
              p.sent_on::text AS "sentOn", r.number, r.received_on::text AS "receivedOn", r.confidential, r.language
         FROM published_reply r JOIN published_communication p ON p.communication_id = r.communication_id
        WHERE r.received_on BETWEEN $1::date AND $2::date
          AND ($3::date IS NULL OR p.sent_on >= $3::date) AND p.sent_on <= $4::date
        ORDER BY r.received_on, p.reference, r.number`,
      [from, to, sentFrom, sentTo],
    );
  }
}
