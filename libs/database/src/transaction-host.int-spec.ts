import { Pool, PoolConfig } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { TestDatabase, createTestDatabase } from '@spcomms/testing';
import { dataSourceOptions } from './data-source-options';
import { PgErrorCode, pgErrorCode } from './postgres-errors';
import { TransactionHost, withPoolClient } from './transaction-host';

/** What a connection of the pool exposes of pg's client to these tests. */
interface WiredClient {
  pipeline: boolean;
  connection: {
    stream: { write: (chunk: Buffer, ...rest: unknown[]) => boolean };
    on(event: 'readyForQuery', listener: () => void): void;
    removeListener(event: 'readyForQuery', listener: () => void): void;
  };
}

describe('TransactionHost', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let sut: TransactionHost;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(db.url, { migrations: [] })).initialize();
    sut = new TransactionHost(dataSource);
    await dataSource.query(`CREATE TABLE probe (id serial PRIMARY KEY, label text NOT NULL UNIQUE)`);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const insert = (label: string) => ({
    text: 'INSERT INTO probe (label) VALUES ($1) RETURNING id, label',
    values: [label],
  });
  const labels = async (): Promise<string[]> =>
    (await dataSource.query(`SELECT label FROM probe ORDER BY id`)).map((row: { label: string }) => row.label);

  beforeEach(() => dataSource.query('TRUNCATE probe'));

  it('runs the writes of atCommit after the work and the beforeCommit hooks, in order, and hands over their rows once committed', async () => {
    const seen: string[] = [];
    const committed: unknown[][][] = [];
    await sut.run(async () => {
      await sut.manager.query(`INSERT INTO probe (label) VALUES ('work')`);
      sut.atCommit(
        () => [insert('first'), insert('second')],
        async (rows) => {
          // Another connection sees the rows: the transaction has committed.
          seen.push(...(await labels()));
          committed.push(rows);
        },
      );
      sut.beforeCommit(async () => {
        await sut.manager.query(`INSERT INTO probe (label) VALUES ('hook')`);
      });
      sut.atCommit(() => [insert('third')]);
    });
    expect(await labels()).toEqual(['work', 'hook', 'first', 'second', 'third']);
    expect(seen).toEqual(['work', 'hook', 'first', 'second', 'third']);
    expect(committed).toEqual([
      [[{ id: expect.any(Number), label: 'first' }], [{ id: expect.any(Number), label: 'second' }]],
    ]);
  });

  it('sends the writes and the COMMIT before the first of them is answered', async () => {
    const wire: string[] = [];
    await sut.run(async () => {
      const client = (await sut.manager.queryRunner!.connect()) as WiredClient;
      expect(client.pipeline).toBe(true);
      const stream = client.connection.stream;
      const write = stream.write;
      const ready = () => wire.push('answer');
      stream.write = function (this: unknown, chunk: Buffer, ...rest: unknown[]) {
        const text = chunk.toString('utf8');
        wire.push(text.includes('COMMIT') ? 'COMMIT' : text.includes('INSERT INTO probe') ? 'INSERT' : 'other');
        return write.call(this, chunk, ...rest);
      };
      client.connection.on('readyForQuery', ready);
      sut.atCommit(() => [insert('a'), insert('b')]);
      // Put back once committed (the connection returns to the pool).
      void sut.afterCommit(() => {
        stream.write = write;
        client.connection.removeListener('readyForQuery', ready);
      });
    });
    const sent = wire.filter((entry) => entry !== 'other');
    expect(sent.slice(0, 3)).toEqual(['INSERT', 'INSERT', 'COMMIT']);
    expect(sent.filter((entry) => entry === 'answer')).toHaveLength(3);
    expect(await labels()).toEqual(['a', 'b']);
  });

  it('rolls everything back and throws when a write of atCommit fails; no committed or afterCommit hook runs', async () => {
    await dataSource.query(`INSERT INTO probe (label) VALUES ('taken')`);
    const ran: string[] = [];
    const failing = sut.run(async () => {
      await sut.manager.query(`INSERT INTO probe (label) VALUES ('work')`);
      sut.atCommit(
        () => [insert('before'), insert('taken'), insert('after')],
        () => void ran.push('committed'),
      );
      await sut.afterCommit(() => void ran.push('afterCommit'));
    });
    const error = await failing.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(pgErrorCode(error)).toBe(PgErrorCode.UniqueViolation);
    expect(await labels()).toEqual(['taken']);
    expect(ran).toEqual([]);
    // Every connection of the pool is usable afterwards: none was left in the aborted transaction.
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => sut.run(() => sut.manager.query(`SELECT 1 AS one`))),
    );
    expect(answers.flat()).toEqual(Array.from({ length: 25 }, () => ({ one: 1 })));
    await sut.run(async () => sut.atCommit(() => [insert('next')]));
    expect(await labels()).toEqual(['taken', 'next']);
  });

  it('refuses atCommit outside a transaction', () => {
    expect(() => sut.atCommit(() => [insert('loose')])).toThrow(/inside a transaction/);
  });

  describe('withPoolClient', () => {
    /** A pool of one connection, pipelining as the database lib's pools do, or not. */
    const poolOfOne = (pipeline: boolean) => new Pool({ connectionString: db.url, max: 1, pipeline } as PoolConfig);
    const setting = `SELECT current_setting('enable_seqscan') AS value, pg_backend_pid() AS pid`;
    /** A read transaction that switches a setting off for itself, as the public search's probe does. */
    const switchOff = (pool: Pool) =>
      withPoolClient(
        pool,
        (session) =>
          session.query<{ value: string; pid: number }>(
            `SELECT set_config('enable_seqscan', 'off', true) AS value, pg_backend_pid() AS pid`,
          ),
        true,
      );

    it.each([
      { pipeline: true, idle: 1, when: 'gives a pipelining client back to the pool as the COMMIT goes out' },
      { pipeline: false, idle: 0, when: 'holds a client that does not pipeline until its COMMIT is answered' },
    ])('$when; what follows on the client runs after the COMMIT', async ({ pipeline, idle }) => {
      const pool = poolOfOne(pipeline);
      try {
        const [inside] = await switchOff(pool);
        // The COMMIT cannot have been answered yet: no I/O has run since the work's last answer.
        expect({ idle: pool.idleCount, total: pool.totalCount }).toEqual({ idle, total: 1 });
        expect(inside.value).toBe('off');
        const [after] = await withPoolClient(
          pool,
          (session) => session.query<{ value: string; pid: number }>(setting),
          false,
        );
        expect(after).toEqual({ value: 'on', pid: inside.pid });
      } finally {
        await pool.end();
      }
    });

    it('rolls a failed transaction back before its client serves another read', async () => {
      const pool = poolOfOne(true);
      try {
        const failing = withPoolClient(pool, (session) => session.query(`SELECT 1 / 0`), true);
        await expect(failing).rejects.toThrow(/division by zero/);
        const [after] = await withPoolClient(
          pool,
          (session) => session.query<{ value: string; pid: number }>(setting),
          false,
        );
        expect(after.value).toBe('on');
      } finally {
        await pool.end();
      }
    });
  });
});
