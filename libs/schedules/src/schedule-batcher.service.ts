import { Injectable } from '@nestjs/common';
import { ScheduleRunOutcome, ScheduleRunner } from './schedule-runner.service';

/** Rows run in one transaction at most. */
export const SCHEDULE_BATCH_MAX = 32;
/** Batches of one process under way at once (each holds one database connection). */
export const SCHEDULE_BATCHES_PARALLEL = 2;
/** How long the first job of a batch waits for others to join it. */
const GATHER_MS = 5;

interface Waiting {
  scheduleId: string;
  jobId: string;
  resolve: (outcome: ScheduleRunOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Groups the schedule jobs that a worker process holds at the same moment into batches run by
 * ScheduleRunner.runMany, one transaction and one commit per batch instead of one per row: when
 * many rows fall due together (the reminders of a day), the commit, and the audit chain's lock held
 * until it, are shared by the whole batch. Each job still answers its own row's outcome or error
 * once its batch has committed, so BullMQ completes, fails and retries jobs one by one as before;
 * a process killed mid-batch leaves every job of the batch to stall and run again elsewhere, with
 * nothing of the batch committed.
 */
@Injectable()
export class ScheduleBatcher {
  private readonly waiting: Waiting[] = [];
  private running = 0;
  private gathering: NodeJS.Timeout | null = null;

  constructor(private readonly runner: ScheduleRunner) {}

  run(scheduleId: string, jobId: string): Promise<ScheduleRunOutcome> {
    return new Promise<ScheduleRunOutcome>((resolve, reject) => {
      this.waiting.push({ scheduleId, jobId, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running >= SCHEDULE_BATCHES_PARALLEL || this.waiting.length === 0) {
      return;
    }
    if (this.waiting.length >= SCHEDULE_BATCH_MAX) {
      this.startBatch();
    } else if (!this.gathering) {
      this.gathering = setTimeout(() => this.startBatch(), GATHER_MS);
    }
  }

  private startBatch(): void {
    if (this.gathering) {
      clearTimeout(this.gathering);
      this.gathering = null;
    }
    if (this.running >= SCHEDULE_BATCHES_PARALLEL || this.waiting.length === 0) {
      return;
    }
    const batch = this.waiting.splice(0, SCHEDULE_BATCH_MAX);
    this.running++;
    void this.runner
      .runMany(batch.map(({ scheduleId, jobId }) => ({ scheduleId, jobId })))
      .then(
        (results) =>
          results.forEach((result, index) =>
            result.status === 'fulfilled' ? batch[index].resolve(result.value) : batch[index].reject(result.reason),
          ),
        (error: unknown) => batch.forEach((item) => item.reject(error)),
      )
      .finally(() => {
        this.running--;
        this.schedule();
      });
    this.schedule();
  }
}
