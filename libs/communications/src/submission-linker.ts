import { Injectable } from '@nestjs/common';
import { Actor } from '@spcomms/access';
import { DomainException, ErrorKind } from '@spcomms/errors';
import { SubmissionsService } from '@spcomms/submissions';
import { CommunicationErrorCode, CommunicationException } from './communications.exception';

/** What drafting needs from intake: a letter acts on screened submissions only, and the link is kept. */
@Injectable()
export class SubmissionLinker {
  constructor(private readonly submissions: SubmissionsService) {}

  /** Throws unless the submission exists for the actor and passed screening; an unknown one is invalid input (422). */
  async assertReadyForDrafting(actor: Actor, submissionId: string): Promise<void> {
    try {
      await this.submissions.assertReadyForDrafting(actor, submissionId);
    } catch (error) {
      if (error instanceof DomainException && error.kind === ErrorKind.NotFound) {
        throw new CommunicationException(
          CommunicationErrorCode.UnknownSubmission,
          `Unknown submission ${submissionId}`,
        );
      }
      throw error;
    }
  }

  link(actor: Actor, submissionId: string, communicationId: string): Promise<void> {
    return this.submissions.linkToCommunication(actor, submissionId, communicationId);
  }
}
