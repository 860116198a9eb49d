import { plainToInstance } from 'class-transformer';
import { ValidationError, validate } from 'class-validator';
import {
  AGE_GROUPS,
  GENDERS,
  PERPETRATOR_KINDS,
  SUBMISSION_LIMITS,
  SubmissionDto,
  UpdateSubmissionDto,
  VICTIM_KINDS,
} from '@spcomms/submissions';
import { dateParts, readDateField } from '../../forms/date-field';
import { FormError, formErrors, textField } from '../../forms/form-errors';
import { PageContext } from '../../render/page-context';

export interface VictimRow {
  kind: string;
  name: string;
  description: string;
  gender: string;
  ageGroup: string;
}

export interface PerpetratorRow {
  kind: string;
  description: string;
}

type DateParts = { day: string; month: string; year: string };

/** The edit form as typed (or as stored, on the first visit): rows end with one blank row to add to. */
export interface SubmissionEditForm {
  description: string;
  place: string;
  occurredFrom: DateParts;
  occurredTo: DateParts;
  lawOrPolicy: string;
  victims: VictimRow[];
  perpetrators: PerpetratorRow[];
}

const blankVictim = (): VictimRow => ({ kind: 'person', name: '', description: '', gender: '', ageGroup: '' });
const blankPerpetrator = (): PerpetratorRow => ({ kind: 'state', description: '' });
const rowCount = (body: unknown, name: string, max: number) => {
  const count = Number(textField(body, name));
  return Number.isInteger(count) && count > 0 ? Math.min(count, max) : 1;
};

export function editFormOf(submission: SubmissionDto): SubmissionEditForm {
  return {
    description: submission.description,
    place: submission.place,
    occurredFrom: dateParts(submission.occurredFrom),
    occurredTo: dateParts(submission.occurredTo),
    lawOrPolicy: submission.lawOrPolicy ?? '',
    victims: [
      ...submission.victims.map((victim) => ({
        kind: victim.kind,
        name: victim.name ?? '',
        description: victim.description ?? '',
        gender: victim.gender ?? '',
        ageGroup: victim.ageGroup ?? '',
      })),
      blankVictim(),
    ],
    perpetrators: [
      ...submission.perpetrators.map((perpetrator) => ({
        kind: perpetrator.kind,
        description: perpetrator.description,
      })),
      blankPerpetrator(),
    ],
  };
}

/**
 * Reads the posted form: what was typed (to show again) and the body of the edit, checked by the
 * same rules as `PATCH /submissions/{id}` (its DTO); the service then checks C1 on the result.
 */
