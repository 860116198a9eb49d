import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The views through which libs/publication reads the letters, their versions, mandates and follow-ups
 * (owned by libs/communications) and the replies with their attachments (owned by libs/replies), so
 * that no library's SQL names another library's table (`npm run lint:tables`). Like those of
 * 1796300000000-OwnedReadViews, each belongs to the library its name starts with, lists its columns,
 * and is a plain view over one table: PostgreSQL inlines it into the reading query (indexes and plans
 * are those of the table), and `FOR UPDATE` / `FOR KEY SHARE` through it lock the table's rows.
 */
const VIEWS: ReadonlyArray<{ name: string; sql: string; comment: string }> = [
  {
    name: 'communications_letter',
    sql: `SELECT id, type, legacy_type, status, reference, recipient_code, other_recipient_id, current_version,
                 sent_on, reply_requested_by, public_from, lead_mandate_id
            FROM communication`,
    comment:
      'Owned by libs/communications: each letter with its type, status, reference (NULL until sent), recipient ' +
      '(a State code, or an other recipient), current version, day sent, reply requested by, day public from ' +
      'and lead mandate. Locking it (FOR UPDATE, FOR KEY SHARE) locks the letter.',
  },
  {
    name: 'communications_letter_version',
    sql: `SELECT communication_id, number, content FROM communication_version`,
    comment: 'Owned by libs/communications: each version of a letter, numbered from 1, with its content (JSON).',
  },
  {
    name: 'communications_letter_mandate',
    sql: `SELECT communication_id, mandate_id, participation FROM communication_mandate`,
    comment:
      'Owned by libs/communications: the mandates of each letter with their participation ' +
      '(lead, invited, declined, dropped).',
  },
  {
    name: 'communications_follow_up',
    sql: `SELECT communication_id, follows_up_id FROM communication_follow_up`,
    comment: 'Owned by libs/communications: the letter communication_id follows up the earlier letter follows_up_id.',
  },
  {
    name: 'replies_reply',
    sql: `SELECT id, communication_id, number, received_on, language, text, confidential, corrects_reply_id FROM reply`,
    comment:
      'Owned by libs/replies: each reply to a letter with its number, day received, language, text, ' +
      'confidentiality and the reply it corrects (NULL: none).',
  },
  {
    name: 'replies_reply_attachment',
    sql: `SELECT id, reply_id, position, file_name, media_type, size, sha256, storage_key FROM reply_attachment`,
    comment:
      'Owned by libs/replies: the files of each reply in order, with name, media type, size in bytes, ' +
      'SHA-256 and storage key.',
  },
];

export class PublicationReadViews1796700000000 implements MigrationInterface {
  name = 'PublicationReadViews1796700000000';

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
