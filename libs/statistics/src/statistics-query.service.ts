import { Injectable } from '@nestjs/common';
import { Actor, Role, hasRole, requireRole } from '@spcomms/access';
import { Clock, addCalendarDays, calendarDateIn, startOfCalendarDate } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { MandateEntity, ReferenceRepository, StateEntity } from '@spcomms/reference';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';
import { Figure } from './statistics-figures';
import { csvPath } from './statistics.mapper';
import { PeriodInput, StatisticsPeriod, lettersUntil, repliesUntil } from './statistics-period';
import { LetterSelection, ReplySelection } from './statistics-rows';
import { STATISTICS_ROLES, StatisticsScope, scopeOf } from './statistics-scope';

export const FIGURES_PATH = '/statistics/figures';

/** What every statistics query starts from: who may see what, and which days count. */
export interface PreparedQuery {
  scope: StatisticsScope;
  period: StatisticsPeriod;
  states: StateEntity[];
  mandates: MandateEntity[];
}

/**
 * What the figures, the trends and the CSV rows behind them share: the actor's scope and period,
 * the letters and replies they select, and the CSV link of a figure.
 */
@Injectable()
export class StatisticsQueryService {
  constructor(
    private readonly reference: ReferenceRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Checks the actor and the mandate asked for, and resolves the period. */
  async prepare(
    actor: Actor,
    query: PeriodInput & { mandate?: string },
    resolve: (input: PeriodInput, today: string) => StatisticsPeriod,
  ): Promise<PreparedQuery> {
    requireRole(actor, ...STATISTICS_ROLES);
    const period = resolve(query, calendarDateIn(this.clock.now(), this.config.rules.timezone));
    const mandates = await this.reference.findAllMandates(true);
    const states = await this.reference.findAllStates();
    let requested: MandateEntity | null = null;
    if (query.mandate !== undefined) {
      requested = mandates.find((mandate) => mandate.code === query.mandate) ?? null;
      if (!requested) {
        throw new StatisticsException(StatisticsErrorCode.UnknownMandate, `Unknown mandate ${query.mandate}`);
      }
    }
    const own = hasRole(actor, Role.Assistant, Role.MandateHolder)
      ? mandates.filter((mandate) => actor.mandateIds.includes(mandate.id))
      : [];
    return { scope: scopeOf(actor, requested, own), period, states, mandates };
  }

  letterSelection(prepared: PreparedQuery): LetterSelection {
    const { period, scope } = prepared;
    return { from: period.from, until: lettersUntil(period), cutoff: period.cutoff, mandateIds: scope.mandateIds };
  }

  replySelection(prepared: PreparedQuery): ReplySelection {
    const { period, scope } = prepared;
    return {
      from: period.repliesFrom,
      until: repliesUntil(period),
      periodFrom: period.from,
      periodTo: lettersUntil(period),
      mandateIds: scope.mandateIds,
    };
  }

  /** The instant the cut-off day ends in Geneva. */
  endOf(cutoff: string): Date {
    return startOfCalendarDate(addCalendarDays(cutoff, 1), this.config.rules.timezone);
  }

  /** The CSV link of a figure: the same period, cut-off and mandate, narrowed by `extra`. */
  link(prepared: PreparedQuery, figure: Figure, extra: Record<string, string> = {}): string {
    const { period, scope } = prepared;
    return csvPath(FIGURES_PATH, figure, {
      from: period.from,
      to: period.to,
      cutoff: period.cutoff,
      repliesFrom: period.repliesFrom === period.from ? undefined : period.repliesFrom,
      repliesTo: period.repliesTo === period.to ? undefined : period.repliesTo,
      mandate: scope.requested?.code,
      ...extra,
    });
  }
}
