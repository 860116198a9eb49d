/**
 * npm run bench:stats — the statistics (S) on 1,000,000 letters: a full year's figures and a ten-year
 * monthly trend through the API (as the Coordination Committee), p50 and p95 over repeated runs, in
 * alternating rounds; beside them the SQL of the same reads alone, from the rollup and letter by letter
 * (the floor under the API figures), and the time of `statistics_rebuild()`.
 *
 * The data is bulk-loaded with SQL in the shape of the real record, scaled up: ten years of letters
 * (2016–2025), 195 States skewed (a few States receive most letters), 5% to 500 non-State recipients,
 * 60 mandates skewed, 70% joint (1–3 co-signers), 0–3 victims, about one reply per letter (65% one,
 * 15% two, 20% none; 60% on time), 5% follow-ups. The load runs with triggers off, then the fact tables
 * are built by `statistics_rebuild()` (timed, also on a reused database), as after a bulk import.
 *
 * BENCH_STATS_LETTERS (default 1,000,000) and BENCH_STATS_RUNS (default 30) change the size.
 * BENCH_STATS_KEEP=1 keeps the loaded database (its URL is printed); BENCH_STATS_DATABASE=<url> measures
 * such a database again without loading it (after `npm run migrate` against it when migrations were added);
 * BENCH_STATS_REBUILD=0 skips the timed rebuild.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { Role, systemActor } from '@spcomms/access';
import { UsersService } from '@spcomms/accounts';
import { Clock } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApp, createFastifyAdapter } from '../apps/api/src/configure-app';
import { StatisticsRepository } from '../libs/statistics/src/statistics.repository';
import { StatisticsRollupRepository } from '../libs/statistics/src/statistics-rollup.repository';
import { rollupSegments } from '../libs/statistics/src/statistics-segments';
import { createBenchDatabase, machineLine, replicationLine } from './support/bench-database';

const LETTERS = Number(process.env.BENCH_STATS_LETTERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_STATS_RUNS ?? 30);
const WARM_UP = 3;
const KEEP = process.env.BENCH_STATS_KEEP === '1';
const REUSE = process.env.BENCH_STATS_DATABASE;
const REBUILD = process.env.BENCH_STATS_REBUILD !== '0';

/** A clock fixed in 2026, so that a cut-off in January 2026 lies in the past. */
class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-03-02T09:00:00Z');
  }
}

