export * from './actor';
export * from './require-role';
