/**
 * The one map of queues, job names and payloads, shared by producers and processors.
 * Adding a job name here without a handler makes the worker refuse to start.
 */
export enum QueueName {
  Maintenance = 'maintenance',
  /** One job per due schedule row (deadline, reminder, publication). */
  Schedules = 'schedules',
  /** One job per attempt to send an outbox e-mail. */
  Mail = 'mail',
}

export enum JobName {
  /** Walks the audit chain and logs the first broken event, if any. */
  AuditVerify = 'audit.verify',
  /** Seals the heads of the subjects' audit chains that moved into the anchor chain. */
  AuditAnchor = 'audit.anchor',
  /** Deletes sessions that expired long ago. */
  SessionPurge = 'session.purge',
  /** Runs the handler of one schedule row and marks it done (job id `schedule:<rowId>:<attempt>`). */
  ScheduleRun = 'schedule.run',
  /** Sends one outbox e-mail over SMTP (job id `mail:<messageId>:<attempt>`). */
  MailSend = 'mail.send',
}

export interface JobPayloads {
  [JobName.AuditVerify]: Record<string, never>;
  [JobName.AuditAnchor]: Record<string, never>;
  [JobName.SessionPurge]: { olderThanDays: number };
  [JobName.ScheduleRun]: { scheduleId: string };
  [JobName.MailSend]: { messageId: string };
}

export const JOB_QUEUE: { readonly [J in JobName]: QueueName } = {
  [JobName.AuditVerify]: QueueName.Maintenance,
  [JobName.AuditAnchor]: QueueName.Maintenance,
  [JobName.SessionPurge]: QueueName.Maintenance,
  [JobName.ScheduleRun]: QueueName.Schedules,
  [JobName.MailSend]: QueueName.Mail,
};

export type JobPayload<J extends JobName> = JobPayloads[J];

export interface JobContext {
  id: string;
  attemptsMade: number;
}

/** A provider that does the work of one job name. Registered with `provideJobHandler`. */
export interface JobHandler<J extends JobName = JobName> {
  readonly jobName: J;
  handle(payload: JobPayload<J>, context: JobContext): Promise<unknown>;
}

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
