import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { RUN_ENV, TEMPLATE_ENV, databaseUrl, serverUrl } from './test-env';

/**
 * Once per test run: migrate a fresh template database and load the reference data into it.
 * Each test file then clones it (CREATE DATABASE … TEMPLATE), which takes a fraction of a second.
 * The name is unique per run, so that several runs on one machine do not disturb each other.
 */
export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..', '..', '..');
  execFileSync('bash', [join(root, 'scripts', 'services.sh')], { stdio: 'inherit' });

  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const template = `spcomms_tpl_${run}`;
  const client = new Client({ connectionString: serverUrl().toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${template}"`);
  await client.end();

  execFileSync(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      '-r',
      join(root, 'scripts', 'register-paths-ts.js'),
      join(__dirname, 'prepare-template.ts'),
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl(template), LOG_LEVEL: 'warn' } },
  );
  process.env[TEMPLATE_ENV] = template;
  process.env[RUN_ENV] = run;
}
