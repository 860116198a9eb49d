import { Injectable } from '@nestjs/common';
import { FindOptionsWhere, In } from 'typeorm';
import { TransactionHost } from '@spcomms/database';
import { VisitAssuranceEntity } from './visit-assurance.entity';
import { VisitFollowUpEntity } from './visit-follow-up.entity';
import { VisitMove } from './visit-move';
import { VisitStatusChangeEntity } from './visit-status-change.entity';
import { CLOSED, VisitStatus } from './visit-status.machine';
import { VisitEntity } from './visit.entity';

/** Who a query is for: the mandates of an assistant or mandate-holder, or the State of a government user. */
export type VisitScope = { mandateIds: readonly string[] } | { stateCode: string };

export interface VisitFilter {
  mandateId?: string;
  stateCode?: string;
  status?: VisitStatus;
}

/** One page of a list: `limit` rows after the keyset (requested_on, created_at, id) of the previous page's last. */
export interface VisitPage {
  limit: number;
  after?: { requestedOn: string; createdAt: Date; id: string };
}

/** The visit aggregate: the request, its checklist, its status changes and its follow-ups. */
@Injectable()
export class VisitsRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get visits() {
    return this.tx.manager.getRepository(VisitEntity);
  }
  private get assurances() {
    return this.tx.manager.getRepository(VisitAssuranceEntity);
  }
  private get changes() {
    return this.tx.manager.getRepository(VisitStatusChangeEntity);
  }
  private get followUps() {
    return this.tx.manager.getRepository(VisitFollowUpEntity);
  }

  private scoped(scope: VisitScope): FindOptionsWhere<VisitEntity> | null {
    if ('stateCode' in scope) {
      return { stateCode: scope.stateCode };
    }
    return scope.mandateIds.length === 0 ? null : { mandateId: In([...scope.mandateIds]) };
  }

  /** The visit if the scope may see it, else null (the caller answers 404). */
  findInScope(id: string, scope: VisitScope): Promise<VisitEntity | null> {
    const where = this.scoped(scope);
    return where ? this.visits.findOneBy({ ...where, id }) : Promise.resolve(null);
  }

  /** Same, locking the row until the transaction ends, so that moves on one visit happen one at a time. */
  lockInScope(id: string, scope: VisitScope): Promise<VisitEntity | null> {
    const where = this.scoped(scope);
    return where
      ? this.visits.findOne({ where: { ...where, id }, lock: { mode: 'pessimistic_write' } })
      : Promise.resolve(null);
  }

  /** For the system (reminders): the visit, locked. */
  lockById(id: string): Promise<VisitEntity | null> {
    return this.visits.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  listInScope(scope: VisitScope, filter: VisitFilter, page: VisitPage): Promise<VisitEntity[]> {
    const query = this.visits.createQueryBuilder('v');
    if ('stateCode' in scope) {
      query.where('v.state_code = :scopeState', { scopeState: scope.stateCode });
    } else if (scope.mandateIds.length > 0) {
      query.where('v.mandate_id IN (:...scopeMandates)', { scopeMandates: scope.mandateIds });
    } else {
      return Promise.resolve([]);
    }
    if (filter.mandateId) {
      query.andWhere('v.mandate_id = :mandateId', { mandateId: filter.mandateId });
    }
    if (filter.stateCode) {
      query.andWhere('v.state_code = :stateCode', { stateCode: filter.stateCode });
    }
    if (filter.status) {
      query.andWhere('v.status = :status', { status: filter.status });
    }
    if (page.after) {
      query.andWhere('(v.requested_on, v.created_at, v.id) < (:afterDay, :afterAt, :afterId)', {
        afterDay: page.after.requestedOn,
        afterAt: page.after.createdAt,
        afterId: page.after.id,
      });
    }
    return query
      .orderBy('v.requestedOn', 'DESC')
      .addOrderBy('v.createdAt', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .limit(page.limit)
      .getMany();
  }

  /** The request of the mandate to the State that is still open (not completed, declined or cancelled). */
  findOpenRequest(mandateId: string, stateCode: string): Promise<VisitEntity | null> {
    return this.visits
      .createQueryBuilder('v')
      .where('v.mandate_id = :mandateId AND v.state_code = :stateCode', { mandateId, stateCode })
      .andWhere('v.status NOT IN (:...closed)', { closed: CLOSED })
      .getOne();
  }

  saveVisit(visit: VisitEntity): Promise<VisitEntity> {
    return this.visits.save(visit);
  }

  findAssurances(visitId: string): Promise<VisitAssuranceEntity[]> {
    return this.assurances.findBy({ visitId });
  }

  /** Row by row: TypeORM saves an array's updates concurrently, which one transaction's connection cannot run. */
  async saveAssurances(rows: VisitAssuranceEntity[]): Promise<void> {
    for (const row of rows) {
      await this.assurances.save(row);
    }
  }

  findHistory(visitId: string): Promise<VisitStatusChangeEntity[]> {
    return this.changes.find({ where: { visitId }, order: { seq: 'ASC' } });
  }

  /** The latest change of the visit made by `move`, if any. */
  findLastChange(visitId: string, move: VisitMove): Promise<VisitStatusChangeEntity | null> {
    return this.changes.findOne({ where: { visitId, move }, order: { seq: 'DESC' } });
  }

  /** Appends a status change with the next number; the caller holds the visit's row lock. */
  async appendStatusChange(
    change: Omit<VisitStatusChangeEntity, 'id' | 'seq' | 'visit'>,
  ): Promise<VisitStatusChangeEntity> {
    const [{ next }] = (await this.tx.manager.query(
      'SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM visit_status_change WHERE visit_id = $1',
      [change.visitId],
    )) as Array<{ next: number }>;
    return this.changes.save(Object.assign(new VisitStatusChangeEntity(), change, { seq: Number(next) }));
  }

  findFollowUps(visitId: string): Promise<VisitFollowUpEntity[]> {
    return this.followUps.find({ where: { visitId }, order: { dueOn: 'ASC', createdAt: 'ASC' } });
  }

  saveFollowUp(followUp: VisitFollowUpEntity): Promise<VisitFollowUpEntity> {
    return this.followUps.save(followUp);
  }
}
