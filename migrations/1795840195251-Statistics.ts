import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics (S): the per-letter fact table `statistics_letter` and the per-reply table
 * `statistics_reply`, kept by triggers in the writing transaction, so that a full year's figures read
 * one narrow row per letter instead of joining letters, versions, mandates, approvals and replies.
 *
 * - `statistics_letter_facts(ids)` computes the rows of sent letters from the record (all when NULL);
 * - `statistics_refresh_letter(id)` rewrites one letter's rows, serialised per letter by an advisory
 *   lock so that two writers cannot leave rows computed from a snapshot older than the other's commit;
 * - `statistics_rebuild()` recomputes every row (after a bulk load or a repair);
 * - triggers on communication, communication_version, communication_mandate, communication_approval,
 *   communication_follow_up and reply call the refresh.
 */

export class Statistics1795840195251 implements MigrationInterface {
  name = 'Statistics1795840195251';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "statistics_letter" (
                "communication_id" uuid NOT NULL,
                "sent_on" date NOT NULL,
                "type" text NOT NULL,
                "recipient_code" character(3) NOT NULL,
                "other_recipient_id" uuid,
                "lead_mandate_id" uuid NOT NULL,
                "mandate_ids" uuid array NOT NULL,
                "joint" boolean NOT NULL,
                "individuals" integer NOT NULL,
                "women" integer NOT NULL,
                "reprisal" boolean NOT NULL,
                "legacy" boolean NOT NULL,
                "followed_up_on" date,
                "first_reply_on" date,
                "on_time_reply_on" date,
                CONSTRAINT "ck_statistics_letter_on_time" CHECK (
                    on_time_reply_on IS NULL
                    OR first_reply_on <= on_time_reply_on
                ),
                CONSTRAINT "ck_statistics_letter_mandates" CHECK (
                    cardinality(mandate_ids) >= 1
                    AND (
                        cardinality(mandate_ids) < 2
                        OR joint
                    )
                ),
                CONSTRAINT "ck_statistics_letter_victims" CHECK (
                    individuals >= 0
                    AND women >= 0
                    AND women <= individuals
                ),
                CONSTRAINT "pk_statistics_letter" PRIMARY KEY ("communication_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_statistics_letter_sent" ON "statistics_letter" ("sent_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "statistics_reply" (
                "reply_id" uuid NOT NULL,
                "communication_id" uuid NOT NULL,
                "received_on" date NOT NULL,
                "letter_sent_on" date NOT NULL,
                "on_time" boolean NOT NULL,
                CONSTRAINT "pk_statistics_reply" PRIMARY KEY ("reply_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_statistics_reply_letter" ON "statistics_reply" ("communication_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_statistics_reply_received" ON "statistics_reply" ("received_on", "letter_sent_on")
        `);
    await queryRunner.query(`
            ALTER TABLE "statistics_letter"
            ADD CONSTRAINT "fk_statistics_letter_communication" FOREIGN KEY ("communication_id") REFERENCES "communication"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "statistics_reply"
            ADD CONSTRAINT "fk_statistics_reply_letter" FOREIGN KEY ("communication_id") REFERENCES "statistics_letter"("communication_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_statistics_letter_mandates" ON "statistics_letter" USING GIN ("mandate_ids")
        `);
    await queryRunner.query(`
            CREATE FUNCTION statistics_letter_facts(p_ids uuid[])
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
            $$
        `);
    await queryRunner.query(`
            CREATE FUNCTION statistics_reply_facts(p_ids uuid[])
            RETURNS TABLE (reply_id uuid, communication_id uuid, received_on date, letter_sent_on date, on_time boolean)
            LANGUAGE sql STABLE AS $$
                SELECT r.id, r.communication_id, r.received_on, c.sent_on,
                       coalesce(r.on_time, r.received_on <= c.reply_requested_by, false)
                  FROM reply r
                  JOIN communication c ON c.id = r.communication_id AND c.status = 'sent'
                 WHERE r.corrects_reply_id IS NULL
                   AND (p_ids IS NULL OR r.communication_id = ANY (p_ids))
            $$
        `);
    await queryRunner.query(`
            CREATE FUNCTION statistics_refresh_letter(p_id uuid) RETURNS void LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`
            CREATE FUNCTION statistics_rebuild() RETURNS void LANGUAGE plpgsql AS $$
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
            CREATE FUNCTION statistics_on_communication() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.status = 'sent' OR (TG_OP = 'UPDATE' AND OLD.status = 'sent') THEN
                    PERFORM statistics_refresh_letter(NEW.id);
                    -- The letters this one follows up: their "followed up" day is this letter's sending.
                    PERFORM statistics_refresh_letter(link.follows_up_id)
                       FROM communication_follow_up link WHERE link.communication_id = NEW.id;
                END IF;
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_statistics_communication
            AFTER INSERT OR UPDATE OF status, sent_on, type, legacy_type, recipient_code, other_recipient_id, lead_mandate_id,
                                      reprisal, legacy, current_version, reply_requested_by
            ON "communication" FOR EACH ROW EXECUTE FUNCTION statistics_on_communication()
        `);
    await queryRunner.query(`
            CREATE FUNCTION statistics_on_letter_part() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                letter uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.communication_id ELSE NEW.communication_id END;
            BEGIN
                IF EXISTS (SELECT 1 FROM communication WHERE id = letter AND status = 'sent') THEN
                    PERFORM statistics_refresh_letter(letter);
                END IF;
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_statistics_communication_mandate AFTER INSERT OR UPDATE OR DELETE ON "communication_mandate"
            FOR EACH ROW EXECUTE FUNCTION statistics_on_letter_part()
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_statistics_communication_approval AFTER INSERT OR UPDATE OR DELETE ON "communication_approval"
            FOR EACH ROW EXECUTE FUNCTION statistics_on_letter_part()
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_statistics_communication_version AFTER INSERT ON "communication_version"
            FOR EACH ROW EXECUTE FUNCTION statistics_on_letter_part()
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_statistics_reply AFTER INSERT OR UPDATE OR DELETE ON "reply"
            FOR EACH ROW EXECUTE FUNCTION statistics_on_letter_part()
        `);
    await queryRunner.query(`
            CREATE FUNCTION statistics_on_follow_up() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                earlier uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.follows_up_id ELSE NEW.follows_up_id END;
            BEGIN
                IF EXISTS (SELECT 1 FROM communication WHERE id = earlier AND status = 'sent') THEN
                    PERFORM statistics_refresh_letter(earlier);
                END IF;
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_statistics_communication_follow_up AFTER INSERT OR UPDATE OR DELETE ON "communication_follow_up"
            FOR EACH ROW EXECUTE FUNCTION statistics_on_follow_up()
        `);
    await queryRunner.query(`SELECT statistics_rebuild()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tg_statistics_communication_follow_up ON "communication_follow_up"`);
    await queryRunner.query(`DROP TRIGGER tg_statistics_reply ON "reply"`);
    await queryRunner.query(`DROP TRIGGER tg_statistics_communication_version ON "communication_version"`);
    await queryRunner.query(`DROP TRIGGER tg_statistics_communication_approval ON "communication_approval"`);
    await queryRunner.query(`DROP TRIGGER tg_statistics_communication_mandate ON "communication_mandate"`);
    await queryRunner.query(`DROP TRIGGER tg_statistics_communication ON "communication"`);
    await queryRunner.query(`DROP FUNCTION statistics_on_follow_up()`);
    await queryRunner.query(`DROP FUNCTION statistics_on_letter_part()`);
    await queryRunner.query(`DROP FUNCTION statistics_on_communication()`);
    await queryRunner.query(`DROP FUNCTION statistics_rebuild()`);
    await queryRunner.query(`DROP FUNCTION statistics_refresh_letter(uuid)`);
    await queryRunner.query(`DROP FUNCTION statistics_reply_facts(uuid[])`);
    await queryRunner.query(`DROP FUNCTION statistics_letter_facts(uuid[])`);
    await queryRunner.query(`DROP INDEX "public"."ix_statistics_letter_mandates"`);
    await queryRunner.query(`
            ALTER TABLE "statistics_reply" DROP CONSTRAINT "fk_statistics_reply_letter"
        `);
    await queryRunner.query(`
            ALTER TABLE "statistics_letter" DROP CONSTRAINT "fk_statistics_letter_communication"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_statistics_reply_received"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_statistics_reply_letter"
        `);
    await queryRunner.query(`
            DROP TABLE "statistics_reply"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_statistics_letter_sent"
        `);
    await queryRunner.query(`
            DROP TABLE "statistics_letter"
        `);
  }
}
