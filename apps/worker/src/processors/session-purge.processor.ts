import { Injectable } from '@nestjs/common';
import { AuthService } from '@spcomms/accounts';
import { JobHandler, JobName, JobPayload } from '@spcomms/queue';

@Injectable()
export class SessionPurgeProcessor implements JobHandler<JobName.SessionPurge> {
  readonly jobName = JobName.SessionPurge;

  constructor(private readonly auth: AuthService) {}

  async handle(payload: JobPayload<JobName.SessionPurge>): Promise<unknown> {
    return { deleted: await this.auth.purgeExpiredSessions(payload.olderThanDays) };
  }
}
