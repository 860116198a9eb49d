import { Injectable } from '@nestjs/common';
import { In, SelectQueryBuilder } from 'typeorm';
import { TransactionHost } from '@spcomms/database';
import { SubmissionCommunicationEntity } from './submission-communication.entity';
import { SubmissionCriterionEntity } from './submission-criterion.entity';
import { SubmissionEntity, SubmissionMandateEntity, SubmissionSourceEntity } from './submission.entity';
import { SubmissionStatus } from './submission.rules';

/**
 * Which submissions a caller may see: those of its mandates, plus (for assistants) those addressed
 * to no mandate, which wait for triage. `all` is for the system itself.
 */
export type SubmissionScope =
  { kind: 'all' } | { kind: 'mandates'; mandateIds: readonly string[]; includeTriage: boolean };

export interface SubmissionPageQuery {
  status?: SubmissionStatus;
  mandateId?: string;
  triageOnly?: boolean;
  /** Keyset: the last line of the previous page (newest first). */
  after?: { receivedAt: Date; id: string };
  limit: number;
}

export type NewSource = Pick<SubmissionSourceEntity, 'name' | 'organisation' | 'email' | 'phone' | 'relation'>;

/** Who a source is, as far as the redaction of a public text must withhold it (C14). */
export type SourceIdentity = Pick<SubmissionSourceEntity, 'name' | 'organisation'>;

@Injectable()
export class SubmissionRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get submissions() {
    return this.tx.manager.getRepository(SubmissionEntity);
  }
  private get sources() {
    return this.tx.manager.getRepository(SubmissionSourceEntity);
  }
  private get mandates() {
    return this.tx.manager.getRepository(SubmissionMandateEntity);
  }
  private get criteria() {
    return this.tx.manager.getRepository(SubmissionCriterionEntity);
  }
  private get links() {
    return this.tx.manager.getRepository(SubmissionCommunicationEntity);
  }

  async insert(
    submission: SubmissionEntity,
    source: NewSource,
    mandateIds: readonly string[],
  ): Promise<SubmissionEntity> {
    const saved = await this.submissions.save(submission);
    await this.sources.insert({ ...source, submissionId: saved.id });
    if (mandateIds.length > 0) {
      await this.mandates.insert(mandateIds.map((mandateId) => ({ submissionId: saved.id, mandateId })));
    }
    return saved;
  }

  receiptCodeTaken(receiptCode: string): Promise<boolean> {
    return this.submissions.existsBy({ receiptCode });
  }

  save(submission: SubmissionEntity): Promise<SubmissionEntity> {
    return this.submissions.save(submission);
  }

  /** The submission if the scope lets the caller see it; `lock` holds it until the transaction ends. */
  findVisible(id: string, scope: SubmissionScope, options: { lock?: boolean } = {}): Promise<SubmissionEntity | null> {
    const query = this.submissions.createQueryBuilder('s').where('s.id = :id', { id });
    this.restrictTo(query, scope);
    if (options.lock) {
      query.setLock('pessimistic_write');
    }
    return query.getOne();
  }

  /** One page, newest first; asks for one line more than `limit` so the caller knows whether a next page exists. */
  findPageVisible(scope: SubmissionScope, page: SubmissionPageQuery): Promise<SubmissionEntity[]> {
    const query = this.submissions.createQueryBuilder('s');
    this.restrictTo(query, scope);
    if (page.status) {
      query.andWhere('s.status = :status', { status: page.status });
    }
    if (page.mandateId) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM submission_mandate fm WHERE fm.submission_id = s.id AND fm.mandate_id = :mandateId)',
        {
          mandateId: page.mandateId,
        },
      );
    }
    if (page.triageOnly) {
      query.andWhere('NOT EXISTS (SELECT 1 FROM submission_mandate ft WHERE ft.submission_id = s.id)');
    }
    if (page.after) {
      query.andWhere('(s.received_at, s.id) < (:afterAt, :afterId)', {
        afterAt: page.after.receivedAt,
        afterId: page.after.id,
      });
    }
    return query
      .orderBy('s.received_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(page.limit + 1)
      .getMany();
  }

  /** How many submissions of this status the scope sees. */
  countVisible(scope: SubmissionScope, status: SubmissionStatus): Promise<number> {
    const query = this.submissions.createQueryBuilder('s').where('s.status = :status', { status });
    this.restrictTo(query, scope);
    return query.getCount();
  }

  private restrictTo(query: SelectQueryBuilder<SubmissionEntity>, scope: SubmissionScope): void {
    if (scope.kind === 'all') {
      return;
    }
    const own =
      'EXISTS (SELECT 1 FROM submission_mandate sm WHERE sm.submission_id = s.id AND sm.mandate_id = ANY(:scopeMandateIds))';
    const triage = 'NOT EXISTS (SELECT 1 FROM submission_mandate st WHERE st.submission_id = s.id)';
    query.andWhere(scope.includeTriage ? `(${own} OR ${triage})` : own, { scopeMandateIds: [...scope.mandateIds] });
  }

  findSource(submissionId: string): Promise<SubmissionSourceEntity | null> {
    return this.sources.findOneBy({ submissionId });
  }

  /** The name and organisation of the source of every submission linked to the letter. */
  async findSourcesOfCommunication(communicationId: string): Promise<SourceIdentity[]> {
    const rows = await this.sources
      .createQueryBuilder('source')
      .select(['source.submissionId', 'source.name', 'source.organisation'])
      .innerJoin(SubmissionCommunicationEntity, 'link', 'link.submissionId = source.submissionId')
      .where('link.communicationId = :communicationId', { communicationId })
      .orderBy('source.submissionId')
      .getMany();
    return rows.map((row) => ({ name: row.name, organisation: row.organisation }));
  }

  async findMandateIds(submissionIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = submissionIds.length === 0 ? [] : await this.mandates.findBy({ submissionId: In([...submissionIds]) });
    return groupBy(
      rows,
      (row) => row.submissionId,
      (row) => row.mandateId,
    );
  }

  async findCommunicationIds(submissionIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = submissionIds.length === 0 ? [] : await this.links.findBy({ submissionId: In([...submissionIds]) });
    return groupBy(
      rows,
      (row) => row.submissionId,
      (row) => row.communicationId,
    );
  }

  findCriteria(submissionId: string): Promise<SubmissionCriterionEntity[]> {
    return this.criteria.find({ where: { submissionId }, order: { criterion: 'ASC' } });
  }

  /** Records criteria; a criterion recorded again (while the submission is still received) replaces the earlier result. */
  async saveCriteria(rows: readonly SubmissionCriterionEntity[]): Promise<void> {
    await this.criteria.upsert([...rows], ['submissionId', 'criterion']);
  }

  /** Replaces the mandates a submission is addressed to. Call with the submission locked. */
  async replaceMandates(submissionId: string, mandateIds: readonly string[]): Promise<void> {
    await this.mandates.delete({ submissionId });
    await this.mandates.insert(mandateIds.map((mandateId) => ({ submissionId, mandateId })));
  }

  /** Links a letter to the submission; answers false when the link existed. Call with the submission locked. */
  async linkCommunication(submissionId: string, communicationId: string, linkedAt: Date): Promise<boolean> {
    if (await this.links.existsBy({ submissionId, communicationId })) {
      return false;
    }
    await this.links.insert({ submissionId, communicationId, linkedAt });
    return true;
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string, value: (row: T) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    groups.set(key(row), [...(groups.get(key(row)) ?? []), value(row)]);
  }
  return groups;
}
