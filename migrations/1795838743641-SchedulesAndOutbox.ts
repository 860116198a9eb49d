import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The schedule engine (deadlines, reminders, publication dates) and the e-mail outbox.
 * Generated, then trimmed to these two tables.
 */

export class SchedulesAndOutbox1795838743641 implements MigrationInterface {
  name = 'SchedulesAndOutbox1795838743641';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "schedule" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" text NOT NULL,
                "subject_type" text NOT NULL,
                "subject_id" text NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "state" text NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "retry_at" TIMESTAMP WITH TIME ZONE,
                "payload" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "done_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_schedule_attempts" CHECK (attempts >= 0),
                CONSTRAINT "ck_schedule_done_at" CHECK ((state = 'pending') = (done_at IS NULL)),
                CONSTRAINT "ck_schedule_state" CHECK (
                    state IN ('pending', 'done', 'cancelled', 'failed')
                ),
                CONSTRAINT "pk_schedule" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_schedule_subject" ON "schedule" ("subject_type", "subject_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_schedule_failed" ON "schedule" ("done_at")
            WHERE state = 'failed'
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_schedule_pending_due" ON "schedule" ("due_at")
            WHERE state = 'pending'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_schedule_kind_subject_due" ON "schedule" ("kind", "subject_id", "due_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "outbox_message" (
                "id" uuid NOT NULL,
                "kind" text NOT NULL,
                "subject_type" text NOT NULL,
                "subject_id" text NOT NULL,
                "recipient_user_id" uuid,
                "recipient_address" text NOT NULL,
                "occasion" text NOT NULL DEFAULT '',
                "language" text NOT NULL,
                "template" text NOT NULL,
                "params" jsonb NOT NULL,
                "message_id" text NOT NULL,
                "state" text NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "lease_until" TIMESTAMP WITH TIME ZONE,
                "last_attempt_at" TIMESTAMP WITH TIME ZONE,
                "last_error" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_outbox_message_attempts" CHECK (attempts >= 0),
                CONSTRAINT "ck_outbox_message_lease" CHECK ((state = 'sending') = (lease_until IS NOT NULL)),
                CONSTRAINT "ck_outbox_message_sent_at" CHECK ((state = 'sent') = (sent_at IS NOT NULL)),
                CONSTRAINT "ck_outbox_message_language" CHECK (language IN ('en', 'fr', 'es')),
                CONSTRAINT "ck_outbox_message_state" CHECK (
                    state IN ('pending', 'sending', 'sent', 'failed')
                ),
                CONSTRAINT "pk_outbox_message" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_message_subject" ON "outbox_message" ("subject_type", "subject_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_message_failed" ON "outbox_message" ("last_attempt_at")
            WHERE state = 'failed'
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_message_sending" ON "outbox_message" ("lease_until")
            WHERE state = 'sending'
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_message_pending" ON "outbox_message" ("next_attempt_at")
            WHERE state = 'pending'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_outbox_message_key" ON "outbox_message" (
                "kind",
                "subject_type",
                "subject_id",
                "recipient_address",
                "occasion"
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_message"
            ADD CONSTRAINT "fk_outbox_message_recipient_user" FOREIGN KEY ("recipient_user_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "outbox_message" DROP CONSTRAINT "fk_outbox_message_recipient_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_outbox_message_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_message_pending"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_message_sending"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_message_failed"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_message_subject"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_message"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_schedule_kind_subject_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_schedule_pending_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_schedule_failed"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_schedule_subject"
        `);
    await queryRunner.query(`
            DROP TABLE "schedule"
        `);
  }
}
