import { Injectable } from '@nestjs/common';
import { Actor } from '@spcomms/access';
import { AppConfig } from '@spcomms/config';
import { EMPTY_AGGREGATE, byMandate, byRegion, byState, byType } from './statistics-breakdowns';
import { StatisticsQueryDto, TrendQueryDto } from './statistics.dto';
import { Figure } from './statistics-figures';
import { median, rate, ratio } from './statistics.mapper';
import { lettersUntil, resolvePeriod, resolveTrend } from './statistics-period';
import { PreparedQuery, StatisticsQueryService } from './statistics-query.service';
import { StatisticsRepository } from './statistics.repository';
import { LetterAggregateRow, LetterSelection, MandateAggregateRow, ReplyAggregate } from './statistics-rows';
import { ALL_LETTERS, RollupCell, aggregatesOf, mandateRowsOf } from './statistics-rollup-cells';
import { StatisticsRollupRepository } from './statistics-rollup.repository';
import { rollupSegments, wholeMonths } from './statistics-segments';
import { FigureDto, StatisticsDto, StatisticsPeriodDto, TrendDto } from './statistics-response.dto';
import { StatisticsSnapshot } from './statistics-snapshot';

/**
 * The statistics of the Coordination Committee (S): figures of a period as of a cut-off, trends, and
 * (in StatisticsCsvService) the rows behind each figure. Every figure reads the fact tables kept by the
 * database on each write, scoped to the letters the actor may count (StatisticsQueryService).
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly repository: StatisticsRepository,
    private readonly rollup: StatisticsRollupRepository,
    private readonly queries: StatisticsQueryService,
    private readonly snapshot: StatisticsSnapshot,
    private readonly config: AppConfig,
  ) {}

  async figures(actor: Actor, query: StatisticsQueryDto): Promise<StatisticsDto> {
    const prepared = await this.queries.prepare(actor, query, (input, today) => resolvePeriod(input, today));
    const { scope, period, states, mandates } = prepared;
    const selection = this.queries.letterSelection(prepared);
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
            this.queries.endOf(period.cutoff),
            scope.mandateIds,
            this.config.rules.timezone,
          ),
          await this.repository.standingInvitationCount(period.cutoff),
        ] as const,
    );
    const { aggregates, mandateRows } = letters.combine(cells, perLetter);
    const link = (figure: Figure, extra: Record<string, string> = {}) => this.queries.link(prepared, figure, extra);
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
      byType: byType(aggregates, link),
      byState: byState(stateRows, stateOf, oth, link),
      byRegion: byRegion(stateRows, otherRecipients, oth, link),
      byMandate: byMandate(mandateRows, mandates, link),
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
    const prepared = await this.queries.prepare(actor, query, (input, today) => {
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
          : this.repository.trend(this.queries.letterSelection(prepared), interval, oth),
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
          csv: this.queries.link(
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

  // ---- helpers ----

  /**
   * The replies received in the replies window: from the rollup for every letter or one mandate's when
   * the period is whole months (a reply's letter is then placed by its month), else reply by reply.
   */
  private replyFigures(prepared: PreparedQuery): Promise<ReplyAggregate> {
    const selection = this.queries.replySelection(prepared);
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
}
