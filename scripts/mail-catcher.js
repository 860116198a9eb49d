// A development mail catcher for `npm start`: accepts every message on the SMTP_URL port and writes it
// to var/mail/ (MAIL_CATCHER_DIR) as an .eml file, so that the e-mails of the demo can be read without
// a mail server. Each message is announced on one line with its recipients and its decoded subject.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const libmime = require('libmime');
const { SMTPServer } = require('smtp-server');

const port = Number(new URL(process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025').port || 25);
const folder = process.env.MAIL_CATCHER_DIR ?? join(__dirname, '..', 'var', 'mail');
mkdirSync(folder, { recursive: true });
let count = 0;

/** The Subject header of a raw message, unfolded and with its encoded words (RFC 2047) decoded. */
function subjectOf(raw) {
  const head = raw.toString('utf8').split(/\r?\n\r?\n/, 1)[0];
  const folded = /^Subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1] ?? '';
  return libmime.decodeWords(folded.replace(/\r?\n[ \t]/g, ' '));
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks);
      const file = join(folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++count}.eml`);
      writeFileSync(file, raw);
      console.log(`mail to ${session.envelope.rcptTo.map((r) => r.address).join(', ')}: ${subjectOf(raw)} (${file})`);
      callback();
    });
  },
});
server.listen(port, '127.0.0.1', () =>
  console.log(`Mail catcher on 127.0.0.1:${port}; messages are written to ${folder}`),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
