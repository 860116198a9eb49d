export * from './calendar';
export * from './clock';
export * from './clock.module';
export * from './is-calendar-date.decorator';
