import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Worker } from 'bullmq';
import { Pool } from 'pg';
import { AppConfig } from '@spcomms/config';
import { queueOptions } from '@spcomms/queue';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { BARE_QUEUE, BenchReminderHandler, CONCURRENCY, outboxRow } from './reminders-handler';

/** One worker process of the benchmark: the real WorkerModule ("engine") or a bare BullMQ worker ("bare"). */
async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  if (process.argv[2] === 'bare') {
    // Same concurrency and pool size as the engine's schedule worker; the same INSERT per job, in autocommit.
    const pool = new Pool({ connectionString: config.env.DATABASE_URL, max: 20 });
    const worker = new Worker(
      BARE_QUEUE,
      async (job) => {
        const row = outboxRow('bench.bare', String(job.data.subjectId), new Date(Date.now()));
        await pool.query(
          `INSERT INTO outbox_message (id, kind, subject_type, subject_id, recipient_user_id, recipient_address, occasion, language,
                                       template, params, message_id, next_attempt_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13)
           ON CONFLICT (kind, subject_type, subject_id, recipient_address, occasion) DO NOTHING`,
          [row.id, row.kind, row.subjectType, row.subjectId, null, row.recipientAddress, '', 'en', row.template, JSON.stringify(row.params), row.messageId, row.nextAttemptAt, row.createdAt],
        );
      },
      { ...queueOptions(config), concurrency: CONCURRENCY },
    );
    await worker.waitUntilReady();
    process.on('SIGTERM', () => void worker.close().then(() => pool.end()).then(() => process.exit(0)));
  } else {
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, scheduleHandlers: [BenchReminderHandler] }), {
      logger: ['error', 'warn'],
    });
    app.enableShutdownHooks();
    await app.init();
  }
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
