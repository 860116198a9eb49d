import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import stringify from 'safe-stable-stringify';
import { Actor } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock, calendarDateIn } from '@spcomms/clock';
import { CommunicationEntity, CommunicationsRepository, letterFacts } from '@spcomms/communications';
import { AppConfig } from '@spcomms/config';
import { TransactionHost } from '@spcomms/database';
import { DomainEventBus, ReplyRecorded } from '@spcomms/domain-events';
import { AttachmentStorage } from './attachment-storage';
import { RepliesErrorCode, RepliesException, ReplyValidationException } from './replies.exception';
import { auditView } from './replies.mapper';
import { RepliesRepository } from './replies.repository';
import { AcceptedFile } from './reply-form';
import { ReplyAttachmentEntity } from './reply-attachment.entity';
import { ReplyChannel, ReplyEntity, ReplyLanguage } from './reply.entity';
import { UploadStaging } from './upload-staging';

/** A reply about to be recorded, whoever brings it. */
export interface NewReply {
  /** `submit`: posted by the recipient on the portal; `record`: recorded by an assistant. */
  kind: 'submit' | 'record';
  text: string | null;
  language: ReplyLanguage;
  confidential: boolean;
  channel: ReplyChannel;
  /** The day of receipt an assistant gives; null: received now. */
  receivedOn: string | null;
  correctsReplyId: string | null;
}

