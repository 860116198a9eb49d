import { DomainException, ErrorKind } from '@spcomms/errors';

export enum RepliesErrorCode {
  Empty = 'reply.empty',
  LetterNotSent = 'reply.letter_not_sent',
  NotOnLetter = 'reply.not_on_letter',
  UnknownCorrectedReply = 'reply.unknown_corrected_reply',
  ReceivedInFuture = 'reply.received_in_future',
  ReceivedBeforeSending = 'reply.received_before_sending',
  IdempotencyKeyReused = 'reply.idempotency_key_reused',
  AttachmentTooLarge = 'reply.attachment_too_large',
  TooManyParts = 'reply.too_many_parts',
  FieldTooLarge = 'reply.field_too_large',
  UnsupportedMediaType = 'reply.unsupported_media_type',
}

const kinds: Record<RepliesErrorCode, ErrorKind> = {
  [RepliesErrorCode.Empty]: ErrorKind.Invalid,
  [RepliesErrorCode.LetterNotSent]: ErrorKind.Conflict,
  [RepliesErrorCode.NotOnLetter]: ErrorKind.Forbidden,
  [RepliesErrorCode.UnknownCorrectedReply]: ErrorKind.Invalid,
  [RepliesErrorCode.ReceivedInFuture]: ErrorKind.Invalid,
  [RepliesErrorCode.ReceivedBeforeSending]: ErrorKind.Invalid,
  [RepliesErrorCode.IdempotencyKeyReused]: ErrorKind.Invalid,
  [RepliesErrorCode.AttachmentTooLarge]: ErrorKind.TooLarge,
  [RepliesErrorCode.TooManyParts]: ErrorKind.TooLarge,
  [RepliesErrorCode.FieldTooLarge]: ErrorKind.TooLarge,
  [RepliesErrorCode.UnsupportedMediaType]: ErrorKind.UnsupportedMedia,
};

export class RepliesException extends DomainException {
  constructor(code: RepliesErrorCode, message: string, details?: unknown) {
    super(kinds[code], code, message, details);
  }
}

/** Field errors of a reply body, answered 400 like every DTO validation error. */
export class ReplyValidationException extends DomainException {
  constructor(fields: Array<{ field: string; errors: string[] }>) {
    const summary = fields.map((field) => field.errors.join(', ')).join('; ');
    super(ErrorKind.Invalid, 'validation.failed', `Invalid input: ${summary}`, fields);
  }
}
