/**
 * The SQL of the letter rollup's cells, shared by the statistics migrations from 1797900000000 on. It is
 * what those migrations ran: a change here changes an applied migration, so a new cell belongs in a new
 * function. (It lives outside the migrations' folder, whose files TypeORM loads as migrations.)
 */

/**
 * The cells of the letters `l` (columns of statistics_letter plus `month`, `year`, `days`), per scope
 * `s.mandate_id`, for the grouping sets given; each grouping set is one kind of cell.
 */
export function cellsOf(source: string, sets: string[]): string {
  const grouped = (column: string) => `GROUPING(${column}) = 0`;
  return `
                SELECT s.mandate_id,
                       CASE WHEN ${grouped('l.month')} THEN 'month' ELSE 'year' END AS grain,
                       CASE WHEN ${grouped('l.month')} THEN l.month ELSE l.year END AS period_start,
                       CASE WHEN ${grouped('l.days')} AND ${grouped('l.recipient_code')} THEN 'recipient_days'
                            WHEN ${grouped('l.days')} THEN 'days'
                            WHEN ${grouped('l.type')} THEN 'type'
                            WHEN ${grouped('l.recipient_code')} THEN 'recipient'
                            WHEN ${grouped('l.other_recipient_id')} THEN 'other'
                            ELSE 'total' END AS dimension,
                       CASE WHEN ${grouped('l.days')} AND ${grouped('l.recipient_code')} THEN l.recipient_code::text || ' ' || l.days::text
                            WHEN ${grouped('l.days')} THEN l.days::text
                            WHEN ${grouped('l.type')} THEN l.type
                            WHEN ${grouped('l.recipient_code')} THEN l.recipient_code::text
                            WHEN ${grouped('l.other_recipient_id')} THEN l.other_recipient_id::text
                            ELSE '' END AS value,
                       count(*)::int AS letters,
                       count(*) FILTER (WHERE s.mandate_id = l.lead_mandate_id)::int AS led,
                       count(*) FILTER (WHERE l.joint)::int AS joint,
                       sum(l.individuals)::int AS individuals,
                       sum(l.women)::int AS women,
                       count(*) FILTER (WHERE l.reprisal)::int AS reprisals,
                       count(l.followed_up_on)::int AS followed_up,
                       count(l.first_reply_on)::int AS replied,
                       count(l.on_time_reply_on)::int AS on_time
                  FROM ${source}
                 GROUP BY GROUPING SETS (${sets.join(', ')})`;
}

export const LETTERS = `(SELECT f.*, date_trunc('month', f.sent_on)::date AS month, date_trunc('year', f.sent_on)::date AS year,
                               f.first_reply_on - f.sent_on AS days
                          FROM statistics_letter f) l`;

/** The cells of every scope (every letter and each signing mandate). */
export const SCOPE_SETS = [
  '(s.mandate_id, l.month)',
  '(s.mandate_id, l.year)',
  '(s.mandate_id, l.year, l.type)',
  '(s.mandate_id, l.year, l.recipient_code)',
  '(s.mandate_id, l.year, l.other_recipient_id)',
  '(s.mandate_id, l.year, l.days)',
  '(s.mandate_id, l.year, l.recipient_code, l.days)',
];

/** The cells only every letter has by month; `l.year` adds no group, so that both passes read the same columns. */
export const MONTH_SETS = [
  '(s.mandate_id, l.month, l.year, l.type)',
  '(s.mandate_id, l.month, l.year, l.recipient_code)',
  '(s.mandate_id, l.month, l.year, l.other_recipient_id)',
  '(s.mandate_id, l.month, l.year, l.days)',
];
