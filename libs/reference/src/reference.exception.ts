import { DomainException, ErrorKind } from '@spcomms/errors';

export enum ReferenceErrorCode {
  MandateCodeTaken = 'mandate.code_taken',
  MandateEnded = 'mandate.ended',
  ThirdTerm = 'mandate_term.third_term',
  TermOverlap = 'mandate_term.overlap',
  UnknownState = 'state.unknown',
  StandingInvitationExists = 'standing_invitation.exists',
  NoStandingInvitation = 'standing_invitation.none',
  OtherRecipientNameTaken = 'other_recipient.name_taken',
}

const kinds: Record<ReferenceErrorCode, ErrorKind> = {
  [ReferenceErrorCode.MandateCodeTaken]: ErrorKind.Conflict,
  [ReferenceErrorCode.MandateEnded]: ErrorKind.Conflict,
  [ReferenceErrorCode.ThirdTerm]: ErrorKind.Conflict,
  [ReferenceErrorCode.TermOverlap]: ErrorKind.Conflict,
  [ReferenceErrorCode.UnknownState]: ErrorKind.Invalid,
  [ReferenceErrorCode.StandingInvitationExists]: ErrorKind.Conflict,
  [ReferenceErrorCode.NoStandingInvitation]: ErrorKind.Conflict,
  [ReferenceErrorCode.OtherRecipientNameTaken]: ErrorKind.Conflict,
};

export class ReferenceException extends DomainException {
  constructor(code: ReferenceErrorCode, message: string, details?: unknown) {
    super(kinds[code], code, message, details);
  }
}
