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
  options: {
    scheduleHandlers?: Array<Type<ScheduleHandler>>;
    imports?: Array<Type | DynamicModule | ForwardReference>;
  } = {},
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

export async function createWorkerResources(
  env: Record<string, string> = {},
  clock = new TestClock(),
): Promise<TestResources> {
  return createTestResources({ ...TEST_WORKER_ENV, ...env }, clock);
}

/** Job events of a queue (across processes), to wait on instead of polling. */
export async function watchQueue(config: AppConfig, queue: QueueName): Promise<QueueEvents> {
  const events = new QueueEvents(queue, {
    connection: queueOptions(config).connection,
    prefix: queueOptions(config).prefix,
  });
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
  {
    timeoutMs = 60_000,
    triggers = [],
    fallbackMs = 1000,
    what = 'condition',
  }: { timeoutMs?: number; triggers?: EventEmitter[]; fallbackMs?: number; what?: string } = {},
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

/** A worker in a child process (see worker-entry.ts). */
export interface ChildWorker {
  pid: number;
  /** Resolves with the exit code or signal. */
  exited: Promise<string>;
  kill(signal: NodeJS.Signals): void;
  output(): string;
}

/** The environment that makes a child worker use the test's database, Redis prefix and SMTP server. */
export function childEnv(config: AppConfig, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.env)) {
    if (value !== undefined && value !== null && value !== '') {
      env[key] = String(value);
    }
  }
  return {
    ...env,
    LOG_LEVEL: 'warn',
    WORKER_HEALTH_PORT: '0',
    SCHEDULE_RELAY_INTERVAL_MS: '300',
    SCHEDULE_RECONCILE_INTERVAL_MS: '500',
    ...extra,
  };
}

export async function spawnWorker(env: Record<string, string>, timeoutMs = 120_000): Promise<ChildWorker> {
  const { spawn } = await import('node:child_process');
  const { join } = await import('node:path');
  const root = join(__dirname, '..', '..');
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', '-r', './scripts/register-paths-ts.js', join('test', 'faults', 'worker-entry.ts')],
    { cwd: root, env: { ...process.env, ...env, NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? String(code))));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker child not ready after ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = () => {
      if (output.includes('ready\n')) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`worker child exited (${how}) before it was ready:\n${output}`));
    });
  });
  return { pid: child.pid ?? 0, exited, kill: (signal) => child.kill(signal), output: () => output };
}
