import { QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { Role, systemActor } from '@spcomms/access';
import { UsersService } from '@spcomms/accounts';
import { TransactionHost } from '@spcomms/database';
import { MailRelay, MailTemplate, NotificationsService } from '@spcomms/notifications';
import { QueueName } from '@spcomms/queue';
import { SmtpTestServer, TestClock, TestResources } from '@spcomms/testing';
import { InProcessWorker, count, createWorkerResources, startWorker, waitUntil, watchQueue } from './support';
import { TestReminderHandler } from './test-reminder.handler';

/** Fault (d): the mail server refuses for a while; every message goes out once, when it accepts again. */
describe('e-mail delivery when the SMTP server refuses', () => {
  let resources: TestResources;
  let smtp: SmtpTestServer;
  let worker: InProcessWorker;
  let clock: TestClock;
  let db: DataSource;
  let events: QueueEvents;
  let notifications: NotificationsService;
  let tx: TransactionHost;
  let n = 0;

  const outbox = (kind: string) =>
    db.query(
      `SELECT id, state, attempts, last_error, sent_at, recipient_address FROM outbox_message WHERE kind = $1 ORDER BY recipient_address`,
      [kind],
    ) as Promise<
      Array<{ id: string; state: string; attempts: number; last_error: string | null; recipient_address: string }>
    >;
  const enqueue = (kind: string, addresses: string[]) =>
    tx.run(async () => {
      for (const address of addresses) {
        await notifications.enqueue({
          kind,
          subject: { type: 'communication', id: `letter-${++n}` },
          to: { address, language: 'en' },
          template: MailTemplate.ReplyReceipt,
          params: {
            reference: `AL TST ${n}/2026`,
            receivedOn: '2026-03-02',
            receiptCode: `R-TST${n}`,
            link: 'http://localhost/l',
          },
        });
      }
    });
  const allIn = (kind: string, state: string) =>
    waitUntil(async () => (await outbox(kind)).every((row) => row.state === state), {
      triggers: [events, smtp],
      what: `${kind} ${state}`,
    });

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    clock = new TestClock('2026-03-02T09:00:00Z');
    resources = await createWorkerResources(
      { SMTP_URL: smtp.url, MAIL_MAX_ATTEMPTS: '4', MAIL_RETRY_BASE_SECONDS: '60' },
      clock,
    );
    worker = await startWorker(resources, { scheduleHandlers: [TestReminderHandler] });
    db = worker.dataSource;
    events = await watchQueue(resources.config, QueueName.Mail);
    notifications = worker.get(NotificationsService);
    tx = worker.get(TransactionHost);
  });

  afterAll(async () => {
    await events?.close();
    await worker?.close();
    await resources?.release();
    await smtp?.stop();
  });

  it('retries 4xx refusals with back-off and sends each message once when the server accepts', async () => {
    smtp.refuse(451);
    const addresses = [
      'a@mission.example',
      'b@mission.example',
      'c@mission.example',
      'd@mission.example',
      'e@mission.example',
    ];
    await enqueue('test.refused', addresses);
    await smtp.waitForRefused(5);
    await allIn('test.refused', 'pending');
    expect((await outbox('test.refused')).map((row) => [row.attempts, row.last_error])).toEqual(
      addresses.map(() => [1, 'SMTP 451: Message failed: 451 Try again later (test)']),
    );

    // Not before the back-off (60 s): a reconcile now brings nothing forward.
    expect((await worker.get(MailRelay).reconcile()).advanced).toBe(0);

    // Second attempt, still refused.
    clock.advance({ seconds: 61 });
    await worker.get(MailRelay).reconcile();
    await smtp.waitForRefused(10);
    await waitUntil(
      async () => (await outbox('test.refused')).every((row) => row.attempts === 2 && row.state === 'pending'),
      {
        triggers: [events, smtp],
      },
    );

    // The server accepts again; at the next attempt (120 s later) everything goes out, once.
    smtp.accept();
    clock.advance({ seconds: 121 });
    await worker.get(MailRelay).reconcile();
    await allIn('test.refused', 'sent');
    const received = smtp.received.filter((mail) => addresses.includes(mail.to[0]));
    expect(received.map((mail) => mail.to[0]).sort()).toEqual(addresses);
    expect(new Set(received.map((mail) => mail.messageId)).size).toBe(5);
    expect((await outbox('test.refused')).map((row) => row.attempts)).toEqual([3, 3, 3, 3, 3]);
  });

  it('records a 5xx refusal as a permanent failure, without retrying', async () => {
    smtp.refuse(550, 1);
    await enqueue('test.rejected', ['nobody@mission.example']);
    await allIn('test.rejected', 'failed');
    const [row] = await outbox('test.rejected');
    expect(row).toMatchObject({
      state: 'failed',
      attempts: 1,
      last_error: 'SMTP 550: Message failed: 550 Mailbox unavailable (test)',
    });
    clock.advance({ days: 1 });
    await worker.get(MailRelay).reconcile();
    expect((await outbox('test.rejected'))[0].attempts).toBe(1);
    expect(smtp.received.some((mail) => mail.to.includes('nobody@mission.example'))).toBe(false);
  });

  it('gives up after MAIL_MAX_ATTEMPTS temporary failures and says so', async () => {
    smtp.refuse(421);
    await enqueue('test.exhausted', ['busy@mission.example']);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await waitUntil(
        async () =>
          (await outbox('test.exhausted'))[0].attempts === attempt &&
          (await outbox('test.exhausted'))[0].state !== 'sending',
        {
          triggers: [events, smtp],
          what: `attempt ${attempt}`,
        },
      );
      clock.advance({ hours: 1 });
      await worker.get(MailRelay).reconcile();
    }
    smtp.accept();
    const [row] = await outbox('test.exhausted');
    expect(row.state).toBe('failed');
    expect(row.last_error).toBe('SMTP 421: Message failed: 421 Try again later (test) (gave up after 4 attempts)');
  });

  it('writes one message per key, in the language of the user, and nothing to a disabled user', async () => {
    const users = worker.get(UsersService);
    const system = systemActor('test');
    const maria = await users.create(system, {
      username: 'maria.focal',
      displayName: 'María',
      email: 'maria@mision.example',
      password: 'test-password-123',
      role: Role.Government,
      stateCode: 'ESP',
      language: 'es',
    });
    const gone = await users.create(system, {
      username: 'gone.focal',
      displayName: 'Gone',
      email: 'gone@mission.example',
      password: 'test-password-123',
      role: Role.Government,
      stateCode: 'ESP',
    });
    await users.setDisabled(system, gone.id, true);

    const mail = (userId: string) => ({
      kind: 'test.language',
      subject: { type: 'communication', id: 'letter-es' },
      to: { userId },
      template: MailTemplate.LetterTransmitted,
      params: {
        reference: 'UA ESP 1/2026',
        recipientTo: 'a España',
        sentOn: '2026-03-02',
        replyDueOn: '2026-05-01',
        link: 'http://localhost/l',
      },
    });
    expect(await tx.run(() => notifications.enqueue(mail(maria.id)))).toBe(true);
    expect(await tx.run(() => notifications.enqueue(mail(maria.id)))).toBe(false);
    expect(await tx.run(() => notifications.enqueue(mail(gone.id)))).toBe(false);

    await allIn('test.language', 'sent');
    const sent = smtp.received.filter((message) => message.to.includes('maria@mision.example'));
    expect(sent).toHaveLength(1);
    expect(sent[0].subject).toBe('Nueva comunicación UA ESP 1/2026 de los procedimientos especiales');
    expect(sent[0].text).toContain('Se solicita respuesta a más tardar el: 1 de mayo de 2026');
    expect(await count(db, `SELECT count(*) AS n FROM outbox_message WHERE kind = 'test.language'`)).toBe(1);
  });

  it('refuses a message with a missing parameter in the caller, not in the worker', async () => {
    await expect(
      tx.run(() =>
        notifications.enqueue({
          kind: 'test.bad',
          subject: { type: 'communication', id: 'x' },
          to: { address: 'x@mission.example', language: 'fr' },
          template: MailTemplate.ReminderAfter,
          params: { reference: 'AL X 1/2026' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'mail.missing_params' });
    expect(await count(db, `SELECT count(*) AS n FROM outbox_message WHERE kind = 'test.bad'`)).toBe(0);
  });
  it('writes a set of messages in one call: each key once, disabled users skipped, answers in order, nothing when one is bad', async () => {
    const users = worker.get(UsersService);
    const system = systemActor('test');
    const [ana, luis, off] = await Promise.all(
      ['ana', 'luis', 'off'].map((name) =>
        users.create(system, {
          username: `many.${name}`,
          displayName: name,
          email: `${name}@many.example`,
          role: Role.Government,
          language: 'es',
          password: 'correct horse battery',
          stateCode: 'ESP',
        }),
      ),
    );
    await users.setDisabled(system, off.id, true);
    const mail = (userId: string, letter: string) => ({
      kind: 'test.many',
      subject: { type: 'communication', id: letter },
      to: { userId },
      template: MailTemplate.LetterTransmitted,
      params: {
        reference: `UA ESP ${letter}/2026`,
        recipientTo: 'a España',
        sentOn: '2026-03-02',
        replyDueOn: '2026-05-01',
        link: 'http://localhost/l',
      },
    });
    await tx.run(() => notifications.enqueue(mail(luis.id, '2')));

    const answers = await tx.run(() =>
      notifications.enqueueMany([
        mail(ana.id, '1'),
        mail(luis.id, '1'),
        mail(ana.id, '1'),
        mail(off.id, '1'),
        mail(luis.id, '2'),
        mail(ana.id, '2'),
      ]),
    );

    expect(answers).toEqual([true, true, false, false, false, true]);
    expect(
      await db.query(
        `SELECT subject_id, recipient_address, language, params->>'reference' AS reference FROM outbox_message WHERE kind = 'test.many' ORDER BY subject_id, recipient_address`,
      ),
    ).toEqual([
      { subject_id: '1', recipient_address: 'ana@many.example', language: 'es', reference: 'UA ESP 1/2026' },
      { subject_id: '1', recipient_address: 'luis@many.example', language: 'es', reference: 'UA ESP 1/2026' },
      { subject_id: '2', recipient_address: 'ana@many.example', language: 'es', reference: 'UA ESP 2/2026' },
      { subject_id: '2', recipient_address: 'luis@many.example', language: 'es', reference: 'UA ESP 2/2026' },
    ]);
    await expect(
      tx.run(() =>
        notifications.enqueueMany([
          mail(ana.id, '3'),
          { ...mail(luis.id, '3'), params: { reference: 'UA ESP 3/2026' } },
        ]),
      ),
    ).rejects.toMatchObject({
      code: 'mail.missing_params',
    });
    expect(
      await count(db, `SELECT count(*) AS n FROM outbox_message WHERE kind = 'test.many' AND subject_id = '3'`),
    ).toBe(0);
    await allIn('test.many', 'sent');
    expect(smtp.received.filter((message) => message.to.some((to) => to.endsWith('@many.example')))).toHaveLength(4);
  });
});
