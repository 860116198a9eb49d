import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `reply_reading`: when a person first read a reply to a letter (its letter page), so that the
 * assistant's home can list the replies they have not read yet. One row per reply and person, written
 * once. libs/replies scopes that list to the person's mandates through `communications_letter_mandate`.
 */
export class ReplyReading1797550000000 implements MigrationInterface {
  name = 'ReplyReading1797550000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reply_reading" (
                "reply_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "read_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "pk_reply_reading" PRIMARY KEY ("reply_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reply_reading_user" ON "reply_reading" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "reply_reading"
            ADD CONSTRAINT "fk_reply_reading_reply" FOREIGN KEY ("reply_id") REFERENCES "reply"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reply_reading"
            ADD CONSTRAINT "fk_reply_reading_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "reply_reading" DROP CONSTRAINT "fk_reply_reading_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "reply_reading" DROP CONSTRAINT "fk_reply_reading_reply"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_reply_reading_user"
        `);
    await queryRunner.query(`
            DROP TABLE "reply_reading"
        `);
  }
}
