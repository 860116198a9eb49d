import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  LETTER_FACTS as LETTER_FACTS_BEFORE,
  LETTER_FACTS_HEAD,
  LETTER_FACTS_TAIL,
} from './1797600000000-StatisticsRebuildGroupingSets';
import {
  ADD_KEYS,
  ANALYZE,
  COUNTS,
  DROP_KEYS,
  FACTS,
  LOCK,
  NIL,
  REBUILD as REBUILD_BEFORE,
} from './1797900000000-StatisticsRebuildBulk';
import { LETTERS, MONTH_SETS, SCOPE_SETS, cellsOf } from './support/statistics-cells';

/**
 * Statistics (S), issue #20 target 4: `statistics_rebuild()` does less of the work that held it near its
 * limit on a slower machine. The rows it writes are those of the previous rebuild (migration
 * 1797900000000), which `down` restores with the previous letter facts; nothing is rebuilt here.
 *
 * - The signing mandates of all letters are grouped straight from `communication_mandate` (a pair is its
 *   key, so no pair comes twice), with the approvals of each letter's sent version looked up by letter;
 *   the lead is added to a letter whose list lacks it. The previous function merged every letter's lead
 *   with its mandates (a UNION of 3.4 million rows to deduplicate and sort again).
 * - The letter rollup's cells are made in four passes (every letter; the signing mandates in two halves;
 *   the month cells) by `CREATE TABLE … AS`, which PostgreSQL 15 may share among parallel workers where
 *   `INSERT … SELECT` never is, then copied in. They are sorted on one integer that orders as the
 *   primary key up to the dimension, then on the value: the key's five columns, compared one by one, made
 *   the sort of two million cells nearly as long as the grouping that made them.
 * - The reply rollup counts by month once, then sums the months into years, instead of grouping every
 *   reply of every scope twice.
 */

/**
 * The facts of the sent letters `p_ids` (all when NULL), as before. The signing mandates: every mandate
 * on the letter as lead or invited that approved its sent version (all of them when that version has no
 * approvals, as for imports), and the lead always, in the order of their ids.
 */
const LETTER_FACTS = `${LETTER_FACTS_HEAD}                  LEFT JOIN (
                       SELECT m.communication_id, array_agg(m.mandate_id ORDER BY m.mandate_id) AS ids
                         FROM communication_mandate m
                         LEFT JOIN (SELECT a.communication_id,
                                           array_agg(a.mandate_id) FILTER (WHERE a.decision = 'approve') AS approved
                                      FROM communication_approval a
                                      JOIN communication_version av ON av.id = a.version_id
                                      JOIN communication al ON al.id = a.communication_id AND al.current_version = av.number
                                     WHERE p_ids IS NULL OR a.communication_id = ANY (p_ids)
                                     GROUP BY a.communication_id) sign ON sign.communication_id = m.communication_id
                        WHERE m.participation IN ('lead', 'invited')
                          AND (p_ids IS NULL OR m.communication_id = ANY (p_ids))
                          AND (sign.communication_id IS NULL OR m.mandate_id = ANY (sign.approved))
                        GROUP BY m.communication_id
                       ) listed ON listed.communication_id = c.id
                 CROSS JOIN LATERAL (
                       SELECT CASE WHEN c.lead_mandate_id = ANY (listed.ids) THEN listed.ids
                                   ELSE ARRAY(SELECT x FROM unnest(listed.ids || c.lead_mandate_id) AS x ORDER BY x) END AS ids
                       ) signing
${LETTER_FACTS_TAIL}`;

/** The rollup's dimensions in the order of their names, as the primary key orders them. */
const DIMENSIONS = `ARRAY['days', 'other', 'recipient', 'recipient_days', 'total', 'type']`;

/**
 * The letter rollup's cells in four passes that parallel workers can share: every letter's, the
 * signing mandates' before the mandate `%1$L` (where the signatures of all letters are halved), those
 * from it, and the month cells only every letter has. Each pass groups its own scopes, so no cell comes
 * from two passes.
 *
 * The cells come sorted on one integer made of the first 32 bits of the mandate's id (0 for every
 * letter, the nil id), the grain ('month' before 'year'), the day of the period and the dimension's
 * place, then on the value: the order of the primary key, which is then built from rows already in
 * order, and the cells of one scope and period share pages. (Two mandates whose ids began with the
 * same 32 bits, or a dimension missing from the list, would only sort out of that order.) Sorting the
 * two million cells of a million letters on the key's five columns took 12.5 s, most of it comparing
 * tuples of the same mandate; on the integer and the value, 3.6–4 s.
 */
