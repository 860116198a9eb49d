import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@spcomms/clock';
import { NotificationsRepository } from '@spcomms/notifications';
import { ScheduleHandler, ScheduleRunContext, ScheduleView, declareScheduleKind } from '@spcomms/schedules';

export const BENCH_REMINDER = declareScheduleKind('bench.reminder');
export const BARE_QUEUE = 'bench-bare';
/** The engine's concurrency for the schedules queue (worker-host.service.ts), used for the bare worker too. */
export const CONCURRENCY = 16;

/**
 * The outbox row is due a day later: the bench measures the schedule run, not the sending. Due now,
 * the engine worker's mail relay would pick the rows up and send them (against no SMTP server, so
 * fail and retry) during the drain, a load the bare worker never carries.
 */
const SEND_LATER_MS = 24 * 3600_000;

/** The database write of a reminder: one outbox_message row, as NotificationsService.enqueue writes it. */
export function outboxRow(kind: string, subjectId: string, now: Date) {
  const id = randomUUID();
  return {
    id,
    kind,
    subjectType: 'communication',
    subjectId,
    recipientUserId: null,
    recipientAddress: `focal.${subjectId}@mission.example`,
    occasion: '',
    language: 'en',
    template: 'letter.reminder_before',
    params: { reference: `AL BEN ${subjectId}/2026`, recipient: 'Benchland', replyDueOn: '2026-05-01', link: 'http://localhost/l' },
    messageId: `<outbox.${id}@spcomms.local>`,
    nextAttemptAt: new Date(now.getTime() + SEND_LATER_MS),
    createdAt: now,
  };
}

export class DuplicateRunError extends Error {}

/** Writes the reminder's outbox row in the run's transaction; a second run of a row would throw (and be counted). */
@Injectable()
export class BenchReminderHandler implements ScheduleHandler {
  readonly kind = BENCH_REMINDER;

  constructor(
    private readonly outbox: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  async run(schedule: ScheduleView, _context: ScheduleRunContext): Promise<void> {
    const inserted = await this.outbox.insertIfNew(outboxRow(BENCH_REMINDER, schedule.subject.id, this.clock.now()));
    if (!inserted) {
      throw new DuplicateRunError(`schedule ${schedule.id} ran twice`);
    }
  }
}
