import { Module } from '@nestjs/common';
import { AccountsModule } from '@spcomms/accounts';
import { DomainEventsModule } from '@spcomms/domain-events';
import { NotificationsModule } from '@spcomms/notifications';
import { ReferenceModule } from '@spcomms/reference';
import { SchedulesModule } from '@spcomms/schedules';
import { SubmissionsModule } from '@spcomms/submissions';
import { AssistantQueueRepository } from './assistant-queue.repository';
import { AssistantQueueService } from './assistant-queue.service';
import { CommunicationAccess } from './communication-access';
import { CommunicationsRepository } from './communications.repository';
import { DraftingService } from './drafting.service';
import { LetterDetailsService } from './letter-details.service';
import { LetterLookupService } from './letter-lookup.service';
import { DeadlineExtensionService } from './deadline-extension.service';
import { LetterMailService } from './letter-mail.service';
import { LetterMailSubscriber } from './letter-mail.subscriber';
import { LetterSchedulesService } from './letter-schedules.service';
import { LetterTimelineService } from './letter-timeline.service';
import { PortalService } from './portal.service';
import { SigningService } from './signing.service';
import { SubmissionLinker } from './submission-linker';
import { TransmissionService } from './transmission.service';

@Module({
  imports: [
    ReferenceModule,
    AccountsModule,
    SchedulesModule,
    NotificationsModule,
    DomainEventsModule,
    SubmissionsModule,
  ],
  providers: [
    CommunicationsRepository,
    CommunicationAccess,
    LetterDetailsService,
    LetterLookupService,
    DraftingService,
    SigningService,
    TransmissionService,
    PortalService,
    LetterSchedulesService,
    LetterMailService,
    LetterMailSubscriber,
    DeadlineExtensionService,
    LetterTimelineService,
    SubmissionLinker,
    AssistantQueueRepository,
    AssistantQueueService,
  ],
  exports: [
    CommunicationsRepository,
    CommunicationAccess,
    LetterDetailsService,
    LetterLookupService,
    DraftingService,
    SigningService,
    TransmissionService,
    PortalService,
    LetterSchedulesService,
    LetterMailService,
    DeadlineExtensionService,
    LetterTimelineService,
    AssistantQueueService,
  ],
})
export class CommunicationsModule {}
