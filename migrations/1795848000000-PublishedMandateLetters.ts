import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The published letters of each mandate in date order, for the public search filtered by a mandate
 * (see libs/public-search, "Indexes"): one row per published letter and mandate that signed it, keyed
 * by (mandate, sent on, letter) and carrying the other filter columns, so that a page of a mandate's
 * letters (or the most recent matches to rank) is read from its most recent letter down without
 * reading the letters of other mandates, and a mandate with a recipient from a second index in the
 * same order. The GIN on mandate_codes answers "any of these mandates" (several at once) and facets.
 *
 * The rows are derived from published_communication by the trigger below and deleted with it: the
 * table holds nothing that is not in the published projection. No entity maps it (the public search
 * repository reads it in SQL), so TypeORM's schema diff leaves it alone.
 */
export class PublishedMandateLetters1795848000000 implements MigrationInterface {
  name = 'PublishedMandateLetters1795848000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "published_communication_mandate" (
                "mandate_code" text NOT NULL,
                "sent_on" date NOT NULL,
                "communication_id" uuid NOT NULL,
                "recipient_code" character(3) NOT NULL,
                "type" text NOT NULL,
                "joint" boolean NOT NULL,
                "reply_status" text NOT NULL,
                CONSTRAINT "pk_published_communication_mandate" PRIMARY KEY ("mandate_code", "sent_on", "communication_id")
                    INCLUDE ("recipient_code", "type", "joint", "reply_status"),
                CONSTRAINT "fk_published_communication_mandate_letter" FOREIGN KEY ("communication_id")
                    REFERENCES "published_communication"("communication_id") ON DELETE CASCADE
            ) WITH (parallel_workers = 0)
        `);
    // A mandate's letters to a recipient, in date order; and the letter's rows (updates, deletes).
    await queryRunner.query(`
            CREATE INDEX "ix_published_communication_mandate_recipient" ON "published_communication_mandate"
                ("mandate_code", "recipient_code", "sent_on", "communication_id") INCLUDE ("type", "joint", "reply_status")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_published_communication_mandate_letter" ON "published_communication_mandate" ("communication_id")
        `);
    await queryRunner.query(`
            CREATE FUNCTION published_communication_mandate_sync() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    DELETE FROM published_communication_mandate WHERE communication_id = OLD.communication_id;
                END IF;
                INSERT INTO published_communication_mandate (mandate_code, sent_on, communication_id, recipient_code, type, joint, reply_status)
                SELECT DISTINCT u.code, NEW.sent_on, NEW.communication_id, NEW.recipient_code, NEW.type, NEW.joint, NEW.reply_status
                  FROM unnest(NEW.mandate_codes) AS u(code);
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER published_communication_mandate_inserted AFTER INSERT ON published_communication
            FOR EACH ROW EXECUTE FUNCTION published_communication_mandate_sync()
        `);
    await queryRunner.query(`
            CREATE TRIGGER published_communication_mandate_updated AFTER UPDATE ON published_communication
            FOR EACH ROW WHEN (
                (OLD.communication_id, OLD.mandate_codes, OLD.sent_on, OLD.recipient_code, OLD.type, OLD.joint, OLD.reply_status)
                IS DISTINCT FROM (NEW.communication_id, NEW.mandate_codes, NEW.sent_on, NEW.recipient_code, NEW.type, NEW.joint, NEW.reply_status)
            )
            EXECUTE FUNCTION published_communication_mandate_sync()
        `);
    await queryRunner.query(`
            INSERT INTO published_communication_mandate (mandate_code, sent_on, communication_id, recipient_code, type, joint, reply_status)
            SELECT DISTINCT u.code, p.sent_on, p.communication_id, p.recipient_code, p.type, p.joint, p.reply_status
              FROM published_communication p CROSS JOIN LATERAL unnest(p.mandate_codes) AS u(code)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER published_communication_mandate_updated ON published_communication`);
    await queryRunner.query(`DROP TRIGGER published_communication_mandate_inserted ON published_communication`);
    await queryRunner.query(`DROP FUNCTION published_communication_mandate_sync()`);
    await queryRunner.query(`DROP TABLE "published_communication_mandate"`);
  }
}
