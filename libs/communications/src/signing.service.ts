import { Injectable } from '@nestjs/common';
import { Actor, Role, UserActor, hasRole, systemActor } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { TransactionHost, isUniqueViolation } from '@spcomms/database';
import { ApprovalGiven, CosignersInvited, DomainEventBus } from '@spcomms/domain-events';
import { ReferenceRepository } from '@spcomms/reference';
import { CommunicationApprovalEntity } from './communication-approval.entity';
import { CommunicationMandateEntity } from './communication-mandate.entity';
import { CommunicationEntity } from './communication.entity';
import { CommunicationAccess } from './communication-access';
import { CommunicationDto } from './communication-response.dto';
import { DecisionDto, InviteDto } from './communications.dto';
import { CommunicationErrorCode, CommunicationException } from './communications.exception';
import { CommunicationsRepository } from './communications.repository';
import { LetterDetailsService } from './letter-details.service';
import { letterFacts } from './letter-facts';

/** Co-signing: invitations, decisions on a version (C5, C6), and dropping silent co-signers. */
@Injectable()
export class SigningService {
  constructor(
    private readonly repository: CommunicationsRepository,
    private readonly reference: ReferenceRepository,
    private readonly access: CommunicationAccess,
    private readonly details: LetterDetailsService,
    private readonly bus: DomainEventBus,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The default sign-on deadline of an invitation (setting: UA 24 h, others 5 days). */
  defaultSignOnDeadline(type: string, from: Date): Date {
    const { uaHours, otherDays } = this.config.rules.signOn;
    return new Date(from.getTime() + (type === 'UA' ? uaHours : otherDays * 24) * 3600_000);
  }

  invite(actor: Actor, id: string, dto: InviteDto): Promise<CommunicationDto> {
    return this.tx.run(async () => {
      const letter = await this.access.loadForLeadAssistant(actor, id);
      this.requireDraft(letter);
      const codes = [...new Set(dto.mandates)];
      const mandates = await this.reference.findMandatesByCode(codes);
      const unknown = codes.filter((code) => !mandates.some((mandate) => mandate.code === code));
      if (unknown.length > 0) {
        throw new CommunicationException(
          CommunicationErrorCode.UnknownMandate,
          `Unknown mandate(s): ${unknown.join(', ')}`,
          { unknown },
        );
      }
      const ended = mandates.filter((mandate) => mandate.endedOn);
      if (ended.length > 0) {
        throw new CommunicationException(
          CommunicationErrorCode.MandateEnded,
          `Ended mandate(s): ${ended.map((m) => m.code).join(', ')}`,
        );
      }
      const now = this.clock.now();
      const deadline = dto.signOnDeadline ? new Date(dto.signOnDeadline) : this.defaultSignOnDeadline(letter.type, now);
      if (deadline.getTime() <= now.getTime()) {
        throw new CommunicationException(
          CommunicationErrorCode.InvalidDeadline,
          'The sign-on deadline must be in the future',
        );
      }
      const onLetter = new Map((await this.repository.findMandatesOf(letter.id)).map((row) => [row.mandateId, row]));
      const already = mandates.filter((mandate) =>
        ['lead', 'invited'].includes(onLetter.get(mandate.id)?.participation ?? ''),
      );
      if (already.length > 0) {
        throw new CommunicationException(
          CommunicationErrorCode.AlreadyOnLetter,
          `Already on the letter: ${already.map((m) => m.code).join(', ')}`,
        );
      }
      const fresh = mandates.filter((mandate) => !onLetter.has(mandate.id));
      await this.repository.insertMandates(
        fresh.map((mandate) =>
          Object.assign(new CommunicationMandateEntity(), {
            communicationId: letter.id,
            mandateId: mandate.id,
            participation: 'invited',
            invitedAt: now,
            signOnDeadline: deadline,
            leftAt: null,
          }),
        ),
      );
      for (const mandate of mandates.filter((m) => onLetter.has(m.id))) {
        await this.repository.setParticipation(letter.id, mandate.id, {
          participation: 'invited',
          invitedAt: now,
          signOnDeadline: deadline,
          leftAt: null,
        });
      }
      await this.repository.update(letter.id, { updatedAt: now });
      await this.bus.publish(
        new CosignersInvited(
          letterFacts(letter, await this.repository.findMandatesOf(letter.id)),
          mandates.map((mandate) => mandate.id),
          deadline,
        ),
      );
      await this.audit.record(actor, {
        action: 'communication.invite',
        subject: { type: 'communication', id: letter.id },
        after: { mandates: codes, signOnDeadline: deadline },
      });
      return this.details.describe((await this.repository.findById(letter.id)) as CommunicationEntity);
    });
  }

  /** A mandate-holder approves or declines the version it names; only the current version can be decided. */
  decide(actor: Actor, id: string, dto: DecisionDto): Promise<CommunicationDto> {
    return this.tx.run(async () => {
      if (!hasRole(actor, Role.MandateHolder)) {
        throw new CommunicationException(
          CommunicationErrorCode.NotInvited,
          'Only mandate-holders approve or decline letters',
        );
      }
      const letter = await this.access.loadVisible(actor, id, true);
      this.requireDraft(letter);
      if (dto.version !== letter.currentVersion) {
        throw new CommunicationException(
          CommunicationErrorCode.NotCurrentVersion,
          `Version ${dto.version} is not the current version (${letter.currentVersion}); read the current text and decide on it`,
          { currentVersion: letter.currentVersion },
        );
      }
      const mandateId = await this.decidingMandate(actor, letter, dto.mandate);
      const version = await this.repository.findVersion(letter.id, letter.currentVersion);
      const now = this.clock.now();
      try {
        await this.repository.insertApproval(
          Object.assign(new CommunicationApprovalEntity(), {
            communicationId: letter.id,
            versionId: version!.id,
            mandateId,
            decision: dto.decision,
            decidedBy: actor.userId,
            decidedAt: now,
            note: dto.note ?? null,
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'uq_communication_approval_mandate_version')) {
          throw new CommunicationException(
            CommunicationErrorCode.AlreadyDecided,
            `Your mandate already decided on version ${dto.version}`,
          );
        }
        throw error;
      }
      const participation = (await this.repository.findMandatesOf(letter.id)).find(
        (row) => row.mandateId === mandateId,
      );
      if (dto.decision === 'decline' && participation?.participation === 'invited') {
        await this.repository.setParticipation(letter.id, mandateId, { participation: 'declined', leftAt: now });
      }
      await this.repository.update(letter.id, { updatedAt: now });
      if (dto.decision === 'approve') {
        await this.bus.publish(
          new ApprovalGiven(
            letterFacts(letter, await this.repository.findMandatesOf(letter.id)),
            mandateId,
            letter.currentVersion,
            actor.userId,
          ),
        );
      }
      await this.audit.record(actor, {
        action: `communication.${dto.decision}`,
        subject: { type: 'communication', id: letter.id },
        after: { mandateId, version: dto.version, contentHash: version!.contentHash },
      });
      return this.details.describe((await this.repository.findById(letter.id)) as CommunicationEntity);
    });
  }

  /**
   * Drops an invited co-signer whose sign-on deadline has passed without an approval of the current
   * version (run by the sign-on deadline schedule). Answers whether it was dropped.
   */
  dropIfSilent(communicationId: string, mandateId: string): Promise<boolean> {
    return this.tx.run(async () => {
      const now = this.clock.now();
      const letter = await this.repository.findByIdForUpdate(communicationId);
      const row = (await this.repository.findMandatesOf(communicationId)).find((m) => m.mandateId === mandateId);
      if (
        !letter ||
        letter.status !== 'draft' ||
        row?.participation !== 'invited' ||
        !row.signOnDeadline ||
        row.signOnDeadline > now
      ) {
        return false;
      }
      const version = await this.repository.findVersion(communicationId, letter.currentVersion);
      const approvals = await this.repository.findApprovalsOf(communicationId);
      if (approvals.some((a) => a.versionId === version?.id && a.mandateId === mandateId && a.decision === 'approve')) {
        return false;
      }
      await this.repository.setParticipation(communicationId, mandateId, { participation: 'dropped', leftAt: now });
      await this.repository.update(communicationId, { updatedAt: now });
      await this.audit.record(systemActor('sign-on-deadline'), {
        action: 'communication.drop_cosigner',
        subject: { type: 'communication', id: communicationId },
        after: { mandateId, signOnDeadline: row.signOnDeadline },
      });
      return true;
    });
  }

  private requireDraft(letter: CommunicationEntity): void {
    if (letter.status !== 'draft') {
      throw new CommunicationException(
        CommunicationErrorCode.NotDraft,
        `Letter ${letter.reference ?? letter.id} is no longer a draft`,
      );
    }
  }

  private async decidingMandate(actor: UserActor, letter: CommunicationEntity, code?: string): Promise<string> {
    const rows = await this.repository.findMandatesOf(letter.id);
    const mine = rows.filter(
      (row) => actor.mandateIds.includes(row.mandateId) && ['lead', 'invited'].includes(row.participation),
    );
    if (code) {
      const mandate = await this.reference.findMandateByCode(code);
      const row = mine.find((candidate) => candidate.mandateId === mandate?.id);
      if (!row) {
        throw new CommunicationException(
          CommunicationErrorCode.NotInvited,
          `${code} is not one of your mandates on this letter`,
        );
      }
      return row.mandateId;
    }
    if (mine.length === 0) {
      throw new CommunicationException(
        CommunicationErrorCode.NotInvited,
        'None of your mandates is asked to sign this letter',
      );
    }
    if (mine.length > 1) {
      throw new CommunicationException(
        CommunicationErrorCode.AmbiguousMandate,
        'Several of your mandates are on this letter: name one in `mandate`',
      );
    }
    return mine[0].mandateId;
  }
}
