import { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns of the sample: those of the projection that the facets count and the filters test. */
const COLUMNS = `communication_id, mandate_codes, recipient_code, recipient_kind, recipient_name, other_recipient_id,
                 type, joint, sent_on, sent_year, reply_status, search_vector`;

/**
 * A fixed sample of the published letters, from which the public search estimates its facets when
 * many letters match (see libs/public-search, "Facets"): a narrow copy of the facet and filter columns
 * and of the search vector of each published letter whose id falls in the first `buckets` of 1,024
 * hash buckets (20: about 2%, 20,000 letters of a million), with its own indexes. Counting a common
 * word in the sample reads a few thousand small pages instead of sampling whole pages of the wide
 * projection (about four letters to a page, bodies and vectors inline).
 *
 * Like published_communication_mandate, the rows are derived from published_communication by the
 * trigger below and deleted with it (the foreign key cascades): the sample holds nothing that is not
 * in the published projection. Membership depends on the letter's id only, so that a letter stays in
 * or out of the sample whatever else changes. `published_communication_sample_share` holds the number
 * of buckets; after changing it, `SELECT published_communication_sample_refill()` rebuilds the sample
 * (0 buckets: no sample, every facet counted exactly). No entity maps these tables (the public search
 * repository reads them in SQL), so TypeORM's schema diff leaves them alone.
 */
export class PublishedFacetSample1797800000000 implements MigrationInterface {
  name = 'PublishedFacetSample1797800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "published_communication_sample_share" (
                "singleton" boolean NOT NULL DEFAULT true,
                "buckets" smallint NOT NULL,
                CONSTRAINT "pk_published_communication_sample_share" PRIMARY KEY ("singleton"),
                CONSTRAINT "ck_published_communication_sample_share_singleton" CHECK ("singleton"),
                CONSTRAINT "ck_published_communication_sample_share_buckets" CHECK ("buckets" BETWEEN 0 AND 1024)
            )
        `);
    await queryRunner.query(`INSERT INTO "published_communication_sample_share" ("buckets") VALUES (20)`);
    await queryRunner.query(`
            CREATE TABLE "published_communication_sample" (
                "communication_id" uuid NOT NULL,
                "mandate_codes" text[] NOT NULL,
                "recipient_code" character(3) NOT NULL,
                "recipient_kind" text NOT NULL,
                "recipient_name" text NOT NULL,
                "other_recipient_id" uuid,
                "type" text NOT NULL,
                "joint" boolean NOT NULL,
                "sent_on" date NOT NULL,
                "sent_year" smallint NOT NULL,
                "reply_status" text NOT NULL,
                "search_vector" tsvector,
                CONSTRAINT "pk_published_communication_sample" PRIMARY KEY ("communication_id"),
                CONSTRAINT "fk_published_communication_sample_letter" FOREIGN KEY ("communication_id")
                    REFERENCES "published_communication"("communication_id") ON DELETE CASCADE
            ) WITH (parallel_workers = 0)
        `);
    // As in the projection: the vector stays in the row (see 1795844592389-PublishedSearchStorage).
    await queryRunner.query(
      `ALTER TABLE "published_communication_sample" ALTER COLUMN "search_vector" SET STORAGE MAIN`,
    );
    await queryRunner.query(`
            CREATE INDEX "ix_published_communication_sample_search" ON "published_communication_sample" USING gin ("search_vector")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_published_communication_sample_mandates" ON "published_communication_sample" USING gin ("mandate_codes")
        `);
    // The hash of the id (the function PostgreSQL's hash partitioning uses, stable across versions).
    await queryRunner.query(`
            CREATE FUNCTION published_communication_sampled(id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
                SELECT (uuid_hash_extended(id, 0) & 1023) < (SELECT buckets FROM published_communication_sample_share)
            $$
        `);
    await queryRunner.query(`
            CREATE FUNCTION published_communication_sample_sync() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    DELETE FROM published_communication_sample WHERE communication_id = OLD.communication_id;
                END IF;
                IF published_communication_sampled(NEW.communication_id) THEN
                    INSERT INTO published_communication_sample (${COLUMNS})
                    VALUES (NEW.communication_id, NEW.mandate_codes, NEW.recipient_code, NEW.recipient_kind, NEW.recipient_name,
                            NEW.other_recipient_id, NEW.type, NEW.joint, NEW.sent_on, NEW.sent_year, NEW.reply_status, NEW.search_vector);
                END IF;
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER published_communication_sample_inserted AFTER INSERT ON published_communication
            FOR EACH ROW EXECUTE FUNCTION published_communication_sample_sync()
        `);
    await queryRunner.query(`
            CREATE TRIGGER published_communication_sample_updated AFTER UPDATE ON published_communication
            FOR EACH ROW WHEN (
                (OLD.communication_id, OLD.mandate_codes, OLD.recipient_code, OLD.recipient_kind, OLD.recipient_name, OLD.other_recipient_id,
                 OLD.type, OLD.joint, OLD.sent_on, OLD.sent_year, OLD.reply_status, OLD.search_vector)
                IS DISTINCT FROM
                (NEW.communication_id, NEW.mandate_codes, NEW.recipient_code, NEW.recipient_kind, NEW.recipient_name, NEW.other_recipient_id,
                 NEW.type, NEW.joint, NEW.sent_on, NEW.sent_year, NEW.reply_status, NEW.search_vector)
            )
            EXECUTE FUNCTION published_communication_sample_sync()
        `);
    await queryRunner.query(`
            CREATE FUNCTION published_communication_sample_refill() RETURNS integer LANGUAGE plpgsql AS $$
            DECLARE
                sampled integer;
            BEGIN
                DELETE FROM published_communication_sample;
                INSERT INTO published_communication_sample (${COLUMNS})
                SELECT ${COLUMNS} FROM published_communication p WHERE published_communication_sampled(p.communication_id);
                GET DIAGNOSTICS sampled = ROW_COUNT;
                RETURN sampled;
            END
            $$
        `);
    await queryRunner.query(`SELECT published_communication_sample_refill()`);
    await queryRunner.query(`ANALYZE published_communication_sample`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER published_communication_sample_updated ON published_communication`);
    await queryRunner.query(`DROP TRIGGER published_communication_sample_inserted ON published_communication`);
    await queryRunner.query(`DROP FUNCTION published_communication_sample_refill()`);
    await queryRunner.query(`DROP FUNCTION published_communication_sample_sync()`);
    await queryRunner.query(`DROP FUNCTION published_communication_sampled(uuid)`);
    await queryRunner.query(`DROP TABLE "published_communication_sample"`);
    await queryRunner.query(`DROP TABLE "published_communication_sample_share"`);
  }
}
