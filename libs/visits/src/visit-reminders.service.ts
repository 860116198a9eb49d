import { Injectable } from '@nestjs/common';
import { systemActor } from '@spcomms/access';
import { AccountsRepository } from '@spcomms/accounts';
import { AppConfig } from '@spcomms/config';
import { MailTemplate, NotificationsService } from '@spcomms/notifications';
import { ReferenceRepository } from '@spcomms/reference';
import { ReminderOutcome, VisitMovesService } from './visit-moves.service';
import { VisitEntity } from './visit.entity';

/** The e-mail kind of a visit reminder, part of the outbox's once-only key. */
export const VISIT_REMINDER_MAIL_KIND = 'visit.request_reminder';

/** V3: the reminder of an unanswered visit request, e-mailed to the government focal points of the State. */
@Injectable()
export class VisitRemindersService {
  constructor(
    private readonly moves: VisitMovesService,
    private readonly accounts: AccountsRepository,
    private readonly reference: ReferenceRepository,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /** Runs inside the schedule runner's transaction. */
  send(visitId: string, dueOn: string): Promise<ReminderOutcome> {
    return this.moves.remind(systemActor('visit-reminders'), visitId, dueOn, (visit) => this.mailFocalPoints(visit, dueOn));
  }

  private async mailFocalPoints(visit: VisitEntity, dueOn: string): Promise<number> {
    const mandate = await this.reference.findMandate(visit.mandateId);
    const state = await this.reference.findState(visit.stateCode);
    const focalPoints = await this.accounts.findActiveGovernmentUsers([visit.stateCode]);
    const link = `${this.config.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/portal/visits/${visit.id}`;
    let written = 0;
    for (const user of focalPoints) {
      const queued = await this.notifications.enqueue({
        kind: VISIT_REMINDER_MAIL_KIND,
        subject: { type: 'visit', id: visit.id },
        occasion: dueOn,
        to: { userId: user.id },
        template: MailTemplate.VisitRequestReminder,
        params: {
          mandate: mandate?.title ?? visit.mandateId,
          requestedOn: visit.requestedOn,
          state: state?.names[user.language] ?? state?.name ?? visit.stateCode,
          link,
        },
      });
      written += queued ? 1 : 0;
    }
    return written;
  }
}
