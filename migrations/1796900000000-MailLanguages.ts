import { MigrationInterface, QueryRunner } from 'typeorm';

const SIX = `('ar', 'zh', 'en', 'fr', 'ru', 'es')`;

/**
 * E-mails in the six languages: a person's interface language, the language a State chose for the
 * e-mails to its focal points, and each State's name in Arabic, Chinese and Russian sentences (its
 * name in that language, after the preposition Arabic wants; Chinese and Russian sentences name it
 * as it is).
 */
export class MailLanguages1796900000000 implements MigrationInterface {
  name = 'MailLanguages1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "ck_app_user_language" CHECK (language IN ${SIX})`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP CONSTRAINT "ck_outbox_message_language"`);
    await queryRunner.query(
      `ALTER TABLE "outbox_message" ADD CONSTRAINT "ck_outbox_message_language" CHECK (language IN ${SIX})`,
    );
    await queryRunner.query(`ALTER TABLE "state" ADD "mail_language" text`);
    await queryRunner.query(
      `ALTER TABLE "state" ADD CONSTRAINT "ck_state_mail_language" CHECK (mail_language IN ${SIX})`,
    );
    await queryRunner.query(`
            UPDATE "state" SET "phrases" = "phrases"
                || jsonb_build_object('ar', jsonb_build_object('name', names->>'ar', 'to', 'إلى ' || (names->>'ar'), 'from', 'من ' || (names->>'ar')))
                || jsonb_build_object('zh', jsonb_build_object('name', names->>'zh', 'to', names->>'zh', 'from', names->>'zh'))
                || jsonb_build_object('ru', jsonb_build_object('name', names->>'ru', 'to', names->>'ru', 'from', names->>'ru'))
            WHERE "status" <> 'pseudo'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "state" SET "phrases" = "phrases" - 'ar' - 'zh' - 'ru'`);
    await queryRunner.query(`ALTER TABLE "state" DROP CONSTRAINT "ck_state_mail_language"`);
    await queryRunner.query(`ALTER TABLE "state" DROP COLUMN "mail_language"`);
    await queryRunner.query(`UPDATE "outbox_message" SET "language" = 'en' WHERE language NOT IN ('en', 'fr', 'es')`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP CONSTRAINT "ck_outbox_message_language"`);
    await queryRunner.query(
      `ALTER TABLE "outbox_message" ADD CONSTRAINT "ck_outbox_message_language" CHECK (language IN ('en', 'fr', 'es'))`,
    );
    await queryRunner.query(`UPDATE "app_user" SET "language" = 'en' WHERE language NOT IN ('en', 'fr', 'es')`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "ck_app_user_language"`);
  }
}
