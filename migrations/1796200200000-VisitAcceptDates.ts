import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * V1: a State may accept the dates the mandate proposed; the move `accept_dates` schedules the visit
 * with them. The status-change log's list of moves gains it.
 */
const MOVES = [
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
  'no_response',
];

const check = (moves: string[]) => `move IN (${moves.map((move) => `'${move}'`).join(', ')})`;

export class VisitAcceptDates1796200200000 implements MigrationInterface {
  name = 'VisitAcceptDates1796200200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const moves = [...MOVES.slice(0, 7), 'accept_dates', ...MOVES.slice(7)];
    await queryRunner.query(`ALTER TABLE "visit_status_change" DROP CONSTRAINT "ck_visit_status_change_move"`);
    await queryRunner.query(
      `ALTER TABLE "visit_status_change" ADD CONSTRAINT "ck_visit_status_change_move" CHECK (${check(moves)})`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "visit_status_change" DROP CONSTRAINT "ck_visit_status_change_move"`);
    await queryRunner.query(
      `ALTER TABLE "visit_status_change" ADD CONSTRAINT "ck_visit_status_change_move" CHECK (${check(MOVES)})`,
    );
  }
}
