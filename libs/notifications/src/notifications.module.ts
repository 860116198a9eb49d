import { Module } from '@nestjs/common';
import { AccountsModule } from '@spcomms/accounts';
import { SchedulesModule } from '@spcomms/schedules';
import { EngineStatus } from './engine-status.service';
import { EngineHealthIndicator } from './engine.health';
import { FocalPointsService } from './focal-points.service';
import { MailRelay } from './mail-relay.service';
import { MailTransport } from './mail-transport';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { OutboxMailer } from './outbox-mailer.service';
import { RecipientsService } from './recipients.service';

@Module({
  imports: [AccountsModule, SchedulesModule],
  providers: [
    NotificationsRepository,
    NotificationsService,
    RecipientsService,
    FocalPointsService,
    MailRelay,
    MailTransport,
    OutboxMailer,
    EngineStatus,
    EngineHealthIndicator,
  ],
  exports: [
    NotificationsRepository,
    NotificationsService,
    RecipientsService,
    FocalPointsService,
    MailRelay,
    OutboxMailer,
    MailTransport,
    EngineStatus,
    EngineHealthIndicator,
  ],
})
export class NotificationsModule {}
