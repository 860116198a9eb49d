import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

const root = join(__dirname, '..', '..', '..');

/**
 * The one description of the database used by the API, the worker, the CLI,
 * the TypeORM migration CLI and the tests. Entities and migrations are found
 * by file name so that the compiled (dist/) and source trees both work. `readUrl` (DATABASE_READ_URL)
 * adds a second pool for the public reads.
 */
export function dataSourceOptions(
  url: string,
  overrides: Partial<DataSourceOptions> = {},
  readUrl?: string,
): DataSourceOptions {
  return {
    type: 'postgres',
    // With a read connection, every query still goes to the primary unless it asks for the read side
    // (TransactionHost.onReadConnection): staff read their own writes.
    ...(readUrl ? { replication: { master: { url }, slaves: [{ url: readUrl }], defaultMode: 'master' } } : { url }),
    entities: [join(root, 'libs', '*', 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Failed queries surface as errors: the API's filter logs unexpected ones with an error id.
    logging: false,
    // pipeline: pg sends a statement as soon as it is asked for, not once the one before it has been
    // answered. Statements awaited one by one run as before; what a transaction writes at its end goes
    // out with its COMMIT (TransactionHost.atCommit), and a read's BEGIN with its first statement.
    extra: { max: 20, application_name: 'spcomms', pipeline: true },
    ...overrides,
  } as DataSourceOptions;
}
