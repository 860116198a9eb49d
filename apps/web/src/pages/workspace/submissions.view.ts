import { CommunicationSummaryDto } from '@spcomms/communications';
import { MandateDto } from '@spcomms/reference';
import { SCREENING_CRITERIA, SUBMISSION_STATUSES, SubmissionDto, SubmissionSummaryDto } from '@spcomms/submissions';
import { formErrors } from '../../forms/form-errors';
import { PageContext } from '../../render/page-context';

export const SUBMISSION_STATUS_COLOURS: Record<string, string> = {
  received: 'blue',
  screened: 'green',
  inadmissible: 'red',
  rejected: 'grey',
};

export interface SubmissionFilters {
  status: string;
  mandate: string;
  triage: boolean;
}

export interface Choice {
  value: string;
  text: string;
  checked?: boolean;
  lang?: string;
}

export interface SubmissionsListView {
  filters: SubmissionFilters;
  statuses: Choice[];
  mandates: Choice[];
  triage: Choice[];
  rows: unknown[][];
  head: Array<{ text: string }>;
  next: string | null;
  first: string | null;
  empty: boolean;
}

const statusTag = (status: string, context: PageContext) => ({
  text: context.t(`screening.status.${status}`),
  colour: SUBMISSION_STATUS_COLOURS[status] ?? 'grey',
});

const recipientOf = (item: SubmissionSummaryDto, context: PageContext) =>
  item.stateCode ? context.format.country(item.stateCode, item.stateCode) : (item.otherRecipient ?? '—');

/** `/{lang}/workspace/submissions`: the inbox of the person's mandates (and the triage of the online form). */
export function submissionsListView(
  input: {
    items: SubmissionSummaryDto[];
    nextCursor: string | null;
    filters: SubmissionFilters;
    mandates: MandateDto[];
    cursor: boolean;
  },
  context: PageContext,
): SubmissionsListView {
  const { t, format } = context;
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    if (input.filters.status) params.set('status', input.filters.status);
    if (input.filters.mandate) params.set('mandate', input.filters.mandate);
    if (input.filters.triage) params.set('triage', 'true');
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    const text = params.toString();
    return context.href(`/workspace/submissions${text ? `?${text}` : ''}`);
  };
  return {
    filters: input.filters,
    statuses: [
      { value: '', text: t('screening.filter.status.any'), checked: input.filters.status === '' },
      ...SUBMISSION_STATUSES.map((status) => ({
        value: status,
        text: t(`screening.status.${status}`),
        checked: input.filters.status === status,
      })),
    ],
    mandates: [
      { value: '', text: t('screening.filter.mandate.any'), checked: input.filters.mandate === '' },
      ...input.mandates.map((mandate) => ({
        value: mandate.code,
        text: mandate.title,
        checked: input.filters.mandate === mandate.code,
      })),
    ],
    triage: [{ value: 'true', text: t('screening.filter.triage'), checked: input.filters.triage }],
    head: [
      { text: t('screening.column.receipt') },
      { text: t('screening.column.received') },
      { text: t('screening.column.status') },
      { text: t('screening.column.recipient') },
      { text: t('screening.column.mandates') },
    ],
    rows: input.items.map((item) => [
      { text: item.receiptCode, href: context.href(`/workspace/submissions/${item.id}`), header: true },
      format.date(item.receivedAt),
      { text: '', tag: statusTag(item.status, context) },
      recipientOf(item, context),
      item.mandates.length > 0 ? item.mandates.join(', ') : t('screening.triage'),
    ]),
    next: input.nextCursor ? query({ cursor: input.nextCursor }) : null,
    first: input.cursor ? query({}) : null,
    empty: input.items.length === 0,
  };
}

export interface ScreeningForm {
  /** criterion → 'pass' | 'fail' | '' */
  criteria: Record<string, string>;
  reason: string;
  mandates: string[];
  type: string;
  language: string;
  leadMandate: string;
  subject: string;
  /** The draft chosen in the form that links the submission to a letter. */
  draft: string;
}

export function emptyScreeningForm(submission: SubmissionDto, myMandates: string[]): ScreeningForm {
  const recorded = new Map(submission.screening.criteria.map((entry) => [entry.criterion, entry.passed]));
  return {
    criteria: Object.fromEntries(
      SCREENING_CRITERIA.map((criterion) => [
        criterion,
        recorded.has(criterion) ? (recorded.get(criterion) ? 'pass' : 'fail') : '',
      ]),
    ),
    reason: '',
    mandates: submission.mandates,
    type: '',
    language: '',
    leadMandate: submission.mandates.find((code) => myMandates.includes(code)) ?? myMandates[0] ?? '',
    subject: '',
    draft: '',
  };
}

export interface SubmissionPageView {
  id: string;
  receiptCode: string;
  status: { text: string; colour: string };
  rows: Array<{ key: string; value: string; values?: string[]; href?: string }>;
  description: string;
  victims: string[];
  perpetrators: string[];
  source: Array<{ key: string; value: string }>;
  screening: {
    open: boolean;
    criteria: Array<{ id: string; name: string; legend: string; error?: string; items: Choice[] }>;
    recorded: Array<{ key: string; value: string }>;
    grounds: string[];
  };
  canAct: boolean;
  canAssign: boolean;
  canDraft: boolean;
  mandates: Choice[];
  leadMandates: Choice[];
  types: Choice[];
  languages: Choice[];
  form: ScreeningForm;
  errors: Array<{ href: string; text: string }>;
  fieldErrors: Record<string, string>;
  letters: Array<{ text: string; href: string }>;
  notice: string | null;
  canEdit: boolean;
  editHref: string;
  drafts: Choice[];
}

