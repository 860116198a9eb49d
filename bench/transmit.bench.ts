/**
 * npm run bench:transmit — transmissions per second through the API (approvals checked, reference
 * numbered, dates set, audit appended, one transaction per letter), to one State and across many
 * States, against the same work written as bare SQL through `pg`, in the same run.
 */
import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import { Role, systemActor } from '@spcomms/access';
import { UsersService } from '@spcomms/accounts';
import { AppConfig } from '@spcomms/config';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApp, createFastifyAdapter } from '../apps/api/src/configure-app';
import { createBenchDatabase, machineLine, runConcurrently } from './support/bench-database';

const LETTERS = Number(process.env.BENCH_LETTERS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PORT = 3990;
const STATES = [
  'ARG',
  'AUS',
  'BRA',
  'CAN',
  'CHN',
  'COL',
  'EGY',
  'FRA',
  'IND',
  'IRN',
  'MEX',
  'NGA',
  'PAK',
  'PHL',
  'RUS',
  'TUR',
  'USA',
  'VNM',
];

async function main(): Promise<void> {
  const db = await createBenchDatabase('transmit');
  const config = AppConfig.fromEnv({
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    REDIS_PREFIX: `bench-${randomUUID().slice(0, 8)}`,
    LOGIN_RATE_LIMIT: '1000',
  });
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot({ config })] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
  await configureApp(app);
  await app.listen(PORT, '127.0.0.1');
  const base = `http://127.0.0.1:${PORT}`;
  const pool = new Pool({ connectionString: db.url, max: 20 });

  try {
    const users = app.get(UsersService);
    await users.create(systemActor('bench'), {
      username: 'bench.assistant',
      displayName: 'Bench',
      email: 'a@bench.local',
      role: Role.Assistant,
      mandates: ['TORTURE'],
      password: 'bench-password',
    });
    await users.create(systemActor('bench'), {
      username: 'bench.holder',
      displayName: 'Bench',
      email: 'h@bench.local',
      role: Role.MandateHolder,
      mandates: ['TORTURE'],
      password: 'bench-password',
    });
    const login = async (username: string) =>
      (
        (await (
          await fetch(`${base}/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password: 'bench-password' }),
          })
        ).json()) as { token: string }
      ).token;
    const assistant = await login('bench.assistant');
    const holder = await login('bench.holder');
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
      const json = (await response.json()) as Record<string, any>;
      if (!response.ok) {
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      }
      return json;
    };
    const prepare = async (recipient: (index: number) => string): Promise<string[]> => {
      const ids: string[] = new Array(LETTERS);
      await runConcurrently(LETTERS, CONCURRENCY, async (index) => {
        const draft = await call('POST', '/communications', assistant, {
          type: 'AL',
          language: 'en',
          leadMandate: 'TORTURE',
          recipientStateCode: recipient(index),
          subject: `Allegation ${index}`,
          body: 'Facts …',
          victims: [{ name: `Victim ${index}`, nameConfidential: false }],
          perpetrators: [{ name: 'Police', kind: 'state' }],
        });
        await call('POST', `/communications/${draft.id}/decisions`, holder, { version: 1, decision: 'approve' });
        ids[index] = draft.id as string;
      });
      return ids;
    };

    const results: string[] = [];
    for (const [label, recipient] of [
      ['one State (IRN)', () => 'IRN'],
      [`${STATES.length} States`, (index: number) => STATES[index % STATES.length]],
    ] as Array<[string, (index: number) => string]>) {
      const apiIds = await prepare(recipient);
      const apiSeconds = await runConcurrently(LETTERS, CONCURRENCY, async (index) => {
        await call('POST', `/communications/${apiIds[index]}/transmit`, assistant);
      });
      const sqlIds = await prepare(recipient);
      const sqlSeconds = await runConcurrently(LETTERS, CONCURRENCY, (index) => bareTransmit(pool, sqlIds[index]));
      const api = LETTERS / apiSeconds;
      const sql = LETTERS / sqlSeconds;
      results.push(
        `${label.padEnd(16)} API ${api.toFixed(0).padStart(6)} /s   bare SQL ${sql.toFixed(0).padStart(6)} /s   API/SQL ${(api / sql).toFixed(2)}`,
      );
    }
    const [check] = (
      await pool.query(
        `SELECT count(*)::int AS sent, count(DISTINCT reference)::int AS refs FROM communication WHERE status = 'sent'`,
      )
    ).rows;
    console.log(`bench:transmit — ${machineLine()}; PostgreSQL and Redis on localhost`);
    console.log(
      `${LETTERS} letters per run, ${CONCURRENCY} concurrent clients, each letter approved by its lead mandate`,
    );
    for (const line of results) {
      console.log(`  ${line}`);
    }
    console.log(`  check: ${check.sent} letters sent, ${check.refs} distinct references`);
  } finally {
    await pool.end();
    await app.close();
    await db.drop();
  }
}

/**
 * The same work without the application: lock the letter, check approvals of the current version,
 * take the number, set the dates and append the hash-chained audit event, in one transaction.
 */
async function bareTransmit(pool: Pool, id: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `SELECT id, type, recipient_code, current_version, status FROM communication WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const letter = rows[0];
    const { rows: missing } = await client.query(
      `SELECT m.mandate_id FROM communication_mandate m
         JOIN communication_version v ON v.communication_id = m.communication_id AND v.number = $2
        WHERE m.communication_id = $1 AND m.participation IN ('lead', 'invited')
          AND NOT EXISTS (SELECT 1 FROM communication_approval a WHERE a.version_id = v.id AND a.mandate_id = m.mandate_id AND a.decision = 'approve')`,
      [id, letter.current_version],
    );
    if (letter.status !== 'draft' || missing.length > 0) {
      throw new Error('not sendable');
    }
    const { rows: counter } = await client.query(
      `INSERT INTO reference_counter (code, year, last_number) VALUES ($1, 2026, 1)
       ON CONFLICT (code, year) DO UPDATE SET last_number = reference_counter.last_number + 1 RETURNING last_number`,
      [letter.recipient_code],
    );
    const reference = `${letter.type} ${letter.recipient_code} ${counter[0].last_number}/2026`;
    await client.query(
      `UPDATE communication SET status = 'sent', reference = $2, ref_code = $3, ref_year = 2026, ref_number = $4, sent_at = now(),
              sent_on = current_date, reply_requested_by = current_date + 60, public_from = current_date + 60, revision = revision + 1
        WHERE id = $1`,
      [id, reference, letter.recipient_code, counter[0].last_number],
    );
    await client.query('SELECT pg_advisory_xact_lock($1)', [0x5a0d17]);
    const { rows: head } = await client.query('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
    await client.query(
      `INSERT INTO audit_event (seq, occurred_at, actor_type, actor_id, actor_label, action, subject_type, subject_id, after, prev_hash, hash)
       VALUES ($1, now(), 'system', NULL, 'bench', 'communication.transmit', 'communication', $2, $3, $4, $5)`,
      [
        String(BigInt(head[0]?.seq ?? 0) + 1n),
        id,
        JSON.stringify({ reference }),
        head[0]?.hash ?? null,
        createHash('sha256')
          .update(`${head[0]?.hash ?? ''}${id}${reference}`)
          .digest('hex'),
      ],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
