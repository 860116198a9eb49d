import { Module } from '@nestjs/common';
import { AccountsModule } from '@spcomms/accounts';
import { SchedulesModule } from '@spcomms/schedules';
import { MailRelay } from './mail-relay.service';
import { MailTransport } from './mail-transport';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { OutboxMailer } from './outbox-mailer.service';

@Module({
  imports: [AccountsModule, SchedulesModule],
  providers: [NotificationsRepository, NotificationsService, MailRelay, MailTransport, OutboxMailer],
  exports: [NotificationsRepository, NotificationsService, MailRelay, OutboxMailer, MailTransport],
})
export class NotificationsModule {}
