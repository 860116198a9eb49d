import { CreateDraftDto } from '@spcomms/communications';
import { SubmissionDto } from '@spcomms/submissions';
import { ScreeningForm } from './submissions.view';

const AGE_GROUPS: Record<string, 'child' | 'adult' | 'older' | 'unknown'> = {
  child: 'child',
  adult: 'adult',
  older_person: 'older',
  unknown: 'unknown',
};

/**
 * The first version of a letter drafted from a screened submission: its victims (names confidential
 * where the source asked), perpetrators and account of the facts; the assistant edits it next. The
 * source is not copied into the letter (C14).
 */
export function draftFromSubmission(submission: SubmissionDto, form: ScreeningForm): CreateDraftDto {
  const confidentialNames = submission.confidentialFields.includes('victimNames');
  const victims = submission.victims.map((victim) => ({
    name: (victim.name ?? victim.description ?? victim.kind).slice(0, 300),
    ...(victim.gender ? { gender: victim.gender as 'female' | 'male' | 'other' | 'unknown' } : {}),
    ...(victim.ageGroup && AGE_GROUPS[victim.ageGroup] ? { ageGroup: AGE_GROUPS[victim.ageGroup] } : {}),
    nameConfidential: confidentialNames,
    group: victim.kind !== 'person',
  }));
  return Object.assign(new CreateDraftDto(), {
    type: form.type as CreateDraftDto['type'],
    language: form.language as CreateDraftDto['language'],
    leadMandate: form.leadMandate,
    recipientStateCode: submission.stateCode ?? undefined,
    subject: form.subject,
    body: submission.description,
    victims,
    ...(submission.lawOrPolicy && submission.lawOrPolicy.length >= 3
      ? { lawOrPolicy: submission.lawOrPolicy.slice(0, 1000) }
      : {}),
    perpetrators: submission.perpetrators.map((perpetrator) => ({
      name: perpetrator.description.slice(0, 300),
      kind: perpetrator.kind === 'state' ? ('state' as const) : ('non_state' as const),
    })),
    submissionIds: [submission.id],
  });
}