async function load(client: Client): Promise<void> {
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SELECT setseed(0.42)`);
  await client.query(`
    CREATE TEMP TABLE bench_state AS
      SELECT code, row_number() OVER (ORDER BY md5(code)) - 1 AS rank FROM state WHERE status <> 'pseudo';
    CREATE TEMP TABLE bench_mandate AS
      SELECT id, row_number() OVER (ORDER BY md5(code)) - 1 AS rank FROM mandate;
    INSERT INTO other_recipient (name, kind) SELECT 'Bench company ' || n, 'company' FROM generate_series(1, 500) n;
    CREATE TEMP TABLE bench_other AS SELECT id, row_number() OVER (ORDER BY name) - 1 AS rank FROM other_recipient;
  `);
  const states = Number((await client.query(`SELECT count(*) FROM bench_state`)).rows[0].count);
  const mandates = Number((await client.query(`SELECT count(*) FROM bench_mandate`)).rows[0].count);
  await client.query(`
    CREATE TEMP TABLE bench_letter AS
      SELECT i,
             md5('letter' || i)::uuid AS id,
             md5('version' || i)::uuid AS version_id,
             (DATE '2016-01-01' + ((i - 1) * 3653::bigint / ${LETTERS})::int) AS sent_on,
             (ARRAY['UA', 'AL', 'AL', 'OL', 'UA', 'AL', 'AL', 'AL', 'UA', 'OL'])[1 + (i % 10)] AS type,
             random() < 0.05 AS to_other,
             floor(${states} * power(random(), 3))::int AS state_rank,
             floor(500 * random())::int AS other_rank,
             floor(${mandates} * power(random(), 2))::int AS lead_rank,
             CASE WHEN random() < 0.7 THEN 1 + floor(3 * random())::int ELSE 0 END AS cosigners,
             floor(4 * random())::int AS victims,
             random() AS reply_draw,
             random() < 0.05 AND i > 1000 AS follow_up,
             random() < 0.02 AS reprisal
        FROM generate_series(1, ${LETTERS}) AS i;
    ALTER TABLE bench_letter ADD PRIMARY KEY (i);
  `);
  await client.query(`
    INSERT INTO communication (id, type, status, lead_mandate_id, recipient_code, other_recipient_id, language, subject, reprisal, reprisal_consent,
                               current_version, reference, ref_code, ref_number, ref_year, sent_at, sent_on, reply_requested_by, public_from,
                               created_at, updated_at)
    SELECT l.id, l.type, 'sent', m.id, CASE WHEN l.to_other THEN 'OTH' ELSE s.code END, CASE WHEN l.to_other THEN o.id END, 'en',
           'Letter ' || l.i, l.reprisal, CASE WHEN l.reprisal THEN '{"recordedOn": "2016-01-01", "form": "written"}'::jsonb END, 1,
           l.type || ' ' || CASE WHEN l.to_other THEN 'OTH' ELSE s.code END || ' ' || l.i || '/' || extract(year FROM l.sent_on),
           CASE WHEN l.to_other THEN 'OTH' ELSE s.code END, l.i, extract(year FROM l.sent_on), l.sent_on + time '10:00', l.sent_on,
           l.sent_on + 60, l.sent_on + 60, l.sent_on + time '10:00', l.sent_on + time '10:00'
      FROM bench_letter l
      JOIN bench_state s ON s.rank = l.state_rank
      JOIN bench_mandate m ON m.rank = l.lead_rank
      JOIN bench_other o ON o.rank = l.other_rank
  `);
  await client.query(`
    INSERT INTO communication_version (id, communication_id, number, content, content_hash, created_at)
    SELECT l.version_id, l.id, 1,
           jsonb_build_object('type', l.type, 'victims', coalesce((
             SELECT jsonb_agg(jsonb_build_object('name', 'Victim ' || v, 'nameConfidential', false,
                                                 'gender', (ARRAY['female', 'male', 'male', 'unknown'])[1 + ((l.i + v) % 4)],
                                                 'group', (l.i + v) % 10 = 0))
               FROM generate_series(1, l.victims) v), '[]'::jsonb)),
           md5(l.id::text) || md5(l.version_id::text), l.sent_on + time '09:00'
      FROM bench_letter l
  `);
  await client.query(`
    INSERT INTO communication_mandate (communication_id, mandate_id, participation, invited_at)
    SELECT c.id, c.lead_mandate_id, 'lead', c.sent_at FROM communication c
    UNION ALL
    SELECT l.id, m.id, 'invited', l.sent_on + time '09:00'
      FROM bench_letter l
      CROSS JOIN LATERAL generate_series(1, l.cosigners) AS k
      JOIN bench_mandate m ON m.rank = (l.lead_rank + k * 7 + l.i % 5) % ${mandates}
  `);
  await client.query(`
    INSERT INTO reply (id, communication_id, number, receipt_code, received_on, language, text, confidential, channel, requested_by, on_time, created_at)
    SELECT gen_random_uuid(), l.id, n, 'R-B' || l.i || '-' || n, r.received_on, 'en', 'Reply', false, 'note_verbale', l.sent_on + 60,
           r.received_on <= l.sent_on + 60, r.received_on + time '12:00'
      FROM bench_letter l
      CROSS JOIN LATERAL generate_series(1, CASE WHEN l.reply_draw < 0.20 THEN 0 WHEN l.reply_draw < 0.85 THEN 1 ELSE 2 END) AS n
      CROSS JOIN LATERAL (SELECT l.sent_on + (CASE WHEN (l.i + n) % 10 < 6 THEN (l.i * 7 + n * 13) % 60 ELSE 61 + (l.i * 11 + n * 17) % 300 END)
                                 + (n - 1) * 30 AS received_on) r
  `);
  await client.query(`
    INSERT INTO communication_follow_up (communication_id, follows_up_id)
    SELECT l.id, e.id FROM bench_letter l JOIN bench_letter e ON e.i = l.i - 997 WHERE l.follow_up
  `);
  await client.query(`SET session_replication_role = origin`);
  await client.query(`ANALYZE`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Case {
  label: string;
  work: () => Promise<unknown>;
}

/** Warms every case up, then times them in alternating rounds (one run of each per round), so that they share the machine's load. */
async function measure(cases: Case[]): Promise<string[]> {
  for (let run = 0; run < WARM_UP; run++) {
    for (const { work } of cases) {
      await work();
    }
  }
  const times = cases.map((): number[] => []);
  for (let run = 0; run < RUNS; run++) {
    for (const [index, { work }] of cases.entries()) {
      const started = process.hrtime.bigint();
      await work();
      times[index].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return cases.map(({ label }, index) => {
    const sorted = times[index].sort((a, b) => a - b);
    return `${label.padEnd(64)} p50 ${percentile(sorted, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(sorted, 95).toFixed(0).padStart(5)} ms`;
  });
}

async function main(): Promise<void> {
  const db = REUSE ? { url: REUSE, drop: async () => undefined } : await createBenchDatabase('stats');
  const client = new Client({ connectionString: db.url });
  await client.connect();
  let app: NestFastifyApplication | undefined;
  try {
    let started = Date.now();
    if (!REUSE) {
      await load(client);
    }
    const loadSeconds = (Date.now() - started) / 1000;
    const rebuildLoad = loadavg()[0];
    started = Date.now();
    if (REBUILD) {
      await client.query(`SELECT statistics_rebuild()`);
    }
    const rebuildSeconds = (Date.now() - started) / 1000;
    // What autovacuum does after a bulk load (it is off on the benchmark machine): the visibility map
    // that lets the reply counts read their index only.
    started = Date.now();
    await client.query(`VACUUM (ANALYZE) statistics_letter, statistics_reply, statistics_letter_rollup`);
    const vacuumSeconds = (Date.now() - started) / 1000;
    const { rows: counts } = await client.query(
      `SELECT (SELECT count(*) FROM statistics_letter)::int AS letters, (SELECT count(*) FROM statistics_reply)::int AS replies, (SELECT count(*) FROM statistics_letter_rollup)::int AS rollup,
              (SELECT count(*) FROM statistics_letter WHERE sent_on BETWEEN '2024-01-01' AND '2024-12-31')::int AS year_letters`,
    );

    const config = AppConfig.fromEnv({
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      REDIS_PREFIX: `bench-${randomUUID().slice(0, 8)}`,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule.forRoot({ config, clock: new FixedClock() })],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
    await configureApp(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const committeeName = `bench.committee.${randomUUID().slice(0, 8)}`;
    await app.get(UsersService).create(systemActor('bench'), {
      username: committeeName,
      displayName: 'Bench',
      email: 'c@bench.local',
      role: Role.Committee,
      password: 'bench-password',
    });
    const server = app;
    const login = await server.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: committeeName, password: 'bench-password' },
    });
    const token = (login.json() as { token: string }).token;
    const get = async (url: string) => {
      const answer = await server.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      if (answer.statusCode !== 200) {
        throw new Error(`${url}: ${answer.statusCode} ${answer.body.slice(0, 300)}`);
      }
      return answer;
    };
    const year = (await get('/statistics?year=2024&cutoff=2026-01-31')).json() as {
      letters: { sent: { value: number } };
      replies: { replyRate: { percent: number } };
    };

    const busiest = await firstMandate(client);
    const rollup = app.get(StatisticsRollupRepository);
    const letters = app.get(StatisticsRepository);
    const cutoff = '2026-01-31';
    const months = rollupSegments('2016-01-01', '2025-12-31', 'month');
    const year2024 = { from: '2024-01-01', until: '2024-12-31', cutoff, mandateIds: [busiest.id] };
    const loadBefore = loadavg()[0];
    const lines = await measure([
      {
        label: 'year figures (2024, cut-off 2026-01-31)',
        work: () => get('/statistics?year=2024&cutoff=2026-01-31'),
      },
      {
        label: 'trend, 10 years by month (120 points)',
        work: () => get('/statistics/trends?from=2016-01-01&to=2025-12-31&cutoff=2026-01-31'),
      },
      {
        label: '  its letter cells from the rollup (SQL only)',
        work: () => rollup.trend({ cutoff, segments: months, grain: 'month' }, 'OTH'),
      },
      {
        label: '  its letter cells letter by letter (SQL only)',
        work: () =>
          letters.trend({ from: '2016-01-01', until: '2025-12-31', cutoff, mandateIds: null }, 'month', 'OTH'),
      },
      {
        label: 'trend, 10 years by year',
        work: () => get('/statistics/trends?from=2016-01-01&to=2025-12-31&cutoff=2026-01-31&interval=year'),
      },
      {
        label: `year figures of the busiest mandate (${busiest.code})`,
        work: () => get(`/statistics?year=2024&cutoff=2026-01-31&mandate=${busiest.code}`),
      },
      {
        label: '  its medians per recipient from the rollup (SQL only)',
        work: () =>
          rollup.medians({
            cutoff,
            segments: rollupSegments('2024-01-01', '2024-12-31', 'year'),
            grain: 'year',
            scope: busiest.id,
          }),
      },
      {
        label: '  its medians per recipient letter by letter (SQL only)',
        work: () => letters.medianDays(year2024),
      },
    ]);
    const [fromRollup, oneByOne] = [
      await rollup.medians({
        cutoff,
        segments: rollupSegments('2024-01-01', '2024-12-31', 'year'),
        grain: 'year',
        scope: busiest.id,
      }),
      await letters.medianDays(year2024),
    ];
    const same = [...fromRollup.entries()].sort().join() === [...oneByOne.entries()].sort().join();
    console.log(
      `bench:stats — ${machineLine()}; PostgreSQL on localhost, ${await replicationLine(db.url)}; load average ${loadBefore.toFixed(2)} before measuring, ${loadavg()[0].toFixed(2)} after`,
    );
    console.log(
      `${counts[0].letters.toLocaleString('en')} letters, ${counts[0].replies.toLocaleString('en')} replies counted, ${counts[0].rollup.toLocaleString('en')} rollup rows; ` +
        `bulk load ${REUSE ? 'skipped (database reused)' : `${loadSeconds.toFixed(0)} s`}, statistics_rebuild() ${REBUILD ? `${rebuildSeconds.toFixed(1)} s (load average ${rebuildLoad.toFixed(2)} before it)` : 'skipped'}` +
        `, VACUUM (ANALYZE) of the fact tables ${vacuumSeconds.toFixed(0)} s`,
    );
    console.log(
      `busiest mandate ${busiest.code} in 2024: medians of ${fromRollup.size - (fromRollup.has(null) ? 1 : 0)} recipients, ` +
        `from the rollup ${same ? 'equal to' : 'DIFFERENT FROM'} letter by letter`,
    );
    console.log(
      `year 2024: ${year.letters.sent.value.toLocaleString('en')} letters, reply rate ${year.replies.replyRate.percent}%; ${RUNS} timed runs after ${WARM_UP} warm-up runs, through the API`,
    );
    for (const line of lines) {
      console.log(`  ${line}`);
    }
  } finally {
    await client.end();
    await app?.close();
    if (KEEP && !REUSE) {
      console.log(`kept ${db.url}`);
    } else {
      await db.drop();
    }
  }
}

async function firstMandate(client: Client): Promise<{ id: string; code: string }> {
  const { rows } = await client.query(
    `SELECT m.id, m.code FROM statistics_letter l JOIN mandate m ON m.id = l.lead_mandate_id GROUP BY m.id, m.code ORDER BY count(*) DESC LIMIT 1`,
  );
  return rows[0] as { id: string; code: string };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
