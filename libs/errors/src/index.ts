export * from './domain.exception';
export * from './whole-replacement';
export * from './input-validation';
