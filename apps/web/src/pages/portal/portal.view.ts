import { PortalCommunicationDto, referenceSlug } from '@spcomms/communications';
import { FocalPointDto } from '@spcomms/notifications';
import { PortalReplyDto } from '@spcomms/replies';
import { GovernmentVisitDto, VisitSummaryDto } from '@spcomms/visits';
import { FormError, formErrors } from '../../forms/form-errors';
import { PageContext } from '../../render/page-context';

export const REPLY_LANGUAGE_CODES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;

export type Tag = { text: string; colour: 'blue' | 'green' | 'red' | 'yellow' | 'grey' };

/** The status of a letter in the State's inbox: new until opened, then by its reply (C9). */
export function letterTag(letter: PortalCommunicationDto, t: PageContext['t']): Tag {
  if (letter.replyStatus === 'replied') {
    return { text: t('portal.status.replied'), colour: 'green' };
  }
  if (letter.replyStatus === 'overdue') {
    return { text: t('portal.status.overdue'), colour: 'red' };
  }
  return { text: t('portal.status.awaiting'), colour: 'yellow' };
}

/** Days left to reply, or since the reply date passed; nothing once replied. */
function daysLeftText(letter: PortalCommunicationDto, t: PageContext['t']): string {
  if (letter.replyStatus === 'replied') {
    return '';
  }
  return letter.replyDaysLeft >= 0
    ? t('portal.daysLeft', { count: letter.replyDaysLeft })
    : t('portal.daysOverdue', { count: -letter.replyDaysLeft });
}

