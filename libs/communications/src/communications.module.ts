import { Module, Provider } from '@nestjs/common';
import { ReferenceModule } from '@spcomms/reference';
import { CommunicationAccess } from './communication-access';
import { CommunicationsRepository } from './communications.repository';
import { DraftingService } from './drafting.service';
import { LetterDetailsService } from './letter-details.service';
import { PortalService } from './portal.service';
import { SigningService } from './signing.service';
import { NoSubmissionLinker, SubmissionLinker } from './submission-linker';
import { NoTransmissionHooks, TransmissionHooks } from './transmission-hooks';
import { TransmissionService } from './transmission.service';

@Module({})
export class CommunicationsModule {
  /**
   * `submissionLinker` and `transmissionHooks` connect intake and the schedules to the letters;
   * the application module passes the implementations of the libs it runs with.
   */
  static register(options: { imports?: any[]; providers: Provider[] }) {
    return {
      module: CommunicationsModule,
      imports: [ReferenceModule, ...(options.imports ?? [])],
      providers: [
        CommunicationsRepository,
        CommunicationAccess,
        LetterDetailsService,
        DraftingService,
        SigningService,
        TransmissionService,
        PortalService,
        ...options.providers,
      ],
      exports: [CommunicationsRepository, DraftingService, SigningService, TransmissionService, PortalService, CommunicationAccess],
    };
  }
}

export { NoSubmissionLinker, NoTransmissionHooks, SubmissionLinker, TransmissionHooks };
