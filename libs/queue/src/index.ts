export * from './job-handler.provider';
export * from './job-queue.service';
export * from './queue-connection';
export * from './queue.module';
export * from './queue.types';
