import { CommunicationDto, CommunicationSummaryDto, LETTER_LANGUAGES, LETTER_TYPES } from '@spcomms/communications';
import { MandateDto, OtherRecipientDto, StateDto } from '@spcomms/reference';
import { formErrors } from '../../../forms/form-errors';
import { PageContext } from '../../../render/page-context';
import { DiffPart, wordDiff } from '../../../render/word-diff';
import { AGE_GROUPS, GENDERS, LetterForm, LetterFormError, PERPETRATOR_KINDS } from './letter-form';

export interface Choice {
  value: string;
  text: string;
  checked?: boolean;
  lang?: string;
}

export type FormErrorsView = ReturnType<typeof formErrors>;

export const STATUSES = ['draft', 'sent', 'abandoned'] as const;
const STATUS_COLOURS: Record<string, string> = { draft: 'yellow', sent: 'green', abandoned: 'grey' };

/** The words of a page's problems: each error's catalogue key in the page's language. */
export function errorsView(errors: LetterFormError[], context: PageContext): FormErrorsView {
  return formErrors(errors.map((error) => ({ field: error.field, text: context.t(error.message, error.values) })));
}

export function statusTag(status: string, context: PageContext): { text: string; colour: string } {
  return { text: context.t(`letters.status.${status}`), colour: STATUS_COLOURS[status] ?? 'grey' };
}

// ---- the list ----

export interface LetterListFilters {
  status: string;
  mandate: string;
  recipient: string;
  year: string;
  type: string;
  reference: string;
}

export interface LetterListView {
  filters: LetterListFilters;
  errors: FormErrorsView;
  statusOptions: Choice[];
  typeOptions: Choice[];
  mandateOptions: Choice[];
  rows: Array<
    Array<string | { text: string; href?: string; tag?: { text: string; colour: string }; header?: boolean }>
  >;
  empty: boolean;
  next: string | null;
  first: string | null;
  canDraft: boolean;
}

/** The query of the list without its cursor (to page on, or back to the first page). */
export function listQuery(filters: LetterListFilters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'mandate', 'recipient', 'year', 'type'] as const) {
    if (filters[key]) {
      params.set(key, filters[key]);
    }
  }
  if (cursor) {
    params.set('cursor', cursor);
  }
  const query = params.toString();
  return `/workspace/letters${query ? `?${query}` : ''}`;
}

export function letterListView(
  input: {
    filters: LetterListFilters;
    errors: LetterFormError[];
    letters: CommunicationSummaryDto[];
    nextCursor: string | null;
    hasCursor: boolean;
    mandates: MandateDto[];
    canDraft: boolean;
  },
  context: PageContext,
): LetterListView {
  const { t, format, href } = context;
  const any = { value: '', text: t('letters.filter.any') };
  return {
    filters: input.filters,
    errors: errorsView(input.errors, context),
    statusOptions: [any, ...STATUSES.map((status) => ({ value: status, text: t(`letters.status.${status}`) }))],
    typeOptions: [any, ...LETTER_TYPES.map((type) => ({ value: type, text: t(`letters.type.${type}`) }))],
    mandateOptions: [
      any,
      ...input.mandates.map((mandate) => ({ value: mandate.code, text: mandate.title, lang: 'en' })),
    ],
    rows: input.letters.map((letter) => [
      {
        text: letter.reference ?? t('letters.list.draftOf', { subject: letter.subject }),
        href: href(`/workspace/letters/${letter.id}`),
        header: true,
      },
      t(`letters.type.${letter.type}`),
      format.country(letter.recipientCode, letter.recipientCode),
      letter.leadMandate,
      { text: '', tag: statusTag(letter.status, context) },
      letter.sentOn ? format.date(letter.sentOn) : format.date(letter.updatedAt),
    ]),
    empty: input.letters.length === 0,
    next: input.nextCursor ? href(listQuery(input.filters, input.nextCursor)) : null,
    first: input.hasCursor ? href(listQuery(input.filters)) : null,
    canDraft: input.canDraft,
  };
}

