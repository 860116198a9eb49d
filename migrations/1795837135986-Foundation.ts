import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reference data, accounts and the append-only audit log. */

export class Foundation1795837135986 implements MigrationInterface {
  name = 'Foundation1795837135986';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "state" (
                "code" character(3) NOT NULL,
                "name" text NOT NULL,
                "names" jsonb NOT NULL,
                "status" text NOT NULL,
                CONSTRAINT "PK_674a683ae959c1416104d17d20e" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "standing_invitation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "state_code" character(3) NOT NULL,
                "issued_on" date NOT NULL,
                "withdrawn_on" date,
                CONSTRAINT "PK_a11e6249918cd78c5dde0e53f67" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_standing_invitation_active" ON "standing_invitation" ("state_code")
            WHERE withdrawn_on IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "other_recipient" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "kind" text NOT NULL,
                "country_code" character(3),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0dfd7503844970bf9eb2d49579a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_other_recipient_name" ON "other_recipient" ("name")
        `);
    await queryRunner.query(`
            CREATE TABLE "mandate" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" text NOT NULL,
                "kind" text NOT NULL,
                "form" text NOT NULL,
                "title" text NOT NULL,
                "established" smallint NOT NULL,
                "country_code" character(3),
                "publish_legislation_at_once" boolean NOT NULL DEFAULT false,
                "ended_on" date,
                CONSTRAINT "ck_mandate_form" CHECK (form IN ('SR', 'IE', 'WG')),
                CONSTRAINT "ck_mandate_kind" CHECK (kind IN ('thematic', 'country')),
                CONSTRAINT "PK_f11237628fce1a841910382b6de" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_mandate_code" ON "mandate" ("code")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_event" (
                "seq" bigint NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_type" text NOT NULL,
                "actor_id" uuid,
                "actor_label" text NOT NULL,
                "action" text NOT NULL,
                "subject_type" text NOT NULL,
                "subject_id" text NOT NULL,
                "before" jsonb,
                "after" jsonb,
                "prev_hash" character(64),
                "hash" character(64) NOT NULL,
                CONSTRAINT "PK_53300da00860bdf4dc3ef7daae6" PRIMARY KEY ("seq")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_event_subject" ON "audit_event" ("subject_type", "subject_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "mandate_holder" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "user_id" uuid,
                CONSTRAINT "PK_030b3c2168a8d178ad795e2998d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mandate_holder_user" ON "mandate_holder" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "mandate_term" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "holder_id" uuid NOT NULL,
                "mandate_id" uuid NOT NULL,
                "number" smallint NOT NULL,
                "starts_on" date NOT NULL,
                "ends_on" date NOT NULL,
                "ended_on" date,
                CONSTRAINT "ck_mandate_term_dates" CHECK (ends_on > starts_on),
                CONSTRAINT "ck_mandate_term_number" CHECK (number IN (1, 2)),
                CONSTRAINT "PK_3119ad3db481e6f115f9ae61144" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mandate_term_mandate" ON "mandate_term" ("mandate_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_mandate_term_number" ON "mandate_term" ("holder_id", "mandate_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "app_user" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "username" text NOT NULL,
                "display_name" text NOT NULL,
                "email" text NOT NULL,
                "role" text NOT NULL,
                "state_code" character(3),
                "language" text NOT NULL DEFAULT 'en',
                "password_hash" text NOT NULL,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_app_user_role" CHECK (
                    role IN (
                        'assistant',
                        'mandate_holder',
                        'government',
                        'committee',
                        'admin'
                    )
                ),
                CONSTRAINT "ck_app_user_government_state" CHECK ((role = 'government') = (state_code IS NOT NULL)),
                CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_app_user_username" ON "app_user" ("username")
        `);
    await queryRunner.query(`
            CREATE TABLE "user_mandate" (
                "user_id" uuid NOT NULL,
                "mandate_id" uuid NOT NULL,
                CONSTRAINT "PK_46789b8e5dbf22c321160374fde" PRIMARY KEY ("user_id", "mandate_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_user_mandate_mandate" ON "user_mandate" ("mandate_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "session" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_session_user" ON "session" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_session_token_hash" ON "session" ("token_hash")
        `);
    await queryRunner.query(`
            ALTER TABLE "standing_invitation"
            ADD CONSTRAINT "fk_standing_invitation_state" FOREIGN KEY ("state_code") REFERENCES "state"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "other_recipient"
            ADD CONSTRAINT "fk_other_recipient_country" FOREIGN KEY ("country_code") REFERENCES "state"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "mandate"
            ADD CONSTRAINT "fk_mandate_country" FOREIGN KEY ("country_code") REFERENCES "state"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "mandate_term"
            ADD CONSTRAINT "fk_mandate_term_holder" FOREIGN KEY ("holder_id") REFERENCES "mandate_holder"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "mandate_term"
            ADD CONSTRAINT "fk_mandate_term_mandate" FOREIGN KEY ("mandate_id") REFERENCES "mandate"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "fk_app_user_state" FOREIGN KEY ("state_code") REFERENCES "state"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_mandate"
            ADD CONSTRAINT "fk_user_mandate_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_mandate"
            ADD CONSTRAINT "fk_user_mandate_mandate" FOREIGN KEY ("mandate_id") REFERENCES "mandate"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session"
            ADD CONSTRAINT "fk_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // The audit log is append-only: the database itself refuses to change or remove an event.
    await queryRunner.query(`
            CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event"
            FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_audit_event_no_truncate BEFORE TRUNCATE ON "audit_event"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tg_audit_event_no_truncate ON "audit_event"`);
    await queryRunner.query(`DROP TRIGGER tg_audit_event_no_update_delete ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_refuse_change()`);
    await queryRunner.query(`
            ALTER TABLE "session" DROP CONSTRAINT "fk_session_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_mandate" DROP CONSTRAINT "fk_user_mandate_mandate"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_mandate" DROP CONSTRAINT "fk_user_mandate_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_state"
        `);
    await queryRunner.query(`
            ALTER TABLE "mandate_term" DROP CONSTRAINT "fk_mandate_term_mandate"
        `);
    await queryRunner.query(`
            ALTER TABLE "mandate_term" DROP CONSTRAINT "fk_mandate_term_holder"
        `);
    await queryRunner.query(`
            ALTER TABLE "mandate" DROP CONSTRAINT "fk_mandate_country"
        `);
    await queryRunner.query(`
            ALTER TABLE "other_recipient" DROP CONSTRAINT "fk_other_recipient_country"
        `);
    await queryRunner.query(`
            ALTER TABLE "standing_invitation" DROP CONSTRAINT "fk_standing_invitation_state"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_session_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_session_user"
        `);
    await queryRunner.query(`
            DROP TABLE "session"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_user_mandate_mandate"
        `);
    await queryRunner.query(`
            DROP TABLE "user_mandate"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_app_user_username"
        `);
    await queryRunner.query(`
            DROP TABLE "app_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_mandate_term_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_mandate_term_mandate"
        `);
    await queryRunner.query(`
            DROP TABLE "mandate_term"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_mandate_holder_user"
        `);
    await queryRunner.query(`
            DROP TABLE "mandate_holder"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_event_subject"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_mandate_code"
        `);
    await queryRunner.query(`
            DROP TABLE "mandate"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_other_recipient_name"
        `);
    await queryRunner.query(`
            DROP TABLE "other_recipient"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_standing_invitation_active"
        `);
    await queryRunner.query(`
            DROP TABLE "standing_invitation"
        `);
    await queryRunner.query(`
            DROP TABLE "state"
        `);
  }
}
