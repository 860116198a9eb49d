import { Injectable, StreamableFile } from '@nestjs/common';
import { AccessDeniedException, Actor, Role, UserActor, hasRole, requireRole } from '@spcomms/access';
import { CommunicationAccess, CommunicationEntity, CommunicationsRepository } from '@spcomms/communications';
import { Clock } from '@spcomms/clock';
import { AttachmentDownloads } from './attachment-downloads';
import { RecordReplyDto } from './replies.dto';
import { RepliesErrorCode, RepliesException } from './replies.exception';
import { mapReplies } from './replies.mapper';
import { RepliesRepository, UnreadReplyRow } from './replies.repository';
import { ReplyForm, ReplyFormReader } from './reply-form';
import { ReplyDto } from './reply-response.dto';
import { ReplyWriter, normaliseText } from './reply-writer';

/**
 * Replies for the assistants and mandate-holders of a letter's mandates: assistants record replies
 * received by other channels on the recipient's behalf (C10); staff list them and their attachments.
 */
@Injectable()
export class RepliesService {
  constructor(
    private readonly letters: CommunicationsRepository,
    private readonly access: CommunicationAccess,
    private readonly repository: RepliesRepository,
    private readonly forms: ReplyFormReader,
    private readonly writer: ReplyWriter,
    private readonly downloads: AttachmentDownloads,
    private readonly clock: Clock,
  ) {}

  /** The body is checked before the letter, so that a malformed request answers the same whatever the letter. */
  async record(actor: Actor, communicationId: string, form: ReplyForm, idempotencyKey?: string): Promise<ReplyDto> {
    requireRole(actor, Role.Assistant);
    const key = this.writer.parseIdempotencyKey(idempotencyKey);
    const { dto, files } = await this.forms.read(form, RecordReplyDto);
    try {
      const letter = await this.access.loadVisible(actor, communicationId);
      await this.requireSigningMandate(actor, letter);
      if (letter.status !== 'sent') {
        throw new RepliesException(RepliesErrorCode.LetterNotSent, 'Replies are recorded for sent letters only');
      }
      const { reply } = await this.writer.write(
        actor,
        letter,
        {
          kind: 'record',
          text: normaliseText(dto.text),
          language: dto.language,
          confidential: dto.confidential ?? false,
          channel: dto.channel,
          receivedOn: dto.receivedOn ?? null,
          correctsReplyId: dto.correctsReplyId ?? null,
        },
        files,
        key,
        (recorded) => this.writer.announce(recorded),
      );
      const replies = await this.repository.findRepliesOf(letter.id);
      const dtos = mapReplies(replies, await this.repository.findAttachmentsOf(replies.map((row) => row.id)));
      return dtos.find((candidate) => candidate.id === reply.id) as ReplyDto;
    } finally {
      await this.forms.discard(files);
    }
  }

  async list(actor: Actor, communicationId: string): Promise<ReplyDto[]> {
    requireRole(actor, Role.Assistant, Role.MandateHolder);
    const letter = await this.access.loadVisible(actor, communicationId);
    const replies = await this.repository.findRepliesOf(letter.id);
    return mapReplies(replies, await this.repository.findAttachmentsOf(replies.map((reply) => reply.id)));
  }

  /**
   * Records that an assistant has read these replies of a letter they may see (its page showed them):
   * idempotent, and only replies of that letter count. Anyone else reads without a record.
   */
  async markRead(actor: Actor, communicationId: string, replyIds: string[]): Promise<void> {
    requireRole(actor, Role.Assistant, Role.MandateHolder);
    const letter = await this.access.loadVisible(actor, communicationId);
    if (!hasRole(actor, Role.Assistant)) {
      return;
    }
    await this.repository.markRead(letter.id, replyIds, actor.userId, this.clock.now());
  }

  /** The replies to letters of the assistant's mandates that they have not read yet (oldest first). */
  async unreadFor(actor: Actor, limit = 20): Promise<{ count: number; items: UnreadReplyRow[] }> {
    if (!hasRole(actor, Role.Assistant)) {
      throw new AccessDeniedException('Only assistants have replies to read');
    }
    return this.repository.findUnread(actor.userId, actor.mandateIds, limit);
  }

  async download(
    actor: Actor,
    communicationId: string,
    replyId: string,
    attachmentId: string,
  ): Promise<StreamableFile> {
    requireRole(actor, Role.Assistant, Role.MandateHolder);
    const letter = await this.access.loadVisible(actor, communicationId);
    return this.downloads.open(letter.id, replyId, attachmentId);
  }

  /** An assistant records for a mandate still on the letter (the lead or a co-signer), not one that left it. */
  private async requireSigningMandate(actor: UserActor, letter: CommunicationEntity): Promise<void> {
    const rows = await this.letters.findMandatesOf(letter.id);
    const own = new Set(actor.mandateIds);
    if (
      !rows.some((row) => own.has(row.mandateId) && (row.participation === 'lead' || row.participation === 'invited'))
    ) {
      throw new RepliesException(RepliesErrorCode.NotOnLetter, 'None of your mandates signed this letter');
    }
  }
}
