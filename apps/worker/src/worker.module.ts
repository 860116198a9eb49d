import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule } from '@spcomms/accounts';
import { AuditModule } from '@spcomms/audit';
import { Clock, ClockModule } from '@spcomms/clock';
import { AppConfig, ConfigModule } from '@spcomms/config';
import { DatabaseModule } from '@spcomms/database';
import { QueueModule, provideJobHandlers } from '@spcomms/queue';
import { RedisModule } from '@spcomms/redis';
import { AuditVerifyProcessor } from './processors/audit-verify.processor';
import { SessionPurgeProcessor } from './processors/session-purge.processor';
import { WorkerHealthServer } from './worker-health.server';
import { WorkerHost } from './worker-host.service';

export interface WorkerModuleOptions {
  config?: AppConfig;
  clock?: Clock;
}

@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions = {}): DynamicModule {
    const config = options.config ?? AppConfig.fromEnv();
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock),
        LoggerModule.forRoot({ pinoHttp: { level: config.env.LOG_LEVEL } }),
        DatabaseModule,
        RedisModule,
        QueueModule,
        AuditModule,
        AccountsModule,
      ],
      providers: [...provideJobHandlers([AuditVerifyProcessor, SessionPurgeProcessor]), WorkerHost, WorkerHealthServer],
    };
  }
}
