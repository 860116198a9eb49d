import { Injectable } from '@nestjs/common';
import { Actor, UserActor, describeActor } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock, calendarDateIn } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { TransactionHost, isUniqueViolation } from '@spcomms/database';
import { DomainEventBus, VisitRequested } from '@spcomms/domain-events';
import { NotFoundException } from '@spcomms/errors';
import { Page, PageQueryDto, PageQueryFields, decodeCursor, encodeCursor, pageOf, pageSize } from '@spcomms/paging';
import { MandateEntity, ReferenceRepository, ReferenceService } from '@spcomms/reference';
import { requireGovernment, requireMandateStaff } from './visit-access';
import { ALL_ASSURANCE_ITEMS } from './visit-assurance';
import { VisitAssuranceEntity } from './visit-assurance.entity';
import { VisitChannel, VisitMove } from './visit-move';
import { GovernmentVisitDto, VisitDto, VisitSummaryDto } from './visit-response.dto';
import { VisitStatus } from './visit-status.machine';
import { VisitViewService } from './visit-view.service';
import { VisitEntity } from './visit.entity';
import {
  AssuranceInputDto,
  CreateVisitRequestDto,
  ListVisitsQueryDto,
  UpdateAssurancesDto,
  UpdateVisitDto,
} from './visits.dto';
import { VisitsErrorCode, VisitsException } from './visits.exception';
import { VisitPage, VisitsRepository } from './visits.repository';

