import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@spcomms/config';
import { Clock } from '@spcomms/clock';
import { MailLanguage, MailTemplateError, renderMail } from './mail-templates';
import { MailRelay } from './mail-relay.service';
import { MailTransport, isPermanentMailError } from './mail-transport';
import { MailHandoffConnection, NotificationsRepository } from './notifications.repository';

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

/** What one hand-off ended with; a failed send is recorded after the turn, by `recordFailure`. */
type Handoff = { outcome: DeliveryOutcome } | { failed: { id: string; attempt: number; error: unknown } };

/**
 * Sends one outbox message, once, whatever crashes.
 *
 * A worker process hands one message at a time to SMTP (its turn), on a database connection reserved
 * for the hand-offs while any is under way or waiting:
 * 1. Claim, just before the SMTP transaction: one committed UPDATE turns the row from pending (and
 *    due) to sending, counts the attempt and takes a lease (MAIL_LEASE_SECONDS). Two workers, or two
 *    jobs for the same row after a Redis flush, cannot both claim it: the second UPDATE matches nothing.
 * 2. Send over SMTP with a Message-ID derived from the row id, the same on every attempt.
 * 3. Right after the server's 250 answer, before anything else, mark the row sent (guarded by the
 *    attempt number, so a worker whose lease expired cannot overwrite a newer attempt).
 *
 * A crash before step 3 leaves the row `sending`; once its lease expires the reconciler gives it a
 * new job and another worker sends it again. Messages waiting for their turn are still pending, so a
 * killed worker leaves at most one message in doubt: the one it was handing over. It is sent twice
 * only if the kill fell between the server accepting it and step 3 committing (the reserved
 * connection keeps that to one round trip to PostgreSQL, never a wait for the pool), or if the
 * connection dropped after the server queued the message but before its 250 reached us. The
 * duplicate carries the same Message-ID, which lets mail servers and clients that deduplicate on it
 * drop it. `npm run fault:mail` measures it. A worker that merely stalls beyond its lease (SMTP
 * timeouts are set far below it) is the only other path, and the attempt guard keeps the record right.
 */
@Injectable()
export class OutboxMailer {
  private readonly logger = new Logger(OutboxMailer.name);
  /** Settles when the hand-off under way and those queued before are over. */
  private turns: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private connection?: MailHandoffConnection;

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly transport: MailTransport,
    private readonly relay: MailRelay,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Deliveries of this process waiting for their turn to hand a message to SMTP. */
  get handoffsWaiting(): number {
    return this.queued;
  }

  async deliver(messageId: string): Promise<DeliveryOutcome> {
    const handoff = await this.inTurn((connection) => this.handOff(connection, messageId));
    if ('failed' in handoff) {
      return this.recordFailure(handoff.failed.id, handoff.failed.attempt, handoff.failed.error);
    }
    return handoff.outcome;
  }

  /** Runs `work` once the hand-offs queued before are over; the connection goes back to the pool when none waits. */
  private inTurn<T>(work: (connection: MailHandoffConnection) => Promise<T>): Promise<T> {
    this.queued += 1;
    const turn = this.turns.then(async () => {
      this.queued -= 1;
      let failed = false;
      try {
        this.connection ??= await this.repository.reserveHandoff();
        return await work(this.connection);
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        if (failed || this.queued === 0) {
          const connection = this.connection;
          this.connection = undefined;
          await connection?.release();
        }
      }
    });
    this.turns = turn.catch(() => undefined);
    return turn;
  }

  private async handOff(connection: MailHandoffConnection, messageId: string): Promise<Handoff> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.env.MAIL_LEASE_SECONDS * 1000);
    const message = await connection.claim(messageId, now, leaseUntil);
    if (!message) {
      return { outcome: 'not_claimable' };
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
        headers: {
          'X-Spcomms-Kind': message.kind,
          'Auto-Submitted': 'auto-generated',
          'Content-Language': message.language,
        },
      });
    } catch (error) {
      return { failed: { id: message.id, attempt, error } };
    }
    // The server has the message: recording that comes before anything else.
    const marked = await connection.markSent(message.id, attempt, this.clock.now());
    if (!marked) {
      this.logger.warn({ messageId }, `E-mail ${messageId} was sent but its lease had passed to a newer attempt`);
      return { outcome: 'lease_lost' };
    }
    return { outcome: 'sent' };
  }

  private async recordFailure(id: string, attempt: number, error: unknown): Promise<DeliveryOutcome> {
    const reason = describe(error);
    const permanent = isPermanentMailError(error) || error instanceof MailTemplateError;
    if (permanent || attempt >= this.config.env.MAIL_MAX_ATTEMPTS) {
      await this.repository.markFailed(
        id,
        attempt,
        permanent ? reason : `${reason} (gave up after ${attempt} attempts)`,
      );
      this.logger.error({ messageId: id, attempt }, `E-mail ${id} failed for good: ${reason}`);
      return 'failed';
    }
    const backoff = Math.min(MAX_BACKOFF_MS, this.config.env.MAIL_RETRY_BASE_SECONDS * 1000 * 2 ** (attempt - 1));
    const nextAttemptAt = new Date(this.clock.now().getTime() + backoff);
    if (await this.repository.markRetry(id, attempt, reason, nextAttemptAt)) {
      await this.relay.relay([{ id, attempts: attempt, runAt: nextAttemptAt }]);
    }
    throw new MailDeliveryDeferred(
      `E-mail ${id} attempt ${attempt} failed (${reason}); next attempt at ${nextAttemptAt.toISOString()}`,
    );
  }
}

function describe(error: unknown): string {
  const mailError = error as { responseCode?: number; code?: string; message?: string };
  const parts = [
    mailError?.responseCode ? `SMTP ${mailError.responseCode}` : mailError?.code,
    mailError?.message ?? String(error),
  ];
  return parts.filter(Boolean).join(': ');
}
