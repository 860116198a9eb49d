import { Injectable } from '@nestjs/common';
import { Actor, Role, hasRole, requireRole } from '@spcomms/access';
import { Clock, addCalendarDays, calendarDateIn, startOfCalendarDate } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { MandateEntity, ReferenceRepository, StateEntity } from '@spcomms/reference';
import { REGION_NAMES, REGIONS, Region, regionOf } from './regions';
import { StatisticsQueryDto, TrendQueryDto } from './statistics.dto';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';
import { Figure } from './statistics-figures';
import { csvPath, median, rate, ratio } from './statistics.mapper';
import {
  PeriodInput,
  StatisticsPeriod,
  lettersUntil,
  repliesUntil,
  resolvePeriod,
  resolveTrend,
} from './statistics-period';
import { StatisticsRepository } from './statistics.repository';
import {
  LetterAggregateRow,
  LetterSelection,
  MandateAggregateRow,
  ReplyAggregate,
  ReplySelection,
} from './statistics-rows';
import {
  ALL_LETTERS,
  RollupCell,
  StatisticsRollupRepository,
  aggregatesOf,
  mandateRowsOf,
} from './statistics-rollup.repository';
import { rollupSegments, wholeMonths } from './statistics-segments';
import {
  FigureDto,
  MandateRowDto,
  RegionRowDto,
  StateRowDto,
  StatisticsDto,
  StatisticsPeriodDto,
  TrendDto,
  TypeRowDto,
} from './statistics-response.dto';
import { STATISTICS_ROLES, StatisticsScope, scopeOf } from './statistics-scope';
import { StatisticsSnapshot } from './statistics-snapshot';

export const FIGURES_PATH = '/statistics/figures';
const LETTER_TYPES = ['UA', 'AL', 'OL'];

/** What every statistics query starts from: who may see what, and which days count. */
export interface PreparedQuery {
  scope: StatisticsScope;
  period: StatisticsPeriod;
  states: StateEntity[];
  mandates: MandateEntity[];
}

const EMPTY_AGGREGATE: LetterAggregateRow = {
  byType: false,
  byState: false,
  byOther: false,
  type: null,
  recipientCode: null,
  otherRecipientId: null,
  letters: 0,
  joint: 0,
  individuals: 0,
  women: 0,
  reprisals: 0,
  followedUp: 0,
  replied: 0,
  onTime: 0,
  medianDays: null,
};

