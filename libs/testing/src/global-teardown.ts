import { Client } from 'pg';
import { RUN_ENV, serverUrl } from './test-env';

/** Drops the run's template and any database a crashed test file left behind. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env[RUN_ENV];
  if (!run) {
    return;
  }
  const client = new Client({ connectionString: serverUrl().toString() });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`,
    [`spcomms_t_${run}_%`, `spcomms_tpl_${run}`],
  );
  for (const { datname } of rows) {
    await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await client.end();
}
