import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

type AfterCommit = () => void | Promise<void>;
type BeforeCommit = () => Promise<void>;

interface TransactionContext {
  manager: EntityManager;
  beforeCommit: BeforeCommit[];
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
      afterCommit: [],
      state: new Map(),
    };
    const result = await (this.reading.getStore() ?? this.dataSource.manager).transaction((manager) => {
      context.manager = manager;
      return this.storage.run(context, async () => {
        const value = await work();
        for (const hook of context.beforeCommit) {
          await hook();
        }
        return value;
      });
    });
    for (const hook of context.afterCommit) {
      await hook();
    }
    return result;
  }

  /**
   * Runs `hook` inside the current transaction once its work has succeeded, just before COMMIT, in the
   * order registered: for what must hold a lock only for the end of a transaction (the audit chain).
   */
  beforeCommit(hook: BeforeCommit): void {
    this.requireContext('beforeCommit').beforeCommit.push(hook);
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
