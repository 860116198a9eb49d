import { Injectable } from '@nestjs/common';
import { Actor, UserActor } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock } from '@spcomms/clock';
import { TransactionHost } from '@spcomms/database';
import { NotFoundException } from '@spcomms/errors';
import { parseReportSymbol } from './report-symbol';
import { requireMandateStaff } from './visit-access';
import { VisitFollowUpEntity } from './visit-follow-up.entity';
import { VisitDto } from './visit-response.dto';
import { VisitStatus } from './visit-status.machine';
import { VisitViewService } from './visit-view.service';
import { VisitEntity } from './visit.entity';
import { AddVisitFollowUpDto, RecordVisitOutcomeDto } from './visits.dto';
import { VisitsErrorCode, VisitsException } from './visits.exception';
import { VisitsRepository } from './visits.repository';

/** V4: after a visit — the end-of-mission statement, the report to the HRC and the follow-up. */
@Injectable()
export class VisitOutcomeService {
  constructor(
    private readonly repository: VisitsRepository,
    private readonly views: VisitViewService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  recordOutcome(actor: Actor, id: string, dto: RecordVisitOutcomeDto): Promise<VisitDto> {
    const staff = requireMandateStaff(actor);
    return this.tx.run(async () => {
      const visit = await this.lockCompleted(staff, id);
      const before = this.snapshot(visit);
      if (dto.endOfMissionOn !== undefined) {
        if (visit.scheduledFrom && dto.endOfMissionOn < visit.scheduledFrom) {
          throw new VisitsException(
            VisitsErrorCode.InvalidPeriod,
            `The end-of-mission statement (${dto.endOfMissionOn}) cannot precede the visit (${visit.scheduledFrom})`,
          );
        }
        visit.endOfMissionOn = dto.endOfMissionOn;
      }
      if (dto.reportSymbol !== undefined) {
        const symbol = parseReportSymbol(dto.reportSymbol);
        if (!symbol) {
          throw new VisitsException(VisitsErrorCode.InvalidReportSymbol, `Not a report symbol: ${dto.reportSymbol}`);
        }
        const session = dto.reportSession ?? symbol.session;
        if (session !== symbol.session) {
          throw new VisitsException(
            VisitsErrorCode.ReportSessionMismatch,
            `${dto.reportSymbol} is a document of session ${symbol.session}, not ${session}`,
            { symbolSession: symbol.session, reportSession: session },
          );
        }
        visit.reportSymbol = dto.reportSymbol;
        visit.reportSession = session;
      } else if (dto.reportSession !== undefined) {
        if (!visit.reportSymbol) {
          throw new VisitsException(VisitsErrorCode.ReportSessionRequired, 'Give the report symbol with its session');
        }
        if (parseReportSymbol(visit.reportSymbol)?.session !== dto.reportSession) {
          throw new VisitsException(
            VisitsErrorCode.ReportSessionMismatch,
            `${visit.reportSymbol} is not a document of session ${dto.reportSession}`,
          );
        }
      }
      visit.updatedAt = this.clock.now();
      await this.repository.saveVisit(visit);
      await this.audit.record(staff, {
        action: 'visit.outcome',
        subject: { type: 'visit', id },
        before,
        after: this.snapshot(visit),
      });
      return this.views.forStaff(visit);
    });
  }

  addFollowUp(actor: Actor, id: string, dto: AddVisitFollowUpDto): Promise<VisitDto> {
    const staff = requireMandateStaff(actor);
    return this.tx.run(async () => {
      const visit = await this.lockCompleted(staff, id);
      const lastDay = visit.scheduledTo ?? visit.requestedOn;
      if (dto.dueOn <= lastDay) {
        throw new VisitsException(VisitsErrorCode.InvalidPeriod, `A follow-up is due after the visit (${lastDay})`);
      }
      const followUp = await this.repository.saveFollowUp(
        Object.assign(new VisitFollowUpEntity(), {
          visitId: visit.id,
          kind: dto.kind,
          dueOn: dto.dueOn,
          note: dto.note ?? null,
          createdBy: staff.userId,
          createdAt: this.clock.now(),
        }),
      );
      visit.updatedAt = this.clock.now();
      await this.repository.saveVisit(visit);
      await this.audit.record(staff, {
        action: 'visit.follow_up',
        subject: { type: 'visit', id },
        after: { id: followUp.id, kind: followUp.kind, dueOn: followUp.dueOn, note: followUp.note },
      });
      return this.views.forStaff(visit);
    });
  }

  private async lockCompleted(staff: UserActor, id: string): Promise<VisitEntity> {
    const visit = await this.repository.lockInScope(id, { mandateIds: staff.mandateIds });
    if (!visit) {
      throw new NotFoundException('visit', id);
    }
    if (visit.status !== VisitStatus.Completed) {
      throw new VisitsException(
        VisitsErrorCode.NotCompleted,
        `The visit is ${visit.status}; this is recorded once it is completed`,
        {
          status: visit.status,
        },
      );
    }
    return visit;
  }

  private snapshot(visit: VisitEntity) {
    return {
      endOfMissionOn: visit.endOfMissionOn,
      reportSymbol: visit.reportSymbol,
      reportSession: visit.reportSession,
    };
  }
}
