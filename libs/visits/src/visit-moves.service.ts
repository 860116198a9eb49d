import { Injectable } from '@nestjs/common';
import { Actor, UserActor, describeActor } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock, addCalendarMonths, calendarDateIn } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { TransactionHost } from '@spcomms/database';
import { NotFoundException } from '@spcomms/errors';
import { requireGovernment, requireMandateStaff } from './visit-access';
import {
  ANSWER_MOVE,
  MOVES_WITH_DATES,
  MOVES_WITH_OPTIONAL_DATES,
  MOVE_TARGET,
  STAFF_MOVE,
  VisitAnswer,
  VisitChannel,
  VisitMove,
} from './visit-move';
import { VisitReminderPlanner } from './visit-reminder.planner';
import { GovernmentVisitDto, VisitDto } from './visit-response.dto';
import { VisitStatus, assertMove, awaitsAnswer } from './visit-status.machine';
import { VisitViewService } from './visit-view.service';
import { VisitEntity } from './visit.entity';
import { GovernmentVisitAnswerDto, MoveVisitDto, PeriodDto, RecordVisitAnswerDto } from './visits.dto';
import { VisitsErrorCode, VisitsException } from './visits.exception';
import { VisitScope, VisitsRepository } from './visits.repository';

interface MoveInput {
  channel: VisitChannel;
  period?: PeriodDto;
  receivedOn?: string | null;
  note?: string | null;
}

/** What a reminder did: moved the request and who is to be told, or nothing because it was answered. */
export type ReminderOutcome =
  | { sent: true; visit: VisitEntity; reminderNumber: number; recipients: number; nextDueOn: string }
  | { sent: false; reason: 'unknown' | 'answered' };

