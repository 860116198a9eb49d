import {
  CommunicationDto,
  LETTER_LANGUAGES,
  LETTER_TYPES,
  LetterContentDto,
  LetterLanguage,
  LetterType,
  PerpetratorDto,
  VictimDto,
} from '@spcomms/communications';
import { DateInput, dateFieldsOf, dateInput, many, parseDate, single } from '../../date-fields';

/** Rows the editor shows when a letter has none; "add another" adds one, up to the most a form carries. */
export const MAX_ROWS = 50;
export const GENDERS = ['unknown', 'female', 'male', 'other'] as const;
export const AGE_GROUPS = ['unknown', 'child', 'adult', 'older'] as const;
export const PERPETRATOR_KINDS = ['state', 'non_state'] as const;

export interface VictimRow {
  name: string;
  gender: string;
  ageGroup: string;
  nameConfidential: boolean;
  group: boolean;
}

export interface PerpetratorRow {
  name: string;
  kind: string;
}

/** The draft editor as typed: shown again, unchanged, when something is wrong or someone saved first. */
export interface LetterForm {
  leadMandate: string;
  type: string;
  language: string;
  recipient: string;
  otherRecipient: string;
  coRecipients: string;
  subject: string;
  body: string;
  lawOrPolicy: string;
  victims: VictimRow[];
  perpetrators: PerpetratorRow[];
  themes: string;
  reprisal: boolean;
  consentOn: DateInput;
  consentForm: string;
  consentNote: string;
  internalNotes: string;
  followsUp: string[];
  /** The revision and version the page was loaded with (hidden fields of the editor). */
  revision: string;
  version: string;
}

/** A problem with the form: the id of the field to go to and the catalogue key of what to do. */
export interface LetterFormError {
  field: string;
  message: string;
  values?: Record<string, string | number>;
}

const emptyVictim = (): VictimRow => ({
  name: '',
  gender: 'unknown',
  ageGroup: 'unknown',
  nameConfidential: true,
  group: false,
});
const emptyPerpetrator = (): PerpetratorRow => ({ name: '', kind: 'state' });

export function emptyLetterForm(leadMandate = ''): LetterForm {
  return {
    leadMandate,
    type: 'AL',
    language: 'en',
    recipient: '',
    otherRecipient: '',
    coRecipients: '',
    subject: '',
    body: '',
    lawOrPolicy: '',
    victims: [emptyVictim()],
    perpetrators: [emptyPerpetrator()],
    themes: '',
    reprisal: false,
    consentOn: { day: '', month: '', year: '' },
    consentForm: '',
    consentNote: '',
    internalNotes: '',
    followsUp: [],
    revision: '',
    version: '',
  };
}

/** The editor filled with a draft as the service answers it. */
export function letterFormOf(letter: CommunicationDto): LetterForm {
  return {
    leadMandate: letter.leadMandate,
    type: letter.type,
    language: letter.language,
    recipient: letter.recipient.otherRecipientId ? '' : letter.recipient.code,
    otherRecipient: letter.recipient.otherRecipientId ?? '',
    coRecipients: letter.coRecipientCodes.join(', '),
    subject: letter.subject,
    body: letter.body,
    lawOrPolicy: letter.lawOrPolicy ?? '',
    victims:
      letter.victims.length > 0
        ? letter.victims.map((victim) => ({
            name: victim.name,
            gender: victim.gender ?? 'unknown',
            ageGroup: victim.ageGroup ?? 'unknown',
            nameConfidential: victim.nameConfidential,
            group: victim.group ?? false,
          }))
        : [emptyVictim()],
    perpetrators:
      letter.perpetrators.length > 0
        ? letter.perpetrators.map((perpetrator) => ({ name: perpetrator.name, kind: perpetrator.kind }))
        : [emptyPerpetrator()],
    themes: letter.themes.join('\n'),
    reprisal: letter.reprisal,
    consentOn: dateFieldsOf(letter.reprisalConsent?.recordedOn),
    consentForm: letter.reprisalConsent?.form ?? '',
    consentNote: letter.reprisalConsent?.note ?? '',
    internalNotes: letter.internalNotes,
    followsUp: letter.followsUp.map((link) => link.id),
    revision: String(letter.revision),
    version: String(letter.currentVersion.number),
  };
}

