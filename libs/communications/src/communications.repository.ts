import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionHost } from '@spcomms/database';
import { InstantCursor } from '@spcomms/paging';
import { CommunicationApprovalEntity } from './communication-approval.entity';
import { CommunicationFollowUpEntity } from './communication-link.entity';
import { CommunicationMandateEntity } from './communication-mandate.entity';
import { CommunicationVersionEntity } from './communication-version.entity';
import { CommunicationEntity, CommunicationStatus, LetterType } from './communication.entity';
import { PortalReplyStatus } from './communications.dto';

export interface StaffListFilter {
  mandateIds: readonly string[];
  status?: CommunicationStatus;
  recipient?: string;
  /** Only letters on which this mandate is (already one of the actor's). */
  mandateId?: string;
  type?: LetterType;
  /** Year of sending, else of creation, in `timezone`. */
  year?: { year: number; timezone: string };
  limit: number;
  /** Keyset: the (updated_at, id) of the last row of the previous page. */
  after?: InstantCursor;
}

export interface PortalListFilter {
  type?: LetterType;
  replyStatus?: PortalReplyStatus;
  /** Words of a reference, typed loosely (`ua irn 5 2023`): each must be a word of the reference. */
  referenceWords?: string[];
  /** Today in Geneva: a letter without a reply is overdue from the day after its reply date (C9). */
  today?: string;
  limit: number;
  /** Keyset: the (sent_at, id) of the last row of the previous page. */
  after?: InstantCursor;
}

/** The position of a row in the list of decisions awaited (its deadline in ISO form, `infinity` for none). */
export interface AwaitingDecisionKey {
  deadline: string;
  communicationId: string;
  mandateId: string;
}

export interface AwaitingDecisionRow {
  communicationId: string;
  mandateId: string;
  participation: string;
  signOnDeadline: Date | null;
  key: AwaitingDecisionKey;
}

