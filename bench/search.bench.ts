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
 * Environment: BENCH_LETTERS (1000000), BENCH_ITERATIONS (1000 per query kind and side), BENCH_ROUNDS (24:
 * the sides take turns, a 24th of the requests each, and lead the rounds in turn; short rounds spread
 * a passing stall of the machine over every side rather than into one side's tail), BENCH_CONCURRENCY (4),
 * BENCH_CONTROL (on: the floor is measured twice, in turns of its own, and the ratio of the two p95s
 * printed beside the API's; 0 leaves it out), BENCH_STACK (on: the stack's floor is measured too, see
 * startStackFloor; 0 leaves it out), BENCH_PORT (3991: the API's; the floor's is the next, the stack's
 * floor's the one after), BENCH_KEEP=1 to keep the database for a
 * closer look, BENCH_DATABASE_URL=<the URL it printed> to measure
 * again on a kept database without loading it (its pending migrations are run first; the summary of
 * its corpus is kept as the database's comment), BENCH_KINDS=<starts of names, comma-separated> to measure only
 * some query kinds, BENCH_FACET_REQUESTS (100 per query kind and side: the API, its statements bare and
 * the statements of the facets before the sample of the projection, as the baseline),
 * BENCH_MEMORY_REQUESTS (4000: requests sent at the end to the built API in a process of its own,
 * whose peak resident set is then read).
 *
 * Each ratio of p95s is printed twice: over all the requests of the two sides, and paired by round
 * (the median over the rounds of the ratio of the two sides' p95s in a round: see pairedRatio), which a
 * load passing over the machine during a few rounds does not move.
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
import { Agent, Server, request } from 'node:http';
import { Worker, parentPort } from 'node:worker_threads';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '@spcomms/config';
import { withPoolClient } from '@spcomms/database';
import {
  PublicSearchQueryDto,
  SearchPageRow,
  RANK_CANDIDATES,
  SEARCH_PAGE_DEFAULT,
  searchCountQuery,
  searchFilterOf,
  searchRows,
  searchStatements,
} from '@spcomms/public-search';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApp, createFastifyAdapter } from '../apps/api/src/configure-app';
import { random } from '@spcomms/testing';
import { PHRASES, VOCABULARY } from './search-corpus';
import { requestAll, startApiProcess } from './support/api-process';
import {
  barePool,
  createBenchDatabase,
  keepIdleConnections,
  machineLine,
  ownPeakRssMb,
  replicationLine,
} from './support/bench-database';
import { Corpus, LOADERS, keepSummary, load, reuse } from './support/search-load';
import { benchEntry } from './support/entry';
import { inTurn } from './support/turns';
import { FloorAnswer, startFloor, startStackFloor } from './support/search-floors';
import { BEFORE, FacetResult, FacetSides, facetsBefore, facetsNow, measureFacets } from './support/search-facets';

const LETTERS = Number(process.env.BENCH_LETTERS ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 24);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
/**
 * A fourth side, the floor again in turns of its own (on unless BENCH_CONTROL=0): the ratio of its p95
 * to the floor's is what two samples of the same server differ by in this run, the ratios' resolution.
 */
const CONTROL = process.env.BENCH_CONTROL !== '0';
/**
 * A fifth side, the stack's floor (on unless BENCH_STACK=0): NestJS on Fastify with the asynchronous
 * context every process of the API runs with, answering as the floor does (startStackFloor). Its ratio
 * to the floor is what the given stack adds; the API's ratio to it, what the API's own code adds.
 */
const STACK = process.env.BENCH_STACK !== '0';
/**
 * Only these query kinds, for a closer look at some: all of them by default. Comma-separated starts of
 * their names (`common word` for "common word, ranked"; `filters` for both kinds of filters).
 */
const KINDS = process.env.BENCH_KINDS ? process.env.BENCH_KINDS.split(',').map((start) => start.trim()) : null;
/** The API's port (BENCH_PORT), and the floor's the next one: another benchmark may hold the defaults. */
const PORT = Number(process.env.BENCH_PORT ?? 3991);
/** Facet requests per query kind and side. */
const FACET_REQUESTS = Number(process.env.BENCH_FACET_REQUESTS ?? 100);
/** Searches sent to the API in a process of its own to read its peak resident set (and a quarter as many facets). */
const MEMORY_REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 4000);
const FLOOR_PORT = PORT + 1;
const STACK_PORT = PORT + 2;
const MEMORY_PORT = PORT + 4;

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
    {
      name: 'mandate + common word',
      queries: Array.from({ length: 50 }, () => ({ mandate: [pick(mandateCodes)], q: pick(common) })),
    },
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
 * What the API runs for a query, bare: the same statements (searchStatements: the probe when
 * searchProbeQuery makes one, which switches the date-order settings off for its transaction when it
 * prefers that order, then the page's statement), on one connection of a pg pool, in a transaction
 * when there is a probe, its BEGIN sent with the first statement and its COMMIT after the answer, as
 * the API sends them (TransactionHost.onReadClient). Answers the page's rows.
 */
async function bareSearch(pool: Pool, query: Query): Promise<SearchPageRow[]> {
  const filter = searchFilterOf(query as PublicSearchQueryDto);
  const sort = filter.text && (query.sort ?? 'relevance') === 'relevance' ? 'relevance' : 'date';
  const limit = (query.limit ?? SEARCH_PAGE_DEFAULT) + 1;
  const statements = searchStatements(filter, sort, limit);
  return withPoolClient(pool, (session) => searchRows(session, statements), Boolean(statements.probe));
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
 * The floor's answer to a search's URL (see startFloor): the statements of bareSearch (on a pool that
 * sends them as the API's does: barePool), and the page's hits as PostgreSQL wrote them.
 */
function floorAnswer(pool: Pool): FloorAnswer {
  return async (url) => {
    const query = queryOf(new URL(url, 'http://floor').searchParams);
    const rows = await bareSearch(pool, query);
    const items = rows.slice(0, query.limit ?? SEARCH_PAGE_DEFAULT).map((row) => row.hit);
    return `{"items":[${items.join(',')}],"nextCursor":null}`;
  };
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
  /** The stack's floor's port, or null when it is left out (BENCH_STACK=0). */
  stackPort: number | null;
  kinds: Scenario[];
  iterations: number;
  rounds: number;
  concurrency: number;
  control: boolean;
  facetsExactLimit: number;
}

interface KindResult {
  name: string;
  matches: number;
  api: number[];
  floor: number[];
  /**
   * The floor again, in turns of its own (CONTROL): two samples of the same server, whose p95s differ
   * only by what the machine did meanwhile. Their ratio is the resolution of this run's ratios.
   */
  control: number[];
  sql: number[];
  /** The stack's floor (STACK; empty without it). */
  stack: number[];
  /** Milliseconds of CPU the API's thread spent per request of this kind. */
  apiCpu: number;
  /** The same for the floor's requests (same thread). */
  floorCpu: number;
  /** The same for the stack's floor's (same thread). */
  stackCpu: number;
  /** Each side's p95 in each round, in the order of the rounds (see pairedRatio). */
  roundP95: { api: number[]; floor: number[]; control: number[]; stack: number[] };
}

/**
 * The median, over the rounds, of the ratio of two sides' p95s within a round: the two sides of a
 * ratio measured minutes apart at most, so that a load passing over the machine during a few rounds
 * moves a few of the ratios and not the median (where it can move a side's p95 over all its
 * requests, as the control shows). A second estimate of the same ratio, beside the p95 of all the
 * requests; null without both sides.
 */
function pairedRatio(numerators: number[], denominators: number[]): number | null {
  const ratios = numerators
    .map((value, round) => value / denominators[round])
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (ratios.length === 0) {
    return null;
  }
  const middle = Math.floor(ratios.length / 2);
  return ratios.length % 2 === 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
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
  /** Per kind: the facets' latencies, the API's, the bare statements' and the baseline's. */
  facets: FacetResult[];
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
  const pool = keepIdleConnections(barePool(job.databaseUrl, job.concurrency));
  const http = (port: number) => async (query: Query) => {
    const answer = await get(`/public/communications?${toSearchParams(query)}`, port);
    const body = JSON.parse(answer.body) as { items?: unknown[] };
    if (answer.status !== 200 || !Array.isArray(body.items)) {
      throw new Error(
        `${port === job.port ? 'API' : port === job.stackPort ? "stack's floor" : 'floor'} ${toSearchParams(query)}: ${answer.status} ${answer.body.slice(0, 300)}`,
      );
    }
  };
  const api = http(job.port);
  const floor = http(job.floorPort);
  const stack = job.stackPort === null ? null : http(job.stackPort);
  const sql = async (query: Query) => {
    await bareSearch(pool, query);
  };
  try {
    // Warm the caches: read the table once, run every query of every kind once each way, with as
    // many clients as measured, so that every pooled connection of each side has run the kind.
    await pool.query(`SELECT count(*), sum(length(body)) FROM published_communication`);
    for (const kind of job.kinds) {
      for (const side of [sql, floor, ...(stack ? [stack] : []), api]) {
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
      // The sides take turns, a round each, so that a passing load on the machine falls on all three,
      // and lead the rounds in turn (inTurn), so that none always reads the round's letters first.
      const result: KindResult = {
        name: kind.name,
        matches: matches.sort((a, b) => a - b)[Math.floor(matches.length / 2)],
        api: [],
        floor: [],
        control: [],
        sql: [],
        stack: [],
        apiCpu: 0,
        floorCpu: 0,
        stackCpu: 0,
        roundP95: { api: [], floor: [], control: [], stack: [] },
      };
      const perRound = Math.ceil(job.iterations / job.rounds);
      const sides = [
        {
          run: api,
          durations: result.api,
          rounds: result.roundP95.api,
          cpu: (ms: number) => (result.apiCpu += ms),
        },
        {
          run: floor,
          durations: result.floor,
          rounds: result.roundP95.floor,
          cpu: (ms: number) => (result.floorCpu += ms),
        },
        { run: sql, durations: result.sql, rounds: null, cpu: null },
        ...(job.control ? [{ run: floor, durations: result.control, rounds: result.roundP95.control, cpu: null }] : []),
        ...(stack
          ? [
              {
                run: stack,
                durations: result.stack,
                rounds: result.roundP95.stack,
                cpu: (ms: number) => (result.stackCpu += ms),
              },
            ]
          : []),
      ];
      for (let round = 0; round < job.rounds; round++) {
        const offset = round * perRound;
        for (const side of inTurn(sides, round)) {
          if (side.cpu) {
            await serverThreadCpu('start');
          }
          const durations = await measure(perRound, job.concurrency, (index) => side.run(at(offset + index)));
          side.durations.push(...durations);
          side.rounds?.push(percentile(durations, 95));
          if (side.cpu) {
            side.cpu(await serverThreadCpu('stop'));
          }
        }
      }
      for (const durations of [result.api, result.floor, result.control, result.sql, result.stack]) {
        durations.sort((a, b) => a - b);
      }
      result.apiCpu /= result.api.length;
      result.floorCpu /= result.floor.length;
      result.stackCpu /= Math.max(1, result.stack.length);
      kinds.push(result);
    }
    // The facets of each kind, as the search page asks for them beside the hits; the bare statements
    // and the baseline take turns with the API.
    const facets: FacetResult[] = [];
    for (const kind of job.kinds) {
      const at = (index: number) => kind.queries[index % kind.queries.length];
      const filterAt = (index: number) => searchFilterOf(at(index) as PublicSearchQueryDto);
      const sides: FacetSides = {
        api: async (index) => {
          const answer = await get(`/public/communications/facets?${toSearchParams(at(index))}`);
          if (answer.status !== 200) {
            throw new Error(`facets: ${answer.status} ${answer.body.slice(0, 300)}`);
          }
          return (JSON.parse(answer.body) as { estimated: boolean }).estimated;
        },
        sql: (index) => facetsNow(pool, filterAt(index), job.facetsExactLimit),
        before: (index) => facetsBefore(pool, filterAt(index)),
      };
      facets.push(await measureFacets(sides, FACET_REQUESTS, job.rounds, job.concurrency, measure));
    }
    return { kinds, facets };
  } finally {
    agent.destroy();
    await pool.end();
  }
}

/**
 * The peak resident set of the API alone: the built API in a process of its own (as `npm start` runs
 * it), after MEMORY_REQUESTS searches of every kind and a quarter as many facets, CONCURRENCY at a time.
 */
async function apiProcessPeakRss(config: AppConfig, kinds: Scenario[]): Promise<string> {
  const api = await startApiProcess(
    {
      DATABASE_URL: config.env.DATABASE_URL,
      REDIS_PREFIX: config.env.REDIS_PREFIX,
      PUBLIC_RATE_LIMIT: String(config.env.PUBLIC_RATE_LIMIT),
    },
    MEMORY_PORT,
  );
  let peak: number | null = null;
  try {
    const paths = Array.from({ length: MEMORY_REQUESTS }, (_, index) => {
      const kind = kinds[index % kinds.length];
      const query = toSearchParams(kind.queries[Math.floor(index / kinds.length) % kind.queries.length]);
      return index % 4 === 3 ? `/public/communications/facets?${query}` : `/public/communications?${query}`;
    });
    await requestAll(MEMORY_PORT, paths, CONCURRENCY);
  } finally {
    peak = await api.stop();
  }
  if (peak === null) {
    return 'the peak resident set of the API process cannot be read on this system';
  }
  return (
    `the API in a process of its own (dist/, as npm start runs it), after ${MEMORY_REQUESTS.toLocaleString('en')} requests of every kind ` +
    `(a quarter of them facets), ${CONCURRENCY} at a time: peak RSS ${peak.toFixed(0)} MB (target ≤ 300 MB: ${peak <= 300 ? 'ok' : 'OVER'})`
  );
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
  const floorPool = keepIdleConnections(barePool(db.url, CONCURRENCY));
  let app: NestFastifyApplication | undefined;
  let floorServer: Server | undefined;
  let stackFloor: NestFastifyApplication | undefined;
  try {
    let corpus: Corpus;
    if (reused) {
      process.stderr.write(`bench:search — reusing ${db.url}\n`);
      corpus = reused.corpus;
    } else {
      process.stderr.write(`bench:search — loading ${LETTERS.toLocaleString('en')} letters …\n`);
      corpus = await load(pool, LETTERS);
      await keepSummary(pool, corpus);
    }
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot({ config })] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
    await configureApp(app);
    // The API's read pool (the primary's here) keeps its connections between its turns, as the floor's does.
    keepIdleConnections((app.get(DataSource).driver as unknown as { master: Pool }).master);
    await app.listen(PORT, '127.0.0.1');
    floorServer = await startFloor(floorAnswer(floorPool), FLOOR_PORT);
    stackFloor = STACK ? await startStackFloor(floorAnswer(floorPool), STACK_PORT) : undefined;

    const mandateCodes = (await pool.query(`SELECT code FROM mandate ORDER BY code`)).rows.map(
      (row) => row.code as string,
    );
    const recipients = (
      await pool.query(
        `SELECT DISTINCT trim(recipient_code) AS code FROM published_communication WHERE sent_year = 2024`,
      )
    ).rows.map((row) => row.code as string);
    const kinds = scenarios(corpus, mandateCodes, recipients).filter(
      (kind) => KINDS === null || KINDS.some((start) => start !== '' && kind.name.startsWith(start)),
    );
    const job: ClientJob = {
      databaseUrl: db.url,
      port: PORT,
      floorPort: FLOOR_PORT,
      stackPort: STACK ? STACK_PORT : null,
      kinds,
      iterations: ITERATIONS,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      control: CONTROL,
      facetsExactLimit: config.env.SEARCH_FACETS_EXACT_LIMIT,
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
      `bench:search — ${machineLine()}; PostgreSQL and Redis on localhost, ${await replicationLine(db.url)}; load average ${loadBefore.toFixed(2)} before measuring, ${loadavg()[0].toFixed(2)} after`,
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
      `  ${ITERATIONS} requests per query kind and side in ${ROUNDS} rounds taking turns and leading them in turn, ${CONCURRENCY} concurrent clients in a worker thread (HTTP keep-alive; pg pool), ` +
        `page of ${SEARCH_PAGE_DEFAULT} with snippets; floor: node:http + pg in the API's thread, the same statements and answer` +
        `${CONTROL ? ', and again in turns of its own (floor again: the resolution of the ratios)' : ''}; relevance ranks the ${RANK_CANDIDATES.toLocaleString('en')} most recent matches`,
    );
    console.log(
      `  query kind              matches   API    p50    p95    p99 ms   floor  p50    p95    p99 ms   SQL    p50    p95    p99 ms   API/floor p95  API/SQL p95  floor/SQL p95  floor again/floor p95  CPU/request API, floor`,
    );
    for (const kind of results.kinds) {
      const p95 = percentile(kind.sql, 95);
      console.log(
        `  ${kind.name.padEnd(22)} ${String(kind.matches).padStart(8)}   API${ms(percentile(kind.api, 50))}${ms(percentile(kind.api, 95))}${ms(percentile(kind.api, 99))}` +
          `   floor${ms(percentile(kind.floor, 50))}${ms(percentile(kind.floor, 95))}${ms(percentile(kind.floor, 99))}` +
          `   SQL${ms(percentile(kind.sql, 50))}${ms(p95)}${ms(percentile(kind.sql, 99))}` +
          `   ${(percentile(kind.api, 95) / percentile(kind.floor, 95)).toFixed(2).padStart(13)}` +
          `  ${(percentile(kind.api, 95) / p95).toFixed(2).padStart(11)}  ${(percentile(kind.floor, 95) / p95).toFixed(2).padStart(13)}` +
          `  ${kind.control.length > 0 ? (percentile(kind.control, 95) / percentile(kind.floor, 95)).toFixed(2).padStart(21) : '—'.padStart(21)}  ${kind.apiCpu.toFixed(2)}, ${kind.floorCpu.toFixed(2)} ms`,
      );
    }
    if (STACK) {
      console.log(
        `  the stack's floor: NestJS on Fastify with the asynchronous context every API process runs with, one controller, no hook, guard, pipe or filter of the API's, ` +
          `the floor's statements and answer, in the API's thread, in turns of its own`,
      );
      console.log(
        `  query kind               stack  p50    p95    p99 ms   stack/floor p95  API/stack p95  CPU/request stack`,
      );
      for (const kind of results.kinds) {
        console.log(
          `  ${kind.name.padEnd(22)}   stack${ms(percentile(kind.stack, 50))}${ms(percentile(kind.stack, 95))}${ms(percentile(kind.stack, 99))}` +
            `   ${(percentile(kind.stack, 95) / percentile(kind.floor, 95)).toFixed(2).padStart(15)}` +
            `  ${(percentile(kind.api, 95) / percentile(kind.stack, 95)).toFixed(2).padStart(13)}  ${kind.stackCpu.toFixed(2).padStart(14)} ms`,
        );
      }
    }
    console.log(
      `  the same ratios paired by round: the median over the ${ROUNDS} rounds of the ratio of two sides' p95s in the round (see pairedRatio)`,
    );
    console.log(`  query kind               API/floor  floor again/floor  stack/floor  API/stack`);
    const paired = (numerators: number[], denominators: number[], width: number) =>
      (pairedRatio(numerators, denominators)?.toFixed(2) ?? '—').padStart(width);
    for (const kind of results.kinds) {
      const { api, floor, control, stack } = kind.roundP95;
      console.log(
        `  ${kind.name.padEnd(22)} ${paired(api, floor, 11)}  ${paired(control, floor, 17)}  ${paired(stack, floor, 11)}  ${paired(api, stack, 9)}`,
      );
    }
    const rss = ownPeakRssMb();
    console.log(
      `  peak RSS of this benchmark's process (the API, the floor, the clients' thread and the loader; the API alone is measured at the end): ${rss.toFixed(0)} MB`,
    );
    console.log(
      `  facets (GET /public/communications/facets), ${FACET_REQUESTS} requests per kind and side in ${ROUNDS} rounds taking turns: the API (sample of the projection first, ` +
        `exact when it shows at most ${config.env.SEARCH_FACETS_EXACT_LIMIT.toLocaleString('en')} matches), the same statements bare, and the statements before it bare ` +
        `(exact up to ${BEFORE.exact.toLocaleString('en')} matches, beyond a TABLESAMPLE of about ${BEFORE.sample.toLocaleString('en')} letters):`,
    );
    console.log(
      `  query kind               API    p50    p95    p99 ms   SQL    p50    p95    p99 ms   before p50    p95    p99 ms   estimated API, before`,
    );
    results.kinds.forEach((kind, index) => {
      const facet = results.facets[index];
      const line = (durations: number[]) =>
        `${ms(percentile(durations, 50))}${ms(percentile(durations, 95))}${ms(percentile(durations, 99))}`;
      console.log(
        `  ${kind.name.padEnd(22)}   API${line(facet.api)}   SQL${line(facet.sql)}   before${line(facet.before)}   ` +
          `${facet.estimated.api} and ${facet.estimated.before} of ${facet.api.length}`,
      );
    });
    await app.close();
    app = undefined;
    console.log(`  memory: ${await apiProcessPeakRss(config, kinds)}`);
  } finally {
    await app?.close();
    await stackFloor?.close();
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

benchEntry(main, runClients);
