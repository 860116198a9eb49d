/**
 * npm run fault:mail — how many e-mails a killed worker sends twice.
 *
 * A burst of FAULT_MAIL_MESSAGES (default 2,000) due reminders, each writing one e-mail, is drained by
 * worker processes against a local SMTP server; FAULT_MAIL_KILLS (default 20) times, a worker is killed
 * with SIGKILL at a random moment while it sends (a seeded draw, FAULT_MAIL_SEED, so a run can be
 * repeated), and another is started. Then the clock moves past every lease and a last worker finishes.
 * Printed: kills × messages → duplicates (accepted twice under one Message-ID) and lost (never
 * accepted, or never written); lost must be 0. Exits 1 when something is lost.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { SmtpTestServer, TestResources, random } from '@spcomms/testing';
import globalSetup from '../../libs/testing/src/global-setup';
import globalTeardown from '../../libs/testing/src/global-teardown';
import { FileClock } from './file-clock';
import { ChildWorker, childEnv, createWorkerResources, spawnWorker, waitUntil } from './support';
import { TEST_EFFECT_TABLE } from './test-reminder.handler';

const MESSAGES = Number(process.env.FAULT_MAIL_MESSAGES ?? 2000);
const KILLS = Number(process.env.FAULT_MAIL_KILLS ?? 20);
const SEED = Number(process.env.FAULT_MAIL_SEED ?? 18);
/** A kill lands this long at most after the server accepted the message that triggers it. */
const KILL_JITTER_MS = 30;
const DUE = new Date('2026-03-02T09:05:00Z');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome {
  accepted: number;
  duplicates: number;
  duplicatedMessages: number;
  lost: number;
  perKill: number[];
}

async function run(resources: TestResources, smtp: SmtpTestServer, clockFile: string): Promise<Outcome> {
  const db = new Client({ connectionString: resources.config.env.DATABASE_URL });
  await db.connect();
  const n = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
  const children: ChildWorker[] = [];
  const start = async () => {
    const child = await spawnWorker(childEnv(resources.config, { TEST_CLOCK_FILE: clockFile, SMTP_URL: smtp.url }));
    children.push(child);
    return child;
  };
  const draw = random(SEED);
  const duplicatesSoFar = () => [...smtp.countsByMessageId().values()].reduce((sum, times) => sum + times - 1, 0);
  try {
    await db.query(TEST_EFFECT_TABLE);
    await db.query(
      `INSERT INTO schedule (kind, subject_type, subject_id, due_at, payload, created_at)
       SELECT 'test.reminder', 'communication', 'burst-' || i, $1, jsonb_build_object('to', 'focal' || i || '@mission.example'), $2
         FROM generate_series(1, ${MESSAGES}) i`,
      [DUE, new Date(DUE.getTime() - 5 * 60_000)],
    );
    FileClock.write(clockFile, DUE);

    // Each worker is killed after a share of the burst, drawn around an even split of two thirds
    // of it, so that every kill lands while e-mails are being sent.
    const share = (MESSAGES * 2) / 3 / KILLS;
    const perKill: number[] = [];
    for (let kill = 1; kill <= KILLS; kill += 1) {
      const worker = await start();
      const target = smtp.received.length + Math.max(1, Math.round(share * (0.5 + draw())));
      await smtp.waitForCount(target, 120_000);
      await pause(Math.floor(draw() * KILL_JITTER_MS));
      worker.kill('SIGKILL');
      await worker.exited;
      perKill.push(await n(`SELECT count(*) AS n FROM outbox_message WHERE state = 'sending'`));
      process.stdout.write(
        `kill ${kill}: ${smtp.received.length} accepted, ${perKill[perKill.length - 1]} left sending\n`,
      );
    }

    // Every lease of a killed worker ends; the last worker sends what they left.
    FileClock.write(clockFile, new Date(DUE.getTime() + 3600_000));
    await start();
    await waitUntil(
      async () =>
        (await n(`SELECT count(*) AS n FROM schedule WHERE state = 'done'`)) === MESSAGES &&
        (await n(`SELECT count(*) AS n FROM outbox_message WHERE state IN ('pending', 'sending')`)) === 0,
      { timeoutMs: 600_000, triggers: [smtp], what: 'the whole burst' },
    );
    const written = await n(`SELECT count(*) AS n FROM outbox_message`);
    const ids = (await db.query<{ message_id: string }>(`SELECT message_id FROM outbox_message`)).rows.map(
      (row) => row.message_id,
    );
    const accepted = smtp.countsByMessageId();
    return {
      accepted: smtp.received.length,
      duplicates: duplicatesSoFar(),
      duplicatedMessages: [...accepted.values()].filter((times) => times > 1).length,
      lost: MESSAGES - written + ids.filter((id) => !accepted.has(id)).length,
      perKill,
    };
  } catch (error) {
    const states = await db.query<{ state: string; n: string }>(
      `SELECT state, count(*) AS n FROM outbox_message GROUP BY state`,
    );
    const schedules = await db.query<{ state: string; n: string }>(
      `SELECT state, count(*) AS n FROM schedule GROUP BY state`,
    );
    process.stderr.write(`outbox ${JSON.stringify(states.rows)}; schedules ${JSON.stringify(schedules.rows)}\n`);
    process.stderr.write(`last worker's output:\n${children[children.length - 1]?.output().slice(-4000) ?? ''}\n`);
    throw error;
  } finally {
    for (const child of children) {
      child.kill('SIGKILL');
    }
    await Promise.all(children.map((child) => child.exited));
    await db.end();
  }
}

async function main(): Promise<void> {
  await globalSetup();
  const smtp = await SmtpTestServer.start();
  const resources = await createWorkerResources({ SMTP_URL: smtp.url });
  const clockFile = join(mkdtempSync(join(tmpdir(), 'spcomms-clock-')), 'now');
  FileClock.write(clockFile, new Date(DUE.getTime() - 5 * 60_000));
  let outcome: Outcome;
  try {
    outcome = await run(resources, smtp, clockFile);
  } finally {
    await resources.release();
    await smtp.stop();
    rmSync(join(clockFile, '..'), { recursive: true, force: true });
    await globalTeardown();
  }
  process.stdout.write(
    `\n${KILLS} kills × ${MESSAGES} messages → ${outcome.duplicates} duplicate(s) (${outcome.duplicatedMessages} message(s) accepted twice or more), ` +
      `${outcome.lost} lost; ${outcome.accepted} accepted in all; seed ${SEED}; load average ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}\n`,
  );
  process.exitCode = outcome.lost === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
