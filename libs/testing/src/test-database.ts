import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { RUN_ENV, TEMPLATE_ENV, databaseUrl, serverUrl } from './test-env';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function withServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl().toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of its own for one test file, cloned from the migrated, seeded template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  const run = process.env[RUN_ENV];
  if (!template || !run) {
    throw new Error(
      'No template database: run integration and e2e tests through jest (npm test), whose global setup makes it',
    );
  }
  const name = `spcomms_t_${run}_${randomBytes(4).toString('hex')}`;
  await withServer((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      withServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
