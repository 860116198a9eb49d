import { randomBytes } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { Role } from '@spcomms/access';
import { QueueName } from '@spcomms/queue';
import { ScheduleReconciler } from '@spcomms/schedules';
import { SCREENING_CRITERIA } from '@spcomms/submissions';
import { SmtpTestServer, TestClock } from '@spcomms/testing';
import { InProcessWorker, TEST_WORKER_ENV, startWorker, waitUntil, watchQueue } from './faults/support';
import { draftBody, editBody } from './support/letters';
import { TestApp, createTestApp } from './support/test-app';

function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; content: Buffer },
): { payload: Buffer; contentType: string } {
  const boundary = `----spcomms${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  chunks.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const pdf = (title: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Title (${title}) >>\nendobj\ntrailer\n<<>>\n%%EOF\n`, 'latin1');

/**
 * The whole path of a letter, over HTTP with the real worker: a source submits, an assistant screens and
 * drafts an urgent appeal to Iran with two co-signing mandates, the text changes after two approvals,
 * all approve again, the letter is sent and numbered, the Government replies with an attachment, and
 * at public-from the redacted letter and its reply become public.
 */
describe('the path of a communication, from the source to the public', () => {
  let sut: TestApp;
  let worker: InProcessWorker;
  let smtp: SmtpTestServer;
  let events: QueueEvents;
  const clock = new TestClock('2026-03-02T08:00:00Z');
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    sut = await createTestApp({ clock, env: { ...TEST_WORKER_ENV, SMTP_URL: smtp.url, TOKEN_TTL_HOURS: '100000' } });
    worker = await startWorker(sut);
    events = await watchQueue(sut.config, QueueName.Schedules);
    const users: Array<[string, Role, { mandates?: string[]; stateCode?: string }]> = [
      ['assistant', Role.Assistant, { mandates: ['EXPRESSION', 'DEFENDERS', 'IRN'] }],
      ['sr.expression', Role.MandateHolder, { mandates: ['EXPRESSION'] }],
      ['sr.defenders', Role.MandateHolder, { mandates: ['DEFENDERS'] }],
      ['sr.iran', Role.MandateHolder, { mandates: ['IRN'] }],
      ['gov.irn', Role.Government, { stateCode: 'IRN' }],
      ['gov.blr', Role.Government, { stateCode: 'BLR' }],
    ];
    for (const [username, role, scope] of users) {
      tokens[username] = (await sut.createUser({ username, role, ...scope })).token;
    }
  });

  afterAll(async () => {
    await events?.close();
    await worker?.close();
    await sut?.close();
    await smtp?.stop();
  });

  it('walks every step', async () => {
    // 1. A source submits through the public form and gets a receipt.
    const submitted = await sut.post(
      '/public/submissions',
      {
        stateCode: 'IRN',
        mandates: ['EXPRESSION'],
        victims: [{ kind: 'person', name: 'Sepideh Secretname', gender: 'female', ageGroup: 'adult' }],
        perpetrators: [{ kind: 'state', description: 'Revolutionary Court of Tehran' }],
        source: { name: 'Confidential Sourcename', email: 'source@example.org', relation: 'family' },
        occurredFrom: '2026-02-20',
        place: 'Tehran',
        description:
          'The journalist was sentenced to death after a trial of fifteen minutes without a lawyer of her choosing.',
        confidentialFields: ['victimNames'],
      },
      { ip: '10.9.9.9' },
    );
    expect(submitted.status).toBe(201);

    // 2. The assistant finds it, screens it (C2) and drafts an urgent appeal from it.
    const list = await sut.get('/submissions?mandate=EXPRESSION', { token: tokens.assistant });
    const submission = list.body.items.find(
      (item: { receiptCode: string }) => item.receiptCode === submitted.body.receiptCode,
    );
    const screened = await sut.post(
      `/submissions/${submission.id}/screening`,
      { criteria: SCREENING_CRITERIA.map((criterion) => ({ criterion, passed: true })) },
      { token: tokens.assistant },
    );
    expect(screened.body.status).toBe('screened');
    const victims = [{ name: 'Sepideh Secretname', gender: 'female', ageGroup: 'adult', nameConfidential: true }];
    const draft = await sut.post('/communications', draftBody({ victims, submissionIds: [submission.id] }), {
      token: tokens.assistant,
    });
    expect(draft.status).toBe(201);
    const id = draft.body.id;
    expect((await sut.get(`/submissions/${submission.id}`, { token: tokens.assistant })).body.communicationIds).toEqual(
      [id],
    );

    // 3. Two co-signers are invited and approve; the text changes; their approvals stop counting (C6).
    await sut.post(
      `/communications/${id}/invitations`,
      { mandates: ['DEFENDERS', 'IRN'] },
      { token: tokens.assistant },
    );
    for (const holder of ['sr.defenders', 'sr.iran']) {
      await sut.post(`/communications/${id}/decisions`, { version: 1, decision: 'approve' }, { token: tokens[holder] });
    }
    const revision = (await sut.get(`/communications/${id}`, { token: tokens.assistant })).body.revision;
    const edited = await sut.patch(
      `/communications/${id}`,
      editBody(revision, { victims, body: 'Sepideh Secretname was sentenced …' }),
      {
        token: tokens.assistant,
      },
    );
    expect(edited.body.mandates.filter((m: { approvedCurrentVersion: boolean }) => m.approvedCurrentVersion)).toEqual(
      [],
    );
    expect((await sut.post(`/communications/${id}/transmit`, {}, { token: tokens.assistant })).status).toBe(409);

    // 4. All approve version 2; the letter is sent and numbered in the Geneva calendar (C7, C9, C11).
    for (const holder of ['sr.expression', 'sr.defenders', 'sr.iran']) {
      expect(
        (
          await sut.post(
            `/communications/${id}/decisions`,
            { version: 2, decision: 'approve' },
            { token: tokens[holder] },
          )
        ).status,
      ).toBe(201);
    }
    const sent = await sut.post(`/communications/${id}/transmit`, {}, { token: tokens.assistant });
    expect(sent.body.letters[0]).toMatchObject({
      reference: 'UA IRN 1/2026',
      sentOn: '2026-03-02',
      replyRequestedBy: '2026-05-01',
      publicFrom: '2026-05-01',
    });

    // 5. Iran sees it and replies with an attachment; Belarus sees nothing.
    expect((await sut.get(`/portal/communications/${id}`, { token: tokens['gov.irn'] })).body.victims[0].name).toBe(
      'Sepideh Secretname',
    );
    expect((await sut.get(`/portal/communications/${id}`, { token: tokens['gov.blr'] })).status).toBe(404);
    expect(
      (
        await sut.post(
          `/portal/communications/${id}/replies`,
          { text: 'x', language: 'en' },
          { token: tokens['gov.blr'] },
        )
      ).status,
    ).toBe(404);
    clock.set('2026-04-10T09:00:00Z');
    const form = multipart(
      { text: 'The Government of the Islamic Republic of Iran rejects the allegations …', language: 'en' },
      {
        name: 'reply.pdf',
        type: 'application/pdf',
        content: pdf('Reply'),
      },
    );
    const reply = await sut.post(`/portal/communications/${id}/replies`, form.payload, {
      token: tokens['gov.irn'],
      headers: { 'content-type': form.contentType },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.onTime).toBe(true);

    // 6. The assistant sees the reply, on time; the reminders still pending are cancelled.
    const replies = await sut.get(`/communications/${id}/replies`, { token: tokens.assistant });
    expect(replies.body).toEqual([expect.objectContaining({ onTime: true, channel: 'portal' })]);
    const schedules = await sut.get(`/communications/${id}/schedules`, { token: tokens.assistant });
    const letterRows = schedules.body.filter((s: { kind: string }) => s.kind.startsWith('letter.'));
    expect(letterRows).toHaveLength(8); // four deadlines, and a sign-on deadline and a reminder per co-signer
    expect(letterRows.every((s: { state: string }) => s.state === 'cancelled')).toBe(true);

    // 7. Not public before public-from; published at public-from once the redaction is checked (C11).
    const slug = 'UA-IRN-1-2026';
    expect((await sut.get(`/public/communications/${slug}`)).status).toBe(404);
    expect(
      (await sut.post(`/communications/${id}/redaction-check`, {}, { token: tokens.assistant })).status,
    ).toBeLessThan(300);
    clock.set('2026-05-01T00:00:00+02:00');
    await worker.get(ScheduleReconciler).run();
    await waitUntil(async () => (await sut.get(`/public/communications/${slug}`)).status === 200, {
      triggers: [events],
      what: 'publication',
    });
    const record = await sut.get(`/public/communications/${slug}`);
    const text = JSON.stringify(record.body);
    expect(text).toContain('UA IRN 1/2026');
    expect(text).toContain('rejects the allegations');
    expect(text).not.toContain('Secretname');
    expect(text).not.toContain('Confidential Sourcename');
  });
});
