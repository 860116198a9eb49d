import { MigrationInterface, QueryRunner } from 'typeorm';

/** Country visits (V1–V4): requests, their status changes (append-only), checklists and follow-ups. */

export class Visits1795838791210 implements MigrationInterface {
  name = 'Visits1795838791210';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "visit" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "mandate_id" uuid NOT NULL,
                "state_code" character(3) NOT NULL,
                "status" text NOT NULL,
                "requested_on" date NOT NULL,
                "requested_from" date,
                "requested_to" date,
                "purpose" text NOT NULL,
                "notes" text,
                "proposed_from" date,
                "proposed_to" date,
                "scheduled_from" date,
                "scheduled_to" date,
                "reminders_sent" integer NOT NULL DEFAULT '0',
                "end_of_mission_on" date,
                "report_symbol" text,
                "report_session" smallint,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_visit_reminders_sent" CHECK (reminders_sent >= 0),
                CONSTRAINT "ck_visit_report_session" CHECK (
                    report_session IS NULL
                    OR report_session BETWEEN 1 AND 999
                ),
                CONSTRAINT "ck_visit_report_symbol" CHECK (
                    report_symbol IS NULL
                    OR report_symbol ~ '^A/HRC/[1-9][0-9]{0,2}/[1-9][0-9]{0,3}(/Add\\.[1-9][0-9]{0,2})?$'
                ),
                CONSTRAINT "ck_visit_outcome_completed" CHECK (
                    status = 'completed'
                    OR (
                        end_of_mission_on IS NULL
                        AND report_symbol IS NULL
                        AND report_session IS NULL
                    )
                ),
                CONSTRAINT "ck_visit_scheduled_dates" CHECK (
                    status NOT IN ('scheduled', 'under_way', 'completed')
                    OR scheduled_from IS NOT NULL
                ),
                CONSTRAINT "ck_visit_scheduled_period" CHECK (
                    (scheduled_from IS NULL) = (scheduled_to IS NULL)
                    AND (
                        scheduled_to IS NULL
                        OR scheduled_from <= scheduled_to
                    )
                ),
                CONSTRAINT "ck_visit_proposed_period" CHECK (
                    (proposed_from IS NULL) = (proposed_to IS NULL)
                    AND (
                        proposed_to IS NULL
                        OR proposed_from <= proposed_to
                    )
                ),
                CONSTRAINT "ck_visit_requested_period_pair" CHECK (
                    (requested_from IS NULL) = (requested_to IS NULL)
                ),
                CONSTRAINT "ck_visit_requested_period" CHECK (
                    requested_to IS NULL
                    OR requested_from <= requested_to
                ),
                CONSTRAINT "ck_visit_status" CHECK (
                    status IN (
                        'requested',
                        'reminder_sent',
                        'acknowledged',
                        'accepted',
                        'dates_proposed',
                        'scheduled',
                        'under_way',
                        'completed',
                        'declined',
                        'postponed',
                        'cancelled',
                        'no_response'
                    )
                ),
                CONSTRAINT "pk_visit" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_visit_open_request" ON "visit" ("mandate_id", "state_code")
            WHERE status NOT IN ('completed', 'declined', 'cancelled')
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_visit_mandate" ON "visit" ("mandate_id", "requested_on")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_visit_state" ON "visit" ("state_code", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "visit_status_change" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "visit_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "from_status" text,
                "to_status" text NOT NULL,
                "move" text NOT NULL,
                "actor_role" text NOT NULL,
                "actor_id" uuid,
                "actor_label" text NOT NULL,
                "channel" text NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "received_on" date,
                "period_from" date,
                "period_to" date,
                "note" text,
                CONSTRAINT "ck_visit_status_change_period" CHECK (
                    (period_from IS NULL) = (period_to IS NULL)
                    AND (
                        period_to IS NULL
                        OR period_from <= period_to
                    )
                ),
                CONSTRAINT "ck_visit_status_change_channel" CHECK (
                    channel IN (
                        'portal',
                        'note_verbale',
                        'letter',
                        'meeting',
                        'email',
                        'other',
                        'internal',
                        'system'
                    )
                ),
                CONSTRAINT "ck_visit_status_change_move" CHECK (
                    move IN (
                        'request',
                        'remind',
                        'acknowledge',
                        'accept',
                        'invite',
                        'decline',
                        'propose_dates',
                        'schedule',
                        'start',
                        'complete',
                        'postpone',
                        'cancel',
                        'no_response'
                    )
                ),
                CONSTRAINT "ck_visit_status_change_from" CHECK (
                    from_status IS NULL
                    OR from_status IN (
                        'requested',
                        'reminder_sent',
                        'acknowledged',
                        'accepted',
                        'dates_proposed',
                        'scheduled',
                        'under_way',
                        'completed',
                        'declined',
                        'postponed',
                        'cancelled',
                        'no_response'
                    )
                ),
                CONSTRAINT "ck_visit_status_change_to" CHECK (
                    to_status IN (
                        'requested',
                        'reminder_sent',
                        'acknowledged',
                        'accepted',
                        'dates_proposed',
                        'scheduled',
                        'under_way',
                        'completed',
                        'declined',
                        'postponed',
                        'cancelled',
                        'no_response'
                    )
                ),
                CONSTRAINT "pk_visit_status_change" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_visit_status_change_seq" ON "visit_status_change" ("visit_id", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "visit_follow_up" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "visit_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "due_on" date NOT NULL,
                "note" text,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_visit_follow_up_kind" CHECK (kind IN ('report', 'visit')),
                CONSTRAINT "pk_visit_follow_up" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_visit_follow_up_visit" ON "visit_follow_up" ("visit_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "visit_assurance" (
                "visit_id" uuid NOT NULL,
                "item" text NOT NULL,
                "requested" boolean NOT NULL,
                "confirmed" boolean NOT NULL DEFAULT false,
                "note" text,
                CONSTRAINT "ck_visit_assurance_confirmed_requested" CHECK (
                    requested
                    OR NOT confirmed
                ),
                CONSTRAINT "ck_visit_assurance_item" CHECK (
                    item IN (
                        'freedom_of_movement',
                        'freedom_of_inquiry',
                        'confidential_contacts',
                        'no_reprisals',
                        'security'
                    )
                ),
                CONSTRAINT "pk_visit_assurance" PRIMARY KEY ("visit_id", "item")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "visit"
            ADD CONSTRAINT "fk_visit_mandate" FOREIGN KEY ("mandate_id") REFERENCES "mandate"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "visit"
            ADD CONSTRAINT "fk_visit_state" FOREIGN KEY ("state_code") REFERENCES "state"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "visit_status_change"
            ADD CONSTRAINT "fk_visit_status_change_visit" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "visit_follow_up"
            ADD CONSTRAINT "fk_visit_follow_up_visit" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "visit_assurance"
            ADD CONSTRAINT "fk_visit_assurance_visit" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    // The history of a visit request is a record: a status change is never changed nor removed.
    await queryRunner.query(`
            CREATE FUNCTION visit_status_change_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'visit_status_change is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_visit_status_change_no_update_delete BEFORE UPDATE OR DELETE ON "visit_status_change"
            FOR EACH ROW EXECUTE FUNCTION visit_status_change_refuse_change()
        `);
    await queryRunner.query(`
            CREATE TRIGGER tg_visit_status_change_no_truncate BEFORE TRUNCATE ON "visit_status_change"
            FOR EACH STATEMENT EXECUTE FUNCTION visit_status_change_refuse_change()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tg_visit_status_change_no_truncate ON "visit_status_change"`);
    await queryRunner.query(`DROP TRIGGER tg_visit_status_change_no_update_delete ON "visit_status_change"`);
    await queryRunner.query(`DROP FUNCTION visit_status_change_refuse_change()`);
    await queryRunner.query(`
            ALTER TABLE "visit_assurance" DROP CONSTRAINT "fk_visit_assurance_visit"
        `);
    await queryRunner.query(`
            ALTER TABLE "visit_follow_up" DROP CONSTRAINT "fk_visit_follow_up_visit"
        `);
    await queryRunner.query(`
            ALTER TABLE "visit_status_change" DROP CONSTRAINT "fk_visit_status_change_visit"
        `);
    await queryRunner.query(`
            ALTER TABLE "visit" DROP CONSTRAINT "fk_visit_state"
        `);
    await queryRunner.query(`
            ALTER TABLE "visit" DROP CONSTRAINT "fk_visit_mandate"
        `);
    await queryRunner.query(`
            DROP TABLE "visit_assurance"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_visit_follow_up_visit"
        `);
    await queryRunner.query(`
            DROP TABLE "visit_follow_up"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_visit_status_change_seq"
        `);
    await queryRunner.query(`
            DROP TABLE "visit_status_change"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_visit_state"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_visit_mandate"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_visit_open_request"
        `);
    await queryRunner.query(`
            DROP TABLE "visit"
        `);
  }
}
