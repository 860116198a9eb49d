export * from './page';
export * from './page-cursor';
export * from './page-query.dto';
export * from './query-values';
