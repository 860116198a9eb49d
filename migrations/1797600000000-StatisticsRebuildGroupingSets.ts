import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics (S), issue #20 target 4:
 *
 * - one mandate's letters get the cells of the days to the first reply by year, overall (`days`) and per
 *   recipient (`recipient_days`), as every letter has them, so that one mandate's medians per recipient
 *   come from the rollup instead of its letters one by one (`statistics_rollup_of` replaced);
 * - `statistics_rebuild()` builds each rollup in one pass over the fact tables with GROUPING SETS
 *   (hashed, on dates, uuids and integers) instead of expanding every letter into its cells one by one
 *   with `statistics_rollup_of` and grouping them on text keys. The cells it builds are those of
 *   `statistics_rollup_of` and `statistics_reply_rollup_of` (which the triggers keep using): the tests
 *   compare the rows kept by the writes with a rebuild.
 */

const NIL = `'00000000-0000-0000-0000-000000000000'::uuid`;

/** The function's head: what it returns, the letter's own columns, and its sent version `v`. */
export const LETTER_FACTS_HEAD = `
            CREATE OR REPLACE FUNCTION statistics_letter_facts(p_ids uuid[])
            RETURNS TABLE (
                communication_id uuid, sent_on date, type text, recipient_code char(3), other_recipient_id uuid,
                lead_mandate_id uuid, mandate_ids uuid[], joint boolean, individuals integer, women integer,
                reprisal boolean, legacy boolean, followed_up_on date, first_reply_on date, on_time_reply_on date
            )
            LANGUAGE sql STABLE AS $$
                SELECT c.id,
                       c.sent_on,
                       CASE WHEN c.type IN ('UA', 'AL', 'OL') THEN c.type
                            ELSE coalesce(substring(upper(c.legacy_type) FROM '^J?(UA|AL|OL)$'), c.type) END,
                       c.recipient_code,
                       c.other_recipient_id,
                       c.lead_mandate_id,
                       signing.ids,
                       cardinality(signing.ids) >= 2 OR coalesce(upper(c.legacy_type) ~ '^J(UA|AL|OL)$', false),
                       coalesce(victims.individuals, 0)::int,
                       coalesce(victims.women, 0)::int,
                       c.reprisal,
                       c.legacy,
                       follow.first_on,
                       replies.first_on,
                       -- The first reply on time: the first one flagged so, or the first one without a flag if it came by the day asked.
                       least(replies.first_flagged_on, CASE WHEN replies.first_unflagged_on <= c.reply_requested_by THEN replies.first_unflagged_on END)
                  FROM communication c
                  LEFT JOIN communication_version v ON v.communication_id = c.id AND v.number = c.current_version
`;

/** The victims of the sent version, the first follow-up and the first replies; the letters kept. */
export const LETTER_FACTS_TAIL = `                 CROSS JOIN LATERAL (
                       SELECT count(*) FILTER (WHERE NOT coalesce(victim -> 'group' = 'true'::jsonb, false)) AS individuals,
                              count(*) FILTER (WHERE NOT coalesce(victim -> 'group' = 'true'::jsonb, false)
                                                 AND victim ->> 'gender' = 'female') AS women
                         FROM jsonb_array_elements(CASE WHEN jsonb_typeof(v.content -> 'victims') = 'array'
                                                        THEN v.content -> 'victims' ELSE '[]'::jsonb END) AS victim
                       ) victims
                  LEFT JOIN (
                       SELECT link.follows_up_id, min(f.sent_on) AS first_on
                         FROM communication_follow_up link
                         JOIN communication f ON f.id = link.communication_id AND f.status = 'sent'
                        WHERE p_ids IS NULL OR link.follows_up_id = ANY (p_ids)
                        GROUP BY link.follows_up_id
                       ) follow ON follow.follows_up_id = c.id
                  LEFT JOIN (
                       SELECT r.communication_id, min(r.received_on) AS first_on,
                              min(r.received_on) FILTER (WHERE r.on_time) AS first_flagged_on,
                              min(r.received_on) FILTER (WHERE r.on_time IS NULL) AS first_unflagged_on
                         FROM reply r
                        WHERE r.corrects_reply_id IS NULL AND (p_ids IS NULL OR r.communication_id = ANY (p_ids))
                        GROUP BY r.communication_id
                       ) replies ON replies.communication_id = c.id
                 WHERE c.status = 'sent'
                   AND (p_ids IS NULL OR c.id = ANY (p_ids))
            $$`;

