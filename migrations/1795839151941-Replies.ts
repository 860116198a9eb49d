import { MigrationInterface, QueryRunner } from 'typeorm';

/** Replies to letters, their attachments and the idempotency keys of their submissions (C10, C12). */

export class Replies1795839151941 implements MigrationInterface {
  name = 'Replies1795839151941';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reply" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "communication_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "receipt_code" text NOT NULL,
                "received_on" date NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE,
                "language" text NOT NULL,
                "text" text,
                "confidential" boolean NOT NULL DEFAULT false,
                "channel" text NOT NULL,
                "recorded_by" uuid,
                "requested_by" date,
                "on_time" boolean,
                "corrects_reply_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_reply_on_time" CHECK (
                    (
                        requested_by IS NULL
                        AND on_time IS NULL
                    )
                    OR on_time = (received_on <= requested_by)
                ),
                CONSTRAINT "ck_reply_text_not_blank" CHECK (
                    text IS NULL
                    OR btrim(text) <> ''
                ),
                CONSTRAINT "ck_reply_portal_received_at" CHECK (
                    channel <> 'portal'
                    OR (
                        received_at IS NOT NULL
                        AND recorded_by IS NOT NULL
                    )
                ),
                CONSTRAINT "ck_reply_not_self_correction" CHECK (
                    corrects_reply_id IS NULL
                    OR corrects_reply_id <> id
                ),
                CONSTRAINT "ck_reply_number" CHECK (number >= 1),
                CONSTRAINT "ck_reply_channel" CHECK (
                    channel IN (
                        'portal',
                        'note_verbale',
                        'email',
                        'letter',
                        'other'
                    )
                ),
                CONSTRAINT "ck_reply_language" CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
                CONSTRAINT "PK_94fa9017051b40a71e000a2aff9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reply_received_on" ON "reply" ("received_on")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reply_corrects" ON "reply" ("corrects_reply_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_reply_receipt_code" ON "reply" ("receipt_code")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_reply_communication_number" ON "reply" ("communication_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "reply_idempotency_key" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "key" text NOT NULL,
                "request_hash" character(64) NOT NULL,
                "reply_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_reply_idempotency_key_length" CHECK (
                    char_length(key) BETWEEN 1 AND 200
                ),
                CONSTRAINT "PK_7ba39183c61fe6840d9c00f0fb1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reply_idempotency_key_reply" ON "reply_idempotency_key" ("reply_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_reply_idempotency_key_user_key" ON "reply_idempotency_key" ("user_id", "key")
        `);
    await queryRunner.query(`
            CREATE TABLE "reply_attachment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "reply_id" uuid NOT NULL,
                "position" smallint NOT NULL,
                "file_name" text NOT NULL,
                "media_type" text NOT NULL,
                "size" bigint NOT NULL,
                "sha256" character(64) NOT NULL,
                "storage_key" text NOT NULL,
                CONSTRAINT "ck_reply_attachment_sha256" CHECK (sha256 ~ '^[0-9a-f]{64}$'),
                CONSTRAINT "ck_reply_attachment_size" CHECK (size > 0),
                CONSTRAINT "ck_reply_attachment_media_type" CHECK (
                    media_type IN (
                        'application/pdf',
                        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                        'image/png',
                        'image/jpeg'
                    )
                ),
                CONSTRAINT "PK_1566682e18f2ba954785331f573" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reply_attachment_reply" ON "reply_attachment" ("reply_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reply_attachment_storage_key" ON "reply_attachment" ("storage_key")
        `);
    await queryRunner.query(`
            ALTER TABLE "reply"
            ADD CONSTRAINT "fk_reply_communication" FOREIGN KEY ("communication_id") REFERENCES "communication"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reply"
            ADD CONSTRAINT "fk_reply_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reply"
            ADD CONSTRAINT "fk_reply_corrects" FOREIGN KEY ("corrects_reply_id") REFERENCES "reply"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reply_idempotency_key"
            ADD CONSTRAINT "fk_reply_idempotency_key_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reply_idempotency_key"
            ADD CONSTRAINT "fk_reply_idempotency_key_reply" FOREIGN KEY ("reply_id") REFERENCES "reply"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reply_attachment"
            ADD CONSTRAINT "fk_reply_attachment_reply" FOREIGN KEY ("reply_id") REFERENCES "reply"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    // C10: nothing is ever overwritten. A reply and its attachments cannot be changed or removed.
    await queryRunner.query(`
            CREATE FUNCTION reply_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is immutable: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_reply_immutable BEFORE UPDATE OR DELETE ON "reply"
            FOR EACH ROW EXECUTE FUNCTION reply_refuse_change()
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_reply_attachment_immutable BEFORE UPDATE OR DELETE ON "reply_attachment"
            FOR EACH ROW EXECUTE FUNCTION reply_refuse_change()
        `);
    // A reply answers a sent letter, is not received before it was sent, and corrects only a reply
    // to the same letter.
    await queryRunner.query(`
            CREATE FUNCTION reply_check_letter() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                letter_status text;
                letter_sent_on date;
            BEGIN
                SELECT status, sent_on INTO letter_status, letter_sent_on FROM communication WHERE id = NEW.communication_id;
                IF letter_status IS DISTINCT FROM 'sent' THEN
                    RAISE EXCEPTION 'reply to letter % which is not sent', NEW.communication_id USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_reply_letter_sent';
                END IF;
                IF NEW.received_on < letter_sent_on THEN
                    RAISE EXCEPTION 'reply received on % before the letter was sent on %', NEW.received_on, letter_sent_on USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_reply_after_sending';
                END IF;
                IF NEW.corrects_reply_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM reply WHERE id = NEW.corrects_reply_id AND communication_id = NEW.communication_id) THEN
                    RAISE EXCEPTION 'reply % corrects a reply to another letter', NEW.id USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_reply_corrects_same_letter';
                END IF;
                RETURN NEW;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_reply_check_letter BEFORE INSERT ON "reply"
            FOR EACH ROW EXECUTE FUNCTION reply_check_letter()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tg_reply_check_letter ON "reply"`);
    await queryRunner.query(`DROP FUNCTION reply_check_letter()`);
    await queryRunner.query(`DROP TRIGGER tg_reply_attachment_immutable ON "reply_attachment"`);
    await queryRunner.query(`DROP TRIGGER tg_reply_immutable ON "reply"`);
    await queryRunner.query(`DROP FUNCTION reply_refuse_change()`);
    await queryRunner.query(`
            ALTER TABLE "reply_attachment" DROP CONSTRAINT "fk_reply_attachment_reply"
        `);
    await queryRunner.query(`
            ALTER TABLE "reply_idempotency_key" DROP CONSTRAINT "fk_reply_idempotency_key_reply"
        `);
    await queryRunner.query(`
            ALTER TABLE "reply_idempotency_key" DROP CONSTRAINT "fk_reply_idempotency_key_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "reply" DROP CONSTRAINT "fk_reply_corrects"
        `);
    await queryRunner.query(`
            ALTER TABLE "reply" DROP CONSTRAINT "fk_reply_recorded_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "reply" DROP CONSTRAINT "fk_reply_communication"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_reply_attachment_storage_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_reply_attachment_reply"
        `);
    await queryRunner.query(`
            DROP TABLE "reply_attachment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_reply_idempotency_key_user_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_reply_idempotency_key_reply"
        `);
    await queryRunner.query(`
            DROP TABLE "reply_idempotency_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_reply_communication_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_reply_receipt_code"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_reply_corrects"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_reply_received_on"
        `);
    await queryRunner.query(`
            DROP TABLE "reply"
        `);
  }
}
