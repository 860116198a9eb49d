import { DomainException, ErrorKind } from '@spcomms/errors';

export enum HistoryErrorCode {
  /** At least one row (or the file itself) was rejected: nothing was written; the report is in `details`. */
  ImportRejected = 'history.import_rejected',
  /** An assistant named a lead mandate that is not one of theirs. */
  NotYourMandate = 'history.not_your_mandate',
  TooManyRows = 'history.too_many_rows',
  FileTooLarge = 'history.file_too_large',
  UnsupportedMedia = 'history.unsupported_media',
  /** A multipart form without the file `file`, or with other parts. */
  UnexpectedPart = 'history.unexpected_part',
  NotUtf8 = 'history.not_utf8',
  /** Another import or a transmission took a reference while this import ran. */
  ReferenceTaken = 'history.reference_taken',
}

const kinds: Record<HistoryErrorCode, ErrorKind> = {
  [HistoryErrorCode.ImportRejected]: ErrorKind.Invalid,
  [HistoryErrorCode.NotYourMandate]: ErrorKind.Forbidden,
  [HistoryErrorCode.TooManyRows]: ErrorKind.TooLarge,
  [HistoryErrorCode.FileTooLarge]: ErrorKind.TooLarge,
  [HistoryErrorCode.UnsupportedMedia]: ErrorKind.UnsupportedMedia,
  [HistoryErrorCode.UnexpectedPart]: ErrorKind.Invalid,
  [HistoryErrorCode.NotUtf8]: ErrorKind.Invalid,
  [HistoryErrorCode.ReferenceTaken]: ErrorKind.Conflict,
};

export class HistoryException extends DomainException {
  constructor(code: HistoryErrorCode, message: string, details?: unknown) {
    super(kinds[code], code, message, details);
  }
}
