/**
 * npm run bench:web — the site's public pages against the JSON API that holds the same data, in one
 * run, over the 1,000,000-letter corpus of bench:search (bench/support/search-load.ts):
 *
 * - latency (p50/p95/p99) of the search results page (`/en/communications?…`) against the JSON search
 *   (`/public/communications?…`) and against the JSON search with its facets (the counts the page shows
 *   beside each filter: both requests at once, the time until both answered), and of the letter page
 *   against the JSON record (`/public/communications/{slug}`); the sides take turns round by round, the
 *   clients in a worker thread (HTTP keep-alive), every request asking for compression as a browser does;
 * - the bytes each public page sends as served (`accept-encoding: br, gzip`): its HTML, its stylesheets
 *   and its scripts, compressed and not, in every language; budget 30 KB compressed with its CSS and
 *   scripts.
 *
 * Environment: BENCH_LETTERS (1000000), BENCH_ITERATIONS (300 per kind and side), BENCH_ROUNDS (5),
 * BENCH_CONCURRENCY (4), BENCH_KEEP=1 to keep the database, BENCH_DATABASE_URL=<a database kept by
 * bench:search or bench:web> to measure without loading.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Agent, IncomingHttpHeaders, request } from 'node:http';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import { AppConfig } from '@spcomms/config';
import { random } from '@spcomms/testing';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApp, createFastifyAdapter } from '../apps/api/src/configure-app';
import { VOCABULARY } from './search-corpus';
import { createBenchDatabase, machineLine } from './support/bench-database';
import { Corpus, keepSummary, load, reuse } from './support/search-load';
import { benchEntry } from './support/entry';

const LETTERS = Number(process.env.BENCH_LETTERS ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const PORT = 3993;
const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
const BUDGET_BYTES = 30 * 1024;
/** What a browser asks for. */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'en' };

/** One kind of comparison: the same data through the page and through the JSON route(s). */
interface Kind {
  name: string;
  /** Per request: the page's address, and the JSON addresses holding the same data (fetched at once). */
  requests: Array<{ page: string; api: string[] }>;
}

interface ClientJob {
  port: number;
  kinds: Kind[];
  iterations: number;
  rounds: number;
  concurrency: number;
}

interface KindResult {
  name: string;
  page: number[];
  api: number[];
  statuses: Record<string, number>;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value: number) => value.toFixed(1).padStart(7);

function get(
  agent: Agent,
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const call = request({ host: '127.0.0.1', port, path, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    call.on('error', reject);
    call.end();
  });
}

/** The clients: each kind, side by side in rounds taking turns, `concurrency` requests at a time. */
async function runClients(job: ClientJob): Promise<KindResult[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const results: KindResult[] = [];
  for (const kind of job.kinds) {
    const result: KindResult = { name: kind.name, page: [], api: [], statuses: {} };
    const perRound = Math.ceil(job.iterations / job.rounds);
    let next = 0;
    const one = async (side: 'page' | 'api', index: number) => {
      const pick = kind.requests[index % kind.requests.length];
      const started = process.hrtime.bigint();
      const answers =
        side === 'page'
          ? [await get(agent, job.port, pick.page, { ...BROWSER_HEADERS, accept: 'text/html' })]
          : await Promise.all(
              pick.api.map((path) => get(agent, job.port, path, { ...BROWSER_HEADERS, accept: 'application/json' })),
            );
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      for (const answer of answers) {
        const key = `${side} ${answer.status}`;
        result.statuses[key] = (result.statuses[key] ?? 0) + 1;
      }
      result[side].push(elapsed);
    };
    // A warm-up of each side, not counted.
    for (let i = 0; i < Math.min(20, kind.requests.length); i++) {
      await one('page', i);
      await one('api', i);
    }
    result.page = [];
    result.api = [];
    result.statuses = {};
    for (let round = 0; round < job.rounds; round++) {
      for (const side of round % 2 === 0 ? (['api', 'page'] as const) : (['page', 'api'] as const)) {
        const start = next;
        let taken = 0;
        await Promise.all(
          Array.from({ length: job.concurrency }, async () => {
            while (taken < perRound) {
              const index = start + taken++;
              await one(side, index);
            }
          }),
        );
      }
      next += perRound;
    }
    result.page.sort((a, b) => a - b);
    result.api.sort((a, b) => a - b);
    results.push(result);
    process.stderr.write(`  measured ${kind.name} (${results.length} of ${job.kinds.length})\n`);
  }
  agent.destroy();
  return results;
}

const toQuery = (params: Record<string, string | string[]>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      search.append(key, item);
    }
  }
  return search.toString();
};

/** The API's `from`/`to` (YYYY-MM-DD) as the search page's day, month and year fields. */
const asPageFields = (params: Record<string, string | string[]>) => {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(params)) {
    if ((key === 'from' || key === 'to') && typeof value === 'string') {
      const [year, month, day] = value.split('-');
      Object.assign(fields, { [`${key}-day`]: day, [`${key}-month`]: month, [`${key}-year`]: year });
    } else {
      fields[key] = value;
    }
  }
  return fields;
};

