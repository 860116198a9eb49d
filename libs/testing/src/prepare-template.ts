import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig } from '@spcomms/config';
import { TransactionHost, dataSourceOptions } from '@spcomms/database';
import { ReferenceRepository, ReferenceSeeder } from '@spcomms/reference';

/** Run by the global setup in its own process: migrate the template and load reference data. */
async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  const dataSource = new DataSource(dataSourceOptions(config.env.DATABASE_URL));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const tx = new TransactionHost(dataSource);
  await new ReferenceSeeder(new ReferenceRepository(tx), tx, config).seed();
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
