import { Injectable } from '@nestjs/common';
import { StatisticsSnapshot } from './statistics-snapshot';
import { ALL_LETTERS, RollupCell, RollupDimension } from './statistics-rollup-cells';
import { Params, ReplyAggregate, TrendRow, num, toTrendRow } from './statistics-rows';
import { RollupSegments } from './statistics-segments';

/** Which cells to read: `dimensions` of the scope `scope`, and the totals of `mandates`. */
export interface RollupRequest {
  cutoff: string;
  segments: RollupSegments;
  /** The grain of the per-letter contributions (`year` holds every dimension). */
  grain: 'month' | 'year';
  scope: string;
  dimensions: RollupDimension[];
  /**
   * The dimensions whose cells a reader sums beyond their letters (default: all of `dimensions`): only
   * these are corrected for the letters replied or followed up after the cut-off.
   */
  counted?: RollupDimension[];
  mandates: string[];
}

/** The rollup rows (alias `r`) of the whole years and months of `segments`, as one condition. */
function wholePeriods(segments: RollupSegments, params: Params): string {
  const periods: string[] = [];
  if (segments.years.length > 0) {
    periods.push(`(r.grain = 'year' AND r.period_start = ANY (${params.add(segments.years)}::date[]))`);
  }
  if (segments.months.length > 0) {
    periods.push(`(r.grain = 'month' AND r.period_start = ANY (${params.add(segments.months)}::date[]))`);
  }
  return periods.join(' OR ');
}

const COUNTS = ['letters', 'led', 'joint', 'individuals', 'women', 'reprisals', 'followed_up', 'replied', 'on_time'];

/**
 * Reads `statistics_letter_rollup`: the sums of the letters per month and per year of sending, kept by
 * the triggers of the fact tables. A selection is answered exactly for any cut-off: the rollup rows of
 * its whole years and months, plus the letters of the days at its ends one by one, minus what the
 * letters of the whole periods received after the cut-off (their follow-up, reply or on-time reply
 * came later, so the rollup counts them but the cut-off does not).
 */
@Injectable()
export class StatisticsRollupRepository {
  constructor(private readonly snapshot: StatisticsSnapshot) {}

  async cells(request: RollupRequest): Promise<RollupCell[]> {
    const params = new Params();
    const rows: Array<Record<string, unknown>> = await this.snapshot.manager.query(
      `SELECT p.mandate_id, p.dimension, p.value, ${COUNTS.map((column) => `sum(p.${column}) AS ${column}`).join(', ')}
         FROM (${this.parts(request, params)}) p
        GROUP BY 1, 2, 3
       HAVING sum(p.letters) > 0`,
      params.values,
    );
    return rows.map((row) => ({
      mandateId: row.mandate_id as string,
      dimension: row.dimension as RollupDimension,
      value: row.value as string,
      letters: num(row.letters),
      led: num(row.led),
      joint: num(row.joint),
      individuals: num(row.individuals),
      women: num(row.women),
      reprisals: num(row.reprisals),
      followedUp: num(row.followed_up),
      replied: num(row.replied),
      onTime: num(row.on_time),
    }));
  }

  /**
   * Median days from sending to the first reply over the letters of a scope (every letter when `scope`
   * is left out, else one mandate's) replied by the cut-off: overall (key null) and per recipient, from
   * the counts of letters per number of days (`days`, `recipient_days`; a mandate has them by year only).
   * The median is PostgreSQL's percentile_cont(0.5): the mean of the two middle values.
   */
  async medians(
    request: Pick<RollupRequest, 'cutoff' | 'segments' | 'grain'> & { scope?: string },
  ): Promise<Map<string | null, number>> {
    const params = new Params();
    const parts = this.parts(
      { ...request, scope: request.scope ?? ALL_LETTERS, dimensions: ['days', 'recipient_days'], mandates: [] },
      params,
    );
    const rows: Array<{ recipient: string | null; median: string | number }> = await this.snapshot.manager.query(
      `WITH counts AS (
              SELECT CASE WHEN p.dimension = 'days' THEN NULL ELSE split_part(p.value, ' ', 1) END AS recipient,
                     (CASE WHEN p.dimension = 'days' THEN p.value ELSE split_part(p.value, ' ', 2) END)::int AS days,
                     sum(p.letters) AS letters
                FROM (${parts}) p
               GROUP BY 1, 2
              HAVING sum(p.letters) > 0
            ), running AS (
              SELECT recipient, days,
                     sum(letters) OVER (PARTITION BY recipient ORDER BY days) AS upto,
                     sum(letters) OVER (PARTITION BY recipient) AS total
                FROM counts
            )
       SELECT recipient,
              (min(days) FILTER (WHERE upto > floor((total - 1) / 2.0)) + min(days) FILTER (WHERE upto > ceil((total - 1) / 2.0))) / 2.0 AS median
         FROM running
        GROUP BY recipient`,
      params.values,
    );
    return new Map(rows.map((row) => [row.recipient, Number(row.median)]));
  }