/** The comparisons: searches of four kinds, and letter pages, drawn in a fixed order. */
async function kinds(pool: Pool, corpus: Corpus): Promise<Kind[]> {
  const rnd = random(11);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const mandates = (await pool.query(`SELECT code FROM mandate ORDER BY code`)).rows.map((row) => row.code as string);
  const selective = [...corpus.placeCounts.entries()]
    .filter(([, n]) => n >= 20 && n <= 200)
    .map(([name]) => name)
    .slice(0, 50);
  const common = VOCABULARY.en.slice(4, 16);
  // The page shows the results and the counts beside every filter, so the JSON that holds the same data
  // is the search and its facets, asked at once, with the same words and filters. The page reads a
  // date as day, month and year fields (`from-day`…), the API as `from=YYYY-MM-DD`.
  const search = (name: string, make: () => Record<string, string | string[]>): Kind => ({
    name,
    requests: Array.from({ length: 50 }, () => {
      const params = make();
      return {
        page: `/en/communications?${toQuery(asPageFields(params))}`,
        api: [`/public/communications?${toQuery(params)}`, `/public/communications/facets?${toQuery(params)}`],
      };
    }),
  });
  const filters = () => {
    const from = 2006 + Math.floor(rnd() * 18);
    return { mandate: pick(mandates), from: `${from}-01-01`, to: `${from + 2}-12-31` };
  };
  const slugs = (
    await pool.query(
      `SELECT reference FROM published_communication TABLESAMPLE SYSTEM (1) REPEATABLE (7) WHERE reply_count > 0 LIMIT 200`,
    )
  ).rows.map((row) => String(row.reference).replace(/[\s/]+/g, '-'));
  const out: Kind[] = [];
  out.push(
    search('selective word vs search + facets', () => ({ q: pick(selective) })),
    search('common word vs search + facets', () => ({ q: pick(common) })),
    search('filters vs search + facets', filters),
    search('filters + word vs search + facets', () => ({ ...filters(), q: pick(common) })),
  );
  out.push({
    name: 'letter vs record',
    requests: slugs.map((slug) => ({ page: `/en/communications/${slug}`, api: [`/public/communications/${slug}`] })),
  });
  return out;
}

/** Every public page that a GET reaches, with what its first letter and words make of them. */
function publicPages(slug: string, word: string): Array<[string, string]> {
  return [
    ['home', '/'],
    ['search with results', `/communications?q=${encodeURIComponent(word)}`],
    ['search with no result', '/communications?q=Xylophonists'],
    ['search with a filter error', '/communications?from-day=30&from-month=2&from-year=2025'],
    ['letter', `/communications/${slug}`],
    ['letter, print view', `/communications/${slug}?print=1`],
    ['reports', '/reports'],
    ['visits', '/visits'],
    ['statistics', '/statistics'],
    ['submit', '/submit'],
    ['login', '/login'],
    ['page not found', '/no-such-page'],
  ];
}

interface Weight {
  name: string;
  status: number;
  encoding: string;
  html: number;
  htmlRaw: number;
  assets: number;
  assetsRaw: number;
}

