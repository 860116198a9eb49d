import { Role } from '@spcomms/access';
import { SmtpTestServer, TestClock } from '@spcomms/testing';
import { TestApp } from './support/test-app';
import { WorkerApp, startWorkerApp } from './support/worker-app';

/**
 * V3 with the real worker, a real SMTP server and a moved clock: an unanswered request is reminded
 * every RULE_VISIT_REMINDER_MONTHS months (6 by default) by e-mail to the State's government users;
 * an answer stops the reminders. Also the whole walk of V1 to the report (V4).
 */
describe('country visits: reminders of unanswered requests (V3)', () => {
  let harness: WorkerApp;
  let sut: TestApp;
  let smtp: SmtpTestServer;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  let assistant: string;
  let governmentChe: string;

  const CHE_EN = 'gov.che@test.local';
  const CHE_FR = 'gov.che.fr@test.local';
  const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));
  const remindersTo = (address: string) =>
    mailsTo(address).filter((mail) => /^(Reminder|Rappel|Recordatorio)\b/.test(mail.subject));
  const noticesTo = (address: string) =>
    mailsTo(address).filter((mail) => !/^(Reminder|Rappel|Recordatorio)\b/.test(mail.subject));
  const reminderRows = async (id: string) =>
    (
      (await sut
        .dataSource()
        .query(`SELECT state, due_at FROM schedule WHERE kind = 'visit.reminder' AND subject_id = $1 ORDER BY due_at`, [
          id,
        ])) as Array<{
        state: string;
        due_at: Date;
      }>
    ).map((row) => `${row.due_at.toISOString()} ${row.state}`);

  /** Moves the clock, lets the reconciler enqueue what is due, and waits until the due rows and e-mails are done. */
  const moveTo = (instant: string | Date): Promise<void> => harness.moveTo(instant);

  const request = async (stateCode: string): Promise<string> => {
    const created = await sut.post(
      '/visits',
      { mandateCode: 'TORTURE', stateCode, purpose: 'To assess places of detention' },
      { token: assistant },
    );
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const visit = async (id: string) => (await sut.get(`/visits/${id}`, { token: assistant })).body;

  beforeAll(async () => {
    harness = await startWorkerApp(clock);
    ({ sut, smtp } = harness);
    assistant = (await sut.createUser({ username: 'vr.assistant', role: Role.Assistant, mandates: ['TORTURE'] })).token;
    governmentChe = (
      await sut.createUser({ username: 'gov.che', role: Role.Government, stateCode: 'CHE', language: 'en' })
    ).token;
    await sut.createUser({ username: 'gov.che.fr', role: Role.Government, stateCode: 'CHE', language: 'fr' });
    await sut.createUser({ username: 'gov.fra', role: Role.Government, stateCode: 'FRA' });
    await sut.createUser({ username: 'gov.ita', role: Role.Government, stateCode: 'ITA' });
  });

  afterAll(() => harness?.close());

  it('walks requested → reminder_sent → accepted → dates_proposed → scheduled → under_way → completed, with the report symbol', async () => {
    clock.set('2026-03-02T09:00:00Z');
    const id = await request('CHE');
    expect(await reminderRows(id)).toEqual(['2026-09-02T06:00:00.000Z pending']);

    await moveTo('2026-09-02T05:59:00Z');
    expect(remindersTo(CHE_EN)).toHaveLength(0);
    // The State's focal points were told of the request when it was made, each in their language.
    expect(noticesTo(CHE_EN).map((mail) => mail.subject)).toEqual([
      'Country-visit request of the mandate "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment"',
    ]);
    expect(noticesTo(CHE_EN)[0].text).toContain('On 2 March 2026 the mandate');
    expect(noticesTo(CHE_EN)[0].text).toContain(`/portal/visits/${id}`);
    expect(noticesTo(CHE_FR).map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^Demande de visite du mandat/),
    ]);
    expect(noticesTo(CHE_FR)[0].text).toContain('Suisse');
    expect(mailsTo('gov.fra@test.local')).toHaveLength(0);
    expect((await visit(id)).status).toBe('requested');

    await moveTo('2026-09-02T06:00:00Z');
    expect(remindersTo(CHE_EN).map((mail) => mail.subject)).toEqual([
      'Reminder: country-visit request of the mandate "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment"',
    ]);
    expect(remindersTo(CHE_EN)[0].text).toContain('On 2 March 2026 the mandate');
    expect(remindersTo(CHE_EN)[0].text).toContain(`/portal/visits/${id}`);
    expect(remindersTo(CHE_FR).map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^Rappel : demande de visite/),
    ]);
    expect(remindersTo(CHE_FR)[0].text).toContain('Suisse');
    expect(remindersTo('gov.fra@test.local')).toHaveLength(0);

    const reminded = await visit(id);
    expect(reminded).toMatchObject({ status: 'reminder_sent', remindersSent: 1 });
    expect(reminded.history[1]).toMatchObject({
      from: 'requested',
      to: 'reminder_sent',
      move: 'remind',
      channel: 'system',
      actorRole: 'system',
      occurredAt: '2026-09-02T06:00:00.000Z',
      note: 'Reminder 1 (due 2026-09-02) e-mailed to 2 government focal point(s)',
    });
    // The next one is planned six months after the one just sent (08:00 in Geneva, winter time).
    expect(await reminderRows(id)).toEqual(['2026-09-02T06:00:00.000Z done', '2027-03-02T07:00:00.000Z pending']);

    // The State sees the reminder in its portal, then accepts.
    const portal = await sut.get(`/portal/visits/${id}`, { token: governmentChe });
    expect(portal.body).toMatchObject({ status: 'reminder_sent', remindersSent: 1 });
    clock.set('2026-09-20T10:00:00Z');
    expect(
      (await sut.post(`/portal/visits/${id}/answers`, { answer: 'accept' }, { token: governmentChe })).body.status,
    ).toBe('accepted');
    expect(await reminderRows(id)).toEqual(['2026-09-02T06:00:00.000Z done', '2027-03-02T07:00:00.000Z cancelled']);

    const proposed = await sut.post(
      `/portal/visits/${id}/answers`,
      { answer: 'propose_dates', period: { from: '2027-04-12', to: '2027-04-23' } },
      { token: governmentChe },
    );
    expect(proposed.body.status).toBe('dates_proposed');
    const scheduled = await sut.post(
      `/visits/${id}/status`,
      { status: 'scheduled', period: { from: '2027-04-12', to: '2027-04-23' } },
      { token: assistant },
    );
    expect(scheduled.body.status).toBe('scheduled');

    await moveTo('2027-04-12T06:00:00Z');
    expect((await sut.post(`/visits/${id}/status`, { status: 'under_way' }, { token: assistant })).body.status).toBe(
      'under_way',
    );
    await moveTo('2027-04-23T16:00:00Z');
    const completed = await sut.post(`/visits/${id}/status`, { status: 'completed' }, { token: assistant });
    expect(completed.body).toMatchObject({ status: 'completed', endOfMissionOn: '2027-04-23' });
    const reported = await sut.patch(
      `/visits/${id}/outcome`,
      { reportSymbol: 'A/HRC/58/50/Add.1', reportSession: 58 },
      { token: assistant },
    );
    expect(reported.status).toBe(200);
    expect(reported.body.report).toEqual({ symbol: 'A/HRC/58/50/Add.1', session: 58 });
    expect(reported.body.history.map((change: { to: string }) => change.to)).toEqual([
      'requested',
      'reminder_sent',
      'accepted',
      'dates_proposed',
      'scheduled',
      'under_way',
      'completed',
    ]);

    // The cancelled reminder never goes out.
    await moveTo('2027-09-02T07:00:00Z');
    expect(remindersTo(CHE_EN)).toHaveLength(1);
    expect(remindersTo(CHE_FR)).toHaveLength(1);
    expect(noticesTo(CHE_EN)).toHaveLength(1);
  });

  it('reminds every six months while unanswered, each reminder once, and stops at the answer', async () => {
    clock.set('2027-10-01T09:00:00Z');
    const id = await request('FRA');
    const gov = 'gov.fra@test.local';

    await moveTo('2028-04-01T06:00:00Z');
    await moveTo('2028-10-01T06:00:00Z');
    await moveTo('2029-04-01T06:00:00Z');
    expect(remindersTo(gov)).toHaveLength(3);
    expect(new Set(remindersTo(gov).map((mail) => mail.messageId)).size).toBe(3);
    expect(await visit(id)).toMatchObject({ status: 'reminder_sent', remindersSent: 3 });

    // Running the reconciler again, at the same instant, sends nothing more.
    await moveTo('2029-04-01T06:00:00Z');
    expect(remindersTo(gov)).toHaveLength(3);

    clock.set('2029-05-01T09:00:00Z');
    await sut.post(`/visits/${id}/answers`, { answer: 'decline', channel: 'note_verbale' }, { token: assistant });
    await moveTo('2029-10-01T06:00:00Z');
    expect(remindersTo(gov)).toHaveLength(3);
    expect((await visit(id)).history.map((change: { move: string }) => change.move)).toEqual([
      'request',
      'remind',
      'remind',
      'remind',
      'decline',
    ]);
  });

  it('counts the reminders of an acknowledged request from the acknowledgement', async () => {
    clock.set('2030-01-10T09:00:00Z');
    const id = await request('ITA');
    clock.set('2030-05-20T09:00:00Z');
    await sut.post(`/visits/${id}/answers`, { answer: 'acknowledge', channel: 'meeting' }, { token: assistant });

    await moveTo('2030-07-10T06:00:00Z');
    expect(remindersTo('gov.ita@test.local')).toHaveLength(0);
    await moveTo('2030-11-20T07:00:00Z');
    expect(remindersTo('gov.ita@test.local')).toHaveLength(1);
    expect(await visit(id)).toMatchObject({ status: 'reminder_sent', remindersSent: 1 });
    expect((await visit(id)).history[2]).toMatchObject({ from: 'acknowledged', to: 'reminder_sent' });
  });
});
