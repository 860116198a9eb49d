import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The published projection keeps the id of a letter's other recipient: every other recipient shares the
 * pseudo-code (OTH), so the public search's recipient facet and filter tell them apart by this id.
 * Letters already published get theirs from the letter.
 */
export class PublishedOtherRecipient1796200100000 implements MigrationInterface {
  name = 'PublishedOtherRecipient1796200100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "published_communication"
            ADD "other_recipient_id" uuid
        `);
    await queryRunner.query(`
            UPDATE "published_communication" p SET "other_recipient_id" = c."other_recipient_id"
              FROM "communication" c
             WHERE c."id" = p."communication_id" AND c."other_recipient_id" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_published_communication_other_recipient_sent" ON "published_communication" ("other_recipient_id", "sent_on")
            WHERE other_recipient_id IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_published_communication_other_recipient_sent"
        `);
    await queryRunner.query(`
            ALTER TABLE "published_communication" DROP COLUMN "other_recipient_id"
        `);
  }
}
