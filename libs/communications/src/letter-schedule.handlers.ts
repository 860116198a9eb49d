import { Injectable, Type } from '@nestjs/common';
import { systemActor } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock, daysBetween, calendarDateIn } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { MailTemplate } from '@spcomms/notifications';
import { ScheduleHandler, ScheduleHandlerResult, ScheduleView } from '@spcomms/schedules';
import { CommunicationEntity } from './communication.entity';
import { CommunicationsRepository } from './communications.repository';
import {
  ApprovalReminder,
  LetterOverdue,
  LetterReminderAfter,
  LetterReminderBefore,
  LetterReminderDue,
  SignOnDeadline,
} from './letter-schedule-kinds';
import { mandatesOnLetter } from './letter-facts';
import { LetterMailService } from './letter-mail.service';
import { SigningService } from './signing.service';
import { approvingMandateIds } from './communications.mapper';

const REMINDER_TEMPLATES: Record<string, MailTemplate> = {
  [LetterReminderBefore]: MailTemplate.ReminderBefore,
  [LetterReminderDue]: MailTemplate.ReminderDue,
  [LetterReminderAfter]: MailTemplate.ReminderAfter,
};

/**
 * Whether a reminder that runs today would say what is no longer true: the one before the requested
 * date once that date has come (the due-day reminder says it), the due-day one ("requested today")
 * after that day. Such a reminder runs late only when the worker was behind or down on its day; it is
 * logged on the letter as skipped instead of sent. The reminder after the date stays true late.
 */
function outdated(kind: string, replyRequestedBy: string, today: string): boolean {
  return (
    (kind === LetterReminderBefore && today >= replyRequestedBy) ||
    (kind === LetterReminderDue && today > replyRequestedBy)
  );
}

/**
 * Reminders to the recipient (C13): e-mailed to the State's focal points and logged on the letter; a
 * reminder run too late to be true is logged as skipped and its row shows `skipped` (see outdated).
 */
@Injectable() // gives the subclasses the constructor's parameter types
abstract class LetterReminderHandler implements ScheduleHandler {
  abstract readonly kind: string;

  constructor(
    private readonly repository: CommunicationsRepository,
    private readonly mail: LetterMailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async run(schedule: ScheduleView): Promise<ScheduleHandlerResult> {
    return (await this.runMany([schedule]))[0];
  }

  /** The letters are read, their focal points e-mailed and the reminders logged for the whole set at once. */
  async runMany(schedules: ScheduleView[]): Promise<ScheduleHandlerResult[]> {
    const letters = new Map(
      (await this.repository.findByIds(schedules.map((schedule) => schedule.subject.id))).map((letter) => [
        letter.id,
        letter,
      ]),
    );
    const today = calendarDateIn(this.clock.now(), this.config.rules.timezone);
    const due: Array<{ schedule: ScheduleView; letter: CommunicationEntity }> = [];
    const late: typeof due = [];
    for (const schedule of schedules) {
      const letter = letters.get(schedule.subject.id);
      if (letter?.status === 'sent') {
        (outdated(this.kind, letter.replyRequestedBy as string, today) ? late : due).push({ schedule, letter });
      }
    }
    for (const { schedule, letter } of late) {
      await this.audit.record(systemActor('reminders'), {
        action: 'communication.reminder_skipped',
        subject: { type: 'communication', id: letter.id },
        after: { kind: this.kind, scheduleId: schedule.id, replyRequestedBy: letter.replyRequestedBy, ranOn: today },
      });
    }
    const sent = await this.mail.mailFocalPointsOf(
      this.kind,
      REMINDER_TEMPLATES[this.kind],
      due.map(({ schedule, letter }) => ({
        letter,
        occasion: schedule.id,
        extra: { daysOverdue: String(Math.max(0, daysBetween(letter.replyRequestedBy as string, today))) },
      })),
    );
    for (const [index, { schedule, letter }] of due.entries()) {
      await this.audit.record(systemActor('reminders'), {
        action: 'communication.reminder',
        subject: { type: 'communication', id: letter.id },
        after: {
          kind: this.kind,
          scheduleId: schedule.id,
          replyRequestedBy: letter.replyRequestedBy,
          emails: sent[index],
        },
      });
    }
    const skipped = new Set(late.map(({ schedule }) => schedule.id));
    return schedules.map((schedule) => (skipped.has(schedule.id) ? 'skipped' : 'done'));
  }
}

@Injectable()
export class ReminderBeforeHandler extends LetterReminderHandler {
  readonly kind = LetterReminderBefore;
}

@Injectable()
export class ReminderDueHandler extends LetterReminderHandler {
  readonly kind = LetterReminderDue;
}

@Injectable()
export class ReminderAfterHandler extends LetterReminderHandler {
  readonly kind = LetterReminderAfter;
}

/** The overdue mark (C9): set on the letter, and its assistants are told. */
@Injectable()
export class OverdueHandler implements ScheduleHandler {
  readonly kind = LetterOverdue;

