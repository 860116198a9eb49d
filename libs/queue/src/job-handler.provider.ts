import { Provider, Type } from '@nestjs/common';
import { JOB_HANDLERS, JobHandler } from './queue.types';

/**
 * Collects job handler classes under one token, so that the worker can check
 * at boot that every job name has exactly one handler.
 */
export function provideJobHandlers(handlers: Array<Type<JobHandler>>): Provider[] {
  return [
    ...handlers,
    {
      provide: JOB_HANDLERS,
      inject: handlers,
      useFactory: (...instances: JobHandler[]) => instances,
    },
  ];
}