/** V1 moves of a visit request: the State's answers, the staff's moves and the reminders. */
@Injectable()
export class VisitMovesService {
  constructor(
    private readonly repository: VisitsRepository,
    private readonly views: VisitViewService,
    private readonly reminders: VisitReminderPlanner,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The State answers in the portal. */
  answerAsGovernment(actor: Actor, id: string, dto: GovernmentVisitAnswerDto): Promise<GovernmentVisitDto> {
    const government = requireGovernment(actor);
    return this.tx.run(async () => {
      const visit = await this.lock(id, { stateCode: government.stateCode });
      await this.apply(government, visit, await this.answerMove(visit, dto.answer), {
        channel: VisitChannel.Portal,
        period: dto.period,
        note: dto.note,
      });
      return this.views.forGovernment(visit);
    });
  }

  /** An assistant or mandate-holder records an answer that came by note verbale, letter, meeting … */
  recordAnswer(actor: Actor, id: string, dto: RecordVisitAnswerDto): Promise<VisitDto> {
    const staff = requireMandateStaff(actor);
    return this.tx.run(async () => {
      const visit = await this.lock(id, { mandateIds: staff.mandateIds });
      const receivedOn = dto.receivedOn ?? this.today();
      if (receivedOn > this.today()) {
        throw new VisitsException(VisitsErrorCode.DateInFuture, `receivedOn ${receivedOn} is after today`);
      }
      if (receivedOn < visit.requestedOn) {
        throw new VisitsException(
          VisitsErrorCode.InvalidPeriod,
          `receivedOn ${receivedOn} is before the request (${visit.requestedOn})`,
        );
      }
      await this.apply(staff, visit, await this.answerMove(visit, dto.answer), {
        channel: dto.channel,
        period: dto.period,
        receivedOn,
        note: dto.note,
      });
      return this.views.forStaff(visit);
    });
  }

  /** The staff's own moves: dates proposed, scheduled (agreed dates), under way, completed, postponed … */
  move(actor: Actor, id: string, dto: MoveVisitDto): Promise<VisitDto> {
    const staff = requireMandateStaff(actor);
    return this.tx.run(async () => {
      const visit = await this.lock(id, { mandateIds: staff.mandateIds });
      await this.apply(staff, visit, STAFF_MOVE[dto.status], {
        channel: VisitChannel.Internal,
        period: dto.period,
        note: dto.note,
      });
      return this.views.forStaff(visit);
    });
  }

  /**
   * V3: if the request is still unanswered, tells the State (`notify` answers how many people were
   * written to), records the reminder as a move and plans the next one. Runs inside the caller's
   * transaction (the schedule runner's), so that the e-mails, the move and the next reminder are
   * recorded together or not at all.
   */
  async remind(
    actor: Actor,
    visitId: string,
    dueOn: string,
    notify: (visit: VisitEntity, reminderNumber: number) => Promise<number>,
  ): Promise<ReminderOutcome> {
    const visit = await this.repository.lockById(visitId);
    if (!visit) {
      return { sent: false, reason: 'unknown' };
    }
    if (!awaitsAnswer(visit.status)) {
      return { sent: false, reason: 'answered' };
    }
    const reminderNumber = visit.remindersSent + 1;
    const recipients = await notify(visit, reminderNumber);
    await this.apply(actor, visit, VisitMove.Remind, {
      channel: VisitChannel.System,
      note: `Reminder ${reminderNumber} (due ${dueOn}) e-mailed to ${recipients} government focal point(s)`,
    });
    const nextDueOn = addCalendarMonths(dueOn, this.config.rules.visitReminderMonths);
    await this.reminders.plan(visit.id, nextDueOn);
    return { sent: true, visit, reminderNumber, recipients, nextDueOn };
  }

  /**
   * The move an answer makes. Accepting while dates are proposed accepts the dates the mandate
   * proposed (the visit is scheduled with them); dates the State proposed itself are agreed by the
   * mandate instead (it schedules the visit).
   */
  private async answerMove(visit: VisitEntity, answer: VisitAnswer): Promise<VisitMove> {
    if (answer !== VisitAnswer.Accept || visit.status !== VisitStatus.DatesProposed) {
      return ANSWER_MOVE[answer];
    }
    const proposal = await this.repository.findLastChange(visit.id, VisitMove.ProposeDates);
    if (proposal && proposal.channel !== VisitChannel.Internal) {
      throw new VisitsException(
        VisitsErrorCode.OwnProposal,
        `The dates ${visit.proposedFrom} to ${visit.proposedTo} were proposed by the State: the mandate agrees them by scheduling the visit, or proposes other dates`,
        { proposedPeriod: { from: visit.proposedFrom, to: visit.proposedTo } },
      );
    }
    return VisitMove.AcceptDates;
  }

  // ---- the one place where a visit changes status ----

  private async apply(actor: Actor, visit: VisitEntity, move: VisitMove, input: MoveInput): Promise<void> {
    const from = visit.status;
    const to = MOVE_TARGET[move];
    assertMove(from, to);
    const period = this.periodFor(move, input.period);
    this.assertDatesReached(visit, move);
    // The change records the dates it names: those given, or the proposed dates an acceptance agrees.
    const recorded = move === VisitMove.AcceptDates ? { from: visit.proposedFrom!, to: visit.proposedTo! } : period;
    const before = this.snapshot(visit);
    const now = this.clock.now();

    visit.status = to;
    if (move === VisitMove.ProposeDates || (move === VisitMove.Invite && period)) {
      visit.proposedFrom = period!.from;
      visit.proposedTo = period!.to;
    } else if (move === VisitMove.Schedule || move === VisitMove.AcceptDates) {
      visit.scheduledFrom = recorded!.from;
      visit.scheduledTo = recorded!.to;
    } else if (move === VisitMove.Complete) {
      // V4: the end-of-mission statement is given on the last day of the visit unless recorded otherwise.
      visit.endOfMissionOn = visit.endOfMissionOn ?? visit.scheduledTo;
    } else if (move === VisitMove.Remind) {
      visit.remindersSent += 1;
    }
    visit.updatedAt = now;
    await this.repository.saveVisit(visit);

    const who = describeActor(actor);
    const change = await this.repository.appendStatusChange({
      visitId: visit.id,
      fromStatus: from,
      toStatus: to,
      move,
      actorRole: actor.kind === 'user' ? (actor as UserActor).role : actor.kind,
      actorId: who.id,
      actorLabel: who.label,
      channel: input.channel,
      occurredAt: now,
      receivedOn: input.receivedOn ?? null,
      periodFrom: recorded?.from ?? null,
      periodTo: recorded?.to ?? null,
      note: input.note ?? null,
    });

    if (move !== VisitMove.Remind) {
      if (!awaitsAnswer(to)) {
        await this.reminders.cancel(visit.id);
      } else if (move === VisitMove.Acknowledge) {
        // An acknowledgement is an answer, not an acceptance: the next reminder counts from it.
        await this.reminders.replan(visit.id, addCalendarMonths(this.today(), this.config.rules.visitReminderMonths));
      }
    }

    await this.audit.record(actor, {
      action: `visit.${move}`,
      subject: { type: 'visit', id: visit.id },
      before,
      after: {
        ...this.snapshot(visit),
        change: { seq: change.seq, channel: change.channel, receivedOn: change.receivedOn, note: change.note },
      },
    });
  }

  private periodFor(move: VisitMove, period: PeriodDto | undefined): PeriodDto | null {
    if (!MOVES_WITH_DATES.includes(move)) {
      if (period && !MOVES_WITH_OPTIONAL_DATES.includes(move)) {
        throw new VisitsException(
          VisitsErrorCode.InvalidPeriod,
          `Dates go with proposing or scheduling a visit or with an invitation, not with ${move}`,
        );
      }
      if (!period) {
        return null;
      }
    } else if (!period) {
      throw new VisitsException(
        VisitsErrorCode.DatesRequired,
        move === VisitMove.Schedule
          ? 'Scheduling a visit needs the agreed dates (period.from, period.to)'
          : 'Proposing dates needs period.from and period.to',
      );
    }
    if (period.from > period.to) {
      throw new VisitsException(
        VisitsErrorCode.InvalidPeriod,
        `The period ends (${period.to}) before it starts (${period.from})`,
      );
    }
    return period;
  }

  /** A visit is under way from its first day and completed from its last day (Geneva calendar), never before. */
  private assertDatesReached(visit: VisitEntity, move: VisitMove): void {
    const day = move === VisitMove.Start ? visit.scheduledFrom : move === VisitMove.Complete ? visit.scheduledTo : null;
    const today = this.today();
    if (day !== null && today < day) {
      const what =
        move === VisitMove.Start ? `under way before its first day (${day})` : `completed before its last day (${day})`;
      throw new VisitsException(
        VisitsErrorCode.BeforeVisitDates,
        `A visit scheduled from ${visit.scheduledFrom} to ${visit.scheduledTo} cannot be ${what}; today is ${today} in Geneva`,
        { today, scheduledFrom: visit.scheduledFrom, scheduledTo: visit.scheduledTo },
      );
    }
  }

  private snapshot(visit: VisitEntity) {
    return {
      status: visit.status,
      proposedPeriod: visit.proposedFrom ? { from: visit.proposedFrom, to: visit.proposedTo } : null,
      scheduledPeriod: visit.scheduledFrom ? { from: visit.scheduledFrom, to: visit.scheduledTo } : null,
      remindersSent: visit.remindersSent,
      endOfMissionOn: visit.endOfMissionOn,
    };
  }

  private async lock(id: string, scope: VisitScope): Promise<VisitEntity> {
    const visit = await this.repository.lockInScope(id, scope);
    if (!visit) {
      throw new NotFoundException('visit', id);
    }
    return visit;
  }

  private today(): string {
    return calendarDateIn(this.clock.now(), this.config.rules.timezone);
  }
}
