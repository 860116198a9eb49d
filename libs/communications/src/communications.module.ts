import { Module } from '@nestjs/common';
import { AccountsModule } from '@spcomms/accounts';
import { NotificationsModule } from '@spcomms/notifications';
import { PublicationModule } from '@spcomms/publication';
import { ReferenceModule } from '@spcomms/reference';
import { SchedulesModule } from '@spcomms/schedules';
import { SubmissionsModule } from '@spcomms/submissions';
import { CommunicationAccess } from './communication-access';
import { CommunicationsRepository } from './communications.repository';
import { DraftingService } from './drafting.service';
import { LetterDetailsService } from './letter-details.service';
import { LetterLookupService } from './letter-lookup.service';
import { LetterSchedulesService } from './letter-schedules.service';
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
    PublicationModule,
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
    SubmissionLinker,
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
  ],
})
export class CommunicationsModule {}
