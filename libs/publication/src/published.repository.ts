import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionHost } from '@spcomms/database';
import { PublishedCommunicationEntity, PublishedMandateEntity } from './published-communication.entity';
import { PublishedAttachmentEntity, PublishedReplyEntity } from './published-reply.entity';

/**
 * Writes of the published projection. Only the publication service uses it; every insert ignores
 * rows that exist, so that publishing twice changes nothing.
 */
@Injectable()
export class PublishedRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get letters() {
    return this.tx.manager.getRepository(PublishedCommunicationEntity);
  }
  private get replies() {
    return this.tx.manager.getRepository(PublishedReplyEntity);
  }

  findLetter(communicationId: string): Promise<PublishedCommunicationEntity | null> {
    return this.letters.findOneBy({ communicationId });
  }

  /** The references of those letters that are published. */
  async findReferences(ids: string[]): Promise<string[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await this.letters.find({
      select: { reference: true },
      where: { communicationId: In(ids) },
      order: { reference: 'ASC' },
    });
    return rows.map((row) => row.reference);
  }

  async isReplyPublished(replyId: string): Promise<boolean> {
    return this.replies.existsBy({ id: replyId });
  }

  /** The caller holds the letter's lock and has checked that it is not published yet. */
  async insertLetter(row: PublishedCommunicationEntity): Promise<void> {
    await this.letters.insert(row);
  }

  async insertReplies(rows: PublishedReplyEntity[], attachments: PublishedAttachmentEntity[]): Promise<void> {
    if (rows.length > 0) {
      await this.replies.createQueryBuilder().insert().values(rows).orIgnore().execute();
    }
    if (attachments.length > 0) {
      await this.tx.manager
        .getRepository(PublishedAttachmentEntity)
        .createQueryBuilder()
        .insert()
        .values(attachments)
        .orIgnore()
        .execute();
    }
  }

  /** Sets the reply-requested date of a published letter (an extension); answers whether the letter is published. */
  async updateReplyRequestedBy(communicationId: string, replyRequestedBy: string): Promise<boolean> {
    const result = await this.letters.update({ communicationId }, { replyRequestedBy });
    return (result.affected ?? 0) > 0;
  }

  /** Links the pairs whose two letters are both published. */
  async insertFollowUps(pairs: Array<{ later: string; earlier: string }>): Promise<void> {
    if (pairs.length === 0) {
      return;
    }
    await this.tx.manager.query(
      `INSERT INTO published_follow_up (communication_id, follows_up_id)
       SELECT pair.later, pair.earlier FROM unnest($1::uuid[], $2::uuid[]) AS pair(later, earlier)
        WHERE EXISTS (SELECT 1 FROM published_communication WHERE communication_id = pair.later)
          AND EXISTS (SELECT 1 FROM published_communication WHERE communication_id = pair.earlier)
       ON CONFLICT DO NOTHING`,
      [pairs.map((pair) => pair.later), pairs.map((pair) => pair.earlier)],
    );
  }

  /** The labels of the public mandate facet: the title as of the last publication. */
  async upsertMandates(mandates: Array<{ code: string; title: string }>): Promise<void> {
    if (mandates.length > 0) {
      await this.tx.manager.getRepository(PublishedMandateEntity).upsert(mandates, ['code']);
    }
  }
}
