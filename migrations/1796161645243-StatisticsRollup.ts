import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics (S): `statistics_letter_rollup`, the sums of `statistics_letter` per calendar month and per
 * calendar year of sending, kept by the same triggers in the writing transaction, so that the figures of
 * whole months and years read a few hundred rows instead of one row per letter.
 *
 * A row holds, for the letters of one period (`grain` month or year, starting `period_start`) within one
 * scope (`mandate_id`: every letter when it is the nil uuid, else the letters that mandate signed) and one
 * breakdown cell (`dimension`, `value`): how many letters, how many led by the mandate, joint, individuals,
 * women, reprisal cases, and how many were ever followed up, replied and replied on time. The last three do
 * not depend on a cut-off here: a query subtracts the letters whose follow-up or reply came after its
 * cut-off (few, found by `ix_statistics_letter_settled`). The `days` and `recipient_days` dimensions count
 * the letters replied after so many days (overall, per recipient), from which medians are exact.
 *
 * - `statistics_rollup_of(letter, cutoff)` the contributions of one letter as known at the end of `cutoff`
 *   (NULL: everything recorded), one row per grain, scope and cell;
 * - `statistics_rollup_apply(before, after)` moves one letter's contributions (called by
 *   `statistics_refresh_letter`, which now also does so);
 * - `statistics_reply_rollup` the same for replies: how many replies were received per month and year
 *   (`period_start`), per scope, to letters sent in which month (`letter_month`); moved by
 *   `statistics_reply_rollup_apply` when a letter's replies or mandates change;
 * - `statistics_rebuild()` rebuilds both rollups too.
 */

const NIL = `'00000000-0000-0000-0000-000000000000'::uuid`;

