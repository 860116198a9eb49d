import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each State's name inside an English, French and Spanish sentence (filled by the reference seed). */
export class StatePhrases1796200700000 implements MigrationInterface {
  name = 'StatePhrases1796200700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "state" ADD "phrases" jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "state" DROP COLUMN "phrases"`);
  }
}
