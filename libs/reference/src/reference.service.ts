import { Injectable } from '@nestjs/common';
import { Actor, Role, requireRole } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { TransactionHost, isUniqueViolation } from '@spcomms/database';
import { NotFoundException } from '@spcomms/errors';
import { MandateEntity } from './mandate.entity';
import { OtherRecipientEntity } from './other-recipient.entity';
import {
  CreateMandateDto,
  CreateOtherRecipientDto,
  EndMandateDto,
  IssueStandingInvitationDto,
  MandateDto,
  OtherRecipientDto,
  StandingInvitationDto,
  StateDto,
  UpdateMandateDto,
  UpdateStateDto,
  WithdrawStandingInvitationDto,
} from './reference.dto';
import { ReferenceErrorCode, ReferenceException } from './reference.exception';
import { mapMandate, mapOtherRecipient, mapStandingInvitation, mapState } from './reference.mapper';
import { ReferenceRepository } from './reference.repository';
import { StandingInvitationEntity } from './standing-invitation.entity';

@Injectable()
export class ReferenceService {
  constructor(
    private readonly repository: ReferenceRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  // ---- States ----

  async listStates(): Promise<StateDto[]> {
    const [states, invitations] = await Promise.all([
      this.repository.findAllStates(),
      this.repository.findActiveStandingInvitations(),
    ]);
    const byState = new Map(invitations.map((invitation) => [invitation.stateCode, invitation]));
    return states.map((state) => mapState(state, byState.get(state.code)));
  }

  async getState(code: string): Promise<StateDto> {
    const state = await this.repository.findState(code.toUpperCase());
    if (!state) {
      throw new NotFoundException('state', code);
    }
    const invitation = await this.repository.findActiveStandingInvitation(state.code);
    return mapState(state, invitation ?? undefined);
  }

  /**
   * Sets the language of the e-mails to a State's focal points: an administrator for any State, a
   * Government for its own (another State's code answers 404, as a missing one).
   */
  updateState(actor: Actor, stateCode: string, dto: UpdateStateDto): Promise<StateDto> {
    requireRole(actor, Role.Admin, Role.Government);
    const code = stateCode.toUpperCase();
    if (actor.kind === 'user' && actor.role === Role.Government && actor.stateCode !== code) {
      throw new NotFoundException('state', code);
    }
    return this.tx.run(async () => {
      const state = await this.repository.findState(code);
      if (!state || state.status === 'pseudo') {
        throw new NotFoundException('state', code);
      }
      const before = { mailLanguage: state.mailLanguage };
      await this.repository.setStateMailLanguage(code, dto.mailLanguage);
      state.mailLanguage = dto.mailLanguage;
      await this.audit.record(actor, {
        action: 'state.update',
        subject: { type: 'state', id: code },
        before,
        after: { mailLanguage: dto.mailLanguage },
      });
      return mapState(state, (await this.repository.findActiveStandingInvitation(code)) ?? undefined);
    });
  }

  /** Throws a 4xx naming the codes that are not States (the pseudo-code OTH excluded). */
  async requireStates(codes: string[]): Promise<void> {
    const found = await this.repository.findStates(codes);
    const known = new Set(found.filter((state) => state.status !== 'pseudo').map((state) => state.code));
    const unknown = codes.filter((code) => !known.has(code));
    if (unknown.length > 0) {
      throw new ReferenceException(ReferenceErrorCode.UnknownState, `Unknown State code(s): ${unknown.join(', ')}`, {
        unknown,
      });
    }
  }

  // ---- Mandates ----

  async listMandates(includeEnded = false): Promise<MandateDto[]> {
    return (await this.repository.findAllMandates(includeEnded)).map(mapMandate);
  }

  async getMandate(id: string): Promise<MandateDto> {
    return mapMandate(await this.loadMandate(id));
  }

  createMandate(actor: Actor, dto: CreateMandateDto): Promise<MandateDto> {
    requireRole(actor, Role.Admin);
    return this.tx.run(async () => {
      if (dto.countryCode) {
        await this.requireStates([dto.countryCode]);
      }
      if (await this.repository.findMandateByCode(dto.code)) {
        throw new ReferenceException(ReferenceErrorCode.MandateCodeTaken, `A mandate with code ${dto.code} exists`);
      }
      const mandate = await this.repository.saveMandate(
        Object.assign(new MandateEntity(), {
          code: dto.code,
          kind: dto.kind,
          form: dto.form,
          title: dto.title,
          established: dto.established,
          countryCode: dto.countryCode ?? null,
          publishLegislationAtOnce: dto.publishLegislationAtOnce ?? false,
          endedOn: null,
        }),
      );
      const after = mapMandate(mandate);
      await this.audit.record(actor, { action: 'mandate.create', subject: { type: 'mandate', id: mandate.id }, after });
      return after;
    });
  }

  updateMandate(actor: Actor, id: string, dto: UpdateMandateDto): Promise<MandateDto> {
    requireRole(actor, Role.Admin);
    return this.tx.run(async () => {
      const mandate = await this.loadMandate(id);
      const before = mapMandate(mandate);
      if (dto.title !== undefined) {
        mandate.title = dto.title;
      }
      if (dto.publishLegislationAtOnce !== undefined) {
        mandate.publishLegislationAtOnce = dto.publishLegislationAtOnce;
      }
      const after = mapMandate(await this.repository.saveMandate(mandate));
      await this.audit.record(actor, { action: 'mandate.update', subject: { type: 'mandate', id }, before, after });
      return after;
    });
  }

  endMandate(actor: Actor, id: string, dto: EndMandateDto): Promise<MandateDto> {
    requireRole(actor, Role.Admin);
    return this.tx.run(async () => {
      const mandate = await this.loadMandate(id);
      if (mandate.endedOn) {
        throw new ReferenceException(
          ReferenceErrorCode.MandateEnded,
          `Mandate ${mandate.code} ended on ${mandate.endedOn}`,
        );
      }
      const before = mapMandate(mandate);
      mandate.endedOn = dto.endedOn;
      const after = mapMandate(await this.repository.saveMandate(mandate));
      await this.audit.record(actor, { action: 'mandate.end', subject: { type: 'mandate', id }, before, after });
      return after;
    });
  }

  // ---- Standing invitations (V2) ----

  async listStandingInvitations(): Promise<StandingInvitationDto[]> {
    return (await this.repository.findActiveStandingInvitations()).map(mapStandingInvitation);
  }

  issueStandingInvitation(
    actor: Actor,
    stateCode: string,
    dto: IssueStandingInvitationDto,
  ): Promise<StandingInvitationDto> {
    requireRole(actor, Role.Admin);
    const code = stateCode.toUpperCase();
    return this.tx.run(async () => {
      await this.requireStates([code]);
      if (await this.repository.findActiveStandingInvitation(code)) {
        throw new ReferenceException(
          ReferenceErrorCode.StandingInvitationExists,
          `${code} already has a standing invitation`,
        );
      }
      const invitation = await this.repository.saveStandingInvitation(
        Object.assign(new StandingInvitationEntity(), { stateCode: code, issuedOn: dto.issuedOn, withdrawnOn: null }),
      );
      const after = mapStandingInvitation(invitation);
      await this.audit.record(actor, {
        action: 'standing_invitation.issue',
        subject: { type: 'state', id: code },
        after,
      });
      return after;
    });
  }

  withdrawStandingInvitation(
    actor: Actor,
    stateCode: string,
    dto: WithdrawStandingInvitationDto,
  ): Promise<StandingInvitationDto> {
    requireRole(actor, Role.Admin);
    const code = stateCode.toUpperCase();
    return this.tx.run(async () => {
      const invitation = await this.repository.findActiveStandingInvitation(code);
      if (!invitation) {
        throw new ReferenceException(ReferenceErrorCode.NoStandingInvitation, `${code} has no standing invitation`);
      }
      const before = mapStandingInvitation(invitation);
      invitation.withdrawnOn = dto.withdrawnOn;
      const after = mapStandingInvitation(await this.repository.saveStandingInvitation(invitation));
      await this.audit.record(actor, {
        action: 'standing_invitation.withdraw',
        subject: { type: 'state', id: code },
        before,
        after,
      });
      return after;
    });
  }

  // ---- Other recipients ----

  async listOtherRecipients(): Promise<OtherRecipientDto[]> {
    return (await this.repository.findAllOtherRecipients()).map(mapOtherRecipient);
  }

  async getOtherRecipient(id: string): Promise<OtherRecipientDto> {
    const recipient = await this.repository.findOtherRecipient(id);
    if (!recipient) {
      throw new NotFoundException('other_recipient', id);
    }
    return mapOtherRecipient(recipient);
  }

  createOtherRecipient(actor: Actor, dto: CreateOtherRecipientDto): Promise<OtherRecipientDto> {
    requireRole(actor, Role.Admin, Role.Assistant);
    return this.tx.run(async () => {
      if (dto.countryCode) {
        await this.requireStates([dto.countryCode]);
      }
      let recipient: OtherRecipientEntity;
      try {
        recipient = await this.repository.saveOtherRecipient(
          Object.assign(new OtherRecipientEntity(), {
            name: dto.name,
            kind: dto.kind,
            countryCode: dto.countryCode ?? null,
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'uq_other_recipient_name')) {
          throw new ReferenceException(
            ReferenceErrorCode.OtherRecipientNameTaken,
            `An other recipient named "${dto.name}" exists`,
          );
        }
        throw error;
      }
      const after = mapOtherRecipient(recipient);
      await this.audit.record(actor, {
        action: 'other_recipient.create',
        subject: { type: 'other_recipient', id: recipient.id },
        after,
      });
      return after;
    });
  }

  // ---- helpers ----

  /** The mandate of this id, ended or not; NotFoundException when there is none. */
  async loadMandate(id: string): Promise<MandateEntity> {
    const mandate = await this.repository.findMandate(id);
    if (!mandate) {
      throw new NotFoundException('mandate', id);
    }
    return mandate;
  }
}
