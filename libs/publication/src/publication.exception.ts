import { DomainException, ErrorKind } from '@spcomms/errors';

export enum PublicationErrorCode {
  NotCurrentVersion = 'publication.not_current_version',
  LetterAbandoned = 'publication.letter_abandoned',
  AlreadyChecked = 'publication.already_checked',
  SourceNamed = 'publication.source_named',
}

const kinds: Record<PublicationErrorCode, ErrorKind> = {
  [PublicationErrorCode.NotCurrentVersion]: ErrorKind.Conflict,
  [PublicationErrorCode.LetterAbandoned]: ErrorKind.Conflict,
  [PublicationErrorCode.AlreadyChecked]: ErrorKind.Conflict,
  [PublicationErrorCode.SourceNamed]: ErrorKind.Invalid,
};

export class PublicationException extends DomainException {
  constructor(code: PublicationErrorCode, message: string, details?: unknown) {
    super(kinds[code], code, message, details);
  }
}