/** `/{lang}/workspace/submissions/{id}`: one submission, its source (here only, C14) and the forms. */
export function submissionPageView(
  input: {
    submission: SubmissionDto;
    drafts?: CommunicationSummaryDto[];
    mandates: MandateDto[];
    myMandateCodes: string[];
    assistant: boolean;
    form: ScreeningForm;
    errors: Array<{ field: string; text: string }>;
    notice: string | null;
  },
  context: PageContext,
): SubmissionPageView {
  const { t, format } = context;
  const { submission, form } = input;
  const errors = formErrors(input.errors);
  const received = submission.status === 'received';
  const none = '—';
  const titleOf = new Map(input.mandates.map((mandate) => [mandate.code, mandate.title]));
  return {
    id: submission.id,
    receiptCode: submission.receiptCode,
    status: statusTag(submission.status, context),
    rows: [
      { key: t('screening.field.receipt'), value: submission.receiptCode },
      { key: t('screening.field.channel'), value: t(`screening.channel.${submission.channel}`) },
      { key: t('screening.field.received'), value: format.date(submission.receivedAt) },
      { key: t('screening.field.recipient'), value: recipientOf(submission, context) },
      {
        key: t('screening.field.mandates'),
        value: submission.mandates.length === 0 ? t('screening.triage') : '',
        values: submission.mandates.map((code) => titleOf.get(code) ?? code),
      },
      {
        key: t('screening.field.occurred'),
        value: submission.occurredTo
          ? `${format.date(submission.occurredFrom)} – ${format.date(submission.occurredTo)}`
          : format.date(submission.occurredFrom),
      },
      { key: t('screening.field.place'), value: submission.place },
      ...(submission.lawOrPolicy ? [{ key: t('screening.field.lawOrPolicy'), value: submission.lawOrPolicy }] : []),
    ],
    description: submission.description,
    victims: submission.victims.map((victim) =>
      [victim.name, victim.description].filter((part): part is string => Boolean(part)).join(' — '),
    ),
    perpetrators: submission.perpetrators.map((perpetrator) => perpetrator.description),
    source: [
      { key: t('screening.source.name'), value: submission.source.name },
      { key: t('screening.source.organisation'), value: submission.source.organisation ?? none },
      { key: t('screening.source.email'), value: submission.source.email ?? none },
      { key: t('screening.source.phone'), value: submission.source.phone ?? none },
      { key: t('screening.source.relation'), value: t(`screening.relation.${submission.source.relation}`) },
    ],
    screening: {
      open: received,
      criteria: SCREENING_CRITERIA.map((criterion) => ({
        id: `criterion-${criterion}`,
        name: `criterion-${criterion}`,
        legend: t(`screening.criterion.${criterion}`),
        error: errors.byField[`criterion-${criterion}`],
        items: ['pass', 'fail'].map((value) => ({
          value,
          text: t(`screening.criterion.${value}`),
          checked: form.criteria[criterion] === value,
        })),
      })),
      recorded: submission.screening.criteria.map((entry) => ({
        key: t(`screening.criterion.${entry.criterion}`),
        value: t(`screening.criterion.${entry.passed ? 'pass' : 'fail'}`),
      })),
      grounds: submission.screening.grounds.map((ground) =>
        ground.ground === 'c4_source_relation'
          ? t('screening.ground.c4')
          : t('screening.ground.failed', { criterion: t(`screening.criterion.${ground.ground}`) }),
      ),
    },
    canAct: input.assistant && received,
    canAssign: input.assistant && received,
    canDraft: input.assistant && submission.status === 'screened',
    mandates: input.mandates.map((mandate) => ({
      value: mandate.code,
      text: mandate.title,
      checked: form.mandates.includes(mandate.code),
      lang: context.lang === 'en' ? undefined : 'en',
    })),
    leadMandates: input.mandates
      .filter((mandate) => input.myMandateCodes.includes(mandate.code))
      .map((mandate) => ({ value: mandate.code, text: mandate.title, checked: form.leadMandate === mandate.code })),
    types: ['UA', 'AL', 'OL'].map((type) => ({
      value: type,
      text: t(`page.workspace.letter.type.${type}`),
      checked: form.type === type,
    })),
    languages: ['en', 'fr', 'es'].map((language) => ({
      value: language,
      text: t(`screening.language.${language}`),
      checked: form.language === language,
    })),
    form,
    errors: errors.summary,
    fieldErrors: errors.byField,
    letters: submission.communicationIds.map((id, index) => ({
      text: t('screening.letter.link', { number: index + 1 }),
      href: context.href(`/workspace/letters/${id}`),
    })),
    notice: input.notice,
    canEdit: input.assistant && (received || submission.status === 'screened'),
    editHref: context.href(`/workspace/submissions/${submission.id}/edit`),
    drafts: (input.drafts ?? []).map((letter) => ({
      value: letter.id,
      text: t('screening.link.draft', {
        subject: letter.subject,
        type: t(`page.workspace.letter.type.${letter.type}`),
        mandate: letter.leadMandate,
        date: format.date(letter.updatedAt),
      }),
      checked: form.draft === letter.id,
    })),
  };
}
