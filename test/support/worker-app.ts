import { QueueEvents } from 'bullmq';
import { QueueName } from '@spcomms/queue';
import { ScheduleReconciler } from '@spcomms/schedules';
import { SmtpTestServer, TestClock } from '@spcomms/testing';
import { InProcessWorker, TEST_WORKER_ENV, startWorker, waitUntil, watchQueue } from '../faults/support';
import { TestApp, createTestApp } from './test-app';

/** The API and an in-process worker on one database, sending to a test SMTP server, on a clock the test moves. */
export interface WorkerApp {
  sut: TestApp;
  worker: InProcessWorker;
  smtp: SmtpTestServer;
  schedulesEvents: QueueEvents;
  mailEvents: QueueEvents;
  /**
   * Sets the clock, has the reconciler queue what is due, and waits until the worker has run every
   * schedule row due by then and sent every e-mail they wrote.
   */
  moveTo(instant: string | Date): Promise<void>;
  close(): Promise<void>;
}

export async function startWorkerApp(clock: TestClock): Promise<WorkerApp> {
  const smtp = await SmtpTestServer.start();
  const sut = await createTestApp({
    clock,
    env: { ...TEST_WORKER_ENV, SMTP_URL: smtp.url, TOKEN_TTL_HOURS: '100000' },
  });
  const worker = await startWorker(sut);
  const schedulesEvents = await watchQueue(sut.config, QueueName.Schedules);
  const mailEvents = await watchQueue(sut.config, QueueName.Mail);
  const pending = async (sql: string, params: unknown[] = []) =>
    (await sut.dataSource().query(sql, params))[0].n as number;

  return {
    sut,
    worker,
    smtp,
    schedulesEvents,
    mailEvents,
    moveTo: async (instant) => {
      clock.set(instant);
      await worker.get(ScheduleReconciler).run();
      await waitUntil(
        async () =>
          (await pending(`SELECT count(*)::int AS n FROM schedule WHERE state = 'pending' AND due_at <= $1`, [
            clock.now(),
          ])) === 0,
        {
          triggers: [schedulesEvents],
          what: `due schedules at ${String(instant)}`,
        },
      );
      await waitUntil(
        async () => (await pending(`SELECT count(*)::int AS n FROM outbox_message WHERE state <> 'sent'`)) === 0,
        {
          triggers: [mailEvents, smtp],
          what: 'outbox drained',
        },
      );
    },
    close: async () => {
      await schedulesEvents.close();
      await mailEvents.close();
      await worker.close();
      await sut.close();
      await smtp.stop();
    },
  };
}
