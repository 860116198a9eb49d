import { Provider, Type } from '@nestjs/common';
import { SCHEDULE_HANDLERS, ScheduleHandler, ScheduleHandlerRegistry } from './schedule-handler';
import { ScheduleBatcher } from './schedule-batcher.service';
import { ScheduleRunner } from './schedule-runner.service';

/**
 * Collects schedule handler classes under one token (like provideJobHandlers) together with the
 * registry that indexes them. Used once, in the worker module (tests pass their own handlers).
 */
export function provideScheduleHandlers(handlers: Array<Type<ScheduleHandler>>): Provider[] {
  return [
    ...handlers,
    { provide: SCHEDULE_HANDLERS, inject: handlers, useFactory: (...instances: ScheduleHandler[]) => instances },
    ScheduleHandlerRegistry,
    ScheduleRunner,
    ScheduleBatcher,
  ];
}