const rowCount = (source: Record<string, unknown>, prefix: string): number => {
  let rows = 0;
  for (const key of Object.keys(source)) {
    const match = new RegExp(`^${prefix}-(\\d{1,3})-`).exec(key);
    if (match) {
      rows = Math.max(rows, Number(match[1]) + 1);
    }
  }
  return Math.min(Math.max(rows, 1), MAX_ROWS);
};

const checked = (value: unknown): boolean => single(value) !== '';

/** The editor as posted; rows are `victim-<n>-<field>` and `perpetrator-<n>-<field>`. */
export function readLetterForm(body: unknown): LetterForm {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (name: string) => single(source[name]);
  // Text areas keep their line breaks and inner spaces; only the ends are trimmed.
  return {
    leadMandate: text('leadMandate'),
    type: text('type'),
    language: text('language'),
    recipient: text('recipient').toUpperCase(),
    otherRecipient: text('otherRecipient'),
    coRecipients: text('coRecipients'),
    subject: text('subject'),
    body: text('body'),
    lawOrPolicy: text('lawOrPolicy'),
    victims: Array.from({ length: rowCount(source, 'victim') }, (_, index) => ({
      name: text(`victim-${index}-name`),
      gender: text(`victim-${index}-gender`) || 'unknown',
      ageGroup: text(`victim-${index}-ageGroup`) || 'unknown',
      nameConfidential: checked(source[`victim-${index}-confidential`]),
      group: checked(source[`victim-${index}-group`]),
    })),
    perpetrators: Array.from({ length: rowCount(source, 'perpetrator') }, (_, index) => ({
      name: text(`perpetrator-${index}-name`),
      kind: text(`perpetrator-${index}-kind`) || 'state',
    })),
    themes: text('themes'),
    reprisal: checked(source.reprisal),
    consentOn: dateInput(source, 'consentOn'),
    consentForm: text('consentForm'),
    consentNote: text('consentNote'),
    internalNotes: text('internalNotes'),
    followsUp: many(source.followsUp).filter((id) => /^[0-9a-f-]{36}$/.test(id)),
    revision: text('revision'),
    version: text('version'),
  };
}

/** The form with one more empty victim or perpetrator row ("add another", without a script). */
export function withAnotherRow(form: LetterForm, what: 'victim' | 'perpetrator'): LetterForm {
  if (what === 'victim') {
    return { ...form, victims: [...form.victims, emptyVictim()].slice(0, MAX_ROWS) };
  }
  return { ...form, perpetrators: [...form.perpetrators, emptyPerpetrator()].slice(0, MAX_ROWS) };
}

const STATE_CODE = /^[A-Z]{3}$/;

/**
 * Checks what the person typed and builds the content the service takes, or says what to fix. Rules
 * the service checks again (known States, victims required for UA and AL, reprisal consent) are checked
 * here too, so that the page can point at the field.
 */
