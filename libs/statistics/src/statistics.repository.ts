import { Injectable } from '@nestjs/common';
import { acceptedInSql, carriedOutSql, pendingSql, requestedInSql, visitsAsOfSql } from '@spcomms/visits';
import { StatisticsSnapshot } from './statistics-snapshot';
import {
  InvitationCsvRow,
  LetterAggregateRow,
  LetterCsvRow,
  LetterSelection,
  MandateAggregateRow,
  Params,
  ReplyAggregate,
  ReplyCsvRow,
  ReplySelection,
  TrendRow,
  VisitAggregate,
  VisitCsvRow,
  VisitRowsOf,
  num,
  toTrendRow,
} from './statistics-rows';

function letterWhere(selection: LetterSelection, params: Params): string {
  const clauses = [`l.sent_on BETWEEN ${params.add(selection.from)}::date AND ${params.add(selection.until)}::date`];
  if (selection.mandateIds) {
    clauses.push(`l.mandate_ids && ${params.add(selection.mandateIds)}::uuid[]`);
  }
  if (selection.type) {
    clauses.push(`l.type = ${params.add(selection.type)}`);
  }
  if (selection.recipientCodes) {
    clauses.push(`l.recipient_code = ANY (${params.add(selection.recipientCodes)}::char(3)[])`);
  }
  if (selection.mandate) {
    const id = params.add(selection.mandate.id);
    if (selection.mandate.role === 'lead') {
      clauses.push(`l.lead_mandate_id = ${id}::uuid`);
    } else if (selection.mandate.role === 'joined') {
      clauses.push(`l.mandate_ids @> ARRAY[${id}::uuid] AND l.lead_mandate_id <> ${id}::uuid`);
    } else {
      clauses.push(`l.mandate_ids @> ARRAY[${id}::uuid]`);
    }
  }
  return clauses.join(' AND ');
}

@Injectable()
export class StatisticsRepository {
  constructor(private readonly snapshot: StatisticsSnapshot) {}

  /**
   * One pass over the letters of the period: the totals, per type, per recipient and per non-State
   * recipient (hashed grouping sets), then the medians of the days to the first reply over the letters
   * replied (the only aggregate that needs sorting, over two narrow columns).
   */
  async letterAggregates(selection: LetterSelection): Promise<LetterAggregateRow[]> {
    const params = new Params();
    const cutoff = params.add(selection.cutoff);
    const rows: Array<Record<string, unknown>> = await this.snapshot.manager.query(
      `SELECT GROUPING(l.type) = 0 AS by_type, GROUPING(l.recipient_code) = 0 AS by_state, GROUPING(l.other_recipient_id) = 0 AS by_other,
              l.type, l.recipient_code, l.other_recipient_id,
              count(*) AS letters,
              count(*) FILTER (WHERE l.joint) AS joint,
              sum(l.individuals) AS individuals,
              sum(l.women) AS women,
              count(*) FILTER (WHERE l.reprisal) AS reprisals,
              count(*) FILTER (WHERE l.followed_up_on <= ${cutoff}::date) AS followed_up,
              count(*) FILTER (WHERE l.first_reply_on <= ${cutoff}::date) AS replied,
              count(*) FILTER (WHERE l.on_time_reply_on <= ${cutoff}::date) AS on_time
         FROM statistics_letter l
        WHERE ${letterWhere(selection, params)}
        GROUP BY GROUPING SETS ((), (l.type), (l.recipient_code), (l.other_recipient_id))`,
      params.values,
    );
    const medians = await this.medianDays(selection);
    return rows.map((row) => {
      const byType = row.by_type as boolean;
      const byState = row.by_state as boolean;
      const byOther = row.by_other as boolean;
      const recipientCode = row.recipient_code as string | null;
      const median = !byType && !byOther ? medians.get(byState ? recipientCode : null) : undefined;
      return {
        byType,
        byState,
        byOther,
        type: row.type as string | null,
        recipientCode,
        otherRecipientId: row.other_recipient_id as string | null,
        letters: num(row.letters),
        joint: num(row.joint),
        individuals: num(row.individuals),
        women: num(row.women),
        reprisals: num(row.reprisals),
        followedUp: num(row.followed_up),
        replied: num(row.replied),
        onTime: num(row.on_time),
        medianDays: median ?? null,
      };
    });
  }

