import { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns of the sample, as in 1797800000000-PublishedFacetSample, and now the hash bucket of the id. */
const COLUMNS = `communication_id, mandate_codes, recipient_code, recipient_kind, recipient_name, other_recipient_id,
                 type, joint, sent_on, sent_year, reply_status, search_vector`;
const BUCKET = `(uuid_hash_extended(communication_id, 0) & 1023)::smallint`;

/**
 * The sub-sample of the facets (see libs/public-search, "Facets"): the sample's letters of the first
 * hash buckets, from which a search that matches many letters counts its facets (a common word matches
 * most of the sample: 4,000 letters to aggregate instead of 16,000 at 20 buckets, 33,000 at 40). And
 * the sample's share doubles, from 20 buckets to 40 (about 4%), as SEARCH_FACETS_EXACT_LIMIT halves to
 * 1,000: an estimate still rests on 40 letters of the sample or more, and an exact count reads at most
 * about 1,000 letters of the projection (2,000 took 220 ms on 1,000,000 letters read cold).
 *
 * Each row of the sample now keeps its bucket (0–1023, the hash of the id the sample is drawn by), and
 * the sample is stored in bucket order: the refill inserts it sorted, so that the first buckets fill
 * the first pages and a count among them reads those pages only, through the index on the bucket.
 * Letters published later are appended by the trigger, a few pages at the end.
 */
export class PublishedFacetSubsample1798000000000 implements MigrationInterface {
  name = 'PublishedFacetSubsample1798000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "published_communication_sample" ADD "bucket" smallint`);
    await queryRunner.query(
      `UPDATE "published_communication_sample" SET "bucket" = ${BUCKET.replace(/communication_id/g, '"communication_id"')}`,
    );
    await queryRunner.query(`ALTER TABLE "published_communication_sample" ALTER COLUMN "bucket" SET NOT NULL`);
    await queryRunner.query(`
            ALTER TABLE "published_communication_sample" ADD CONSTRAINT "ck_published_communication_sample_bucket"
                CHECK ("bucket" BETWEEN 0 AND 1023)
        `);
    await this.functions(queryRunner, true);
    await queryRunner.query(`
            CREATE INDEX "ix_published_communication_sample_bucket" ON "published_communication_sample" ("bucket")
        `);
    // Twice the share: 40 buckets, about 4%. With the exact limit halved to 1,000 matches, an estimate
    // still rests on 40 letters of the sample or more, and an exact count reads half as many letters.
    await queryRunner.query(`UPDATE "published_communication_sample_share" SET "buckets" = 40`);
    await queryRunner.query(`SELECT published_communication_sample_refill()`);
    await queryRunner.query(`ANALYZE published_communication_sample`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "published_communication_sample_share" SET "buckets" = 20`);
    await queryRunner.query(`DROP INDEX "ix_published_communication_sample_bucket"`);
    await this.functions(queryRunner, false);
    await queryRunner.query(
      `ALTER TABLE "published_communication_sample" DROP CONSTRAINT "ck_published_communication_sample_bucket"`,
    );
    await queryRunner.query(`ALTER TABLE "published_communication_sample" DROP COLUMN "bucket"`);
    await queryRunner.query(`SELECT published_communication_sample_refill()`);
  }

  /** The trigger's function and the refill, with the bucket (and the refill in bucket order) or without. */
  private async functions(queryRunner: QueryRunner, withBucket: boolean): Promise<void> {
    const columns = withBucket ? `${COLUMNS}, bucket` : COLUMNS;
    const values = `NEW.communication_id, NEW.mandate_codes, NEW.recipient_code, NEW.recipient_kind, NEW.recipient_name,
                            NEW.other_recipient_id, NEW.type, NEW.joint, NEW.sent_on, NEW.sent_year, NEW.reply_status, NEW.search_vector`;
    await queryRunner.query(`
            CREATE OR REPLACE FUNCTION published_communication_sample_sync() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    DELETE FROM published_communication_sample WHERE communication_id = OLD.communication_id;
                END IF;
                IF published_communication_sampled(NEW.communication_id) THEN
                    INSERT INTO published_communication_sample (${columns})
                    VALUES (${values}${withBucket ? `, ${BUCKET.replace('communication_id', 'NEW.communication_id')}` : ''});
                END IF;
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE OR REPLACE FUNCTION published_communication_sample_refill() RETURNS integer LANGUAGE plpgsql AS $$
            DECLARE
                sampled integer;
            BEGIN
                DELETE FROM published_communication_sample;
                INSERT INTO published_communication_sample (${columns})
                SELECT ${columns} FROM (
                    SELECT ${COLUMNS}${withBucket ? `, ${BUCKET} AS bucket` : ''}
                      FROM published_communication p WHERE published_communication_sampled(p.communication_id)
                ) sampled${withBucket ? ' ORDER BY bucket' : ''};
                GET DIAGNOSTICS sampled = ROW_COUNT;
                RETURN sampled;
            END
            $$
        `);
  }
}