/**
 * The statistics of the Coordination Committee (S): figures of a period as of a cut-off, trends, and
 * (in StatisticsCsvService) the rows behind each figure. Every figure reads the fact tables kept by the
 * database on each write, scoped to the letters the actor may count.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly repository: StatisticsRepository,
    private readonly rollup: StatisticsRollupRepository,
    private readonly reference: ReferenceRepository,
    private readonly snapshot: StatisticsSnapshot,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async figures(actor: Actor, query: StatisticsQueryDto): Promise<StatisticsDto> {
    const prepared = await this.prepare(actor, query, (input, today) => resolvePeriod(input, today));
    const { scope, period, states, mandates } = prepared;
    const selection = this.letterSelection(prepared);
    const letters = this.letterReads(prepared, selection);
    const [cells, perLetter, replies, [visits, invitations]] = await this.snapshot.together(
      letters.cells,
      letters.perLetter,
      () => this.replyFigures(prepared),
      async () =>
        [
          await this.repository.visitAggregate(
            period.from,
            lettersUntil(period),
            period.cutoff,
            this.endOf(period.cutoff),
            scope.mandateIds,
            this.config.rules.timezone,
          ),
          await this.repository.standingInvitationCount(period.cutoff),
        ] as const,
    );
    const { aggregates, mandateRows } = letters.combine(cells, perLetter);
    const link = (figure: Figure, extra: Record<string, string> = {}) => this.link(prepared, figure, extra);
    const figure = (value: number, name: Figure): FigureDto => ({ value, csv: link(name) });

    const oth = this.config.rules.otherRecipientCode;
    const total = aggregates.find((row) => !row.byType && !row.byState && !row.byOther) ?? EMPTY_AGGREGATE;
    const stateRows = aggregates.filter((row) => row.byState && row.recipientCode !== null);
    const stateOf = new Map(states.map((state) => [state.code, state]));
    const toStates = stateRows.filter((row) => row.recipientCode !== oth);
    const toOthers = stateRows.find((row) => row.recipientCode === oth)?.letters ?? 0;
    const memberStates = states.filter((state) => state.status === 'member').length;
    const memberStatesAddressed = toStates.filter(
      (row) => stateOf.get(row.recipientCode as string)?.status === 'member',
    ).length;
    const otherRecipients = aggregates.filter((row) => row.byOther && row.otherRecipientId !== null).length;

    return {
      period: this.periodDto(prepared),
      letters: {
        sent: figure(total.letters, Figure.LettersSent),
        toStates: figure(total.letters - toOthers, Figure.LettersToStates),
        statesAddressed: toStates.length,
        memberStatesAddressed,
        memberStates,
        memberStateShare: rate(memberStatesAddressed, memberStates),
        toOtherRecipients: figure(toOthers, Figure.LettersToOtherRecipients),
        otherRecipients,
        joint: figure(total.joint, Figure.JointLetters),
        jointShare: rate(total.joint, total.letters),
        individuals: figure(total.individuals, Figure.LettersWithIndividuals),
        women: figure(total.women, Figure.LettersWithWomen),
        followedUp: figure(total.followedUp, Figure.LettersFollowedUp),
        reprisals: figure(total.reprisals, Figure.ReprisalLetters),
      },
      replies: {
        lettersReplied: figure(total.replied, Figure.LettersReplied),
        replyRate: rate(total.replied, total.letters),
        lettersRepliedOnTime: figure(total.onTime, Figure.LettersRepliedOnTime),
        onTimeRate: rate(total.onTime, total.letters),
        lettersNotReplied: figure(total.letters - total.replied, Figure.LettersNotReplied),
        medianDaysToReply: median(total.medianDays),
        received: figure(replies.received, Figure.RepliesReceived),
        toPeriodLetters: figure(replies.toPeriod, Figure.RepliesToPeriodLetters),
        toEarlierLetters: figure(replies.toEarlier, Figure.RepliesToEarlierLetters),
        toLaterLetters: figure(replies.toLater, Figure.RepliesToLaterLetters),
      },
      byType: this.byType(aggregates, link),
      byState: this.byState(stateRows, stateOf, link),
      byRegion: this.byRegion(stateRows, otherRecipients, link),
      byMandate: mandateRows
        .map((row): MandateRowDto => {
          const mandate = mandates.find((candidate) => candidate.id === row.mandateId);
          const code = mandate?.code ?? row.mandateId;
          const letters = row.led + row.joined;
          return {
            code,
            title: mandate?.title ?? '',
            letters,
            led: row.led,
            joined: row.joined,
            replied: row.replied,
            replyRate: ratio(row.replied, letters),
            csv: link(Figure.LettersSent, { mandate: code }),
          };
        })
        .sort((a, b) => b.letters - a.letters || a.code.localeCompare(b.code)),
      visits: {
        requested: figure(visits.requested, Figure.VisitRequestsMade),
        accepted: figure(visits.accepted, Figure.VisitRequestsAccepted),
        carriedOut: figure(visits.carriedOut, Figure.VisitsCarriedOut),
        countriesVisited: visits.countries,
        requestsPending: figure(visits.pending, Figure.VisitRequestsPending),
        standingInvitations: figure(invitations, Figure.StandingInvitations),
      },
    };
  }

  async trends(actor: Actor, query: TrendQueryDto): Promise<TrendDto> {
    let resolved: ReturnType<typeof resolveTrend> | undefined;
    const prepared = await this.prepare(actor, query, (input, today) => {
      resolved = resolveTrend({ ...input, interval: query.interval }, today);
      return resolved.period;
    });
    const { interval, buckets } = resolved as ReturnType<typeof resolveTrend>;
    const { period, scope } = prepared;
    const until = lettersUntil(period);
    const oth = this.config.rules.otherRecipientCode;
    // Every letter's trend from the rollup; one mandate's replies too; the letters of a mandate letter by letter.
    const key = scope.mandateIds === null ? ALL_LETTERS : scope.mandateIds.length === 1 ? scope.mandateIds[0] : null;
    const segments = rollupSegments(period.from, until, interval);
    const [rows, replies] = await this.snapshot.together(
      () =>
        key === ALL_LETTERS
          ? this.rollup.trend({ cutoff: period.cutoff, segments, grain: interval }, oth)
          : this.repository.trend(this.letterSelection(prepared), interval, oth),
      () =>
        key === null
          ? this.repository.replyTrend(period.from, until, interval, scope.mandateIds)
          : this.rollup.replyTrend(segments, interval, key),
    );
    const byBucket = new Map(rows.map((row) => [row.bucket, row]));
    return {
      interval,
      period: this.periodDto(prepared),
      points: buckets.map((bucket) => {
        const row = byBucket.get(bucket.label);
        const letters = row?.letters ?? 0;
        return {
          period: bucket.label,
          from: bucket.from,
          to: bucket.to,
          lettersSent: letters,
          statesAddressed: row?.states ?? 0,
          otherRecipients: row?.others ?? 0,
          joint: row?.joint ?? 0,
          jointShare: ratio(row?.joint ?? 0, letters),
          individuals: row?.individuals ?? 0,
          women: row?.women ?? 0,
          lettersReplied: row?.replied ?? 0,
          replyRate: ratio(row?.replied ?? 0, letters),
          lettersRepliedOnTime: row?.onTime ?? 0,
          onTimeRate: ratio(row?.onTime ?? 0, letters),
          medianDaysToReply: median(row?.medianDays ?? null),
          repliesReceived: replies.get(bucket.label) ?? 0,
          followedUp: row?.followedUp ?? 0,
          reprisals: row?.reprisals ?? 0,
          csv: this.link(
            {
              ...prepared,
              period: { ...period, from: bucket.from, to: bucket.to, repliesFrom: bucket.from, repliesTo: bucket.to },
            },
            Figure.LettersSent,
          ),
        };
      }),
    };
  }

  // ---- shared with the CSV service ----

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

  // ---- helpers ----

  /**
   * The replies received in the replies window: from the rollup for every letter or one mandate's when
   * the period is whole months (a reply's letter is then placed by its month), else reply by reply.
   */
  private replyFigures(prepared: PreparedQuery): Promise<ReplyAggregate> {
    const selection = this.replySelection(prepared);
    const mandateIds = selection.mandateIds;
    const key = mandateIds === null ? ALL_LETTERS : mandateIds.length === 1 ? mandateIds[0] : null;
    if (key === null || !wholeMonths(selection.periodFrom, selection.periodTo) || selection.from > selection.until) {
      return this.repository.replyAggregate(selection);
    }
    const segments = rollupSegments(selection.from, selection.until, 'year');
    return this.rollup.replies({
      segments,
      scope: key,
      periodFrom: selection.periodFrom,
      periodTo: selection.periodTo,
    });
  }

  /**
   * How the letter aggregates and the per-mandate rows are read, as two reads for one snapshot. Every
   * letter, or one mandate's letters over whole years, come from the rollup (whole months and years,
   * the days at the ends letter by letter), with the medians (overall and per recipient) from the
   * counts per number of days when the period is whole years (else letter by letter); several mandates' letters, where one letter may
   * count for two of them, letter by letter. The per-mandate rows always come from the rollup.
   */
  private letterReads(prepared: PreparedQuery, selection: LetterSelection) {
    const { scope, mandates } = prepared;
    const segments = rollupSegments(selection.from, selection.until, 'year');
    const key = scope.mandateIds === null ? ALL_LETTERS : scope.mandateIds.length === 1 ? scope.mandateIds[0] : null;
    const fromRollup = key === ALL_LETTERS || (key !== null && segments.months.length === 0);
    const mandateIds = scope.mandateIds ?? mandates.map((mandate) => mandate.id);
    const request = { cutoff: selection.cutoff, segments, grain: 'year' as const };
    return {
      cells: () =>
        this.rollup.cells({
          ...request,
          scope: key ?? ALL_LETTERS,
          dimensions: fromRollup ? ['total', 'type', 'recipient', 'other'] : [],
          mandates: mandateIds,
        }),
      /** The medians (rollup or letter by letter), or every aggregate letter by letter. */
      perLetter: async (): Promise<Map<string | null, number> | LetterAggregateRow[]> =>
        !fromRollup
          ? this.repository.letterAggregates(selection)
          : segments.months.length === 0
            ? this.rollup.medians({ ...request, scope: key as string })
            : this.repository.medianDays(selection),
      combine: (
        cells: RollupCell[],
        perLetter: Map<string | null, number> | LetterAggregateRow[],
      ): { aggregates: LetterAggregateRow[]; mandateRows: MandateAggregateRow[] } => ({
        aggregates: perLetter instanceof Map ? aggregatesOf(cells, key as string, perLetter) : perLetter,
        mandateRows: mandateRowsOf(cells, mandateIds),
      }),
    };
  }

  private periodDto({ period, scope }: PreparedQuery): StatisticsPeriodDto {
    return { ...period, scope: scope.mandateIds ? 'mandates' : 'all', mandates: scope.mandateCodes };
  }

  private byType(
    aggregates: LetterAggregateRow[],
    link: (figure: Figure, extra?: Record<string, string>) => string,
  ): TypeRowDto[] {
    const rows = aggregates.filter((row) => row.byType && row.type !== null);
    const types = [
      ...LETTER_TYPES,
      ...rows
        .map((row) => row.type as string)
        .filter((type) => !LETTER_TYPES.includes(type))
        .sort(),
    ];
    return types.map((type) => {
      const row = rows.find((candidate) => candidate.type === type) ?? EMPTY_AGGREGATE;
      return {
        type,
        letters: row.letters,
        joint: row.joint,
        replied: row.replied,
        onTime: row.onTime,
        replyRate: ratio(row.replied, row.letters),
        csv: link(Figure.LettersSent, { type }),
      };
    });
  }

  private byState(
    rows: LetterAggregateRow[],
    stateOf: Map<string, StateEntity>,
    link: (figure: Figure, extra?: Record<string, string>) => string,
  ): StateRowDto[] {
    const oth = this.config.rules.otherRecipientCode;
    return rows
      .map((row): StateRowDto => {
        const code = row.recipientCode as string;
        const state = stateOf.get(code);
        return {
          code,
          name: state?.name ?? code,
          status: state?.status ?? 'pseudo',
          region: regionOf(code, oth),
          letters: row.letters,
          replied: row.replied,
          onTime: row.onTime,
          replyRate: ratio(row.replied, row.letters),
          onTimeRate: ratio(row.onTime, row.letters),
          medianDaysToReply: median(row.medianDays),
          csv: link(Figure.LettersSent, { state: code }),
        };
      })
      .sort((a, b) => b.letters - a.letters || a.name.localeCompare(b.name, 'en'));
  }

  private byRegion(
    rows: LetterAggregateRow[],
    otherRecipients: number,
    link: (figure: Figure, extra?: Record<string, string>) => string,
  ): RegionRowDto[] {
    const oth = this.config.rules.otherRecipientCode;
    const totals = new Map<Region, { recipients: number; letters: number; replied: number; onTime: number }>();
    for (const row of rows) {
      const region = regionOf(row.recipientCode as string, oth);
      const total = totals.get(region) ?? { recipients: 0, letters: 0, replied: 0, onTime: 0 };
      total.recipients += 1;
      total.letters += row.letters;
      total.replied += row.replied;
      total.onTime += row.onTime;
      totals.set(region, total);
    }
    return REGIONS.map((region) => {
      const total = totals.get(region) ?? { recipients: 0, letters: 0, replied: 0, onTime: 0 };
      if (region === Region.OtherRecipients) {
        total.recipients = otherRecipients;
      }
      return {
        region,
        name: REGION_NAMES[region],
        ...total,
        replyRate: ratio(total.replied, total.letters),
        csv: link(Figure.LettersSent, { region }),
      };
    });
  }
}