export async function readEditForm(
  body: unknown,
  t: (key: string) => string,
): Promise<{ form: SubmissionEditForm; dto: UpdateSubmissionDto | null; errors: FormError[] }> {
  const from = readDateField(body, 'occurredFrom');
  const to = readDateField(body, 'occurredTo');
  const victims = Array.from({ length: rowCount(body, 'victimRows', SUBMISSION_LIMITS.victims + 1) }, (_, index) => {
    const field = (name: string) => textField(body, `victim-${index}-${name}`);
    return {
      kind: field('kind'),
      name: field('name').slice(0, 400),
      description: field('description').slice(0, 4000),
      gender: field('gender'),
      ageGroup: field('ageGroup'),
    };
  });
  const perpetrators = Array.from(
    { length: rowCount(body, 'perpetratorRows', SUBMISSION_LIMITS.perpetrators + 1) },
    (_, index) => ({
      kind: textField(body, `perpetrator-${index}-kind`),
      description: textField(body, `perpetrator-${index}-description`).slice(0, 4000),
    }),
  );
  const form: SubmissionEditForm = {
    description: textField(body, 'description').slice(0, SUBMISSION_LIMITS.descriptionMax + 1000),
    place: textField(body, 'place').slice(0, 4000),
    occurredFrom: from.parts,
    occurredTo: to.parts,
    lawOrPolicy: textField(body, 'lawOrPolicy').slice(0, 4000),
    victims,
    perpetrators,
  };
  const errors: FormError[] = [];
  if (from.problem) {
    errors.push({ field: 'occurredFrom-day', text: t('screening.edit.error.occurredFrom') });
  }
  if (to.problem && to.problem !== 'missing') {
    errors.push({ field: 'occurredTo-day', text: t('screening.edit.error.occurredTo') });
  }
  // Rows left blank are not victims or perpetrators: the blank row at the end is there to add one.
  const keptVictims = victims
    .map((victim, index) => ({ victim, index }))
    .filter(({ victim }) => victim.name !== '' || victim.description !== '');
  const keptPerpetrators = perpetrators
    .map((perpetrator, index) => ({ perpetrator, index }))
    .filter(({ perpetrator }) => perpetrator.description !== '');
  const plain = {
    description: form.description,
    place: form.place,
    ...(from.value ? { occurredFrom: from.value } : {}),
    occurredTo: to.value,
    lawOrPolicy: form.lawOrPolicy || null,
    victims: keptVictims.map(({ victim }) => ({
      kind: victim.kind,
      ...(victim.name ? { name: victim.name } : {}),
      ...(victim.description ? { description: victim.description } : {}),
      ...(victim.gender ? { gender: victim.gender } : {}),
      ...(victim.ageGroup ? { ageGroup: victim.ageGroup } : {}),
    })),
    perpetrators: keptPerpetrators.map(({ perpetrator }) => perpetrator),
  };
  const dto = plainToInstance(UpdateSubmissionDto, plain);
  const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  const fieldOf = (error: ValidationError): string => {
    switch (error.property) {
      case 'victims': {
        const row = keptVictims[Number(error.children?.[0]?.property ?? 0)];
        return `victim-${row?.index ?? 0}-name`;
      }
      case 'perpetrators': {
        const row = keptPerpetrators[Number(error.children?.[0]?.property ?? 0)];
        return `perpetrator-${row?.index ?? 0}-description`;
      }
      case 'occurredFrom':
      case 'occurredTo':
        return `${error.property}-day`;
      default:
        return error.property;
    }
  };
  for (const error of invalid) {
    const field = fieldOf(error);
    if (!errors.some((known) => known.field === field)) {
      errors.push({ field, text: t(`screening.edit.error.${field.replace(/-\d+-/, '.').replace(/-day$/, '')}`) });
    }
  }
  return { form, dto: errors.length === 0 ? dto : null, errors };
}

/** The fields a C1 problem of the service names, on this form. */
export function problemField(field: string): { field: string; key: string } {
  const victim = /^victims\.(\d+)$/.exec(field);
  if (victim) {
    return { field: `victim-${victim[1]}-name`, key: 'victim.name' };
  }
  switch (field) {
    case 'victims':
      return { field: 'victim-0-name', key: 'victims' };
    case 'perpetrators':
      return { field: 'perpetrator-0-description', key: 'perpetrator.description' };
    case 'occurredFrom':
    case 'occurredTo':
      return { field: `${field}-day`, key: field };
    case 'place':
    case 'description':
      return { field, key: field };
    default:
      return { field: 'description', key: 'incomplete' };
  }
}

const choices = (values: readonly string[], prefix: string, context: PageContext, blank: boolean) => [
  ...(blank ? [{ value: '', text: context.t('screening.edit.notKnown') }] : []),
  ...values.map((value) => ({ value, text: context.t(`${prefix}.${value}`) })),
];

export interface SubmissionEditView {
  id: string;
  receiptCode: string;
  form: SubmissionEditForm;
  errors: Array<{ href: string; text: string }>;
  fieldErrors: Record<string, string>;
  victimKinds: Array<{ value: string; text: string }>;
  genders: Array<{ value: string; text: string }>;
  ageGroups: Array<{ value: string; text: string }>;
  perpetratorKinds: Array<{ value: string; text: string }>;
  back: string;
}

/** `/{lang}/workspace/submissions/{id}/edit`: the facts of a submission, as a form. */
export function submissionEditView(
  input: { submission: SubmissionDto; form: SubmissionEditForm; errors: FormError[] },
  context: PageContext,
): SubmissionEditView {
  const errors = formErrors(input.errors);
  return {
    id: input.submission.id,
    receiptCode: input.submission.receiptCode,
    form: input.form,
    errors: errors.summary,
    fieldErrors: errors.byField,
    victimKinds: choices(VICTIM_KINDS, 'screening.edit.victimKind', context, false),
    genders: choices(GENDERS, 'screening.edit.gender', context, true),
    ageGroups: choices(AGE_GROUPS, 'screening.edit.ageGroup', context, true),
    perpetratorKinds: choices(PERPETRATOR_KINDS, 'screening.edit.perpetratorKind', context, false),
    back: context.href(`/workspace/submissions/${input.submission.id}`),
  };
}
