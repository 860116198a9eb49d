import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `portal_letter_opening`: the first time the recipient State opened a sent letter, so that its inbox
 * can tell the letters not yet opened (one row per letter, written once).
 */
export class PortalLetterOpening1797000000000 implements MigrationInterface {
  name = 'PortalLetterOpening1797000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "portal_letter_opening" (
                "communication_id" uuid NOT NULL,
                "state_code" character(3) NOT NULL,
                "opened_by" uuid NOT NULL,
                "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "pk_portal_letter_opening" PRIMARY KEY ("communication_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "portal_letter_opening"
            ADD CONSTRAINT "fk_portal_letter_opening_letter" FOREIGN KEY ("communication_id") REFERENCES "communication"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "portal_letter_opening" DROP CONSTRAINT "fk_portal_letter_opening_letter"
        `);
    await queryRunner.query(`
            DROP TABLE "portal_letter_opening"
        `);
  }
}
