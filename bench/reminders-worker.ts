import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Worker } from 'bullmq';
import { Pool } from 'pg';
import { AppConfig } from '@spcomms/config';
import { QueueName, queueOptions } from '@spcomms/queue';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { BARE_QUEUE, CONCURRENCY, runBareReminder } from './reminders-handler';

/**
 * One worker process of the benchmark: the real WorkerModule with the product's handlers ("engine"),
 * or a bare BullMQ worker running the same reminder as plain SQL ("bare"). The engine process works
 * the schedules and maintenance queues; the e-mails its reminders write stay in the outbox (no mail
 * is sent during the drain, by either).
 */
async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  if (process.argv[2] === 'bare') {
    // Same concurrency and pool size as the engine's schedule worker.
    const pool = new Pool({ connectionString: config.env.DATABASE_URL, max: 20 });
    const worker = new Worker(
      BARE_QUEUE,
      (job) => runBareReminder(pool, String(job.data.scheduleId), config.env.PUBLIC_BASE_URL),
      {
        ...queueOptions(config),
        concurrency: CONCURRENCY,
      },
    );
    await worker.waitUntilReady();
    process.on(
      'SIGTERM',
      () =>
        void worker
          .close()
          .then(() => pool.end())
          .then(() => process.exit(0)),
    );
  } else {
    const app = await NestFactory.createApplicationContext(
      WorkerModule.forRoot({ config, queues: [QueueName.Schedules, QueueName.Maintenance] }),
      { logger: ['error', 'warn'] },
    );
    app.enableShutdownHooks();
    await app.init();
  }
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
