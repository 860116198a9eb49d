import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Registry, Gauge } from 'prom-client';
import { AccessDeniedException, Actor, Role, hasRole } from '@spcomms/access';
import { AccountsErrorCode, AccountsException } from '@spcomms/accounts';
import { AppConfig } from '@spcomms/config';
import { Clock } from '@spcomms/clock';
import { JobQueue } from '@spcomms/queue';
import { ScheduleRepository } from '@spcomms/schedules';
import { NotificationsRepository } from './notifications.repository';

const JOB_STATES = ['waiting', 'delayed', 'active', 'prioritized', 'failed'] as const;

export interface QueueCounts {
  waiting: number;
  delayed: number;
  active: number;
  prioritized: number;
  failed: number;
}

export interface EngineSnapshot {
  queues: Record<string, QueueCounts>;
  schedules: { pending: number; overdue: number; failed: number };
  outbox: { pending: number; sending: number; failed: number };
}

/** Gives up on Redis or PostgreSQL after this long, so that /health and /metrics answer anyway. */
const TIMEOUT_MS = 1500;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    }),
  ]);
}

/**
 * How the schedule engine and the outbox are doing: queue depths and failures in Redis, pending,
 * overdue and failed rows in PostgreSQL. For /health (details) and /metrics (Prometheus).
 */
@Injectable()
export class EngineStatus {
  private readonly registry = new Registry();

  constructor(
    private readonly jobs: JobQueue,
    private readonly schedules: ScheduleRepository,
    private readonly outbox: NotificationsRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    const jobsGauge = new Gauge({
      name: 'spcomms_queue_jobs',
      help: 'Jobs in each BullMQ queue by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
    });
    const schedulesGauge = new Gauge({
      name: 'spcomms_schedules',
      help: 'Schedule rows: pending, overdue (pending more than 5 minutes past due) and failed',
      labelNames: ['state'],
      registers: [this.registry],
    });
    const outboxGauge = new Gauge({
      name: 'spcomms_outbox_messages',
      help: 'Outbox e-mails: pending, sending and failed',
      labelNames: ['state'],
      registers: [this.registry],
    });
    this.collect = async () => {
      const snapshot = await this.snapshot();
      jobsGauge.reset();
      for (const [queue, counts] of Object.entries(snapshot.queues)) {
        for (const state of JOB_STATES) {
          jobsGauge.set({ queue, state }, counts[state]);
        }
      }
      for (const [state, value] of Object.entries(snapshot.schedules)) {
        schedulesGauge.set({ state }, value);
      }
      for (const [state, value] of Object.entries(snapshot.outbox)) {
        outboxGauge.set({ state }, value);
      }
    };
  }

  private readonly collect: () => Promise<void>;

  async queueCounts(): Promise<Record<string, QueueCounts>> {
    const entries = await Promise.all(
      this.jobs.allQueues().map(async (queue) => {
        const counts = await withTimeout(queue.getJobCounts(...JOB_STATES), `queue ${queue.name}`);
        return [
          queue.name,
          Object.fromEntries(JOB_STATES.map((state) => [state, counts[state] ?? 0])) as unknown as QueueCounts,
        ] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  async snapshot(): Promise<EngineSnapshot> {
    const [queues, schedules, outbox] = await Promise.all([
      this.queueCounts(),
      withTimeout(this.schedules.countOpen(this.clock.now()), 'schedule rows'),
      withTimeout(this.outbox.countOpen(), 'outbox rows'),
    ]);
    return { queues, schedules, outbox };
  }

  /** Prometheus text for an admin, or for a scraper presenting METRICS_TOKEN as its bearer token. */
  async metrics(actor: Actor, authorization: string | undefined): Promise<string> {
    if (!this.mayReadDetails(actor, authorization)) {
      if (actor.kind === 'public') {
        throw new AccountsException(
          AccountsErrorCode.Unauthenticated,
          'An admin token or the metrics token is required',
        );
      }
      throw new AccessDeniedException('Metrics are for admins and the metrics scraper');
    }
    await this.collect();
    return this.registry.metrics();
  }

  /** Whether the asker may read queue depths and counts (/metrics, the details of /health): an admin, or the scraper holding METRICS_TOKEN. */
  mayReadDetails(actor: Actor, authorization: string | undefined): boolean {
    return hasRole(actor, Role.Admin) || this.isMetricsToken(authorization);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private isMetricsToken(authorization: string | undefined): boolean {
    const expected = this.config.env.METRICS_TOKEN;
    const [scheme, token] = (authorization ?? '').split(' ');
    if (!expected || scheme?.toLowerCase() !== 'bearer' || !token) {
      return false;
    }
    const given = Buffer.from(token);
    const wanted = Buffer.from(expected);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
}
