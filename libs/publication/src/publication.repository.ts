import { Injectable } from '@nestjs/common';
import type { VersionContent } from '@spcomms/domain-events';
import { TransactionHost } from '@spcomms/database';
import { CommunicationPublicationEntity, RedactionCheckEntity } from './communication-publication.entity';

/** What publication reads of an internal letter. */
export interface SourceLetter {
  id: string;
  type: string;
  legacyType: string | null;
  status: string;
  reference: string | null;
  recipientCode: string;
  otherRecipientId: string | null;
  currentVersion: number;
  sentOn: string | null;
  replyRequestedBy: string | null;
  publicFrom: string | null;
  leadMandateId: string;
}

export interface SourceMandate {
  mandateId: string;
  code: string;
  title: string;
  lead: boolean;
}

export interface SourceReply {
  id: string;
  communicationId: string;
  number: number;
  receivedOn: string;
  language: string;
  text: string | null;
  confidential: boolean;
  correctsNumber: number | null;
}

export interface SourceAttachment {
  id: string;
  replyId: string;
  position: number;
  fileName: string;
  mediaType: string;
  size: string;
  sha256: string;
  storageKey: string;
}

const LETTER_COLUMNS = `
  c.id, c.type, c.legacy_type AS "legacyType", c.status, c.reference, trim(c.recipient_code) AS "recipientCode",
  c.other_recipient_id AS "otherRecipientId", c.current_version AS "currentVersion", c.sent_on::text AS "sentOn",
  c.reply_requested_by::text AS "replyRequestedBy", c.public_from::text AS "publicFrom", c.lead_mandate_id AS "leadMandateId"`;

const REPLY_COLUMNS = `
  r.id, r.communication_id AS "communicationId", r.number, r.received_on::text AS "receivedOn", r.language, r.text, r.confidential,
  corrected.number AS "correctsNumber"`;

/**
 * The internal facts publication needs (letters, their signed version, mandates, replies), the
 * redaction checks and the publication state of letters. Other libs' facts are read in SQL through
 * the views their owners document (`communications_*`, `reference_*`, `replies_*`), never their
 * tables: the communications lib calls this one when it sends, so this one does not import it.
 */
