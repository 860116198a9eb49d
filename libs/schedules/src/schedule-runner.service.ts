import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@spcomms/config';
import { Clock } from '@spcomms/clock';
import { TransactionHost } from '@spcomms/database';
import { JobName } from '@spcomms/queue';
import { QueueSync } from './queue-sync.service';
import { ScheduleHandlerRegistry } from './schedule-handler';
import { mapScheduleView } from './schedule.mapper';
import { scheduleJob } from './schedule-relay.service';
import { ScheduleRepository } from './schedule.repository';
import { ScheduleEntity, ScheduleState } from './schedule.entity';

export type ScheduleRunOutcome = 'done' | 'skipped' | 'missing' | 'locked' | 'not_pending' | 'not_due' | 'unknown_kind';

/** A failed run whose retry is planned; the job fails (visible in Bull Board), the row stays pending. */
export class ScheduleRunFailed extends Error {
  constructor(
    readonly scheduleId: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`Schedule ${scheduleId} failed (attempt ${attempts}): ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'ScheduleRunFailed';
  }
}

/**
 * Runs one schedule row exactly once, in one transaction: take the row (one UPDATE that locks it,
 * checks it is still pending and due by the injected clock, and marks it done), then run the
 * handler of its kind; both commit together or not at all. A second job for the same row (two
 * workers, a re-enqueue after a flush) waits for the row lock, then finds it done and does
 * nothing; a worker killed mid-run leaves an uncommitted transaction that PostgreSQL rolls back,
 * so the row is pending again for the job BullMQ hands to another worker once the lock lapses.
 */
@Injectable()
export class ScheduleRunner {
  private readonly logger = new Logger(ScheduleRunner.name);

  constructor(
    private readonly repository: ScheduleRepository,
    private readonly registry: ScheduleHandlerRegistry,
    private readonly tx: TransactionHost,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly sync: QueueSync,
  ) {}

  async run(scheduleId: string, jobId = ''): Promise<ScheduleRunOutcome> {
    try {
      let ran: ScheduleEntity | undefined;
      const outcome = await this.tx.run(async () => {
        const now = this.clock.now();
        const row = await this.repository.takeForRun(scheduleId, now);
        if (!row) {
          return this.whyNotRun(scheduleId, now);
        }
        ran = row;
        return this.runTaken(row, now, jobId);
      });
      if (ran) {
        this.logRun(ran, outcome);
      }
      return outcome;
    } catch (error) {
      await this.recordFailure(scheduleId, error);
      throw error;
    }
  }

  /**
   * Runs several rows in one transaction, so that they share one commit: one UPDATE takes every
   * row that is pending and due (as `run` does for one), then the rows of each kind go to their
   * handler together (its runMany) or one by one (its run); the marks and everything the handlers
   * wrote commit together or not at all. If any handler fails, the whole transaction rolls back and
   * each row is run again on its own (`run`), so that only the failing row counts a failed attempt. Answers each row's outcome or error, in the order given.
   */
  async runMany(
    items: Array<{ scheduleId: string; jobId: string }>,
  ): Promise<Array<PromiseSettledResult<ScheduleRunOutcome>>> {
    if (items.length === 1) {
      return Promise.allSettled([this.run(items[0].scheduleId, items[0].jobId)]);
    }
    try {
      const outcomes = await this.tx.run(async () => {
        const now = this.clock.now();
        const taken = await this.repository.takeManyForRun(
          items.map((item) => item.scheduleId),
          now,
        );
        const answers = new Map<number, ScheduleRunOutcome>();
        const byKind = new Map<string, Array<{ index: number; row: ScheduleEntity; jobId: string }>>();
        for (const [index, item] of items.entries()) {
          const row = taken.get(item.scheduleId);
          taken.delete(item.scheduleId);
          if (row) {
            const group = byKind.get(row.kind) ?? [];
            group.push({ index, row, jobId: item.jobId });
            byKind.set(row.kind, group);
          } else {
            answers.set(index, await this.whyNotRun(item.scheduleId, now));
          }
        }
        for (const [kind, group] of byKind) {
          const handler = this.registry.get(kind);
          if (handler?.runMany) {
            const results = await handler.runMany(
              group.map(({ row }) => mapScheduleView(row)),
              { now },
            );
            const skipped = group.filter((_, position) => results?.[position] === 'skipped');
            await this.repository.markTakenSkipped(skipped.map(({ row }) => row.id));
            group.forEach(({ index }, position) => answers.set(index, results?.[position] ?? 'done'));
          } else {
            for (const { index, row, jobId } of group) {
              answers.set(index, await this.runTaken(row, now, jobId));
            }
          }
        }
        return {
          answers: items.map((_, index) => answers.get(index) as ScheduleRunOutcome),
          ran: [...byKind.values()].flat(),
        };
      });
      // Committed: each row run is logged with what came of it.
      outcomes.ran.forEach(({ index, row }) => this.logRun(row, outcomes.answers[index]));
      return outcomes.answers.map((value) => ({ status: 'fulfilled', value }));
    } catch (error) {
      this.logger.debug(
        `A batch of ${items.length} schedule runs rolled back (${(error as Error)?.message}); running each on its own`,
      );
      const results: Array<PromiseSettledResult<ScheduleRunOutcome>> = [];
      for (const item of items) {
        results.push((await Promise.allSettled([this.run(item.scheduleId, item.jobId)]))[0]);
      }
      return results;
    }
  }

  /** Runs the handler of a row taken for its run, inside the run's transaction. */
  private async runTaken(row: ScheduleEntity, now: Date, jobId: string): Promise<ScheduleRunOutcome> {
    const handler = this.registry.get(row.kind);
    if (!handler) {
      this.logger.error(
        { scheduleId: row.id, kind: row.kind },
        `No handler for schedule kind ${row.kind}: row ${row.id} marked failed`,
      );
      await this.repository.failTaken(row.id, `No handler for schedule kind ${row.kind}`);
      return 'unknown_kind';
    }
    if ((await handler.run(mapScheduleView(row), { now, jobId })) === 'skipped') {
      await this.repository.markTakenSkipped([row.id]);
      return 'skipped';
    }
    return 'done';
  }

  /** One line per row run, once its transaction has committed: which kind, for what, and what came of it. */
  private logRun(row: ScheduleEntity, outcome: ScheduleRunOutcome): void {
    this.logger.log(
      { scheduleId: row.id, kind: row.kind, subjectType: row.subjectType, subjectId: row.subjectId, outcome },
      `Schedule ${row.kind} for ${row.subjectType} ${row.subjectId}: ${outcome}`,
    );
  }

  /** Nothing to run: say why (the row is gone, finished, or not due yet by this process's clock). */
  private async whyNotRun(scheduleId: string, now: Date): Promise<ScheduleRunOutcome> {
    const row = await this.repository.findById(scheduleId);
    if (!row) {
      return 'missing';
    }
    if (row.state !== ScheduleState.Pending) {
      return 'not_pending';
    }
    // Early by this process's clock: the relay or the reconciler enqueues it again in time.
    return (row.retryAt ?? row.dueAt) > now ? 'not_due' : 'locked';
  }

  /** In a transaction of its own (the run's rolled back): count the attempt, plan the retry or give up. */
  private async recordFailure(scheduleId: string, cause: unknown): Promise<void> {
    const now = this.clock.now();
    const message = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    const row = await this.repository.findById(scheduleId);
    if (!row || row.state !== ScheduleState.Pending) {
      return;
    }
    const attempt = row.attempts + 1;
    const last = attempt >= this.config.env.SCHEDULE_MAX_ATTEMPTS;
    const retryAt = last
      ? null
      : new Date(now.getTime() + this.config.env.SCHEDULE_RETRY_BASE_SECONDS * 1000 * 2 ** (attempt - 1));
    const attempts = await this.tx.run(() => this.repository.recordFailure(scheduleId, message, now, retryAt));
    if (attempts === null) {
      return;
    }
    if (retryAt) {
      this.logger.warn(
        { scheduleId, kind: row.kind, attempts },
        `Schedule ${row.kind} ${scheduleId} failed (${message}); retry at ${retryAt.toISOString()}`,
      );
      await this.sync
        .ensure(JobName.ScheduleRun, [scheduleJob({ id: scheduleId, dueAt: row.dueAt, retryAt, attempts })])
        .catch((error: unknown) =>
          this.logger.warn({ err: error }, `Retry of schedule ${scheduleId} not enqueued; the reconciler will`),
        );
    } else {
      this.logger.error(
        { scheduleId, kind: row.kind, attempts },
        `Schedule ${row.kind} ${scheduleId} failed for good after ${attempts} attempts: ${message}`,
      );
    }
  }
}