  /**
   * The replies received in the days of `segments` (whole months and years from the rollup, the days at
   * the ends reply by reply) within a scope, split by the day their letter was sent against the
   * period [periodFrom, periodTo], which must be whole months.
   */
  async replies(request: {
    segments: RollupSegments;
    scope: string;
    periodFrom: string;
    periodTo: string;
  }): Promise<ReplyAggregate> {
    const { segments } = request;
    const params = new Params();
    const scope = params.add(request.scope);
    const parts: string[] = [];
    if (segments.whole) {
      const periods = wholePeriods(segments, params);
      parts.push(
        `SELECT r.letter_month AS letter_on, r.replies FROM statistics_reply_rollup r WHERE r.mandate_id = ${scope}::uuid AND (${periods})`,
      );
    }
    if (segments.edges.length > 0) {
      const days = segments.edges
        .map((edge) => `r.received_on BETWEEN ${params.add(edge.from)}::date AND ${params.add(edge.to)}::date`)
        .join(' OR ');
      const join =
        request.scope === ALL_LETTERS
          ? `WHERE ${scope}::uuid IS NOT NULL AND`
          : `JOIN statistics_letter l ON l.communication_id = r.communication_id AND l.mandate_ids @> ARRAY[${scope}::uuid] WHERE`;
      parts.push(`SELECT r.letter_sent_on AS letter_on, 1 AS replies FROM statistics_reply r ${join} (${days})`);
    }
    if (parts.length === 0) {
      return { received: 0, toPeriod: 0, toEarlier: 0, toLater: 0 };
    }
    const from = params.add(request.periodFrom);
    const to = params.add(request.periodTo);
    const [row]: Array<Record<string, unknown>> = await this.snapshot.manager.query(
      `SELECT sum(x.replies) AS received,
              sum(x.replies) FILTER (WHERE x.letter_on BETWEEN ${from}::date AND ${to}::date) AS to_period,
              sum(x.replies) FILTER (WHERE x.letter_on < ${from}::date) AS to_earlier,
              sum(x.replies) FILTER (WHERE x.letter_on > ${to}::date) AS to_later
         FROM (${parts.join('\n UNION ALL\n')}) x`,
      params.values,
    );
    return {
      received: num(row.received),
      toPeriod: num(row.to_period),
      toEarlier: num(row.to_earlier),
      toLater: num(row.to_later),
    };
  }