  /** Median days from sending to the first reply, over the letters replied by the cut-off: overall (key null) and per recipient. */
  async medianDays(selection: LetterSelection): Promise<Map<string | null, number>> {
    const params = new Params();
    const cutoff = params.add(selection.cutoff);
    const rows: Array<{ recipient_code: string | null; median: number | string | null }> =
      await this.snapshot.manager.query(
        `SELECT l.recipient_code, percentile_cont(0.5) WITHIN GROUP (ORDER BY l.first_reply_on - l.sent_on) AS median
         FROM statistics_letter l
        WHERE ${letterWhere(selection, params)} AND l.first_reply_on <= ${cutoff}::date
        GROUP BY GROUPING SETS ((), (l.recipient_code))`,
        params.values,
      );
    return new Map(rows.filter((row) => row.median !== null).map((row) => [row.recipient_code, Number(row.median)]));
  }

  /** Per mandate that signed letters of the period (only `onlyMandates` when given). */
  async mandateAggregates(selection: LetterSelection, onlyMandates: string[] | null): Promise<MandateAggregateRow[]> {
    const params = new Params();
    const cutoff = params.add(selection.cutoff);
    const where = letterWhere(selection, params);
    const only = onlyMandates ? `AND m.mandate_id = ANY (${params.add(onlyMandates)}::uuid[])` : '';
    const rows: Array<Record<string, unknown>> = await this.snapshot.manager.query(
      `SELECT m.mandate_id,
              count(*) FILTER (WHERE m.mandate_id = l.lead_mandate_id) AS led,
              count(*) FILTER (WHERE m.mandate_id <> l.lead_mandate_id) AS joined,
              count(*) FILTER (WHERE l.first_reply_on <= ${cutoff}::date) AS replied
         FROM statistics_letter l
        CROSS JOIN LATERAL unnest(l.mandate_ids) AS m(mandate_id)
        WHERE ${where} ${only}
        GROUP BY m.mandate_id`,
      params.values,
    );
    return rows.map((row) => ({
      mandateId: row.mandate_id as string,
      led: num(row.led),
      joined: num(row.joined),
      replied: num(row.replied),
    }));
  }

