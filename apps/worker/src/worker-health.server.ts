import { Server, createServer } from 'node:http';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@spcomms/config';
import { RedisClient } from '@spcomms/redis';
import { WorkerHost } from './worker-host.service';

/** The worker's only HTTP surface: GET /health answers 200 when Postgres, Redis and the workers are up. */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private server?: Server;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly redis: RedisClient,
    private readonly host: WorkerHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.env.WORKER_HEALTH_PORT;
    if (port === 0) {
      return;
    }
    this.server = createServer((request, response) => {
      if (request.url !== '/health') {
        response.writeHead(404).end();
        return;
      }
      void this.check().then((status) => {
        const ok = Object.values(status).every((value) => value === 'up');
        response
          .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: ok ? 'ok' : 'error', details: status }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '0.0.0.0', resolve));
    this.logger.log(`Worker health on :${port}/health`);
  }

  private async check(): Promise<Record<string, 'up' | 'down'>> {
    const [postgres, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.redis.ping().then(
        (ok) => (ok ? ('up' as const) : ('down' as const)),
        () => 'down' as const,
      ),
    ]);
    return { postgres, redis, workers: this.host.running ? 'up' : 'down' };
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