export function checkLetterForm(form: LetterForm): { content: LetterContentDto | null; errors: LetterFormError[] } {
  const errors: LetterFormError[] = [];
  if (!(LETTER_TYPES as readonly string[]).includes(form.type)) {
    errors.push({ field: 'type', message: 'letters.error.type' });
  }
  if (!(LETTER_LANGUAGES as readonly string[]).includes(form.language)) {
    errors.push({ field: 'language', message: 'letters.error.language' });
  }
  if (!form.otherRecipient && !STATE_CODE.test(form.recipient)) {
    errors.push({ field: 'recipient', message: 'letters.error.recipient' });
  }
  const coRecipients = form.coRecipients
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (coRecipients.some((code) => !STATE_CODE.test(code))) {
    errors.push({ field: 'coRecipients', message: 'letters.error.coRecipients' });
  }
  if (form.subject.length < 3 || form.subject.length > 500) {
    errors.push({ field: 'subject', message: 'letters.error.subject' });
  }
  if (form.body.length < 1 || form.body.length > 200_000) {
    errors.push({ field: 'body', message: 'letters.error.body' });
  }
  const victims: VictimDto[] = [];
  form.victims.forEach((row, index) => {
    if (row.name.length > 300) {
      errors.push({ field: `victim-${index}-name`, message: 'letters.error.victim.long', values: { row: index + 1 } });
    }
    if (row.name) {
      victims.push({
        name: row.name,
        gender: (GENDERS as readonly string[]).includes(row.gender) ? (row.gender as VictimDto['gender']) : 'unknown',
        ageGroup: (AGE_GROUPS as readonly string[]).includes(row.ageGroup)
          ? (row.ageGroup as VictimDto['ageGroup'])
          : 'unknown',
        nameConfidential: row.nameConfidential,
        group: row.group,
      });
    }
  });
  if (form.type !== 'OL' && victims.length === 0) {
    errors.push({ field: 'victim-0-name', message: 'letters.error.victims' });
  }
  if (form.lawOrPolicy && (form.lawOrPolicy.length < 3 || form.lawOrPolicy.length > 1000)) {
    errors.push({ field: 'lawOrPolicy', message: 'letters.error.lawOrPolicy' });
  }
  if (form.type === 'OL' && victims.length === 0 && !form.lawOrPolicy) {
    errors.push({ field: 'lawOrPolicy', message: 'letters.error.lawOrPolicy.required' });
  }
  const perpetrators: PerpetratorDto[] = [];
  form.perpetrators.forEach((row, index) => {
    if (row.name.length > 300) {
      errors.push({
        field: `perpetrator-${index}-name`,
        message: 'letters.error.perpetrator.long',
        values: { row: index + 1 },
      });
    }
    if (row.name) {
      perpetrators.push({ name: row.name, kind: row.kind === 'non_state' ? 'non_state' : 'state' });
    }
  });
  if (form.type !== 'OL' && perpetrators.length === 0) {
    errors.push({ field: 'perpetrator-0-name', message: 'letters.error.perpetrators' });
  }
  const themes = form.themes
    .split(/\r?\n|,/)
    .map((theme) => theme.trim())
    .filter(Boolean);
  if (themes.length > 30 || themes.some((theme) => theme.length < 2 || theme.length > 100)) {
    errors.push({ field: 'themes', message: 'letters.error.themes' });
  }
  let consent: LetterContentDto['reprisalConsent'];
  if (form.reprisal) {
    const day = parseDate(form.consentOn);
    if (day.kind !== 'date') {
      errors.push({
        field: 'consentOn-day',
        message: day.kind === 'empty' ? 'letters.error.consentOn.missing' : 'letters.error.consentOn.invalid',
      });
    }
    if (form.consentForm !== 'written' && form.consentForm !== 'oral') {
      errors.push({ field: 'consentForm', message: 'letters.error.consentForm' });
    }
    if (form.consentNote.length > 2000) {
      errors.push({ field: 'consentNote', message: 'letters.error.consentNote' });
    }
    if (day.kind === 'date' && (form.consentForm === 'written' || form.consentForm === 'oral')) {
      consent = {
        recordedOn: day.date,
        form: form.consentForm,
        ...(form.consentNote ? { note: form.consentNote } : {}),
      };
    }
  }
  if (form.internalNotes.length > 20_000) {
    errors.push({ field: 'internalNotes', message: 'letters.error.internalNotes' });
  }
  if (errors.length > 0) {
    return { content: null, errors };
  }
  const content: LetterContentDto = {
    type: form.type as LetterType,
    language: form.language as LetterLanguage,
    ...(form.otherRecipient ? { otherRecipientId: form.otherRecipient } : { recipientStateCode: form.recipient }),
    coRecipientStateCodes: coRecipients,
    subject: form.subject,
    body: form.body,
    victims,
    ...(form.lawOrPolicy ? { lawOrPolicy: form.lawOrPolicy } : {}),
    perpetrators,
    themes,
    reprisal: form.reprisal,
    ...(consent ? { reprisalConsent: consent } : {}),
  };
  return { content, errors: [] };
}
