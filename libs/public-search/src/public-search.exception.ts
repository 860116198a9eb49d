import { DomainException, ErrorKind } from '@spcomms/errors';

export enum PublicSearchErrorCode {
  InvalidCursor = 'public_search.invalid_cursor',
  InvalidRange = 'public_search.invalid_range',
}

const kinds: Record<PublicSearchErrorCode, ErrorKind> = {
  [PublicSearchErrorCode.InvalidCursor]: ErrorKind.Invalid,
  [PublicSearchErrorCode.InvalidRange]: ErrorKind.Invalid,
};

export class PublicSearchException extends DomainException {
  constructor(code: PublicSearchErrorCode, message: string, details?: unknown) {
    super(kinds[code], code, message, details);
  }
}
