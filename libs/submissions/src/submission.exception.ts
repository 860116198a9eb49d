import { DomainException, ErrorKind } from '@spcomms/errors';

export enum SubmissionErrorCode {
  Incomplete = 'submission.incomplete',
  NotAState = 'submission.not_a_state',
  UnknownMandate = 'submission.unknown_mandate',
  DuplicateCriterion = 'submission.duplicate_criterion',
  InvalidStatus = 'submission.invalid_status',
  NotScreened = 'submission.not_screened',
  InvalidCursor = 'submission.invalid_cursor',
  InvalidCommunication = 'submission.invalid_communication',
  EmptyEdit = 'submission.empty_edit',
}

const kinds: Record<SubmissionErrorCode, ErrorKind> = {
  [SubmissionErrorCode.Incomplete]: ErrorKind.Invalid,
  [SubmissionErrorCode.NotAState]: ErrorKind.Invalid,
  [SubmissionErrorCode.UnknownMandate]: ErrorKind.Invalid,
  [SubmissionErrorCode.DuplicateCriterion]: ErrorKind.Invalid,
  [SubmissionErrorCode.InvalidStatus]: ErrorKind.Conflict,
  [SubmissionErrorCode.NotScreened]: ErrorKind.Conflict,
  [SubmissionErrorCode.InvalidCursor]: ErrorKind.Invalid,
  [SubmissionErrorCode.InvalidCommunication]: ErrorKind.Invalid,
  [SubmissionErrorCode.EmptyEdit]: ErrorKind.Invalid,
};

export class SubmissionException extends DomainException {
  constructor(code: SubmissionErrorCode, message: string, details?: unknown) {
    super(kinds[code], code, message, details);
  }
}
