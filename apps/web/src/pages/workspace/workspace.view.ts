import { CommunicationDto } from '@spcomms/communications';
import { PortalReplyDto, ReplyDto } from '@spcomms/replies';
import { PageContext } from '../../render/page-context';

export interface ReplyView {
  heading: string;
  receivedOn: string;
  onTime: string | null;
  lang: string;
  text: string | null;
}

export interface WorkspaceLetterView {
  reference: string;
  status: { text: string; colour: string };
  rows: Array<{ key: string; value: string; values?: string[] }>;
  subject: string;
  body: string;
  lang: string;
  replies: ReplyView[];
}

const STATUS_COLOURS: Record<string, string> = { draft: 'yellow', sent: 'green', abandoned: 'grey' };

/** The replies to a letter, as its staff and its State both see them. */
export function replyViews(
  replies: PortalReplyDto[],
  context: PageContext,
  prefix = 'page.workspace.letter',
): ReplyView[] {
  return replies.map((reply) => ({
    heading: context.t(`${prefix}.reply.heading`, { number: reply.number }),
    receivedOn: context.format.date(reply.receivedOn),
    onTime: reply.onTime === null ? null : context.t(`${prefix}.reply.${reply.onTime ? 'onTime' : 'late'}`),
    lang: reply.language,
    text: reply.text,
  }));
}

/** `/{lang}/workspace/letters/{id}`: the letter as the staff of its mandates see it. */
export function workspaceLetterView(
  letter: CommunicationDto,
  replies: ReplyDto[],
  context: PageContext,
): WorkspaceLetterView {
  const { t, format } = context;
  const none = t('page.workspace.letter.none');
  return {
    reference: letter.reference ?? t('page.workspace.letter.draft'),
    status: {
      text: t(`page.workspace.letter.status.${letter.status}`),
      colour: STATUS_COLOURS[letter.status] ?? 'grey',
    },
    rows: [
      { key: t('page.workspace.letter.type'), value: t(`page.workspace.letter.type.${letter.type}`) },
      {
        key: t('page.workspace.letter.recipient'),
        value: format.country(letter.recipient.code, letter.recipient.name),
      },
      {
        key: t('page.workspace.letter.mandates'),
        value: '',
        values: letter.mandates.map((mandate) =>
          t('page.workspace.letter.mandate', {
            title: mandate.title,
            participation: t(`page.workspace.letter.participation.${mandate.participation}`),
          }),
        ),
      },
      { key: t('page.workspace.letter.sentOn'), value: letter.sentOn ? format.date(letter.sentOn) : none },
      {
        key: t('page.workspace.letter.replyDue'),
        value: letter.replyRequestedBy ? format.date(letter.replyRequestedBy) : none,
      },
      { key: t('page.workspace.letter.publicFrom'), value: letter.publicFrom ? format.date(letter.publicFrom) : none },
    ],
    subject: letter.subject,
    body: letter.body,
    lang: letter.language,
    replies: replyViews(replies, context),
  };
}
