import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobName, JobPayload } from '@spcomms/queue';
import { ScheduleRunner } from '@spcomms/schedules';

@Injectable()
export class ScheduleRunProcessor implements JobHandler<JobName.ScheduleRun> {
  readonly jobName = JobName.ScheduleRun;

  constructor(private readonly runner: ScheduleRunner) {}

  async handle(payload: JobPayload<JobName.ScheduleRun>, context: JobContext): Promise<unknown> {
    return { outcome: await this.runner.run(payload.scheduleId, context.id) };
  }
}
