import { Module } from '@nestjs/common';
import { AccountsModule } from '@spcomms/accounts';
import { NotificationsModule } from '@spcomms/notifications';
import { SchedulesModule } from '@spcomms/schedules';
import { SubmissionsModule } from '@spcomms/submissions';
import { PublicationRepository } from './publication.repository';
import { PublicationService } from './publication.service';
import { PublishedRepository } from './published.repository';

/**
 * Publication (C11, C12, C14). It reads the letters' tables without importing the communications
 * lib, so that the communications lib can import this module to plan publications when it sends; it
 * asks the submissions lib for the sources to withhold.
 */
@Module({
  imports: [AccountsModule, SchedulesModule, NotificationsModule, SubmissionsModule],
  providers: [PublicationRepository, PublishedRepository, PublicationService],
  exports: [PublicationService],
})
export class PublicationModule {}
