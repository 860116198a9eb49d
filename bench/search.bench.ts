/**
 * npm run bench:search — latency of the public communications search over 1,000,000 published
 * letters and about as many replies, through the API (HTTP, 4 concurrent clients) and as the same SQL
 * run bare through `pg` in the same run; and, between the two, through the HTTP floor: a bare
 * node:http server in the API's thread that runs the same statements and answers the hits they wrote
 * (startFloor), so that the run shows what HTTP alone adds to the bare SQL on this machine, and what
 * the API adds beyond it.
 *
 * The corpus (bench/search-corpus.ts) is loaded straight into the published projection with
 * multi-row INSERTs, its search vectors computed by the same SQL functions the projection's triggers
 * use (the triggers are switched off for the load, and the secondary indexes built after it).
 * Environment: BENCH_LETTERS (1000000), BENCH_ITERATIONS (1000 per query kind and side), BENCH_ROUNDS (5:
 * the sides take turns, a fifth of the requests each), BENCH_CONCURRENCY (4),
 * BENCH_KEEP=1 to keep the database for a closer look, BENCH_DATABASE_URL=<the URL it printed> to measure
 * again on a kept database without loading it (its pending migrations are run first; the summary of
 * its corpus is kept as the database's comment), BENCH_KINDS=<names, comma-separated> to measure only
 * some query kinds (the facets are measured with the last of them).
 *
 * Besides the latencies it reports the CPU time of the API's thread per request, for the API's requests
 * and for the floor's (Linux: the thread's schedstat, read by that thread when the clients start and
 * stop a round): on two cores shared by the API, the clients and PostgreSQL, what the API spends on a
 * request is what it adds to its latency.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Agent, Server, createServer, request } from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Client, Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '@spcomms/config';
import { dataSourceOptions } from '@spcomms/database';
import {
  DATE_ORDER_ONLY,
  ProbeResult,
  PublicSearchQueryDto,
  SearchPageRow,
  RANK_CANDIDATES,
  SEARCH_PAGE_DEFAULT,
  prefersDateOrder,
  searchCountQuery,
  searchFilterOf,
  searchPageQuery,
  searchProbeQuery,
} from '@spcomms/public-search';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApp, createFastifyAdapter } from '../apps/api/src/configure-app';
import { random } from '@spcomms/testing';
import { FREQUENT_RECIPIENTS, PHRASES, THEMES, VOCABULARY, placeNames, weighted, zipf } from './search-corpus';
import { BenchDatabase, createBenchDatabase, machineLine } from './support/bench-database';

const LETTERS = Number(process.env.BENCH_LETTERS ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
/** Only these query kinds, by name (comma-separated), for a closer look at some: all of them by default. */
const KINDS = process.env.BENCH_KINDS ? process.env.BENCH_KINDS.split(',') : null;
const BATCH = 2000;
const LOADERS = 2;
const PORT = 3991;
const FLOOR_PORT = 3992;
const PLACE_NAMES = Math.max(200, Math.round(LETTERS / 50));

interface Letter {
  id: string;
  reference: string;
  type: string;
  language: string;
  recipientCode: string;
  recipientKind: string;
  recipientName: string;
  lead: string;
  mandateCodes: string;
  mandates: string;
  joint: boolean;
  sentOn: string;
  subject: string;
  body: string;
  themes: string;
  replyStatus: string;
  replyCount: number;
  lastReplyOn: string | null;
}

interface Reply {
  id: string;
  communicationId: string;
  number: number;
  receivedOn: string;
  confidential: boolean;
  language: string | null;
  text: string | null;
}

