import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@spcomms/database';
import { MailTemplate, NotificationsService } from '@spcomms/notifications';
import { ScheduleHandler, ScheduleRunContext, ScheduleView, declareScheduleKind } from '@spcomms/schedules';

/** A generic reminder for the engine's own tests: what a letter reminder does, without a letter. */
export const TEST_REMINDER = declareScheduleKind('test.reminder');

/** The table the test handler writes to, with no constraint, so that a second run would show. */
export const TEST_EFFECT_TABLE = `CREATE TABLE IF NOT EXISTS test_effect (schedule_id uuid NOT NULL, kind text NOT NULL, ran_at timestamptz NOT NULL, worker_pid integer NOT NULL)`;

export interface TestReminderPayload {
  to?: string;
  language?: 'en' | 'fr' | 'es';
  /** Make the run throw, to test retries. */
  fail?: boolean;
}

/**
 * Records its run in test_effect and writes the reminder e-mail into the outbox, in the run's
 * transaction, as a real reminder handler does.
 */
@Injectable()
export class TestReminderHandler implements ScheduleHandler {
  readonly kind = TEST_REMINDER;

  constructor(
    private readonly tx: TransactionHost,
    private readonly notifications: NotificationsService,
  ) {}

  async run(schedule: ScheduleView, context: ScheduleRunContext): Promise<void> {
    const payload = schedule.payload as TestReminderPayload;
    await this.tx.manager.query(
      `INSERT INTO test_effect (schedule_id, kind, ran_at, worker_pid) VALUES ($1, $2, $3, $4)`,
      [schedule.id, schedule.kind, context.now, process.pid],
    );
    if (payload.fail) {
      throw new Error('test handler told to fail');
    }
    if (payload.to) {
      await this.notifications.enqueue({
        kind: 'test.reminder',
        subject: schedule.subject,
        occasion: schedule.dueAt.toISOString(),
        to: { address: payload.to, language: payload.language ?? 'en' },
        template: MailTemplate.ReminderBefore,
        params: {
          reference: `TEST ${schedule.subject.id.slice(0, 8)}`,
          recipientTo: 'to Testland',
          replyDueOn: '2026-05-01',
          link: 'http://localhost/x',
        },
      });
    }
  }
}
