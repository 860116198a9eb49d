import { MigrationInterface, QueryRunner } from 'typeorm';

/** The overdue mark of a letter (C9), and the foreign key from submissions to the letters drafted from them. */

export class LetterDeadlines1795839079069 implements MigrationInterface {
  name = 'LetterDeadlines1795839079069';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "communication"
            ADD "overdue_marked_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "submission_communication"
            ADD CONSTRAINT "fk_submission_communication_communication" FOREIGN KEY ("communication_id") REFERENCES "communication"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "submission_communication" DROP CONSTRAINT "fk_submission_communication_communication"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication" DROP COLUMN "overdue_marked_at"
        `);
  }
}
