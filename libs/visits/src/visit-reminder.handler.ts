import { Injectable, Type } from '@nestjs/common';
import { ScheduleHandler, ScheduleView } from '@spcomms/schedules';
import { VISIT_REMINDER_KIND, VisitReminderPayload } from './visit-reminder.schedule';
import { VisitRemindersService } from './visit-reminders.service';

/** Runs a `visit.reminder` schedule row (V3). A request answered meanwhile is left alone. */
@Injectable()
export class VisitReminderHandler implements ScheduleHandler {
  readonly kind = VISIT_REMINDER_KIND;

  constructor(private readonly reminders: VisitRemindersService) {}

  async run(schedule: ScheduleView): Promise<void> {
    const { dueOn } = schedule.payload as unknown as VisitReminderPayload;
    await this.reminders.send(schedule.subject.id, dueOn);
  }
}

/** The schedule handlers of the visits lib, registered in the worker. */
export const VISIT_SCHEDULE_HANDLERS: Array<Type<ScheduleHandler>> = [VisitReminderHandler];