@Injectable()
export class PublicationRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get checks() {
    return this.tx.manager.getRepository(RedactionCheckEntity);
  }
  private get states() {
    return this.tx.manager.getRepository(CommunicationPublicationEntity);
  }

  // ---- internal letters (read only) ----

  async findLetter(id: string): Promise<SourceLetter | null> {
    const rows: SourceLetter[] = await this.tx.manager.query(
      `SELECT ${LETTER_COLUMNS} FROM communications_letter c WHERE c.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Locks the letter until the transaction ends: its publication and its redaction check queue behind each other. */
  async findLetterForUpdate(id: string): Promise<SourceLetter | null> {
    const rows: SourceLetter[] = await this.tx.manager.query(
      `SELECT ${LETTER_COLUMNS} FROM communications_letter c WHERE c.id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Reads the letter with a key-share lock: it waits while the letter is being published (which locks
   * it FOR UPDATE), and does not hold up other changes of the letter.
   */
  async findLetterForKeyShare(id: string): Promise<SourceLetter | null> {
    const rows: SourceLetter[] = await this.tx.manager.query(
      `SELECT ${LETTER_COLUMNS} FROM communications_letter c WHERE c.id = $1 FOR KEY SHARE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findVersionContent(communicationId: string, number: number): Promise<VersionContent | null> {
    const rows: Array<{ content: VersionContent }> = await this.tx.manager.query(
      'SELECT content FROM communications_letter_version WHERE communication_id = $1 AND number = $2',
      [communicationId, number],
    );
    return rows[0]?.content ?? null;
  }

  /**
   * Sent letters of the mandates, not yet published, whose current version has no redaction check and
   * which become public by `until` (or are blocked already), soonest first.
   */
  async findAwaitingCheck(
    mandateIds: readonly string[],
    until: string,
  ): Promise<Array<{ id: string; reference: string; publicFrom: string }>> {
    if (mandateIds.length === 0) {
      return [];
    }
    return this.tx.manager.query(
      `SELECT c.id, c.reference, c.public_from::text AS "publicFrom"
         FROM communications_letter c
        WHERE c.status = 'sent' AND c.public_from <= $2::date
          AND EXISTS (SELECT 1 FROM communications_letter_mandate m
                       WHERE m.communication_id = c.id AND m.mandate_id = ANY($1::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM redaction_check k
                           WHERE k.communication_id = c.id AND k.version_number = c.current_version)
          AND NOT EXISTS (SELECT 1 FROM communication_publication p
                           WHERE p.communication_id = c.id AND p.state = 'published')
        ORDER BY c.public_from, c.id
        LIMIT 50`,
      [[...mandateIds], until],
    );
  }

  /** Whether one of the mandates is (or was) on the letter. */
  async isOnLetter(communicationId: string, mandateIds: readonly string[]): Promise<boolean> {
    if (mandateIds.length === 0) {
      return false;
    }
    const rows = await this.tx.manager.query(
      'SELECT 1 FROM communications_letter_mandate WHERE communication_id = $1 AND mandate_id = ANY($2::uuid[]) LIMIT 1',
      [communicationId, [...mandateIds]],
    );
    return rows.length > 0;
  }

  /** The mandates still on the letter (the lead and the co-signers who neither declined nor were dropped). */
  findSigningMandates(communicationId: string): Promise<SourceMandate[]> {
    return this.tx.manager.query(
      `SELECT m.id AS "mandateId", m.code, m.title, (cm.participation = 'lead') AS lead
         FROM communications_letter_mandate cm JOIN reference_mandate m ON m.id = cm.mandate_id
        WHERE cm.communication_id = $1 AND cm.participation IN ('lead', 'invited')
        ORDER BY (cm.participation = 'lead') DESC, m.code`,
      [communicationId],
    );
  }

  /** The public name of the recipient: the State's UN short name, or the other recipient's name. */
  async findRecipientName(letter: SourceLetter): Promise<string> {
    const rows: Array<{ name: string }> = letter.otherRecipientId
      ? await this.tx.manager.query('SELECT name FROM reference_other_recipient WHERE id = $1', [
          letter.otherRecipientId,
        ])
      : await this.tx.manager.query('SELECT name FROM reference_state WHERE code = $1', [letter.recipientCode]);
    return rows[0]?.name ?? letter.recipientCode;
  }

  async findFollowUpIds(communicationId: string): Promise<{ followsUp: string[]; followedUpBy: string[] }> {
    const rows: Array<{ earlier: string; later: string }> = await this.tx.manager.query(
      `SELECT follows_up_id AS earlier, communication_id AS later FROM communications_follow_up
        WHERE communication_id = $1 OR follows_up_id = $1`,
      [communicationId],
    );
    return {
      followsUp: rows.filter((row) => row.later === communicationId).map((row) => row.earlier),
      followedUpBy: rows.filter((row) => row.earlier === communicationId).map((row) => row.later),
    };
  }

  // ---- internal replies (read only) ----

  findReplies(communicationId: string): Promise<SourceReply[]> {
    return this.tx.manager.query(
      `SELECT ${REPLY_COLUMNS} FROM replies_reply r LEFT JOIN replies_reply corrected ON corrected.id = r.corrects_reply_id
        WHERE r.communication_id = $1 ORDER BY r.number`,
      [communicationId],
    );
  }

  async findReply(replyId: string): Promise<SourceReply | null> {
    const rows: SourceReply[] = await this.tx.manager.query(
      `SELECT ${REPLY_COLUMNS} FROM replies_reply r LEFT JOIN replies_reply corrected ON corrected.id = r.corrects_reply_id WHERE r.id = $1`,
      [replyId],
    );
    return rows[0] ?? null;
  }

  findAttachments(replyIds: string[]): Promise<SourceAttachment[]> {
    if (replyIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.tx.manager.query(
      `SELECT id, reply_id AS "replyId", position, file_name AS "fileName", media_type AS "mediaType", size::text AS size,
              sha256, storage_key AS "storageKey"
         FROM replies_reply_attachment WHERE reply_id = ANY($1::uuid[]) ORDER BY reply_id, position`,
      [replyIds],
    );
  }

  // ---- redaction checks (C11) ----

  findChecks(communicationId: string): Promise<RedactionCheckEntity[]> {
    return this.checks.find({ where: { communicationId }, order: { versionNumber: 'ASC' } });
  }

  findCheck(communicationId: string, versionNumber: number): Promise<RedactionCheckEntity | null> {
    return this.checks.findOneBy({ communicationId, versionNumber });
  }

  /** Inserts the check unless one of the same version exists; answers whether it did. */
  async insertCheck(check: RedactionCheckEntity): Promise<boolean> {
    const rows = await this.tx.manager.query(
      `INSERT INTO redaction_check (communication_id, version_number, checked_by, checked_at, notes) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (communication_id, version_number) DO NOTHING RETURNING id`,
      [check.communicationId, check.versionNumber, check.checkedBy, check.checkedAt, check.notes],
    );
    return rows.length === 1;
  }

  // ---- publication state ----

  findState(communicationId: string): Promise<CommunicationPublicationEntity | null> {
    return this.states.findOneBy({ communicationId });
  }

  async saveState(state: CommunicationPublicationEntity): Promise<void> {
    await this.states.save(state);
  }
}
