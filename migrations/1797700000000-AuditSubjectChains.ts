import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log as one hash chain per subject, anchored into one global chain.
 *
 * - `audit_event.subject_seq`: the event's place in its subject's chain (1, 2, 3 … per subject,
 *   unique); NULL for the events written before, which stay verified as the one global chain they
 *   formed. `seq` now comes from `audit_event_seq_seq`: ascending in time, with gaps where a
 *   transaction rolled back (the order that counts is each subject's).
 * - `audit_subject_head`: each subject's last event (its place, hash and content digest), updated by
 *   the append in the same statement as the insert, so that the row lock orders the appends to one
 *   subject and nothing orders the appends to different subjects; `anchored_seq` is how far the
 *   anchor chain has sealed it.
 * - `audit_anchor` and `audit_anchor_head`: the global anchor chain, each anchor hash-linked to the one
 *   before and listing the subjects' heads it seals. Both append-only, like `audit_event`.
 */
export class AuditSubjectChains1797700000000 implements MigrationInterface {
  name = 'AuditSubjectChains1797700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "audit_event" ADD "subject_seq" bigint
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_event_subject"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ux_audit_event_subject_seq" ON "audit_event" ("subject_type", "subject_id", "subject_seq")
        `);
    await queryRunner.query(`
            CREATE SEQUENCE "audit_event_seq_seq" AS bigint OWNED BY "audit_event"."seq"
        `);
    await queryRunner.query(`
            SELECT setval('"audit_event_seq_seq"', COALESCE((SELECT max(seq) FROM audit_event), 0) + 1, false)
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_subject_head" (
                "subject_type" text NOT NULL,
                "subject_id" text NOT NULL,
                "seq" bigint NOT NULL,
                "prev_hash" character(64),
                "hash" character(64) NOT NULL,
                "last_content" character(64) NOT NULL,
                "anchored_seq" bigint NOT NULL DEFAULT '0',
                CONSTRAINT "pk_audit_subject_head" PRIMARY KEY ("subject_type", "subject_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_anchor" (
                "seq" bigint NOT NULL,
                "anchored_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "heads" integer NOT NULL,
                "heads_digest" character(64) NOT NULL,
                "prev_hash" character(64),
                "hash" character(64) NOT NULL,
                CONSTRAINT "pk_audit_anchor" PRIMARY KEY ("seq")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_anchor_head" (
                "anchor_seq" bigint NOT NULL,
                "subject_type" text NOT NULL,
                "subject_id" text NOT NULL,
                "seq" bigint NOT NULL,
                "hash" character(64) NOT NULL,
                CONSTRAINT "pk_audit_anchor_head" PRIMARY KEY ("anchor_seq", "subject_type", "subject_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_anchor_head"
            ADD CONSTRAINT "fk_audit_anchor_head_anchor" FOREIGN KEY ("anchor_seq") REFERENCES "audit_anchor"("seq") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE FUNCTION audit_anchor_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    for (const table of ['audit_anchor', 'audit_anchor_head']) {
      await queryRunner.query(`
            CREATE TRIGGER tg_${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}"
            FOR EACH ROW EXECUTE FUNCTION audit_anchor_refuse_change()
        `);
      await queryRunner.query(`
            CREATE TRIGGER tg_${table}_no_truncate BEFORE TRUNCATE ON "${table}"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_anchor_refuse_change()
        `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_anchor_head"`);
    await queryRunner.query(`DROP TABLE "audit_anchor"`);
    await queryRunner.query(`DROP FUNCTION audit_anchor_refuse_change()`);
    await queryRunner.query(`DROP TABLE "audit_subject_head"`);
    await queryRunner.query(`DROP SEQUENCE "audit_event_seq_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ux_audit_event_subject_seq"`);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_event_subject" ON "audit_event" ("subject_type", "subject_id")
        `);
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "subject_seq"`);
  }
}
