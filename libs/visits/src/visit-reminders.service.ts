import { Injectable } from '@nestjs/common';
import { systemActor } from '@spcomms/access';
import { MailTemplate } from '@spcomms/notifications';
import { VisitMailService } from './visit-mail.service';
import { ReminderOutcome, VisitMovesService } from './visit-moves.service';

/** The e-mail kind of a visit reminder, part of the outbox's once-only key. */
export const VISIT_REMINDER_MAIL_KIND = 'visit.request_reminder';

/** V3: the reminder of an unanswered visit request, e-mailed to the government focal points of the State. */
@Injectable()
export class VisitRemindersService {
  constructor(
    private readonly moves: VisitMovesService,
    private readonly mail: VisitMailService,
  ) {}

  /** Runs inside the schedule runner's transaction. */
  send(visitId: string, dueOn: string): Promise<ReminderOutcome> {
    return this.moves.remind(systemActor('visit-reminders'), visitId, dueOn, (visit) =>
      this.mail.mailFocalPoints(visit, {
        kind: VISIT_REMINDER_MAIL_KIND,
        occasion: dueOn,
        template: MailTemplate.VisitRequestReminder,
      }),
    );
  }
}
