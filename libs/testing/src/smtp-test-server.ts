import { EventEmitter } from 'node:events';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/** A message the server accepted (answered 250 to). */
export interface ReceivedMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
  raw: string;
}

type Mode = { kind: 'accept' } | { kind: 'refuse'; code: number; remaining: number } | { kind: 'hold' };

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) as nodemailer writes them. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '').toLowerCase()) {
    case 'quoted-printable':
      return Buffer.from(
        body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8');
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

function parse(raw: string, session: SMTPServerSession): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split + 4) : '';
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
    }
  }
  return {
    messageId: headers['message-id'] ?? '',
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
    subject: headers.subject ?? '',
    text: decodeBody(body, headers['content-transfer-encoding']).replace(/\r\n/g, '\n'),
    headers,
    raw,
  };
}

/**
 * A real SMTP server on 127.0.0.1 for tests. It records what it accepts, and can be told to
 * refuse (4xx or 5xx) the next messages, or to hold its answer to DATA until released: a client
 * killed while waiting has not been told 250, so a held message is dropped, as a real server
 * drops a transaction it never confirmed.
 */
export class SmtpTestServer extends EventEmitter {
  readonly received: ReceivedMail[] = [];
  /** Messages refused or dropped, with the code answered. */
  readonly refused: Array<{ code: number; to: string[] }> = [];
  private mode: Mode = { kind: 'accept' };
  private readonly held: Array<() => void> = [];
  private port = 0;

  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    banner: 'spcomms test SMTP',
    size: 10 * 1024 * 1024,
    onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => this.answer(Buffer.concat(chunks).toString('utf8'), session, callback));
    },
    onClose: (session: SMTPServerSession) => this.onClientClose(session),
  });

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<SmtpTestServer> {
    const server = new SmtpTestServer();
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    server.port = (server.server.server.address() as AddressInfo).port;
    server.server.on('error', () => undefined);
    return server;
  }

  /** Refuse the next `count` messages (all, until told otherwise, when omitted) with `code`. */
  refuse(code: number, count = Number.POSITIVE_INFINITY): void {
    this.mode = { kind: 'refuse', code, remaining: count };
  }

  /** Keep every DATA answer pending until `accept()`. */
  hold(): void {
    this.mode = { kind: 'hold' };
  }

  /** Accept from now on; held messages are answered 250 if their client still listens. */
  accept(): void {
    this.mode = { kind: 'accept' };
    for (const release of this.held.splice(0)) {
      release();
    }
  }

  get heldCount(): number {
    return this.held.length;
  }

  /** Accepted messages per Message-ID, to spot a message sent twice. */
  countsByMessageId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mail of this.received) {
      counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
    }
    return counts;
  }

  /** Resolves once `received.length >= count`; rejects after `timeoutMs`. */
  waitForCount(count: number, timeoutMs = 30_000): Promise<void> {
    return this.waitFor(() => this.received.length >= count, timeoutMs, `${count} message(s)`);
  }

  waitForHeld(count: number, timeoutMs = 30_000): Promise<void> {
    return this.waitFor(() => this.held.length >= count, timeoutMs, `${count} held message(s)`);
  }

  waitForRefused(count: number, timeoutMs = 30_000): Promise<void> {
    return this.waitFor(() => this.refused.length >= count, timeoutMs, `${count} refused message(s)`);
  }

  private waitFor(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (done()) {
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onChange = () => {
        if (done()) {
          clearTimeout(timer);
          this.off('change', onChange);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.off('change', onChange);
        reject(
          new Error(
            `SMTP test server: waited ${timeoutMs} ms for ${what}; received ${this.received.length}, refused ${this.refused.length}, held ${this.held.length}`,
          ),
        );
      }, timeoutMs);
      this.on('change', onChange);
    });
  }

  private answer(raw: string, session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    const mode = this.mode;
    if (mode.kind === 'refuse' && mode.remaining > 0) {
      mode.remaining -= 1;
      if (mode.remaining <= 0) {
        this.mode = { kind: 'accept' };
      }
      this.refused.push({ code: mode.code, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
      this.emit('change');
      callback(
        Object.assign(new Error(mode.code >= 500 ? 'Mailbox unavailable (test)' : 'Try again later (test)'), {
          responseCode: mode.code,
        }),
      );
      return;
    }
    const mail = parse(raw, session);
    if (mode.kind === 'hold') {
      let settled = false;
      const release = () => {
        if (!settled) {
          settled = true;
          this.deliver(mail, callback);
        }
      };
      this.held.push(release);
      // The client went away before our answer: nothing was accepted.
      const drop = () => {
        if (!settled) {
          settled = true;
          this.held.splice(this.held.indexOf(release), 1);
          this.refused.push({ code: 0, to: mail.to });
          this.emit('change');
        }
      };
      this.connectionClosed(session, drop);
      this.emit('change');
      return;
    }
    this.deliver(mail, callback);
  }

  private readonly closeWatchers = new Map<string, Array<() => void>>();

  private connectionClosed(session: SMTPServerSession, onClose: () => void): void {
    const watchers = this.closeWatchers.get(session.id) ?? [];
    watchers.push(onClose);
    this.closeWatchers.set(session.id, watchers);
  }

  private deliver(mail: ReceivedMail, callback: (error?: Error | null) => void): void {
    this.received.push(mail);
    this.emit('change');
    callback(null);
  }

  /** Called by smtp-server when a client connection closes. */
  private onClientClose(session: SMTPServerSession): void {
    for (const watcher of this.closeWatchers.get(session.id) ?? []) {
      watcher();
    }
    this.closeWatchers.delete(session.id);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
