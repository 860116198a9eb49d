import { AssistantLetterQueue } from '@spcomms/communications';
import { UnreadReplyRow } from '@spcomms/replies';
import { SubmissionSummaryDto } from '@spcomms/submissions';
import { VisitSummaryDto } from '@spcomms/visits';
import { PageContext } from '../../render/page-context';

export interface HomeItem {
  text: string;
  href: string;
  detail: string;
}

export interface HomeSection {
  id: string;
  heading: string;
  count: number;
  countText: string;
  items: HomeItem[];
  empty: string;
  more: { text: string; href: string } | null;
}

export interface WorkspaceHomeView {
  sections: HomeSection[];
  links: Array<{ text: string; href: string }>;
}

export interface WorkspaceHomeInput {
  submissions: { count: number; items: SubmissionSummaryDto[] };
  letters: AssistantLetterQueue;
  publication: Array<{ id: string; reference: string; publicFrom: string }>;
  visits: VisitSummaryDto[];
  replies: { count: number; items: UnreadReplyRow[] };
}

/** `/{lang}/workspace`: what needs the assistant now, over their mandates. */
export function workspaceHomeView(input: WorkspaceHomeInput, context: PageContext): WorkspaceHomeView {
  const { t, format, href } = context;
  const letter = (id: string, suffix = '') => href(`/workspace/letters/${id}${suffix}`);
  const section = (
    id: string,
    count: number,
    items: HomeItem[],
    more: { text: string; href: string } | null = null,
  ): HomeSection => ({
    id,
    heading: t(`page.workspace.home.${id}.heading`),
    count,
    countText: t(`page.workspace.home.${id}.count`, { count }),
    items,
    empty: t(`page.workspace.home.${id}.empty`),
    more,
  });
  const { letters } = input;
  return {
    sections: [
      section(
        'submissions',
        input.submissions.count,
        input.submissions.items.map((item) => ({
          text: item.receiptCode,
          href: href(`/workspace/submissions/${item.id}`),
          detail: t('page.workspace.home.receivedOn', { date: format.date(item.receivedAt) }),
        })),
        { text: t('page.workspace.home.submissions.all'), href: href('/workspace/submissions?status=received') },
      ),
      section(
        'signatures',
        letters.awaitingSignatures.length,
        letters.awaitingSignatures.map((draft) => ({
          text: draft.subject,
          href: letter(draft.id),
          detail: [
            t('page.workspace.home.missing', { mandates: draft.missing.join(', ') }),
            draft.signOnBy ? t('page.workspace.home.signOnBy', { date: format.dateTime(draft.signOnBy) }) : '',
          ]
            .filter(Boolean)
            .join(' · '),
        })),
      ),
      section(
        'declined',
        letters.declined.length,
        letters.declined.map((row) => ({
          text: row.subject,
          href: letter(row.id),
          detail: t('page.workspace.home.declinedBy', { mandate: row.mandate, date: format.date(row.decidedAt) }),
        })),
      ),
      section(
        'ready',
        letters.readyToSend.length,
        letters.readyToSend.map((draft) => ({ text: draft.subject, href: letter(draft.id), detail: '' })),
      ),
      section(
        'overdue',
        letters.overdue.length,
        letters.overdue.map((row) => ({
          text: row.reference,
          href: letter(row.id),
          detail: t('page.workspace.home.replyDue', { date: format.date(row.replyRequestedBy) }),
        })),
      ),
      section(
        'replies',
        input.replies.count,
        input.replies.items.map((row) => ({
          text: row.reference ?? '',
          href: letter(row.communicationId),
          detail: t('page.workspace.home.replyReceived', { number: row.number, date: format.date(row.receivedOn) }),
        })),
      ),
      section(
        'publication',
        input.publication.length,
        input.publication.map((row) => ({
          text: row.reference,
          href: letter(row.id, '/publication'),
          detail: t('page.workspace.home.publicFrom', { date: format.date(row.publicFrom) }),
        })),
      ),
      section(
        'visits',
        input.visits.length,
        input.visits.map((visit) => ({
          text: format.country(visit.state.code, visit.state.name),
          href: href(`/workspace/visits/${visit.id}`),
          detail: t('page.workspace.home.requestedOn', {
            mandate: visit.mandate.code,
            date: format.date(visit.requestedOn),
          }),
        })),
        { text: t('page.workspace.home.visits.all'), href: href('/workspace/visits') },
      ),
    ],
    links: [
      { text: t('page.workspace.home.link.letters'), href: href('/workspace/letters') },
      { text: t('page.workspace.home.link.submissions'), href: href('/workspace/submissions') },
      { text: t('page.workspace.home.link.decisions'), href: href('/workspace/decisions') },
      { text: t('page.workspace.home.link.visits'), href: href('/workspace/visits') },
    ],
  };
}