/**
 * The facts of the sent letters `p_ids` (all when NULL), as before, with the signing mandates, the first
 * follow-up and the first replies of all letters grouped in one pass each (hash joins) rather than looked
 * up letter by letter; each part is narrowed to `p_ids` on its own, so that one letter reads by index.
 */
export const LETTER_FACTS = `${LETTER_FACTS_HEAD}                  JOIN (
                       -- The lead, and every mandate still on the letter that approved the sent version;
                       -- letters without approvals of that version (imports) count the mandates on them.
                       SELECT x.communication_id, array_agg(x.mandate_id ORDER BY x.mandate_id) AS ids
                         FROM (SELECT l.id AS communication_id, l.lead_mandate_id AS mandate_id
                                 FROM communication l
                                WHERE l.status = 'sent' AND (p_ids IS NULL OR l.id = ANY (p_ids))
                               UNION
                               SELECT m.communication_id, m.mandate_id
                                 FROM communication_mandate m
                                 JOIN communication l ON l.id = m.communication_id AND l.status = 'sent'
                                 LEFT JOIN communication_version lv ON lv.communication_id = l.id AND lv.number = l.current_version
                                 LEFT JOIN (SELECT a.version_id, array_agg(a.mandate_id) FILTER (WHERE a.decision = 'approve') AS approved
                                              FROM communication_approval a
                                             WHERE p_ids IS NULL OR a.communication_id = ANY (p_ids)
                                             GROUP BY a.version_id) sign ON sign.version_id = lv.id
                                WHERE m.participation IN ('lead', 'invited')
                                  AND (p_ids IS NULL OR m.communication_id = ANY (p_ids))
                                  AND (sign.version_id IS NULL OR m.mandate_id = ANY (sign.approved))) x
                        GROUP BY x.communication_id
                       ) signing ON signing.communication_id = c.id
${LETTER_FACTS_TAIL}`;

