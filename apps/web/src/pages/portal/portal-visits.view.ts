import { GovernmentVisitDto, VisitSummaryDto } from '@spcomms/visits';
import { FormError, formErrors } from '../../forms/form-errors';
import { PageContext } from '../../render/page-context';
import { PortalInboxView, Tag } from './portal.view';

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
