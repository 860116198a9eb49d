import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '@spcomms/config';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** The Message-ID header, e.g. `<outbox.3f…@spcomms.local>`. */
  messageId: string;
  headers: Record<string, string>;
}

/** An SMTP error answered by the server (`responseCode`) or a connection failure. */
export interface MailSendError extends Error {
  responseCode?: number;
  code?: string;
}

/** A 5xx answer is permanent: retrying the same message to the same address will not help. */
export function isPermanentMailError(error: unknown): boolean {
  const code = (error as MailSendError)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** Sends over SMTP (SMTP_URL) through a small pool of connections, with bounded timeouts. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transporter?: Transporter;

  constructor(private readonly config: AppConfig) {}

  /** The domain of MAIL_FROM, used in Message-IDs. */
  get domain(): string {
    const match = /@([^>\s]+)>?\s*$/.exec(this.config.env.MAIL_FROM);
    return match ? match[1] : 'spcomms.local';
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.smtp().sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      headers: mail.headers,
    });
  }

  private smtp(): Transporter {
    if (!this.transporter) {
      this.transporter = nodemailer.createTransport({
        url: this.config.env.SMTP_URL,
        pool: true,
        maxConnections: 4,
        // Bounded, and well under MAIL_LEASE_SECONDS, so that an attempt ends before its lease does.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as Parameters<typeof nodemailer.createTransport>[0]);
    }
    return this.transporter;
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
