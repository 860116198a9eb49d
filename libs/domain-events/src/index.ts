export * from './domain-event-bus';
export * from './domain-events.module';
export * from './letter-content.types';
export * from './letter.events';
export * from './subjects';
export * from './visit.events';