interface Corpus {
  letters: number;
  replies: number;
  confidentialReplies: number;
  joint: number;
  languages: Map<string, number>;
  replyLanguages: Map<string, number>;
  placeCounts: Map<string, number>;
  loadSeconds: number;
  indexSeconds: number;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

/** Generates the corpus batch by batch and loads it with LOADERS connections; answers what it made. */
async function load(pool: Pool): Promise<Corpus> {
  const rnd = random(20261128);
  const states: Array<{ code: string; name: string }> = (
    await pool.query(`SELECT trim(code) AS code, name FROM state WHERE status <> 'pseudo' ORDER BY code`)
  ).rows;
  const mandates: Array<{ code: string; title: string }> = (
    await pool.query(`SELECT code, title FROM mandate ORDER BY code`)
  ).rows;
  await pool.query(
    `INSERT INTO published_mandate (code, title) SELECT code, title FROM mandate ON CONFLICT DO NOTHING`,
  );
  const known = new Set(states.map((state) => state.code));
  const frequent = FREQUENT_RECIPIENTS.filter((code) => known.has(code));
  const rest = states
    .map((state) => state.code)
    .filter((code) => !frequent.includes(code))
    .sort(() => rnd() - 0.5);
  const recipientOrder = [...frequent, ...rest];
  const stateName = new Map(states.map((state) => [state.code, state.name]));
  const shuffledMandates = [...mandates].sort(() => rnd() - 0.5);
  const pickState = zipf(recipientOrder.length, 1.05, rnd);
  const pickMandate = zipf(shuffledMandates.length, 0.8, rnd);
  const pickWord = Object.fromEntries(
    Object.entries(VOCABULARY).map(([language, list]) => [language, zipf(list.length, 1.05, rnd)]),
  );
  const pickTheme = zipf(THEMES.length, 1, rnd);
  const places = placeNames(PLACE_NAMES, rnd);
  const pickType = weighted<string>(
    [
      ['UA', 35],
      ['AL', 50],
      ['OL', 15],
    ],
    rnd,
  );
  const pickLanguage = weighted<string>(
    [
      ['en', 75],
      ['fr', 15],
      ['es', 10],
    ],
    rnd,
  );
  const pickReplyLanguage = weighted<string>(
    [
      ['en', 45],
      ['fr', 12],
      ['es', 15],
      ['ru', 8],
      ['ar', 12],
      ['zh', 8],
    ],
    rnd,
  );
  const pickReplies = weighted<number>(
    [
      [0, 35],
      [1, 40],
      [2, 18],
      [3, 7],
    ],
    rnd,
  );
  const pickSigners = weighted<number>(
    [
      [1, 16],
      [2, 30],
      [3, 25],
      [4, 15],
      [5, 9],
      [6, 5],
    ],
    rnd,
  );
  const pickYear = weighted<number>(
    Array.from({ length: 20 }, (_, index) => [2006 + index, 10 + index] as [number, number]),
    rnd,
  );
  const counters = new Map<string, number>();
  const corpus: Corpus = {
    letters: 0,
    replies: 0,
    confidentialReplies: 0,
    joint: 0,
    languages: new Map(),
    replyLanguages: new Map(),
    placeCounts: new Map(),
    loadSeconds: 0,
    indexSeconds: 0,
  };

  const text = (language: string, length: number): string => {
    const list = VOCABULARY[language];
    const draw = pickWord[language];
    const parts: string[] = [];
    for (let i = 0; i < length; i++) {
      parts.push(list[draw()]);
    }
    return language === 'zh' ? parts.join('') : parts.join(' ');
  };

  // Letters are published in the order of their dates, so rows are written in that order.
  const sentDates = Array.from({ length: LETTERS }, () =>
    addDays(`${pickYear()}-01-01`, Math.floor(rnd() * 365)),
  ).sort();

  const makeLetter = (index: number): { letter: Letter; replies: Reply[] } => {
    const id = randomUUID();
    const type = pickType();
    const language = pickLanguage();
    const other = rnd() < 0.05;
    const code = other ? 'OTH' : recipientOrder[pickState()];
    const sentOn = sentDates[index];
    const year = Number(sentOn.slice(0, 4));
    const number = (counters.get(`${code}${year}`) ?? 0) + 1;
    counters.set(`${code}${year}`, number);
    const signers = new Set<number>();
    const wanted = pickSigners();
    while (signers.size < wanted) {
      signers.add(pickMandate());
    }
    const codes = [...signers].map((index) => shuffledMandates[index]);
    const letterPlaces = [places[Math.floor(rnd() * places.length)], places[Math.floor(rnd() * places.length)]];
    for (const place of new Set(letterPlaces)) {
      count(corpus.placeCounts, place);
    }
    const phrases = (PHRASES[language] ?? []).filter(() => rnd() < 0.15);
    const sentences: string[] = [];
    for (let i = 0; i < 8; i++) {
      sentences.push(`${text(language, 14)}.`);
    }
    sentences.splice(2, 0, `${letterPlaces[0]} ${phrases.join(' ')} ${letterPlaces[1]}.`);
    const recipientName = other ? `Company ${1 + Math.floor(rnd() * 300)} Ltd` : (stateName.get(code) ?? code);
    const replies: Reply[] = [];
    const replyCount = pickReplies();
    let received = sentOn;
    for (let n = 1; n <= replyCount; n++) {
      received = addDays(received, 5 + Math.floor(rnd() * 90));
      const confidential = rnd() < 0.05;
      const replyLanguage = pickReplyLanguage();
      replies.push({
        id: randomUUID(),
        communicationId: id,
        number: n,
        receivedOn: received,
        confidential,
        language: confidential ? null : replyLanguage,
        text: confidential ? null : text(replyLanguage, 60),
      });
      count(corpus.replyLanguages, confidential ? 'confidential' : replyLanguage);
    }
    corpus.letters++;
    corpus.replies += replies.length;
    corpus.confidentialReplies += replies.filter((reply) => reply.confidential).length;
    corpus.joint += codes.length >= 2 ? 1 : 0;
    count(corpus.languages, language);
    return {
      letter: {
        id,
        reference: `${type} ${code} ${number}/${year}`,
        type,
        language,
        recipientCode: code,
        recipientKind: other ? 'other' : 'state',
        recipientName,
        lead: codes[0].code,
        mandateCodes: codes.map((mandate) => mandate.code).join(','),
        mandates: JSON.stringify(
          codes.map((mandate, index) => ({ code: mandate.code, title: mandate.title, lead: index === 0 })),
        ),
        joint: codes.length >= 2,
        sentOn,
        subject: `${text(language, 6)} ${rnd() < 0.3 ? letterPlaces[0] : ''}`.trim(),
        body: sentences.join(' '),
        themes: [...new Set([THEMES[pickTheme()], THEMES[pickTheme()]])].join(','),
        replyStatus:
          replies.length === 0
            ? 'not_replied'
            : replies.some((reply) => !reply.confidential)
              ? 'replied'
              : 'confidential',
        replyCount: replies.length,
        lastReplyOn: replies.length > 0 ? replies[replies.length - 1].receivedOn : null,
      },
      replies,
    };
  };

  // Secondary indexes are built once the rows are in (the unique reply number stays: the load reads it;
  // so does the reply key that attachments reference).
  const { rows: indexes } = await pool.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE tablename IN ('published_communication', 'published_reply', 'published_communication_mandate') AND indexname NOT LIKE 'pk_%' AND indexname NOT IN ('uq_published_reply_number', 'uq_published_reply_confidential')`,
  );
  for (const index of indexes) {
    await pool.query(`DROP INDEX ${index.indexname}`);
  }

  const started = process.hrtime.bigint();
  const clients: PoolClient[] = [];
  for (let i = 0; i < LOADERS; i++) {
    const client = await pool.connect();
    // The projection's triggers compute what the INSERTs below compute with the same functions.
    await client.query(`SET session_replication_role = replica`);
    clients.push(client);
  }
  const busy: Array<Promise<void>> = clients.map(() => Promise.resolve());
  let batchNumber = 0;
  for (let done = 0; done < LETTERS; done += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, LETTERS - done) }, (_, offset) => makeLetter(done + offset));
    const slot = batchNumber++ % LOADERS;
    await busy[slot];
    busy[slot] = insertBatch(clients[slot], batch);
    if (batchNumber % 50 === 0) {
      process.stderr.write(`  loaded ${Math.min(done + BATCH, LETTERS).toLocaleString('en')} letters\r`);
    }
  }
  await Promise.all(busy);
  for (const client of clients) {
    await client.query(`RESET session_replication_role`);
    client.release();
  }
  // What the projection's trigger writes for each letter: a row per mandate that signed it.
  await pool.query(
    `INSERT INTO published_communication_mandate (mandate_code, sent_on, communication_id, recipient_code, type, joint, reply_status)
     SELECT DISTINCT u.code, p.sent_on, p.communication_id, p.recipient_code, p.type, p.joint, p.reply_status
       FROM published_communication p CROSS JOIN LATERAL unnest(p.mandate_codes) AS u(code)`,
  );
  corpus.loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const indexStarted = process.hrtime.bigint();
  await Promise.all(
    indexes.map(async (index) => {
      const client = await pool.connect();
      try {
        await client.query(`SET maintenance_work_mem = '512MB'`);
        await client.query(index.indexdef);
      } finally {
        client.release();
      }
    }),
  );
  await pool.query('VACUUM ANALYZE published_communication');
  await pool.query('VACUUM ANALYZE published_reply');
  await pool.query('VACUUM ANALYZE published_communication_mandate');
  corpus.indexSeconds = Number(process.hrtime.bigint() - indexStarted) / 1e9;
  return corpus;
}

async function insertBatch(client: PoolClient, batch: Array<{ letter: Letter; replies: Reply[] }>): Promise<void> {
  const letters = batch.map((entry) => entry.letter);
  const replies = batch.flatMap((entry) => entry.replies);
  const column = <T, K extends keyof T>(rows: T[], key: K) => rows.map((row) => row[key]);
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO published_reply (id, communication_id, number, received_on, confidential, language, text, published_at, search_vector)
       SELECT id, communication_id, number, received_on, confidential, language, text, now(),
              CASE WHEN confidential OR text IS NULL THEN NULL ELSE published_reply_vector(language, text) END
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::date[], $5::bool[], $6::text[], $7::text[])
           AS r(id, communication_id, number, received_on, confidential, language, text)`,
      [
        column(replies, 'id'),
        column(replies, 'communicationId'),
        column(replies, 'number'),
        column(replies, 'receivedOn'),
        column(replies, 'confidential'),
        column(replies, 'language'),
        column(replies, 'text'),
      ],
    );
    await client.query(
      `INSERT INTO published_communication (communication_id, reference, type, language, recipient_code, recipient_kind, recipient_name,
              lead_mandate_code, mandate_codes, mandates, joint, sent_on, sent_year, reply_requested_by, public_from, published_at, subject,
              body, law_or_policy, victims, themes, reply_status, reply_count, last_reply_on, search_vector)
       SELECT l.id, l.reference, l.type, l.language, l.recipient_code, l.recipient_kind, l.recipient_name, l.lead,
              string_to_array(l.mandate_codes, ','), l.mandates::jsonb, l.joint, l.sent_on, EXTRACT(YEAR FROM l.sent_on)::int,
              l.sent_on + 60, l.sent_on + 60, now(), l.subject, l.body, NULL, '[]'::jsonb, string_to_array(l.themes, ','),
              l.reply_status, l.reply_count, l.last_reply_on,
              published_letter_vector(l.language, l.reference, l.subject, l.recipient_name, string_to_array(l.themes, ','), l.body, NULL)
                || coalesce((SELECT published_tsvector_agg(r.search_vector ORDER BY r.number) FROM published_reply r
                              WHERE r.communication_id = l.id AND r.search_vector IS NOT NULL), ''::tsvector)
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                     $11::bool[], $12::date[], $13::text[], $14::text[], $15::text[], $16::text[], $17::int[], $18::date[])
           AS l(id, reference, type, language, recipient_code, recipient_kind, recipient_name, lead, mandate_codes, mandates, joint, sent_on,
                subject, body, themes, reply_status, reply_count, last_reply_on)`,
      [
        column(letters, 'id'),
        column(letters, 'reference'),
        column(letters, 'type'),
        column(letters, 'language'),
        column(letters, 'recipientCode'),
        column(letters, 'recipientKind'),
        column(letters, 'recipientName'),
        column(letters, 'lead'),
        column(letters, 'mandateCodes'),
        column(letters, 'mandates'),
        column(letters, 'joint'),
        column(letters, 'sentOn'),
        column(letters, 'subject'),
        column(letters, 'body'),
        column(letters, 'themes'),
        column(letters, 'replyStatus'),
        column(letters, 'replyCount'),
        column(letters, 'lastReplyOn'),
      ],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

type Query = Partial<PublicSearchQueryDto>;

interface Scenario {
  name: string;
  queries: Query[];
}

/** The query kinds of the benchmark, each a pool of concrete queries drawn in a fixed order. */
function scenarios(corpus: Corpus, mandateCodes: string[], recipients: string[]): Scenario[] {
  const rnd = random(7);
  const selective = [...corpus.placeCounts.entries()]
    .filter(([, n]) => n >= 20 && n <= 200)
    .map(([name]) => name)
    .slice(0, 50);
  const common = VOCABULARY.en.slice(4, 16);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const years = () => {
    const from = 2006 + Math.floor(rnd() * 18);
    return { from: `${from}-01-01`, to: `${from + 1 + Math.floor(rnd() * 3)}-12-31` };
  };
  const filters = (): Query => {
    const query: Query = { mandate: [pick(mandateCodes)] };
    if (rnd() < 0.6) {
      query.recipient = [pick(recipients)];
    }
    if (rnd() < 0.5) {
      query.type = pick(['UA', 'AL', 'OL'] as const);
    }
    if (rnd() < 0.3) {
      query.joint = rnd() < 0.8;
    }
    if (rnd() < 0.7) {
      Object.assign(query, years());
    }
    if (rnd() < 0.2) {
      query.replyStatus = pick(['replied', 'not_replied'] as const);
    }
    return query;
  };
  return [
    { name: 'selective word', queries: selective.map((q) => ({ q })) },
    { name: 'common word, ranked', queries: common.map((q) => ({ q })) },
    { name: 'phrase', queries: PHRASES.en.map((phrase) => ({ q: `"${phrase}"` })) },
    { name: 'filters only', queries: Array.from({ length: 50 }, filters) },
    { name: 'filters + word', queries: Array.from({ length: 50 }, () => ({ ...filters(), q: pick(common) })) },
  ];
}

const toSearchParams = (query: Query) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(key, String(item));
    }
  }
  return params.toString();
};

