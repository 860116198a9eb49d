/**
 * npm run bench:transmit — transmissions per second through the API (approvals checked, reference
 * numbered, dates set, schedules planned, audit appended, one transaction per letter), to one State and
 * across many States, against the core of the same work written as bare SQL through `pg`, in the same
 * run: each with the audit event on the letter's own chain (subject chains) and on the one global
 * chain, and the bare SQL with the global chain's statements but without its lock, so that the run
 * shows what the lock costs both sides. Variants alternate in rounds, after a warm-up that is not timed
 * (each variant sends BENCH_WARM_UP letters, 50, then the tables are analysed); each variant's rate is
 * printed with the rate of each of its rounds, and with the CPU time the machine used per letter during
 * its rounds and the share of it in this process (the clients and, for the API, the server; the rest
 * is PostgreSQL's and Redis's).
 *
 * Environment: BENCH_LETTERS (1000 per variant and recipients), BENCH_ROUNDS (4), BENCH_CONCURRENCY (8
 * clients), BENCH_WARM_UP (50), BENCH_VARIANTS=<labels separated by ';'> to run only some variants,
 * BENCH_PORT (3990: the API's; the API with the global chain takes the next one).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Role, systemActor } from '@spcomms/access';
import { UsersService } from '@spcomms/accounts';
import { AppConfig } from '@spcomms/config';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApp, createFastifyAdapter } from '../apps/api/src/configure-app';
import { AuditRepository } from '../libs/audit/src/audit.repository';
import { barePool, createBenchDatabase, machineLine, replicationLine, runConcurrently } from './support/bench-database';
import { CpuReading, cpuMeter } from './support/cpu-meter';
import { GlobalChainAuditRepository, bareTransmit } from './transmit-bare';

const LETTERS = Number(process.env.BENCH_LETTERS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 50);
const VARIANTS = process.env.BENCH_VARIANTS ? process.env.BENCH_VARIANTS.split(';') : null;
const PORT = Number(process.env.BENCH_PORT ?? 3990);
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

async function startApi(config: AppConfig, port: number, globalChain: boolean): Promise<NestFastifyApplication> {
  const builder = Test.createTestingModule({ imports: [ApiModule.forRoot({ config })] });
  if (globalChain) {
    builder.overrideProvider(AuditRepository).useClass(GlobalChainAuditRepository);
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
  await configureApp(app);
  await app.listen(port, '127.0.0.1');
  return app;
}

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const db = await createBenchDatabase('transmit');
  const config = AppConfig.fromEnv({
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    REDIS_PREFIX: `bench-${randomUUID().slice(0, 8)}`,
    LOGIN_RATE_LIMIT: '1000',
  });
  const app = await startApi(config, PORT, false);
  const globalApp = await startApi(config, PORT + 1, true);
  const base = `http://127.0.0.1:${PORT}`;
  const pool = barePool(db.url, 20);

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
    // A focal point in every State the letters go to, as in use: each transmission queues its e-mail.
    for (const [index, stateCode] of ['IRN', ...STATES].entries()) {
      await users.create(systemActor('bench'), {
        username: `bench.focal.${index}`,
        displayName: `Focal point ${stateCode}`,
        email: `focal.${index}@bench.local`,
        role: Role.Government,
        stateCode,
        password: 'bench-password',
      });
    }
    const assistant = await login('bench.assistant');
    const holder = await login('bench.holder');
    const call = async (method: string, path: string, token: string, body?: unknown, origin = base) => {
      const response = await fetch(`${origin}${path}`, {
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
    const prepare = async (count: number, recipient: (index: number) => string): Promise<string[]> => {
      const ids: string[] = new Array(count);
      await runConcurrently(count, CONCURRENCY, async (index) => {
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
    const apiTransmit = (origin: string) => (id: string) =>
      call('POST', `/communications/${id}/transmit`, assistant, undefined, origin).then(() => undefined);
    const allVariants: Array<{ label: string; transmit: (id: string) => Promise<void> }> = [
      { label: 'API, subject chains', transmit: apiTransmit(base) },
      { label: 'bare SQL, subject chains', transmit: (id) => bareTransmit(pool, id, 'subject chain') },
      { label: 'API, global chain', transmit: apiTransmit(`http://127.0.0.1:${PORT + 1}`) },
      { label: 'bare SQL, global chain', transmit: (id) => bareTransmit(pool, id, 'global chain') },
      { label: 'bare SQL, global, no lock', transmit: (id) => bareTransmit(pool, id, 'global, no lock') },
    ];
    const variants = allVariants.filter((variant) => VARIANTS === null || VARIANTS.includes(variant.label));

    const results: string[] = [];
    const perRound = Math.ceil(LETTERS / ROUNDS);
    for (const [label, recipient] of [
      ['one State (IRN)', () => 'IRN'],
      [`${STATES.length} States`, (index: number) => STATES[index % STATES.length]],
    ] as Array<[string, (index: number) => string]>) {
      // Warm-up, not timed: every variant sends a few letters, then the tables are analysed, so that the
      // timed rounds run on plans made for tables that hold rows (a fresh database starts empty).
      for (const variant of variants) {
        const ids = await prepare(WARM_UP, recipient);
        await runConcurrently(WARM_UP, CONCURRENCY, (index) => variant.transmit(ids[index]));
      }
      await pool.query('ANALYZE');
      const loadBefore = load();
      const seconds = new Map<string, number[]>(variants.map((variant) => [variant.label, []]));
      const cpu = new Map<string, CpuReading>(variants.map((variant) => [variant.label, { process: 0, machine: 0 }]));
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate: each round starts with the next variant, so that no variant always runs first.
        for (let step = 0; step < variants.length; step++) {
          const variant = variants[(round + step) % variants.length];
          const ids = await prepare(perRound, recipient);
          const used = cpuMeter();
          const elapsed = await runConcurrently(perRound, CONCURRENCY, (index) => variant.transmit(ids[index]));
          seconds.get(variant.label)!.push(elapsed);
          const { process: processTime, machine } = used();
          cpu.get(variant.label)!.process += processTime;
          cpu.get(variant.label)!.machine += machine;
        }
      }
      const total = (variant: string) => seconds.get(variant)!.reduce((sum, value) => sum + value, 0);
      const rate = (variant: string) => (perRound * ROUNDS) / total(variant);
      results.push(`${label} (load average ${loadBefore} → ${load()}):`);
      for (const variant of variants) {
        const rounds = seconds
          .get(variant.label)!
          .map((elapsed) => (perRound / elapsed).toFixed(0))
          .join(', ');
        const perLetter = (milliseconds: number) => (milliseconds / (perRound * ROUNDS)).toFixed(1);
        const { process: processTime, machine } = cpu.get(variant.label)!;
        results.push(
          `    ${variant.label.padEnd(26)} ${rate(variant.label).toFixed(0).padStart(6)} /s   (rounds: ${rounds}; ` +
            `CPU per letter: ${perLetter(machine)} ms, ${perLetter(processTime)} ms of it in this process)`,
        );
      }
      if (variants.length === allVariants.length) {
        results.push(
          `    API/bare SQL: subject chains ${(rate('API, subject chains') / rate('bare SQL, subject chains')).toFixed(2)}, ` +
            `global chain ${(rate('API, global chain') / rate('bare SQL, global chain')).toFixed(2)}; ` +
            `the global chain's lock costs the bare SQL ${(1 - rate('bare SQL, global chain') / rate('bare SQL, global, no lock')).toFixed(2)} of its rate`,
        );
      }
    }
    const [check] = (
      await pool.query(
        `SELECT count(*)::int AS sent, count(DISTINCT reference)::int AS refs FROM communication WHERE status = 'sent'`,
      )
    ).rows;
    console.log(
      `bench:transmit — ${machineLine()}; PostgreSQL and Redis on localhost, ${await replicationLine(db.url)}`,
    );
    console.log(
      `${perRound * ROUNDS} letters per variant and recipients, in ${ROUNDS} alternating rounds after ${WARM_UP} not timed; ${CONCURRENCY} concurrent clients; each letter approved by its lead mandate`,
    );
    for (const line of results) {
      console.log(`  ${line}`);
    }
    console.log(
      `  check: ${check.sent} letters sent, ${check.refs} distinct references (${check.sent - check.refs} duplicates)`,
    );
  } finally {
    await pool.end();
    await globalApp.close();
    await app.close();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
