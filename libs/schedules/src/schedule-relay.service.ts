import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@spcomms/config';
import { Clock } from '@spcomms/clock';
import { JobName } from '@spcomms/queue';
import { QueueSync, SyncResult, WantedJob } from './queue-sync.service';
import { RelayRow, ScheduleRepository } from './schedule.repository';

const PAGE = 5000;

/** The job that runs a row: its id carries the attempt, so that a retry is a new job. */
export function scheduleJob(row: RelayRow): WantedJob<JobName.ScheduleRun> {
  return {
    jobId: `schedule:${row.id}:${row.attempts}`,
    payload: { scheduleId: row.id },
    runAt: row.retryAt && row.retryAt > row.dueAt ? row.retryAt : row.dueAt,
  };
}

/**
 * Turns pending rows that fall due within the horizon into delayed BullMQ jobs: right after the
 * transaction that planned them commits, and on a timer for rows entering the horizon. Rows further
 * away stay in PostgreSQL only. What the relay misses (Redis down, a crash between commit and
 * enqueue, a flush) the ScheduleReconciler puts back.
 */
@Injectable()
export class ScheduleRelay {
  private readonly logger = new Logger(ScheduleRelay.name);
  /** The end of the window the last tick covered; rows due up to here have been relayed. */
  private relayedUntil: Date | null = null;

  constructor(
    private readonly repository: ScheduleRepository,
    private readonly sync: QueueSync,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  horizonEnd(): Date {
    return new Date(this.clock.now().getTime() + this.config.env.SCHEDULE_HORIZON_SECONDS * 1000);
  }

  /** After commit: enqueues the rows just planned that fall within the horizon. Never throws. */
  async relayPlanned(rows: RelayRow[]): Promise<void> {
    const until = this.horizonEnd();
    const due = rows.filter((row) => row.dueAt <= until);
    if (due.length === 0) {
      return;
    }
    try {
      await this.sync.ensure(JobName.ScheduleRun, due.map(scheduleJob));
    } catch (error) {
      // The rows are committed: the reconciler enqueues them within a minute.
      this.logger.warn({ err: error }, `Could not enqueue ${due.length} schedule(s) after commit; the reconciler will`);
    }
  }

  /** Enqueues the pending rows that entered the horizon since the last tick. */
  async tick(): Promise<SyncResult> {
    const until = this.horizonEnd();
    const after = this.relayedUntil && this.relayedUntil < until ? this.relayedUntil : null;
    const result = await this.relayWindow(after, until);
    this.relayedUntil = until;
    return result;
  }

  /** Every pending row due in (after, until], page by page. */
  async relayWindow(after: Date | null, until: Date): Promise<SyncResult> {
    const total: SyncResult = { added: 0, advanced: 0, retried: 0 };
    let cursor: { dueAt: Date; id: string } | undefined;
    for (;;) {
      const rows = await this.repository.findPendingDue(after, until, PAGE, cursor);
      if (rows.length === 0) {
        break;
      }
      const result = await this.sync.ensure(JobName.ScheduleRun, rows.map(scheduleJob));
      total.added += result.added;
      total.advanced += result.advanced;
      total.retried += result.retried;
      if (rows.length < PAGE) {
        break;
      }
      const last = rows[rows.length - 1];
      cursor = { dueAt: last.dueAt, id: last.id };
    }
    return total;
  }
}
