import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@spcomms/config';
import { Clock } from '@spcomms/clock';
import { MailLanguage, MailTemplateError, renderMail } from './mail-templates';
import { MailRelay } from './mail-relay.service';
import { MailTransport, isPermanentMailError } from './mail-transport';
import { NotificationsRepository } from './notifications.repository';

export type DeliveryOutcome = 'sent' | 'not_claimable' | 'retry' | 'failed' | 'lease_lost';

/** The longest pause between two attempts. */
const MAX_BACKOFF_MS = 6 * 3600_000;

/** A temporary failure whose retry is planned: the job fails (Bull Board shows it), the row waits. */
export class MailDeliveryDeferred extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailDeliveryDeferred';
  }
}

/**
 * Sends one outbox message, once, whatever crashes.
 *
 * 1. Claim: one committed UPDATE turns the row from pending (and due) to sending, counts the
 *    attempt and takes a lease (MAIL_LEASE_SECONDS). Two workers, or two jobs for the same row
 *    after a Redis flush, cannot both claim it: the second UPDATE matches nothing.
 * 2. Send over SMTP with a Message-ID derived from the row id, the same on every attempt.
 * 3. Right after the server's 250 answer, mark the row sent (guarded by the attempt number, so a
 *    worker whose lease expired cannot overwrite a newer attempt).
 *
 * A crash before step 3 leaves the row `sending`; once its lease expires the reconciler gives it
 * a new job and another worker sends it again. The remaining window for a duplicate is therefore
 * the time between the server accepting the message and the UPDATE of step 3 committing (one
 * round trip to PostgreSQL, about a millisecond), plus the case where the connection drops after
 * the server queued the message but before its 250 reached us. In both cases the duplicate
 * carries the same Message-ID, which lets mail servers and clients that deduplicate on it drop it.
 * A worker that merely stalls beyond its lease (SMTP timeouts are set far below it) is the only
 * other path, and the attempt guard keeps the record right.
 */
@Injectable()
export class OutboxMailer {
  private readonly logger = new Logger(OutboxMailer.name);

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly transport: MailTransport,
    private readonly relay: MailRelay,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async deliver(messageId: string): Promise<DeliveryOutcome> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.env.MAIL_LEASE_SECONDS * 1000);
    const message = await this.repository.claim(messageId, now, leaseUntil);
    if (!message) {
      return 'not_claimable';
    }
    const attempt = message.attempts;
    try {
      const { subject, body } = renderMail(message.template, message.language as MailLanguage, message.params);
      await this.transport.send({
        from: this.config.env.MAIL_FROM,
        to: message.recipientAddress,
        subject,
        text: body,
        messageId: message.messageId,
        headers: { 'X-Spcomms-Kind': message.kind, 'Auto-Submitted': 'auto-generated', 'Content-Language': message.language },
      });
    } catch (error) {
      return this.recordFailure(message.id, attempt, error);
    }
    const marked = await this.repository.markSent(message.id, attempt, this.clock.now());
    if (!marked) {
      this.logger.warn({ messageId }, `E-mail ${messageId} was sent but its lease had passed to a newer attempt`);
      return 'lease_lost';
    }
    return 'sent';
  }

  private async recordFailure(id: string, attempt: number, error: unknown): Promise<DeliveryOutcome> {
    const reason = describe(error);
    const permanent = isPermanentMailError(error) || error instanceof MailTemplateError;
    if (permanent || attempt >= this.config.env.MAIL_MAX_ATTEMPTS) {
      await this.repository.markFailed(id, attempt, permanent ? reason : `${reason} (gave up after ${attempt} attempts)`);
      this.logger.error({ messageId: id, attempt }, `E-mail ${id} failed for good: ${reason}`);
      return 'failed';
    }
    const backoff = Math.min(MAX_BACKOFF_MS, this.config.env.MAIL_RETRY_BASE_SECONDS * 1000 * 2 ** (attempt - 1));
    const nextAttemptAt = new Date(this.clock.now().getTime() + backoff);
    if (await this.repository.markRetry(id, attempt, reason, nextAttemptAt)) {
      await this.relay.relay([{ id, attempts: attempt, runAt: nextAttemptAt }]);
    }
    throw new MailDeliveryDeferred(`E-mail ${id} attempt ${attempt} failed (${reason}); next attempt at ${nextAttemptAt.toISOString()}`);
  }
}

function describe(error: unknown): string {
  const mailError = error as { responseCode?: number; code?: string; message?: string };
  const parts = [mailError?.responseCode ? `SMTP ${mailError.responseCode}` : mailError?.code, mailError?.message ?? String(error)];
  return parts.filter(Boolean).join(': ');
}
