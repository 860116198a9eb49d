import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

type AfterCommit = () => void | Promise<void>;

/** The pg pool of a side of the database (TypeORM's Postgres driver holds one per side). */
export interface PgPool {
  connect(): Promise<PgClient & { release(error?: Error | boolean): void }>;
}

interface PgClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Whether the client sends a statement before the ones ahead of it are answered (pg's `pipeline` option). */
  readonly pipeline?: boolean;
}

/** A statement that goes to the server with its transaction's COMMIT (TransactionHost.atCommit). */
export interface CommitStatement {
  text: string;
  values?: unknown[];
}

/** Writes registered with TransactionHost.atCommit: the statements, and what to do with their rows once committed. */
interface CommitWrite {
  build: () => CommitStatement[];
  committed?: (rows: unknown[][]) => void | Promise<void>;
}

/** Statements on one connection of the read side (see TransactionHost.onReadClient): `query` answers the rows. */
export interface ReadSession {
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
}

type BeforeCommit = () => Promise<void>;

interface TransactionContext {
  manager: EntityManager;
  beforeCommit: BeforeCommit[];
  atCommit: CommitWrite[];
  afterCommit: AfterCommit[];
  state: Map<symbol, unknown>;
}

/**
 * Runs work in one database transaction and lets repositories join it without
 * passing the EntityManager around: `manager` is the transaction's while inside
 * `run`, the DataSource's otherwise. Nested `run` calls join the outer transaction.
 */
@Injectable()
export class TransactionHost {
  private readonly storage = new AsyncLocalStorage<TransactionContext>();
  /** The manager of the read connection while inside `onReadConnection`. */
  private readonly reading = new AsyncLocalStorage<EntityManager>();

  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.reading.getStore() ?? this.dataSource.manager;
  }

  /**
   * Runs `work` with its queries on the read connection (DATABASE_READ_URL, a streaming replica; the
   * primary when unset), on one connection held until it ends; a `run` inside it is a transaction on
   * that connection. For the public reads only: a replica lags the primary by its replay delay, so that
   * staff, who read what they have just written, stay on the primary. Inside a transaction, or already
   * on the read connection, `work` simply runs.
   */
  async onReadConnection<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction || this.reading.getStore()) {
      return work();
    }
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      return await this.reading.run(runner.manager, work);
    } finally {
      await runner.release();
    }
  }

  /**
   * Runs `work` with one connection of the read side, like onReadConnection, but straight through pg's
   * pool: no query runner, no entity manager, no asynchronous context. For a public read that is a few
   * statements in SQL, on the hot path of a request (the public search), where what TypeORM adds to
   * each statement is measurable. With `transaction`, the statements run in one transaction (for
   * settings made with `set_config(…, true)`, which end with it, behind a pooler in transaction mode
   * too): its BEGIN goes out with the first statement without a round trip of its own being waited
   * for, and its COMMIT once the work is done, without keeping the answer waiting; the connection
   * goes back to the pool as the COMMIT goes out (withPoolClient). Inside a transaction, or already on
   * the read connection, the statements run there instead (through the manager, in a transaction of
   * their own on the read connection), as onReadConnection would run them.
   */
  async onReadClient<T>(work: (session: ReadSession) => Promise<T>, transaction = false): Promise<T> {
    if (this.inTransaction || this.reading.getStore()) {
      const session: ReadSession = { query: (text, values) => this.manager.query(text, values) };
      return transaction ? this.run(() => work(session)) : work(session);
    }
    return withPoolClient(this.readPool(), work, transaction);
  }

  /** The pool of the read side: a replica's (DATABASE_READ_URL), else the primary's. */
  private readPool(): PgPool {
    const driver = this.dataSource.driver as unknown as { master: PgPool; slaves: PgPool[] };
    return driver.slaves.length > 0 ? driver.slaves[Math.floor(Math.random() * driver.slaves.length)] : driver.master;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) {
      return work();
    }
    const context: TransactionContext = {
      manager: this.dataSource.manager,
      beforeCommit: [],
      atCommit: [],
      afterCommit: [],
      state: new Map(),
    };
    let written: { rows: Promise<unknown[][][]> } | undefined;
    const result = await (this.reading.getStore() ?? this.dataSource.manager).transaction(async (manager) => {
      context.manager = manager;
      const value = await this.storage.run(context, async () => {
        const value = await work();
        for (const hook of context.beforeCommit) {
          await hook();
        }
        return value;
      });
      written = await this.sendAtCommit(manager, context.atCommit);
      return value;
    });
    if (written) {
      // A statement that failed left the transaction aborted, and its COMMIT rolled it back.
      const rows = await written.rows;
      for (const [index, write] of context.atCommit.entries()) {
        await write.committed?.(rows[index]);
      }
    }
    for (const hook of context.afterCommit) {
      await hook();
    }
    return result;
  }

  /**
   * Sends the statements of the writes registered with atCommit on the transaction's connection, all at
   * once: the pool's connections pipeline (dataSourceOptions), so that they and the COMMIT that follows
   * leave together, and the server runs them back to back without waiting for this process to read an
   * answer. Answers, per write, the rows of each of its statements; it rejects with the first failure
   * (the server then answers the COMMIT by rolling back), and nothing waits for it before the COMMIT
   * (hence the wrapper: an async function's promise would wait for a promise it answers).
   */
  private async sendAtCommit(
    manager: EntityManager,
    writes: CommitWrite[],
  ): Promise<{ rows: Promise<unknown[][][]> } | undefined> {
    if (writes.length === 0) {
      return undefined;
    }
    const client = (await manager.queryRunner!.connect()) as PgClient;
    const sent = writes.map((write) =>
      write.build().map(({ text, values }) =>
        client.query(text, values).then(
          (result) => result.rows,
          (error: Error) => {
            throw new QueryFailedError(text, values, error);
          },
        ),
      ),
    );
    const rows = Promise.all(sent.map((statements) => Promise.all(statements)));
    // Read once the COMMIT has answered (run); until then a failure must not count as unhandled.
    rows.catch(() => undefined);
    return { rows };
  }

  /**
   * Runs `hook` inside the current transaction once its work has succeeded, in the order registered,
   * before the writes of atCommit and the COMMIT: for end-of-transaction work that must wait for an
   * answer (atCommit, which does not, is the shorter path).
   */
  beforeCommit(hook: BeforeCommit): void {
    this.requireContext('beforeCommit').beforeCommit.push(hook);
  }

  /**
   * Registers a write that goes to the server with the COMMIT: `build` runs once the work and the
   * beforeCommit hooks are done, and answers the statements, which are sent in the order registered,
   * together and then the COMMIT, without a round trip between them (see sendAtCommit). For what must
   * hold a lock only for the end of a transaction and reads nothing back before the commit: the audit
   * chains' heads, the deadlines a fact plans. If a statement fails, the transaction rolls back and
   * `run` throws its error. `committed` gets the rows of each statement once the transaction has
   * committed, before the afterCommit hooks.
   */
  atCommit(build: () => CommitStatement[], committed?: (rows: unknown[][]) => void | Promise<void>): void {
    this.requireContext('atCommit').atCommit.push({ build, committed });
  }

  /** A value that lives as long as the current transaction: made by `create` on first use, then the same one. */
  transactionState<T>(key: symbol, create: () => T): T {
    const context = this.requireContext('transactionState');
    if (!context.state.has(key)) {
      context.state.set(key, create());
    }
    return context.state.get(key) as T;
  }

  private requireContext(caller: string): TransactionContext {
    const context = this.storage.getStore();
    if (!context) {
      throw new Error(`TransactionHost.${caller} must run inside a transaction`);
    }
    return context;
  }

  /** Runs `hook` once the current transaction has committed (at once when there is none). */
  async afterCommit(hook: AfterCommit): Promise<void> {
    const context = this.storage.getStore();
    if (context) {
      context.afterCommit.push(hook);
    } else {
      await hook();
    }
  }
}

