import { Injectable } from '@nestjs/common';
import { Actor, Role, hasRole, requireRole } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock, addCalendarDays, atLocalTime, calendarDateIn, startOfCalendarDate } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { TransactionHost } from '@spcomms/database';
import { ReplyAttachmentFacts, ReplyFacts, communicationSubject } from '@spcomms/domain-events';
import { NotFoundException } from '@spcomms/errors';
import { MailTemplate } from '@spcomms/notifications';
import { PlannedSchedule, SchedulesService } from '@spcomms/schedules';
import { SubmissionsService } from '@spcomms/submissions';
import { RedactionCheckEntity } from './communication-publication.entity';
import { PUBLICATION_ACTOR, isSent, mapCheck } from './publication-letter';
import { PublicationPreviewService } from './publication-preview.service';
import { PublicationWriterService } from './publication-writer.service';
import { PublicationStatusDto, RecordRedactionCheckDto } from './publication.dto';
import { PublicationErrorCode, PublicationException } from './publication.exception';
import { PublicationRepository } from './publication.repository';
import { CommunicationPublicationNotice, CommunicationPublish } from './publication.schedule';
import { projectReply } from './projection.mapper';
import { PublishedRepository } from './published.repository';
import { redactorFor } from './redaction';
import { unconfirmedIssues } from './redaction-issues';

export type PublishOutcome = 'published' | 'already_published' | 'blocked' | 'not_due' | 'not_sent';
export type PublishReplyOutcome = 'published' | 'already_published' | 'letter_not_published' | 'missing';

/** The notice before publication goes out at this Geneva time. */
const NOTICE_TIME = '08:00';

/**
 * Publication of sent letters (C11, C12, C14): the redaction check, the publication at public-from
 * and the publication of later replies, into the published projection that public endpoints read.
 *
 * It follows the letters' facts through PublicationSubscriber (LetterSent plans the publication,
 * ReplyRecorded publishes a reply to a public letter, DeadlineExtended updates the public record);
 * an import calls `planPublications` for its letters. What the public version is comes from
 * PublicationPreviewService; PublicationWriterService writes the publication and the blocked state.
 */
