import { Injectable } from '@nestjs/common';
import { atLocalTime } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { SchedulesService, declareScheduleKind } from '@spcomms/schedules';
import { VisitReminderPlanner } from './visit-reminder.planner';

/** V3: the schedule kind of the reminder of an unanswered visit request. */
export const VISIT_REMINDER_KIND = declareScheduleKind('visit.reminder');

export interface VisitReminderPayload {
  /** The day the reminder is due (Europe/Zurich); the next one is counted from it. */
  dueOn: string;
}

/** Wall-clock time (Europe/Zurich) at which a reminder is sent on its day. */
export const REMINDER_TIME = '08:00';

const subject = (visitId: string) => ({ type: 'visit', id: visitId });

/** Keeps the reminders of visit requests as schedule rows, run by the worker (VisitReminderHandler). */
@Injectable()
export class ScheduledVisitReminderPlanner extends VisitReminderPlanner {
  constructor(
    private readonly schedules: SchedulesService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async plan(visitId: string, dueOn: string): Promise<void> {
    await this.schedules.plan(VISIT_REMINDER_KIND, subject(visitId), this.dueAt(dueOn), {
      dueOn,
    } satisfies VisitReminderPayload);
  }

  async replan(visitId: string, dueOn: string): Promise<void> {
    await this.schedules.replan(
      subject(visitId),
      [VISIT_REMINDER_KIND],
      [{ kind: VISIT_REMINDER_KIND, dueAt: this.dueAt(dueOn), payload: { dueOn } satisfies VisitReminderPayload }],
    );
  }

  async cancel(visitId: string): Promise<void> {
    await this.schedules.cancelPending(subject(visitId), [VISIT_REMINDER_KIND]);
  }

  /** A reminder goes out in the morning of its day in Geneva, like the reminders of letters. */
  private dueAt(dueOn: string): Date {
    return atLocalTime(dueOn, REMINDER_TIME, this.config.rules.timezone);
  }
}
