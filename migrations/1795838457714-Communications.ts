import { MigrationInterface, QueryRunner } from 'typeorm';

/** Letters, their immutable versions, co-signing, follow-ups and the reference counters (C5–C7). */

export class Communications1795838457714 implements MigrationInterface {
  name = 'Communications1795838457714';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reference_counter" (
                "code" character(3) NOT NULL,
                "year" smallint NOT NULL,
                "last_number" integer NOT NULL,
                CONSTRAINT "ck_reference_counter_positive" CHECK (last_number >= 0),
                CONSTRAINT "PK_c24420c8bf2ff6ccd269cde3627" PRIMARY KEY ("code", "year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "communication" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "type" text NOT NULL,
                "legacy_type" text,
                "status" text NOT NULL DEFAULT 'draft',
                "revision" integer NOT NULL DEFAULT '1',
                "lead_mandate_id" uuid NOT NULL,
                "recipient_code" character(3) NOT NULL,
                "other_recipient_id" uuid,
                "co_recipient_codes" character(3) array NOT NULL DEFAULT '{}',
                "language" text NOT NULL,
                "subject" text NOT NULL,
                "themes" text array NOT NULL DEFAULT '{}',
                "reprisal" boolean NOT NULL DEFAULT false,
                "reprisal_consent" jsonb,
                "current_version" integer NOT NULL DEFAULT '1',
                "group_id" uuid,
                "reference" text,
                "ref_code" character(3),
                "ref_number" integer,
                "ref_year" smallint,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "sent_on" date,
                "reply_requested_by" date,
                "public_from" date,
                "legacy" boolean NOT NULL DEFAULT false,
                "internal_notes" text NOT NULL DEFAULT '',
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_communication_reprisal_consent" CHECK (
                    NOT reprisal
                    OR reprisal_consent IS NOT NULL
                ),
                CONSTRAINT "ck_communication_sent_has_reference" CHECK (
                    (status = 'sent') = (
                        reference IS NOT NULL
                        AND sent_on IS NOT NULL
                    )
                ),
                CONSTRAINT "ck_communication_status" CHECK (status IN ('draft', 'sent', 'abandoned')),
                CONSTRAINT "ck_communication_type" CHECK (
                    type IN ('UA', 'AL', 'OL')
                    OR legacy_type IS NOT NULL
                ),
                CONSTRAINT "PK_392407b9e9100bee1a64e26cd5d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_communication_group" ON "communication" ("group_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_communication_recipient_sent" ON "communication" ("recipient_code", "sent_on")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_communication_reference" ON "communication" ("reference")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_communication_reference_key" ON "communication" ("ref_code", "ref_year", "ref_number")
        `);
    await queryRunner.query(`
            CREATE TABLE "communication_version" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "communication_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "content" jsonb NOT NULL,
                "content_hash" character(64) NOT NULL,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_6cc1aaef1054da5cb66994a18d2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_communication_version_number" ON "communication_version" ("communication_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "communication_mandate" (
                "communication_id" uuid NOT NULL,
                "mandate_id" uuid NOT NULL,
                "participation" text NOT NULL,
                "invited_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "sign_on_deadline" TIMESTAMP WITH TIME ZONE,
                "left_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_communication_mandate_participation" CHECK (
                    participation IN ('lead', 'invited', 'declined', 'dropped')
                ),
                CONSTRAINT "PK_bfa158973f618edb3a4f9140dc0" PRIMARY KEY ("communication_id", "mandate_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_communication_mandate_mandate" ON "communication_mandate" ("mandate_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "communication_follow_up" (
                "communication_id" uuid NOT NULL,
                "follows_up_id" uuid NOT NULL,
                CONSTRAINT "ck_communication_follow_up_not_self" CHECK (communication_id <> follows_up_id),
                CONSTRAINT "PK_c1de60dba5db8cb5ed3c6395218" PRIMARY KEY ("communication_id", "follows_up_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_communication_follow_up_earlier" ON "communication_follow_up" ("follows_up_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "communication_approval" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "communication_id" uuid NOT NULL,
                "version_id" uuid NOT NULL,
                "mandate_id" uuid NOT NULL,
                "decision" text NOT NULL,
                "decided_by" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "note" text,
                CONSTRAINT "ck_communication_approval_decision" CHECK (decision IN ('approve', 'decline')),
                CONSTRAINT "PK_9c61ec67e8ebfa03bedc24dec20" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_communication_approval_communication" ON "communication_approval" ("communication_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_communication_approval_mandate_version" ON "communication_approval" ("version_id", "mandate_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "communication"
            ADD CONSTRAINT "fk_communication_lead_mandate" FOREIGN KEY ("lead_mandate_id") REFERENCES "mandate"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "communication"
            ADD CONSTRAINT "fk_communication_recipient_state" FOREIGN KEY ("recipient_code") REFERENCES "state"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "communication"
            ADD CONSTRAINT "fk_communication_other_recipient" FOREIGN KEY ("other_recipient_id") REFERENCES "other_recipient"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_version"
            ADD CONSTRAINT "fk_communication_version_communication" FOREIGN KEY ("communication_id") REFERENCES "communication"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_mandate"
            ADD CONSTRAINT "fk_communication_mandate_communication" FOREIGN KEY ("communication_id") REFERENCES "communication"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_mandate"
            ADD CONSTRAINT "fk_communication_mandate_mandate" FOREIGN KEY ("mandate_id") REFERENCES "mandate"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_follow_up"
            ADD CONSTRAINT "fk_communication_follow_up_letter" FOREIGN KEY ("communication_id") REFERENCES "communication"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_follow_up"
            ADD CONSTRAINT "fk_communication_follow_up_earlier" FOREIGN KEY ("follows_up_id") REFERENCES "communication"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_approval"
            ADD CONSTRAINT "fk_communication_approval_communication" FOREIGN KEY ("communication_id") REFERENCES "communication"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_approval"
            ADD CONSTRAINT "fk_communication_approval_version" FOREIGN KEY ("version_id") REFERENCES "communication_version"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_approval"
            ADD CONSTRAINT "fk_communication_approval_mandate" FOREIGN KEY ("mandate_id") REFERENCES "mandate"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    // A version of a letter is immutable: the database refuses to change or remove one.
    await queryRunner.query(`
            CREATE FUNCTION communication_version_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'communication_version is immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_communication_version_immutable BEFORE UPDATE OR DELETE ON "communication_version"
            FOR EACH ROW EXECUTE FUNCTION communication_version_refuse_change()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tg_communication_version_immutable ON "communication_version"`);
    await queryRunner.query(`DROP FUNCTION communication_version_refuse_change()`);
    await queryRunner.query(`
            ALTER TABLE "communication_approval" DROP CONSTRAINT "fk_communication_approval_mandate"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_approval" DROP CONSTRAINT "fk_communication_approval_version"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_approval" DROP CONSTRAINT "fk_communication_approval_communication"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_follow_up" DROP CONSTRAINT "fk_communication_follow_up_earlier"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_follow_up" DROP CONSTRAINT "fk_communication_follow_up_letter"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_mandate" DROP CONSTRAINT "fk_communication_mandate_mandate"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_mandate" DROP CONSTRAINT "fk_communication_mandate_communication"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_version" DROP CONSTRAINT "fk_communication_version_communication"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication" DROP CONSTRAINT "fk_communication_other_recipient"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication" DROP CONSTRAINT "fk_communication_recipient_state"
        `);
    await queryRunner.query(`
            ALTER TABLE "communication" DROP CONSTRAINT "fk_communication_lead_mandate"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_communication_approval_mandate_version"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_communication_approval_communication"
        `);
    await queryRunner.query(`
            DROP TABLE "communication_approval"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_communication_follow_up_earlier"
        `);
    await queryRunner.query(`
            DROP TABLE "communication_follow_up"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_communication_mandate_mandate"
        `);
    await queryRunner.query(`
            DROP TABLE "communication_mandate"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_communication_version_number"
        `);
    await queryRunner.query(`
            DROP TABLE "communication_version"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_communication_reference_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_communication_reference"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_communication_recipient_sent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_communication_group"
        `);
    await queryRunner.query(`
            DROP TABLE "communication"
        `);
    await queryRunner.query(`
            DROP TABLE "reference_counter"
        `);
  }
}