/**
 * What the API runs for a query, bare: the same probe (when searchProbeQuery makes one), then the
 * same page query, in date order within a transaction when the probe says so. Answers the
 * page's rows.
 */
async function bareSearch(pool: Pool, query: Query): Promise<SearchPageRow[]> {
  const filter = searchFilterOf(query as PublicSearchQueryDto);
  const sort = filter.text && (query.sort ?? 'relevance') === 'relevance' ? 'relevance' : 'date';
  const limit = (query.limit ?? SEARCH_PAGE_DEFAULT) + 1;
  const page = searchPageQuery(filter, sort, limit);
  const probe = searchProbeQuery(filter);
  const client = await pool.connect();
  try {
    const forced = probe
      ? prefersDateOrder((await client.query<ProbeResult>(probe.text, probe.values)).rows[0], probe.rows, sort, limit)
      : false;
    if (forced) {
      await client.query('BEGIN');
      await client.query(DATE_ORDER_ONLY);
    }
    const { rows } = await client.query<SearchPageRow>(page.text, page.values);
    if (forced) {
      await client.query('COMMIT');
    }
    return rows;
  } finally {
    client.release();
  }
}

/** The query string of a search, read back as the scenarios write it (toSearchParams). */
function queryOf(search: URLSearchParams): Query {
  const query: Query = {};
  for (const key of new Set(search.keys())) {
    const value = search.get(key) as string;
    Object.assign(query, {
      [key]:
        key === 'mandate' || key === 'recipient'
          ? search.getAll(key)
          : key === 'joint'
            ? value === 'true'
            : key === 'limit'
              ? Number(value)
              : value,
    });
  }
  return query;
}

