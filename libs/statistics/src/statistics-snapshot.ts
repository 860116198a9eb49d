import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { EntityManager, QueryRunner } from 'typeorm';
import { TransactionHost } from '@spcomms/database';

interface SnapshotContext {
  manager: EntityManager;
}

/**
 * Where the statistics repositories send their queries. `together` runs independent reads at once,
 * each on a connection of its own, all in one snapshot of the database: the first connection opens a
 * REPEATABLE READ transaction and exports its snapshot (`pg_export_snapshot()`), the others adopt it
 * (`SET TRANSACTION SNAPSHOT`), so every figure of one answer counts the same committed writes. Inside
 * a transaction (and inside a read of `together`) the reads run one after the other on its connection.
 */
@Injectable()
export class StatisticsSnapshot {
  private readonly storage = new AsyncLocalStorage<SnapshotContext>();

  constructor(private readonly tx: TransactionHost) {}

  get manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.tx.manager;
  }

  async together<T extends unknown[]>(...reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
    if (this.tx.inTransaction || this.storage.getStore() !== undefined || reads.length < 2) {
      const results: unknown[] = [];
      for (const read of reads) {
        results.push(await read());
      }
      return results as T;
    }
    const runners: QueryRunner[] = reads.map(() => this.tx.manager.connection.createQueryRunner());
    let committed = false;
    try {
      await Promise.all(
        runners.map((runner) => runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')),
      );
      const [{ id }]: Array<{ id: string }> = await runners[0].query('SELECT pg_export_snapshot() AS id');
      if (!/^[0-9A-F-]+$/i.test(id)) {
        throw new Error(`Unexpected snapshot id ${id}`);
      }
      await Promise.all(runners.slice(1).map((runner) => runner.query(`SET TRANSACTION SNAPSHOT '${id}'`)));
      const results = await Promise.all(
        reads.map((read, index) => this.storage.run({ manager: runners[index].manager }, read)),
      );
      await Promise.all(runners.map((runner) => runner.query('COMMIT')));
      committed = true;
      return results as T;
    } finally {
      await Promise.all(
        runners.map(async (runner) => {
          if (!committed) {
            await runner.query('ROLLBACK').catch(() => undefined);
          }
          await runner.release();
        }),
      );
    }
  }
}