  /**
   * The headline figures of every letter per month or year of sending (`unit`, the grain of the
   * request): totals, States and non-State recipients addressed, and the median days to the first reply.
   *
   * Read on integer and date keys, without expanding a letter into cells: the rollup's `total`,
   * `recipient`, `other` and `days` cells of every letter; the letters of the whole periods settled after
   * the cut-off in one pass (their follow-up, reply or on-time reply taken off the totals, their first
   * reply off the days); the letters of the days at the ends in one pass, as of the cut-off. Recipients
   * are only counted (a letter replied late moves no letter between them); the medians run over the
   * days' counts in order, the corrections included (a count of days brought to nought moves no median).
   */
  async trend(
    request: Omit<RollupRequest, 'scope' | 'dimensions' | 'mandates'>,
    otherRecipientCode: string,
  ): Promise<TrendRow[]> {
    const { segments } = request;
    const params = new Params();
    const unit = `${params.add(request.grain)}::text`;
    const cutoff = params.add(request.cutoff);
    const oth = params.add(otherRecipientCode);
    const format = request.grain === 'year' ? 'YYYY' : 'YYYY-MM';
    const totalColumns = COUNTS.filter((column) => column !== 'led');
    // Rows (bucket, counts…) of the totals; (bucket, states, others) counted; (bucket, other, value) of the
    // recipients of the buckets not made of one period of the rollup; (bucket, days, letters) of the days.
    const totals: string[] = [];
    const counted: string[] = [];
    const recipients: string[] = [];
    const days: string[] = [];
    const ctes: string[] = [];
    if (segments.whole) {
      const scope = params.add(ALL_LETTERS);
      const periods = wholePeriods(segments, params);
      const from = params.add(segments.whole.from);
      const to = params.add(segments.whole.to);
      const cells = `FROM statistics_letter_rollup r WHERE r.mandate_id = ${scope}::uuid AND (${periods})`;
      ctes.push(`late AS MATERIALIZED (
              SELECT date_trunc(${unit}, l.sent_on)::date AS bucket,
                     (l.followed_up_on > ${cutoff}::date) AS followed_late,
                     (l.first_reply_on > ${cutoff}::date) AS replied_late,
                     (l.on_time_reply_on > ${cutoff}::date) AS on_time_late,
                     l.first_reply_on - l.sent_on AS days
                FROM statistics_letter l
               WHERE greatest(l.followed_up_on, l.first_reply_on, l.on_time_reply_on) > ${cutoff}::date
                 AND l.sent_on BETWEEN ${from}::date AND ${to}::date
            )`);
      totals.push(
        `SELECT date_trunc(${unit}, r.period_start)::date, ${totalColumns.map((column) => `r.${column}`).join(', ')}
           ${cells} AND r.dimension = 'total'`,
        `SELECT l.bucket, 0, 0, 0, 0, 0, -count(*) FILTER (WHERE l.followed_late), -count(*) FILTER (WHERE l.replied_late),
                -count(*) FILTER (WHERE l.on_time_late)
           FROM late l GROUP BY l.bucket`,
      );
      // A period of the trend's unit (whole months by month, whole years by year) is one bucket: its
      // recipient cells are counted as they are, from the index alone (a cell whose last letter left is
      // deleted, so every cell holds letters). The whole months of a trend by year are one bucket with
      // the days at the ends of their year: their recipients are counted once each.
      const unitPeriods = request.grain === 'year' ? segments.years : segments.months;
      const merged = request.grain === 'year' ? segments.months : [];
      const scopeCells = `FROM statistics_letter_rollup r WHERE r.mandate_id = ${scope}::uuid AND r.dimension IN ('recipient', 'other')`;
      if (unitPeriods.length > 0) {
        counted.push(
          `SELECT r.period_start, count(*) FILTER (WHERE r.dimension = 'recipient' AND r.value <> ${oth}), count(*) FILTER (WHERE r.dimension = 'other')
             ${scopeCells} AND r.grain = ${unit} AND r.period_start = ANY (${params.add(unitPeriods)}::date[])
            GROUP BY r.period_start`,
        );
      }
      if (merged.length > 0) {
        recipients.push(
          `SELECT date_trunc(${unit}, r.period_start)::date, r.dimension = 'other', r.value
             ${scopeCells} AND r.grain = 'month' AND r.period_start = ANY (${params.add(merged)}::date[])`,
        );
      }
      days.push(
        `SELECT date_trunc(${unit}, r.period_start)::date, r.value::int, r.letters ${cells} AND r.dimension = 'days'`,
        `SELECT l.bucket, l.days, -count(*) FROM late l WHERE l.replied_late GROUP BY l.bucket, l.days`,
      );
    }
    if (segments.edges.length > 0) {
      const edges = segments.edges
        .map((edge) => `l.sent_on BETWEEN ${params.add(edge.from)}::date AND ${params.add(edge.to)}::date`)
        .join(' OR ');
      ctes.push(`edge AS MATERIALIZED (
              SELECT date_trunc(${unit}, l.sent_on)::date AS bucket, l.recipient_code::text AS recipient_code,
                     l.other_recipient_id::text AS other_recipient_id, l.joint, l.individuals, l.women, l.reprisal,
                     l.followed_up_on <= ${cutoff}::date AS followed_up, l.first_reply_on <= ${cutoff}::date AS replied,
                     l.on_time_reply_on <= ${cutoff}::date AS on_time, l.first_reply_on - l.sent_on AS days
                FROM statistics_letter l
               WHERE ${edges}
            )`);
      totals.push(
        `SELECT l.bucket, count(*), count(*) FILTER (WHERE l.joint), sum(l.individuals), sum(l.women),
                count(*) FILTER (WHERE l.reprisal), count(*) FILTER (WHERE l.followed_up), count(*) FILTER (WHERE l.replied),
                count(*) FILTER (WHERE l.on_time)
           FROM edge l GROUP BY l.bucket`,
      );
      recipients.push(
        `SELECT l.bucket, false, l.recipient_code FROM edge l`,
        `SELECT l.bucket, true, l.other_recipient_id FROM edge l WHERE l.other_recipient_id IS NOT NULL`,
      );
      days.push(`SELECT l.bucket, l.days, 1 FROM edge l WHERE l.replied`);
    }
    if (totals.length === 0) {
      return [];
    }
    recipients.push(`SELECT NULL::date, NULL::boolean, NULL::text WHERE FALSE`);
    counted.push(`SELECT NULL::date, 0::bigint, 0::bigint WHERE FALSE`);
    const union = (selects: string[]) => selects.join('\n UNION ALL\n');
    const rows: Array<Record<string, unknown>> = await this.snapshot.manager.query(
      `WITH ${ctes.map((cte) => `${cte},`).join(' ')}
            totals AS (
              SELECT t.bucket, ${totalColumns.map((column) => `sum(t.${column}) AS ${column}`).join(', ')}
                FROM (${union(totals)}) AS t(bucket, ${totalColumns.join(', ')})
               GROUP BY t.bucket
            ), recipients AS (
              SELECT c.bucket, c.states, c.others FROM (${union(counted)}) AS c(bucket, states, others)
               UNION ALL
              SELECT x.bucket, count(DISTINCT x.value) FILTER (WHERE NOT x.other AND x.value <> ${oth}),
                     count(DISTINCT x.value) FILTER (WHERE x.other)
                FROM (${union(recipients)}) AS x(bucket, other, value)
               GROUP BY x.bucket
            ), running AS (
              SELECT d.bucket, d.days,
                     sum(d.letters) OVER (PARTITION BY d.bucket ORDER BY d.days) AS upto,
                     sum(d.letters) OVER (PARTITION BY d.bucket) AS total
                FROM (${union(days)}) AS d(bucket, days, letters)
            ), medians AS (
              SELECT bucket,
                     (min(days) FILTER (WHERE upto > floor((total - 1) / 2.0)) + min(days) FILTER (WHERE upto > ceil((total - 1) / 2.0))) / 2.0 AS median
                FROM running
               WHERE total > 0
               GROUP BY bucket
            )
       SELECT to_char(t.bucket, '${format}') AS bucket, ${totalColumns.map((column) => `t.${column}`).join(', ')},
              coalesce(x.states, 0) AS states, coalesce(x.others, 0) AS others, m.median AS median_days
         FROM totals t
         LEFT JOIN (SELECT bucket, sum(states) AS states, sum(others) AS others FROM recipients GROUP BY bucket) x ON x.bucket = t.bucket
         LEFT JOIN medians m ON m.bucket = t.bucket
        WHERE t.letters > 0`,
      params.values,
    );
    return rows.map(toTrendRow);
  }

