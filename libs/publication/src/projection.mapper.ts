import type { VersionContent } from '@spcomms/domain-events';
import { SourceAttachment, SourceLetter, SourceMandate, SourceReply } from './publication.repository';
import {
  PUBLISHED_LANGUAGES,
  PublishedCommunicationEntity,
  PublishedLanguage,
  RecipientKind,
  ReplyStatus,
} from './published-communication.entity';
import { PublishedAttachmentEntity, PublishedReplyEntity } from './published-reply.entity';
import { PublicText } from './personal-data';
import { RedactableSource, Redactor, WithheldName, publicVictimName, redactionFor } from './redaction';

/** Everything a letter's publication is made of, read from the internal tables. */
export interface ProjectionSource {
  letter: SourceLetter & { reference: string; sentOn: string; publicFrom: string };
  content: VersionContent;
  mandates: SourceMandate[];
  recipientName: string;
  otherRecipientCode: string;
  replies: SourceReply[];
  attachments: SourceAttachment[];
  /** The sources of the submissions linked to the letter: withheld from every public text (C14). */
  sources: RedactableSource[];
}

export interface Projection {
  letter: PublishedCommunicationEntity;
  replies: PublishedReplyEntity[];
  attachments: PublishedAttachmentEntity[];
  /** The names the redaction withheld from these rows, with how many times. */
  withheld: WithheldName[];
}

const LETTER_TYPES = ['UA', 'AL', 'OL'];

/** The plain type of a letter; imported letters with an older type (JUA, JAL) count as UA, AL (C8). */
export function publicType(letter: Pick<SourceLetter, 'type' | 'legacyType'>): string {
  if (LETTER_TYPES.includes(letter.type)) {
    return letter.type;
  }
  const legacy = (letter.legacyType ?? '').replace(/^J/, '');
  return LETTER_TYPES.includes(legacy) ? legacy : 'AL';
}

export function replyStatusOf(replies: Array<{ confidential: boolean }>): ReplyStatus {
  if (replies.length === 0) {
    return 'not_replied';
  }
  return replies.some((reply) => !reply.confidential) ? 'replied' : 'confidential';
}

const asLanguage = (language: string): PublishedLanguage =>
  (PUBLISHED_LANGUAGES as readonly string[]).includes(language) ? (language as PublishedLanguage) : 'en';

/**
 * The redacted public rows of a reply: a confidential one becomes a placeholder without text,
 * language or attachments (C12); a public one has its text and file names redacted (C14).
 */
export function projectReply(
  reply: SourceReply,
  attachments: SourceAttachment[],
  redact: Redactor,
  publishedAt: Date,
): { reply: PublishedReplyEntity; attachments: PublishedAttachmentEntity[] } {
  const row = Object.assign(new PublishedReplyEntity(), {
    id: reply.id,
    communicationId: reply.communicationId,
    number: Number(reply.number),
    receivedOn: reply.receivedOn,
    confidential: reply.confidential,
    language: reply.confidential ? null : asLanguage(reply.language),
    text: reply.confidential || reply.text === null ? null : redact(reply.text),
    correctsNumber: reply.correctsNumber === null ? null : Number(reply.correctsNumber),
    publishedAt,
  });
  if (reply.confidential) {
    return { reply: row, attachments: [] };
  }
  return {
    reply: row,
    attachments: attachments
      .filter((attachment) => attachment.replyId === reply.id)
      .map((attachment) =>
        Object.assign(new PublishedAttachmentEntity(), {
          id: attachment.id,
          replyId: reply.id,
          replyConfidential: false,
          position: Number(attachment.position),
          fileName: redact(attachment.fileName),
          mediaType: attachment.mediaType,
          size: String(attachment.size),
          sha256: attachment.sha256,
          storageKey: attachment.storageKey,
        }),
      ),
  };
}

/** The redacted public copy of a sent letter and of the replies received so far (C11, C12, C14). */
export function buildProjection(source: ProjectionSource, publishedAt: Date): Projection {
  const { letter, content } = source;
  const redaction = redactionFor(content.victims, source.sources);
  const redact = redaction.redact;
  const replies = source.replies.map((reply) => projectReply(reply, source.attachments, redact, publishedAt));
  const lead = source.mandates.find((mandate) => mandate.lead) ?? source.mandates[0];
  const recipientKind: RecipientKind =
    letter.otherRecipientId || letter.recipientCode === source.otherRecipientCode ? 'other' : 'state';
  const row = Object.assign(new PublishedCommunicationEntity(), {
    communicationId: letter.id,
    reference: letter.reference,
    type: publicType(letter),
    language: asLanguage(content.language),
    recipientCode: letter.recipientCode,
    recipientKind,
    recipientName: source.recipientName,
    otherRecipientId: letter.otherRecipientId,
    leadMandateCode: lead?.code ?? '',
    mandateCodes: source.mandates.map((mandate) => mandate.code),
    mandates: source.mandates.map((mandate) => ({ code: mandate.code, title: mandate.title, lead: mandate.lead })),
    joint: source.mandates.length >= 2,
    sentOn: letter.sentOn,
    sentYear: Number(letter.sentOn.slice(0, 4)),
    replyRequestedBy: letter.replyRequestedBy,
    publicFrom: letter.publicFrom,
    publishedAt,
    subject: redact(content.subject),
    body: redact(content.body),
    lawOrPolicy: content.lawOrPolicy === null ? null : redact(content.lawOrPolicy),
    victims: content.victims.map((victim) => ({
      name: redact(publicVictimName(victim)),
      group: victim.group ?? false,
    })),
    themes: content.themes.map(redact),
    replyStatus: replyStatusOf(source.replies),
    replyCount: source.replies.length,
    lastReplyOn: source.replies.reduce<string | null>(
      (last, reply) => (last === null || reply.receivedOn > last ? reply.receivedOn : last),
      null,
    ),
  });
  return {
    letter: row,
    replies: replies.map((entry) => entry.reply),
    attachments: replies.flatMap((entry) => entry.attachments),
    withheld: redaction.withheld(),
  };
}

/** Every text of the public version, named by where it is (for the personal-data warnings). */
export function publicTexts(projection: Projection): PublicText[] {
  const { letter } = projection;
  const numberOf = new Map(projection.replies.map((reply) => [reply.id, reply.number]));
  return [
    { field: 'subject', text: letter.subject },
    { field: 'body', text: letter.body },
    ...(letter.lawOrPolicy === null ? [] : [{ field: 'lawOrPolicy', text: letter.lawOrPolicy }]),
    { field: 'themes', text: letter.themes.join('\n') },
    { field: 'victims', text: letter.victims.map((victim) => victim.name).join('\n') },
    ...projection.replies
      .filter((reply) => reply.text !== null)
      .map((reply) => ({ field: `replies[${reply.number}].text`, text: reply.text as string })),
    ...projection.attachments.map((attachment) => ({
      field: `replies[${numberOf.get(attachment.replyId)}].attachments`,
      text: attachment.fileName,
    })),
  ];
}
