import { MigrationInterface, QueryRunner } from 'typeorm';

/** Intake: submissions from sources, their (confidential) source, mandates, screening criteria and links to letters. */

export class Submissions1795838610137 implements MigrationInterface {
  name = 'Submissions1795838610137';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "submission" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "receipt_code" text NOT NULL,
                "channel" text NOT NULL,
                "status" text NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status_changed_at" TIMESTAMP WITH TIME ZONE,
                "state_code" character(3),
                "other_recipient" text,
                "victims" jsonb NOT NULL,
                "law_or_policy" text,
                "perpetrators" jsonb NOT NULL,
                "occurred_from" date NOT NULL,
                "occurred_to" date,
                "place" text NOT NULL,
                "description" text NOT NULL,
                "domestic_remedies" text,
                "remedies_exhausted" boolean,
                "confidential_fields" text array NOT NULL,
                "inadmissible_grounds" text array NOT NULL,
                "rejection_reason" text,
                CONSTRAINT "ck_submission_grounds" CHECK (
                    (status = 'inadmissible') = (cardinality(inadmissible_grounds) > 0)
                ),
                CONSTRAINT "ck_submission_rejection" CHECK (
                    (status = 'rejected') = (rejection_reason IS NOT NULL)
                ),
                CONSTRAINT "ck_submission_confidential_fields" CHECK (
                    confidential_fields <@ ARRAY ['victimNames', 'victims', 'lawOrPolicy', 'perpetrators', 'dates', 'place', 'description', 'domesticRemedies']::text []
                ),
                CONSTRAINT "ck_submission_description" CHECK (
                    char_length(description) BETWEEN 50 AND 50000
                ),
                CONSTRAINT "ck_submission_dates" CHECK (
                    occurred_to IS NULL
                    OR occurred_to >= occurred_from
                ),
                CONSTRAINT "ck_submission_perpetrators" CHECK (
                    jsonb_typeof(perpetrators) = 'array'
                    AND jsonb_array_length(perpetrators) BETWEEN 1 AND 50
                ),
                CONSTRAINT "ck_submission_victims" CHECK (
                    jsonb_typeof(victims) = 'array'
                    AND jsonb_array_length(victims) <= 200
                    AND (
                        jsonb_array_length(victims) > 0
                        OR law_or_policy IS NOT NULL
                    )
                ),
                CONSTRAINT "ck_submission_recipient" CHECK (
                    state_code IS NOT NULL
                    OR other_recipient IS NOT NULL
                ),
                CONSTRAINT "ck_submission_channel" CHECK (
                    channel IN ('online', 'email', 'letter', 'meeting', 'other')
                ),
                CONSTRAINT "ck_submission_status" CHECK (
                    status IN (
                        'received',
                        'screened',
                        'inadmissible',
                        'rejected'
                    )
                ),
                CONSTRAINT "pk_submission" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_submission_status" ON "submission" ("status")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_submission_received" ON "submission" ("received_at", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_submission_receipt_code" ON "submission" ("receipt_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "submission_source" (
                "submission_id" uuid NOT NULL,
                "name" text NOT NULL,
                "organisation" text,
                "email" text,
                "phone" text,
                "relation" text NOT NULL,
                CONSTRAINT "ck_submission_source_contact" CHECK (
                    email IS NOT NULL
                    OR phone IS NOT NULL
                ),
                CONSTRAINT "ck_submission_source_name" CHECK (btrim(name) <> ''),
                CONSTRAINT "ck_submission_source_relation" CHECK (
                    relation IN (
                        'victim',
                        'family',
                        'representative',
                        'witness',
                        'organisation',
                        'other'
                    )
                ),
                CONSTRAINT "pk_submission_source" PRIMARY KEY ("submission_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "submission_mandate" (
                "submission_id" uuid NOT NULL,
                "mandate_id" uuid NOT NULL,
                CONSTRAINT "pk_submission_mandate" PRIMARY KEY ("submission_id", "mandate_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_submission_mandate_mandate" ON "submission_mandate" ("mandate_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "submission_criterion" (
                "submission_id" uuid NOT NULL,
                "criterion" text NOT NULL,
                "passed" boolean NOT NULL,
                "note" text,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_submission_criterion_name" CHECK (
                    criterion IN (
                        'not_manifestly_unfounded',
                        'factual_description',
                        'no_abusive_language',
                        'reliable_source',
                        'not_only_media_reports'
                    )
                ),
                CONSTRAINT "pk_submission_criterion" PRIMARY KEY ("submission_id", "criterion")
            )
        `);
    // communication_id gets its foreign key to communication with the communications migration.
    await queryRunner.query(`
            CREATE TABLE "submission_communication" (
                "submission_id" uuid NOT NULL,
                "communication_id" uuid NOT NULL,
                "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "pk_submission_communication" PRIMARY KEY ("submission_id", "communication_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_submission_communication_communication" ON "submission_communication" ("communication_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "submission"
            ADD CONSTRAINT "fk_submission_state" FOREIGN KEY ("state_code") REFERENCES "state"("code") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "submission_source"
            ADD CONSTRAINT "fk_submission_source_submission" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "submission_mandate"
            ADD CONSTRAINT "fk_submission_mandate_submission" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "submission_mandate"
            ADD CONSTRAINT "fk_submission_mandate_mandate" FOREIGN KEY ("mandate_id") REFERENCES "mandate"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "submission_criterion"
            ADD CONSTRAINT "fk_submission_criterion_submission" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "submission_communication"
            ADD CONSTRAINT "fk_submission_communication_submission" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "submission_communication" DROP CONSTRAINT "fk_submission_communication_submission"
        `);
    await queryRunner.query(`
            ALTER TABLE "submission_criterion" DROP CONSTRAINT "fk_submission_criterion_submission"
        `);
    await queryRunner.query(`
            ALTER TABLE "submission_mandate" DROP CONSTRAINT "fk_submission_mandate_mandate"
        `);
    await queryRunner.query(`
            ALTER TABLE "submission_mandate" DROP CONSTRAINT "fk_submission_mandate_submission"
        `);
    await queryRunner.query(`
            ALTER TABLE "submission_source" DROP CONSTRAINT "fk_submission_source_submission"
        `);
    await queryRunner.query(`
            ALTER TABLE "submission" DROP CONSTRAINT "fk_submission_state"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_submission_communication_communication"
        `);
    await queryRunner.query(`
            DROP TABLE "submission_communication"
        `);
    await queryRunner.query(`
            DROP TABLE "submission_criterion"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_submission_mandate_mandate"
        `);
    await queryRunner.query(`
            DROP TABLE "submission_mandate"
        `);
    await queryRunner.query(`
            DROP TABLE "submission_source"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_submission_receipt_code"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_submission_received"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_submission_status"
        `);
    await queryRunner.query(`
            DROP TABLE "submission"
        `);
  }
}
