import { EventEmitter } from 'node:events';
import { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '@spcomms/config';
import { QueueName, queueOptions } from '@spcomms/queue';
import { ScheduleHandler } from '@spcomms/schedules';
import { TestClock, TestResources, createTestResources } from '@spcomms/testing';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/** Settings of a worker under test: timers off (tests call tick()/run()), quick stall detection. */
export const TEST_WORKER_ENV: Record<string, string> = {
  SCHEDULE_RELAY_INTERVAL_MS: '0',
  SCHEDULE_RECONCILE_INTERVAL_MS: '0',
  QUEUE_LOCK_DURATION_MS: '5000',
  QUEUE_STALLED_INTERVAL_MS: '1000',
  MAIL_RETRY_BASE_SECONDS: '60',
  SCHEDULE_RETRY_BASE_SECONDS: '30',
};

export interface InProcessWorker {
  module: TestingModule;
  dataSource: DataSource;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

/** The real WorkerModule in this process, with the test's clock and config. */
export async function startWorker(
  resources: Pick<TestResources, 'config' | 'clock'>,
  options: { scheduleHandlers?: Array<Type<ScheduleHandler>>; imports?: Array<Type | DynamicModule | ForwardReference> } = {},
): Promise<InProcessWorker> {
  const module = await Test.createTestingModule({
    imports: [WorkerModule.forRoot({ config: resources.config, clock: resources.clock, ...options })],
  }).compile();
  module.useLogger(false);
  await module.init();
  return {
    module,
    dataSource: module.get(DataSource),
    get: <T>(type: Type<T>) => module.get<T>(type, { strict: false }),
    close: () => module.close(),
  };
}

export async function createWorkerResources(env: Record<string, string> = {}, clock = new TestClock()): Promise<TestResources> {
  return createTestResources({ ...TEST_WORKER_ENV, ...env }, clock);
}

/** Job events of a queue (across processes), to wait on instead of polling. */
export async function watchQueue(config: AppConfig, queue: QueueName): Promise<QueueEvents> {
  const events = new QueueEvents(queue, { connection: queueOptions(config).connection, prefix: queueOptions(config).prefix });
  events.on('error', () => undefined);
  await events.waitUntilReady();
  return events;
}

/**
 * Resolves when `check` answers true. The check runs again whenever one of `triggers` emits (job
 * events, SMTP messages), and every `fallbackMs` in case an event came before we listened.
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  { timeoutMs = 60_000, triggers = [], fallbackMs = 1000, what = 'condition' }: { timeoutMs?: number; triggers?: EventEmitter[]; fallbackMs?: number; what?: string } = {},
): Promise<void> {
  if (await check()) {
    return;
  }
  await new Promise<void>((resolve, reject) => {
    let running = false;
    let again = false;
    const events = ['completed', 'failed', 'change'];
    const cleanup = () => {
      clearTimeout(timeout);
      clearInterval(fallback);
      for (const trigger of triggers) {
        events.forEach((name) => trigger.off(name, probe));
      }
    };
    const probe = () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      check()
        .then((done) => {
          running = false;
          if (done) {
            cleanup();
            resolve();
          } else if (again) {
            again = false;
            probe();
          }
        })
        .catch((error: unknown) => {
          cleanup();
          reject(error as Error);
        });
    };
    const timeout = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const fallback = setInterval(probe, fallbackMs);
    for (const trigger of triggers) {
      events.forEach((name) => trigger.on(name, probe));
    }
  });
}

export async function count(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const rows: Array<{ n: string }> = await dataSource.query(sql, params);
  return Number(rows[0]?.n ?? 0);
}
