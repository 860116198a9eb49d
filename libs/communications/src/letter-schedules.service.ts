import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor } from '@spcomms/access';
import { CalendarDate, Clock, addCalendarDays, atLocalTime } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import {
  CosignersInvited,
  DeadlineExtended,
  DomainEventBus,
  LetterAbandoned,
  LetterSent,
  ReplyRecorded,
  communicationSubject,
} from '@spcomms/domain-events';
import { PlannedSchedule, ScheduleDto, SchedulesService } from '@spcomms/schedules';
import { CommunicationAccess } from './communication-access';
import { CommunicationsRepository } from './communications.repository';
import {
  ApprovalReminder,
  LetterOverdue,
  LetterReminderAfter,
  LetterReminderBefore,
  LetterReminderDue,
  REPLY_DEADLINE_KINDS,
  SignOnDeadline,
} from './letter-schedule-kinds';

/** Reminders go out at this Geneva time on their day; the overdue mark at the start of the day. */
const REMINDER_TIME = '08:00';

/**
 * The deadlines of a letter as schedule rows (C5, C9, C13), kept in step with its facts: a sent letter
 * gets its reminders and overdue mark, a reply cancels those still pending, an extension moves them,
 * an invitation plans the co-signer's sign-on deadline and a reminder, and sending or abandoning a
 * draft ends those. Everything is written in the transaction that publishes the fact.
 */
@Injectable()
export class LetterSchedulesService implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly repository: CommunicationsRepository,
    private readonly access: CommunicationAccess,
    private readonly schedules: SchedulesService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const name = LetterSchedulesService.name;
    this.bus.subscribe(LetterSent, name, (event) => this.letterSent(event));
    this.bus.subscribe(ReplyRecorded, name, (event) => this.replyRecorded(event));
    this.bus.subscribe(DeadlineExtended, name, (event) => this.deadlineExtended(event));
    this.bus.subscribe(CosignersInvited, name, (event) => this.cosignersInvited(event));
    this.bus.subscribe(LetterAbandoned, name, ({ letter }) => this.endDraftSchedules(letter.id));
  }

  /** The reminder and overdue rows for a reply-requested date (C13 settings). */
  replyDeadlineRows(replyRequestedBy: CalendarDate): PlannedSchedule[] {
    const { timezone, reminders } = this.config.rules;
    return [
      {
        kind: LetterReminderBefore,
        dueAt: atLocalTime(addCalendarDays(replyRequestedBy, -reminders.daysBefore), REMINDER_TIME, timezone),
      },
      { kind: LetterReminderDue, dueAt: atLocalTime(replyRequestedBy, REMINDER_TIME, timezone) },
      { kind: LetterOverdue, dueAt: atLocalTime(addCalendarDays(replyRequestedBy, 1), '00:00', timezone) },
      {
        kind: LetterReminderAfter,
        dueAt: atLocalTime(addCalendarDays(replyRequestedBy, reminders.daysAfter), REMINDER_TIME, timezone),
      },
    ];
  }

  /**
   * A sent letter: its reminders and overdue mark are planned (written with its publication's row just
   * before the sending commits), and what the draft still had pending ends.
   */
  async letterSent({ letter, cosignerMandateIds }: LetterSent): Promise<void> {
    this.schedules.planAtCommit(communicationSubject(letter.id), this.replyDeadlineRows(letter.replyRequestedBy));
    await this.endInvitations(letter.id, cosignerMandateIds);
  }

  async replyRecorded({ letter }: ReplyRecorded): Promise<void> {
    await this.replyReceived(letter.id);
  }

  /** A reply cancels the reminders and the overdue mark still pending (C13); answers how many. */
  replyReceived(communicationId: string): Promise<number> {
    return this.schedules.cancelPending(communicationSubject(communicationId), REPLY_DEADLINE_KINDS);
  }

  /** The reminders and the overdue mark move with the reply date. */
  async deadlineExtended({ letter }: DeadlineExtended): Promise<void> {
    await this.schedules.replan(
      communicationSubject(letter.id),
      REPLY_DEADLINE_KINDS,
      this.replyDeadlineRows(letter.replyRequestedBy),
    );
  }

  /** Each invited co-signer gets its sign-on deadline, and a reminder half-way to it. */
  async cosignersInvited({ letter, mandateIds, signOnBy }: CosignersInvited): Promise<void> {
    const now = this.clock.now();
    const halfway = new Date(now.getTime() + (signOnBy.getTime() - now.getTime()) / 2);
    for (const mandateId of mandateIds) {
      await this.schedules.planMany(cosignerSubject(letter.id, mandateId), [
        { kind: SignOnDeadline, dueAt: signOnBy, payload: { communicationId: letter.id, mandateId } },
        { kind: ApprovalReminder, dueAt: halfway, payload: { communicationId: letter.id, mandateId } },
      ]);
    }
  }

  /** Sign-on deadlines and approval reminders of a draft that was sent or abandoned have nothing left to do. */
  async endDraftSchedules(communicationId: string): Promise<void> {
    const mandates = await this.repository.findMandatesOf(communicationId);
    await this.endInvitations(
      communicationId,
      mandates.filter((row) => row.participation !== 'lead').map((row) => row.mandateId),
    );
  }

  /** Ends the invitations of these co-signers of the draft, in one statement (none when there are none). */
  private async endInvitations(communicationId: string, mandateIds: readonly string[]): Promise<void> {
    await this.schedules.cancelPendingOf(
      COSIGNER_SUBJECT_TYPE,
      mandateIds.map((mandateId) => cosignerSubject(communicationId, mandateId).id),
      [SignOnDeadline, ApprovalReminder],
    );
  }

  /** The letter's schedule rows, and those of its co-signers' invitations. */
  async listSchedules(actor: Actor, id: string): Promise<ScheduleDto[]> {
    const letter = await this.access.loadVisible(actor, id);
    const rows = await this.schedules.listForSubject(communicationSubject(letter.id));
    for (const mandate of await this.repository.findMandatesOf(letter.id)) {
      rows.push(...(await this.schedules.listForSubject(cosignerSubject(letter.id, mandate.mandateId))));
    }
    return rows.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.kind.localeCompare(b.kind));
  }
}

const COSIGNER_SUBJECT_TYPE = 'communication_cosigner';

/** An invitation's rows have a subject of their own: the unique (kind, subject, due) key must not merge two co-signers. */
export const cosignerSubject = (communicationId: string, mandateId: string) => ({
  type: COSIGNER_SUBJECT_TYPE,
  id: `${communicationId}/${mandateId}`,
});