/**
 * The HTTP floor: a bare node:http server that answers a search with the statements of bareSearch and
 * the page's hits as PostgreSQL wrote them, nothing else (no validation, no cursor, no rate limit, no
 * logs, no headers of its own). What it adds to the bare SQL is what any HTTP JSON answer from this
 * Node.js process costs on this machine; what the API adds to it is the API's own.
 */
function startFloor(pool: Pool, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const query = queryOf(new URL(request.url ?? '/', 'http://floor').searchParams);
    bareSearch(pool, query).then(
      (rows) => {
        const limit = query.limit ?? SEARCH_PAGE_DEFAULT;
        const items = rows.slice(0, limit).map((row) => row.hit);
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(`{"items":[${items.join(',')}],"nextCursor":null}`);
      },
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** Runs `work(i)` for i in [0, count) with `concurrency` clients; answers each call's milliseconds, sorted. */
async function measure(total: number, concurrency: number, work: (index: number) => Promise<void>): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const index = next++;
        const started = process.hrtime.bigint();
        await work(index);
        durations.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  return durations.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value: number) => `${value.toFixed(1).padStart(7)}`;

interface ClientJob {
  databaseUrl: string;
  port: number;
  floorPort: number;
  kinds: Scenario[];
  iterations: number;
  rounds: number;
  concurrency: number;
}

interface KindResult {
  name: string;
  matches: number;
  api: number[];
  floor: number[];
  sql: number[];
  /** Milliseconds of CPU the API's thread spent per request of this kind. */
  apiCpu: number;
  /** The same for the floor's requests (same thread). */
  floorCpu: number;
}

/** A message of the client thread to the API's: start or stop measuring the CPU time of the API's thread. */
interface CpuMark {
  cpu: 'start' | 'stop';
}

/**
 * The CPU time of this process's main thread (the API's), in milliseconds: Linux's schedstat of the
 * thread, in nanoseconds; elsewhere null.
 */
function mainThreadCpuMs(): number | null {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

interface ClientResults {
  kinds: KindResult[];
  facets: number[];
}

/** Asks the servers' thread (the API's and the floor's) to start or stop measuring its CPU time; answers, on stop, the milliseconds since the start (NaN where unknown). */
function serverThreadCpu(mark: CpuMark['cpu']): Promise<number> {
  return new Promise((resolve) => {
    parentPort?.once('message', (cpuMs: number) => resolve(cpuMs));
    parentPort?.postMessage({ cpu: mark } satisfies CpuMark);
  });
}

/**
 * The clients, in a worker thread of their own, as they would be on another machine: the API's event
 * loop serves requests only. HTTP/1.1 with keep-alive, as browsers and proxies use it.
 */
async function runClients(job: ClientJob): Promise<ClientResults> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const get = (path: string, port = job.port) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path, agent }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
  const pool = new Pool({ connectionString: job.databaseUrl, max: job.concurrency });
  const http = (port: number) => async (query: Query) => {
    const answer = await get(`/public/communications?${toSearchParams(query)}`, port);
    const body = JSON.parse(answer.body) as { items?: unknown[] };
    if (answer.status !== 200 || !Array.isArray(body.items)) {
      throw new Error(
        `${port === job.port ? 'API' : 'floor'} ${toSearchParams(query)}: ${answer.status} ${answer.body.slice(0, 300)}`,
      );
    }
  };
  const api = http(job.port);
  const floor = http(job.floorPort);
  const sql = async (query: Query) => {
    await bareSearch(pool, query);
  };
  try {
    // Warm the caches: read the table once, run every query of every kind once each way, with as
    // many clients as measured, so that every pooled connection of each side has run the kind.
    await pool.query(`SELECT count(*), sum(length(body)) FROM published_communication`);
    for (const kind of job.kinds) {
      for (const side of [sql, floor, api]) {
        await measure(Math.max(kind.queries.length, job.concurrency * 4), job.concurrency, (index) =>
          side(kind.queries[index % kind.queries.length]),
        );
      }
    }
    const kinds: KindResult[] = [];
    for (const kind of job.kinds) {
      const matches: number[] = [];
      for (const query of kind.queries.slice(0, 5)) {
        const { text, values } = searchCountQuery(searchFilterOf(query as PublicSearchQueryDto));
        matches.push(Number((await pool.query(text, values)).rows[0].n));
      }
      const at = (index: number) => kind.queries[index % kind.queries.length];
      // The sides take turns, a round each, so that a passing load on the machine falls on all three.
      const result: KindResult = {
        name: kind.name,
        matches: matches.sort((a, b) => a - b)[Math.floor(matches.length / 2)],
        api: [],
        floor: [],
        sql: [],
        apiCpu: 0,
        floorCpu: 0,
      };
      const perRound = Math.ceil(job.iterations / job.rounds);
      for (let round = 0; round < job.rounds; round++) {
        const offset = round * perRound;
        await serverThreadCpu('start');
        result.api.push(...(await measure(perRound, job.concurrency, (index) => api(at(offset + index)))));
        result.apiCpu += await serverThreadCpu('stop');
        await serverThreadCpu('start');
        result.floor.push(...(await measure(perRound, job.concurrency, (index) => floor(at(offset + index)))));
        result.floorCpu += await serverThreadCpu('stop');
        result.sql.push(...(await measure(perRound, job.concurrency, (index) => sql(at(offset + index)))));
      }
      for (const durations of [result.api, result.floor, result.sql]) {
        durations.sort((a, b) => a - b);
      }
      result.apiCpu /= result.api.length;
      result.floorCpu /= result.floor.length;
      kinds.push(result);
    }
    const facetQueries = job.kinds[job.kinds.length - 1].queries;
    const facets = await measure(Math.min(job.iterations, 40), job.concurrency, async (index) => {
      const answer = await get(
        `/public/communications/facets?${toSearchParams(facetQueries[index % facetQueries.length])}`,
      );
      if (answer.status !== 200) {
        throw new Error(`facets: ${answer.status} ${answer.body.slice(0, 300)}`);
      }
    });
    return { kinds, facets };
  } finally {
    agent.destroy();
    await pool.end();
  }
}

