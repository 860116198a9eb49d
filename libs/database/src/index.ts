export * from './cursor-rows';
export * from './data-source-options';
export * from './database.module';
export * from './postgres-errors';
export * from './transaction-host';
