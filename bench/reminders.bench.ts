/**
 * npm run bench:reminders — 100,000 schedule rows due at the same moment, drained by the real worker
 * (one process, then two), against the same drain by a bare BullMQ worker doing the same database
 * write, in the same run. Rows are generic reminders (kind bench.reminder) whose handler writes the
 * reminder's outbox_message row, as a letter reminder does.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { SystemClock } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { TransactionHost, dataSourceOptions } from '@spcomms/database';
import { JobQueue, queueOptions } from '@spcomms/queue';
import { QueueSync, ScheduleRelay, ScheduleRepository, SchedulesService } from '@spcomms/schedules';
import { createBenchDatabase, machineLine } from './support/bench-database';
import { BARE_QUEUE, BENCH_REMINDER, CONCURRENCY } from './reminders-handler';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
/** Rows are planned this far ahead, so that planning and relaying are over when they fall due. */
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 45_000);
const LIMIT_MS = 300_000;

interface Drain {
  label: string;
  processes: number;
  firstMs: number;
  lastMs: number;
  rate: number;
}

function spawnWorker(mode: 'engine' | 'bare', env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', '-r', './scripts/register-paths-ts.js', join('bench', 'reminders-worker.ts'), mode], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready\n')) {
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`${mode} worker exited with ${code} before it was ready`)));
  });
}

