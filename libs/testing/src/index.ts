export * from './test-clock';
export * from './test-context';
export * from './test-database';
export * from './smtp-test-server';
export * from './seeded-random';