/**
 * Runs the decorated method on the read connection (TransactionHost.onReadConnection): for the public
 * reads. The class holds its TransactionHost as `tx`.
 */
export function OnReadConnection(): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const method = descriptor.value as (...args: unknown[]) => Promise<unknown>;
    descriptor.value = function (this: { tx: TransactionHost }, ...args: unknown[]) {
      return this.tx.onReadConnection(() => method.apply(this, args));
    };
  };
}

/**
 * Runs `work` on one client of a pg pool (TransactionHost.onReadClient's path, and the benchmarks'
 * bare floor): with `transaction`, BEGIN goes out with the first statement without a round trip of
 * its own being waited for, and COMMIT once the work is done, without keeping the answer waiting.
 *
 * On a pipelining client (the database lib's pools: see dataSourceOptions) the client goes back to the
 * pool as its COMMIT goes out, not once it is answered: the next statements on it are written behind
 * the COMMIT and run after it, outside the transaction, whatever the COMMIT answers (it ends the
 * transaction even when it fails), and a client that fails is dropped by the pool. Held until the
 * answer, a client is busy for one round trip after the request it served has been answered: a
 * caller that sends its next request at once finds every connection busy, and the pool opens more
 * connections than there are callers, each a new backend (measured in the public search's README,
 * "The heavy searches' gap"). Otherwise (no pipeline), and after a failure (ROLLBACK), the client goes
 * back once that has run, and is closed if it failed.
 */
export async function withPoolClient<T>(
  pool: PgPool,
  work: (session: ReadSession) => Promise<T>,
  transaction: boolean,
): Promise<T> {
  const client = await pool.connect();
  let begun: Promise<unknown> | undefined;
  let ended: Promise<unknown> | undefined;
  if (transaction) {
    begun = client.query('BEGIN');
    // A failure surfaces below, once the work has run (its statements then fail too).
    begun.catch(() => undefined);
  }
  try {
    const value = await work({
      query: async <R>(text: string, values?: unknown[]) => (await client.query(text, values)).rows as R[],
    });
    await begun;
    if (begun) {
      const committed = client.query('COMMIT');
      if (client.pipeline) {
        // Its answer concerns nobody: the next statements on the client run after it whatever it is.
        committed.catch(() => undefined);
      } else {
        ended = committed;
      }
    }
    return value;
  } catch (error) {
    ended = begun && client.query('ROLLBACK');
    throw error;
  } finally {
    if (ended) {
      ended.then(
        () => client.release(),
        (error: Error) => client.release(error),
      );
    } else {
      client.release();
    }
  }
}
