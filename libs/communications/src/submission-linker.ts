import { Actor } from '@spcomms/access';
import { CommunicationErrorCode, CommunicationException } from './communications.exception';

/**
 * What drafting needs from intake: a letter acts on screened submissions only, and the link is kept.
 * Provided by the submissions lib (see CommunicationsModule).
 */
export abstract class SubmissionLinker {
  /** Throws unless the submission exists, the actor may use it and it passed screening. */
  abstract assertReadyForDrafting(actor: Actor, submissionId: string): Promise<void>;
  abstract link(actor: Actor, submissionId: string, communicationId: string): Promise<void>;
}

/** Used where intake is not wired in (tests of the letters alone): every submission id is unknown. */
export class NoSubmissionLinker extends SubmissionLinker {
  async assertReadyForDrafting(_actor: Actor, submissionId: string): Promise<void> {
    throw new CommunicationException(CommunicationErrorCode.UnknownSubmission, `Unknown submission ${submissionId}`);
  }

  async link(): Promise<void> {
    return undefined;
  }
}