export const INBOX_FILTERS = ['all', 'new', 'awaiting_reply', 'overdue', 'replied'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

export interface PortalInboxView {
  q: string;
  filters: Array<{ text: string; href: string; current: boolean }>;
  table: {
    caption: string;
    head: Array<{ text: string; numeric?: boolean }>;
    rows: Array<Array<string | { text: string; href?: string; header?: boolean; tag?: Tag }>>;
  };
  empty: string | null;
  next: string | null;
}

/** `/{lang}/portal`: the letters sent to the person's State, newest first. */
export function portalInboxView(
  letters: PortalCommunicationDto[],
  input: { filter: InboxFilter; q: string; nextCursor: string | null },
  context: PageContext,
): PortalInboxView {
  const { t, format, href } = context;
  const query = (values: Record<string, string>) => {
    const params = new URLSearchParams(Object.entries(values).filter(([, value]) => value !== ''));
    const text = params.toString();
    return href(`/portal${text ? `?${text}` : ''}`);
  };
  const status = (filter: InboxFilter) => (filter === 'all' ? '' : filter);
  return {
    q: input.q,
    filters: INBOX_FILTERS.map((filter) => ({
      text: t(`portal.inbox.filter.${filter}`),
      href: query({ status: status(filter), q: input.q }),
      current: filter === input.filter,
    })),
    table: {
      caption: t(`portal.inbox.caption.${input.filter}`),
      head: [
        { text: t('portal.inbox.reference') },
        { text: t('page.portal.letter.type') },
        { text: t('page.portal.letter.mandates') },
        { text: t('page.portal.letter.sentOn') },
        { text: t('page.portal.letter.replyDue') },
        { text: t('portal.inbox.status') },
      ],
      rows: letters.map((letter) => {
        const tag = letterTag(letter, t);
        const left = daysLeftText(letter, t);
        return [
          {
            text: letter.reference,
            href: href(`/portal/letters/${referenceSlug(letter.reference)}`),
            header: true,
          },
          t(`page.portal.letter.type.${letter.type}`),
          letter.mandates.join('; '),
          format.date(letter.sentOn),
          left ? `${format.date(letter.replyRequestedBy)} (${left})` : format.date(letter.replyRequestedBy),
          letter.openedAt
            ? { text: tag.text, tag }
            : { text: t('portal.status.new'), tag: { text: t('portal.status.new'), colour: 'blue' } },
        ];
      }),
    },
    empty: letters.length === 0 ? t(input.q ? 'portal.inbox.noMatch' : 'portal.inbox.empty') : null,
    next: input.nextCursor ? query({ status: status(input.filter), q: input.q, cursor: input.nextCursor }) : null,
  };
}

export interface AttachmentView {
  name: string;
  size: string;
  href: string;
}

export interface PortalReplyView {
  heading: string;
  receivedOn: string;
  onTime: string | null;
  receipt: string;
  confidential: string | null;
  lang: string;
  text: string | null;
  attachments: AttachmentView[];
}

export interface PortalLetterView {
  reference: string;
  status: Tag;
  rows: Array<{ key: string; value: string; values?: string[] }>;
  deadline: { computed: string; extended: string | null; left: string };
  pdfHref: string;
  replyHref: string;
  subject: string;
  body: string;
  lang: string;
  replies: PortalReplyView[];
  followsUp: Array<{ text: string; href: string }>;
  followedUpBy: Array<{ text: string; href: string }>;
}

function letterLinks(links: Array<{ reference: string | null }>, context: PageContext) {
  return links
    .filter((link): link is { reference: string } => link.reference !== null)
    .map((link) => ({ text: link.reference, href: context.href(`/portal/letters/${referenceSlug(link.reference)}`) }));
}

/** The replies to a letter as its State sees them, with their receipt codes and files. */
export function portalReplyViews(
  letter: PortalCommunicationDto,
  replies: PortalReplyDto[],
  context: PageContext,
): PortalReplyView[] {
  const { t, format, href } = context;
  const slug = referenceSlug(letter.reference);
  return replies.map((reply) => ({
    heading: t('page.portal.letter.reply.heading', { number: reply.number }),
    receivedOn: format.date(reply.receivedOn),
    onTime: reply.onTime === null ? null : t(`page.portal.letter.reply.${reply.onTime ? 'onTime' : 'late'}`),
    receipt: t('portal.reply.receiptCode', { code: reply.receiptCode }),
    confidential: reply.confidential ? t('portal.reply.confidential') : null,
    lang: reply.language,
    text: reply.text,
    attachments: reply.attachments.map((attachment) => ({
      name: attachment.fileName,
      size: format.bytes(attachment.size),
      href: href(`/portal/letters/${slug}/replies/${reply.id}/attachments/${attachment.id}`),
    })),
  }));
}

/** `/{lang}/portal/letters/{ref-slug}`: a sent letter as the focal points of its State see it. */
export function portalLetterView(
  letter: PortalCommunicationDto,
  replies: PortalReplyDto[],
  context: PageContext,
): PortalLetterView {
  const { t, format, href } = context;
  const slug = referenceSlug(letter.reference);
  const extended = letter.replyRequestedBy !== letter.computedReplyRequestedBy;
  return {
    reference: letter.reference,
    status: letterTag(letter, t),
    rows: [
      { key: t('page.portal.letter.type'), value: t(`page.portal.letter.type.${letter.type}`) },
      { key: t('page.portal.letter.mandates'), value: '', values: letter.mandates },
      { key: t('page.portal.letter.sentOn'), value: format.date(letter.sentOn) },
      { key: t('page.portal.letter.replyDue'), value: format.date(letter.replyRequestedBy) },
      { key: t('page.portal.letter.publicFrom'), value: format.date(letter.publicFrom) },
    ],
    deadline: {
      computed: t('portal.letter.deadline.computed', {
        days: letter.replyDays,
        sentOn: format.date(letter.sentOn),
        date: format.date(letter.computedReplyRequestedBy),
      }),
      extended: extended
        ? t('portal.letter.deadline.extended', {
            from: format.date(letter.computedReplyRequestedBy),
            to: format.date(letter.replyRequestedBy),
          })
        : null,
      left: daysLeftText(letter, t),
    },
    pdfHref: href(`/portal/letters/${slug}.pdf`),
    replyHref: href(`/portal/letters/${slug}/reply`),
    subject: letter.subject,
    body: letter.body,
    lang: letter.language,
    replies: portalReplyViews(letter, replies, context),
    followsUp: letterLinks(letter.followsUp, context),
    followedUpBy: letterLinks(letter.followedUpBy, context),
  };
}

/** What the reply form shows again after a refusal. */
export interface ReplyFormValues {
  text: string;
  language: string;
  confidential: boolean;
}

export interface PortalReplyFormView {
  reference: string;
  letterHref: string;
  action: string;
  key: string;
  values: ReplyFormValues;
  languages: Array<{ value: string; text: string; lang: string }>;
  errors: Array<{ href: string; text: string }>;
  fieldErrors: Record<string, string>;
  maxSize: string;
}

/** `/{lang}/portal/letters/{ref-slug}/reply`: the reply form. */
export function portalReplyFormView(
  letter: PortalCommunicationDto,
  input: { key: string; values: ReplyFormValues; errors: FormError[]; maxBytes: number },
  context: PageContext,
): PortalReplyFormView {
  const { t, format, href } = context;
  const slug = referenceSlug(letter.reference);
  const errors = formErrors(input.errors);
  return {
    reference: letter.reference,
    letterHref: href(`/portal/letters/${slug}`),
    action: href(`/portal/letters/${slug}/reply`),
    key: input.key,
    values: input.values,
    languages: REPLY_LANGUAGE_CODES.map((code) => ({ value: code, text: t(`portal.language.${code}`), lang: code })),
    errors: errors.summary,
    fieldErrors: errors.byField,
    maxSize: format.bytes(input.maxBytes),
  };
}

export interface PortalReceiptView {
  code: string;
  reference: string;
  letterHref: string;
  rows: Array<{ key: string; value: string; values?: string[] }>;
}

/** `/{lang}/portal/letters/{ref-slug}/replies/{receipt}`: the proof that a reply was received. */
export function portalReceiptView(
  letter: PortalCommunicationDto,
  reply: PortalReplyDto,
  context: PageContext,
): PortalReceiptView {
  const { t, format, href } = context;
  return {
    code: reply.receiptCode,
    reference: letter.reference,
    letterHref: href(`/portal/letters/${referenceSlug(letter.reference)}`),
    rows: [
      { key: t('portal.receipt.letter'), value: letter.reference },
      { key: t('portal.receipt.number'), value: t('page.portal.letter.reply.heading', { number: reply.number }) },
      { key: t('portal.receipt.receivedOn'), value: format.date(reply.receivedOn) },
      {
        key: t('portal.receipt.onTime'),
        value: reply.onTime === null ? '—' : t(`page.portal.letter.reply.${reply.onTime ? 'onTime' : 'late'}`),
      },
      { key: t('portal.reply.language'), value: t(`portal.language.${reply.language}`) },
      {
        key: t('portal.receipt.confidential'),
        value: t(reply.confidential ? 'portal.receipt.confidential.yes' : 'portal.receipt.confidential.no'),
      },
      {
        key: t('portal.receipt.attachments'),
        value: reply.attachments.length === 0 ? '—' : '',
        values: reply.attachments.map((file) => `${file.fileName} (${format.bytes(file.size)})`),
      },
    ],
  };
}

export interface PortalVisitsView {
  table: PortalInboxView['table'];
  empty: string | null;
  next: string | null;
}

/** `/{lang}/portal/visits`: the visit requests made to the person's State. */
export function portalVisitsView(
  visits: VisitSummaryDto[],
  nextCursor: string | null,
  context: PageContext,
): PortalVisitsView {
  const { t, format, href } = context;
  const period = (value: { from: string; to: string } | null) =>
    value ? t('page.portal.visit.period', { from: format.date(value.from), to: format.date(value.to) }) : '—';
  return {
    table: {
      caption: t('portal.visits.caption'),
      head: [
        { text: t('page.portal.visit.mandate') },
        { text: t('page.portal.visit.requestedOn') },
        { text: t('page.portal.visit.scheduledPeriod') },
        { text: t('portal.inbox.status') },
      ],
      rows: visits.map((visit) => {
        const status = t(`page.portal.visit.status.${visit.status}`);
        return [
          { text: visit.mandate.title, href: href(`/portal/visits/${visit.id}`), header: true },
          format.date(visit.requestedOn),
          period(visit.scheduledPeriod),
          { text: status, tag: { text: status, colour: visitColour(visit.status) } },
        ];
      }),
    },
    empty: visits.length === 0 ? t('portal.visits.empty') : null,
    next: nextCursor ? href(`/portal/visits?cursor=${encodeURIComponent(nextCursor)}`) : null,
  };
}

function visitColour(status: string): Tag['colour'] {
  if (['requested', 'reminder_sent', 'dates_proposed'].includes(status)) {
    return 'yellow';
  }
  if (['accepted', 'scheduled', 'under_way', 'completed'].includes(status)) {
    return 'green';
  }
  return status === 'declined' ? 'red' : 'grey';
}

/** The answers the State may give now, by the statuses the request may move to next (V1). */
export const ANSWER_TARGETS: Record<string, string> = {
  acknowledge: 'acknowledged',
  accept: 'accepted',
  invite: 'accepted',
  propose_dates: 'dates_proposed',
  decline: 'declined',
};

export interface VisitAnswerValues {
  answer: string;
  from: { day: string; month: string; year: string };
  to: { day: string; month: string; year: string };
  note: string;
}

export interface PortalVisitView {
  heading: string;
  status: string;
  rows: Array<{ key: string; value: string }>;
  purpose: string;
  standingInvitation: string | null;
  answered: boolean;
  form: {
    action: string;
    answers: Array<{ value: string; text: string; hint?: string; checked?: boolean }>;
    values: VisitAnswerValues;
    errors: Array<{ href: string; text: string }>;
    fieldErrors: Record<string, string>;
  } | null;
}

/** `/{lang}/portal/visits/{id}`: a country-visit request as the State it was made to sees it, and its answers. */
export function portalVisitView(
  visit: GovernmentVisitDto,
  context: PageContext,
  form: { values?: VisitAnswerValues; errors?: FormError[]; answered?: boolean } = {},
): PortalVisitView {
  const { t, format, href } = context;
  const period = (value: { from: string; to: string } | null) =>
    value
      ? t('page.portal.visit.period', { from: format.date(value.from), to: format.date(value.to) })
      : t('page.portal.letter.none');
  const proposedByMandate = visit.status === 'dates_proposed' && visit.proposedPeriod !== null;
  const answers = Object.entries(ANSWER_TARGETS)
    .filter(([answer, target]) =>
      answer === 'accept' && visit.status === 'dates_proposed'
        ? visit.allowedNext.includes('scheduled')
        : visit.allowedNext.includes(target),
    )
    .map(([answer]) => answer);
  const values = form.values ?? { answer: '', from: blankDate(), to: blankDate(), note: '' };
  const errors = formErrors(form.errors ?? []);
  const answerText = (answer: string) =>
    answer === 'accept' && proposedByMandate
      ? t('portal.visit.answer.acceptDates', { period: period(visit.proposedPeriod) })
      : t(`portal.visit.answer.${answer}`);
  return {
    heading: visit.mandate.title,
    status: t(`page.portal.visit.status.${visit.status}`),
    rows: [
      { key: t('page.portal.visit.mandate'), value: visit.mandate.title },
      { key: t('page.portal.visit.requestedOn'), value: format.date(visit.requestedOn) },
      { key: t('page.portal.visit.requestedPeriod'), value: period(visit.requestedPeriod) },
      { key: t('page.portal.visit.proposedPeriod'), value: period(visit.proposedPeriod) },
      { key: t('page.portal.visit.scheduledPeriod'), value: period(visit.scheduledPeriod) },
    ],
    purpose: visit.purpose,
    standingInvitation: visit.standingInvitation
      ? t(
          visit.standingInvitation.appliesToMandate
            ? 'portal.visit.standingInvitation.applies'
            : 'portal.visit.standingInvitation.country',
          { date: format.date(visit.standingInvitation.issuedOn) },
        )
      : null,
    answered: form.answered ?? false,
    form:
      answers.length === 0
        ? null
        : {
            action: href(`/portal/visits/${visit.id}`),
            answers: answers.map((answer) => ({
              value: answer,
              text: answerText(answer),
              hint: t(`portal.visit.answer.${answer}.hint`),
              checked: values.answer === answer,
            })),
            values,
            errors: errors.summary,
            fieldErrors: errors.byField,
          },
  };
}

export function blankDate(): { day: string; month: string; year: string } {
  return { day: '', month: '', year: '' };
}

export interface PortalFocalPointsView {
  table: PortalInboxView['table'];
  empty: string | null;
}

/** `/{lang}/portal/focal-points`: where the system writes to the State, and in which language. */
export function portalFocalPointsView(points: FocalPointDto[], context: PageContext): PortalFocalPointsView {
  const { t } = context;
  return {
    table: {
      caption: t('portal.focalPoints.caption'),
      head: [
        { text: t('portal.focalPoints.name') },
        { text: t('portal.focalPoints.email') },
        { text: t('portal.focalPoints.language') },
      ],
      rows: points.map((point) => [
        { text: point.displayName, header: true },
        point.email,
        t(`portal.language.${point.mailLanguage}`),
      ]),
    },
    empty: points.length === 0 ? t('portal.focalPoints.empty') : null,
  };
}
