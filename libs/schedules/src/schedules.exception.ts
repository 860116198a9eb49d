import { DomainException, ErrorKind } from '@spcomms/errors';

export enum SchedulesErrorCode {
  UndeclaredKind = 'schedule.undeclared_kind',
  InvalidDueAt = 'schedule.invalid_due_at',
}

const kinds: Record<SchedulesErrorCode, ErrorKind> = {
  [SchedulesErrorCode.UndeclaredKind]: ErrorKind.Invalid,
  [SchedulesErrorCode.InvalidDueAt]: ErrorKind.Invalid,
};

export class SchedulesException extends DomainException {
  constructor(code: SchedulesErrorCode, message: string, details?: unknown) {
    super(kinds[code], code, message, details);
  }
}