export class StatisticsRollup1796161645243 implements MigrationInterface {
  name = 'StatisticsRollup1796161645243';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "statistics_letter_rollup" (
                "mandate_id" uuid NOT NULL,
                "grain" text NOT NULL,
                "period_start" date NOT NULL,
                "dimension" text NOT NULL,
                "value" text NOT NULL,
                "letters" integer NOT NULL,
                "led" integer NOT NULL,
                "joint" integer NOT NULL,
                "individuals" integer NOT NULL,
                "women" integer NOT NULL,
                "reprisals" integer NOT NULL,
                "followed_up" integer NOT NULL,
                "replied" integer NOT NULL,
                "on_time" integer NOT NULL,
                CONSTRAINT "ck_statistics_letter_rollup_grain" CHECK (grain IN ('month', 'year')),
                CONSTRAINT "pk_statistics_letter_rollup" PRIMARY KEY ("mandate_id", "grain", "period_start", "dimension", "value")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_statistics_letter_settled" ON "statistics_letter"
                ((greatest(followed_up_on, first_reply_on, on_time_reply_on)), sent_on)
        `);
    await queryRunner.query(`
            CREATE FUNCTION statistics_rollup_of(l statistics_letter, p_cutoff date)
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
                   -- Every cell for all letters (days per recipient only by year); for a mandate the totals,
                   -- and by year also per type and recipient.
                   AND CASE WHEN s.mandate_id = ${NIL} THEN g.grain = 'year' OR d.dimension <> 'recipient_days'
                            ELSE d.dimension = 'total' OR (g.grain = 'year' AND d.dimension IN ('type', 'recipient', 'other')) END
            $$
        `);
    await queryRunner.query(`
            CREATE FUNCTION statistics_rollup_apply(p_before statistics_letter, p_after statistics_letter) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO statistics_letter_rollup AS t (mandate_id, grain, period_start, dimension, value, letters, led, joint,
                                                           individuals, women, reprisals, followed_up, replied, on_time)
                SELECT f.mandate_id, f.grain, f.period_start, f.dimension, f.value, sum(c.sign * f.letters), sum(c.sign * f.led),
                       sum(c.sign * f.joint), sum(c.sign * f.individuals), sum(c.sign * f.women), sum(c.sign * f.reprisals),
                       sum(c.sign * f.followed_up), sum(c.sign * f.replied), sum(c.sign * f.on_time)
                  FROM (SELECT -1 AS sign, p_before AS l WHERE (p_before).communication_id IS NOT NULL
                        UNION ALL
                        SELECT 1, p_after WHERE (p_after).communication_id IS NOT NULL) c
                 CROSS JOIN LATERAL statistics_rollup_of(c.l, NULL) f
                 GROUP BY 1, 2, 3, 4, 5
                HAVING sum(c.sign * f.letters) <> 0 OR sum(c.sign * f.led) <> 0 OR sum(c.sign * f.joint) <> 0
                    OR sum(c.sign * f.individuals) <> 0 OR sum(c.sign * f.women) <> 0 OR sum(c.sign * f.reprisals) <> 0
                    OR sum(c.sign * f.followed_up) <> 0 OR sum(c.sign * f.replied) <> 0 OR sum(c.sign * f.on_time) <> 0
                 -- Rows locked in key order, so that two writers of the same cells wait rather than deadlock.
                 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (mandate_id, grain, period_start, dimension, value) DO UPDATE
                   SET letters = t.letters + EXCLUDED.letters, led = t.led + EXCLUDED.led, joint = t.joint + EXCLUDED.joint,
                       individuals = t.individuals + EXCLUDED.individuals, women = t.women + EXCLUDED.women,
                       reprisals = t.reprisals + EXCLUDED.reprisals, followed_up = t.followed_up + EXCLUDED.followed_up,
                       replied = t.replied + EXCLUDED.replied, on_time = t.on_time + EXCLUDED.on_time;
                -- A cell whose last letter left.
                DELETE FROM statistics_letter_rollup t
                 USING statistics_rollup_of(p_before, NULL) gone
                 WHERE (p_before).communication_id IS NOT NULL
                   AND (t.mandate_id, t.grain, t.period_start, t.dimension, t.value) = (gone.mandate_id, gone.grain, gone.period_start, gone.dimension, gone.value)
                   AND t.letters = 0;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TABLE "statistics_reply_rollup" (
                "mandate_id" uuid NOT NULL,
                "grain" text NOT NULL,
                "period_start" date NOT NULL,
                "letter_month" date NOT NULL,
                "replies" integer NOT NULL,
                CONSTRAINT "ck_statistics_reply_rollup_grain" CHECK (grain IN ('month', 'year')),
                CONSTRAINT "pk_statistics_reply_rollup" PRIMARY KEY ("mandate_id", "grain", "period_start", "letter_month")
            )
        `);
    await queryRunner.query(`
            CREATE FUNCTION statistics_reply_rollup_of(l statistics_letter, p_received date[])
            RETURNS TABLE (mandate_id uuid, grain text, period_start date, letter_month date, replies integer)
            LANGUAGE sql IMMUTABLE AS $$
                SELECT s.mandate_id, g.grain, g.period_start, date_trunc('month', l.sent_on)::date, count(*)::int
                  FROM unnest(p_received) AS r(received_on)
                 CROSS JOIN unnest(${NIL} || l.mandate_ids) AS s(mandate_id)
                 CROSS JOIN LATERAL (VALUES ('month', date_trunc('month', r.received_on)::date),
                                            ('year', date_trunc('year', r.received_on)::date)) AS g(grain, period_start)
                 WHERE l.communication_id IS NOT NULL
                 GROUP BY 1, 2, 3, 4
            $$
        `);
    await queryRunner.query(`
            CREATE FUNCTION statistics_reply_rollup_apply(p_before statistics_letter, p_before_received date[],
                                                          p_after statistics_letter, p_after_received date[]) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO statistics_reply_rollup AS t (mandate_id, grain, period_start, letter_month, replies)
                SELECT f.mandate_id, f.grain, f.period_start, f.letter_month, sum(c.sign * f.replies)
                  FROM (SELECT -1 AS sign, p_before AS l, p_before_received AS received
                        UNION ALL
                        SELECT 1, p_after, p_after_received) c
                 CROSS JOIN LATERAL statistics_reply_rollup_of(c.l, c.received) f
                 GROUP BY 1, 2, 3, 4
                HAVING sum(c.sign * f.replies) <> 0
                 ORDER BY 1, 2, 3, 4
                ON CONFLICT (mandate_id, grain, period_start, letter_month) DO UPDATE SET replies = t.replies + EXCLUDED.replies;
                DELETE FROM statistics_reply_rollup t
                 USING statistics_reply_rollup_of(p_before, p_before_received) gone
                 WHERE (t.mandate_id, t.grain, t.period_start, t.letter_month) = (gone.mandate_id, gone.grain, gone.period_start, gone.letter_month)
                   AND t.replies = 0;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE OR REPLACE FUNCTION statistics_refresh_letter(p_id uuid) RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
                before statistics_letter;
                after statistics_letter;
                before_received date[];
                after_received date[];
            BEGIN
                -- One refresh of a letter at a time; each statement below then reads what the other committed.
                PERFORM pg_advisory_xact_lock(hashtext('statistics_letter'), hashtext(p_id::text));
                SELECT * INTO before FROM statistics_letter WHERE communication_id = p_id;
                SELECT array_agg(received_on ORDER BY received_on) INTO before_received FROM statistics_reply WHERE communication_id = p_id;
                IF NOT EXISTS (SELECT 1 FROM communication WHERE id = p_id AND status = 'sent') THEN
                    DELETE FROM statistics_letter WHERE communication_id = p_id;
                ELSE
                    INSERT INTO statistics_letter (communication_id, sent_on, type, recipient_code, other_recipient_id, lead_mandate_id,
                                                   mandate_ids, joint, individuals, women, reprisal, legacy, followed_up_on,
                                                   first_reply_on, on_time_reply_on)
                    SELECT * FROM statistics_letter_facts(ARRAY[p_id])
                    ON CONFLICT (communication_id) DO UPDATE
                       SET sent_on = EXCLUDED.sent_on, type = EXCLUDED.type, recipient_code = EXCLUDED.recipient_code,
                           other_recipient_id = EXCLUDED.other_recipient_id, lead_mandate_id = EXCLUDED.lead_mandate_id,
                           mandate_ids = EXCLUDED.mandate_ids, joint = EXCLUDED.joint, individuals = EXCLUDED.individuals,
                           women = EXCLUDED.women, reprisal = EXCLUDED.reprisal, legacy = EXCLUDED.legacy,
                           followed_up_on = EXCLUDED.followed_up_on, first_reply_on = EXCLUDED.first_reply_on,
                           on_time_reply_on = EXCLUDED.on_time_reply_on
                    RETURNING * INTO after;
                    DELETE FROM statistics_reply WHERE communication_id = p_id;
                    INSERT INTO statistics_reply (reply_id, communication_id, received_on, letter_sent_on, on_time)
                    SELECT * FROM statistics_reply_facts(ARRAY[p_id]);
                END IF;
                SELECT array_agg(received_on ORDER BY received_on) INTO after_received FROM statistics_reply WHERE communication_id = p_id;
                IF before IS DISTINCT FROM after THEN
                    PERFORM statistics_rollup_apply(before, after);
                END IF;
                IF before IS DISTINCT FROM after OR before_received IS DISTINCT FROM after_received THEN
                    PERFORM statistics_reply_rollup_apply(before, before_received, after, after_received);
                END IF;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE OR REPLACE FUNCTION statistics_rebuild() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                LOCK TABLE statistics_letter, statistics_reply, statistics_letter_rollup, statistics_reply_rollup IN EXCLUSIVE MODE;
                TRUNCATE statistics_reply, statistics_letter, statistics_letter_rollup, statistics_reply_rollup;
                INSERT INTO statistics_letter (communication_id, sent_on, type, recipient_code, other_recipient_id, lead_mandate_id,
                                               mandate_ids, joint, individuals, women, reprisal, legacy, followed_up_on,
                                               first_reply_on, on_time_reply_on)
                SELECT * FROM statistics_letter_facts(NULL) ORDER BY 2, 1;
                INSERT INTO statistics_reply (reply_id, communication_id, received_on, letter_sent_on, on_time)
                SELECT * FROM statistics_reply_facts(NULL) ORDER BY 3, 1;
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
                ANALYZE statistics_letter;
                ANALYZE statistics_reply;
                ANALYZE statistics_letter_rollup;
                ANALYZE statistics_reply_rollup;
            END
            $$
        `);
    await queryRunner.query(`SELECT statistics_rebuild()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE OR REPLACE FUNCTION statistics_rebuild() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                LOCK TABLE statistics_letter, statistics_reply IN EXCLUSIVE MODE;
                TRUNCATE statistics_reply, statistics_letter;
                INSERT INTO statistics_letter (communication_id, sent_on, type, recipient_code, other_recipient_id, lead_mandate_id,
                                               mandate_ids, joint, individuals, women, reprisal, legacy, followed_up_on,
                                               first_reply_on, on_time_reply_on)
                SELECT * FROM statistics_letter_facts(NULL) ORDER BY 2, 1;
                INSERT INTO statistics_reply (reply_id, communication_id, received_on, letter_sent_on, on_time)
                SELECT * FROM statistics_reply_facts(NULL) ORDER BY 3, 1;
                ANALYZE statistics_letter;
                ANALYZE statistics_reply;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE OR REPLACE FUNCTION statistics_refresh_letter(p_id uuid) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                -- One refresh of a letter at a time; each statement below then reads what the other committed.
                PERFORM pg_advisory_xact_lock(hashtext('statistics_letter'), hashtext(p_id::text));
                IF NOT EXISTS (SELECT 1 FROM communication WHERE id = p_id AND status = 'sent') THEN
                    DELETE FROM statistics_letter WHERE communication_id = p_id;
                    RETURN;
                END IF;
                INSERT INTO statistics_letter (communication_id, sent_on, type, recipient_code, other_recipient_id, lead_mandate_id,
                                               mandate_ids, joint, individuals, women, reprisal, legacy, followed_up_on,
                                               first_reply_on, on_time_reply_on)
                SELECT * FROM statistics_letter_facts(ARRAY[p_id])
                ON CONFLICT (communication_id) DO UPDATE
                   SET sent_on = EXCLUDED.sent_on, type = EXCLUDED.type, recipient_code = EXCLUDED.recipient_code,
                       other_recipient_id = EXCLUDED.other_recipient_id, lead_mandate_id = EXCLUDED.lead_mandate_id,
                       mandate_ids = EXCLUDED.mandate_ids, joint = EXCLUDED.joint, individuals = EXCLUDED.individuals,
                       women = EXCLUDED.women, reprisal = EXCLUDED.reprisal, legacy = EXCLUDED.legacy,
                       followed_up_on = EXCLUDED.followed_up_on, first_reply_on = EXCLUDED.first_reply_on,
                       on_time_reply_on = EXCLUDED.on_time_reply_on;
                DELETE FROM statistics_reply WHERE communication_id = p_id;
                INSERT INTO statistics_reply (reply_id, communication_id, received_on, letter_sent_on, on_time)
                SELECT * FROM statistics_reply_facts(ARRAY[p_id]);
            END
            $$
        `);
    await queryRunner.query(
      `DROP FUNCTION statistics_reply_rollup_apply(statistics_letter, date[], statistics_letter, date[])`,
    );
    await queryRunner.query(`DROP FUNCTION statistics_reply_rollup_of(statistics_letter, date[])`);
    await queryRunner.query(`DROP TABLE "statistics_reply_rollup"`);
    await queryRunner.query(`DROP FUNCTION statistics_rollup_apply(statistics_letter, statistics_letter)`);
    await queryRunner.query(`DROP FUNCTION statistics_rollup_of(statistics_letter, date)`);
    await queryRunner.query(`DROP INDEX "public"."ix_statistics_letter_settled"`);
    await queryRunner.query(`DROP TABLE "statistics_letter_rollup"`);
  }
}
