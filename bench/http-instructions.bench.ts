/**
 * npm run bench:instructions — the instructions one public search request costs the server, layer by
 * layer, counted by valgrind's callgrind: a count that does not depend on what else the machine is
 * doing, so that a change of a few percent in the API's own work shows, where the latencies of
 * bench:search cannot tell it from the machine's noise.
 *
 * Each server runs alone under callgrind, in a process of its own, and answers the same fixed page of
 * 20 hits (about 7 KB) without the database, so that only the HTTP path is counted:
 * - floor: a bare `node:http` server (bench:search's HTTP floor, without its statements);
 * - stack: NestJS on Fastify with one controller and each request in its asynchronous context
 *   (bench:search's stack's floor, see startStackFloor);
 * - API: the API as configureApp builds it, its search service answering the page: every hook, guard,
 *   pipe, the rate limit and the validation of the search's query string.
 * A client in another process (not counted) sends BENCH_WARM_UP requests (2,000), then the counting
 * is switched on for BENCH_REQUESTS (1,000), one at a time over one keep-alive connection, with the
 * filters of bench:search's "filters only" kind. Every server is counted BENCH_RUNS times (2), in
 * turns; two runs of one server differ by a few thousand instructions a request (the collector's and
 * the compiler's timing).
 *
 * Needs valgrind (with callgrind_control) and PostgreSQL and Redis for the API to start (its
 * database is a fresh one, dropped at the end). Environment: BENCH_WARM_UP, BENCH_REQUESTS, BENCH_RUNS,
 * BENCH_SERVERS (floor,stack,API: those to count), BENCH_PORT (3995).
 */
import 'reflect-metadata';
import { ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@spcomms/config';
import { PublicSearchService } from '@spcomms/public-search';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApp, createFastifyAdapter } from '../apps/api/src/configure-app';
import { createBenchDatabase, machineLine } from './support/bench-database';
import { startFloor, startStackFloor } from './support/search-floors';

const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 2000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const PORT = Number(process.env.BENCH_PORT ?? 3995);
const ALL_SERVERS = ['floor', 'stack', 'API'] as const;
type ServerName = (typeof ALL_SERVERS)[number];
/** The servers counted (BENCH_SERVERS, comma-separated: all three by default). */
const SERVERS = ALL_SERVERS.filter(
  (name) => !process.env.BENCH_SERVERS || process.env.BENCH_SERVERS.split(',').includes(name),
);
const NODE_ARGS = ['-r', '@swc-node/register', '-r', './scripts/register-paths-ts.js'];

/** The page every server answers: 20 hits of the search's shape, about 7 KB. */
const PAGE = `{"items":[${Array.from({ length: 20 }, (_, index) =>
  JSON.stringify({
    reference: `UA IRN ${index + 1}/2023`,
    type: 'UA',
    sentOn: '2023-03-02',
    mandates: ['WGAD', 'HOUSING'],
    recipients: ['IRN'],
    summary: 'Alleged arbitrary detention of a human rights defender. '.repeat(5),
  }),
).join(',')}],"nextCursor":null,"sort":"date"}`;

/** Filters as bench:search's "filters only" kind draws them: a mandate, often a State, a type, years. */
const PATHS = [
  'mandate=HOUSING&recipient=AGO&from=2010-01-01&to=2012-12-31',
  'mandate=WGAD&type=UA',
  'mandate=WGPAD&from=2015-01-01&to=2017-12-31&joint=true',
  'mandate=WGAD&recipient=AFG&replyStatus=replied',
].map((query) => `/public/communications?${query}`);

/** The client: `count` requests, one at a time over one keep-alive connection; exits 1 on an answer other than 200. */
async function client(port: number, count: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  for (let index = 0; index < count; index++) {
    await new Promise<void>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: PATHS[index % PATHS.length], agent }, (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`${PATHS[index % PATHS.length]}: ${response.statusCode}`));
        }
        response.resume();
        response.on('end', resolve);
      })
        .on('error', reject)
        .end();
    });
  }
  agent.destroy();
}