  /** Replies received per month or year of receipt (`unit`) in the days of `segments`, within a scope. */
  async replyTrend(segments: RollupSegments, unit: 'month' | 'year', scope: string): Promise<Map<string, number>> {
    const params = new Params();
    const key = params.add(scope);
    const format = unit === 'year' ? 'YYYY' : 'YYYY-MM';
    const parts: string[] = [];
    if (segments.whole) {
      const periods = wholePeriods(segments, params);
      parts.push(
        `SELECT r.period_start AS received_on, r.replies FROM statistics_reply_rollup r WHERE r.mandate_id = ${key}::uuid AND (${periods})`,
      );
    }
    if (segments.edges.length > 0) {
      const days = segments.edges
        .map((edge) => `r.received_on BETWEEN ${params.add(edge.from)}::date AND ${params.add(edge.to)}::date`)
        .join(' OR ');
      const join =
        scope === ALL_LETTERS
          ? `WHERE ${key}::uuid IS NOT NULL AND`
          : `JOIN statistics_letter l ON l.communication_id = r.communication_id AND l.mandate_ids @> ARRAY[${key}::uuid] WHERE`;
      parts.push(`SELECT r.received_on, 1 AS replies FROM statistics_reply r ${join} (${days})`);
    }
    if (parts.length === 0) {
      return new Map();
    }
    const rows: Array<{ bucket: string; received: string }> = await this.snapshot.manager.query(
      `SELECT to_char(date_trunc('${unit}', x.received_on), '${format}') AS bucket, sum(x.replies) AS received
         FROM (${parts.join('\n UNION ALL\n')}) x
        GROUP BY 1`,
      params.values,
    );
    return new Map(rows.map((row) => [row.bucket, num(row.received)]));
  }

