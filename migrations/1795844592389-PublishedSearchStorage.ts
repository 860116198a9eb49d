import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps a published letter's search vector inside its row (storage MAIN: compressed, moved out of
 * line only as a last resort), so that the body is the column moved to TOAST instead. Ranked and
 * filtered searches read the vector of each candidate row: inline, that is one heap page per row
 * instead of a heap page, a TOAST index lookup and TOAST pages. The body is read for the snippets of
 * one page only. See bench:search.
 */
export class PublishedSearchStorage1795844592389 implements MigrationInterface {
  name = 'PublishedSearchStorage1795844592389';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "published_communication" ALTER COLUMN "search_vector" SET STORAGE MAIN`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "published_communication" ALTER COLUMN "search_vector" SET STORAGE EXTENDED`);
  }
}
