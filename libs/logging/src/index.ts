export * from './log-destination';