const LETTER_FACTS_BEFORE = `
            CREATE OR REPLACE FUNCTION statistics_letter_facts(p_ids uuid[])
            RETURNS TABLE (
                communication_id uuid, sent_on date, type text, recipient_code char(3), other_recipient_id uuid,
                lead_mandate_id uuid, mandate_ids uuid[], joint boolean, individuals integer, women integer,
                reprisal boolean, legacy boolean, followed_up_on date, first_reply_on date, on_time_reply_on date
            )
            LANGUAGE sql STABLE AS $$
                SELECT c.id,
                       c.sent_on,
                       CASE WHEN c.type IN ('UA', 'AL', 'OL') THEN c.type
                            ELSE coalesce(substring(upper(c.legacy_type) FROM '^J?(UA|AL|OL)$'), c.type) END,
                       c.recipient_code,
                       c.other_recipient_id,
                       c.lead_mandate_id,
                       signing.ids,
                       cardinality(signing.ids) >= 2 OR coalesce(upper(c.legacy_type) ~ '^J(UA|AL|OL)$', false),
                       coalesce(victims.individuals, 0)::int,
                       coalesce(victims.women, 0)::int,
                       c.reprisal,
                       c.legacy,
                       follow.first_on,
                       replies.first_on,
                       replies.on_time_on
                  FROM communication c
                  LEFT JOIN communication_version v ON v.communication_id = c.id AND v.number = c.current_version
                 CROSS JOIN LATERAL (
                       -- The lead, and every mandate still on the letter that approved the sent version;
                       -- letters without approvals of that version (imports) count the mandates on them.
                       SELECT array_agg(DISTINCT x.mandate_id ORDER BY x.mandate_id) AS ids
                         FROM (SELECT c.lead_mandate_id AS mandate_id
                               UNION
                               SELECT m.mandate_id
                                 FROM communication_mandate m
                                WHERE m.communication_id = c.id
                                  AND m.participation IN ('lead', 'invited')
                                  AND (NOT EXISTS (SELECT 1 FROM communication_approval a WHERE a.version_id = v.id)
                                       OR EXISTS (SELECT 1 FROM communication_approval a
                                                   WHERE a.version_id = v.id AND a.mandate_id = m.mandate_id AND a.decision = 'approve'))) x
                       ) signing
                 CROSS JOIN LATERAL (
                       SELECT count(*) FILTER (WHERE NOT coalesce(victim -> 'group' = 'true'::jsonb, false)) AS individuals,
                              count(*) FILTER (WHERE NOT coalesce(victim -> 'group' = 'true'::jsonb, false)
                                                 AND victim ->> 'gender' = 'female') AS women
                         FROM jsonb_array_elements(CASE WHEN jsonb_typeof(v.content -> 'victims') = 'array'
                                                        THEN v.content -> 'victims' ELSE '[]'::jsonb END) AS victim
                       ) victims
                 CROSS JOIN LATERAL (
                       SELECT min(f.sent_on) AS first_on
                         FROM communication_follow_up link
                         JOIN communication f ON f.id = link.communication_id AND f.status = 'sent'
                        WHERE link.follows_up_id = c.id
                       ) follow
                 CROSS JOIN LATERAL (
                       SELECT min(r.received_on) AS first_on,
                              min(r.received_on) FILTER (WHERE coalesce(r.on_time, r.received_on <= c.reply_requested_by, false)) AS on_time_on
                         FROM reply r
                        WHERE r.communication_id = c.id AND r.corrects_reply_id IS NULL
                       ) replies
                 WHERE c.status = 'sent'
                   AND (p_ids IS NULL OR c.id = ANY (p_ids))
            $$`;

const COUNTS = `letters, led, joint, individuals, women, reprisals, followed_up, replied, on_time`;

/** The contributions of one letter; `cells` says which cells a scope (every letter, a mandate) has. */
function rollupOf(cells: string): string {
  return `
            CREATE OR REPLACE FUNCTION statistics_rollup_of(l statistics_letter, p_cutoff date)
            RETURNS TABLE (mandate_id uuid, grain text, period_start date, dimension text, value text, letters integer, led integer,
                           joint integer, individuals integer, women integer, reprisals integer, followed_up integer, replied integer,
                           on_time integer)
            LANGUAGE sql IMMUTABLE AS $$
                SELECT s.mandate_id, g.grain, g.period_start, d.dimension, d.value,
                       1, (s.mandate_id = l.lead_mandate_id)::int, l.joint::int, l.individuals, l.women, l.reprisal::int,
                       coalesce(l.followed_up_on <= coalesce(p_cutoff, 'infinity'::date), false)::int,
                       coalesce(l.first_reply_on <= coalesce(p_cutoff, 'infinity'::date), false)::int,
                       coalesce(l.on_time_reply_on <= coalesce(p_cutoff, 'infinity'::date), false)::int
                  FROM unnest(${NIL} || l.mandate_ids) AS s(mandate_id)
                 CROSS JOIN LATERAL (VALUES ('month', date_trunc('month', l.sent_on)::date),
                                            ('year', date_trunc('year', l.sent_on)::date)) AS g(grain, period_start)
                 CROSS JOIN LATERAL (
                       SELECT CASE WHEN l.first_reply_on <= coalesce(p_cutoff, 'infinity'::date) THEN (l.first_reply_on - l.sent_on)::text END AS days
                       ) reply
                 CROSS JOIN LATERAL (VALUES ('total', ''), ('type', l.type), ('recipient', l.recipient_code::text),
                                            ('other', l.other_recipient_id::text), ('days', reply.days),
                                            ('recipient_days', l.recipient_code::text || ' ' || reply.days)) AS d(dimension, value)
                 WHERE d.value IS NOT NULL
                   AND ${cells}
            $$`;
}

