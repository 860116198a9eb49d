import { DomainException, ErrorKind } from '@spcomms/errors';

export enum CommunicationErrorCode {
  NotDraft = 'communication.not_draft',
  StaleRevision = 'communication.stale_revision',
  MissingVictim = 'communication.missing_victim',
  MissingPerpetrator = 'communication.missing_perpetrator',
  UnknownMandate = 'communication.unknown_mandate',
  MandateEnded = 'communication.mandate_ended',
  NotYourMandate = 'communication.not_your_mandate',
  UnknownRecipient = 'communication.unknown_recipient',
  InvalidRecipient = 'communication.invalid_recipient',
  ReprisalConsentRequired = 'communication.reprisal_consent_required',
  AlreadyOnLetter = 'communication.already_on_letter',
  NotInvited = 'communication.not_invited',
  NotCurrentVersion = 'communication.not_current_version',
  AlreadyDecided = 'communication.already_decided',
  AmbiguousMandate = 'communication.ambiguous_mandate',
  MissingApprovals = 'communication.missing_approvals',
  UnknownFollowUp = 'communication.unknown_follow_up',
  InvalidDeadline = 'communication.invalid_deadline',
  InvalidCursor = 'communication.invalid_cursor',
  UnknownSubmission = 'communication.unknown_submission',
  NotSent = 'communication.not_sent',
  InvalidReference = 'communication.invalid_reference',
}

const kinds: Record<CommunicationErrorCode, ErrorKind> = {
  [CommunicationErrorCode.NotDraft]: ErrorKind.Conflict,
  [CommunicationErrorCode.StaleRevision]: ErrorKind.Conflict,
  [CommunicationErrorCode.MissingVictim]: ErrorKind.Invalid,
  [CommunicationErrorCode.MissingPerpetrator]: ErrorKind.Invalid,
  [CommunicationErrorCode.UnknownMandate]: ErrorKind.Invalid,
  [CommunicationErrorCode.MandateEnded]: ErrorKind.Invalid,
  [CommunicationErrorCode.NotYourMandate]: ErrorKind.Forbidden,
  [CommunicationErrorCode.UnknownRecipient]: ErrorKind.Invalid,
  [CommunicationErrorCode.InvalidRecipient]: ErrorKind.Invalid,
  [CommunicationErrorCode.ReprisalConsentRequired]: ErrorKind.Invalid,
  [CommunicationErrorCode.AlreadyOnLetter]: ErrorKind.Conflict,
  [CommunicationErrorCode.NotInvited]: ErrorKind.Forbidden,
  [CommunicationErrorCode.NotCurrentVersion]: ErrorKind.Conflict,
  [CommunicationErrorCode.AlreadyDecided]: ErrorKind.Conflict,
  [CommunicationErrorCode.AmbiguousMandate]: ErrorKind.Invalid,
  [CommunicationErrorCode.MissingApprovals]: ErrorKind.Conflict,
  [CommunicationErrorCode.UnknownFollowUp]: ErrorKind.Invalid,
  [CommunicationErrorCode.InvalidDeadline]: ErrorKind.Invalid,
  [CommunicationErrorCode.InvalidCursor]: ErrorKind.Invalid,
  [CommunicationErrorCode.UnknownSubmission]: ErrorKind.Invalid,
  [CommunicationErrorCode.NotSent]: ErrorKind.Conflict,
  [CommunicationErrorCode.InvalidReference]: ErrorKind.Invalid,
};

export class CommunicationException extends DomainException {
  constructor(code: CommunicationErrorCode, message: string, details?: unknown) {
    super(kinds[code], code, message, details);
  }
}
