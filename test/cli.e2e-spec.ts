import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TestApp, createTestApp } from './support/test-app';

const ROOT = join(__dirname, '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry point of the repository the way developers do, without a build. */
function runTs(entry: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', '-r', './scripts/register-paths-ts.js', entry, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A process that should have stopped at once but keeps running (e.g. an API that started anyway).
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

jest.setTimeout(180_000);

describe('command line', () => {
  let sut: TestApp;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runTs('apps/cli/src/main.ts', args, env);

  beforeAll(async () => {
    sut = await createTestApp();
    env = {
      NODE_ENV: 'test',
      DATABASE_URL: sut.db.url,
      REDIS_URL: sut.config.env.REDIS_URL,
      REDIS_PREFIX: sut.config.env.REDIS_PREFIX,
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(() => sut.close());

  it('prints the usage without a command, and exits 2 on an unknown one', async () => {
    const usage = await cli();
    expect(usage.code).toBe(0);
    expect(usage.stderr).toContain('audit:verify');
    const unknown = await cli('no-such-command');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage:');
  });

  it('says the database is up to date on migrate', async () => {
    const run = await cli('migrate');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Database is up to date');
  });

  it('creates an admin who can then log in', async () => {
    const run = await cli('create-admin', 'cli.admin', 'cli.admin@example.org', '--password', 'cli-admin-password');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Admin cli.admin created');

    const login = await sut.post('/auth/login', { username: 'cli.admin', password: 'cli-admin-password' });
    expect(login.status).toBe(200);
    const me = await sut.get('/me', { token: login.body.token });
    expect(me.body).toMatchObject({
      username: 'cli.admin',
      email: 'cli.admin@example.org',
      role: 'admin',
      mandates: [],
      stateCode: null,
    });
  });

  it('generates and prints a password when none is given, and refuses a taken user name', async () => {
    const run = await cli('create-admin', 'cli.generated', 'cli.generated@example.org');
    expect(run.code).toBe(0);
    const password = /Password: (\S+)/.exec(run.stdout)?.[1];
    expect(password).toEqual(expect.any(String));
    expect((await sut.post('/auth/login', { username: 'cli.generated', password })).status).toBe(200);

    const again = await cli('create-admin', 'cli.generated', 'other@example.org');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('cli.generated is taken');
  });

  it("resets a password and revokes the user's sessions", async () => {
    const token = (await sut.post('/auth/login', { username: 'cli.admin', password: 'cli-admin-password' })).body.token;
    const run = await cli('reset-password', 'cli.admin', '--password', 'cli-admin-password-2');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sessions revoked');

    expect((await sut.get('/me', { token })).status).toBe(401);
    expect((await sut.post('/auth/login', { username: 'cli.admin', password: 'cli-admin-password' })).status).toBe(401);
    expect((await sut.post('/auth/login', { username: 'cli.admin', password: 'cli-admin-password-2' })).status).toBe(
      200,
    );

    const unknown = await cli('reset-password', 'cli.nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No user cli.nobody');
  });

  describe('audit:verify', () => {
    it('exits 0 on an intact chain', async () => {
      const [{ count }] = await sut.dataSource().query('SELECT count(*)::int AS count FROM audit_event');
      expect(count).toBeGreaterThan(3);
      const run = await cli('audit:verify');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Audit chain intact: ${count} event(s)`);
    });

    it('exits 1 naming the broken event after tampering', async () => {
      const [{ seq }] = await sut
        .dataSource()
        .query(`SELECT seq::text AS seq FROM audit_event WHERE action = 'user.create' ORDER BY seq LIMIT 1`);
      await sut.dataSource().query('ALTER TABLE audit_event DISABLE TRIGGER USER');
      try {
        await sut.dataSource().query(`UPDATE audit_event SET actor_label = 'someone-else' WHERE seq = $1`, [seq]);
      } finally {
        await sut.dataSource().query('ALTER TABLE audit_event ENABLE TRIGGER USER');
      }

      const run = await cli('audit:verify');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Audit chain BROKEN at event ${seq}:`);
      expect(run.stdout).toBe('');
    });
  });
});

describe('start-up with a wrong environment', () => {
  it.each([
    ['API', 'apps/api/src/main.ts'],
    ['worker', 'apps/worker/src/main.ts'],
    ['CLI', 'apps/cli/src/main.ts'],
  ])('the %s exits 1 with a message naming each wrong variable', async (_, entry) => {
    const run = await runTs(entry, entry.includes('cli') ? ['migrate'] : [], {
      PORT: 'abc',
      REDIS_URL: 'localhost:6379',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Invalid environment configuration');
    expect(run.stderr).toContain('PORT="abc"');
    expect(run.stderr).toContain('REDIS_URL="localhost:6379"');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
