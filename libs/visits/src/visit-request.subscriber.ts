import { Injectable, OnModuleInit } from '@nestjs/common';
import { addCalendarMonths } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { DomainEventBus, VisitRequested } from '@spcomms/domain-events';
import { MailTemplate } from '@spcomms/notifications';
import { VisitMailService } from './visit-mail.service';
import { VisitReminderPlanner } from './visit-reminder.planner';

/** The e-mail kind of the notice of a new request to the State, part of the outbox's once-only key. */
export const VISIT_REQUESTED_MAIL_KIND = 'visit.requested';

/** A new visit request: the first reminder is planned (V3) and the State's focal points are told. */
@Injectable()
export class VisitRequestSubscriber implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly reminders: VisitReminderPlanner,
    private readonly mail: VisitMailService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe(VisitRequested, VisitRequestSubscriber.name, (event) => this.visitRequested(event));
  }

  async visitRequested({ visit }: VisitRequested): Promise<void> {
    await this.reminders.plan(visit.id, addCalendarMonths(visit.requestedOn, this.config.rules.visitReminderMonths));
    await this.mail.mailFocalPoints(visit, { kind: VISIT_REQUESTED_MAIL_KIND, template: MailTemplate.VisitRequested });
  }
}
