import { PortalCommunicationDto, referenceSlug } from '@spcomms/communications';
import { PortalReplyDto } from '@spcomms/replies';
import { PageContext } from '../../render/page-context';
import { Tag, daysLeftText, letterTag } from './portal.view';

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