export interface RecordedReply {
  reply: ReplyEntity;
  attachments: ReplyAttachmentEntity[];
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Records a reply (C10): the idempotency key, the number, the attachments in the storage (written
 * before their rows, in the same transaction's locks), the rows and the audit event, all or nothing.
 */
@Injectable()
export class ReplyWriter {
  private readonly logger = new Logger(ReplyWriter.name);

  constructor(
    private readonly repository: RepliesRepository,
    private readonly letters: CommunicationsRepository,
    private readonly storage: AttachmentStorage,
    private readonly staging: UploadStaging,
    private readonly bus: DomainEventBus,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Checks an `Idempotency-Key` header: printable ASCII, 1–200 characters. */
  parseIdempotencyKey(raw: string | undefined): string | undefined {
    if (raw === undefined) {
      return undefined;
    }
    if (!IDEMPOTENCY_KEY.test(raw)) {
      throw new ReplyValidationException([
        { field: 'Idempotency-Key', errors: ['Idempotency-Key must be 1–200 printable ASCII characters'] },
      ]);
    }
    return raw;
  }

  /**
   * Records the reply, or answers the one recorded earlier under the same idempotency key.
   * `onRecorded` runs in the same transaction, for a new reply only: `announce` for a reply received
   * now, nothing for a reply of the past (an import).
   */
  async write(
    actor: Actor,
    letter: CommunicationEntity,
    input: NewReply,
    files: AcceptedFile[],
    idempotencyKey?: string,
    onRecorded?: (recorded: RecordedReply) => Promise<void>,
  ): Promise<RecordedReply> {
    if (input.text === null && files.length === 0) {
      throw new RepliesException(RepliesErrorCode.Empty, 'A reply needs a text or at least one attachment');
    }
    const now = this.clock.now();
    const today = calendarDateIn(now, this.config.rules.timezone);
    const receivedOn = input.receivedOn ?? today;
    if (receivedOn > today) {
      throw new RepliesException(
        RepliesErrorCode.ReceivedInFuture,
        `A reply cannot be received after today (${today})`,
      );
    }
    if (letter.sentOn && receivedOn < letter.sentOn) {
      throw new RepliesException(
        RepliesErrorCode.ReceivedBeforeSending,
        `The letter was sent on ${letter.sentOn}; a reply cannot be received before`,
        {
          sentOn: letter.sentOn,
        },
      );
    }
    const userId = actor.kind === 'user' ? actor.userId : null;
    const created: string[] = [];
    try {
      return await this.tx.run(async () => {
        let keyId: string | null = null;
        if (idempotencyKey !== undefined && userId) {
          const claim = await this.repository.claimIdempotencyKey(
            userId,
            idempotencyKey,
            requestHash(letter.id, input, files),
            now,
          );
          if (!claim.claimed) {
            return this.replay(
              claim.existing.requestHash,
              requestHash(letter.id, input, files),
              letter.id,
              claim.existing.replyId,
            );
          }
          keyId = claim.id;
        }
        // Locks the letter: replies to it are numbered one at a time, and its reply date cannot move meanwhile.
        const current = (await this.letters.findByIdForUpdate(letter.id)) as CommunicationEntity;
        if (input.correctsReplyId && !(await this.repository.findReply(letter.id, input.correctsReplyId))) {
          throw new RepliesException(
            RepliesErrorCode.UnknownCorrectedReply,
            `No reply ${input.correctsReplyId} to this letter to correct`,
          );
        }
        const reply = Object.assign(new ReplyEntity(), {
          communicationId: letter.id,
          number: await this.repository.nextNumber(letter.id),
          receiptCode: receiptCode(),
          receivedOn,
          receivedAt: input.receivedOn === null ? now : null,
          language: input.language,
          text: input.text,
          confidential: input.confidential,
          channel: input.channel,
          recordedBy: userId,
          requestedBy: current.replyRequestedBy,
          onTime: current.replyRequestedBy ? receivedOn <= current.replyRequestedBy : null,
          correctsReplyId: input.correctsReplyId,
          createdAt: now,
        });
        const storageKeys = await this.store(files, created);
        await this.repository.insertReply(reply);
        const attachments = await this.repository.insertAttachments(
          files.map((file, index) =>
            Object.assign(new ReplyAttachmentEntity(), {
              replyId: reply.id,
              position: index + 1,
              fileName: file.fileName,
              mediaType: file.mediaType,
              size: String(file.size),
              sha256: file.sha256,
              storageKey: storageKeys[index],
            }),
          ),
        );
        if (keyId) {
          await this.repository.attachReplyToKey(keyId, reply.id);
        }
        await this.audit.record(actor, {
          action: input.kind === 'submit' ? 'reply.submit' : 'reply.record',
          subject: { type: 'reply', id: reply.id },
          after: auditView(reply, attachments),
        });
        await onRecorded?.({ reply, attachments });
        return { reply, attachments };
      });
    } catch (error) {
      await this.removeUnreferenced(created);
      throw error;
    }
  }

  /**
   * Publishes ReplyRecorded for a reply just written, in its transaction: its subscribers cancel the
   * reminders, publish the reply of a public letter and send the e-mails, with what the event carries.
   */
  async announce({ reply, attachments }: RecordedReply): Promise<void> {
    const letter = (await this.letters.findById(reply.communicationId)) as CommunicationEntity;
    const corrected = reply.correctsReplyId ? await this.repository.findReply(letter.id, reply.correctsReplyId) : null;
    await this.bus.publish(
      new ReplyRecorded(
        letterFacts(letter, await this.letters.findMandatesOf(letter.id)),
        {
          id: reply.id,
          communicationId: reply.communicationId,
          number: Number(reply.number),
          receiptCode: reply.receiptCode,
          receivedOn: reply.receivedOn,
          language: reply.language,
          text: reply.text,
          confidential: reply.confidential,
          channel: reply.channel,
          correctsNumber: corrected ? Number(corrected.number) : null,
        },
        attachments.map((attachment) => ({
          id: attachment.id,
          replyId: attachment.replyId,
          position: Number(attachment.position),
          fileName: attachment.fileName,
          mediaType: attachment.mediaType,
          size: String(attachment.size),
          sha256: attachment.sha256,
          storageKey: attachment.storageKey,
        })),
      ),
    );
  }

  /**
   * Writes the files to the storage before their rows exist. Each object stays locked until the
   * transaction ends, so that the clean-up of a failed request cannot remove it meanwhile.
   */
  private async store(files: AcceptedFile[], created: string[]): Promise<string[]> {
    for (const sha256 of [...new Set(files.map((file) => file.sha256))].sort()) {
      await this.repository.lockContent(sha256);
    }
    const keys: string[] = [];
    for (const file of files) {
      const object = await this.storage.put(this.staging.open(file), file.sha256);
      if (object.created) {
        created.push(object.key);
      }
      keys.push(object.key);
    }
    return keys;
  }

  private async replay(
    storedHash: string,
    hash: string,
    communicationId: string,
    replyId: string | null,
  ): Promise<RecordedReply> {
    if (storedHash !== hash || !replyId) {
      throw new RepliesException(
        RepliesErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key was used for a different request; use a new key for a new reply',
      );
    }
    const reply = (await this.repository.findReply(communicationId, replyId)) as ReplyEntity;
    return { reply, attachments: await this.repository.findAttachmentsOf([reply.id]) };
  }

  /** Removes objects this request created and no committed reply references (the request failed). */
  private async removeUnreferenced(keys: string[]): Promise<void> {
    for (const key of keys) {
      try {
        await this.tx.run(async () => {
          await this.repository.lockContent(key);
          if (!(await this.repository.isContentReferenced(key))) {
            await this.storage.delete(key);
          }
        });
      } catch (error) {
        this.logger.error({ err: error, key }, 'Could not remove an unreferenced attachment object');
      }
    }
  }
}

/** Blank text counts as no text. */
export function normaliseText(text: string | undefined): string | null {
  return text === undefined || text.trim() === '' ? null : text;
}

/** The fingerprint of a request: the same key with another fingerprint is refused. */
function requestHash(communicationId: string, input: NewReply, files: AcceptedFile[]): string {
  const canonical = stringify({
    communicationId,
    ...input,
    attachments: files.map((file) => ({ fileName: file.fileName, sha256: file.sha256 })),
  });
  return createHash('sha256')
    .update(canonical as string)
    .digest('hex');
}

/** `R-` and 12 random Crockford base32 characters (60 bits). */
function receiptCode(): string {
  const bytes = randomBytes(12);
  return `R-${[...bytes].map((byte) => CROCKFORD[byte & 31]).join('')}`;
}
