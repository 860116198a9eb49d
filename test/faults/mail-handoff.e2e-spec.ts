import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { OutboxMailer } from '@spcomms/notifications';
import { SmtpTestServer, TestResources } from '@spcomms/testing';
import { InProcessWorker, count, createWorkerResources, startWorker, waitUntil } from './support';

const NOW = new Date('2026-03-02T09:00:00Z');
const POOL_SIZE = 20;

/**
 * The hand-off of an e-mail to SMTP, where a killed worker can cause a duplicate: a worker hands one
 * message at a time, so that a kill leaves at most one message in doubt, and records the server's
 * acceptance on a connection of its own, so that it never waits behind the pool.
 */
describe('handing e-mails to SMTP', () => {
  let resources: TestResources;
  let smtp: SmtpTestServer;
  let worker: InProcessWorker;
  let mailer: OutboxMailer;
  let db: Client;

  const state = async (id: string) =>
    (await db.query<{ state: string }>(`SELECT state FROM outbox_message WHERE id = $1`, [id])).rows[0].state;
  const insertMessages = async (howMany: number): Promise<string[]> => {
    const ids = Array.from({ length: howMany }, () => randomUUID());
    await db.query(
      `INSERT INTO outbox_message (id, kind, subject_type, subject_id, recipient_address, occasion, language, template, params, message_id, next_attempt_at, created_at)
       SELECT id, 'test.reminder', 'communication', id::text, 'focal-' || id || '@mission.example', '', 'en', 'letter.reminder_before',
              jsonb_build_object('reference', 'TEST 1/2026', 'recipientTo', 'to Testland', 'replyDueOn', '2026-05-01', 'link', 'http://localhost/x'),
              '<outbox.' || id || '@spcomms.local>', $2, $2
         FROM unnest($1::uuid[]) id`,
      [ids, NOW],
    );
    return ids;
  };

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    resources = await createWorkerResources({ SMTP_URL: smtp.url });
    resources.clock.set(NOW);
    worker = await startWorker(resources);
    mailer = worker.get(OutboxMailer);
    db = new Client({ connectionString: resources.config.env.DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    smtp?.accept();
    await db?.end();
    await worker?.close();
    await resources?.release();
    await smtp?.stop();
  });

  it('hands one message at a time: while one waits for the server, the others stay pending', async () => {
    const ids = await insertMessages(3);
    smtp.hold();
    const deliveries = ids.map((id) => mailer.deliver(id));
    // Either the others wait for their turn, or they reach the server too.
    await waitUntil(async () => smtp.heldCount >= 2 || (smtp.heldCount === 1 && mailer.handoffsWaiting === 2), {
      triggers: [smtp],
      fallbackMs: 50,
      what: 'one message held by the server',
    });
    expect(smtp.heldCount).toBe(1);
    expect(
      await count(
        worker.dataSource,
        `SELECT count(*) AS n FROM outbox_message WHERE id = ANY($1) AND state = 'sending'`,
        [ids],
      ),
    ).toBe(1);
    expect(
      await count(
        worker.dataSource,
        `SELECT count(*) AS n FROM outbox_message WHERE id = ANY($1) AND state = 'pending'`,
        [ids],
      ),
    ).toBe(2);

    smtp.accept();
    expect(await Promise.all(deliveries)).toEqual(['sent', 'sent', 'sent']);
    expect(mailer.handoffsWaiting).toBe(0);
    const counts = smtp.countsByMessageId();
    expect(ids.map((id) => counts.get(`<outbox.${id}@spcomms.local>`))).toEqual([1, 1, 1]);
  });

  it("records the server's acceptance at once while every connection of the pool is busy", async () => {
    const [id] = await insertMessages(1);
    smtp.hold();
    const delivery = mailer.deliver(id);
    await smtp.waitForHeld(1);

    // The test holds a lock that every pooled connection then waits for.
    await db.query('SELECT pg_advisory_lock(18)');
    const blockers = Array.from({ length: POOL_SIZE }, () =>
      worker.dataSource.query('SELECT pg_advisory_lock_shared(18), pg_advisory_unlock_shared(18)'),
    );
    const waiting = `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    // All the pool's connections but the one reserved for the hand-off wait (with it, all of them).
    await waitUntil(async () => Number((await db.query<{ n: string }>(waiting)).rows[0].n) >= POOL_SIZE - 1, {
      fallbackMs: 50,
      what: 'the pool busy',
    });

    try {
      smtp.accept();
      await waitUntil(async () => (await state(id)) === 'sent', {
        timeoutMs: 20_000,
        triggers: [smtp],
        fallbackMs: 50,
        what: 'the accepted message marked sent',
      });
    } finally {
      await db.query('SELECT pg_advisory_unlock(18)');
      await Promise.all(blockers);
    }
    expect(await delivery).toBe('sent');
    expect(smtp.countsByMessageId().get(`<outbox.${id}@spcomms.local>`)).toBe(1);
  });
});
