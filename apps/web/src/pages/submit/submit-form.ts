import { plainToInstance } from 'class-transformer';
import { ValidationError, validate } from 'class-validator';
import {
  AGE_GROUPS,
  CONFIDENTIAL_FIELDS,
  GENDERS,
  PERPETRATOR_KINDS,
  SOURCE_RELATIONS,
  SubmitInformationDto,
  VICTIM_KINDS,
  minimumContentProblems,
} from '@spcomms/submissions';
import { DateInput, dateInput, many, parseDate, single } from '../date-fields';

/** Rows the form shows at first; "add another" adds one, up to the most a form carries. */
export const VICTIM_ROWS = 2;
export const PERPETRATOR_ROWS = 2;
export const MAX_ROWS = 20;

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

/** The intake form as typed: shown again, unchanged, when something is missing. */
export interface SubmitForm {
  stateCode: string;
  otherRecipient: string;
  mandates: string[];
  victims: VictimRow[];
  lawOrPolicy: string;
  perpetrators: PerpetratorRow[];
  source: { name: string; organisation: string; email: string; phone: string; relation: string };
  occurredFrom: DateInput;
  occurredTo: DateInput;
  place: string;
  description: string;
  domesticRemedies: string;
  remediesExhausted: string;
  confidentialFields: string[];
}

/** A problem with the form: the id of the field to go to, and the catalogue key of what to do. */
export interface FormError {
  field: string;
  message: string;
  values?: Record<string, string | number>;
}

const rowCount = (source: Record<string, unknown>, prefix: string, minimum: number): number => {
  let rows = minimum;
  for (const key of Object.keys(source)) {
    const match = new RegExp(`^${prefix}-(\\d{1,2})-`).exec(key);
    if (match) {
      rows = Math.max(rows, Number(match[1]) + 1);
    }
  }
  return Math.min(rows, MAX_ROWS);
};

export function emptySubmitForm(): SubmitForm {
  return {
    stateCode: '',
    otherRecipient: '',
    mandates: [],
    victims: Array.from({ length: VICTIM_ROWS }, () => ({
      kind: 'person',
      name: '',
      description: '',
      gender: '',
      ageGroup: '',
    })),
    lawOrPolicy: '',
    perpetrators: Array.from({ length: PERPETRATOR_ROWS }, () => ({ kind: 'state', description: '' })),
    source: { name: '', organisation: '', email: '', phone: '', relation: '' },
    occurredFrom: { day: '', month: '', year: '' },
    occurredTo: { day: '', month: '', year: '' },
    place: '',
    description: '',
    domesticRemedies: '',
    remediesExhausted: '',
    confidentialFields: [],
  };
}

/** Reads the posted form (urlencoded fields `victims-0-name`, `source-email`, `occurredFrom-day` …). */
export function readSubmitForm(body: Record<string, unknown>): SubmitForm {
  const text = (name: string) => single(body[name]);
  const long = (name: string) => {
    const value = body[name];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first.replace(/\r\n/g, '\n').trim() : '';
  };
  return {
    stateCode: text('stateCode'),
    otherRecipient: text('otherRecipient'),
    mandates: many(body.mandates),
    victims: Array.from({ length: rowCount(body, 'victims', VICTIM_ROWS) }, (_, index) => ({
      kind: text(`victims-${index}-kind`) || 'person',
      name: text(`victims-${index}-name`),
      description: long(`victims-${index}-description`),
      gender: text(`victims-${index}-gender`),
      ageGroup: text(`victims-${index}-ageGroup`),
    })),
    lawOrPolicy: long('lawOrPolicy'),
    perpetrators: Array.from({ length: rowCount(body, 'perpetrators', PERPETRATOR_ROWS) }, (_, index) => ({
      kind: text(`perpetrators-${index}-kind`) || 'state',
      description: long(`perpetrators-${index}-description`),
    })),
    source: {
      name: text('source-name'),
      organisation: text('source-organisation'),
      email: text('source-email'),
      phone: text('source-phone'),
      relation: text('source-relation'),
    },
    occurredFrom: dateInput(body, 'occurredFrom'),
    occurredTo: dateInput(body, 'occurredTo'),
    place: text('place'),
    description: long('description'),
    domesticRemedies: long('domesticRemedies'),
    remediesExhausted: text('remediesExhausted'),
    confidentialFields: many(body.confidentialFields),
  };
}

