/**
 * The API as `npm start` runs it — the built `dist/`, in a process of its own — for the benchmarks
 * that report its memory: the peak resident set of that process is the API's alone, without the
 * benchmark's clients, loader or floor server.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { peakRssMb } from './bench-database';

const ROOT = join(__dirname, '..', '..');

export interface ApiProcess {
  port: number;
  /** Stops the process; answers its peak resident set in MB, read just before (null off Linux). */
  stop(): Promise<number | null>;
}

function health(port: number): Promise<number> {
  return new Promise((resolve) => {
    request({ host: '127.0.0.1', port, path: '/health' }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .once('error', () => resolve(0))
      .end();
  });
}

/** Builds dist/ when it is stale, starts the API on `port` with `env` and waits until it answers /health. */
export async function startApiProcess(env: Record<string, string>, port: number): Promise<ApiProcess> {
  execFileSync('bash', ['scripts/ensure-build.sh'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const child: ChildProcess = spawn('node', ['-r', './scripts/register-paths.js', 'dist/apps/api/src/main.js'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: 'production', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = Date.now();
  while ((await health(port)) !== 200) {
    if (child.exitCode !== null || Date.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`the API process did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    port,
    async stop() {
      const peak = peakRssMb(child.pid);
      child.kill('SIGTERM');
      await exited;
      return peak;
    },
  };
}

/**
 * Sends every path of `paths` to the API on `port`, `concurrency` at a time over keep-alive
 * connections; throws on an answer other than 200.
 */
export async function requestAll(port: number, paths: string[], concurrency: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const get = (path: string) =>
    new Promise<void>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path, agent }, (response) => {
        response.resume();
        response.once('end', () =>
          response.statusCode === 200 ? resolve() : reject(new Error(`${path}: ${response.statusCode}`)),
        );
      })
        .once('error', reject)
        .end();
    });
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < paths.length) {
          await get(paths[next++]);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
}