  constructor(
    private readonly repository: CommunicationsRepository,
    private readonly mail: LetterMailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async run(schedule: ScheduleView): Promise<void> {
    const letter = await this.repository.findById(schedule.subject.id);
    if (!letter || letter.status !== 'sent' || letter.overdueMarkedAt) {
      return;
    }
    const now = this.clock.now();
    await this.repository.update(letter.id, { overdueMarkedAt: now });
    await this.mail.mailAssistants(
      { ...letter, mandateIds: mandatesOnLetter(letter, await this.repository.findMandatesOf(letter.id)) },
      'letter.overdue',
      MailTemplate.LetterOverdue,
      letter.replyRequestedBy as string,
    );
    await this.audit.record(systemActor('reminders'), {
      action: 'communication.overdue',
      subject: { type: 'communication', id: letter.id },
      after: { replyRequestedBy: letter.replyRequestedBy, markedAt: now },
    });
  }
}

/** C5: at the sign-on deadline, a co-signer that has not approved the current version is dropped. */
@Injectable()
export class SignOnDeadlineHandler implements ScheduleHandler {
  readonly kind = SignOnDeadline;

  constructor(private readonly signing: SigningService) {}

  async run(schedule: ScheduleView): Promise<void> {
    await this.signing.dropIfSilent(String(schedule.payload.communicationId), String(schedule.payload.mandateId));
  }
}

/** C13: reminds the mandate-holders of an invited mandate whose approval of the current version is pending. */
@Injectable()
export class ApprovalReminderHandler implements ScheduleHandler {
  readonly kind = ApprovalReminder;

  constructor(
    private readonly repository: CommunicationsRepository,
    private readonly mail: LetterMailService,
  ) {}

  async run(schedule: ScheduleView): Promise<void> {
    const mandateId = String(schedule.payload.mandateId);
    const letter = await this.repository.findById(String(schedule.payload.communicationId));
    if (!letter || letter.status !== 'draft') {
      return;
    }
    const row = (await this.repository.findMandatesOf(letter.id)).find((m) => m.mandateId === mandateId);
    const version = await this.repository.findVersion(letter.id, letter.currentVersion);
    const approving = approvingMandateIds(await this.repository.findApprovalsOf(letter.id), version?.id ?? '');
    if (row?.participation !== 'invited' || approving.has(mandateId)) {
      return;
    }
    await this.mail.mailHolders(letter, mandateId, 'approval.reminder', MailTemplate.ApprovalReminder, schedule.id, {
      signOnBy: row.signOnDeadline?.toISOString() ?? '',
    });
  }
}

/** The handlers of the letter schedule kinds, for the worker's provideScheduleHandlers. */
export const LETTER_SCHEDULE_HANDLERS: Array<Type<ScheduleHandler>> = [
  ReminderBeforeHandler,
  ReminderDueHandler,
  ReminderAfterHandler,
  OverdueHandler,
  SignOnDeadlineHandler,
  ApprovalReminderHandler,
];