// ---- the editor ----

export interface ConflictView {
  version: number;
  subject: string;
  body: string;
  /** What the other person changed, from the version this page was loaded with to theirs. */
  subjectParts: DiffPart[];
  bodyParts: DiffPart[];
}

export interface EditorView {
  mode: 'new' | 'edit';
  action: string;
  cancel: string;
  form: LetterForm;
  errors: FormErrorsView;
  mandateOptions: Choice[];
  typeOptions: Choice[];
  languageOptions: Choice[];
  stateOptions: Choice[];
  otherOptions: Choice[];
  genderOptions: Choice[];
  ageOptions: Choice[];
  perpetratorKindOptions: Choice[];
  consentFormOptions: Choice[];
  followsUp: Array<{ id: string; reference: string }>;
  conflict: ConflictView | null;
  maxRows: number;
}

export function editorView(
  input: {
    mode: 'new' | 'edit';
    letterId: string | null;
    form: LetterForm;
    errors: LetterFormError[];
    mandates: MandateDto[];
    states: StateDto[];
    others: OtherRecipientDto[];
    followsUp: Array<{ id: string; reference: string }>;
    conflict: { base: { subject: string; body: string } | null; theirs: CommunicationDto } | null;
    maxRows: number;
  },
  context: PageContext,
): EditorView {
  const { t, format, href } = context;
  const { form } = input;
  const choice = (value: string, text: string, selected: string): Choice => ({
    value,
    text,
    checked: value === selected,
  });
  const theirs = input.conflict?.theirs;
  return {
    mode: input.mode,
    action: href(input.mode === 'new' ? '/workspace/letters/new' : `/workspace/letters/${input.letterId}/edit`),
    cancel: href(input.mode === 'new' ? '/workspace/letters' : `/workspace/letters/${input.letterId}`),
    form,
    errors: errorsView(input.errors, context),
    mandateOptions: input.mandates.map((mandate) => choice(mandate.code, mandate.title, form.leadMandate)),
    typeOptions: LETTER_TYPES.map((type) => choice(type, t(`letters.type.${type}`), form.type)),
    languageOptions: LETTER_LANGUAGES.map((language) =>
      choice(language, t(`letters.language.${language}`), form.language),
    ),
    stateOptions: [
      { value: '', text: t('letters.field.recipient.none') },
      ...input.states
        .filter((state) => state.status !== 'pseudo')
        .map((state) => ({ value: state.code, text: format.country(state.code, state.name) }))
        .sort((a, b) => a.text.localeCompare(b.text, context.lang)),
    ],
    otherOptions: [
      { value: '', text: t('letters.field.otherRecipient.none') },
      ...input.others.map((other) => ({ value: other.id, text: other.name })),
    ],
    genderOptions: GENDERS.map((gender) => ({ value: gender, text: t(`letters.gender.${gender}`) })),
    ageOptions: AGE_GROUPS.map((age) => ({ value: age, text: t(`letters.ageGroup.${age}`) })),
    perpetratorKindOptions: PERPETRATOR_KINDS.map((kind) => ({
      value: kind,
      text: t(`letters.perpetratorKind.${kind}`),
    })),
    consentFormOptions: ['written', 'oral'].map((value) =>
      choice(value, t(`letters.consentForm.${value}`), form.consentForm),
    ),
    followsUp: input.followsUp,
    conflict: theirs
      ? {
          version: theirs.currentVersion.number,
          subject: theirs.subject,
          body: theirs.body,
          subjectParts: wordDiff(input.conflict!.base?.subject ?? theirs.subject, theirs.subject),
          bodyParts: wordDiff(input.conflict!.base?.body ?? theirs.body, theirs.body),
        }
      : null,
    maxRows: input.maxRows,
  };
}