/** Visit requests (V1): making them, reading them, keeping their details and checklist. */
@Injectable()
export class VisitsService {
  constructor(
    private readonly repository: VisitsRepository,
    private readonly reference: ReferenceRepository,
    private readonly referenceService: ReferenceService,
    private readonly views: VisitViewService,
    private readonly bus: DomainEventBus,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * A mandate asks a State for a visit. VisitRequested's subscribers tell the State's focal points by
   * e-mail (sent once the request is recorded) and plan the first reminder with it (V3).
   */
  request(actor: Actor, dto: CreateVisitRequestDto): Promise<VisitDto> {
    const staff = requireMandateStaff(actor);
    return this.tx.run(async () => {
      const mandate = await this.requireOwnMandate(staff, dto.mandateCode);
      await this.referenceService.requireStates([dto.stateCode]);
      const today = this.today();
      const requestedOn = dto.requestedOn ?? today;
      if (requestedOn > today) {
        throw new VisitsException(VisitsErrorCode.DateInFuture, `requestedOn ${requestedOn} is after today (${today})`);
      }
      const period = dto.requestedPeriod;
      if (period && period.from > period.to) {
        throw new VisitsException(
          VisitsErrorCode.InvalidPeriod,
          `The proposed period ends (${period.to}) before it starts (${period.from})`,
        );
      }
      const open = await this.repository.findOpenRequest(mandate.id, dto.stateCode);
      if (open) {
        throw this.openRequestExists(mandate, dto.stateCode, open.id);
      }
      const now = this.clock.now();
      let visit: VisitEntity;
      try {
        visit = await this.repository.saveVisit(
          Object.assign(new VisitEntity(), {
            mandateId: mandate.id,
            stateCode: dto.stateCode,
            status: VisitStatus.Requested,
            requestedOn,
            requestedFrom: period?.from ?? null,
            requestedTo: period?.to ?? null,
            purpose: dto.purpose,
            notes: dto.notes ?? null,
            proposedFrom: null,
            proposedTo: null,
            scheduledFrom: null,
            scheduledTo: null,
            remindersSent: 0,
            endOfMissionOn: null,
            reportSymbol: null,
            reportSession: null,
            createdBy: staff.userId,
            createdAt: now,
            updatedAt: now,
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'uq_visit_open_request')) {
          throw this.openRequestExists(mandate, dto.stateCode);
        }
        throw error;
      }
      await this.repository.saveAssurances(this.initialChecklist(visit.id, dto.assurances ?? []));
      const who = describeActor(staff);
      await this.repository.appendStatusChange({
        visitId: visit.id,
        fromStatus: null,
        toStatus: VisitStatus.Requested,
        move: VisitMove.Request,
        actorRole: staff.role,
        actorId: staff.userId,
        actorLabel: who.label,
        channel: VisitChannel.Internal,
        occurredAt: now,
        receivedOn: null,
        periodFrom: visit.requestedFrom,
        periodTo: visit.requestedTo,
        note: null,
      });
      await this.bus.publish(
        new VisitRequested({
          id: visit.id,
          mandateId: visit.mandateId,
          stateCode: visit.stateCode,
          requestedOn: visit.requestedOn,
        }),
      );
      const after = await this.views.forStaff(visit);
      await this.audit.record(staff, { action: 'visit.request', subject: { type: 'visit', id: visit.id }, after });
      return after;
    });
  }

  async list(actor: Actor, query: ListVisitsQueryDto): Promise<Page<VisitSummaryDto>> {
    const staff = requireMandateStaff(actor);
    const page = visitPage(query);
    let mandateId: string | undefined;
    if (query.mandate) {
      const mandate = await this.reference.findMandateByCode(query.mandate);
      if (!mandate) {
        return { items: [], nextCursor: null };
      }
      mandateId = mandate.id;
    }
    const visits = await this.repository.listInScope(
      { mandateIds: staff.mandateIds },
      { mandateId, stateCode: query.state, status: query.status },
      { limit: page.limit + 1, after: page.after },
    );
    return this.summaryPage(visits, page.limit);
  }

  async get(actor: Actor, id: string): Promise<VisitDto> {
    const staff = requireMandateStaff(actor);
    const visit = await this.repository.findInScope(id, { mandateIds: staff.mandateIds });
    if (!visit) {
      throw new NotFoundException('visit', id);
    }
    return this.views.forStaff(visit);
  }

  update(actor: Actor, id: string, dto: UpdateVisitDto): Promise<VisitDto> {
    const staff = requireMandateStaff(actor);
    return this.tx.run(async () => {
      const visit = await this.lockForStaff(staff, id);
      const before = { purpose: visit.purpose, notes: visit.notes };
      if (dto.purpose !== undefined) {
        visit.purpose = dto.purpose;
      }
      if (dto.notes !== undefined) {
        visit.notes = dto.notes;
      }
      visit.updatedAt = this.clock.now();
      await this.repository.saveVisit(visit);
      await this.audit.record(staff, {
        action: 'visit.update',
        subject: { type: 'visit', id },
        before,
        after: { purpose: visit.purpose, notes: visit.notes },
      });
      return this.views.forStaff(visit);
    });
  }

  /** Changes lines of the terms-of-reference checklist (what is requested, what the State confirmed). */
  updateAssurances(actor: Actor, id: string, dto: UpdateAssurancesDto): Promise<VisitDto> {
    const staff = requireMandateStaff(actor);
    return this.tx.run(async () => {
      const visit = await this.lockForStaff(staff, id);
      this.requireDistinctItems(dto.assurances);
      const rows = await this.repository.findAssurances(visit.id);
      const before = rows.map((row) => ({ ...row }));
      for (const input of dto.assurances) {
        const row = rows.find((candidate) => candidate.item === input.item);
        if (!row) {
          continue;
        }
        row.requested = input.requested;
        row.confirmed = input.confirmed ?? (input.requested ? row.confirmed : false);
        if (input.note !== undefined) {
          row.note = input.note;
        }
        this.requireConfirmedRequested(row);
      }
      await this.repository.saveAssurances(rows);
      visit.updatedAt = this.clock.now();
      await this.repository.saveVisit(visit);
      await this.audit.record(staff, {
        action: 'visit.assurances',
        subject: { type: 'visit', id },
        before,
        after: rows.map((row) => ({ ...row })),
      });
      return this.views.forStaff(visit);
    });
  }

  // ---- the government portal ----

  async listForGovernment(actor: Actor, query: PageQueryDto): Promise<Page<VisitSummaryDto>> {
    const government = requireGovernment(actor);
    const page = visitPage(query);
    const visits = await this.repository.listInScope(
      { stateCode: government.stateCode },
      {},
      { limit: page.limit + 1, after: page.after },
    );
    return this.summaryPage(visits, page.limit);
  }

  async getForGovernment(actor: Actor, id: string): Promise<GovernmentVisitDto> {
    const government = requireGovernment(actor);
    const visit = await this.repository.findInScope(id, { stateCode: government.stateCode });
    if (!visit) {
      throw new NotFoundException('visit', id);
    }
    return this.views.forGovernment(visit);
  }

  // ---- helpers ----

  private async summaryPage(visits: VisitEntity[], limit: number): Promise<Page<VisitSummaryDto>> {
    const page = pageOf(visits, limit, (last) =>
      encodeCursor([last.requestedOn, last.createdAt.toISOString(), last.id]),
    );
    return { items: await this.views.summaries(page.items), nextCursor: page.nextCursor };
  }

  private today(): string {
    return calendarDateIn(this.clock.now(), this.config.rules.timezone);
  }

  private async lockForStaff(staff: UserActor, id: string): Promise<VisitEntity> {
    const visit = await this.repository.lockInScope(id, { mandateIds: staff.mandateIds });
    if (!visit) {
      throw new NotFoundException('visit', id);
    }
    return visit;
  }

  private async requireOwnMandate(staff: UserActor, code: string): Promise<MandateEntity> {
    const mandate = await this.reference.findMandateByCode(code);
    if (!mandate) {
      throw new VisitsException(VisitsErrorCode.UnknownMandate, `Unknown mandate ${code}`);
    }
    if (!staff.mandateIds.includes(mandate.id)) {
      throw new VisitsException(VisitsErrorCode.NotYourMandate, `You do not work for the mandate ${code}`);
    }
    if (mandate.endedOn && mandate.endedOn <= this.today()) {
      throw new VisitsException(VisitsErrorCode.MandateEnded, `Mandate ${code} ended on ${mandate.endedOn}`);
    }
    return mandate;
  }

  private openRequestExists(mandate: MandateEntity, stateCode: string, openId?: string): VisitsException {
    return new VisitsException(
      VisitsErrorCode.OpenRequestExists,
      `${mandate.code} already has an open visit request to ${stateCode}`,
      openId ? { visitId: openId } : undefined,
    );
  }

  private initialChecklist(visitId: string, inputs: AssuranceInputDto[]): VisitAssuranceEntity[] {
    this.requireDistinctItems(inputs);
    return ALL_ASSURANCE_ITEMS.map((item) => {
      const input = inputs.find((candidate) => candidate.item === item);
      const row = Object.assign(new VisitAssuranceEntity(), {
        visitId,
        item,
        requested: input?.requested ?? true,
        confirmed: input?.confirmed ?? false,
        note: input?.note ?? null,
      });
      this.requireConfirmedRequested(row);
      return row;
    });
  }

  private requireDistinctItems(inputs: AssuranceInputDto[]): void {
    const items = inputs.map((input) => input.item);
    const repeated = items.filter((item, index) => items.indexOf(item) !== index);
    if (repeated.length > 0) {
      throw new VisitsException(
        VisitsErrorCode.DuplicateAssurance,
        `Checklist item(s) given twice: ${[...new Set(repeated)].join(', ')}`,
      );
    }
  }

  private requireConfirmedRequested(row: VisitAssuranceEntity): void {
    if (row.confirmed && !row.requested) {
      throw new VisitsException(
        VisitsErrorCode.ConfirmedNotRequested,
        `${row.item} cannot be confirmed without being requested`,
      );
    }
  }
}

/** The size and keyset of the page asked for; 422 for a cursor this list did not make. */
function visitPage(query: PageQueryFields): { limit: number; after?: VisitPage['after'] } {
  const limit = pageSize(query.limit);
  if (query.cursor === undefined) {
    return { limit };
  }
  const parts = decodeCursor(query.cursor, ['day', 'instant', 'uuid']);
  if (!parts) {
    throw new VisitsException(VisitsErrorCode.InvalidCursor, 'cursor is not a nextCursor given by this list');
  }
  return { limit, after: { requestedOn: parts[0], createdAt: new Date(parts[1]), id: parts[2] } };
}
