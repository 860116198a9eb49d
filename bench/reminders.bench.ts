/**
 * npm run bench:reminders — 100,000 sent letters whose reminders (C13) fall due at the same moment,
 * drained by the real worker with the product's reminder handler (one process, then two), against
 * the same drain by a bare BullMQ worker doing the same database writes in plain SQL, in the same run.
 *
 * The letters are bulk-loaded with SQL in the shape of real `communication` rows (sent, numbered, a
 * reply date), to the 195 States, each with FOCAL_POINTS government users. Each drain plans one
 * reminder kind that transmission plans (before, due, after the reply date) for every letter, due
 * at one moment a little ahead; the reminder re-reads its row and the letter, writes one outbox
 * e-mail per focal point, marks the row done and logs the reminder on the letter (audit chain).
 * Lost and duplicate runs are counted from the rows: schedule rows done, outbox rows per letter and
 * audit events per letter and kind.
 *
 * BENCH_LETTERS (default 100,000) and BENCH_LEAD_MS (default 45,000) change the size and the lead;
 * BENCH_CPU_PROF=<dir> writes a CPU profile of each worker process there.
 */
import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { SystemClock, calendarDateIn } from '@spcomms/clock';
import { LetterReminderAfter, LetterReminderBefore, LetterReminderDue } from '@spcomms/communications';
import { AppConfig } from '@spcomms/config';
import { TransactionHost, dataSourceOptions } from '@spcomms/database';
import { JobQueue, queueOptions } from '@spcomms/queue';
import {
  QueueSync,
  SCHEDULE_BATCHES_PARALLEL,
  SCHEDULE_BATCH_MAX,
  ScheduleRelay,
  ScheduleRepository,
  SchedulesService,
} from '@spcomms/schedules';
import { createBenchDatabase, machineLine, peakRssMb, replicationLine } from './support/bench-database';
import { BARE_QUEUE, CONCURRENCY, FOCAL_POINTS } from './reminders-handler';

const ROOT = join(__dirname, '..');
/** The worker process's entry, compiled into dist/ by buildWorkerEntry. */
const WORKER_ENTRY = join('dist', 'bench', 'reminders-worker.js');
const LETTERS = Number(process.env.BENCH_LETTERS ?? 100_000);
/** Rows are planned this far ahead, so that planning and relaying are over when they fall due. */
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 45_000);
const LIMIT_MS = 1_500_000;
const TARGET_MS = 120_000;

interface Drain {
  label: string;
  kind: string;
  engine: boolean;
  processes: number;
  firstMs: number;
  lastMs: number;
  rate: number;
  load: string;
  /** The largest peak resident set among its worker processes, MB. */
  peakRssMb: number | null;
}

