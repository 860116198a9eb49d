import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { QueueName } from '@spcomms/queue';
import { SmtpTestServer, TestResources } from '@spcomms/testing';
import { ChildWorker, childEnv, createWorkerResources, spawnWorker, waitUntil, watchQueue } from './support';
import { FileClock } from './file-clock';
import { TEST_EFFECT_TABLE } from './test-reminder.handler';

const REMINDERS = 300;
const DUE = new Date('2026-03-02T09:05:00Z');

/**
 * Fault (b): a worker process is killed with SIGKILL in the middle of a batch of due reminders,
 * twice (while running schedules, then while e-mails wait for the server's answer); workers
 * started again finish the batch. Nothing is lost and nothing is done or sent twice.
 */
describe('a worker killed in the middle of a batch', () => {
  let resources: TestResources;
  let smtp: SmtpTestServer;
  let db: Client;
  let clockFile: string;
  let schedulesEvents: QueueEvents;
  const children: ChildWorker[] = [];

  const n = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
  const start = async () => {
    const child = await spawnWorker(childEnv(resources.config, { TEST_CLOCK_FILE: clockFile, SMTP_URL: smtp.url }));
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    resources = await createWorkerResources({ SMTP_URL: smtp.url });
    clockFile = join(mkdtempSync(join(tmpdir(), 'spcomms-clock-')), 'now');
    FileClock.write(clockFile, '2026-03-02T09:00:00Z');
    db = new Client({ connectionString: resources.config.env.DATABASE_URL });
    await db.connect();
    await db.query(TEST_EFFECT_TABLE);
    schedulesEvents = await watchQueue(resources.config, QueueName.Schedules);
  });

  afterAll(async () => {
    for (const child of children) {
      child.kill('SIGKILL');
    }
    await Promise.all(children.map((child) => child.exited));
    await schedulesEvents?.close();
    await db?.end();
    await resources?.release();
    await smtp?.stop();
    rmSync(join(clockFile, '..'), { recursive: true, force: true });
  });

  it('finishes the batch after restarts: every reminder done once, every e-mail sent once', async () => {
    await db.query(
      `INSERT INTO schedule (kind, subject_type, subject_id, due_at, payload, created_at)
       SELECT 'test.reminder', 'communication', 'crash-' || i, $1, jsonb_build_object('to', 'focal' || i || '@mission.example'), $2
         FROM generate_series(1, ${REMINDERS}) i`,
      [DUE, new Date('2026-03-02T09:00:00Z')],
    );
    FileClock.write(clockFile, DUE);

    // First kill: while the schedules run.
    let completed = 0;
    const counter = () => (completed += 1);
    schedulesEvents.on('completed', counter);
    // The server holds its answers meanwhile, so that no 250 is on its way when the kill lands (a kill
    // between a 250 and its "sent" mark is the one window that only the Message-ID covers).
    smtp.hold();
    const first = await start();
    await waitUntil(async () => completed >= 20, { triggers: [schedulesEvents], what: '20 schedule runs' });
    first.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    schedulesEvents.off('completed', counter);
    await waitUntil(async () => smtp.heldCount === 0, {
      triggers: [smtp],
      what: "the killed worker's held messages dropped",
    });
    const refusedAtFirstKill = smtp.refused.length;
    smtp.accept();
    const doneAtFirstKill = await n(`SELECT count(*) AS n FROM schedule WHERE state = 'done'`);
    expect(doneAtFirstKill).toBeLessThan(REMINDERS);

    // Second kill: the server holds its answer to the messages in flight; no 250 is pending in our
    // process, so the kill lands where a crash must not cause a duplicate.
    const second = await start();
    await smtp.waitForCount(40, 90_000);
    smtp.hold();
    await smtp.waitForHeld(1, 60_000);
    await waitUntil(
      async () => (await n(`SELECT count(*) AS n FROM outbox_message WHERE state = 'sent'`)) === smtp.received.length,
      {
        triggers: [smtp],
        what: 'accepted messages marked sent',
      },
    );
    second.kill('SIGKILL');
    expect(await second.exited).toBe('SIGKILL');
    const sentAtSecondKill = smtp.received.length;
    expect(sentAtSecondKill).toBeLessThan(REMINDERS);
    await smtp.waitForRefused(refusedAtFirstKill + 1);
    expect(await n(`SELECT count(*) AS n FROM outbox_message WHERE state = 'sending'`)).toBeGreaterThan(0);

    // The leases of the killed worker's messages expire by the clock; then a worker starts again.
    // (The clock moves first: moved while the new worker sends, it would also expire that worker's
    // own leases in flight, and their messages would be claimed and sent a second time.)
    FileClock.write(clockFile, new Date(DUE.getTime() + 10 * 60_000));
    smtp.accept();
    await start();
    await waitUntil(
      async () =>
        (await n(`SELECT count(*) AS n FROM schedule WHERE state = 'done'`)) === REMINDERS &&
        (await n(`SELECT count(*) AS n FROM outbox_message WHERE state = 'sent'`)) === REMINDERS,
      { timeoutMs: 120_000, triggers: [schedulesEvents, smtp], what: 'the whole batch' },
    );

    expect(await n(`SELECT count(*) AS n FROM test_effect`)).toBe(REMINDERS);
    expect(await n(`SELECT count(DISTINCT schedule_id) AS n FROM test_effect`)).toBe(REMINDERS);
    expect(await n(`SELECT count(*) AS n FROM outbox_message`)).toBe(REMINDERS);
    expect(smtp.received).toHaveLength(REMINDERS);
    expect([...smtp.countsByMessageId().values()].every((times) => times === 1)).toBe(true);
    expect(new Set(smtp.received.map((mail) => mail.to[0])).size).toBe(REMINDERS);
  }, 300_000);
});
