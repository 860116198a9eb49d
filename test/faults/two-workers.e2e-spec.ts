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

const REMINDERS = 400;

/**
 * Fault (c): two worker processes on the same queues and database, each with its own relay and
 * reconciler enqueuing the same rows, race for every reminder. Each is done and sent once.
 */
describe('two worker processes at once', () => {
  let resources: TestResources;
  let smtp: SmtpTestServer;
  let db: Client;
  let clockFile: string;
  let schedulesEvents: QueueEvents;
  const children: ChildWorker[] = [];

  const n = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);

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
      child.kill('SIGTERM');
    }
    await Promise.all(children.map((child) => child.exited));
    await schedulesEvents?.close();
    await db?.end();
    await resources?.release();
    await smtp?.stop();
    rmSync(join(clockFile, '..'), { recursive: true, force: true });
  });

  it('does each reminder and sends each e-mail once', async () => {
    const env = childEnv(resources.config, { TEST_CLOCK_FILE: clockFile, SMTP_URL: smtp.url });
    children.push(...(await Promise.all([spawnWorker(env), spawnWorker(env)])));

    await db.query(
      `INSERT INTO schedule (kind, subject_type, subject_id, due_at, payload, created_at)
       SELECT 'test.reminder', 'communication', 'pair-' || i, $1, jsonb_build_object('to', 'focal' || i || '@mission.example'), $2
         FROM generate_series(1, ${REMINDERS}) i`,
      [new Date('2026-03-02T09:10:00Z'), new Date('2026-03-02T09:00:00Z')],
    );
    // Both relays see the rows enter the horizon and enqueue them; then both reconcilers, every 500 ms, as they fall due.
    FileClock.write(clockFile, '2026-03-02T09:10:00Z');

    await waitUntil(
      async () =>
        (await n(`SELECT count(*) AS n FROM schedule WHERE state = 'done'`)) === REMINDERS &&
        (await n(`SELECT count(*) AS n FROM outbox_message WHERE state = 'sent'`)) === REMINDERS,
      { timeoutMs: 120_000, triggers: [schedulesEvents, smtp], what: 'the whole batch' },
    );

    expect(await n(`SELECT count(*) AS n FROM test_effect`)).toBe(REMINDERS);
    expect(await n(`SELECT count(DISTINCT schedule_id) AS n FROM test_effect`)).toBe(REMINDERS);
    // Both took part.
    expect(await n(`SELECT count(DISTINCT worker_pid) AS n FROM test_effect`)).toBe(2);
    expect(smtp.received).toHaveLength(REMINDERS);
    expect([...smtp.countsByMessageId().values()].every((times) => times === 1)).toBe(true);
    expect(children.every((child) => !/error/i.test(child.output()))).toBe(true);
  }, 300_000);
});
