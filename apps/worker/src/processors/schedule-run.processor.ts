import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobName, JobPayload } from '@spcomms/queue';
import { ScheduleBatcher } from '@spcomms/schedules';

@Injectable()
export class ScheduleRunProcessor implements JobHandler<JobName.ScheduleRun> {
  readonly jobName = JobName.ScheduleRun;

  constructor(private readonly batcher: ScheduleBatcher) {}

  async handle(payload: JobPayload<JobName.ScheduleRun>, context: JobContext): Promise<unknown> {
    return { outcome: await this.batcher.run(payload.scheduleId, context.id) };
  }
}
