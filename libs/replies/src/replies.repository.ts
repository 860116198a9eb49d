import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionHost } from '@spcomms/database';
import { ReplyAttachmentEntity } from './reply-attachment.entity';
import { ReplyIdempotencyKeyEntity } from './reply-idempotency-key.entity';
import { ReplyEntity } from './reply.entity';

/** Namespace of the transaction-scoped advisory locks on stored objects (first key of the pair). */
const CONTENT_LOCK = 0x7e_91_02;

export type IdempotencyClaim = { claimed: true; id: string } | { claimed: false; existing: ReplyIdempotencyKeyEntity };

/** Replies of letters, their attachments and the idempotency keys of their submissions. */
@Injectable()
export class RepliesRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get replies() {
    return this.tx.manager.getRepository(ReplyEntity);
  }
  private get attachments() {
    return this.tx.manager.getRepository(ReplyAttachmentEntity);
  }
  private get keys() {
    return this.tx.manager.getRepository(ReplyIdempotencyKeyEntity);
  }

  /**
   * Claims a user's idempotency key for a new reply, or answers the row of the request that claimed
   * it first. A concurrent claim of the same key waits on the unique index until the first
   * transaction ends, then finds its row (or claims the key if the first rolled back).
   */
  async claimIdempotencyKey(userId: string, key: string, requestHash: string, now: Date): Promise<IdempotencyClaim> {
    const inserted: Array<{ id: string }> = await this.tx.manager.query(
      `INSERT INTO reply_idempotency_key (user_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, key) DO NOTHING
       RETURNING id`,
      [userId, key, requestHash, now],
    );
    if (inserted.length === 1) {
      return { claimed: true, id: inserted[0].id };
    }
    const existing = await this.keys.findOneByOrFail({ userId, key });
    return { claimed: false, existing };
  }

  async attachReplyToKey(keyId: string, replyId: string): Promise<void> {
    await this.keys.update({ id: keyId }, { replyId });
  }

  /**
   * Serialises the storing and the clean-up of one stored object until the transaction ends, so that a
   * clean-up never removes bytes that a reply being recorded is about to reference.
   */
  async lockContent(storageKey: string): Promise<void> {
    await this.tx.manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CONTENT_LOCK, storageKey]);
  }

  async isContentReferenced(storageKey: string): Promise<boolean> {
    return this.attachments.existsBy({ storageKey });
  }

  async nextNumber(communicationId: string): Promise<number> {
    const rows: Array<{ next: number }> = await this.tx.manager.query(
      'SELECT COALESCE(MAX(number), 0) + 1 AS next FROM reply WHERE communication_id = $1',
      [communicationId],
    );
    return Number(rows[0].next);
  }

  async insertReply(reply: ReplyEntity): Promise<ReplyEntity> {
    await this.replies.insert(reply);
    return reply;
  }

  async insertAttachments(rows: ReplyAttachmentEntity[]): Promise<ReplyAttachmentEntity[]> {
    if (rows.length > 0) {
      await this.attachments.insert(rows);
    }
    return rows;
  }

  /** A reply to the letter, or null (also when the id belongs to another letter's reply). */
  findReply(communicationId: string, replyId: string): Promise<ReplyEntity | null> {
    return this.replies.findOneBy({ communicationId, id: replyId });
  }

  findRepliesOf(communicationId: string): Promise<ReplyEntity[]> {
    return this.replies.find({ where: { communicationId }, order: { number: 'ASC' } });
  }

  findAttachmentsOf(replyIds: string[]): Promise<ReplyAttachmentEntity[]> {
    if (replyIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.attachments.find({ where: { replyId: In(replyIds) }, order: { position: 'ASC' } });
  }

  /** An attachment of a reply to the letter, or null when any of the three does not belong together. */
  findAttachment(
    communicationId: string,
    replyId: string,
    attachmentId: string,
  ): Promise<ReplyAttachmentEntity | null> {
    return this.attachments
      .createQueryBuilder('a')
      .innerJoin(ReplyEntity, 'r', 'r.id = a.reply_id')
      .where('a.id = :attachmentId AND a.reply_id = :replyId AND r.communication_id = :communicationId', {
        attachmentId,
        replyId,
        communicationId,
      })
      .getOne();
  }

  /**
   * Records that the user has read these replies of the letter, once each: one statement, so that two
   * openings at once neither fail nor write twice.
   */
  async markRead(communicationId: string, replyIds: string[], userId: string, now: Date): Promise<void> {
    if (replyIds.length === 0) {
      return;
    }
    await this.tx.manager.query(
      `INSERT INTO reply_reading (reply_id, user_id, read_at)
       SELECT r.id, $3, $4 FROM reply r WHERE r.communication_id = $1 AND r.id = ANY($2::uuid[])
       ON CONFLICT (reply_id, user_id) DO NOTHING`,
      [communicationId, replyIds, userId, now],
    );
  }

  /**
   * The replies to letters of the given mandates that the user has neither read nor recorded, oldest
   * first, with the total.
   */
  async findUnread(
    userId: string,
    mandateIds: readonly string[],
    limit: number,
  ): Promise<{ count: number; items: UnreadReplyRow[] }> {
    if (mandateIds.length === 0) {
      return { count: 0, items: [] };
    }
    const rows: Array<UnreadReplyRow & { total: string }> = await this.tx.manager.query(
      `SELECT r.id AS "replyId", r.communication_id AS "communicationId", r.number, r.received_on::text AS "receivedOn",
              r.channel, l.reference, COUNT(*) OVER () AS total
         FROM reply r
         JOIN communications_letter_reference l ON l.communication_id = r.communication_id
        WHERE EXISTS (SELECT 1 FROM communications_letter_mandate m
                       WHERE m.communication_id = r.communication_id AND m.mandate_id = ANY($2::uuid[]))
          AND r.recorded_by IS DISTINCT FROM $1
          AND NOT EXISTS (SELECT 1 FROM reply_reading rr WHERE rr.reply_id = r.id AND rr.user_id = $1)
        ORDER BY r.received_on, r.created_at, r.id
        LIMIT $3`,
      [userId, [...mandateIds], limit],
    );
    return {
      count: rows.length > 0 ? Number(rows[0].total) : 0,
      items: rows.map(({ total: _total, ...row }) => ({ ...row, number: Number(row.number) })),
    };
  }
}

/** A reply the user has not read yet, with its letter's reference. */
export interface UnreadReplyRow {
  replyId: string;
  communicationId: string;
  number: number;
  receivedOn: string;
  channel: string;
  reference: string | null;
}
