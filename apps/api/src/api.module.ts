import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule } from '@spcomms/accounts';
import { CommunicationsModule } from '@spcomms/communications';
import { AuditModule } from '@spcomms/audit';
import { Clock, ClockModule } from '@spcomms/clock';
import { AppConfig, ConfigModule } from '@spcomms/config';
import { DatabaseModule } from '@spcomms/database';
import { DocumentsModule } from '@spcomms/documents';
import { HistoryModule } from '@spcomms/history';
import { NotificationsModule } from '@spcomms/notifications';
import { PasswordLinksModule } from '@spcomms/password-links';
import { PublicationModule } from '@spcomms/publication';
import { PublicSearchModule } from '@spcomms/public-search';
import { QueueModule } from '@spcomms/queue';
import { RedisModule } from '@spcomms/redis';
import { ReferenceModule } from '@spcomms/reference';
import { RepliesModule } from '@spcomms/replies';
import { StatisticsModule } from '@spcomms/statistics';
import { SubmissionsModule } from '@spcomms/submissions';
import { VisitsModule } from '@spcomms/visits';
import { WebModule } from '../../web/src/web.module';
import { AuthGuard } from './auth/auth.guard';
import { AdminQueuesBoard, BoardSessions } from './controllers/admin-queues.board';
import { AdminQueuesController } from './controllers/admin-queues.controller';
import { AuthController } from './controllers/auth.controller';
import { CommunicationsController } from './controllers/communications.controller';
import { HealthController } from './controllers/health.controller';
import { HistoryController } from './controllers/history.controller';
import {
  LetterDocumentsController,
  PortalLetterDocumentsController,
  PublicLetterDocumentsController,
} from './controllers/letter-documents.controller';
import { MetricsController } from './controllers/metrics.controller';
import { PortalController } from './controllers/portal.controller';
import { PortalFocalPointsController } from './controllers/portal-focal-points.controller';
import { PublicCommunicationReportsController } from './controllers/public-communication-reports.controller';
import { PublicCommunicationsController } from './controllers/public-communications.controller';
import { PublicStatisticsController } from './controllers/public-statistics.controller';
import { PublicVisitsController } from './controllers/public-visits.controller';
import { PublicationController } from './controllers/publication.controller';
import { ReferenceController } from './controllers/reference.controller';
import { PortalRepliesController } from './controllers/replies-portal.controller';
import { RepliesController } from './controllers/replies.controller';
import { StatisticsController } from './controllers/statistics.controller';
import { SubmissionsController } from './controllers/submissions.controller';
import { UsersController } from './controllers/users.controller';
import { VisitsPortalController } from './controllers/visits-portal.controller';
import { VisitsController } from './controllers/visits.controller';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { StrictValidationPipe } from './errors/strict-validation.pipe';
import { ValidationException } from './errors/validation.exception';
import { loggerOptions } from './logger-options';

export interface ApiModuleOptions {
  config?: AppConfig;
  clock?: Clock;
}

@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions = {}): DynamicModule {
    const config = options.config ?? AppConfig.fromEnv();
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock),
        LoggerModule.forRoot(loggerOptions(config)),
        DatabaseModule,
        RedisModule,
        QueueModule,
        NotificationsModule,
        AuditModule,
        ReferenceModule,
        AccountsModule,
        PasswordLinksModule,
        SubmissionsModule,
        CommunicationsModule,
        RepliesModule,
        HistoryModule,
        PublicationModule,
        PublicSearchModule,
        StatisticsModule,
        VisitsModule,
        DocumentsModule,
        WebModule,
      ],
      controllers: [
        HealthController,
        MetricsController,
        AdminQueuesController,
        AuthController,
        UsersController,
        ReferenceController,
        CommunicationsController,
        PortalController,
        PortalFocalPointsController,
        PublicationController,
        PublicCommunicationsController,
        PublicCommunicationReportsController,
        RepliesController,
        PortalRepliesController,
        HistoryController,
        SubmissionsController,
        StatisticsController,
        PublicStatisticsController,
        VisitsController,
        VisitsPortalController,
        PublicVisitsController,
        LetterDocumentsController,
        PortalLetterDocumentsController,
        PublicLetterDocumentsController,
      ],
      providers: [
        AdminQueuesBoard,
        BoardSessions,
        {
          provide: APP_PIPE,
          useFactory: () =>
            new StrictValidationPipe({
              whitelist: true,
              forbidNonWhitelisted: true,
              transform: true,
              forbidUnknownValues: true,
              exceptionFactory: (errors) => new ValidationException(errors),
            }),
        },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
