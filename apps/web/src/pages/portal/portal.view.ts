import { PortalCommunicationDto } from '@spcomms/communications';
import { PortalReplyDto } from '@spcomms/replies';
import { GovernmentVisitDto } from '@spcomms/visits';
import { PageContext } from '../../render/page-context';
import { ReplyView, replyViews } from '../workspace/workspace.view';

export interface PortalLetterView {
  reference: string;
  rows: Array<{ key: string; value: string; values?: string[] }>;
  subject: string;
  body: string;
  lang: string;
  replies: ReplyView[];
}

/** `/{lang}/portal/letters/{id}`: a sent letter as the focal points of its State see it. */
export function portalLetterView(
  letter: PortalCommunicationDto,
  replies: PortalReplyDto[],
  context: PageContext,
): PortalLetterView {
  const { t, format } = context;
  return {
    reference: letter.reference,
    rows: [
      { key: t('page.portal.letter.type'), value: t(`page.portal.letter.type.${letter.type}`) },
      { key: t('page.portal.letter.mandates'), value: '', values: letter.mandates },
      { key: t('page.portal.letter.sentOn'), value: format.date(letter.sentOn) },
      { key: t('page.portal.letter.replyDue'), value: format.date(letter.replyRequestedBy) },
      { key: t('page.portal.letter.publicFrom'), value: format.date(letter.publicFrom) },
    ],
    subject: letter.subject,
    body: letter.body,
    lang: letter.language,
    replies: replyViews(replies, context, 'page.portal.letter'),
  };
}

export interface PortalVisitView {
  heading: string;
  status: string;
  rows: Array<{ key: string; value: string }>;
  purpose: string;
}

/** `/{lang}/portal/visits/{id}`: a country-visit request as the State it was made to sees it. */
export function portalVisitView(visit: GovernmentVisitDto, context: PageContext): PortalVisitView {
  const { t, format } = context;
  const period = (value: { from: string; to: string } | null) =>
    value
      ? t('page.portal.visit.period', { from: format.date(value.from), to: format.date(value.to) })
      : t('page.portal.letter.none');
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
  };
}
