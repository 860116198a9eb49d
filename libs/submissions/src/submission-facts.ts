import { PerpetratorInputDto, UpdateSubmissionDto, VictimInputDto } from './submission-input.dto';
import { StoredPerpetrator, StoredVictim, SubmissionEntity } from './submission.entity';
import { EDITABLE_FACTS } from './submission.rules';

/** The facts an assistant may correct, as stored. */
export type EditableFacts = Pick<SubmissionEntity, (typeof EDITABLE_FACTS)[number]>;

/** The victims as stored: a detail left out is null. */
export const storedVictims = (victims: readonly VictimInputDto[]): StoredVictim[] =>
  victims.map((victim) => ({
    kind: victim.kind,
    name: victim.name ?? null,
    description: victim.description ?? null,
    gender: victim.gender ?? null,
    ageGroup: victim.ageGroup ?? null,
  }));

export const storedPerpetrators = (perpetrators: readonly PerpetratorInputDto[]): StoredPerpetrator[] =>
  perpetrators.map((perpetrator) => ({ kind: perpetrator.kind, description: perpetrator.description }));

/** The facts after the edit: given fields replace the stored ones, null clears a nullable one. */
export function editedFacts(submission: SubmissionEntity, dto: UpdateSubmissionDto): EditableFacts {
  const keep = <T>(value: T | undefined, stored: T): T => (value === undefined ? stored : value);
  return {
    stateCode: keep(dto.stateCode, submission.stateCode),
    otherRecipient: keep(dto.otherRecipient, submission.otherRecipient),
    victims: dto.victims === undefined ? submission.victims : storedVictims(dto.victims),
    lawOrPolicy: keep(dto.lawOrPolicy, submission.lawOrPolicy),
    perpetrators: dto.perpetrators === undefined ? submission.perpetrators : storedPerpetrators(dto.perpetrators),
    occurredFrom: keep(dto.occurredFrom, submission.occurredFrom),
    occurredTo: keep(dto.occurredTo, submission.occurredTo),
    place: keep(dto.place, submission.place),
    description: keep(dto.description, submission.description),
    domesticRemedies: keep(dto.domesticRemedies, submission.domesticRemedies),
    remediesExhausted: keep(dto.remediesExhausted, submission.remediesExhausted),
    confidentialFields: keep(dto.confidentialFields, submission.confidentialFields),
  };
}

/** A value as text with object keys sorted: jsonb does not keep the order in which keys were written. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );

/** The facts whose value the edit changes. */
export const changedFacts = (before: EditableFacts, after: EditableFacts): Array<(typeof EDITABLE_FACTS)[number]> =>
  EDITABLE_FACTS.filter((field) => canonical(after[field]) !== canonical(before[field]));
