import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Views through which a library reads another library's tables. Each view belongs to the library its
 * name starts with (`reference_…` to libs/reference, `communications_…` to libs/communications,
 * `replies_…` to libs/replies): the owner keeps it working when its tables change, and other
 * libraries' SQL names the view, never the table (checked by `npm run lint:tables`). They are plain
 * views over one table each, so PostgreSQL inlines them into the reading query.
 */
const VIEWS: ReadonlyArray<{ name: string; sql: string; comment: string }> = [
  {
    name: 'reference_state',
    sql: `SELECT code, name FROM state`,
    comment: 'Owned by libs/reference: each State (or pseudo-recipient) code with its English name.',
  },
  {
    name: 'reference_mandate',
    sql: `SELECT id, code, title FROM mandate`,
    comment: 'Owned by libs/reference: each mandate with its code and title.',
  },
  {
    name: 'reference_other_recipient',
    sql: `SELECT id, name FROM other_recipient`,
    comment: 'Owned by libs/reference: each non-State recipient with its name.',
  },
  {
    name: 'reference_standing_invitation',
    sql: `SELECT state_code, issued_on, withdrawn_on FROM standing_invitation`,
    comment:
      'Owned by libs/reference: standing invitations with the day issued and the day withdrawn (NULL: in force).',
  },
  {
    name: 'communications_letter_reference',
    sql: `SELECT id AS communication_id, reference FROM communication`,
    comment: 'Owned by libs/communications: the reference of each letter (NULL until it is sent).',
  },
  {
    name: 'replies_reply_number',
    sql: `SELECT id AS reply_id, communication_id, number FROM reply`,
    comment: 'Owned by libs/replies: the number of each reply within its letter.',
  },
];

export class OwnedReadViews1796300000000 implements MigrationInterface {
  name = 'OwnedReadViews1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const view of VIEWS) {
      await queryRunner.query(`CREATE VIEW "${view.name}" AS ${view.sql}`);
      await queryRunner.query(`COMMENT ON VIEW "${view.name}" IS '${view.comment.replace(/'/g, "''")}'`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const view of [...VIEWS].reverse()) {
      await queryRunner.query(`DROP VIEW "${view.name}"`);
    }
  }
}
