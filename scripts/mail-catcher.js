// A development mail catcher for `npm start`: accepts every message on the SMTP_URL port and writes it
// to var/mail/ as an .eml file, so that the e-mails of the demo can be read without a mail server.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { SMTPServer } = require('smtp-server');

const port = Number(new URL(process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025').port || 25);
const folder = join(__dirname, '..', 'var', 'mail');
mkdirSync(folder, { recursive: true });
let count = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks);
      const subject = /^Subject: (.*)$/im.exec(raw.toString('utf8'))?.[1] ?? '';
      const file = join(folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++count}.eml`);
      writeFileSync(file, raw);
      console.log(`mail to ${session.envelope.rcptTo.map((r) => r.address).join(', ')}: ${subject} (${file})`);
      callback();
    });
  },
});
server.listen(port, '127.0.0.1', () => console.log(`Mail catcher on 127.0.0.1:${port}; messages are written to ${folder}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