/** What the scenarios and the report need of a corpus, as kept in the comment of its database. */
interface CorpusSummary extends Omit<Corpus, 'languages' | 'replyLanguages' | 'placeCounts'> {
  languages: Array<[string, number]>;
  replyLanguages: Array<[string, number]>;
  /** The place names of 20 to 200 letters, in the order they were made. */
  placeCounts: Array<[string, number]>;
}

async function keepSummary(pool: Pool, corpus: Corpus): Promise<void> {
  const summary: CorpusSummary = {
    ...corpus,
    languages: [...corpus.languages],
    replyLanguages: [...corpus.replyLanguages],
    placeCounts: [...corpus.placeCounts].filter(([, n]) => n >= 20 && n <= 200),
  };
  const name = (await pool.query(`SELECT current_database() AS name`)).rows[0].name as string;
  await pool.query(`COMMENT ON DATABASE "${name}" IS ${escapeLiteral(JSON.stringify(summary))}`);
}

const escapeLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A database kept by an earlier run (BENCH_KEEP=1): migrated to the current schema, its corpus summary read back. */
async function reuse(url: string): Promise<{ db: BenchDatabase; corpus: Corpus }> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const comment = (
      await client.query(
        `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()`,
      )
    ).rows[0]?.comment as string | null;
    if (!comment) {
      throw new Error(`${url} holds no corpus summary: load it with BENCH_KEEP=1 first`);
    }
    await client.query('VACUUM ANALYZE published_communication');
    await client.query('VACUUM ANALYZE published_communication_mandate');
    const summary = JSON.parse(comment) as CorpusSummary;
    return {
      db: { url, drop: async () => undefined },
      corpus: {
        ...summary,
        languages: new Map(summary.languages),
        replyLanguages: new Map(summary.replyLanguages),
        placeCounts: new Map(summary.placeCounts),
      },
    };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const kept = process.env.BENCH_DATABASE_URL;
  const reused = kept ? await reuse(kept) : undefined;
  const db = reused?.db ?? (await createBenchDatabase('search'));
  const pool = new Pool({ connectionString: db.url, max: 8 });
  const config = AppConfig.fromEnv({
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    REDIS_PREFIX: `bench-${randomUUID().slice(0, 8)}`,
    PUBLIC_RATE_LIMIT: '1000000000',
  });
  const floorPool = new Pool({ connectionString: db.url, max: CONCURRENCY });
  let app: NestFastifyApplication | undefined;
  let floorServer: Server | undefined;
  try {
    let corpus: Corpus;
    if (reused) {
      process.stderr.write(`bench:search — reusing ${db.url}\n`);
      corpus = reused.corpus;
    } else {
      process.stderr.write(`bench:search — loading ${LETTERS.toLocaleString('en')} letters …\n`);
      corpus = await load(pool);
      await keepSummary(pool, corpus);
    }
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot({ config })] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
    await configureApp(app);
    await app.listen(PORT, '127.0.0.1');
    floorServer = await startFloor(floorPool, FLOOR_PORT);

    const mandateCodes = (await pool.query(`SELECT code FROM mandate ORDER BY code`)).rows.map(
      (row) => row.code as string,
    );
    const recipients = (
      await pool.query(
        `SELECT DISTINCT trim(recipient_code) AS code FROM published_communication WHERE sent_year = 2024`,
      )
    ).rows.map((row) => row.code as string);
    const kinds = scenarios(corpus, mandateCodes, recipients).filter(
      (kind) => KINDS === null || KINDS.includes(kind.name),
    );
    const job: ClientJob = {
      databaseUrl: db.url,
      port: PORT,
      floorPort: FLOOR_PORT,
      kinds,
      iterations: ITERATIONS,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
    };
    process.stderr.write(`bench:search — measuring …\n`);
    const loadBefore = loadavg()[0];
    const results = await new Promise<ClientResults>((resolve, reject) => {
      const worker = new Worker(__filename, { workerData: job });
      let since: number | null = null;
      worker.on('message', (message: ClientResults | CpuMark) => {
        if (!('cpu' in message)) {
          resolve(message);
        } else if (message.cpu === 'start') {
          since = mainThreadCpuMs();
          worker.postMessage(0);
        } else {
          const now = mainThreadCpuMs();
          worker.postMessage(now === null || since === null ? NaN : now - since);
        }
      });
      worker.once('error', reject);
      worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`client worker exited with ${code}`))));
    });

    const sizes = (
      await pool.query(
        `SELECT pg_size_pretty(pg_table_size('published_communication')) AS letters, pg_size_pretty(pg_table_size('published_reply')) AS replies,
                pg_size_pretty(pg_relation_size('ix_published_communication_search')) AS gin, version() AS version,
                current_setting('shared_buffers') AS shared_buffers, current_setting('work_mem') AS work_mem, current_setting('jit') AS jit`,
      )
    ).rows[0];
    const share = (map: Map<string, number>, total: number) =>
      [...map.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([key, n]) => `${key} ${Math.round((100 * n) / total)}%`)
        .join(', ');

    console.log(
      `bench:search — ${machineLine()}; PostgreSQL and Redis on localhost; load average ${loadBefore.toFixed(2)} before measuring, ${loadavg()[0].toFixed(2)} after`,
    );
    console.log(
      `  ${String(sizes.version).split(' on ')[0]}; shared_buffers ${sizes.shared_buffers}, work_mem ${sizes.work_mem}, jit ${sizes.jit}`,
    );
    console.log(
      `  corpus: ${corpus.letters.toLocaleString('en')} published letters (${share(corpus.languages, corpus.letters)}; ${Math.round((100 * corpus.joint) / corpus.letters)}% joint; ` +
        `${recipients.length} recipients in 2024, skewed), ${corpus.replies.toLocaleString('en')} replies (${share(corpus.replyLanguages, corpus.replies)})`,
    );
    console.log(
      `  ${reused ? 'kept database, loaded earlier in' : 'load:'} ${corpus.loadSeconds.toFixed(0)} s (multi-row INSERTs in date order, ${LOADERS} connections, vectors computed in SQL), indexes and ANALYZE ${corpus.indexSeconds.toFixed(0)} s; ` +
        `table ${sizes.letters}, replies ${sizes.replies}, GIN ${sizes.gin}`,
    );
    console.log(
      `  ${ITERATIONS} requests per query kind and side in ${ROUNDS} rounds taking turns, ${CONCURRENCY} concurrent clients in a worker thread (HTTP keep-alive; pg pool), ` +
        `page of ${SEARCH_PAGE_DEFAULT} with snippets; floor: node:http + pg in the API's thread, the same statements and answer; relevance ranks the ${RANK_CANDIDATES.toLocaleString('en')} most recent matches`,
    );
    console.log(
      `  query kind            matches   API    p50    p95    p99 ms   floor  p50    p95    p99 ms   SQL    p50    p95    p99 ms   API/SQL p95  floor/SQL p95  CPU/request API, floor`,
    );
    for (const kind of results.kinds) {
      const p95 = percentile(kind.sql, 95);
      console.log(
        `  ${kind.name.padEnd(20)} ${String(kind.matches).padStart(8)}   API${ms(percentile(kind.api, 50))}${ms(percentile(kind.api, 95))}${ms(percentile(kind.api, 99))}` +
          `   floor${ms(percentile(kind.floor, 50))}${ms(percentile(kind.floor, 95))}${ms(percentile(kind.floor, 99))}` +
          `   SQL${ms(percentile(kind.sql, 50))}${ms(p95)}${ms(percentile(kind.sql, 99))}` +
          `   ${(percentile(kind.api, 95) / p95).toFixed(2).padStart(11)}  ${(percentile(kind.floor, 95) / p95).toFixed(2).padStart(13)}  ${kind.apiCpu.toFixed(2)}, ${kind.floorCpu.toFixed(2)} ms`,
      );
    }
    console.log(
      `  facets (${results.kinds[results.kinds.length - 1].name}), API: p50 ${percentile(results.facets, 50).toFixed(1)} ms, p95 ${percentile(results.facets, 95).toFixed(1)} ms`,
    );
  } finally {
    await app?.close();
    await new Promise((resolve) => (floorServer ? floorServer.close(resolve) : resolve(undefined)));
    await floorPool.end();
    await pool.end();
    if (process.env.BENCH_KEEP === '1' || reused) {
      console.log(`  database kept: ${db.url}`);
    } else {
      await db.drop();
    }
  }
}

if (!isMainThread) {
  runClients(workerData as ClientJob).then(
    (results) => parentPort?.postMessage(results),
    (error: unknown) => {
      throw error;
    },
  );
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