/** The same form with one more row of victims or perpetrators ("add another", without JavaScript). */
export function withAnotherRow(form: SubmitForm, what: 'victim' | 'perpetrator'): SubmitForm {
  if (what === 'victim' && form.victims.length < MAX_ROWS) {
    return {
      ...form,
      victims: [...form.victims, { kind: 'person', name: '', description: '', gender: '', ageGroup: '' }],
    };
  }
  if (what === 'perpetrator' && form.perpetrators.length < MAX_ROWS) {
    return { ...form, perpetrators: [...form.perpetrators, { kind: 'state', description: '' }] };
  }
  return form;
}

const given = (value: string) => (value === '' ? undefined : value);

/** The questionnaire of the intake service from the form: blank rows left out, blank answers not given. */
export function submissionOf(form: SubmitForm): { dto: SubmitInformationDto; errors: FormError[] } {
  const errors: FormError[] = [];
  const from = parseDate(form.occurredFrom);
  const to = parseDate(form.occurredTo);
  if (from.kind === 'invalid') {
    errors.push({ field: 'occurredFrom-day', message: 'submit.error.occurredFrom.invalid' });
  }
  if (to.kind === 'invalid') {
    errors.push({ field: 'occurredTo-day', message: 'submit.error.occurredTo.invalid' });
  }
  const remedies = form.remediesExhausted;
  const dto = {
    stateCode: given(form.stateCode),
    otherRecipient: given(form.otherRecipient),
    mandates: form.mandates.length > 0 ? form.mandates : undefined,
    victims: form.victims
      .filter((victim) => victim.name !== '' || victim.description !== '')
      .map((victim) => ({
        kind: victim.kind,
        name: given(victim.name),
        description: given(victim.description),
        gender: given(victim.gender),
        ageGroup: given(victim.ageGroup),
      })),
    lawOrPolicy: given(form.lawOrPolicy),
    perpetrators: form.perpetrators
      .filter((perpetrator) => perpetrator.description !== '')
      .map((perpetrator) => ({ kind: perpetrator.kind, description: perpetrator.description })),
    source: {
      name: form.source.name,
      organisation: given(form.source.organisation),
      email: given(form.source.email),
      phone: given(form.source.phone),
      relation: form.source.relation,
    },
    occurredFrom: from.kind === 'date' ? from.date : undefined,
    occurredTo: to.kind === 'date' ? to.date : undefined,
    place: form.place,
    description: form.description,
    domesticRemedies: given(form.domesticRemedies),
    remediesExhausted: remedies === 'yes' ? true : remedies === 'no' ? false : undefined,
    confidentialFields: form.confidentialFields.length > 0 ? form.confidentialFields : undefined,
  };
  return { dto: dto as unknown as SubmitInformationDto, errors };
}

/** The id of the form field a path of the questionnaire is typed in (`source.email` → `source-email`). */
export function fieldOf(path: string, form: SubmitForm): string {
  if (path === 'victims' || path.startsWith('victims.')) {
    const row = Number(path.split('.')[1] ?? 0);
    const rows = form.victims
      .map((victim, index) => ({ victim, index }))
      .filter(({ victim }) => victim.name !== '' || victim.description !== '');
    return `victims-${rows[row]?.index ?? 0}-name`;
  }
  if (path === 'perpetrators' || path.startsWith('perpetrators.')) {
    const row = Number(path.split('.')[1] ?? 0);
    const rows = form.perpetrators
      .map((perpetrator, index) => ({ perpetrator, index }))
      .filter(({ perpetrator }) => perpetrator.description !== '');
    return `perpetrators-${rows[row]?.index ?? 0}-description`;
  }
  if (path === 'source') {
    return 'source-email';
  }
  if (path === 'occurredFrom' || path === 'occurredTo') {
    return `${path}-day`;
  }
  if (path === 'mandates') {
    return 'mandates';
  }
  return path.replace(/\./g, '-');
}

