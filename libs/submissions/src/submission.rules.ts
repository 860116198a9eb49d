/**
 * The pure rules of intake (C1), screening (C2, C3, C4) and the life cycle of a submission.
 * No I/O here: the service loads the facts, these functions decide.
 */
import { randomInt } from 'node:crypto';
import { CalendarDate } from '@spcomms/clock';

export const SUBMISSION_STATUSES = ['received', 'screened', 'inadmissible', 'rejected'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** How the information reached the system: the online questionnaire, or recorded by an assistant. */
export const INTAKE_CHANNELS = ['online', 'email', 'letter', 'meeting', 'other'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
export const ASSISTANT_CHANNELS = ['email', 'letter', 'meeting', 'other'] as const;
export type AssistantChannel = (typeof ASSISTANT_CHANNELS)[number];

export const SOURCE_RELATIONS = ['victim', 'family', 'representative', 'witness', 'organisation', 'other'] as const;
export type SourceRelation = (typeof SOURCE_RELATIONS)[number];

export const VICTIM_KINDS = ['person', 'group', 'community'] as const;
export type VictimKind = (typeof VICTIM_KINDS)[number];
export const GENDERS = ['female', 'male', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];
export const AGE_GROUPS = ['child', 'adult', 'older_person', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const PERPETRATOR_KINDS = ['state', 'non_state', 'unknown'] as const;
export type PerpetratorKind = (typeof PERPETRATOR_KINDS)[number];

/** Parts of a submission the source may mark confidential (the source's identity always is, C14). */
export const CONFIDENTIAL_FIELDS = [
  'victimNames',
  'victims',
  'lawOrPolicy',
  'perpetrators',
  'dates',
  'place',
  'description',
  'domesticRemedies',
] as const;
export type ConfidentialField = (typeof CONFIDENTIAL_FIELDS)[number];

/** The facts an assistant may correct (the source, channel and mandates are not among them). */
export const EDITABLE_FACTS = [
  'stateCode',
  'otherRecipient',
  'victims',
  'lawOrPolicy',
  'perpetrators',
  'occurredFrom',
  'occurredTo',
  'place',
  'description',
  'domesticRemedies',
  'remediesExhausted',
  'confidentialFields',
] as const;
export type EditableFact = (typeof EDITABLE_FACTS)[number];

/** A submission's facts can be corrected until it is inadmissible or rejected. */
export const EDITABLE_STATUSES = ['received', 'screened'] as const;

/** Bounds of the content, shared by the DTOs and the database constraints. */
export const SUBMISSION_LIMITS = {
  victims: 200,
  perpetrators: 50,
  mandates: 60,
  descriptionMin: 50,
  descriptionMax: 50_000,
  shortText: 200,
  mediumText: 2_000,
  longText: 10_000,
} as const;

/** C2: the Code of Conduct items (HRC res. 5/2, art. 9), each recorded pass/fail before drafting. */
export const SCREENING_CRITERIA = [
  'not_manifestly_unfounded',
  'factual_description',
  'no_abusive_language',
  'reliable_source',
  'not_only_media_reports',
] as const;
export type ScreeningCriterion = (typeof SCREENING_CRITERIA)[number];

export const CRITERION_LABELS: Record<ScreeningCriterion, string> = {
  not_manifestly_unfounded: 'not manifestly unfounded or politically motivated',
  factual_description: 'contains a factual description of the alleged violation',
  no_abusive_language: 'its language is not abusive',
  reliable_source: 'the source is a victim or has direct or reliable knowledge',
  not_only_media_reports: 'not based exclusively on reports disseminated by mass media',
};

/** C4: the working groups on arbitrary detention and on enforced disappearances. */
export const C4_MANDATE_CODES: readonly string[] = ['WGAD', 'WGEID'];
export const C4_RELATIONS: readonly SourceRelation[] = ['victim', 'family', 'representative'];
/** The ground recorded when C4 makes a submission inadmissible. */
export const C4_GROUND = 'c4_source_relation';
export type InadmissibilityGround = ScreeningCriterion | typeof C4_GROUND;

/** received → screened | inadmissible | rejected; the three outcomes are final. */
export const SUBMISSION_TRANSITIONS: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  received: ['screened', 'inadmissible', 'rejected'],
  screened: [],
  inadmissible: [],
  rejected: [],
};

export function canTransition(from: SubmissionStatus, to: SubmissionStatus): boolean {
  return SUBMISSION_TRANSITIONS[from].includes(to);
}

// ---- Receipt codes ----

/** No 0/O, 1/I/L: a code read out on the phone or copied by hand stays unambiguous. */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const RECEIPT_LENGTH = 10;
export const RECEIPT_CODE_PATTERN = new RegExp(`^SP-[${RECEIPT_ALPHABET}]{${RECEIPT_LENGTH}}$`);

/** `SP-` and 10 characters drawn uniformly by a CSPRNG: about 49 bits, not guessable, not sequential. */
export function generateReceiptCode(draw: (max: number) => number = randomInt): string {
  let code = 'SP-';
  for (let index = 0; index < RECEIPT_LENGTH; index++) {
    code += RECEIPT_ALPHABET[draw(RECEIPT_ALPHABET.length)];
  }
  return code;
}

// ---- C1: minimum content ----

export interface ContentProblem {
  field: string;
  message: string;
}

/** The facts C1 looks at, as given by the source or the assistant. */
export interface MinimumContentInput {
  stateCode?: string | null;
  otherRecipient?: string | null;
  victims?: ReadonlyArray<{ name?: string | null; description?: string | null }> | null;
  lawOrPolicy?: string | null;
  perpetrators?: ReadonlyArray<unknown> | null;
  source?: { name?: string | null; email?: string | null; phone?: string | null } | null;
  occurredFrom?: string | null;
  occurredTo?: string | null;
  place?: string | null;
  description?: string | null;
}

const blank = (value: string | null | undefined): boolean =>
  value === undefined || value === null || value.trim() === '';

/**
 * What is missing for the information to be considered (C1): who the victims are (or, for a law or
 * policy, which one), who the alleged perpetrators are, who the source is and how to reach them, and
 * when, where and what happened, against whom (a State or another recipient). Empty when complete.
 */
export function minimumContentProblems(input: MinimumContentInput, today: CalendarDate): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const victims = input.victims ?? [];
  if (victims.length === 0 && blank(input.lawOrPolicy)) {
    problems.push({
      field: 'victims',
      message:
        'name the alleged victim(s) — a person, group or community — or, for a law or policy, identify it in lawOrPolicy',
    });
  }
  victims.forEach((victim, index) => {
    if (blank(victim.name) && blank(victim.description)) {
      problems.push({ field: `victims.${index}`, message: `victims[${index}] needs a name or a description` });
    }
  });
  if ((input.perpetrators ?? []).length === 0) {
    problems.push({
      field: 'perpetrators',
      message: 'name at least one alleged perpetrator (a State or a non-State actor)',
    });
  }
  if (!input.source || blank(input.source.name)) {
    problems.push({
      field: 'source.name',
      message: 'the source must give a name: anonymous submissions are not considered',
    });
  }
  if (input.source && blank(input.source.email) && blank(input.source.phone)) {
    problems.push({
      field: 'source',
      message: 'the source must give an e-mail address or a phone number: anonymous submissions are not considered',
    });
  }
  if (blank(input.stateCode) && blank(input.otherRecipient)) {
    problems.push({
      field: 'stateCode',
      message: 'name the State (stateCode) or the other recipient (otherRecipient) concerned',
    });
  }
  if (blank(input.occurredFrom)) {
    problems.push({ field: 'occurredFrom', message: 'give the date (or first date) of the events' });
  } else if ((input.occurredFrom as string) > today) {
    problems.push({ field: 'occurredFrom', message: `the events cannot start after today (${today})` });
  }
  if (
    !blank(input.occurredTo) &&
    !blank(input.occurredFrom) &&
    (input.occurredTo as string) < (input.occurredFrom as string)
  ) {
    problems.push({ field: 'occurredTo', message: 'occurredTo must not be before occurredFrom' });
  }
  if (blank(input.place)) {
    problems.push({ field: 'place', message: 'say where the events took place' });
  }
  if (blank(input.description) || (input.description as string).trim().length < SUBMISSION_LIMITS.descriptionMin) {
    problems.push({
      field: 'description',
      message: `describe the facts in at least ${SUBMISSION_LIMITS.descriptionMin} characters`,
    });
  }
  return problems;
}

// ---- C2, C3, C4: screening ----

export interface RecordedCriterion {
  criterion: ScreeningCriterion;
  passed: boolean;
}

export interface ScreeningOutcome {
  /** `received` while criteria are pending and none failed. */
  status: Extract<SubmissionStatus, 'received' | 'screened' | 'inadmissible'>;
  pending: ScreeningCriterion[];
  grounds: InadmissibilityGround[];
}

/** The C4 mandates among the submission's for which the source may not bring the case (empty when C4 holds). */
export function c4Violations(mandateCodes: readonly string[], relation: SourceRelation): string[] {
  if (C4_RELATIONS.includes(relation)) {
    return [];
  }
  return mandateCodes.filter((code) => C4_MANDATE_CODES.includes(code)).sort();
}

/**
 * Decides the screening (C2): inadmissible as soon as a recorded criterion fails or C4 excludes the
 * source; screened only when every criterion is recorded and passed. Exhaustion of domestic remedies
 * and treaty ratification are not conditions (C3): they are not inputs of this decision.
 */
export function evaluateScreening(
  recorded: readonly RecordedCriterion[],
  c4: { mandateCodes: readonly string[]; relation: SourceRelation },
): ScreeningOutcome {
  const results = new Map(recorded.map((entry) => [entry.criterion, entry.passed]));
  const pending = SCREENING_CRITERIA.filter((criterion) => !results.has(criterion));
  const grounds: InadmissibilityGround[] = SCREENING_CRITERIA.filter((criterion) => results.get(criterion) === false);
  if (c4Violations(c4.mandateCodes, c4.relation).length > 0) {
    grounds.push(C4_GROUND);
  }
  const status = grounds.length > 0 ? 'inadmissible' : pending.length === 0 ? 'screened' : 'received';
  return { status, pending, grounds };
}

/** A sentence saying why a ground makes the submission inadmissible. */
export function groundReason(
  ground: InadmissibilityGround,
  context: { mandateCodes: readonly string[]; relation: SourceRelation },
): string {
  if (ground === C4_GROUND) {
    const mandates = c4Violations(context.mandateCodes, context.relation);
    return (
      `C4: ${mandates.join(' and ')} take cases only from the persons concerned, their families or representatives; ` +
      `the source's relation to the victim is "${context.relation}"`
    );
  }
  return `C2: the Code of Conduct criterion failed: ${CRITERION_LABELS[ground]}`;
}

/** Criteria named twice in one screening request. */
export function duplicateCriteria(criteria: readonly { criterion: string }[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { criterion } of criteria) {
    (seen.has(criterion) ? duplicates : seen).add(criterion);
  }
  return [...duplicates];
}
