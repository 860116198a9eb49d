import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { LetterSenders, SentLetter, publishLetter } from './support/publication';
import { WebTestApp, createWebTestApp } from './support/web';

const REPLICA_PORT = process.env.REPLICA_PORT ?? '5433';

/**
 * The public reads (search, facets, record pages) go through the read connection, DATABASE_READ_URL,
 * here a real streaming replica of the test's primary made with pg_basebackup (scripts/replica.sh);
 * staff reads and every write stay on the primary. Pausing the replica's replay shows which side
 * answers: a letter published while the replica is behind is not public yet, and is once it has
 * replayed.
 */
describe('read connection: the public side reads a streaming replica', () => {
  let sut: WebTestApp;
  let replica: Client;
  let senders: LetterSenders;
  const clock = new TestClock('2025-03-01T10:00:00Z');

  /** Waits until the replica has replayed everything the primary has written so far. */
  async function replicaCaughtUp(): Promise<void> {
    const [{ lsn }] = await sut.dataSource().query(`SELECT pg_current_wal_lsn()::text AS lsn`);
    for (let attempt = 0; attempt < 600; attempt++) {
      const { rows } = await replica.query(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done`, [lsn]);
      if (rows[0].done) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the replica did not replay up to ${lsn} in 30 s`);
  }

  const search = (subject: string) =>
    sut.get<{ items: Array<{ reference: string }> }>(
      `/public/communications?q=${encodeURIComponent(`"${subject}"`)}&sort=date`,
    );

  beforeAll(async () => {
    execFileSync('bash', [join(__dirname, '..', 'scripts', 'replica.sh'), 'start'], {
      env: { ...process.env, REPLICA_PORT },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    replica = new Client({ connectionString: `postgres://postgres@127.0.0.1:${REPLICA_PORT}/postgres` });
    await replica.connect();
    sut = await createWebTestApp({
      clock,
      env: {
        DATABASE_READ_URL: `postgres://postgres@127.0.0.1:${REPLICA_PORT}/{database}`,
        TOKEN_TTL_HOURS: '1000000',
        PUBLIC_RATE_LIMIT: '1000',
      },
    });
    senders = {
      assistant: (
        await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION', 'DEFENDERS'] })
      ).token,
      srExpression: (
        await sut.createUser({ username: 'sr.expression', role: Role.MandateHolder, mandates: ['EXPRESSION'] })
      ).token,
      srDefenders: (
        await sut.createUser({ username: 'sr.defenders', role: Role.MandateHolder, mandates: ['DEFENDERS'] })
      ).token,
    };
  });

  afterAll(async () => {
    await replica?.query(`SELECT pg_wal_replay_resume()`).catch(() => undefined);
    await replica?.end();
    await sut?.close();
  });

  it('answers the public from the replica and staff from the primary', async () => {
    const first = await publishLetter(sut, clock, senders, {
      sentAt: '2025-03-01T10:00:00Z',
      body: { subject: 'Arrest of a blogger in the capital' },
    });
    await replicaCaughtUp();
    expect((await search('Arrest of a blogger')).body.items.map((hit) => hit.reference)).toEqual([first.reference]);

    await replica.query(`SELECT pg_wal_replay_pause()`);
    let second: SentLetter;
    try {
      second = await publishLetter(sut, clock, senders, {
        sentAt: '2025-03-10T10:00:00Z',
        body: { subject: 'Closure of an independent newspaper' },
      });
      // The primary has it: staff read it at once.
      expect((await sut.get(`/communications/${second.id}`, { token: senders.assistant })).status).toBe(200);
      // The replica has not replayed it: not public yet, through the API and the pages.
      expect((await search('Closure of an independent newspaper')).body.items).toEqual([]);
      const slug = second.reference.replace(/[ /]/g, '-');
      expect((await sut.get(`/public/communications/${slug}`)).status).toBe(404);
      expect((await sut.browser().get(`/en/communications/${slug}`)).status).toBe(404);
    } finally {
      await replica.query(`SELECT pg_wal_replay_resume()`);
    }
    await replicaCaughtUp();
    expect((await search('Closure of an independent newspaper')).body.items.map((hit) => hit.reference)).toEqual([
      second.reference,
    ]);
    const page = await sut.browser().get(`/en/communications/${second.reference.replace(/[ /]/g, '-')}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Closure of an independent newspaper');
  });
});
