import { SubmissionCriterionEntity } from './submission-criterion.entity';
import { SubmissionEntity, SubmissionSourceEntity } from './submission.entity';
import { SubmissionDto, SubmissionSummaryDto } from './submission.dto';
import { SCREENING_CRITERIA, groundReason } from './submission.rules';

/** What a submission's own page shows besides the row: its source, mandates, criteria and letters. */
export interface SubmissionDetails {
  source: SubmissionSourceEntity;
  mandateCodes: string[];
  criteria: SubmissionCriterionEntity[];
  communicationIds: string[];
}

/** A list line: deliberately without the source and the content (C14). */
export const mapSubmissionSummary = (
  submission: SubmissionEntity,
  mandateCodes: string[],
  communicationIds: string[],
): SubmissionSummaryDto => ({
  id: submission.id,
  receiptCode: submission.receiptCode,
  status: submission.status,
  channel: submission.channel,
  receivedAt: submission.receivedAt,
  stateCode: submission.stateCode,
  otherRecipient: submission.otherRecipient,
  mandates: [...mandateCodes].sort(),
  communicationIds: [...communicationIds].sort(),
});

export const mapSubmission = (submission: SubmissionEntity, details: SubmissionDetails): SubmissionDto => {
  const recorded = new Set(details.criteria.map((entry) => entry.criterion));
  const context = { mandateCodes: details.mandateCodes, relation: details.source.relation };
  return {
    ...mapSubmissionSummary(submission, details.mandateCodes, details.communicationIds),
    statusChangedAt: submission.statusChangedAt,
    victims: submission.victims.map((victim) => ({
      kind: victim.kind,
      name: victim.name,
      description: victim.description,
      gender: victim.gender,
      ageGroup: victim.ageGroup,
    })),
    lawOrPolicy: submission.lawOrPolicy,
    perpetrators: submission.perpetrators.map((perpetrator) => ({
      kind: perpetrator.kind,
      description: perpetrator.description,
    })),
    source: {
      name: details.source.name,
      organisation: details.source.organisation,
      email: details.source.email,
      phone: details.source.phone,
      relation: details.source.relation,
    },
    occurredFrom: submission.occurredFrom,
    occurredTo: submission.occurredTo,
    place: submission.place,
    description: submission.description,
    domesticRemedies: submission.domesticRemedies,
    remediesExhausted: submission.remediesExhausted,
    confidentialFields: submission.confidentialFields,
    screening: {
      criteria: SCREENING_CRITERIA.flatMap((criterion) =>
        details.criteria
          .filter((entry) => entry.criterion === criterion)
          .map((entry) => ({
            criterion: entry.criterion,
            passed: entry.passed,
            note: entry.note,
            recordedAt: entry.recordedAt,
          })),
      ),
      pendingCriteria: SCREENING_CRITERIA.filter((criterion) => !recorded.has(criterion)),
      grounds: submission.inadmissibleGrounds.map((ground) => ({ ground, reason: groundReason(ground, context) })),
    },
    rejection:
      submission.status === 'rejected' && submission.rejectionReason !== null
        ? { reason: submission.rejectionReason, rejectedAt: submission.statusChangedAt as Date }
        : null,
  };
};
