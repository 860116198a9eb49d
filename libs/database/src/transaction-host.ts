import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

type AfterCommit = () => void | Promise<void>;

interface TransactionContext {
  manager: EntityManager;
  afterCommit: AfterCommit[];
}

/**
 * Runs work in one database transaction and lets repositories join it without
 * passing the EntityManager around: `manager` is the transaction's while inside
 * `run`, the DataSource's otherwise. Nested `run` calls join the outer transaction.
 */
@Injectable()
export class TransactionHost {
  private readonly storage = new AsyncLocalStorage<TransactionContext>();

  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) {
      return work();
    }
    const context: TransactionContext = { manager: this.dataSource.manager, afterCommit: [] };
    const result = await this.dataSource.transaction((manager) => {
      context.manager = manager;
      return this.storage.run(context, work);
    });
    for (const hook of context.afterCommit) {
      await hook();
    }
    return result;
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
