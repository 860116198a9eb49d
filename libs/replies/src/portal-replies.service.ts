import { Injectable, StreamableFile } from '@nestjs/common';
import { Actor, Role, requireRole } from '@spcomms/access';
import { CommunicationEntity, CommunicationsRepository } from '@spcomms/communications';
import { NotFoundException } from '@spcomms/errors';
import { AttachmentDownloads } from './attachment-downloads';
import { SubmitReplyDto } from './replies.dto';
import { mapPortalReplies, mapReceipt } from './replies.mapper';
import { RepliesRepository } from './replies.repository';
import { ReplyForm, ReplyFormReader } from './reply-form';
import { PortalReplyDto, ReplyReceiptDto } from './reply-response.dto';
import { ReplyWriter, normaliseText } from './reply-writer';

/**
 * The Government portal side of replies: a government user replies to the sent letters addressed to
 * its State, lists the replies to them and downloads their attachments. Any other letter, and every
 * draft, answers 404 (C14).
 */
@Injectable()
export class PortalRepliesService {
  constructor(
    private readonly letters: CommunicationsRepository,
    private readonly repository: RepliesRepository,
    private readonly forms: ReplyFormReader,
    private readonly writer: ReplyWriter,
    private readonly downloads: AttachmentDownloads,
  ) {}

  /** The body is checked before the letter, so that a malformed request answers the same whatever the letter. */
  async submit(
    actor: Actor,
    communicationId: string,
    form: ReplyForm,
    idempotencyKey?: string,
  ): Promise<ReplyReceiptDto> {
    requireRole(actor, Role.Government);
    const key = this.writer.parseIdempotencyKey(idempotencyKey);
    const { dto, files } = await this.forms.read(form, SubmitReplyDto);
    try {
      const letter = await this.loadOwn(actor, communicationId);
      const { reply, attachments } = await this.writer.write(
        actor,
        letter,
        {
          kind: 'submit',
          text: normaliseText(dto.text),
          language: dto.language,
          confidential: dto.confidential ?? false,
          channel: 'portal',
          receivedOn: null,
          correctsReplyId: dto.correctsReplyId ?? null,
        },
        files,
        key,
        (recorded) => this.writer.announce(recorded),
      );
      return mapReceipt(reply, letter, attachments);
    } finally {
      await this.forms.discard(files);
    }
  }

  async list(actor: Actor, communicationId: string): Promise<PortalReplyDto[]> {
    const letter = await this.loadOwn(actor, communicationId);
    const replies = await this.repository.findRepliesOf(letter.id);
    return mapPortalReplies(replies, await this.repository.findAttachmentsOf(replies.map((reply) => reply.id)));
  }

  async download(
    actor: Actor,
    communicationId: string,
    replyId: string,
    attachmentId: string,
  ): Promise<StreamableFile> {
    const letter = await this.loadOwn(actor, communicationId);
    return this.downloads.open(letter.id, replyId, attachmentId);
  }

  /** A sent letter addressed to the actor's State; 404 for any other letter and for drafts. */
  private async loadOwn(actor: Actor, communicationId: string): Promise<CommunicationEntity> {
    requireRole(actor, Role.Government);
    const letter =
      actor.kind === 'user' && actor.stateCode
        ? await this.letters.findSentToStateById(actor.stateCode, communicationId)
        : null;
    if (!letter) {
      throw new NotFoundException('communication', communicationId);
    }
    return letter;
  }
}