const CELLS = `
                SELECT c.mandate_id, c.grain, c.period_start, c.dimension, c.value, ${COUNTS}
                  FROM (${cellsOf(`${LETTERS} CROSS JOIN (VALUES (${NIL})) AS s(mandate_id)`, SCOPE_SETS)}
                        UNION ALL
                        ${cellsOf(`${LETTERS} CROSS JOIN LATERAL unnest(l.mandate_ids) AS s(mandate_id) WHERE s.mandate_id < %1$L`, SCOPE_SETS)}
                        UNION ALL
                        ${cellsOf(`${LETTERS} CROSS JOIN LATERAL unnest(l.mandate_ids) AS s(mandate_id) WHERE s.mandate_id >= %1$L`, SCOPE_SETS)}
                        UNION ALL
                        ${cellsOf(`${LETTERS} CROSS JOIN (VALUES (${NIL})) AS s(mandate_id)`, MONTH_SETS)}) c
                 WHERE c.value IS NOT NULL
                 ORDER BY (((('x' || left(c.mandate_id::text, 8))::bit(32)::bigint * 2 + (c.grain = 'year')::int) * 1048576
                            + (c.period_start - DATE '0001-01-01')) * 8 + array_position(${DIMENSIONS}, c.dimension)),
                          c.value`;

/**
 * `INSERT … SELECT` never runs in parallel in PostgreSQL 15, `CREATE TABLE … AS` may: the cells are made
 * into a temporary table, then copied in their order (3 s for two million cells).
 */
const LETTER_ROLLUP = `
                halfway := coalesce((SELECT h.mandate_id
                                       FROM (SELECT s.mandate_id, sum(count(*)) OVER (ORDER BY s.mandate_id) AS running,
                                                    sum(count(*)) OVER () AS total
                                               FROM statistics_letter l CROSS JOIN LATERAL unnest(l.mandate_ids) AS s(mandate_id)
                                              GROUP BY 1) h
                                      WHERE h.running * 2 >= h.total
                                      ORDER BY 1 LIMIT 1), ${NIL});
                EXECUTE format($cells$CREATE TEMPORARY TABLE statistics_rebuild_cells ON COMMIT DROP AS ${CELLS}$cells$, halfway);
                INSERT INTO statistics_letter_rollup (mandate_id, grain, period_start, dimension, value, ${COUNTS})
                SELECT mandate_id, grain, period_start, dimension, value, ${COUNTS} FROM statistics_rebuild_cells;
                DROP TABLE statistics_rebuild_cells`;

/** Replies per scope, month of receipt and month of their letter; then the months summed into years. */
const REPLY_ROLLUP = `
                INSERT INTO statistics_reply_rollup (mandate_id, grain, period_start, letter_month, replies)
                SELECT r.mandate_id,
                       CASE WHEN GROUPING(r.month) = 0 THEN 'month' ELSE 'year' END,
                       CASE WHEN GROUPING(r.month) = 0 THEN r.month ELSE r.year END,
                       r.letter_month,
                       sum(r.replies)::int
                  FROM (SELECT s.mandate_id, date_trunc('month', x.received_on)::date AS month,
                               date_trunc('year', x.received_on)::date AS year,
                               date_trunc('month', l.sent_on)::date AS letter_month, count(*) AS replies
                          FROM statistics_reply x
                          JOIN statistics_letter l ON l.communication_id = x.communication_id
                         CROSS JOIN LATERAL unnest(${NIL} || l.mandate_ids) AS s(mandate_id)
                         GROUP BY 1, 2, 3, 4) r
                 GROUP BY GROUPING SETS ((r.mandate_id, r.month, r.letter_month), (r.mandate_id, r.year, r.letter_month))
                 ORDER BY 1, 2, 3, 4`;

/** As before (keys dropped, tables filled, keys built again), with the rollups above. */
const REBUILD = `
            CREATE OR REPLACE FUNCTION statistics_rebuild() RETURNS void LANGUAGE plpgsql
            SET work_mem = '1GB' SET maintenance_work_mem = '512MB' AS $$
            DECLARE
                nested_loops text := current_setting('enable_nestloop');
                halfway uuid;
            BEGIN
                ${LOCK}
                ${DROP_KEYS}
                -- The facts of every letter join whole tables: hash joins, not the loops over the index that
                -- the planner picks for the few letters it expects from statistics_letter_facts.
                PERFORM set_config('enable_nestloop', 'off', true);
                ${FACTS}
                PERFORM set_config('enable_nestloop', nested_loops, true);
                ${LETTER_ROLLUP};
                ${REPLY_ROLLUP};
                ${ADD_KEYS}
                ${ANALYZE}
            END
            $$`;

export class StatisticsRebuildLean1798100000000 implements MigrationInterface {
  name = 'StatisticsRebuildLean1798100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(LETTER_FACTS);
    await queryRunner.query(REBUILD);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(LETTER_FACTS_BEFORE);
    await queryRunner.query(REBUILD_BEFORE);
  }
}
