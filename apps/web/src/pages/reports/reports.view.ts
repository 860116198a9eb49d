import { CommunicationsReportDto, HRC_SESSIONS, HrcSession, ReportReplyDto } from '@spcomms/public-search';
import { PublicCommunicationSummaryDto } from '@spcomms/publication';
import { PageContext } from '../../render/page-context';
import { slugOfUrl } from '../search/search.view';

/** The first year of the communications reports. */
export const FIRST_REPORT_YEAR = 2006;
/** Years the reports page lists; older sessions are reached with the form. */
export const LISTED_YEARS = 10;

export interface SessionLink {
  href: string;
  label: string;
}

export interface ReportsIndexView {
  years: Array<{ year: number; sessions: SessionLink[] }>;
  sessions: Array<{ value: HrcSession; label: string; checked: boolean }>;
  year: string;
  errors: Array<{ href: string; text: string }>;
  fieldErrors: Record<string, string>;
}

export interface ReportLetterRow {
  reference: string;
  href: string;
  type: string;
  recipient: string;
  mandates: string;
  sentOn: string;
  sentOnIso: string;
  subject: string;
  language: string;
  replyStatus: string;
}

export interface ReportReplyRow {
  reference: string;
  href: string;
  number: string;
  recipient: string;
  sentOn: string;
  sentOnIso: string;
  receivedOn: string;
  receivedOnIso: string;
  status: string;
}

export interface ReportView {
  heading: string;
  lettersWindow: string;
  repliesWindow: string;
  letters: ReportLetterRow[];
  replies: ReportReplyRow[];
  repliesToEarlierLetters: ReportReplyRow[];
  lettersCount: string;
  repliesCount: string;
  earlierCount: string;
  csvHref: string;
  indexHref: string;
}

export const isSession = (value: string): value is HrcSession => (HRC_SESSIONS as readonly string[]).includes(value);

/** The session whose letters window has opened by `today`, for each year up to this one. */
export function sessionsOpenedBy(year: number, today: string): HrcSession[] {
  const opened: Record<HrcSession, string> = {
    march: `${year - 1}-06-01`,
    june: `${year - 1}-12-01`,
    september: `${year}-03-01`,
  };
  return HRC_SESSIONS.filter((session) => opened[session] <= today);
}

export function reportsIndexView(
  today: string,
  context: PageContext,
  form: { year: string; session: string; errors: Array<{ field: string; message: string }> } = {
    year: '',
    session: '',
    errors: [],
  },
): ReportsIndexView {
  const thisYear = Number(today.slice(0, 4));
  const years: ReportsIndexView['years'] = [];
  for (let year = thisYear + 1; year > thisYear + 1 - LISTED_YEARS && year >= FIRST_REPORT_YEAR; year--) {
    const sessions = sessionsOpenedBy(year, today);
    if (sessions.length > 0) {
      years.push({
        year,
        sessions: sessions.map((session) => ({
          href: context.href(`/reports/${year}/${session}`),
          label: context.t('reports.session.name', { session, year: String(year) }),
        })),
      });
    }
  }
  const fieldErrors: Record<string, string> = {};
  for (const error of form.errors) {
    fieldErrors[error.field] ??= context.t(error.message);
  }
  return {
    years,
    sessions: HRC_SESSIONS.map((session) => ({
      value: session,
      label: context.t('reports.session.short', { session }),
      checked: form.session === session,
    })),
    year: form.year,
    errors: form.errors.map((error) => ({ href: `#${error.field}`, text: context.t(error.message) })),
    fieldErrors,
  };
}

function letterRow(letter: PublicCommunicationSummaryDto, context: PageContext): ReportLetterRow {
  return {
    reference: letter.reference,
    href: context.href(`/communications/${slugOfUrl(letter.url)}`),
    type: context.t(`letter.type.${letter.type}`),
    recipient:
      letter.recipient.kind === 'state'
        ? context.format.country(letter.recipient.code, letter.recipient.name)
        : letter.recipient.name,
    mandates: letter.mandates.map((mandate) => mandate.code).join(', '),
    sentOn: context.format.date(letter.sentOn),
    sentOnIso: letter.sentOn,
    subject: letter.subject,
    language: letter.language,
    replyStatus: context.t(`search.replyStatus.${letter.replyStatus}`),
  };
}

function replyRow(reply: ReportReplyDto, context: PageContext): ReportReplyRow {
  return {
    reference: reply.reference,
    href: context.href(`/communications/${slugOfUrl(reply.url)}#reply-${reply.number}`),
    number: context.format.number(reply.number),
    recipient:
      reply.recipient.kind === 'state'
        ? context.format.country(reply.recipient.code, reply.recipient.name)
        : reply.recipient.name,
    sentOn: context.format.date(reply.sentOn),
    sentOnIso: reply.sentOn,
    receivedOn: context.format.date(reply.receivedOn),
    receivedOnIso: reply.receivedOn,
    status: context.t(reply.confidential ? 'reports.reply.confidential' : 'reports.reply.public'),
  };
}

/** The report to one session (C16): its windows, its letters, the replies, the replies to earlier letters. */
export function reportView(report: CommunicationsReportDto, context: PageContext): ReportView {
  const t = context.t;
  const range = (window: { from: string; to: string }) =>
    t('reports.window', { from: context.format.date(window.from), to: context.format.date(window.to) });
  const count = (key: string, value: number) => t(key, { count: value, formatted: context.format.number(value) });
  return {
    heading: t('reports.session.name', { session: report.session, year: String(report.year) }),
    lettersWindow: range(report.lettersWindow),
    repliesWindow: range(report.repliesWindow),
    letters: report.letters.map((letter) => letterRow(letter, context)),
    replies: report.replies.map((reply) => replyRow(reply, context)),
    repliesToEarlierLetters: report.repliesToEarlierLetters.map((reply) => replyRow(reply, context)),
    lettersCount: count('reports.letters.count', report.letters.length),
    repliesCount: count('reports.replies.count', report.replies.length),
    earlierCount: count('reports.replies.count', report.repliesToEarlierLetters.length),
    csvHref: `/public/communication-reports/${report.year}/${report.session}?format=csv`,
    indexHref: context.href('/reports'),
  };
}
