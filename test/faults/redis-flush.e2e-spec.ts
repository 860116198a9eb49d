import { QueueEvents } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { TransactionHost } from '@spcomms/database';
import { MailRelay } from '@spcomms/notifications';
import { QueueName } from '@spcomms/queue';
import { ScheduleReconciler, SchedulesService } from '@spcomms/schedules';
import { SmtpTestServer, TestClock, TestResources } from '@spcomms/testing';
import { InProcessWorker, count, createWorkerResources, startWorker, waitUntil, watchQueue } from './support';
import { TEST_EFFECT_TABLE, TEST_REMINDER, TestReminderHandler } from './test-reminder.handler';

const REMINDERS = 60;

/** Deletes every key under the file's prefix: FLUSHALL for this test only (the Redis is shared). */
async function flushPrefix(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) {
        deleted += await redis.del(...keys);
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Fault (a): Redis loses every key while reminders wait in it; PostgreSQL is the record, nothing is lost. */
describe('Redis flushed while reminders are pending', () => {
  let resources: TestResources;
  let smtp: SmtpTestServer;
  let worker: InProcessWorker;
  let clock: TestClock;
  let db: DataSource;
  let schedulesEvents: QueueEvents;
  let mailEvents: QueueEvents;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    clock = new TestClock('2026-03-02T09:00:00Z');
    resources = await createWorkerResources({ SMTP_URL: smtp.url }, clock);
    worker = await startWorker(resources, { scheduleHandlers: [TestReminderHandler] });
    db = worker.dataSource;
    await db.query(TEST_EFFECT_TABLE);
    schedulesEvents = await watchQueue(resources.config, QueueName.Schedules);
    mailEvents = await watchQueue(resources.config, QueueName.Mail);
  });

  afterAll(async () => {
    await schedulesEvents?.close();
    await mailEvents?.close();
    await worker?.close();
    await resources?.release();
    await smtp?.stop();
  });

  it('runs every due reminder exactly once after the reconciler rebuilds the queue', async () => {
    const dueAt = new Date('2026-03-02T09:10:00Z');
    const schedules = worker.get(SchedulesService);
    await worker.get(TransactionHost).run(async () => {
      for (let index = 0; index < REMINDERS; index++) {
        await schedules.plan(TEST_REMINDER, { type: 'communication', id: `flush-${index}` }, dueAt, {
          to: `focal${index}@mission.example`,
        });
      }
    });
    // Ten minutes ahead, within the horizon: all of them wait in Redis as delayed jobs.
    const queue = await new Redis(resources.config.env.REDIS_URL);
    try {
      expect(await queue.zcard(`${resources.config.env.REDIS_PREFIX}:bull:schedules:delayed`)).toBe(REMINDERS);
    } finally {
      queue.disconnect();
    }

    expect(await flushPrefix(resources.config.env.REDIS_URL, resources.config.env.REDIS_PREFIX)).toBeGreaterThan(
      REMINDERS,
    );

    clock.set(dueAt);
    const rebuilt = await worker.get(ScheduleReconciler).run();
    expect(rebuilt.added).toBe(REMINDERS);

    await waitUntil(
      async () => (await count(db, `SELECT count(*) AS n FROM schedule WHERE state = 'done'`)) === REMINDERS,
      {
        triggers: [schedulesEvents],
        what: 'all reminders done',
      },
    );
    await smtp.waitForCount(REMINDERS);
    await waitUntil(
      async () => (await count(db, `SELECT count(*) AS n FROM outbox_message WHERE state = 'sent'`)) === REMINDERS,
      {
        triggers: [mailEvents, smtp],
        what: 'all e-mails marked sent',
      },
    );

    expect(await count(db, `SELECT count(*) AS n FROM test_effect`)).toBe(REMINDERS);
    expect(await count(db, `SELECT count(DISTINCT schedule_id) AS n FROM test_effect`)).toBe(REMINDERS);
    expect(smtp.received).toHaveLength(REMINDERS);
    expect(new Set(smtp.received.map((mail) => mail.to[0])).size).toBe(REMINDERS);
  });

  it('does nothing more when Redis is flushed again after the work is done', async () => {
    await flushPrefix(resources.config.env.REDIS_URL, resources.config.env.REDIS_PREFIX);
    clock.advance({ minutes: 5 });
    expect((await worker.get(ScheduleReconciler).run()).added).toBe(0);
    expect((await worker.get(MailRelay).reconcile()).added).toBe(0);
    expect(await count(db, `SELECT count(*) AS n FROM test_effect`)).toBe(REMINDERS);
    expect(smtp.received).toHaveLength(REMINDERS);
  });
});