@Injectable()
export class CommunicationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get letters() {
    return this.tx.manager.getRepository(CommunicationEntity);
  }
  private get versions() {
    return this.tx.manager.getRepository(CommunicationVersionEntity);
  }
  private get mandates() {
    return this.tx.manager.getRepository(CommunicationMandateEntity);
  }
  private get approvals() {
    return this.tx.manager.getRepository(CommunicationApprovalEntity);
  }
  private get followUps() {
    return this.tx.manager.getRepository(CommunicationFollowUpEntity);
  }

  // ---- letters ----

  insert(letter: CommunicationEntity): Promise<CommunicationEntity> {
    return this.letters.save(letter);
  }

  findById(id: string): Promise<CommunicationEntity | null> {
    return this.letters.findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<CommunicationEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.letters.findBy({ id: In(ids) });
  }

  findByReference(reference: string): Promise<CommunicationEntity | null> {
    return this.letters.findOneBy({ reference });
  }

  /** The letter of a type-free reference key (C7: unique). */
  findByReferenceKey(code: string, number: number, year: number): Promise<CommunicationEntity | null> {
    return this.letters.findOneBy({ refCode: code, refNumber: number, refYear: year });
  }

  /**
   * Drafts whose current version one of the mandates (lead or invited) has neither approved nor
   * declined: one row per letter and mandate, earliest sign-on deadline first (the lead's, which has
   * none, last), keyset-paginated after `after`.
   */
  async findAwaitingDecision(
    mandateIds: readonly string[],
    limit: number,
    after?: AwaitingDecisionKey,
  ): Promise<AwaitingDecisionRow[]> {
    if (mandateIds.length === 0) {
      return [];
    }
    const rows: Array<{
      communication_id: string;
      mandate_id: string;
      participation: string;
      sign_on_deadline: Date | null;
    }> = await this.tx.manager.query(
      `SELECT c.id AS communication_id, m.mandate_id, m.participation, m.sign_on_deadline
           FROM communication c
           JOIN communication_mandate m ON m.communication_id = c.id AND m.mandate_id = ANY($1::uuid[]) AND m.participation IN ('lead', 'invited')
           JOIN communication_version v ON v.communication_id = c.id AND v.number = c.current_version
          WHERE c.status = 'draft'
            AND NOT EXISTS (SELECT 1 FROM communication_approval a WHERE a.version_id = v.id AND a.mandate_id = m.mandate_id)
            AND ($2::timestamptz IS NULL OR (COALESCE(m.sign_on_deadline, 'infinity'), c.id, m.mandate_id) > ($2::timestamptz, $3::uuid, $4::uuid))
          ORDER BY COALESCE(m.sign_on_deadline, 'infinity'), c.id, m.mandate_id
          LIMIT $5`,
      [[...mandateIds], after?.deadline ?? null, after?.communicationId ?? null, after?.mandateId ?? null, limit],
    );
    return rows.map((row) => ({
      communicationId: row.communication_id,
      mandateId: row.mandate_id,
      participation: row.participation,
      signOnDeadline: row.sign_on_deadline,
      key: {
        deadline: row.sign_on_deadline?.toISOString() ?? 'infinity',
        communicationId: row.communication_id,
        mandateId: row.mandate_id,
      },
    }));
  }

  /** Locks the letter for the rest of the transaction (transmission, decisions, drops). */
  findByIdForUpdate(id: string): Promise<CommunicationEntity | null> {
    return this.letters.createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  /** Whether one of the mandates is (or was) on the letter. */
  async isOnLetter(communicationId: string, mandateIds: readonly string[]): Promise<boolean> {
    if (mandateIds.length === 0) {
      return false;
    }
    return this.mandates.existsBy({ communicationId, mandateId: In([...mandateIds]) });
  }

  /**
   * Applies the changes only if the row is still at `expectedRevision`, and bumps the revision.
   * Answers false when someone else changed the letter first (no lost update).
   */
  async updateIfRevision(
    id: string,
    expectedRevision: number,
    changes: Partial<CommunicationEntity>,
  ): Promise<boolean> {
    const result = await this.letters
      .createQueryBuilder()
      .update()
      .set({ ...changes, revision: () => 'revision + 1' })
      .where('id = :id AND revision = :expectedRevision', { id, expectedRevision })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async update(id: string, changes: Partial<CommunicationEntity>): Promise<void> {
    await this.letters
      .createQueryBuilder()
      .update()
      .set({ ...changes, revision: () => 'revision + 1' })
      .where('id = :id', { id })
      .execute();
  }

  /** Letters on which one of the mandates is, newest change first, keyset-paginated. */
  findPageForMandates(filter: StaffListFilter): Promise<CommunicationEntity[]> {
    const query = this.letters
      .createQueryBuilder('c')
      .where(
        'EXISTS (SELECT 1 FROM communication_mandate m WHERE m.communication_id = c.id AND m.mandate_id IN (:...mandateIds))',
        { mandateIds: filter.mandateIds.length > 0 ? filter.mandateIds : ['00000000-0000-0000-0000-000000000000'] },
      )
      .orderBy('c.updated_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(filter.limit);
    if (filter.status) {
      query.andWhere('c.status = :status', { status: filter.status });
    }
    if (filter.recipient) {
      query.andWhere('c.recipient_code = :recipient', { recipient: filter.recipient });
    }
    if (filter.mandateId) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM communication_mandate fm WHERE fm.communication_id = c.id AND fm.mandate_id = :filterMandate)',
        { filterMandate: filter.mandateId },
      );
    }
    if (filter.type) {
      query.andWhere('c.type = :type', { type: filter.type });
    }
    if (filter.year) {
      query.andWhere(
        'COALESCE(EXTRACT(YEAR FROM c.sent_on), EXTRACT(YEAR FROM c.created_at AT TIME ZONE :yearZone)) = :year',
        { year: filter.year.year, yearZone: filter.year.timezone },
      );
    }
    if (filter.after) {
      query.andWhere('(c.updated_at, c.id) < (:afterAt, :afterId)', {
        afterAt: filter.after.at,
        afterId: filter.after.id,
      });
    }
    return query.getMany();
  }

  /** Sent letters addressed to a State, newest first (the Government portal). */
  findSentToState(stateCode: string, filter: PortalListFilter): Promise<CommunicationEntity[]> {
    const query = this.letters
      .createQueryBuilder('c')
      .where("c.status = 'sent' AND c.recipient_code = :stateCode", { stateCode })
      .orderBy('c.sent_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(filter.limit);
    if (filter.type) {
      query.andWhere('c.type = :type', { type: filter.type });
    }
    if (filter.replyStatus === 'new') {
      query.andWhere('NOT EXISTS (SELECT 1 FROM portal_letter_opening o WHERE o.communication_id = c.id)');
    } else if (filter.replyStatus) {
      const replied = 'EXISTS (SELECT 1 FROM replies_reply_number r WHERE r.communication_id = c.id)';
      const overdue = filter.today
        ? '(c.overdue_marked_at IS NOT NULL OR c.reply_requested_by < :today)'
        : 'c.overdue_marked_at IS NOT NULL';
      query.andWhere(
        filter.replyStatus === 'replied'
          ? replied
          : filter.replyStatus === 'overdue'
            ? `NOT ${replied} AND ${overdue}`
            : `NOT ${replied}`,
        { today: filter.today },
      );
    }
    (filter.referenceWords ?? []).forEach((word, index) => {
      query.andWhere(`(' ' || regexp_replace(upper(c.reference), '[^A-Z0-9]+', ' ', 'g') || ' ') LIKE :word${index}`, {
        [`word${index}`]: `% ${word} %`,
      });
    });
    if (filter.after) {
      query.andWhere('(c.sent_at, c.id) < (:afterAt, :afterId)', {
        afterAt: filter.after.at,
        afterId: filter.after.id,
      });
    }
    return query.getMany();
  }

  findSentToStateById(stateCode: string, id: string): Promise<CommunicationEntity | null> {
    return this.letters.findOneBy({ id, status: 'sent', recipientCode: stateCode });
  }

  // ---- versions ----

  insertVersion(version: CommunicationVersionEntity): Promise<CommunicationVersionEntity> {
    return this.versions.save(version);
  }

  findVersion(communicationId: string, number: number): Promise<CommunicationVersionEntity | null> {
    return this.versions.findOneBy({ communicationId, number });
  }

  findVersions(communicationId: string): Promise<CommunicationVersionEntity[]> {
    return this.versions.find({ where: { communicationId }, order: { number: 'ASC' } });
  }

  // ---- mandates on a letter ----

  findMandatesOf(communicationId: string): Promise<CommunicationMandateEntity[]> {
    return this.mandates.find({ where: { communicationId }, order: { invitedAt: 'ASC' } });
  }

  async insertMandates(rows: CommunicationMandateEntity[]): Promise<void> {
    await this.mandates.insert(rows);
  }

  async setParticipation(
    communicationId: string,
    mandateId: string,
    changes: Partial<CommunicationMandateEntity>,
  ): Promise<void> {
    await this.mandates.update({ communicationId, mandateId }, changes);
  }

  // ---- approvals ----

  findApprovalsOf(communicationId: string): Promise<CommunicationApprovalEntity[]> {
    return this.approvals.find({ where: { communicationId }, order: { decidedAt: 'ASC' } });
  }

  insertApproval(approval: CommunicationApprovalEntity): Promise<CommunicationApprovalEntity> {
    return this.approvals.save(approval);
  }

  /** Copies the approvals of one version onto the same version number of the group's other letters. */
  async copyApprovals(rows: CommunicationApprovalEntity[]): Promise<void> {
    if (rows.length > 0) {
      await this.approvals.insert(rows);
    }
  }

  // ---- follow-ups ----

  async insertFollowUps(communicationId: string, earlierIds: string[]): Promise<void> {
    if (earlierIds.length > 0) {
      await this.followUps.insert(earlierIds.map((followsUpId) => ({ communicationId, followsUpId })));
    }
  }

  async findFollowUpLinks(id: string): Promise<{ followsUp: string[]; followedUpBy: string[] }> {
    // Sequential: inside a transaction both queries share one connection.
    const earlier = await this.followUps.findBy({ communicationId: id });
    const later = await this.followUps.findBy({ followsUpId: id });
    return { followsUp: earlier.map((row) => row.followsUpId), followedUpBy: later.map((row) => row.communicationId) };
  }
}
