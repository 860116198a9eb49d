import { TestContext, createTestContext } from '@spcomms/testing';
import { DATE_ORDER_ONLY } from './search-queries';

const SETTINGS = `SELECT current_setting('enable_bitmapscan') AS bitmap, current_setting('enable_seqscan') AS seq, current_setting('jit') AS jit`;

describe('the date-order settings of a search', () => {
  let context: TestContext;

  beforeAll(async () => {
    context = await createTestContext();
  });
  afterAll(() => context.close());

  it('switch off bitmaps, full scans and JIT compilation for the transaction only', async () => {
    const runner = context.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL jit = on`);
      await runner.query(DATE_ORDER_ONLY);
      expect(await runner.query(SETTINGS)).toEqual([{ bitmap: 'off', seq: 'off', jit: 'off' }]);
      await runner.commitTransaction();
      expect(await runner.query(SETTINGS)).toEqual([{ bitmap: 'on', seq: 'on', jit: (await runner.query(`SELECT reset_val FROM pg_settings WHERE name = 'jit'`))[0].reset_val }]);
    } finally {
      await runner.release();
    }
  });
});
