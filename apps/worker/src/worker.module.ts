import { DynamicModule, ForwardReference, Module, Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { logDestination } from '@spcomms/logging';
import { AccountsModule } from '@spcomms/accounts';
import { AuditModule } from '@spcomms/audit';
import { CommunicationsModule, LETTER_SCHEDULE_HANDLERS } from '@spcomms/communications';
import { Clock, ClockModule } from '@spcomms/clock';
import { AppConfig, ConfigModule } from '@spcomms/config';
import { DatabaseModule } from '@spcomms/database';
import { NotificationsModule } from '@spcomms/notifications';
import { PublicationModule } from '@spcomms/publication';
import { QueueModule, QueueName, provideJobHandlers } from '@spcomms/queue';
import { RedisModule } from '@spcomms/redis';
import { ScheduleHandler, SchedulesModule, provideScheduleHandlers } from '@spcomms/schedules';
import { VISIT_SCHEDULE_HANDLERS, VisitsModule } from '@spcomms/visits';
import { AuditAnchorProcessor } from './processors/audit-anchor.processor';
import { AuditVerifyProcessor } from './processors/audit-verify.processor';
import { MailSendProcessor } from './processors/mail-send.processor';
import { PUBLICATION_SCHEDULE_HANDLERS } from './processors/publication.processor';
import { ScheduleRunProcessor } from './processors/schedule-run.processor';
import { SessionPurgeProcessor } from './processors/session-purge.processor';
import { QueueMaintenance } from './queue-maintenance.service';
import { WorkerHealthServer } from './worker-health.server';
import { WORKER_QUEUES, WorkerHost } from './worker-host.service';

export interface WorkerModuleOptions {
  config?: AppConfig;
  clock?: Clock;
  /** Schedule handlers beyond the built-in ones, with the modules they need (tests, benchmarks). */
  scheduleHandlers?: Array<Type<ScheduleHandler>>;
  imports?: Array<Type | DynamicModule | ForwardReference>;
  /** The queues this process works (default: all), e.g. schedules only while mail is sent elsewhere. */
  queues?: QueueName[];
}

/** The handlers of every declared schedule kind; a lib that declares a kind adds its handler here. */
const SCHEDULE_HANDLERS: Array<Type<ScheduleHandler>> = [
  ...LETTER_SCHEDULE_HANDLERS,
  ...PUBLICATION_SCHEDULE_HANDLERS,
  ...VISIT_SCHEDULE_HANDLERS,
];

@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions = {}): DynamicModule {
    const config = options.config ?? AppConfig.fromEnv();
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock),
        LoggerModule.forRoot({ pinoHttp: [{ level: config.env.LOG_LEVEL }, logDestination(config) ?? process.stdout] }),
        DatabaseModule,
        RedisModule,
        QueueModule,
        AuditModule,
        AccountsModule,
        SchedulesModule,
        NotificationsModule,
        CommunicationsModule,
        PublicationModule,
        VisitsModule,
        ...(options.imports ?? []),
      ],
      providers: [
        ...provideJobHandlers([
          AuditVerifyProcessor,
          AuditAnchorProcessor,
          SessionPurgeProcessor,
          ScheduleRunProcessor,
          MailSendProcessor,
        ]),
        ...provideScheduleHandlers([...SCHEDULE_HANDLERS, ...(options.scheduleHandlers ?? [])]),
        ...(options.queues ? [{ provide: WORKER_QUEUES, useValue: options.queues }] : []),
        WorkerHost,
        WorkerHealthServer,
        QueueMaintenance,
      ],
    };
  }
}
