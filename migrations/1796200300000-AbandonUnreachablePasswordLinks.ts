import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - `communication.recipient_unreachable`: set at transmission when no e-mail could reach the recipient
 *   (no active focal point of the State, or a non-State recipient);
 * - `communication.abandoned_at` and `abandon_reason`: a draft abandoned by an assistant stays in the
 *   record with its reason (a CHECK ties them to the `abandoned` status);
 * - `password_link`: one-time links that let a user set their password, stored as the SHA-256 of
 *   their token.
 */
export class AbandonUnreachablePasswordLinks1796200300000 implements MigrationInterface {
  name = 'AbandonUnreachablePasswordLinks1796200300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "password_link" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "purpose" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_password_link_purpose" CHECK (purpose IN ('setup', 'reset')),
                CONSTRAINT "pk_password_link" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_password_link_user" ON "password_link" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_password_link_token_hash" ON "password_link" ("token_hash")
        `);
    await queryRunner.query(`
            ALTER TABLE "communication"
            ADD "recipient_unreachable" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "communication"
            ADD "abandoned_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "communication"
            ADD "abandon_reason" text
        `);
    await queryRunner.query(`
            ALTER TABLE "communication"
            ADD CONSTRAINT "ck_communication_abandoned" CHECK (
                    (status = 'abandoned') = (
                        abandoned_at IS NOT NULL
                        AND abandon_reason IS NOT NULL
                    )
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "password_link"
            ADD CONSTRAINT "fk_password_link_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "password_link" DROP CONSTRAINT "fk_password_link_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication" DROP CONSTRAINT "ck_communication_abandoned"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication" DROP COLUMN "abandon_reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication" DROP COLUMN "abandoned_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication" DROP COLUMN "recipient_unreachable"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_password_link_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_password_link_user"
        `);
    await queryRunner.query(`
            DROP TABLE "password_link"
        `);
  }
}
