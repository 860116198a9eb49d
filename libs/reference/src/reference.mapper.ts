import { MandateHolderEntity, MandateTermEntity } from './mandate-holder.entity';
import { MandateEntity } from './mandate.entity';
import { OtherRecipientEntity } from './other-recipient.entity';
import { StandingInvitationEntity } from './standing-invitation.entity';
import { StateEntity } from './state.entity';
import {
  MandateDto,
  MandateHolderDto,
  MandateTermDto,
  OtherRecipientDto,
  StandingInvitationDto,
  StateDto,
} from './reference.dto';

export const mapStandingInvitation = (invitation: StandingInvitationEntity): StandingInvitationDto => ({
  id: invitation.id,
  stateCode: invitation.stateCode,
  issuedOn: invitation.issuedOn,
  withdrawnOn: invitation.withdrawnOn,
});

export const mapState = (state: StateEntity, invitation?: StandingInvitationEntity): StateDto => ({
  code: state.code,
  name: state.name,
  names: state.names,
  status: state.status,
  standingInvitation: invitation ? mapStandingInvitation(invitation) : null,
  mailLanguage: state.mailLanguage,
});

export const mapMandate = (mandate: MandateEntity): MandateDto => ({
  id: mandate.id,
  code: mandate.code,
  kind: mandate.kind,
  form: mandate.form,
  title: mandate.title,
  established: mandate.established,
  countryCode: mandate.countryCode,
  publishLegislationAtOnce: mandate.publishLegislationAtOnce,
  endedOn: mandate.endedOn,
});

export const mapTerm = (term: MandateTermEntity, mandateCode: string): MandateTermDto => ({
  id: term.id,
  mandateId: term.mandateId,
  mandateCode,
  number: term.number,
  startsOn: term.startsOn,
  endsOn: term.endsOn,
  endedOn: term.endedOn,
});

export const mapHolder = (holder: MandateHolderEntity, terms: MandateTermDto[]): MandateHolderDto => ({
  id: holder.id,
  name: holder.name,
  terms,
});

export const mapOtherRecipient = (recipient: OtherRecipientEntity): OtherRecipientDto => ({
  id: recipient.id,
  name: recipient.name,
  kind: recipient.kind,
  countryCode: recipient.countryCode,
});
