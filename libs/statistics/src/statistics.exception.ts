import { DomainException, ErrorKind } from '@spcomms/errors';

export enum StatisticsErrorCode {
  InvalidPeriod = 'statistics.invalid_period',
  PeriodConflict = 'statistics.period_conflict',
  CutoffInFuture = 'statistics.cutoff_in_future',
  CutoffBeforePeriod = 'statistics.cutoff_before_period',
  TooManyPoints = 'statistics.too_many_points',
  UnknownMandate = 'statistics.unknown_mandate',
  NotYourMandate = 'statistics.not_your_mandate',
  FilterNotApplicable = 'statistics.filter_not_applicable',
}

const kinds: Record<StatisticsErrorCode, ErrorKind> = {
  [StatisticsErrorCode.InvalidPeriod]: ErrorKind.Invalid,
  [StatisticsErrorCode.PeriodConflict]: ErrorKind.Invalid,
  [StatisticsErrorCode.CutoffInFuture]: ErrorKind.Invalid,
  [StatisticsErrorCode.CutoffBeforePeriod]: ErrorKind.Invalid,
  [StatisticsErrorCode.TooManyPoints]: ErrorKind.Invalid,
  [StatisticsErrorCode.UnknownMandate]: ErrorKind.Invalid,
  [StatisticsErrorCode.NotYourMandate]: ErrorKind.Forbidden,
  [StatisticsErrorCode.FilterNotApplicable]: ErrorKind.Invalid,
};

export class StatisticsException extends DomainException {
  constructor(code: StatisticsErrorCode, message: string, details?: unknown) {
    super(kinds[code], code, message, details);
  }
}
