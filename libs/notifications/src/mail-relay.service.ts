import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@spcomms/config';
import { Clock } from '@spcomms/clock';
import { JobName } from '@spcomms/queue';
import { QueueSync, SyncResult, WantedJob } from '@spcomms/schedules';
import { MailRelayRow, NotificationsRepository } from './notifications.repository';

const PAGE = 5000;

/** The job of one attempt: `mail:<message>:<attempts so far>`, so that each retry is a new job. */
export function mailJob(row: MailRelayRow): WantedJob<JobName.MailSend> {
  return { jobId: `mail:${row.id}:${row.attempts}`, payload: { messageId: row.id }, runAt: row.runAt };
}

/**
 * Puts outbox messages on the mail queue: right after the transaction that wrote them commits,
 * after a failed attempt (at the next attempt's time) and, in the reconciler, every message whose
 * attempt is due within the horizon and whose job Redis lacks (flushed, lost, or its worker died
 * with the lease).
 */
@Injectable()
export class MailRelay {
  private readonly logger = new Logger(MailRelay.name);

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly sync: QueueSync,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Enqueues the attempts just planned (a new message, a retry): their job ids are new, so they are
   * added without a look-up. Never throws: a message not enqueued now is enqueued by the reconciler.
   */
  async relay(rows: MailRelayRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    try {
      await this.sync.add(JobName.MailSend, rows.map(mailJob));
    } catch (error) {
      this.logger.warn({ err: error }, `Could not enqueue ${rows.length} e-mail(s); the reconciler will`);
    }
  }

  async reconcile(): Promise<SyncResult> {
    const until = new Date(this.clock.now().getTime() + this.config.env.SCHEDULE_HORIZON_SECONDS * 1000);
    const total: SyncResult = { added: 0, advanced: 0, retried: 0 };
    let afterId: string | undefined;
    for (;;) {
      const rows = await this.repository.findRelayable(until, PAGE, afterId);
      if (rows.length === 0) {
        break;
      }
      const result = await this.sync.ensure(JobName.MailSend, rows.map(mailJob));
      total.added += result.added;
      total.advanced += result.advanced;
      total.retried += result.retried;
      if (rows.length < PAGE) {
        break;
      }
      afterId = rows[rows.length - 1].id;
    }
    if (total.added + total.advanced + total.retried > 0) {
      this.logger.log(
        `Mail reconciled: ${total.added} enqueued, ${total.advanced} brought forward, ${total.retried} retried`,
      );
    }
    return total;
  }
}
