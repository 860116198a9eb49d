import { PublicAttachmentDto, PublicCommunicationDto, PublicLetterLinkDto } from '@spcomms/publication';
import { directionOf, isLanguage } from '../../i18n/languages';
import { PageContext } from '../../render/page-context';

/** Text in its own language, line breaks kept (the style shows them): `lang` always, `dir` when it differs from the page's. */
export interface ForeignText {
  text: string;
  lang: string;
  dir: 'rtl' | 'ltr' | null;
}

export interface AttachmentLink {
  href: string;
  fileName: string;
  size: string;
  type: string;
}

export interface ReplyView {
  number: number;
  heading: string;
  receivedOn: string;
  receivedOnIso: string;
  confidential: boolean;
  /** The placeholder of a confidential reply (C12), in the page's language. */
  notice: string | null;
  text: ForeignText | null;
  languageName: string | null;
  corrects: string | null;
  attachments: AttachmentLink[];
}

export interface LetterLink {
  reference: string;
  href: string;
}

export interface LetterView {
  reference: string;
  slug: string;
  subject: string;
  /** The language of the subject and the body. */
  language: string;
  type: string;
  recipient: string;
  sentOn: string;
  sentOnIso: string;
  publicFrom: string;
  publicFromIso: string;
  replyRequestedBy: string | null;
  replyRequestedByIso: string | null;
  mandates: Array<{ code: string; title: string; lang: string | null; lead: boolean }>;
  joint: string;
  themes: string[];
  replyStatus: string;
  lawOrPolicy: string | null;
  victims: Array<{ name: string; group: boolean }>;
  body: ForeignText;
  replies: ReplyView[];
  followsUp: LetterLink[];
  followedUpBy: LetterLink[];
  printHref: string;
  /** The public, redacted PDF: `/{lang}/communications/UA-IRN-5-2023.pdf`. */
  pdfHref: string;
  pageHref: string;
  print: boolean;
}

function foreignText(text: string, lang: string, context: PageContext): ForeignText {
  const dir = isLanguage(lang) ? directionOf(lang) : 'ltr';
  return { text: text.replace(/\r\n/g, '\n').trim(), lang, dir: dir === context.dir ? null : dir };
}

export const slugOfReference = (reference: string): string => reference.replace(/[ /]/g, '-');

const MEDIA_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
};

function attachmentLink(slug: string, attachment: PublicAttachmentDto, context: PageContext): AttachmentLink {
  return {
    href: context.href(`/communications/${slug}/attachments/${attachment.id}`),
    fileName: attachment.fileName,
    size: context.format.bytes(attachment.size),
    type: context.t(`letter.attachment.type.${MEDIA_TYPES[attachment.mediaType] ?? 'other'}`),
  };
}

const link = (context: PageContext) => (letter: PublicLetterLinkDto) => ({
  reference: letter.reference,
  href: context.href(`/communications/${slugOfReference(letter.reference)}`),
});

/** The letter page's view model from the record the public search service gives. */
export function letterView(record: PublicCommunicationDto, context: PageContext, print: boolean): LetterView {
  const t = context.t;
  const slug = slugOfReference(record.reference);
  const languageName = (code: string | null) =>
    code && isLanguage(code) ? t(`letter.language.${code}`) : (code ?? null);
  return {
    reference: record.reference,
    slug,
    subject: record.subject,
    language: record.language,
    type: t(`letter.type.${record.type}`),
    recipient:
      record.recipient.kind === 'state'
        ? context.format.country(record.recipient.code, record.recipient.name)
        : record.recipient.name,
    sentOn: context.format.date(record.sentOn),
    sentOnIso: record.sentOn,
    publicFrom: context.format.date(record.publicFrom),
    publicFromIso: record.publicFrom,
    replyRequestedBy: record.replyRequestedBy ? context.format.date(record.replyRequestedBy) : null,
    replyRequestedByIso: record.replyRequestedBy,
    // Mandate titles exist in English only in the reference data: marked as English in other pages.
    mandates: record.mandates.map((mandate) => ({
      code: mandate.code,
      title: mandate.title,
      lang: context.lang === 'en' ? null : 'en',
      lead: mandate.lead,
    })),
    joint: t(record.joint ? 'letter.joint.yes' : 'letter.joint.no'),
    themes: record.themes,
    replyStatus: t(`search.replyStatus.${record.replyStatus}`),
    lawOrPolicy: record.lawOrPolicy,
    victims: record.victims,
    body: foreignText(record.body, record.language, context),
    replies: record.replies.map((reply) => ({
      number: reply.number,
      heading: t('letter.reply.heading', { number: reply.number }),
      receivedOn: context.format.date(reply.receivedOn),
      receivedOnIso: reply.receivedOn,
      confidential: reply.confidential,
      notice: reply.confidential
        ? t('letter.reply.confidential', { date: context.format.date(reply.receivedOn) })
        : null,
      text: !reply.confidential && reply.text ? foreignText(reply.text, reply.language ?? 'und', context) : null,
      languageName: reply.confidential ? null : languageName(reply.language),
      corrects: reply.correctsNumber ? t('letter.reply.corrects', { number: reply.correctsNumber }) : null,
      attachments: reply.confidential ? [] : reply.attachments.map((file) => attachmentLink(slug, file, context)),
    })),
    followsUp: record.followsUp.map(link(context)),
    followedUpBy: record.followedUpBy.map(link(context)),
    printHref: context.href(`/communications/${slug}/print`),
    pdfHref: context.href(`/communications/${slug}.pdf`),
    pageHref: context.href(`/communications/${slug}`),
    print,
  };
}
