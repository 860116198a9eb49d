import { Injectable, StreamableFile } from '@nestjs/common';
import { NotFoundException } from '@spcomms/errors';
import { AttachmentStorage } from './attachment-storage';
import { RepliesRepository } from './replies.repository';

/** Streams an attachment of a reply to a letter the caller has already been allowed to see. */
@Injectable()
export class AttachmentDownloads {
  constructor(
    private readonly repository: RepliesRepository,
    private readonly storage: AttachmentStorage,
  ) {}

  async open(communicationId: string, replyId: string, attachmentId: string): Promise<StreamableFile> {
    const attachment = await this.repository.findAttachment(communicationId, replyId, attachmentId);
    if (!attachment) {
      throw new NotFoundException('reply_attachment', attachmentId);
    }
    return new StreamableFile(await this.storage.get(attachment.storageKey), {
      type: attachment.mediaType,
      length: Number(attachment.size),
      disposition: contentDisposition(attachment.fileName),
    });
  }
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 encoding. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
