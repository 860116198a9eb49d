import { Injectable } from '@nestjs/common';
import { Actor, Role, hasRole, requireRole } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { TransactionHost } from '@spcomms/database';
import { DomainEventBus, LetterAbandoned, LetterEdited } from '@spcomms/domain-events';
import { NotFoundException } from '@spcomms/errors';
import { Page, decodeInstantCursor, encodeInstantCursor, pageOf, pageSize } from '@spcomms/paging';
import { MandateEntity, ReferenceRepository } from '@spcomms/reference';
import { CommunicationMandateEntity } from './communication-mandate.entity';
import { CommunicationVersionEntity, VersionContent } from './communication-version.entity';
import { CommunicationEntity } from './communication.entity';
import { CommunicationAccess } from './communication-access';
import { CommunicationDto, CommunicationSummaryDto, VersionDto } from './communication-response.dto';
import {
  AbandonDraftDto,
  CreateDraftDto,
  EditDraftDto,
  LinkSubmissionDto,
  ListCommunicationsQueryDto,
} from './communications.dto';
import { CommunicationErrorCode, CommunicationException } from './communications.exception';
import { mapSummary, mapVersion } from './communications.mapper';
import { CommunicationsRepository } from './communications.repository';
import { LetterDetailsService } from './letter-details.service';
import { contentHash, toVersionContent } from './letter-content';
import { letterFacts } from './letter-facts';
import { SubmissionLinker } from './submission-linker';

