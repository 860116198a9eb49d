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
import { ReferenceCountersRepository } from './reference-counters.repository';
import { DraftingService } from './drafting.service';
import { LetterDetailsService } from './letter-details.service';
import { LetterLookupService } from './letter-lookup.service';
import { DeadlineExtensionService } from './deadline-extension.service';
import { LetterMailService } from './letter-mail.service';
import { LetterMailSubscriber } from './letter-mail.subscriber';
import { LetterSchedulesService } from './letter-schedules.service';
import { LetterTimelineService } from './letter-timeline.service';
import { PortalInboxRepository } from './portal-inbox.repository';
import { PortalService } from './portal.service';
import { SigningService } from './signing.service';
import { SubmissionLinker } from './submission-linker';
import { TransmissionService } from './transmission.service';
import { WorkspaceAlertsService } from './workspace-alerts.service';

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
    ReferenceCountersRepository,
    CommunicationAccess,
    LetterDetailsService,
    LetterLookupService,
    DraftingService,
    SigningService,
    TransmissionService,
    PortalService,
    PortalInboxRepository,
    WorkspaceAlertsService,
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
    ReferenceCountersRepository,
    CommunicationAccess,
    LetterDetailsService,
    LetterLookupService,
    DraftingService,
    SigningService,
    TransmissionService,
    PortalService,
    WorkspaceAlertsService,
    LetterSchedulesService,
    LetterMailService,
    DeadlineExtensionService,
    LetterTimelineService,
    AssistantQueueService,
  ],
})
export class CommunicationsModule {}
