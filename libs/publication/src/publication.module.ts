import { Module } from '@nestjs/common';
import { DomainEventsModule } from '@spcomms/domain-events';
import { NotificationsModule } from '@spcomms/notifications';
import { SchedulesModule } from '@spcomms/schedules';
import { SubmissionsModule } from '@spcomms/submissions';
import { PublicationPreviewService } from './publication-preview.service';
import { PublicationWriterService } from './publication-writer.service';
import { PublicationRepository } from './publication.repository';
import { PublicationService } from './publication.service';
import { PublicationSubscriber } from './publication.subscriber';
import { PublishedRepository } from './published.repository';

/**
 * Publication (C11, C12, C14). It hears of sent letters, replies and extensions through the domain
 * events (PublicationSubscriber) and reads the letters' tables without importing the communications
 * lib; it asks the submissions lib for the sources to withhold.
 */
@Module({
  imports: [DomainEventsModule, SchedulesModule, NotificationsModule, SubmissionsModule],
  providers: [
    PublicationRepository,
    PublishedRepository,
    PublicationPreviewService,
    PublicationWriterService,
    PublicationService,
    PublicationSubscriber,
  ],
  exports: [PublicationService],
})
export class PublicationModule {}