/** What each page sends, compressed as served, with the stylesheets and scripts it links (each counted once per page). */
async function weigh(port: number, slug: string, word: string): Promise<Weight[]> {
  const agent = new Agent({ keepAlive: true });
  const weights: Weight[] = [];
  const assetCache = new Map<string, { sent: number; raw: number }>();
  const sizeOf = (answer: { headers: IncomingHttpHeaders; body: Buffer }) => {
    const encoding = String(answer.headers['content-encoding'] ?? 'identity');
    return { encoding, sent: answer.body.length };
  };
  const rawOf = async (path: string) =>
    (await get(agent, port, path, { ...BROWSER_HEADERS, 'accept-encoding': 'identity' })).body.length;
  for (const language of LANGUAGES) {
    for (const [name, path] of publicPages(slug, word)) {
      const url = `/${language}${path}`;
      const answer = await get(agent, port, url, { ...BROWSER_HEADERS, accept: 'text/html' });
      const { encoding, sent } = sizeOf(answer);
      const html = (await get(agent, port, url, { ...BROWSER_HEADERS, 'accept-encoding': 'identity' })).body;
      const links = [
        ...html.toString('utf8').matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<script[^>]+src="([^"]+)"/g),
      ].map((match) => match[1] ?? match[2]);
      let assets = 0;
      let assetsRaw = 0;
      for (const link of new Set(links)) {
        if (!assetCache.has(link)) {
          const served = await get(agent, port, link, BROWSER_HEADERS);
          assetCache.set(link, { sent: served.body.length, raw: await rawOf(link) });
        }
        assets += assetCache.get(link)!.sent;
        assetsRaw += assetCache.get(link)!.raw;
      }
      weights.push({
        name: `${name} (${language})`,
        status: answer.status,
        encoding,
        html: sent,
        htmlRaw: html.length,
        assets,
        assetsRaw,
      });
    }
  }
  agent.destroy();
  return weights;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const kept = process.env.BENCH_DATABASE_URL;
  const reused = kept ? await reuse(kept) : undefined;
  const db = reused?.db ?? (await createBenchDatabase('web'));
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const config = AppConfig.fromEnv({
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    REDIS_PREFIX: `bench-${randomUUID().slice(0, 8)}`,
    PUBLIC_RATE_LIMIT: '1000000000',
  });
  let app: NestFastifyApplication | undefined;
  try {
    let corpus: Corpus;
    if (reused) {
      process.stderr.write(`bench:web — reusing ${db.url}\n`);
      corpus = reused.corpus;
    } else {
      process.stderr.write(`bench:web — loading ${LETTERS.toLocaleString('en')} letters …\n`);
      corpus = await load(pool, LETTERS);
      await keepSummary(pool, corpus);
    }
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot({ config })] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
    await configureApp(app);
    await app.listen(PORT, '127.0.0.1');

    const comparisons = await kinds(pool, corpus);
    const slug = comparisons[comparisons.length - 1].requests[0]?.page.split('/').pop() ?? 'none';
    process.stderr.write(`bench:web — weighing the pages …\n`);
    const weights = await weigh(PORT, slug, VOCABULARY.en[4]);
    process.stderr.write(`bench:web — measuring …\n`);
    const loadBefore = loadavg()[0];
    const results = await new Promise<KindResult[]>((resolve, reject) => {
      const job: ClientJob = {
        port: PORT,
        kinds: comparisons,
        iterations: ITERATIONS,
        rounds: ROUNDS,
        concurrency: CONCURRENCY,
      };
      const worker = new Worker(__filename, { workerData: job });
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`client worker exited with ${code}`))));
    });

    console.log(
      `bench:web — ${machineLine()}; PostgreSQL and Redis on localhost; load average ${loadBefore.toFixed(2)} before measuring, ${loadavg()[0].toFixed(2)} after`,
    );
    console.log(
      `  corpus: ${corpus.letters.toLocaleString('en')} published letters, ${corpus.replies.toLocaleString('en')} replies (bench:search's corpus${reused ? ', kept database' : ''})`,
    );
    console.log(
      `  ${ITERATIONS} requests per kind and side in ${ROUNDS} rounds taking turns, ${CONCURRENCY} concurrent clients in a worker thread (HTTP keep-alive), ` +
        `every request with accept-encoding "${BROWSER_HEADERS['accept-encoding']}"; "search + facets": both JSON requests at once, until both answered`,
    );
    console.log(
      `  kind                                    page   p50    p95    p99 ms   JSON   p50    p95    p99 ms   page/JSON p95 (target ≤ 1.20)  statuses`,
    );
    for (const result of results) {
      const ratio = percentile(result.page, 95) / percentile(result.api, 95);
      console.log(
        `  ${result.name.padEnd(38)}  page${ms(percentile(result.page, 50))}${ms(percentile(result.page, 95))}${ms(percentile(result.page, 99))}` +
          `   JSON${ms(percentile(result.api, 50))}${ms(percentile(result.api, 95))}${ms(percentile(result.api, 99))}` +
          `   ${ratio.toFixed(2).padStart(13)} ${ratio <= 1.2 ? 'ok  ' : 'OVER'}                ${Object.entries(
            result.statuses,
          )
            .map(([key, n]) => `${key}×${n}`)
            .join(', ')}`,
      );
    }
    console.log(
      `  bytes each public page sends, as served to a browser (${weights[0]?.encoding ?? '?'}; the largest of the six languages per page; budget ${kb(BUDGET_BYTES)} compressed with its CSS and scripts):`,
    );
    console.log(
      `  page                         status  encoding   HTML sent (raw)        CSS+JS sent (raw)      total sent`,
    );
    const byPage = new Map<string, Weight>();
    for (const weight of weights) {
      const name = weight.name.replace(/ \(\w+\)$/, '');
      const current = byPage.get(name);
      if (!current || weight.html + weight.assets > current.html + current.assets) {
        byPage.set(name, weight);
      }
    }
    for (const weight of byPage.values()) {
      const total = weight.html + weight.assets;
      console.log(
        `  ${weight.name.padEnd(30)} ${String(weight.status).padStart(4)}  ${weight.encoding.padEnd(9)} ${kb(weight.html).padStart(9)} (${kb(weight.htmlRaw)})`.padEnd(
          80,
        ) +
          `${kb(weight.assets).padStart(9)} (${kb(weight.assetsRaw)})`.padEnd(23) +
          `${kb(total).padStart(9)} ${total <= BUDGET_BYTES ? 'ok' : 'OVER'}`,
      );
    }
    if (weights.some((weight) => weight.status === 200 && weight.encoding === 'identity' && weight.htmlRaw >= 1024)) {
      console.log(
        '  NOT COMPRESSED: some pages were answered without content-encoding although the browser asked for it',
      );
    }
  } finally {
    await app?.close();
    await pool.end();
    if (process.env.BENCH_KEEP === '1' || reused) {
      console.log(`  database kept: ${db.url}`);
    } else {
      await db.drop();
    }
  }
}

benchEntry(main, runClients);
