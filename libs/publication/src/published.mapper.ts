import {
  PublicAttachmentDto,
  PublicCommunicationDto,
  PublicCommunicationSummaryDto,
  PublicLetterLinkDto,
  PublicReplyDto,
} from './public-communication.dto';
import { PublishedCommunicationEntity } from './published-communication.entity';
import { PublishedAttachmentEntity, PublishedReplyEntity } from './published-reply.entity';

/**
 * The stable public address of a letter: `/public/communications/UA-IRN-5-2023` (the slug rule of
 * referenceSlug in the communications lib, which is not imported here: it depends on this lib).
 */
export const PUBLIC_COMMUNICATIONS_PATH = '/public/communications';
export const publicUrl = (reference: string): string =>
  `${PUBLIC_COMMUNICATIONS_PATH}/${reference.replace(/[ /]/g, '-')}`;

export const confidentialReplyNotice = (receivedOn: string): string =>
  `A reply was received on ${receivedOn}. It is confidential at the request of its author.`;

export type PublishedSummaryRow = Pick<
  PublishedCommunicationEntity,
  | 'reference'
  | 'type'
  | 'language'
  | 'recipientCode'
  | 'recipientKind'
  | 'recipientName'
  | 'mandates'
  | 'joint'
  | 'sentOn'
  | 'publicFrom'
  | 'subject'
  | 'themes'
  | 'replyStatus'
  | 'replyCount'
  | 'lastReplyOn'
>;

export const mapPublishedSummary = (row: PublishedSummaryRow): PublicCommunicationSummaryDto => ({
  reference: row.reference,
  url: publicUrl(row.reference),
  type: row.type,
  language: row.language,
  recipient: { code: row.recipientCode.trim(), name: row.recipientName, kind: row.recipientKind },
  mandates: row.mandates.map((mandate) => ({ code: mandate.code, title: mandate.title, lead: mandate.lead })),
  joint: row.joint,
  sentOn: row.sentOn,
  publicFrom: row.publicFrom,
  subject: row.subject,
  themes: row.themes,
  replyStatus: row.replyStatus,
  replyCount: Number(row.replyCount),
  lastReplyOn: row.lastReplyOn,
});

export const mapPublishedAttachment = (
  reference: string,
  attachment: PublishedAttachmentEntity,
): PublicAttachmentDto => ({
  id: attachment.id,
  fileName: attachment.fileName,
  mediaType: attachment.mediaType,
  size: Number(attachment.size),
  sha256: attachment.sha256,
  url: `${publicUrl(reference)}/attachments/${attachment.id}`,
});

/** A confidential reply is the placeholder only, whatever the row holds (C12). */
export const mapPublishedReply = (
  reference: string,
  reply: PublishedReplyEntity,
  attachments: PublishedAttachmentEntity[],
): PublicReplyDto =>
  reply.confidential
    ? {
        number: reply.number,
        receivedOn: reply.receivedOn,
        confidential: true,
        language: null,
        text: null,
        notice: confidentialReplyNotice(reply.receivedOn),
        correctsNumber: reply.correctsNumber,
        attachments: [],
      }
    : {
        number: reply.number,
        receivedOn: reply.receivedOn,
        confidential: false,
        language: reply.language,
        text: reply.text,
        notice: null,
        correctsNumber: reply.correctsNumber,
        attachments: attachments
          .filter((attachment) => attachment.replyId === reply.id)
          .map((attachment) => mapPublishedAttachment(reference, attachment)),
      };

export const mapLetterLink = (reference: string): PublicLetterLinkDto => ({ reference, url: publicUrl(reference) });

export interface PublishedRecord {
  letter: PublishedCommunicationEntity;
  replies: PublishedReplyEntity[];
  attachments: PublishedAttachmentEntity[];
  followsUp: string[];
  followedUpBy: string[];
}

export const mapPublishedRecord = (record: PublishedRecord): PublicCommunicationDto => {
  const { letter } = record;
  return {
    ...mapPublishedSummary(letter),
    replyRequestedBy: letter.replyRequestedBy,
    body: letter.body,
    lawOrPolicy: letter.lawOrPolicy,
    victims: letter.victims.map((victim) => ({ name: victim.name, group: victim.group })),
    replies: [...record.replies]
      .sort((a, b) => a.number - b.number)
      .map((reply) => mapPublishedReply(letter.reference, reply, record.attachments)),
    followsUp: [...record.followsUp].sort().map(mapLetterLink),
    followedUpBy: [...record.followedUpBy].sort().map(mapLetterLink),
  };
};
