import { CommunicationEntity } from '@spcomms/communications';
import { ReplyAttachmentEntity } from './reply-attachment.entity';
import { PortalReplyDto, ReplyAttachmentDto, ReplyDto, ReplyReceiptDto } from './reply-response.dto';
import { ReplyEntity } from './reply.entity';

export const mapAttachment = (attachment: ReplyAttachmentEntity): ReplyAttachmentDto => ({
  id: attachment.id,
  fileName: attachment.fileName,
  mediaType: attachment.mediaType,
  size: Number(attachment.size),
  sha256: attachment.sha256,
});

export function mapReceipt(
  reply: ReplyEntity,
  letter: CommunicationEntity,
  attachments: ReplyAttachmentEntity[],
): ReplyReceiptDto {
  return {
    replyId: reply.id,
    receiptCode: reply.receiptCode,
    communicationId: letter.id,
    reference: letter.reference as string,
    number: reply.number,
    receivedOn: reply.receivedOn,
    receivedAt: reply.receivedAt,
    replyRequestedBy: reply.requestedBy,
    onTime: reply.onTime,
    attachments: attachments.map(mapAttachment),
  };
}

/** The replies of one letter, each with its attachments and the later replies that correct it. */
export function mapPortalReplies(replies: ReplyEntity[], attachments: ReplyAttachmentEntity[]): PortalReplyDto[] {
  return replies.map((reply) => mapPortalReply(reply, replies, attachments));
}

export function mapReplies(replies: ReplyEntity[], attachments: ReplyAttachmentEntity[]): ReplyDto[] {
  return replies.map((reply) => ({
    ...mapPortalReply(reply, replies, attachments),
    communicationId: reply.communicationId,
    recordedBy: reply.recordedBy,
  }));
}

function mapPortalReply(reply: ReplyEntity, all: ReplyEntity[], attachments: ReplyAttachmentEntity[]): PortalReplyDto {
  return {
    id: reply.id,
    number: reply.number,
    receiptCode: reply.receiptCode,
    receivedOn: reply.receivedOn,
    receivedAt: reply.receivedAt,
    language: reply.language,
    text: reply.text,
    confidential: reply.confidential,
    channel: reply.channel,
    requestedBy: reply.requestedBy,
    onTime: reply.onTime,
    correctsReplyId: reply.correctsReplyId,
    correctedBy: all.filter((other) => other.correctsReplyId === reply.id).map((other) => other.id),
    attachments: attachments.filter((attachment) => attachment.replyId === reply.id).map(mapAttachment),
    createdAt: reply.createdAt,
  };
}

/** What an audit event keeps of a reply: ids, dates and flags, never its text, language or file names. */
export function auditView(reply: ReplyEntity, attachments: ReplyAttachmentEntity[]): Record<string, unknown> {
  return {
    communicationId: reply.communicationId,
    number: reply.number,
    receivedOn: reply.receivedOn,
    requestedBy: reply.requestedBy,
    onTime: reply.onTime,
    confidential: reply.confidential,
    channel: reply.channel,
    correctsReplyId: reply.correctsReplyId,
    attachmentIds: attachments.map((attachment) => attachment.id),
  };
}