/** Messages for the rules of the questionnaire (C1 and the shapes of the DTO), by field and rule. */
function messageOf(path: string, constraint: string): string {
  const field = path.replace(/\.\d+/g, '');
  if (constraint === 'maxLength' || constraint === 'arrayMaxSize') {
    return 'submit.error.tooLong';
  }
  const known: Record<string, string> = {
    'source.email': 'submit.error.source.email',
    'source.phone': 'submit.error.source.phone',
    'source.name': 'submit.error.source.name',
    'source.relation': 'submit.error.source.relation',
    description: 'submit.error.description.short',
    place: 'submit.error.place.missing',
    perpetrators: 'submit.error.perpetrators.missing',
    'perpetrators.description': 'submit.error.perpetrators.missing',
    stateCode: 'submit.error.stateCode.unknown',
    mandates: 'submit.error.mandates.unknown',
    occurredFrom: 'submit.error.occurredFrom.missing',
  };
  return known[field] ?? 'submit.error.invalid';
}

function flatten(errors: ValidationError[], parent = ''): Array<{ path: string; constraint: string }> {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.keys(error.constraints ?? {}).map((constraint) => ({ path, constraint }));
    return [...own.slice(0, 1), ...flatten(error.children ?? [], path)];
  });
}

/** C1's problems (submission.rules), as the service would find them, with a message for each. */
const C1_MESSAGES: Record<string, string> = {
  victims: 'submit.error.victims.missing',
  perpetrators: 'submit.error.perpetrators.missing',
  'source.name': 'submit.error.source.name',
  source: 'submit.error.source.contact',
  stateCode: 'submit.error.recipient.missing',
  place: 'submit.error.place.missing',
  description: 'submit.error.description.short',
  occurredTo: 'submit.error.occurredTo.before',
};

/**
 * Everything the intake would refuse, at once: the shapes of the questionnaire (the API's DTO with
 * its validation rules) and the minimum content (C1). The service checks both again when it receives
 * the submission.
 */
export async function checkSubmission(
  form: SubmitForm,
  today: string,
): Promise<{ dto: SubmitInformationDto; errors: FormError[] }> {
  const { dto, errors } = submissionOf(form);
  const instance = plainToInstance(SubmitInformationDto, dto);
  const problems = flatten(
    await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
  );
  const seen = new Set(errors.map((error) => error.field));
  const add = (error: FormError) => {
    if (!seen.has(error.field)) {
      seen.add(error.field);
      errors.push(error);
    }
  };
  for (const problem of problems) {
    if (problem.path === 'occurredFrom' && form.occurredFrom.day + form.occurredFrom.month + form.occurredFrom.year) {
      continue;
    }
    if (problem.path === 'occurredTo') {
      continue;
    }
    add({ field: fieldOf(problem.path, form), message: messageOf(problem.path, problem.constraint) });
  }
  for (const problem of minimumContentProblems(instance, today)) {
    const message =
      problem.field === 'occurredFrom'
        ? form.occurredFrom.year === '' && form.occurredFrom.day === '' && form.occurredFrom.month === ''
          ? 'submit.error.occurredFrom.missing'
          : instance.occurredFrom && instance.occurredFrom > today
            ? 'submit.error.occurredFrom.future'
            : 'submit.error.occurredFrom.invalid'
        : (C1_MESSAGES[problem.field.replace(/\.\d+$/, '')] ?? 'submit.error.invalid');
    add({ field: fieldOf(problem.field, form), message });
  }
  return { dto: instance, errors };
}

export const SUBMIT_CHOICES = {
  victimKinds: VICTIM_KINDS,
  genders: GENDERS,
  ageGroups: AGE_GROUPS,
  perpetratorKinds: PERPETRATOR_KINDS,
  relations: SOURCE_RELATIONS,
  confidentialFields: CONFIDENTIAL_FIELDS,
} as const;