/** Drafts: creation, edits as immutable versions (C6), reading and listing. */
@Injectable()
export class DraftingService {
  constructor(
    private readonly repository: CommunicationsRepository,
    private readonly reference: ReferenceRepository,
    private readonly access: CommunicationAccess,
    private readonly details: LetterDetailsService,
    private readonly submissions: SubmissionLinker,
    private readonly bus: DomainEventBus,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  createDraft(actor: Actor, dto: CreateDraftDto): Promise<CommunicationDto> {
    requireRole(actor, Role.Assistant);
    return this.tx.run(async () => {
      const lead = await this.requireMandate(dto.leadMandate);
      if (actor.kind === 'user' && !actor.mandateIds.includes(lead.id)) {
        throw new CommunicationException(CommunicationErrorCode.NotYourMandate, `You do not work for ${lead.code}`);
      }
      const content = toVersionContent(dto, this.config.rules.otherRecipientCode);
      await this.checkRecipients(content);
      const earlier = await this.checkFollowUps(actor, dto.followsUp ?? []);
      for (const submissionId of dto.submissionIds ?? []) {
        await this.submissions.assertReadyForDrafting(actor, submissionId);
      }

      const now = this.clock.now();
      const letter = await this.repository.insert(
        Object.assign(new CommunicationEntity(), {
          ...this.currentFields(content),
          status: 'draft',
          revision: 1,
          leadMandateId: lead.id,
          currentVersion: 1,
          groupId: null,
          reference: null,
          legacy: false,
          legacyType: null,
          internalNotes: dto.internalNotes ?? '',
          createdBy: actor.kind === 'user' ? actor.userId : null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const version = await this.insertVersion(actor, letter.id, 1, content);
      await this.repository.insertMandates([
        Object.assign(new CommunicationMandateEntity(), {
          communicationId: letter.id,
          mandateId: lead.id,
          participation: 'lead',
          invitedAt: now,
          signOnDeadline: null,
          leftAt: null,
        }),
      ]);
      await this.repository.insertFollowUps(letter.id, earlier);
      for (const submissionId of dto.submissionIds ?? []) {
        await this.submissions.link(actor, submissionId, letter.id);
      }
      await this.audit.record(actor, {
        action: 'communication.create',
        subject: { type: 'communication', id: letter.id },
        after: {
          leadMandate: lead.code,
          version: 1,
          contentHash: version.contentHash,
          followsUp: earlier,
          submissionIds: dto.submissionIds ?? [],
        },
      });
      await this.bus.publish(
        new LetterEdited(letterFacts(letter, await this.repository.findMandatesOf(letter.id)), content, [lead.id]),
      );
      return this.details.describe(letter);
    });
  }

  /** A new immutable version; refused unless the letter is a draft at the revision the edit is based on. */
  editDraft(actor: Actor, id: string, dto: EditDraftDto): Promise<CommunicationDto> {
    return this.tx.run(async () => {
      const letter = await this.access.loadForLeadAssistant(actor, id);
      if (letter.status !== 'draft') {
        throw new CommunicationException(
          CommunicationErrorCode.NotDraft,
          `Letter ${letter.reference ?? id} is no longer a draft`,
        );
      }
      const content = toVersionContent(dto, this.config.rules.otherRecipientCode);
      await this.checkRecipients(content);
      const current = await this.repository.findVersion(letter.id, letter.currentVersion);
      const changed = contentHash(content) !== current?.contentHash;
      const nextVersion = changed ? letter.currentVersion + 1 : letter.currentVersion;
      const updated = await this.repository.updateIfRevision(letter.id, dto.revision, {
        ...(changed ? this.currentFields(content) : {}),
        currentVersion: nextVersion,
        internalNotes: dto.internalNotes ?? letter.internalNotes,
        updatedAt: this.clock.now(),
      });
      if (!updated) {
        throw new CommunicationException(
          CommunicationErrorCode.StaleRevision,
          `The letter changed since revision ${dto.revision} (now ${letter.revision}); reload it and edit again`,
          { currentRevision: letter.revision },
        );
      }
      if (changed) {
        const version = await this.insertVersion(actor, letter.id, nextVersion, content);
        await this.audit.record(actor, {
          action: 'communication.edit',
          subject: { type: 'communication', id: letter.id },
          before: { version: current?.number, contentHash: current?.contentHash },
          after: { version: nextVersion, contentHash: version.contentHash },
        });
        // C6: the approvals of the earlier version no longer count; every mandate still on the letter is asked again.
        const onLetter = (await this.repository.findMandatesOf(letter.id)).filter((row) =>
          ['lead', 'invited'].includes(row.participation),
        );
        await this.bus.publish(
          new LetterEdited(
            letterFacts((await this.repository.findById(letter.id)) as CommunicationEntity, onLetter),
            content,
            onLetter.map((row) => row.mandateId),
          ),
        );
      } else {
        await this.audit.record(actor, {
          action: 'communication.edit_notes',
          subject: { type: 'communication', id: letter.id },
        });
      }
      return this.details.describe((await this.repository.findById(letter.id)) as CommunicationEntity);
    });
  }

  /**
   * An assistant of one of the letter's mandates abandons a draft: it stays in the record, with the
   * reason, and can no longer be edited, signed or sent; its sign-on deadlines and reminders end.
   */
  abandon(actor: Actor, id: string, dto: AbandonDraftDto): Promise<CommunicationDto> {
    return this.tx.run(async () => {
      const letter = await this.access.loadVisible(actor, id, true);
      requireRole(actor, Role.Assistant);
      if (letter.status !== 'draft') {
        throw new CommunicationException(
          CommunicationErrorCode.NotDraft,
          `Letter ${letter.reference ?? id} is not a draft: only drafts are abandoned`,
        );
      }
      const now = this.clock.now();
      await this.repository.update(letter.id, {
        status: 'abandoned',
        abandonedAt: now,
        abandonReason: dto.reason,
        updatedAt: now,
      });
      const abandoned = (await this.repository.findById(letter.id)) as CommunicationEntity;
      await this.bus.publish(
        new LetterAbandoned(letterFacts(abandoned, await this.repository.findMandatesOf(letter.id))),
      );
      await this.audit.record(actor, {
        action: 'communication.abandon',
        subject: { type: 'communication', id: letter.id },
        before: { status: letter.status, version: letter.currentVersion },
        after: { status: 'abandoned', reason: dto.reason },
      });
      return this.details.describe(abandoned);
    });
  }

  /**
   * Links a screened submission to an existing draft of one of the assistant's mandates (a letter
   * started otherwise, or one acting on several submissions). Linking it again changes nothing.
   * The submission must be one the assistant may see; the letter shows no source (C14).
   */
  linkSubmission(actor: Actor, id: string, dto: LinkSubmissionDto): Promise<CommunicationDto> {
    requireRole(actor, Role.Assistant);
    return this.tx.run(async () => {
      const letter = await this.access.loadVisible(actor, id, true);
      if (letter.status !== 'draft') {
        throw new CommunicationException(
          CommunicationErrorCode.NotDraft,
          `Letter ${letter.reference ?? id} is not a draft: submissions are linked to drafts only`,
        );
      }
      await this.submissions.assertReadyForDrafting(actor, dto.submissionId);
      await this.submissions.link(actor, dto.submissionId, letter.id);
      return this.details.describe(letter);
    });
  }

  async get(actor: Actor, id: string): Promise<CommunicationDto> {
    return this.details.describe(await this.access.loadVisible(actor, id));
  }

  async listVersions(actor: Actor, id: string): Promise<VersionDto[]> {
    const letter = await this.access.loadVisible(actor, id);
    return (await this.repository.findVersions(letter.id)).map(mapVersion);
  }

  async getVersion(actor: Actor, id: string, number: number): Promise<VersionDto> {
    const letter = await this.access.loadVisible(actor, id);
    const version = await this.repository.findVersion(letter.id, number);
    if (!version) {
      throw new NotFoundException('communication_version', `${id}/${number}`);
    }
    return mapVersion(version);
  }

  async list(actor: Actor, query: ListCommunicationsQueryDto): Promise<Page<CommunicationSummaryDto>> {
    this.access.requireStaff(actor);
    const limit = pageSize(query.limit);
    const after = query.cursor === undefined ? undefined : decodeInstantCursor(query.cursor);
    if (after === null) {
      throw new CommunicationException(
        CommunicationErrorCode.InvalidCursor,
        'cursor is not a nextCursor given by this list',
      );
    }
    let mandateId: string | undefined;
    if (query.mandate) {
      const mandate = await this.reference.findMandateByCode(query.mandate);
      // A mandate that is not one of the actor's lists nothing, as an unknown one does.
      mandateId =
        mandate && actor.mandateIds.includes(mandate.id) ? mandate.id : '00000000-0000-0000-0000-000000000000';
    }
    const letters = await this.repository.findPageForMandates({
      mandateIds: actor.mandateIds,
      status: query.status,
      recipient: query.recipient,
      mandateId,
      type: query.type,
      year: query.year === undefined ? undefined : { year: query.year, timezone: this.config.rules.timezone },
      limit: limit + 1,
      after,
    });
    const page = pageOf(letters, limit, (last) => encodeInstantCursor({ at: last.updatedAt, id: last.id }));
    const leads = await this.reference.findMandates([...new Set(page.items.map((letter) => letter.leadMandateId))]);
    const codes = new Map(leads.map((mandate) => [mandate.id, mandate.code]));
    return {
      items: page.items.map((letter) => mapSummary(letter, codes.get(letter.leadMandateId) ?? '')),
      nextCursor: page.nextCursor,
    };
  }

  // ---- helpers ----

  private currentFields(content: VersionContent): Partial<CommunicationEntity> {
    return {
      type: content.type,
      language: content.language,
      recipientCode: content.recipientCode,
      otherRecipientId: content.otherRecipientId,
      coRecipientCodes: content.coRecipientCodes,
      subject: content.subject,
      themes: content.themes,
      reprisal: content.reprisal,
      reprisalConsent: content.reprisalConsent,
    };
  }

  private insertVersion(actor: Actor, communicationId: string, number: number, content: VersionContent) {
    return this.repository.insertVersion(
      Object.assign(new CommunicationVersionEntity(), {
        communicationId,
        number,
        content,
        contentHash: contentHash(content),
        createdBy: actor.kind === 'user' ? actor.userId : null,
        createdAt: this.clock.now(),
      }),
    );
  }

  private async requireMandate(code: string): Promise<MandateEntity> {
    const mandate = await this.reference.findMandateByCode(code);
    if (!mandate) {
      throw new CommunicationException(CommunicationErrorCode.UnknownMandate, `Unknown mandate ${code}`);
    }
    if (mandate.endedOn) {
      throw new CommunicationException(
        CommunicationErrorCode.MandateEnded,
        `Mandate ${code} ended on ${mandate.endedOn}`,
      );
    }
    return mandate;
  }

  private async checkRecipients(content: VersionContent): Promise<void> {
    if (content.otherRecipientId) {
      if (!(await this.reference.findOtherRecipient(content.otherRecipientId))) {
        throw new CommunicationException(
          CommunicationErrorCode.UnknownRecipient,
          `Unknown other recipient ${content.otherRecipientId}`,
        );
      }
    }
    const codes = content.otherRecipientId
      ? content.coRecipientCodes
      : [content.recipientCode, ...content.coRecipientCodes];
    const states = await this.reference.findStates(codes);
    const known = new Set(states.filter((state) => state.status !== 'pseudo').map((state) => state.code));
    const unknown = codes.filter((code) => !known.has(code));
    if (unknown.length > 0) {
      throw new CommunicationException(
        CommunicationErrorCode.UnknownRecipient,
        `Unknown State code(s): ${unknown.join(', ')}`,
        { unknown },
      );
    }
  }

  /** Earlier letters must be sent letters the actor can see. */
  private async checkFollowUps(actor: Actor, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const letters = await this.repository.findByIds(unique);
    const usable: string[] = [];
    for (const letter of letters) {
      if (
        letter.status === 'sent' &&
        hasRole(actor, Role.Assistant, Role.MandateHolder) &&
        (await this.repository.isOnLetter(letter.id, actor.mandateIds))
      ) {
        usable.push(letter.id);
      }
    }
    const missing = unique.filter((id) => !usable.includes(id));
    if (missing.length > 0) {
      throw new CommunicationException(
        CommunicationErrorCode.UnknownFollowUp,
        'A letter can follow up only sent letters of your mandates',
        { missing },
      );
    }
    return unique;
  }
}
