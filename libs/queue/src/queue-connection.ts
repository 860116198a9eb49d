import { ConnectionOptions, QueueOptions } from 'bullmq';
import { AppConfig } from '@spcomms/config';

/**
 * Connection settings as BullMQ asks for production: workers block on Redis,
 * so commands must never give up (maxRetriesPerRequest: null) and the offline
 * queue stays on so a Redis restart is survived.
 */
export function queueConnection(config: AppConfig): ConnectionOptions {
  const url = new URL(config.env.REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableReadyCheck: false,
  };
}

export function queueOptions(config: AppConfig): QueueOptions {
  return {
    connection: queueConnection(config),
    prefix: `${config.env.REDIS_PREFIX}:bull`,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  };
}