async function stop(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** Waits until `sql` counts `target` (a cheap count: the bench must not steal the CPU it measures). */
async function waitFor(dataSource: DataSource, sql: string, params: unknown[], target: number, deadline: number): Promise<void> {
  for (;;) {
    const [{ n }] = await dataSource.query(sql, params);
    if (Number(n) === target || Date.now() > deadline) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function main(): Promise<void> {
  const db = await createBenchDatabase('reminders');
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const env = { DATABASE_URL: db.url, REDIS_PREFIX: prefix, LOG_LEVEL: 'warn', WORKER_HEALTH_PORT: '0' };
  const config = AppConfig.fromEnv(env);
  const dataSource = new DataSource(dataSourceOptions(db.url));
  await dataSource.initialize();
  const clock = new SystemClock();
  const tx = new TransactionHost(dataSource);
  const jobs = new JobQueue(config);
  const repository = new ScheduleRepository(tx);
  const schedules = new SchedulesService(repository, new ScheduleRelay(repository, new QueueSync(jobs, clock), clock, config), tx, clock);
  const drains: Drain[] = [];
  const children: ChildProcess[] = [];

  const engineDrain = async (processes: number): Promise<void> => {
    const batch = `p${processes}`;
    children.push(...(await Promise.all(Array.from({ length: processes }, () => spawnWorker('engine', env)))));
    const dueAt = new Date(Date.now() + LEAD_MS);
    const planned = Date.now();
    await tx.run(() =>
      schedules.planForSubjects(
        Array.from({ length: ROWS }, (_, index) => ({ kind: BENCH_REMINDER, subject: { type: 'communication', id: `${batch}-${index}` }, dueAt })),
      ),
    );
    const relayed = Date.now();
    if (relayed > dueAt.getTime()) {
      throw new Error(`planning and relaying took ${relayed - planned} ms, longer than the lead of ${LEAD_MS} ms`);
    }
    // Pending rows are counted through the partial index, which empties as the drain goes on.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt.getTime() - Date.now())));
    await waitFor(dataSource, `SELECT count(*) AS n FROM schedule WHERE state = 'pending'`, [], 0, dueAt.getTime() + LIMIT_MS);
    const [times] = await dataSource.query(
      `SELECT min(done_at) AS first, max(done_at) AS last FROM schedule WHERE state = 'done' AND subject_id LIKE $1`,
      [`${batch}-%`],
    );
    const lastMs = new Date(times.last).getTime() - dueAt.getTime();
    drains.push({ label: `engine, ${processes} process${processes > 1 ? 'es' : ''}`, processes, firstMs: new Date(times.first).getTime() - dueAt.getTime(), lastMs, rate: ROWS / (lastMs / 1000) });
    console.log(`  planned ${ROWS} rows and relayed them as delayed jobs in ${((relayed - planned) / 1000).toFixed(1)} s (before they fell due)`);
    await stop(children.splice(0));
  };

  const bareDrain = async (): Promise<void> => {
    children.push(await spawnWorker('bare', env));
    const queue = new Queue(BARE_QUEUE, queueOptions(config));
    const dueAt = Date.now() + LEAD_MS;
    for (let start = 0; start < ROWS; start += 1000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1000, ROWS - start) }, (_, offset) => ({
          name: 'bare',
          data: { subjectId: `bare-${start + offset}` },
          opts: { jobId: `bare:${start + offset}:0`, delay: Math.max(0, dueAt - Date.now()), attempts: 1, removeOnComplete: true },
        })),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt - Date.now())));
    for (let left = 1; left > 0 && Date.now() < dueAt + LIMIT_MS; ) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = await queue.getJobCounts('wait', 'delayed', 'active');
      left = now.wait + now.delayed + now.active;
    }
    await waitFor(dataSource, `SELECT count(*) AS n FROM outbox_message WHERE kind = 'bench.bare'`, [], ROWS, dueAt + LIMIT_MS);
    const [times] = await dataSource.query(`SELECT min(created_at) AS first, max(created_at) AS last FROM outbox_message WHERE kind = 'bench.bare'`);
    const lastMs = new Date(times.last).getTime() - dueAt;
    drains.push({ label: 'bare BullMQ, 1 process', processes: 1, firstMs: new Date(times.first).getTime() - dueAt, lastMs, rate: ROWS / (lastMs / 1000) });
    await queue.close();
    await stop(children.splice(0));
  };

  try {
    const versions = await dataSource.query(`SHOW server_version`);
    const redis = new Redis(config.env.REDIS_URL);
    const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1];
    redis.disconnect();
    console.log(`bench:reminders — ${ROWS.toLocaleString('en')} schedule rows due at the same moment`);
    console.log(`  machine: ${machineLine()}; PostgreSQL ${versions[0].server_version}, Redis ${redisVersion}`);
    console.log(`  per worker process: BullMQ concurrency ${CONCURRENCY}, PostgreSQL pool 20; rows planned ${LEAD_MS / 1000} s ahead`);
    console.log('  handler: one outbox_message insert per row, in the transaction that locks the row and marks it done');

    await engineDrain(1);
    await engineDrain(2);
    await bareDrain();

    const [counts] = await dataSource.query(
      `SELECT (SELECT count(*) FROM schedule WHERE kind = $1) AS planned,
              (SELECT count(*) FROM schedule WHERE kind = $1 AND state = 'done') AS done,
              (SELECT count(*) FROM schedule WHERE kind = $1 AND (attempts > 0 OR state <> 'done')) AS troubled,
              (SELECT count(*) FROM outbox_message WHERE kind = $1) AS written,
              (SELECT count(DISTINCT subject_id) FROM outbox_message WHERE kind = $1) AS distinct_written,
              (SELECT count(*) FROM outbox_message WHERE kind = 'bench.bare') AS bare`,
      [BENCH_REMINDER],
    );
    console.log('');
    console.log('  drain                        first done   last done   rate (rows/s)');
    for (const drain of drains) {
      console.log(`  ${drain.label.padEnd(28)} ${(drain.firstMs / 1000).toFixed(2).padStart(8)} s ${(drain.lastMs / 1000).toFixed(1).padStart(9)} s ${Math.round(drain.rate).toString().padStart(12)}`);
    }
    const bare = drains.find((drain) => drain.label.startsWith('bare'))!;
    const one = drains.find((drain) => drain.processes === 1 && drain.label.startsWith('engine'))!;
    const two = drains.find((drain) => drain.processes === 2)!;
    console.log('');
    console.log(`  ratio engine/bare, one process each: ${(one.rate / bare.rate).toFixed(2)} (target ≥ 0.50); two engine processes: ${(two.rate / bare.rate).toFixed(2)}`);
    console.log(`  all done within 120 s: 1 process ${one.lastMs <= 120_000 ? 'yes' : 'NO'}, 2 processes ${two.lastMs <= 120_000 ? 'yes' : 'NO'}`);
    const lost = 2 * ROWS - Number(counts.done);
    const duplicates = Number(counts.written) - Number(counts.distinct_written) + Number(counts.troubled) - lost;
    console.log(
      `  rows: ${counts.planned} planned, ${counts.done} done, ${counts.written} outbox rows for ${counts.distinct_written} subjects, ${counts.bare} bare rows; ` +
        `lost ${lost}, duplicate ${Math.max(0, duplicates)}`,
    );
    if (lost !== 0 || duplicates > 0) {
      process.exitCode = 1;
    }
  } finally {
    await stop(children);
    await jobs.onApplicationShutdown();
    await dataSource.destroy();
    const redis = new Redis(config.env.REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) {
        await redis.del(...keys);
      }
    } while (cursor !== '0');
    redis.disconnect();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