/** Every cell for all letters (days per recipient only by year); for a mandate the totals, and by year also per type and recipient. */
const CELLS_BEFORE = `-- Every cell for all letters (days per recipient only by year); for a mandate the totals,
                   -- and by year also per type and recipient.
                   CASE WHEN s.mandate_id = ${NIL} THEN g.grain = 'year' OR d.dimension <> 'recipient_days'
                            ELSE d.dimension = 'total' OR (g.grain = 'year' AND d.dimension IN ('type', 'recipient', 'other')) END`;

const CELLS = `-- Every cell for all letters (days per recipient only by year); for a mandate the totals, and by
                   -- year every cell too.
                   CASE WHEN s.mandate_id = ${NIL} THEN g.grain = 'year' OR d.dimension <> 'recipient_days'
                            ELSE d.dimension = 'total' OR g.grain = 'year' END`;

/**
 * The cells of the letters `l` (columns of statistics_letter plus `month`, `year`, `days`), per scope
 * `s.mandate_id`, for the grouping sets given; each grouping set is one kind of cell.
 */
function cellsOf(source: string, sets: string[]): string {
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

const LETTERS = `(SELECT f.*, date_trunc('month', f.sent_on)::date AS month, date_trunc('year', f.sent_on)::date AS year,
                               f.first_reply_on - f.sent_on AS days
                          FROM statistics_letter f) l`;

/**
 * The letter rollup: the cells of every scope (every letter and each signing mandate), then those only
 * every letter has by month; `l.year` is in the sets by month (it adds no group) so that both passes
 * read the same columns.
 */
const LETTER_ROLLUP = `
                INSERT INTO statistics_letter_rollup (mandate_id, grain, period_start, dimension, value, ${COUNTS})
                SELECT c.mandate_id, c.grain, c.period_start, c.dimension, c.value, ${COUNTS}
                  FROM (${cellsOf(`${LETTERS} CROSS JOIN LATERAL unnest(${NIL} || l.mandate_ids) AS s(mandate_id)`, [
                    '(s.mandate_id, l.month)',
                    '(s.mandate_id, l.year)',
                    '(s.mandate_id, l.year, l.type)',
                    '(s.mandate_id, l.year, l.recipient_code)',
                    '(s.mandate_id, l.year, l.other_recipient_id)',
                    '(s.mandate_id, l.year, l.days)',
                    '(s.mandate_id, l.year, l.recipient_code, l.days)',
                  ])}
                        UNION ALL
                        ${cellsOf(`${LETTERS} CROSS JOIN (VALUES (${NIL})) AS s(mandate_id)`, [
                          '(s.mandate_id, l.month, l.year, l.type)',
                          '(s.mandate_id, l.month, l.year, l.recipient_code)',
                          '(s.mandate_id, l.month, l.year, l.other_recipient_id)',
                          '(s.mandate_id, l.month, l.year, l.days)',
                        ])}) c
                 WHERE c.value IS NOT NULL
                 ORDER BY 1, 2, 3, 4, 5`;

/** Replies per month and year of receipt, per scope and month of their letter, in one pass. */
const REPLY_ROLLUP = `
                INSERT INTO statistics_reply_rollup (mandate_id, grain, period_start, letter_month, replies)
                SELECT s.mandate_id,
                       CASE WHEN GROUPING(r.month) = 0 THEN 'month' ELSE 'year' END,
                       CASE WHEN GROUPING(r.month) = 0 THEN r.month ELSE r.year END,
                       r.letter_month,
                       count(*)::int
                  FROM (SELECT l.mandate_ids, date_trunc('month', x.received_on)::date AS month,
                               date_trunc('year', x.received_on)::date AS year, date_trunc('month', l.sent_on)::date AS letter_month
                          FROM statistics_reply x
                          JOIN statistics_letter l ON l.communication_id = x.communication_id) r
                 CROSS JOIN LATERAL unnest(${NIL} || r.mandate_ids) AS s(mandate_id)
                 GROUP BY GROUPING SETS ((s.mandate_id, r.month, r.letter_month), (s.mandate_id, r.year, r.letter_month))
                 ORDER BY 1, 2, 3, 4`;

const FACTS = `
                INSERT INTO statistics_letter (communication_id, sent_on, type, recipient_code, other_recipient_id, lead_mandate_id,
                                               mandate_ids, joint, individuals, women, reprisal, legacy, followed_up_on,
                                               first_reply_on, on_time_reply_on)
                SELECT * FROM statistics_letter_facts(NULL) ORDER BY 2, 1;
                INSERT INTO statistics_reply (reply_id, communication_id, received_on, letter_sent_on, on_time)
                SELECT * FROM statistics_reply_facts(NULL) ORDER BY 3, 1;`;

const ANALYZE = `
                ANALYZE statistics_letter;
                ANALYZE statistics_reply;
                ANALYZE statistics_letter_rollup;
                ANALYZE statistics_reply_rollup;`;

const LOCK = `
                LOCK TABLE statistics_letter, statistics_reply, statistics_letter_rollup, statistics_reply_rollup IN EXCLUSIVE MODE;
                TRUNCATE statistics_reply, statistics_letter, statistics_letter_rollup, statistics_reply_rollup;`;

const REBUILD = `
            CREATE OR REPLACE FUNCTION statistics_rebuild() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                ${LOCK}
                -- The sums of a million letters fit in memory; without room the aggregates spill to disk.
                PERFORM set_config('work_mem', '256MB', true);
                ${FACTS}
                ${LETTER_ROLLUP};
                ${REPLY_ROLLUP};
                ${ANALYZE}
            END
            $$`;

const REBUILD_BEFORE = `
            CREATE OR REPLACE FUNCTION statistics_rebuild() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                ${LOCK}
                ${FACTS}
                -- The sums of a million letters fit in memory; without room the aggregate spills to disk.
                PERFORM set_config('work_mem', '256MB', true);
                INSERT INTO statistics_letter_rollup (mandate_id, grain, period_start, dimension, value, letters, led, joint,
                                                      individuals, women, reprisals, followed_up, replied, on_time)
                SELECT f.mandate_id, f.grain, f.period_start, f.dimension, f.value, sum(f.letters), sum(f.led), sum(f.joint),
                       sum(f.individuals), sum(f.women), sum(f.reprisals), sum(f.followed_up), sum(f.replied), sum(f.on_time)
                  FROM statistics_letter l
                 CROSS JOIN LATERAL statistics_rollup_of(l, NULL) f
                 GROUP BY 1, 2, 3, 4, 5
                 ORDER BY 1, 2, 3, 4, 5;
                INSERT INTO statistics_reply_rollup (mandate_id, grain, period_start, letter_month, replies)
                SELECT f.mandate_id, f.grain, f.period_start, f.letter_month, sum(f.replies)
                  FROM (SELECT communication_id, array_agg(received_on ORDER BY received_on) AS received FROM statistics_reply GROUP BY 1) r
                  JOIN statistics_letter l ON l.communication_id = r.communication_id
                 CROSS JOIN LATERAL statistics_reply_rollup_of(l, r.received) f
                 GROUP BY 1, 2, 3, 4
                 ORDER BY 1, 2, 3, 4;
                ${ANALYZE}
            END
            $$`;

export class StatisticsRebuildGroupingSets1797600000000 implements MigrationInterface {
  name = 'StatisticsRebuildGroupingSets1797600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(LETTER_FACTS);
    await queryRunner.query(rollupOf(CELLS));
    await queryRunner.query(REBUILD);
    await queryRunner.query(`SELECT statistics_rebuild()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(LETTER_FACTS_BEFORE);
    await queryRunner.query(rollupOf(CELLS_BEFORE));
    await queryRunner.query(REBUILD_BEFORE);
    await queryRunner.query(`SELECT statistics_rebuild()`);
  }
}
