import { DomainException, ErrorKind } from '@spcomms/errors';

export enum NotificationsErrorCode {
  UnknownTemplate = 'mail.unknown_template',
  MissingParams = 'mail.missing_params',
  UnknownRecipient = 'mail.unknown_recipient',
  InvalidAddress = 'mail.invalid_address',
  InvalidCursor = 'mail.invalid_cursor',
}

const kinds: Record<NotificationsErrorCode, ErrorKind> = {
  [NotificationsErrorCode.UnknownTemplate]: ErrorKind.Invalid,
  [NotificationsErrorCode.MissingParams]: ErrorKind.Invalid,
  [NotificationsErrorCode.UnknownRecipient]: ErrorKind.Invalid,
  [NotificationsErrorCode.InvalidAddress]: ErrorKind.Invalid,
  [NotificationsErrorCode.InvalidCursor]: ErrorKind.Invalid,
};

export class NotificationsException extends DomainException {
  constructor(code: NotificationsErrorCode, message: string, details?: unknown) {
    super(kinds[code], code, message, details);
  }
}