  async replyAggregate(selection: ReplySelection): Promise<ReplyAggregate> {
    const params = new Params();
    const periodFrom = params.add(selection.periodFrom);
    const periodTo = params.add(selection.periodTo);
    const scope = selection.mandateIds
      ? `JOIN statistics_letter l ON l.communication_id = r.communication_id AND l.mandate_ids && ${params.add(selection.mandateIds)}::uuid[]`
      : '';
    const [row]: Array<Record<string, unknown>> = await this.snapshot.manager.query(
      `SELECT count(*) AS received,
              count(*) FILTER (WHERE r.letter_sent_on BETWEEN ${periodFrom}::date AND ${periodTo}::date) AS to_period,
              count(*) FILTER (WHERE r.letter_sent_on < ${periodFrom}::date) AS to_earlier,
              count(*) FILTER (WHERE r.letter_sent_on > ${periodTo}::date) AS to_later
         FROM statistics_reply r ${scope}
        WHERE r.received_on BETWEEN ${params.add(selection.from)}::date AND ${params.add(selection.until)}::date`,
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
   * Visit requests made in [from, until], those the State accepted in it, visits completed with their
   * last day in it, and requests pending, as things stood at `asOf`.
   */
  async visitAggregate(
    from: string,
    until: string,
    cutoff: string,
    asOf: Date,
    mandateIds: string[] | null,
    timezone: string,
  ): Promise<VisitAggregate> {
    const params = new Params();
    const cte = this.visitsAsOf(params, cutoff, asOf, mandateIds);
    const [fromParam, untilParam] = [params.add(from), params.add(until)];
    const done = carriedOutSql(untilParam, fromParam);
    const accepted = acceptedInSql(params.add(asOf), params.add(timezone), fromParam, untilParam);
    const [row]: Array<Record<string, unknown>> = await this.snapshot.manager.query(
      `${cte}
       SELECT count(*) FILTER (WHERE ${requestedInSql(fromParam, untilParam)}) AS requested,
              count(*) FILTER (WHERE ${accepted}) AS accepted,
              count(*) FILTER (WHERE ${done}) AS carried_out,
              count(DISTINCT v.state_code) FILTER (WHERE ${done}) AS countries,
              count(*) FILTER (WHERE ${pendingSql()}) AS pending
         FROM visits_at v`,
      params.values,
    );
    return {
      requested: num(row.requested),
      accepted: num(row.accepted),
      carriedOut: num(row.carried_out),
      countries: num(row.countries),
      pending: num(row.pending),
    };
  }

  async standingInvitationCount(cutoff: string): Promise<number> {
    const [row]: Array<{ count: string }> = await this.snapshot.manager.query(
      `SELECT count(*) FROM reference_standing_invitation WHERE issued_on <= $1::date AND (withdrawn_on IS NULL OR withdrawn_on > $1::date)`,
      [cutoff],
    );
    return num(row.count);
  }

  /** The headline figures per month or year (`unit`) of sending. */
  async trend(selection: LetterSelection, unit: 'month' | 'year', otherRecipientCode: string): Promise<TrendRow[]> {
    const params = new Params();
    const cutoff = params.add(selection.cutoff);
    const oth = params.add(otherRecipientCode);
    const rows: Array<Record<string, unknown>> = await this.snapshot.manager.query(
      `SELECT to_char(date_trunc('${unit}', l.sent_on), '${unit === 'year' ? 'YYYY' : 'YYYY-MM'}') AS bucket,
              count(*) AS letters,
              count(DISTINCT l.recipient_code) FILTER (WHERE l.recipient_code <> ${oth}) AS states,
              count(DISTINCT l.other_recipient_id) AS others,
              count(*) FILTER (WHERE l.joint) AS joint,
              sum(l.individuals) AS individuals,
              sum(l.women) AS women,
              count(*) FILTER (WHERE l.reprisal) AS reprisals,
              count(*) FILTER (WHERE l.followed_up_on <= ${cutoff}::date) AS followed_up,
              count(*) FILTER (WHERE l.first_reply_on <= ${cutoff}::date) AS replied,
              count(*) FILTER (WHERE l.on_time_reply_on <= ${cutoff}::date) AS on_time,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY l.first_reply_on - l.sent_on) FILTER (WHERE l.first_reply_on <= ${cutoff}::date) AS median_days
         FROM statistics_letter l
        WHERE ${letterWhere(selection, params)}
        GROUP BY 1`,
      params.values,
    );
    return rows.map(toTrendRow);
  }

  /** Replies received per month or year in [from, until], within the scope. */
  async replyTrend(
    from: string,
    until: string,
    unit: 'month' | 'year',
    mandateIds: string[] | null,
  ): Promise<Map<string, number>> {
    const params = new Params();
    const scope = mandateIds
      ? `JOIN statistics_letter l ON l.communication_id = r.communication_id AND l.mandate_ids && ${params.add(mandateIds)}::uuid[]`
      : '';
    const rows: Array<{ bucket: string; received: string }> = await this.snapshot.manager.query(
      `SELECT to_char(date_trunc('${unit}', r.received_on), '${unit === 'year' ? 'YYYY' : 'YYYY-MM'}') AS bucket, count(*) AS received
         FROM statistics_reply r ${scope}
        WHERE r.received_on BETWEEN ${params.add(from)}::date AND ${params.add(until)}::date
        GROUP BY 1`,
      params.values,
    );
    return new Map(rows.map((row) => [row.bucket, num(row.received)]));
  }

  // ---- the rows behind the figures (CSV) ----

  /** The letters of the selection for which `predicate` (SQL over `l` and the cut-off `$1`) holds, oldest first. */
  async letterRows(selection: LetterSelection, predicate: string): Promise<LetterCsvRow[]> {
    const params = new Params();
    params.add(selection.cutoff);
    const rows: LetterCsvRow[] = await this.snapshot.manager.query(
      `SELECT c.reference,
              l.communication_id,
              EXISTS (SELECT 1 FROM published_communication p WHERE p.communication_id = l.communication_id) AS published,
              l.type,
              l.sent_on::text AS sent_on,
              l.recipient_code,
              coalesce(o.name, s.name, l.recipient_code) AS recipient_name,
              lead.code AS lead_mandate,
              (SELECT string_agg(m.code, ' ' ORDER BY m.code) FROM reference_mandate m WHERE m.id = ANY (l.mandate_ids)) AS mandates,
              l.joint,
              l.individuals,
              l.women,
              l.reprisal,
              CASE WHEN l.first_reply_on <= $1::date THEN l.first_reply_on::text END AS first_reply_on,
              CASE WHEN l.first_reply_on <= $1::date THEN l.first_reply_on - l.sent_on END AS days_to_reply,
              coalesce(l.on_time_reply_on <= $1::date, false) AS replied_on_time,
              CASE WHEN l.followed_up_on <= $1::date THEN l.followed_up_on::text END AS followed_up_on,
              l.legacy AS imported
         FROM statistics_letter l
         JOIN communications_letter_reference c ON c.communication_id = l.communication_id
         JOIN reference_mandate lead ON lead.id = l.lead_mandate_id
         LEFT JOIN reference_state s ON s.code = l.recipient_code
         LEFT JOIN reference_other_recipient o ON o.id = l.other_recipient_id
        WHERE ${letterWhere(selection, params)} AND (${predicate})
        ORDER BY l.sent_on, c.reference`,
      params.values,
    );
    return rows.map((row) => ({ ...row, recipient_code: row.recipient_code.trim() }));
  }

  /** The replies of the selection whose letter was sent as `letters` says, oldest first. */
  async replyRows(selection: ReplySelection, letters: 'any' | 'period' | 'earlier' | 'later'): Promise<ReplyCsvRow[]> {
    const params = new Params();
    const which =
      letters === 'any'
        ? 'TRUE'
        : letters === 'period'
          ? `r.letter_sent_on BETWEEN ${params.add(selection.periodFrom)}::date AND ${params.add(selection.periodTo)}::date`
          : letters === 'earlier'
            ? `r.letter_sent_on < ${params.add(selection.periodFrom)}::date`
            : `r.letter_sent_on > ${params.add(selection.periodTo)}::date`;
    const scope = selection.mandateIds ? `AND l.mandate_ids && ${params.add(selection.mandateIds)}::uuid[]` : '';
    const rows: ReplyCsvRow[] = await this.snapshot.manager.query(
      `SELECT c.reference, l.communication_id,
              EXISTS (SELECT 1 FROM published_communication p WHERE p.communication_id = l.communication_id) AS published,
              l.type, l.recipient_code, l.sent_on::text AS sent_on, rp.number AS reply_number,
              r.received_on::text AS received_on, r.on_time, r.received_on - r.letter_sent_on AS days_after_sending
         FROM statistics_reply r
         JOIN statistics_letter l ON l.communication_id = r.communication_id ${scope}
         JOIN communications_letter_reference c ON c.communication_id = r.communication_id
         JOIN replies_reply_number rp ON rp.reply_id = r.reply_id
        WHERE r.received_on BETWEEN ${params.add(selection.from)}::date AND ${params.add(selection.until)}::date AND ${which}
        ORDER BY r.received_on, c.reference, rp.number`,
      params.values,
    );
    return rows.map((row) => ({ ...row, recipient_code: row.recipient_code.trim() }));
  }

  async visitRows(
    from: string,
    until: string,
    cutoff: string,
    asOf: Date,
    mandateIds: string[] | null,
    which: VisitRowsOf,
    timezone: string,
  ): Promise<VisitCsvRow[]> {
    const params = new Params();
    const cte = this.visitsAsOf(params, cutoff, asOf, mandateIds);
    const predicate = (): string => {
      switch (which) {
        case 'pending':
          return pendingSql();
        case 'requested':
          return requestedInSql(params.add(from), params.add(until));
        case 'accepted':
          return acceptedInSql(params.add(asOf), params.add(timezone), params.add(from), params.add(until));
        case 'carried_out':
          return carriedOutSql(params.add(until), params.add(from));
      }
    };
    const rows: VisitCsvRow[] = await this.snapshot.manager.query(
      `${cte}
       SELECT m.code AS mandate, v.state_code, s.name AS state_name, v.requested_on::text AS requested_on, v.status_at AS status_at_cutoff,
              v.scheduled_from::text AS scheduled_from, v.scheduled_to::text AS scheduled_to
         FROM visits_at v
         JOIN reference_mandate m ON m.id = v.mandate_id
         JOIN reference_state s ON s.code = v.state_code
        WHERE ${predicate()}
        ORDER BY v.requested_on, m.code, v.state_code`,
      params.values,
    );
    return rows.map((row) => ({ ...row, state_code: row.state_code.trim() }));
  }

  async invitationRows(cutoff: string): Promise<InvitationCsvRow[]> {
    const rows: InvitationCsvRow[] = await this.snapshot.manager.query(
      `SELECT i.state_code, s.name AS state_name, i.issued_on::text AS issued_on, i.withdrawn_on::text AS withdrawn_on
         FROM reference_standing_invitation i JOIN reference_state s ON s.code = i.state_code
        WHERE i.issued_on <= $1::date AND (i.withdrawn_on IS NULL OR i.withdrawn_on > $1::date)
        ORDER BY s.name`,
      [cutoff],
    );
    return rows.map((row) => ({ ...row, state_code: row.state_code.trim() }));
  }

  /** Visits requested by the cut-off with their status at `asOf`, as the CTE `visits_at` (counted as the public tables count). */
  private visitsAsOf(params: Params, cutoff: string, asOf: Date, mandateIds: string[] | null): string {
    const scope = mandateIds ? `AND v.mandate_id = ANY (${params.add(mandateIds)}::uuid[])` : '';
    return `WITH visits_at AS (${visitsAsOfSql(params.add(asOf), params.add(cutoff), scope)})`;
  }
}