interface Count {
  kind: string;
  planned: number;
  done: number;
  troubled: number;
  outbox: number;
  logged: number;
  lost: number;
  duplicates: number;
}

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** Builds dist/ when it is stale, and compiles the worker process's entry beside it. */
function buildWorkerEntry(): void {
  execFileSync('bash', ['scripts/ensure-build.sh'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(
    join(ROOT, 'node_modules', '.bin', 'swc'),
    ['bench/reminders-worker.ts', 'bench/reminders-handler.ts', '-d', 'dist', '--config-file', '.swcrc', '--quiet'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/**
 * The V8 flags `npm run start:worker` gives the worker (its heap limit), so that the benchmark's worker
 * collects its garbage as the product's does.
 */
function workerNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  return scripts['start:worker'].split(/\s+/).filter((word) => word.startsWith('--max-old-space-size='));
}

/**
 * Starts a worker process as `npm start` runs one: built JavaScript (dist/, the benchmark's own entry
 * compiled beside it) with the product's V8 flags, so that its peak resident set is the product's.
 */
function spawnWorker(mode: 'engine' | 'bare', env: Record<string, string>): Promise<ChildProcess> {
  const profile = process.env.BENCH_CPU_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(
    process.execPath,
    [...workerNodeFlags(), ...profile, '-r', './scripts/register-paths.js', WORKER_ENTRY, mode],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
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

/** Stops the workers; answers the largest peak resident set among them (MB), read just before. */
async function stop(children: ChildProcess[]): Promise<number | null> {
  const peaks = children.map((child) => peakRssMb(child.pid)).filter((mb): mb is number => mb !== null);
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) {
            resolve();
            return;
          }
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  return peaks.length > 0 ? Math.max(...peaks) : null;
}

/**
 * Sent letters in the shape of real rows: numbered per State and year, sent 46 days ago, reply due in
 * 14 days (today is the day of the reminder before it; none of the drained reminders is out of date).
 */
async function loadLetters(dataSource: DataSource, today: string): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    await manager.query(
      `INSERT INTO app_user (username, display_name, email, role, state_code, language, password_hash)
       SELECT 'focal.' || lower(code) || '.' || k, 'Focal point ' || k || ', ' || name, 'focal' || k || '.' || lower(code) || '@mission.example',
              'government', code, (ARRAY['en', 'fr', 'es'])[1 + (k % 3)], 'bench-no-login'
         FROM state CROSS JOIN generate_series(1, $1::int) k WHERE status <> 'pseudo'`,
      [FOCAL_POINTS],
    );
    await manager.query(`
      CREATE TEMP TABLE bench_state ON COMMIT DROP AS
        SELECT code, row_number() OVER (ORDER BY code) - 1 AS rank FROM state WHERE status <> 'pseudo';
      CREATE TEMP TABLE bench_mandate ON COMMIT DROP AS
        SELECT id, row_number() OVER (ORDER BY code) - 1 AS rank FROM mandate;
    `);
    const [{ states, mandates }] = await manager.query(
      `SELECT (SELECT count(*) FROM bench_state)::int AS states, (SELECT count(*) FROM bench_mandate)::int AS mandates`,
    );
    await manager.query(
      `CREATE TEMP TABLE bench_letter ON COMMIT DROP AS
         SELECT i, md5('letter' || i)::uuid AS id, md5('version' || i)::uuid AS version_id,
                (ARRAY['UA', 'AL', 'OL'])[1 + (i % 3)] AS type, s.code, m.id AS lead_mandate_id,
                $1::date - 46 AS sent_on, $1::date + 14 AS reply_requested_by
           FROM generate_series(1, $2::int) i
           JOIN bench_state s ON s.rank = i % $3::int
           JOIN bench_mandate m ON m.rank = (i * 7) % $4::int`,
      [today, LETTERS, states, mandates],
    );
    await manager.query(`
      INSERT INTO communication (id, type, status, lead_mandate_id, recipient_code, language, subject, current_version, reference, ref_code,
                                 ref_number, ref_year, sent_at, sent_on, reply_requested_by, public_from, created_at, updated_at)
      SELECT id, type, 'sent', lead_mandate_id, code, 'en', 'Letter ' || i, 1, type || ' ' || code || ' ' || i || '/' || extract(year FROM sent_on),
             code, i, extract(year FROM sent_on), sent_on + time '10:00', sent_on, reply_requested_by, sent_on + 60,
             sent_on + time '09:00', sent_on + time '10:00'
        FROM bench_letter;
      INSERT INTO communication_version (id, communication_id, number, content, content_hash, created_at)
      SELECT version_id, id, 1, jsonb_build_object('type', type, 'victims', '[]'::jsonb), md5(id::text) || md5(version_id::text), sent_on + time '09:00'
        FROM bench_letter;
      INSERT INTO communication_mandate (communication_id, mandate_id, participation, invited_at)
      SELECT id, lead_mandate_id, 'lead', sent_on + time '09:00' FROM bench_letter;
    `);
  });
  await dataSource.query(`ANALYZE`);
}

/** Waits until `sql` counts `target` (a cheap count, once a second: the bench must not steal the CPU it measures). */
async function waitFor(
  dataSource: DataSource,
  sql: string,
  params: unknown[],
  target: number,
  deadline: number,
): Promise<void> {
  for (;;) {
    const [{ n }] = await dataSource.query(sql, params);
    if (Number(n) === target || Date.now() > deadline) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function countRows(dataSource: DataSource, kind: string): Promise<Count> {
  const [row] = await dataSource.query(
    `WITH focal AS (
       SELECT state_code, count(*) AS n FROM app_user WHERE role = 'government' AND disabled_at IS NULL GROUP BY state_code
     ), per_letter AS (
       SELECT c.id,
              (SELECT count(*) FROM schedule s WHERE s.kind = $1 AND s.subject_id = c.id::text AND s.state = 'done') AS done,
              (SELECT count(*) FROM outbox_message o WHERE o.kind = $1 AND o.subject_type = 'communication' AND o.subject_id = c.id::text) AS mails,
              (SELECT count(*) FROM audit_event a
                WHERE a.subject_type = 'communication' AND a.subject_id = c.id::text AND a.action = 'communication.reminder' AND a.after->>'kind' = $1) AS logs,
              coalesce(f.n, 0) AS focal
         FROM communication c LEFT JOIN focal f ON f.state_code = c.recipient_code
     )
     SELECT (SELECT count(*) FROM schedule WHERE kind = $1)::int AS planned,
            (SELECT count(*) FROM schedule WHERE kind = $1 AND state = 'done')::int AS done,
            (SELECT count(*) FROM schedule WHERE kind = $1 AND (attempts > 0 OR state <> 'done'))::int AS troubled,
            (SELECT sum(mails) FROM per_letter)::int AS outbox,
            (SELECT sum(logs) FROM per_letter)::int AS logged,
            (SELECT count(*) FROM per_letter WHERE done = 0 OR mails < focal OR logs = 0)::int AS lost,
            (SELECT coalesce(sum(greatest(done - 1, 0) + greatest(mails - focal, 0) + greatest(logs - 1, 0)), 0) FROM per_letter)::int AS duplicates`,
    [kind],
  );
  return { kind, ...row };
}

async function main(): Promise<void> {
  buildWorkerEntry();
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
  const schedules = new SchedulesService(
    repository,
    new ScheduleRelay(repository, new QueueSync(jobs, clock), clock, config),
    tx,
    clock,
  );
  const drains: Drain[] = [];
  const children: ChildProcess[] = [];
  let letterIds: string[] = [];

  /** Waits for the drain of `kind` due at `dueAt` and records its times. */
  const measure = async (
    label: string,
    kind: string,
    engine: boolean,
    processes: number,
    dueAt: number,
  ): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt - Date.now())));
    const loadAtDue = load();
    // Pending rows are counted through the partial index, which empties as the drain goes on.
    await waitFor(dataSource, `SELECT count(*) AS n FROM schedule WHERE state = 'pending'`, [], 0, dueAt + LIMIT_MS);
    const [times] = await dataSource.query(
      `SELECT min(done_at) AS first, max(done_at) AS last FROM schedule WHERE kind = $1 AND state = 'done'`,
      [kind],
    );
    const lastMs = new Date(times.last).getTime() - dueAt;
    drains.push({
      label,
      kind,
      engine,
      processes,
      firstMs: new Date(times.first).getTime() - dueAt,
      lastMs,
      rate: LETTERS / (lastMs / 1000),
      load: `${loadAtDue} → ${load()}`,
      peakRssMb: null,
    });
  };

  const engineDrain = async (processes: number, kind: string): Promise<void> => {
    children.push(...(await Promise.all(Array.from({ length: processes }, () => spawnWorker('engine', env)))));
    const dueAt = new Date(Date.now() + LEAD_MS);
    const planned = Date.now();
    await tx.run(() =>
      schedules.planForSubjects(letterIds.map((id) => ({ kind, subject: { type: 'communication', id }, dueAt }))),
    );
    const relayed = Date.now();
    if (relayed > dueAt.getTime()) {
      throw new Error(`planning and relaying took ${relayed - planned} ms, longer than the lead of ${LEAD_MS} ms`);
    }
    console.log(
      `  ${kind}: planned ${LETTERS} rows and relayed them as delayed jobs in ${((relayed - planned) / 1000).toFixed(1)} s, before they fell due`,
    );
    await measure(`engine, ${processes} process${processes > 1 ? 'es' : ''}`, kind, true, processes, dueAt.getTime());
    drains[drains.length - 1].peakRssMb = await stop(children.splice(0));
  };

  const bareDrain = async (kind: string): Promise<void> => {
    children.push(await spawnWorker('bare', env));
    const queue = new Queue(BARE_QUEUE, queueOptions(config));
    const dueAt = new Date(Date.now() + LEAD_MS);
    const rows = await tx.run(() =>
      repository.insertRows(
        letterIds.map((id) => ({ kind, subjectType: 'communication', subjectId: id, dueAt, payload: {} })),
        clock.now(),
        false,
      ),
    );
    for (let start = 0; start < rows.length; start += 1000) {
      await queue.addBulk(
        rows.slice(start, start + 1000).map((row) => ({
          name: 'bare',
          data: { scheduleId: row.id },
          opts: {
            jobId: `bare:${row.id}:0`,
            delay: Math.max(0, dueAt.getTime() - Date.now()),
            attempts: 1,
            removeOnComplete: true,
          },
        })),
      );
    }
    console.log(`  ${kind}: planned ${LETTERS} rows and queued them for the bare worker before they fell due`);
    await measure('bare BullMQ, 1 process', kind, false, 1, dueAt.getTime());
    await queue.close();
    drains[drains.length - 1].peakRssMb = await stop(children.splice(0));
  };

  try {
    const versions = await dataSource.query(`SHOW server_version`);
    const redis = new Redis(config.env.REDIS_URL);
    const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1];
    redis.disconnect();
    console.log(
      `bench:reminders — ${LETTERS.toLocaleString('en')} sent letters whose reminders fall due at the same moment`,
    );
    console.log(
      `  machine: ${machineLine()}; PostgreSQL ${versions[0].server_version}, Redis ${redisVersion}, ${await replicationLine(db.url)}; load average at start ${load()}`,
    );
    const started = Date.now();
    await loadLetters(dataSource, calendarDateIn(clock.now(), config.rules.timezone));
    letterIds = (await dataSource.query(`SELECT id FROM communication ORDER BY id`)).map(
      (row: { id: string }) => row.id,
    );
    console.log(
      `  loaded ${letterIds.length.toLocaleString('en')} letters to 195 States with ${FOCAL_POINTS} focal points each in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    console.log(
      `  engine process: schedules queue concurrency ${SCHEDULE_BATCH_MAX * SCHEDULE_BATCHES_PARALLEL}, run in ${SCHEDULE_BATCHES_PARALLEL} transactions of up to ${SCHEDULE_BATCH_MAX} rows; ` +
        `bare process: concurrency ${CONCURRENCY}, one transaction per job; PostgreSQL pool 20 each; rows planned ${LEAD_MS / 1000} s ahead`,
    );
    console.log(
      `  per reminder: take the row, re-read the letter, ${FOCAL_POINTS} outbox e-mails (not sent during the drain), audit event on the letter, row done`,
    );

    await engineDrain(1, LetterReminderBefore);
    await engineDrain(2, LetterReminderDue);
    await bareDrain(LetterReminderAfter);

    const counts = [];
    for (const drain of drains) {
      counts.push(await countRows(dataSource, drain.kind));
    }
    const [chain] = await dataSource.query(
      `SELECT (SELECT count(*) FROM audit_event)::int AS events,
              (SELECT coalesce(sum(seq), 0) FROM audit_subject_head)::int AS head`,
    );
    console.log('');
    console.log(
      '  drain                     first done   last done  reminders/s   peak RSS per worker (target ≤ 300 MB)   load average (at due → at end)',
    );
    for (const drain of drains) {
      const rss =
        drain.peakRssMb === null ? 'n/a' : `${drain.peakRssMb.toFixed(0)} MB ${drain.peakRssMb <= 300 ? 'ok' : 'OVER'}`;
      console.log(
        `  ${drain.label.padEnd(24)} ${(drain.firstMs / 1000).toFixed(2).padStart(8)} s ${(drain.lastMs / 1000).toFixed(1).padStart(9)} s ${Math.round(drain.rate).toString().padStart(12)}   ${rss.padEnd(38)}   ${drain.load}`,
      );
    }
    const bare = drains.find((drain) => !drain.engine)!;
    const one = drains.find((drain) => drain.engine && drain.processes === 1)!;
    const two = drains.find((drain) => drain.engine && drain.processes === 2)!;
    console.log('');
    console.log('  rows (kind, planned, done, troubled, outbox e-mails, reminders logged, lost, duplicate)');
    for (const count of counts) {
      console.log(
        `  ${count.kind.padEnd(24)} ${[count.planned, count.done, count.troubled, count.outbox, count.logged, count.lost, count.duplicates].map((n) => String(n).padStart(8)).join('')}`,
      );
    }
    console.log(
      `  audit chains: ${chain.events} events, their subjects' heads sum to ${chain.head} (${chain.events === chain.head ? 'no gap' : 'GAP'})`,
    );
    const lost = counts.reduce((sum, count) => sum + count.lost + (count.planned - count.done), 0);
    const duplicates = counts.reduce((sum, count) => sum + count.duplicates, 0);
    const ratio = one.rate / bare.rate;
    const targets = [
      [
        `ratio engine/bare, one process each: ${ratio.toFixed(2)} (target ≥ 0.50); two engine processes: ${(two.rate / bare.rate).toFixed(2)}`,
        ratio >= 0.5,
      ],
      [
        `all done within 120 s of the due moment: 1 process ${(one.lastMs / 1000).toFixed(1)} s, 2 processes ${(two.lastMs / 1000).toFixed(1)} s`,
        one.lastMs <= TARGET_MS && two.lastMs <= TARGET_MS,
      ],
      [`lost ${lost} (target 0)`, lost === 0],
      [`duplicates ${duplicates} (target 0)`, duplicates === 0 && chain.events === chain.head],
    ] as const;
    console.log('');
    for (const [line, met] of targets) {
      console.log(`  ${met ? 'met    ' : 'MISSED '} ${line}`);
    }
    console.log(`  ${targets.every(([, met]) => met) ? 'all targets met' : 'some targets missed'}`);
    if (!targets.every(([, met]) => met)) {
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
