import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { TransactionHost } from '@spcomms/database';
import { MandateHolderEntity, MandateTermEntity } from './mandate-holder.entity';
import { MandateEntity } from './mandate.entity';
import { OtherRecipientEntity } from './other-recipient.entity';
import { StandingInvitationEntity } from './standing-invitation.entity';
import { StateEntity, StateMailLanguage } from './state.entity';

@Injectable()
export class ReferenceRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get states() {
    return this.tx.manager.getRepository(StateEntity);
  }
  private get mandates() {
    return this.tx.manager.getRepository(MandateEntity);
  }
  private get holders() {
    return this.tx.manager.getRepository(MandateHolderEntity);
  }
  private get terms() {
    return this.tx.manager.getRepository(MandateTermEntity);
  }
  private get invitations() {
    return this.tx.manager.getRepository(StandingInvitationEntity);
  }
  private get otherRecipients() {
    return this.tx.manager.getRepository(OtherRecipientEntity);
  }

  findAllStates(): Promise<StateEntity[]> {
    return this.states.find({ order: { code: 'ASC' } });
  }

  findState(code: string): Promise<StateEntity | null> {
    return this.states.findOneBy({ code });
  }

  findStates(codes: string[]): Promise<StateEntity[]> {
    return codes.length === 0 ? Promise.resolve([]) : this.states.findBy({ code: In(codes) });
  }

  setStateMailLanguage(code: string, mailLanguage: StateMailLanguage | null): Promise<unknown> {
    return this.states.update({ code }, { mailLanguage });
  }

  /** Adds or updates the shipped data of each State; a State's own choice (its e-mail language) is kept. */
  upsertStates(states: StateEntity[]): Promise<unknown> {
    return this.states
      .createQueryBuilder()
      .insert()
      .into(StateEntity)
      .values(states.map(({ code, name, names, status, phrases }) => ({ code, name, names, status, phrases })))
      .orUpdate(['name', 'names', 'status', 'phrases'], ['code'])
      .execute();
  }

  findAllMandates(includeEnded: boolean): Promise<MandateEntity[]> {
    return this.mandates.find({ where: includeEnded ? {} : { endedOn: IsNull() }, order: { code: 'ASC' } });
  }

  findMandate(id: string): Promise<MandateEntity | null> {
    return this.mandates.findOneBy({ id });
  }

  findMandateByCode(code: string): Promise<MandateEntity | null> {
    return this.mandates.findOneBy({ code });
  }

  findMandates(ids: readonly string[]): Promise<MandateEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.mandates.findBy({ id: In([...ids]) });
  }

  findMandatesByCode(codes: readonly string[]): Promise<MandateEntity[]> {
    return codes.length === 0 ? Promise.resolve([]) : this.mandates.findBy({ code: In([...codes]) });
  }

  saveMandate(mandate: MandateEntity): Promise<MandateEntity> {
    return this.mandates.save(mandate);
  }

  /** Inserts the mandates whose code is not there yet; leaves existing ones (and admins' edits) alone. */
  async insertMissingMandates(mandates: Partial<MandateEntity>[]): Promise<void> {
    await this.mandates.createQueryBuilder().insert().values(mandates).orIgnore().execute();
  }

  findHolder(id: string): Promise<MandateHolderEntity | null> {
    return this.holders.findOneBy({ id });
  }

  findHoldersOfMandate(mandateId: string): Promise<MandateHolderEntity[]> {
    return this.holders
      .createQueryBuilder('h')
      .where('EXISTS (SELECT 1 FROM mandate_term t WHERE t.holder_id = h.id AND t.mandate_id = :mandateId)', {
        mandateId,
      })
      .orderBy('h.name', 'ASC')
      .getMany();
  }

  saveHolder(holder: MandateHolderEntity): Promise<MandateHolderEntity> {
    return this.holders.save(holder);
  }

  findTermsOfHolders(holderIds: string[]): Promise<MandateTermEntity[]> {
    return holderIds.length === 0
      ? Promise.resolve([])
      : this.terms.find({ where: { holderId: In(holderIds) }, order: { startsOn: 'ASC' } });
  }

  findTerm(id: string): Promise<MandateTermEntity | null> {
    return this.terms.findOneBy({ id });
  }

  /** Locks the holder's terms on the mandate so that two concurrent additions cannot both pass M1. */
  async findTermsForUpdate(holderId: string, mandateId: string): Promise<MandateTermEntity[]> {
    await this.tx.manager.query('SELECT id FROM mandate_holder WHERE id = $1 FOR UPDATE', [holderId]);
    return this.terms.find({ where: { holderId, mandateId }, order: { number: 'ASC' } });
  }

  saveTerm(term: MandateTermEntity): Promise<MandateTermEntity> {
    return this.terms.save(term);
  }

  findActiveStandingInvitations(): Promise<StandingInvitationEntity[]> {
    return this.invitations.find({ where: { withdrawnOn: IsNull() }, order: { stateCode: 'ASC' } });
  }

  findActiveStandingInvitation(stateCode: string): Promise<StandingInvitationEntity | null> {
    return this.invitations.findOneBy({ stateCode, withdrawnOn: IsNull() });
  }

  saveStandingInvitation(invitation: StandingInvitationEntity): Promise<StandingInvitationEntity> {
    return this.invitations.save(invitation);
  }

  findAllOtherRecipients(): Promise<OtherRecipientEntity[]> {
    return this.otherRecipients.find({ order: { name: 'ASC' } });
  }

  findOtherRecipient(id: string): Promise<OtherRecipientEntity | null> {
    return this.otherRecipients.findOneBy({ id });
  }

  findOtherRecipientByName(name: string): Promise<OtherRecipientEntity | null> {
    return this.otherRecipients.findOneBy({ name });
  }

  saveOtherRecipient(recipient: OtherRecipientEntity): Promise<OtherRecipientEntity> {
    return this.otherRecipients.save(recipient);
  }
}
