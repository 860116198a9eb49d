import { MigrationInterface, QueryRunner } from 'typeorm';
import { LETTERS, MONTH_SETS, SCOPE_SETS, cellsOf } from './support/statistics-cells';

/**
 * Statistics (S), issue #20 target 4: `statistics_rebuild()` fills the fact tables and the rollups
 * without their keys and indexes and builds them afterwards, with room in memory for the grouping and
 * hash joins for the facts of all letters. The rows it writes are those of the previous rebuild
 * (migration 1797600000000), whose function `down` restores; nothing is rebuilt by the migration.
 */

export const NIL = `'00000000-0000-0000-0000-000000000000'::uuid`;

export const COUNTS = `letters, led, joint, individuals, women, reprisals, followed_up, replied, on_time`;

/** The cells of every scope in one pass over the letters and their mandates, then the month cells in another. */
const LETTER_CELLS = `${cellsOf(`${LETTERS} CROSS JOIN LATERAL unnest(${NIL} || l.mandate_ids) AS s(mandate_id)`, SCOPE_SETS)}
                        UNION ALL
                        ${cellsOf(`${LETTERS} CROSS JOIN (VALUES (${NIL})) AS s(mandate_id)`, MONTH_SETS)}`;

/** The letter rollup: its cells, in the order of its primary key. */
const LETTER_ROLLUP = `
                INSERT INTO statistics_letter_rollup (mandate_id, grain, period_start, dimension, value, ${COUNTS})
                SELECT c.mandate_id, c.grain, c.period_start, c.dimension, c.value, ${COUNTS}
                  FROM (${LETTER_CELLS}) c
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

export const FACTS = `
                INSERT INTO statistics_letter (communication_id, sent_on, type, recipient_code, other_recipient_id, lead_mandate_id,
                                               mandate_ids, joint, individuals, women, reprisal, legacy, followed_up_on,
                                               first_reply_on, on_time_reply_on)
                SELECT * FROM statistics_letter_facts(NULL) ORDER BY 2, 1;
                INSERT INTO statistics_reply (reply_id, communication_id, received_on, letter_sent_on, on_time)
                SELECT * FROM statistics_reply_facts(NULL) ORDER BY 3, 1;`;

export const ANALYZE = `
                ANALYZE statistics_letter;
                ANALYZE statistics_reply;
                ANALYZE statistics_letter_rollup;
                ANALYZE statistics_reply_rollup;`;

export const LOCK = `
                LOCK TABLE statistics_letter, statistics_reply, statistics_letter_rollup, statistics_reply_rollup IN EXCLUSIVE MODE;
                TRUNCATE statistics_reply, statistics_letter, statistics_letter_rollup, statistics_reply_rollup;`;

const REBUILD_BEFORE = `
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

/** The indexes and keys of the four tables, dropped before they are filled and built again after. */
export const DROP_KEYS = `
                ALTER TABLE statistics_reply DROP CONSTRAINT fk_statistics_reply_letter;
                ALTER TABLE statistics_letter DROP CONSTRAINT fk_statistics_letter_communication;
                DROP INDEX ix_statistics_letter_sent, ix_statistics_letter_mandates, ix_statistics_letter_settled,
                           ix_statistics_reply_letter, ix_statistics_reply_received;
                ALTER TABLE statistics_letter DROP CONSTRAINT pk_statistics_letter;
                ALTER TABLE statistics_reply DROP CONSTRAINT pk_statistics_reply;
                ALTER TABLE statistics_letter_rollup DROP CONSTRAINT pk_statistics_letter_rollup;
                ALTER TABLE statistics_reply_rollup DROP CONSTRAINT pk_statistics_reply_rollup;`;

export const ADD_KEYS = `
                ALTER TABLE statistics_letter ADD CONSTRAINT pk_statistics_letter PRIMARY KEY (communication_id);
                ALTER TABLE statistics_reply ADD CONSTRAINT pk_statistics_reply PRIMARY KEY (reply_id);
                ALTER TABLE statistics_letter_rollup ADD CONSTRAINT pk_statistics_letter_rollup
                    PRIMARY KEY (mandate_id, grain, period_start, dimension, value);
                ALTER TABLE statistics_reply_rollup ADD CONSTRAINT pk_statistics_reply_rollup
                    PRIMARY KEY (mandate_id, grain, period_start, letter_month);
                CREATE INDEX ix_statistics_letter_sent ON statistics_letter (sent_on);
                CREATE INDEX ix_statistics_letter_mandates ON statistics_letter USING GIN (mandate_ids);
                CREATE INDEX ix_statistics_letter_settled ON statistics_letter
                    ((greatest(followed_up_on, first_reply_on, on_time_reply_on)), sent_on);
                CREATE INDEX ix_statistics_reply_letter ON statistics_reply (communication_id);
                CREATE INDEX ix_statistics_reply_received ON statistics_reply (received_on, letter_sent_on);
                ALTER TABLE statistics_letter ADD CONSTRAINT fk_statistics_letter_communication
                    FOREIGN KEY (communication_id) REFERENCES communication (id);
                ALTER TABLE statistics_reply ADD CONSTRAINT fk_statistics_reply_letter
                    FOREIGN KEY (communication_id) REFERENCES statistics_letter (communication_id) ON DELETE CASCADE;`;

/**
 * The tables are emptied, their keys and indexes dropped, filled, and the keys and indexes built again
 * in one sort each (a foreign key checked by one join) instead of row by row; the grouping has room
 * enough in memory for a million letters' cells (settings of the function, restored on its return).
 */
export const REBUILD = `
            CREATE OR REPLACE FUNCTION statistics_rebuild() RETURNS void LANGUAGE plpgsql
            SET work_mem = '1GB' SET maintenance_work_mem = '512MB' AS $$
            DECLARE
                nested_loops text := current_setting('enable_nestloop');
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

export class StatisticsRebuildBulk1797900000000 implements MigrationInterface {
  name = 'StatisticsRebuildBulk1797900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(REBUILD);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(REBUILD_BEFORE);
  }
}