function runClient(port: number, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(__filename, ['--client', String(port), String(count)], { execArgv: NODE_ARGS });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the client exited with ${code}`))));
  });
}

/** Runs callgrind_control with `args` on this process (which callgrind runs). */
function callgrind(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const control = spawn('callgrind_control', [...args, String(process.pid)], { stdio: 'ignore' });
    control.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`callgrind_control ${args.join(' ')}: ${code}`)),
    );
  });
}

async function startServer(name: ServerName, databaseUrl: string): Promise<() => Promise<void>> {
  if (name === 'floor') {
    const server = await startFloor(() => Promise.resolve(PAGE), PORT);
    return () => new Promise((resolve) => server.close(() => resolve()));
  }
  if (name === 'stack') {
    const app = await startStackFloor(() => Promise.resolve(PAGE), PORT);
    return () => app.close();
  }
  const config = AppConfig.fromEnv({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    REDIS_PREFIX: `bench-${randomUUID().slice(0, 8)}`,
    PUBLIC_RATE_LIMIT: '1000000000',
  });
  const page = Buffer.from(PAGE);
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot({ config })] })
    .overrideProvider(PublicSearchService)
    .useValue({ search: () => Promise.resolve(page) })
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
  await configureApp(app);
  await app.listen(PORT, '127.0.0.1');
  return () => app.close();
}

/** Under callgrind: starts the server, warms it up, counts REQUESTS requests, writes the counts out. */
async function serve(name: ServerName, databaseUrl: string): Promise<void> {
  const stop = await startServer(name, databaseUrl);
  try {
    await runClient(PORT, WARM_UP);
    await callgrind('--zero');
    await callgrind('--instr=on');
    await runClient(PORT, REQUESTS);
    await callgrind('--instr=off');
    await callgrind('--dump');
  } finally {
    await stop();
  }
}

/** Counts one server: answers its instructions per request. */
function count(name: ServerName, databaseUrl: string, directory: string): number {
  const run = mkdtempSync(join(directory, `${name}-`));
  execFileSync(
    'valgrind',
    [
      '--tool=callgrind',
      '--instr-atstart=no',
      `--callgrind-out-file=${join(run, 'callgrind.out.%p')}`,
      'node',
      ...NODE_ARGS,
      __filename,
      '--serve',
      name,
      databaseUrl,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const dump = readdirSync(run).find((file) => /\.1$/.test(file));
  const totals = dump && /^totals: (\d+)$/m.exec(readFileSync(join(run, dump), 'utf8'));
  if (!totals) {
    throw new Error(`no callgrind dump of ${name} in ${run}`);
  }
  return Number(totals[1]) / REQUESTS;
}

async function main(): Promise<void> {
  for (const tool of ['valgrind', 'callgrind_control']) {
    try {
      execFileSync('which', [tool], { stdio: 'ignore' });
    } catch {
      throw new Error(`bench:instructions needs ${tool} (Debian: apt-get install valgrind)`);
    }
  }
  const db = await createBenchDatabase('instructions');
  const directory = mkdtempSync(join(tmpdir(), 'spcomms-instructions-'));
  const counts = new Map<ServerName, number[]>(SERVERS.map((name) => [name, []]));
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const name of SERVERS) {
        process.stderr.write(`bench:instructions — ${name}, run ${run + 1} of ${RUNS} …\n`);
        counts.get(name)?.push(count(name, db.url, directory));
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
    await db.drop();
  }
  const thousands = (value: number) => `${(value / 1000).toFixed(0)}k`;
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const floors = counts.get('floor') ?? [];
  const floor = floors.length > 0 ? median(floors) : null;
  console.log(`bench:instructions — ${machineLine()}; valgrind's callgrind, the server's process alone, every thread`);
  console.log(
    `  ${REQUESTS.toLocaleString('en')} requests counted after ${WARM_UP.toLocaleString('en')} not counted, one at a time over one keep-alive connection, ` +
      `a fixed page of ${(Buffer.byteLength(PAGE) / 1024).toFixed(1)} KB without the database; ${RUNS} runs of each server in turns`,
  );
  console.log(`  server   instructions per request (median; each run)   beyond the floor`);
  for (const name of SERVERS) {
    const values = counts.get(name) ?? [];
    const middle = median(values);
    console.log(
      `  ${name.padEnd(6)}   ${thousands(middle).padStart(6)} (${values.map(thousands).join(', ')})`.padEnd(50) +
        `${name === 'floor' || floor === null ? '' : `+${thousands(middle - floor)}`}`,
    );
  }
}

if (process.argv[2] === '--client') {
  client(Number(process.argv[3]), Number(process.argv[4])).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else if (process.argv[2] === '--serve') {
  serve(process.argv[3] as ServerName, process.argv[4]).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
