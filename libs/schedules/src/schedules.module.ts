import { Module } from '@nestjs/common';
import { QueueSync } from './queue-sync.service';
import { ScheduleReconciler } from './schedule-reconciler.service';
import { ScheduleRelay } from './schedule-relay.service';
import { ScheduleRepository } from './schedule.repository';
import { SchedulesService } from './schedules.service';

/**
 * Planning (SchedulesService) for any lib, and the relay and reconciler for the worker. The
 * runner and the handlers are provided where the handlers' own libs are: see provideScheduleHandlers.
 */
@Module({
  providers: [ScheduleRepository, SchedulesService, ScheduleRelay, ScheduleReconciler, QueueSync],
  exports: [ScheduleRepository, SchedulesService, ScheduleRelay, ScheduleReconciler, QueueSync],
})
export class SchedulesModule {}
