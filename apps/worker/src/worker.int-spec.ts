import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue, QueueEvents } from 'bullmq';
import { Role, systemActor } from '@spcomms/access';
import { AccountsRepository, SessionEntity, UsersService } from '@spcomms/accounts';
import { AuditService } from '@spcomms/audit';
import { TransactionHost } from '@spcomms/database';
import { JobName, JobQueue, QueueName, queueOptions } from '@spcomms/queue';
import { TestResources, createTestResources } from '@spcomms/testing';
import { WorkerHost } from './worker-host.service';
import { WorkerModule } from './worker.module';

describe('worker', () => {
  let resources: TestResources;
  let app: INestApplicationContext;
  let queue: JobQueue;
  let events: QueueEvents;
  let closed = false;

  beforeAll(async () => {
    resources = await createTestResources();
    app = await NestFactory.createApplicationContext(
      WorkerModule.forRoot({ config: resources.config, clock: resources.clock }),
      {
        // Quiet, except for the reason of a boot failure (e.g. a job name without a handler).
        logger: ['error'],
      },
    );
    await app.init();
    queue = app.get(JobQueue);
    events = new QueueEvents(QueueName.Maintenance, queueOptions(resources.config));
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await events.close();
    if (!closed) {
      await app.close();
    }
    await resources.release();
  });

  /** Enqueues a job through the producer and waits for the worker's answer. */
  async function run<J extends JobName.AuditVerify | JobName.SessionPurge>(
    name: J,
    payload: object,
    jobId: string,
  ): Promise<unknown> {
    await queue.enqueue(name, payload as never, { jobId });
    const job = await queue.queue(QueueName.Maintenance).getJob(jobId);
    if (!job) {
      throw new Error(`job ${jobId} was not enqueued`);
    }
    return job.waitUntilFinished(events, 30_000);
  }

  const auditCount = async (): Promise<number> => {
    const [{ n }] = await app.get(TransactionHost).manager.query('SELECT count(*)::int AS n FROM audit_event');
    return n;
  };

  it('runs its workers once booted', () => {
    expect(app.get(WorkerHost).running).toBe(true);
  });

  it('logs each job it has run, with its payload and what came of it', async () => {
    const log = jest.spyOn(Logger.prototype, 'log');
    try {
      await run(JobName.SessionPurge, { olderThanDays: 30 }, 'purge-logged');
      expect(log).toHaveBeenCalledWith(
        expect.objectContaining({ jobId: 'purge-logged', job: JobName.SessionPurge, olderThanDays: 30 }),
        expect.stringContaining(`Job ${JobName.SessionPurge} purge-logged`),
      );
    } finally {
      log.mockRestore();
    }
  });

  it('verifies the audit chain when asked through the queue', async () => {
    const tx = app.get(TransactionHost);
    for (let index = 0; index < 3; index++) {
      await tx.run(() =>
        app
          .get(AuditService)
          .record(systemActor('worker-test'), { action: 'test.event', subject: { type: 'test', id: String(index) } }),
      );
    }
    const count = await auditCount();
    expect(count).toBeGreaterThanOrEqual(3);

    await expect(run(JobName.AuditVerify, {}, 'verify-intact')).resolves.toMatchObject({ ok: true, events: count });
  });

  it('reports the first broken event of a tampered chain', async () => {
    const manager = app.get(TransactionHost).manager;
    const [{ seq }] = await manager.query(
      `SELECT seq::text AS seq FROM audit_event WHERE action = 'test.event' ORDER BY seq LIMIT 1`,
    );
    await manager.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
    try {
      await manager.query(`UPDATE audit_event SET action = 'test.forged' WHERE seq = $1`, [seq]);
    } finally {
      await manager.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
    }

    await expect(run(JobName.AuditVerify, {}, 'verify-tampered')).resolves.toMatchObject({ ok: false, brokenAt: seq });
  });

  it('purges sessions that expired long ago, by the injected clock', async () => {
    const user = await app.get(UsersService).create(systemActor('worker-test'), {
      username: 'worker.purge',
      displayName: 'Purge test',
      email: 'worker.purge@test.local',
      role: Role.Committee,
      password: 'worker-test-password',
    });
    const now = resources.clock.now().getTime();
    const days = (n: number) => new Date(now + n * 86_400_000);
    const accounts = app.get(AccountsRepository);
    for (const [hash, expiresAt] of [
      ['a', days(-40)],
      ['b', days(-20)],
      ['c', days(1)],
    ] as const) {
      await accounts.saveSession(
        Object.assign(new SessionEntity(), {
          userId: user.id,
          tokenHash: hash.repeat(64),
          createdAt: days(-50),
          expiresAt,
          revokedAt: null,
        }),
      );
    }

    await expect(run(JobName.SessionPurge, { olderThanDays: 30 }, 'purge-1')).resolves.toEqual({ deleted: 1 });
    const left = await app
      .get(TransactionHost)
      .manager.query('SELECT token_hash FROM session WHERE user_id = $1 ORDER BY token_hash', [user.id]);
    expect(left.map((row: { token_hash: string }) => row.token_hash[0])).toEqual(['b', 'c']);
  });

  it('stops its workers on close', async () => {
    const probe = new Queue(QueueName.Maintenance, queueOptions(resources.config));
    try {
      expect((await probe.getWorkers()).length).toBeGreaterThan(0);
      const host = app.get(WorkerHost);

      await app.close();
      closed = true;

      expect(host.running).toBe(false);
      await expect(probe.getWorkers()).resolves.toEqual([]);
    } finally {
      await probe.close();
    }
  });
});
