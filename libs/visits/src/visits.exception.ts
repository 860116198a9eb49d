import { DomainException, ErrorKind } from '@spcomms/errors';

export enum VisitsErrorCode {
  /** V1: the move is not allowed from the current status; details.allowedNext lists what is. */
  InvalidMove = 'visit.invalid_move',
  OpenRequestExists = 'visit.open_request_exists',
  UnknownMandate = 'visit.unknown_mandate',
  MandateEnded = 'visit.mandate_ended',
  NotYourMandate = 'visit.not_your_mandate',
  InvalidPeriod = 'visit.invalid_period',
  DatesRequired = 'visit.dates_required',
  DateInFuture = 'visit.date_in_future',
  DuplicateAssurance = 'visit.duplicate_assurance',
  ConfirmedNotRequested = 'visit.assurance_confirmed_not_requested',
  NotCompleted = 'visit.not_completed',
  InvalidReportSymbol = 'visit.invalid_report_symbol',
  ReportSessionMismatch = 'visit.report_session_mismatch',
  ReportSessionRequired = 'visit.report_session_required',
  InvalidCursor = 'visit.invalid_cursor',
  /** A move its own dates contradict: under way before the first day, completed before the last. */
  BeforeVisitDates = 'visit.before_visit_dates',
  /** The State cannot accept dates it proposed itself: the mandate agrees them by scheduling. */
  OwnProposal = 'visit.own_proposal',
}

const kinds: Record<VisitsErrorCode, ErrorKind> = {
  [VisitsErrorCode.InvalidMove]: ErrorKind.Conflict,
  [VisitsErrorCode.OpenRequestExists]: ErrorKind.Conflict,
  [VisitsErrorCode.UnknownMandate]: ErrorKind.Invalid,
  [VisitsErrorCode.MandateEnded]: ErrorKind.Conflict,
  [VisitsErrorCode.NotYourMandate]: ErrorKind.Forbidden,
  [VisitsErrorCode.InvalidPeriod]: ErrorKind.Invalid,
  [VisitsErrorCode.DatesRequired]: ErrorKind.Invalid,
  [VisitsErrorCode.DateInFuture]: ErrorKind.Invalid,
  [VisitsErrorCode.DuplicateAssurance]: ErrorKind.Invalid,
  [VisitsErrorCode.ConfirmedNotRequested]: ErrorKind.Invalid,
  [VisitsErrorCode.NotCompleted]: ErrorKind.Conflict,
  [VisitsErrorCode.InvalidReportSymbol]: ErrorKind.Invalid,
  [VisitsErrorCode.ReportSessionMismatch]: ErrorKind.Invalid,
  [VisitsErrorCode.ReportSessionRequired]: ErrorKind.Invalid,
  [VisitsErrorCode.InvalidCursor]: ErrorKind.Invalid,
  [VisitsErrorCode.BeforeVisitDates]: ErrorKind.Invalid,
  [VisitsErrorCode.OwnProposal]: ErrorKind.Conflict,
};

export class VisitsException extends DomainException {
  constructor(code: VisitsErrorCode, message: string, details?: unknown) {
    super(kinds[code], code, message, details);
  }
}
