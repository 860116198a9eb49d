import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@spcomms/config';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { FileClock } from './file-clock';
import { TestReminderHandler } from './test-reminder.handler';

/**
 * A real worker process for fault tests: the production WorkerModule on the test's database and
 * Redis prefix (from the environment), with the test reminder handler and a clock the test moves
 * by writing TEST_CLOCK_FILE. Prints "ready" once it processes jobs.
 */
async function main(): Promise<void> {
  const clockFile = process.env.TEST_CLOCK_FILE;
  if (!clockFile) {
    throw new Error('TEST_CLOCK_FILE is not set');
  }
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({
      config: AppConfig.fromEnv(),
      clock: new FileClock(clockFile),
      scheduleHandlers: [TestReminderHandler],
    }),
    { logger: ['error', 'warn'] },
  );
  app.enableShutdownHooks();
  await app.init();
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
