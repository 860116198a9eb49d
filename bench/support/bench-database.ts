import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Client, Pool, PoolConfig } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '@spcomms/config';
import { TransactionHost, dataSourceOptions } from '@spcomms/database';
import { ReferenceRepository, ReferenceSeeder } from '@spcomms/reference';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database with the reference data, dropped at the end of the benchmark. */
export async function createBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `spcomms_bench_${prefix}_${randomBytes(3).toString('hex')}`;
  const admin = new URL(server.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;

  const config = AppConfig.fromEnv({ DATABASE_URL: url.toString() });
  const dataSource = new DataSource(dataSourceOptions(url.toString()));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const tx = new TransactionHost(dataSource);
  await new ReferenceSeeder(new ReferenceRepository(tx), tx, config).seed();
  await dataSource.destroy();

  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new Client({ connectionString: admin.toString() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * A pg pool for a benchmark's bare side, with the options of the API's pools that change how
 * statements travel (dataSourceOptions: pipeline mode), so that the bare side and the API send the same
 * statements the same way.
 */
export function barePool(url: string, max: number): Pool {
  const { pipeline } = (dataSourceOptions(url) as { extra: { pipeline: boolean } }).extra;
  return new Pool({ connectionString: url, max, pipeline } as PoolConfig);
}

/**
 * Keeps a pg pool's idle connections until the pool ends (pg closes them after 10 s idle). Sides of a
 * benchmark that take turns leave their pools idle while the others run, longer than that for slow
 * queries, and a side whose connections were closed meanwhile starts its next turn on new backends,
 * slower for a while, where a side sharing a pool kept busy by others would not: every side's pool
 * keeps its connections instead, as steady traffic would.
 */
export function keepIdleConnections(pool: Pool): Pool {
  (pool as unknown as { options: { idleTimeoutMillis: number } }).options.idleTimeoutMillis = 0;
  return pool;
}

/** Runs `work(i)` for i in [0, count) with at most `concurrency` at once; answers the elapsed seconds. */
export async function runConcurrently(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        await work(index);
      }
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * Whether a replica streams from the server of `url`, for a benchmark's header: a streaming replica
 * (the one the read-replica test starts: scripts/replica.sh) replays every write of the benchmark,
 * its load included, on the same cores, and its figures are then not comparable with the README's.
 */
export async function replicationLine(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT coalesce(application_name, client_addr::text, 'a replica') AS name FROM pg_stat_replication`,
    );
    return rows.length === 0
      ? 'no replica streaming from the primary'
      : `WARNING: ${rows.length} replica(s) streaming from the primary (${rows.map((row) => row.name).join(', ')}), ` +
          'replaying every write on these cores; stop it (bash scripts/replica.sh stop) for comparable figures';
  } finally {
    await client.end();
  }
}

export function machineLine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/**
 * The peak resident set of a running process, in MB (Linux's VmHWM; null elsewhere or once it has
 * exited): read just before the process is stopped.
 */
export function peakRssMb(pid: number | undefined): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The peak resident set of this process so far, in MB. */
export const ownPeakRssMb = (): number => process.resourceUsage().maxRSS / 1024;
