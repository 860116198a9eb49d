import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AuditModule } from '@spcomms/audit';
import { ClockModule } from '@spcomms/clock';
import { AppConfig, ConfigModule } from '@spcomms/config';
import { DatabaseModule } from '@spcomms/database';
import { QueueModule } from '@spcomms/queue';
import { RedisModule } from '@spcomms/redis';
import { TestClock } from './test-clock';
import { TestDatabase, createTestDatabase } from './test-database';

export interface TestResources {
  db: TestDatabase;
  config: AppConfig;
  clock: TestClock;
  /** Removes the database, the Redis keys under the file's prefix and the storage folder. */
  release(): Promise<void>;
}

/**
 * What one test file owns: a database cloned from the template, a Redis key prefix of its own,
 * a storage folder and a clock that only the test moves.
 */
export async function createTestResources(
  env: Record<string, string> = {},
  clock = new TestClock(),
): Promise<TestResources> {
  const db = await createTestDatabase();
  const prefix = `spcomms-test-${randomBytes(5).toString('hex')}`;
  const storage = mkdtempSync(join(tmpdir(), 'spcomms-storage-'));
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const config = AppConfig.fromEnv({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    STORAGE_DIR: storage,
    WORKER_HEALTH_PORT: '0',
    ...env,
    // A read connection to a replica of this file's database: `postgres://…:5433/{database}`.
    ...(env.DATABASE_READ_URL ? { DATABASE_READ_URL: env.DATABASE_READ_URL.replace('{database}', db.name) } : {}),
  });
  return {
    db,
    config,
    clock,
    release: async () => {
      await db.drop();
      rmSync(storage, { recursive: true, force: true });
      const redis = new Redis(redisUrl);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) {
            await redis.del(...keys);
          }
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}

type Import = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

export interface TestContext extends TestResources {
  module: TestingModule;
  dataSource: DataSource;
  get<T>(type: Type<T> | string | symbol): T;
  close(): Promise<void>;
}

/** A Nest context with the infrastructure modules and the libs under test, for *.int-spec.ts files. */
export async function createTestContext(
  options: { imports?: Import[]; providers?: Provider[]; env?: Record<string, string>; clock?: TestClock } = {},
): Promise<TestContext> {
  const resources = await createTestResources(options.env, options.clock);
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(resources.config),
      ClockModule.forRoot(resources.clock),
      DatabaseModule,
      RedisModule,
      QueueModule,
      AuditModule,
      ...(options.imports ?? []),
    ],
    providers: options.providers ?? [],
  }).compile();
  await module.init();
  return {
    ...resources,
    module,
    dataSource: module.get(DataSource),
    get: <T>(type: Type<T> | string | symbol) => module.get<T>(type, { strict: false }),
    close: async () => {
      await module.close();
      await resources.release();
    },
  };
}
