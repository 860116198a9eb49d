import { DomainException, ErrorKind } from '@spcomms/errors';

export enum AccountsErrorCode {
  InvalidCredentials = 'auth.invalid_credentials',
  Unauthenticated = 'auth.unauthenticated',
  TooManyAttempts = 'auth.too_many_attempts',
  UsernameTaken = 'user.username_taken',
  InvalidScope = 'user.invalid_scope',
  InvalidCursor = 'user.invalid_cursor',
  WrongPassword = 'auth.wrong_password',
  SamePassword = 'auth.same_password',
}

const kinds: Record<AccountsErrorCode, ErrorKind> = {
  [AccountsErrorCode.InvalidCredentials]: ErrorKind.Unauthenticated,
  [AccountsErrorCode.Unauthenticated]: ErrorKind.Unauthenticated,
  [AccountsErrorCode.TooManyAttempts]: ErrorKind.RateLimited,
  [AccountsErrorCode.UsernameTaken]: ErrorKind.Conflict,
  [AccountsErrorCode.InvalidScope]: ErrorKind.Invalid,
  [AccountsErrorCode.InvalidCursor]: ErrorKind.Invalid,
  [AccountsErrorCode.WrongPassword]: ErrorKind.Invalid,
  [AccountsErrorCode.SamePassword]: ErrorKind.Invalid,
};

export class AccountsException extends DomainException {
  constructor(code: AccountsErrorCode, message: string, details?: unknown) {
    super(kinds[code], code, message, details);
  }
}
