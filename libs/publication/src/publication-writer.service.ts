import { Injectable } from '@nestjs/common';
import { AuditService } from '@spcomms/audit';
import { Clock } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { communicationSubject } from '@spcomms/domain-events';
import { MailTemplate, RecipientsService, pageLinks } from '@spcomms/notifications';
import { CommunicationPublicationEntity } from './communication-publication.entity';
import { buildProjection } from './projection.mapper';
import { PUBLICATION_ACTOR, SentLetter } from './publication-letter';
import { PublicationPreviewService } from './publication-preview.service';
import { PublicationRepository } from './publication.repository';
import { PublishedRepository } from './published.repository';

/**
 * Writes what publication decides for a sent letter (C11): the published projection and the state
 * at publication, the blocked state when the redaction check is missing, and the mails to the
 * letter's assistants.
 */
@Injectable()
export class PublicationWriterService {
  constructor(
    private readonly repository: PublicationRepository,
    private readonly published: PublishedRepository,
    private readonly preview: PublicationPreviewService,
    private readonly recipients: RecipientsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Flags the letter blocked (once) and asks its assistants for the redaction check. */
  async block(letter: SentLetter, state: CommunicationPublicationEntity | null): Promise<void> {
    if (!state) {
      const now = this.clock.now();
      await this.repository.saveState(
        Object.assign(new CommunicationPublicationEntity(), {
          communicationId: letter.id,
          state: 'blocked',
          blockedReason: 'redaction_check_missing',
          blockedAt: now,
          publishedAt: null,
        }),
      );
      await this.audit.record(PUBLICATION_ACTOR, {
        action: 'communication.publication_blocked',
        subject: { type: 'communication', id: letter.id },
        after: {
          reference: letter.reference,
          publicFrom: letter.publicFrom,
          reason: 'redaction_check_missing',
          version: letter.currentVersion,
        },
      });
    }
    // Once per letter and public-from day: the outbox ignores the same message again.
    await this.mailAssistants(letter, 'publication.redaction_check_missing', MailTemplate.RedactionCheckMissing);
  }

  /** Writes the letter's public record (once), its follow-up links and the published state. */
  async publish(letter: SentLetter, state: CommunicationPublicationEntity | null): Promise<void> {
    const now = this.clock.now();
    const source = await this.preview.loadSource(letter, letter.currentVersion);
    const projection = buildProjection(source, now);
    if (!(await this.published.findLetter(letter.id))) {
      await this.published.upsertMandates(
        source.mandates.map((mandate) => ({ code: mandate.code, title: mandate.title })),
      );
      await this.published.insertLetter(projection.letter);
      await this.published.insertReplies(projection.replies, projection.attachments);
    }
    const links = await this.repository.findFollowUpIds(letter.id);
    await this.published.insertFollowUps([
      ...links.followsUp.map((earlier) => ({ later: letter.id, earlier })),
      ...links.followedUpBy.map((later) => ({ later, earlier: letter.id })),
    ]);
    await this.repository.saveState(
      Object.assign(new CommunicationPublicationEntity(), {
        communicationId: letter.id,
        state: 'published',
        blockedReason: null,
        blockedAt: state?.blockedAt ?? null,
        publishedAt: now,
      }),
    );
    await this.audit.record(PUBLICATION_ACTOR, {
      action: 'communication.publish',
      subject: { type: 'communication', id: letter.id },
      after: {
        reference: letter.reference,
        publicFrom: letter.publicFrom,
        version: letter.currentVersion,
        replies: projection.replies.length,
        attachments: projection.attachments.length,
      },
    });
  }

  /** E-mails the assistants who look after the letter (RecipientsService.assistantsOf). */
  async mailAssistants(letter: SentLetter, kind: string, template: MailTemplate): Promise<number> {
    const mandates = await this.repository.findSigningMandates(letter.id);
    const users = await this.recipients.assistantsOf({
      leadMandateId: letter.leadMandateId,
      mandateIds: mandates.map((mandate) => mandate.mandateId),
    });
    return this.recipients.tell(users, {
      kind,
      subject: communicationSubject(letter.id),
      occasion: letter.publicFrom,
      template,
      params: {
        reference: letter.reference,
        publicOn: letter.publicFrom,
        ...pageLinks(this.config, `/workspace/letters/${letter.id}`),
      },
    });
  }
}
