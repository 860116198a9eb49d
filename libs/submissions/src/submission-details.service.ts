import { Injectable } from '@nestjs/common';
import { SubmissionDto } from './submission.dto';
import { SubmissionEntity, SubmissionSourceEntity } from './submission.entity';
import { mapSubmission } from './submission.mapper';
import { SubmissionReferences } from './submission-references';
import { SubmissionRepository } from './submission.repository';

/** Loads everything the view of one submission shows. */
@Injectable()
export class SubmissionDetailsService {
  constructor(
    private readonly repository: SubmissionRepository,
    private readonly references: SubmissionReferences,
  ) {}

  async describe(submission: SubmissionEntity): Promise<SubmissionDto> {
    // Sequential on purpose: this also runs inside transactions, whose queries share one connection.
    const source = await this.sourceOf(submission.id);
    const mandateIds = await this.repository.findMandateIds([submission.id]);
    const criteria = await this.repository.findCriteria(submission.id);
    const communicationIds = await this.repository.findCommunicationIds([submission.id]);
    const codes = await this.references.mandateCodes(mandateIds.get(submission.id) ?? []);
    return mapSubmission(submission, {
      source,
      mandateCodes: [...codes.values()],
      criteria,
      communicationIds: communicationIds.get(submission.id) ?? [],
    });
  }

  /** The submission's source; every submission has one (the row is written with it). */
  async sourceOf(submissionId: string): Promise<SubmissionSourceEntity> {
    const source = await this.repository.findSource(submissionId);
    if (source === null) {
      throw new Error('A submission without its source row: the database constraints were bypassed');
    }
    return source;
  }
}