  /** The three parts of a selection, as rows (mandate_id, period_start, dimension, value, counts…) to be summed. */
  private parts(request: RollupRequest, params: Params): string {
    const { segments } = request;
    const scope = params.add(request.scope);
    const mandates = params.add(request.mandates);
    const scopes = params.add([request.scope, ...request.mandates]);
    // The first two conditions alone each name one column, so that they also narrow the cells a letter
    // is expanded into before the expansion (statistics_rollup_of is inlined).
    const wantedOf = (asked: RollupDimension[]) => {
      const dimensions = params.add(asked);
      const kinds = params.add([...new Set([...asked, ...(request.mandates.length > 0 ? ['total'] : [])])]);
      return (alias: string) =>
        `${alias}.mandate_id = ANY (${scopes}::uuid[]) AND ${alias}.dimension = ANY (${kinds}::text[])
          AND ((${alias}.mandate_id = ${scope}::uuid AND ${alias}.dimension = ANY (${dimensions}::text[]))
               OR (${alias}.dimension = 'total' AND ${alias}.mandate_id = ANY (${mandates}::uuid[])))`;
    };
    const wanted = wantedOf(request.dimensions);
    const cutoff = params.add(request.cutoff);
    const grain = params.add(request.grain);
    const counts = (alias: string, sign = '') => COUNTS.map((column) => `${sign}${alias}.${column}`).join(', ');
    // The letters read one by one: only those of the scopes asked for.
    const signed = request.scope === ALL_LETTERS ? '' : `AND l.mandate_ids && ${scopes}::uuid[]`;
    const parts: string[] = [];
    if (segments.whole) {
      const periods = wholePeriods(segments, params);
      parts.push(
        `SELECT r.mandate_id, r.period_start, r.dimension, r.value, ${counts('r')}
           FROM statistics_letter_rollup r
          WHERE (${periods}) AND ${wanted('r')}`,
      );
      // Letters of the whole periods that the rollup counts as followed up or replied, but not by the cut-off.
      const corrected = wantedOf(request.counted ?? request.dimensions);
      parts.push(
        `SELECT f.mandate_id, f.period_start, f.dimension, f.value, ${counts('f', 'c.sign * ')}
           FROM statistics_letter l
          CROSS JOIN LATERAL (VALUES (1, ${cutoff}::date), (-1, NULL::date)) AS c(sign, cutoff)
          CROSS JOIN LATERAL statistics_rollup_of(l, c.cutoff) f
          WHERE greatest(l.followed_up_on, l.first_reply_on, l.on_time_reply_on) > ${cutoff}::date
            AND l.sent_on BETWEEN ${params.add(segments.whole.from)}::date AND ${params.add(segments.whole.to)}::date ${signed}
            AND f.grain = ${grain} AND ${corrected('f')}`,
      );
    }
    if (segments.edges.length > 0) {
      const days = segments.edges
        .map((edge) => `l.sent_on BETWEEN ${params.add(edge.from)}::date AND ${params.add(edge.to)}::date`)
        .join(' OR ');
      parts.push(
        `SELECT f.mandate_id, f.period_start, f.dimension, f.value, ${counts('f')}
           FROM statistics_letter l
          CROSS JOIN LATERAL statistics_rollup_of(l, ${cutoff}::date) f
          WHERE (${days}) ${signed} AND f.grain = ${grain} AND ${wanted('f')}`,
      );
    }
    if (parts.length === 0) {
      parts.push(
        `SELECT NULL::uuid AS mandate_id, NULL::date AS period_start, NULL::text AS dimension, NULL::text AS value, ${COUNTS.map((column) => `0 AS ${column}`).join(', ')} WHERE FALSE`,
      );
    }
    return parts.join('\n UNION ALL\n');
  }
}
