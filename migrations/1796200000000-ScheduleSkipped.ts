import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A schedule row whose handler found nothing true left to do (a recipient's reminder run after its day)
 * is `skipped`, no longer `done`: the letter's schedules show that nothing was sent.
 */
export class ScheduleSkipped1796200000000 implements MigrationInterface {
  name = 'ScheduleSkipped1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "schedule" DROP CONSTRAINT "ck_schedule_state"`);
    await queryRunner.query(
      `ALTER TABLE "schedule" ADD CONSTRAINT "ck_schedule_state" CHECK (state IN ('pending', 'done', 'skipped', 'cancelled', 'failed'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "schedule" SET "state" = 'done' WHERE "state" = 'skipped'`);
    await queryRunner.query(`ALTER TABLE "schedule" DROP CONSTRAINT "ck_schedule_state"`);
    await queryRunner.query(
      `ALTER TABLE "schedule" ADD CONSTRAINT "ck_schedule_state" CHECK (state IN ('pending', 'done', 'cancelled', 'failed'))`,
    );
  }
}
