import { finished } from 'node:stream/promises';
import { Pool, PoolClient, PoolConfig } from 'pg';
import { TestDatabase, createTestDatabase } from '@spcomms/testing';
import { cursorRows } from './cursor-rows';
import { dataSourceOptions } from './data-source-options';

describe('cursorRows', () => {
  let db: TestDatabase;
  let pool: Pool;
  let client: PoolClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The pools' own options: pipelined connections, where pg-query-stream is refused.
    pool = new Pool({ connectionString: db.url, ...(dataSourceOptions(db.url).extra as PoolConfig), max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });
  beforeEach(async () => (client = await pool.connect()));
  afterEach(() => client.release());

  const numbers = (count: number) => cursorRows(client, 'SELECT n FROM generate_series(1, $1) AS n', [count], 500);
  /** What the connection holds once a stream is over: its transaction state and its open cursors. */
  const leftOver = async () =>
    (await client.query(`SELECT count(*)::int AS cursors, now() = statement_timestamp() AS fresh FROM pg_cursors`))
      .rows[0];

  it('streams every row in order, a batch at a time, and ends its transaction', async () => {
    const fetched: number[] = [];
    const query = jest.spyOn(client, 'query');
    for await (const row of numbers(1_250)) {
      fetched.push((row as { n: number }).n);
    }
    expect(fetched).toEqual(Array.from({ length: 1_250 }, (_, index) => index + 1));
    expect(query.mock.calls.filter(([text]) => String(text).startsWith('FETCH'))).toHaveLength(4);
    query.mockRestore();
    // Out of any transaction (now() is the statement's own), and no cursor left open.
    expect(await leftOver()).toEqual({ cursors: 0, fresh: true });
  });

  it('rolls back and closes the cursor when the reader goes away before the end', async () => {
    const stream = numbers(100_000);
    let read = 0;
    for await (const _row of stream) {
      if (++read === 10) {
        break;
      }
    }
    await finished(stream).catch(() => undefined);
    expect(stream.destroyed).toBe(true);
    expect(await leftOver()).toEqual({ cursors: 0, fresh: true });
  });

  it('fails the stream with the error of its query and leaves the connection usable', async () => {
    const stream = cursorRows(client, 'SELECT 1 / (n - 3) FROM generate_series(1, $1) AS n', [10], 2);
    await expect(
      (async () => {
        for await (const _row of stream) {
          // read on until the error
        }
      })(),
    ).rejects.toMatchObject({ code: '22012' });
    expect(await leftOver()).toEqual({ cursors: 0, fresh: true });
  });
});
