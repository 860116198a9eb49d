import { PortalCommunicationDto, referenceSlug } from '@spcomms/communications';
import { PageContext } from '../../render/page-context';

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
export function daysLeftText(letter: PortalCommunicationDto, t: PageContext['t']): string {
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
