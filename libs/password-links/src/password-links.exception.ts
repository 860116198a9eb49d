import { DomainException, ErrorKind } from '@spcomms/errors';

export enum PasswordLinkErrorCode {
  /** Unknown, already used, replaced by a newer link, expired, or its user is disabled: all look the same. */
  InvalidLink = 'password_link.invalid',
}

export class PasswordLinkException extends DomainException {
  constructor(code: PasswordLinkErrorCode, message: string) {
    super(ErrorKind.Invalid, code, message);
  }
}