@Injectable()
export class PublicationService {
  constructor(
    private readonly repository: PublicationRepository,
    private readonly published: PublishedRepository,
    private readonly preview: PublicationPreviewService,
    private readonly writer: PublicationWriterService,
    private readonly schedules: SchedulesService,
    private readonly submissions: SubmissionsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Plans the publication of a letter in the caller's transaction (the one that sends it), written
   * with the letter's other deadlines just before it commits (SchedulesService.planAtCommit).
   */
  planPublication(communicationId: string, publicFrom: string): void {
    this.schedules.planAtCommit(communicationSubject(communicationId), this.publicationRows(publicFrom));
  }

  /**
   * planPublication for many letters at once (an import), in one statement per 2,000 rows. A
   * public-from day already past falls due at once: the letter is published, or blocked and its
   * assistants asked for the redaction check.
   */
  async planPublications(letters: ReadonlyArray<{ communicationId: string; publicFrom: string }>): Promise<void> {
    await this.schedules.planForSubjects(
      letters.flatMap(({ communicationId, publicFrom }) =>
        this.publicationRows(publicFrom).map((row) => ({ ...row, subject: communicationSubject(communicationId) })),
      ),
    );
  }

  /**
   * At public-from (the `communication.publish` schedule): publishes the letter if the redaction of
   * its sent version was checked; otherwise flags it blocked and e-mails its assistants. Publishing
   * twice changes nothing.
   */
  publishDue(communicationId: string): Promise<PublishOutcome> {
    return this.tx.run(async () => {
      const letter = await this.repository.findLetterForUpdate(communicationId);
      if (!letter || !isSent(letter)) {
        return 'not_sent';
      }
      if (letter.publicFrom > this.today()) {
        return 'not_due';
      }
      const state = await this.repository.findState(letter.id);
      if (state?.state === 'published') {
        return 'already_published';
      }
      if (!(await this.repository.findCheck(letter.id, letter.currentVersion))) {
        await this.writer.block(letter, state);
        return 'blocked';
      }
      await this.writer.publish(letter, state);
      return 'published';
    });
  }

  /** Some days before public-from: asks the assistants to check the redaction, unless someone has. */
  notifyPublicationDue(communicationId: string): Promise<number> {
    return this.tx.run(async () => {
      const letter = await this.repository.findLetter(communicationId);
      if (!letter || !isSent(letter) || (await this.repository.findCheck(letter.id, letter.currentVersion))) {
        return 0;
      }
      return this.writer.mailAssistants(letter, 'publication.due', MailTemplate.PublicationDue);
    });
  }

  /**
   * Publishes a reply that arrived after its letter became public (C11); does nothing while the letter
   * is not public (its replies are published with it) and when the reply is public already. A
   * confidential reply is published as a placeholder (C12).
   */
  publishReply(replyId: string): Promise<PublishReplyOutcome> {
    return this.tx.run(async () => {
      const reply = await this.repository.findReply(replyId);
      if (!reply) {
        return 'missing';
      }
      return this.publishRecordedReply(reply, await this.repository.findAttachments([reply.id]));
    });
  }

  /**
   * publishReply for a reply whose facts the caller holds (the ReplyRecorded event), in its
   * transaction: nothing of the reply is read again.
   */
  publishRecordedReply(
    reply: Omit<ReplyFacts, 'receiptCode' | 'channel'>,
    attachments: ReplyAttachmentFacts[],
  ): Promise<PublishReplyOutcome> {
    return this.tx.run(async () => {
      // The publication of the letter locks it FOR UPDATE: either it sees this reply, or this sees it published.
      const letter = await this.repository.findLetterForKeyShare(reply.communicationId);
      const row = letter ? await this.published.findLetter(letter.id) : null;
      if (!letter || !row) {
        return 'letter_not_published';
      }
      if (await this.published.isReplyPublished(reply.id)) {
        return 'already_published';
      }
      const content = await this.repository.findVersionContent(letter.id, letter.currentVersion);
      const redact = redactorFor(content?.victims ?? [], await this.submissions.sourcesToWithhold(letter.id));
      const projected = projectReply(reply, attachments, redact, this.clock.now());
      await this.published.insertReplies([projected.reply], projected.attachments);
      await this.audit.record(PUBLICATION_ACTOR, {
        action: 'reply.publish',
        subject: { type: 'communication', id: letter.id },
        after: {
          reference: row.reference,
          replyId: reply.id,
          number: projected.reply.number,
          confidential: reply.confidential,
          attachments: projected.attachments.length,
        },
      });
      return 'published';
    });
  }

  /**
   * In the transaction that extends a letter's reply date (which holds the letter's lock): the public
   * record of a letter already published shows the new date; one published later reads it then.
   */
  async replyDeadlineChanged(communicationId: string, replyRequestedBy: string): Promise<void> {
    if (await this.published.updateReplyRequestedBy(communicationId, replyRequestedBy)) {
      await this.audit.record(PUBLICATION_ACTOR, {
        action: 'communication.publication_update',
        subject: { type: 'communication', id: communicationId },
        after: { replyRequestedBy },
      });
    }
  }

  /**
   * C11: an assistant of the letter's mandates records that the public version of its current text
   * was checked. When the letter's public-from day has come, it is published at once.
   */
  recordRedactionCheck(
    actor: Actor,
    communicationId: string,
    dto: RecordRedactionCheckDto,
  ): Promise<PublicationStatusDto> {
    requireRole(actor, Role.Assistant);
    return this.tx.run(async () => {
      const letter = await this.repository.findLetterForUpdate(communicationId);
      if (!letter || actor.kind !== 'user' || !(await this.repository.isOnLetter(letter.id, actor.mandateIds))) {
        throw new NotFoundException('communication', communicationId);
      }
      if (letter.status === 'abandoned') {
        throw new PublicationException(
          PublicationErrorCode.LetterAbandoned,
          'The letter was abandoned: it will never be published',
        );
      }
      if (dto.version !== undefined && dto.version !== letter.currentVersion) {
        throw new PublicationException(
          PublicationErrorCode.NotCurrentVersion,
          `Version ${dto.version} is not the current version (${letter.currentVersion}) of the letter`,
          { currentVersion: letter.currentVersion },
        );
      }
      const issues = await this.preview.issuesOf(letter);
      const confirmed = [...new Set(dto.confirmed ?? [])];
      const refused = unconfirmedIssues(issues, confirmed, true);
      if (refused.length > 0) {
        // The issues carry the source's name: the caller is staff of the letter, who may read it.
        throw new PublicationException(
          PublicationErrorCode.SourceNamed,
          "The letter's text names the source of a linked submission (C14): remove the name from the text, or confirm each issue on purpose",
          { issues: refused },
        );
      }
      const check = Object.assign(new RedactionCheckEntity(), {
        communicationId: letter.id,
        versionNumber: letter.currentVersion,
        checkedBy: actor.userId,
        checkedAt: this.clock.now(),
        notes: dto.notes?.trim() || null,
      });
      if (!(await this.repository.insertCheck(check))) {
        const existing = await this.repository.findCheck(letter.id, letter.currentVersion);
        throw new PublicationException(
          PublicationErrorCode.AlreadyChecked,
          `The redaction of version ${letter.currentVersion} was already checked`,
          existing ? mapCheck(existing) : undefined,
        );
      }
      await this.audit.record(actor, {
        action: 'communication.redaction_check',
        subject: { type: 'communication', id: letter.id },
        // Keys and kinds only: the source's identity never enters the audit log (C14).
        after: {
          versionNumber: check.versionNumber,
          notes: check.notes,
          confirmed: issues
            .filter((issue) => confirmed.includes(issue.key))
            .map((issue) => ({ key: issue.key, kind: issue.kind })),
        },
      });
      const state = await this.repository.findState(letter.id);
      if (isSent(letter) && letter.publicFrom <= this.today() && state?.state !== 'published') {
        await this.writer.publish(letter, state);
      }
      return this.preview.describe(letter);
    });
  }

  /** Where the letter's publication stands, with the public version, for the staff of its mandates. */
  async getStatus(actor: Actor, communicationId: string): Promise<PublicationStatusDto> {
    const letter = await this.repository.findLetter(communicationId);
    if (
      !letter ||
      !hasRole(actor, Role.Assistant, Role.MandateHolder) ||
      !(await this.repository.isOnLetter(letter.id, actor.mandateIds))
    ) {
      throw new NotFoundException('communication', communicationId);
    }
    return this.preview.describe(letter);
  }

  /**
   * For an assistant's home: the letters of their mandates coming up for publication (within twice
   * the notice period, or blocked already) whose redaction check is not done (C11).
   */
  async awaitingRedactionCheck(actor: Actor): Promise<Array<{ id: string; reference: string; publicFrom: string }>> {
    requireRole(actor, Role.Assistant);
    const until = addCalendarDays(this.today(), Math.max(14, this.config.rules.publicationNoticeDays * 2));
    return this.repository.findAwaitingCheck(actor.mandateIds, until);
  }

  // ---- internals ----

  /** The publish row at the start of public-from, and the notice before it while that is still to come. */
  private publicationRows(publicFrom: string): PlannedSchedule[] {
    const { timezone, publicationNoticeDays } = this.config.rules;
    const rows: PlannedSchedule[] = [
      { kind: CommunicationPublish, dueAt: startOfCalendarDate(publicFrom, timezone), payload: { publicFrom } },
    ];
    const noticeAt = atLocalTime(addCalendarDays(publicFrom, -publicationNoticeDays), NOTICE_TIME, timezone);
    if (publicationNoticeDays > 0 && noticeAt > this.clock.now()) {
      rows.push({ kind: CommunicationPublicationNotice, dueAt: noticeAt, payload: { publicFrom } });
    }
    return rows;
  }

  private today(): string {
    return calendarDateIn(this.clock.now(), this.config.rules.timezone);
  }
}
