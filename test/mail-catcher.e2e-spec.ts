import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

/** The development mail catcher of `npm start` (scripts/mail-catcher.js), as a developer reads it. */
describe('mail catcher', () => {
  let catcher: ChildProcess;
  let folder: string;
  let port: number;
  let output = '';

  const freePort = () =>
    new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });

  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the catcher did not print ${text}; it printed: ${output}`)),
        20_000,
      );
      const check = () => {
        if (output.includes(text)) {
          clearTimeout(timer);
          catcher.stdout!.off('data', check);
          resolve();
        }
      };
      catcher.stdout!.on('data', check);
      check();
    });

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'spcomms-mail-'));
    port = await freePort();
    catcher = spawn(process.execPath, [join(__dirname, '..', 'scripts', 'mail-catcher.js')], {
      env: { ...process.env, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_CATCHER_DIR: folder },
    });
    catcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await printed('Mail catcher on');
  });
  afterAll(() => {
    catcher.kill('SIGTERM');
    rmSync(folder, { recursive: true, force: true });
  });

  it('prints the decoded subject of each message and keeps the message', async () => {
    const subject =
      "Réponse à UA FRA 3/2026 demandée d'ici le 4 février 2027 — rappel urgent pour la Mission permanente de la France";
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'noreply@spcomms.local', to: 'focal.fra@example.org', subject, text: 'Bonjour' });
    transport.close();

    await printed('focal.fra@example.org');
    expect(output).toContain(`mail to focal.fra@example.org: ${subject} (`);
    expect(output).not.toContain('=?UTF-8?');
    expect(readdirSync(folder).filter((name) => name.endsWith('.eml'))).toHaveLength(1);
  });
});
