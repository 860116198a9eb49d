import { Injectable } from '@nestjs/common';
import { OutboxMailer } from '@spcomms/notifications';
import { JobHandler, JobName, JobPayload } from '@spcomms/queue';

@Injectable()
export class MailSendProcessor implements JobHandler<JobName.MailSend> {
  readonly jobName = JobName.MailSend;

  constructor(private readonly mailer: OutboxMailer) {}

  async handle(payload: JobPayload<JobName.MailSend>): Promise<unknown> {
    return { outcome: await this.mailer.deliver(payload.messageId) };
  }
}
