import { Role } from '@spcomms/access';
import { LetterReminderBefore, LetterSchedulesService, ReminderBeforeHandler } from '@spcomms/communications';
import { TransactionHost } from '@spcomms/database';
import { ScheduleHandlerRegistry, ScheduleRunner } from '@spcomms/schedules';
import { SmtpTestServer, TestClock } from '@spcomms/testing';
import { InProcessWorker } from './faults/support';
import { draftBody } from './support/letters';
import { TestApp } from './support/test-app';
import { WorkerApp, startWorkerApp } from './support/worker-app';

/** C9, C13 and the sign-on deadline, with the real worker, a real SMTP server and a moved clock. */
describe('letter deadlines: reminders, overdue mark, extension, sign-on deadline', () => {
  let harness: WorkerApp;
  let sut: TestApp;
  let worker: InProcessWorker;
  let smtp: SmtpTestServer;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  let assistant: string;
  let srExpression: string;
  let srDefenders: string;

  const rows = async (id: string) =>
    (await sut
      .dataSource()
      .query(`SELECT kind, state, due_at FROM schedule WHERE subject_id = $1 ORDER BY due_at, kind`, [id])) as Array<{
      kind: string;
      state: string;
      due_at: Date;
    }>;
  const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));

  /** Moves the clock, lets the reconciler enqueue what is due, and waits until the due rows are done. */
  const moveTo = (instant: string | Date): Promise<void> => harness.moveTo(instant);

  async function sendUa(recipient = 'IRN'): Promise<{ id: string; reference: string }> {
    const draft = await sut.post('/communications', draftBody({ recipientStateCode: recipient }), { token: assistant });
    await sut.post(
      `/communications/${draft.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: srExpression },
    );
    const sent = await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: assistant });
    expect(sent.status).toBe(200);
    return sent.body.letters[0];
  }

  beforeAll(async () => {
    harness = await startWorkerApp(clock);
    ({ sut, worker, smtp } = harness);
    assistant = (
      await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION', 'DEFENDERS'] })
    ).token;
    srExpression = (
      await sut.createUser({ username: 'sr.expression', role: Role.MandateHolder, mandates: ['EXPRESSION'] })
    ).token;
    srDefenders = (
      await sut.createUser({ username: 'sr.defenders', role: Role.MandateHolder, mandates: ['DEFENDERS'] })
    ).token;
    await sut.createUser({ username: 'gov.irn', role: Role.Government, stateCode: 'IRN', language: 'fr' });
    await sut.createUser({ username: 'gov.egy', role: Role.Government, stateCode: 'EGY', language: 'en' });
  });

  afterAll(() => harness?.close());

  it('reminds on the right days, marks the letter overdue the day after, and e-mails each once', async () => {
    clock.set('2026-03-02T09:00:00Z');
    const letter = await sendUa('IRN');
    await moveTo('2026-03-02T09:00:01Z');
    const gov = 'gov.irn@test.local';
    expect(mailsTo(gov).map((mail) => mail.subject)).toEqual([expect.stringContaining(letter.reference)]);
    // In the reader's language (French here): the State with its article, dates written out, no ISO date.
    const transmitted = mailsTo(gov)[0].text;
    expect(transmitted).toContain("a été transmise à la République islamique d'Iran.");
    expect(transmitted).toContain('Envoyée le : 2 mars 2026');
    expect(transmitted).toContain("Réponse demandée d'ici le : 1 mai 2026");
    expect(transmitted).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    const deadlines = (await rows(letter.id)).filter((row) => row.kind.startsWith('letter.'));
    expect(deadlines.map((row) => [row.kind, row.due_at.toISOString()])).toEqual([
      ['letter.reminder.before', '2026-04-17T06:00:00.000Z'],
      ['letter.reminder.due', '2026-05-01T06:00:00.000Z'],
      ['letter.overdue', '2026-05-01T22:00:00.000Z'],
      ['letter.reminder.after', '2026-05-31T06:00:00.000Z'],
    ]);

    await moveTo('2026-04-17T05:59:00Z');
    expect(mailsTo(gov)).toHaveLength(1);
    await moveTo('2026-04-17T06:00:00Z');
    expect(mailsTo(gov)).toHaveLength(2);
    expect(mailsTo(gov)[1].subject).toMatch(/^Rappel/);

    await moveTo('2026-05-01T06:00:00Z');
    expect(mailsTo(gov)).toHaveLength(3);
    const [{ overdue_marked_at: notYet }] = await sut
      .dataSource()
      .query(`SELECT overdue_marked_at FROM communication WHERE id = $1`, [letter.id]);
    expect(notYet).toBeNull();

    await moveTo('2026-05-01T22:00:00Z');
    const [{ overdue_marked_at: marked }] = await sut
      .dataSource()
      .query(`SELECT overdue_marked_at FROM communication WHERE id = $1`, [letter.id]);
    expect(marked.toISOString()).toBe('2026-05-01T22:00:00.000Z');
    expect(
      mailsTo('assistant@test.local')
        .filter((mail) => /overdue/.test(mail.subject))
        .map((mail) => mail.subject),
    ).toEqual([`${letter.reference} is overdue`]);

    await moveTo('2026-05-31T06:00:00Z');
    expect(mailsTo(gov)).toHaveLength(4);
    expect(
      (await rows(letter.id)).filter((row) => row.kind.startsWith('letter.')).every((row) => row.state === 'done'),
    ).toBe(true);

    // Running the reconciler again sends nothing more.
    await moveTo('2026-06-30T06:00:00Z');
    expect(mailsTo(gov)).toHaveLength(4);
    const reminders = await sut
      .dataSource()
      .query(
        `SELECT after->>'kind' AS kind FROM audit_event WHERE subject_id = $1 AND action = 'communication.reminder' ORDER BY seq`,
        [letter.id],
      );
    expect(reminders.map((row: { kind: string }) => row.kind)).toEqual([
      'letter.reminder.before',
      'letter.reminder.due',
      'letter.reminder.after',
    ]);
  });

  it('sends no reminder after a reply', async () => {
    clock.set('2026-07-01T09:00:00Z');
    const letter = await sendUa('EGY');
    await moveTo('2026-07-01T09:00:01Z');
    const before = mailsTo('gov.egy@test.local').length;
    const tx = sut.app.get(TransactionHost);
    expect(await tx.run(() => sut.app.get(LetterSchedulesService).replyReceived(letter.id))).toBe(4);
    await moveTo('2026-10-30T09:00:00Z');
    expect(mailsTo('gov.egy@test.local')).toHaveLength(before);
    expect((await rows(letter.id)).filter((row) => row.kind.startsWith('letter.')).map((row) => row.state)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
  });

  it('moves the reminders after an extension', async () => {
    clock.set('2026-11-02T09:00:00Z');
    const letter = await sendUa('IRN');
    const extended = await sut.post(
      `/communications/${letter.id}/extension`,
      { replyRequestedBy: '2027-02-15', reason: 'The Government asked for time to consult the judiciary' },
      { token: assistant },
    );
    expect(extended.status).toBe(200);
    expect(extended.body.replyRequestedBy).toBe('2027-02-15');
    const pending = (await rows(letter.id)).filter((row) => row.state === 'pending' && row.kind.startsWith('letter.'));
    expect(pending.map((row) => [row.kind, row.due_at.toISOString()])).toEqual([
      ['letter.reminder.before', '2027-02-01T07:00:00.000Z'],
      ['letter.reminder.due', '2027-02-15T07:00:00.000Z'],
      ['letter.overdue', '2027-02-15T23:00:00.000Z'],
      ['letter.reminder.after', '2027-03-17T07:00:00.000Z'],
    ]);
    const gov = 'gov.irn@test.local';
    await moveTo('2026-11-02T09:00:01Z');
    const before = mailsTo(gov).length;
    await moveTo('2027-01-02T12:00:00Z'); // the original reply date has passed: nothing
    expect(mailsTo(gov)).toHaveLength(before);
    await moveTo('2027-02-01T07:00:00Z');
    expect(mailsTo(gov)).toHaveLength(before + 1);

    const refused = await sut.post(
      `/communications/${letter.id}/extension`,
      { replyRequestedBy: '2026-10-01', reason: 'Before sending' },
      { token: assistant },
    );
    expect(refused.status).toBe(422);
  });

  it('drops a silent co-signer at its sign-on deadline, after a reminder half-way', async () => {
    clock.set('2027-03-01T09:00:00Z');
    const draft = await sut.post('/communications', draftBody({ type: 'UA' }), { token: assistant });
    await sut.post(`/communications/${draft.body.id}/invitations`, { mandates: ['DEFENDERS'] }, { token: assistant });
    await moveTo('2027-03-01T09:00:01Z');
    expect(mailsTo('sr.defenders@test.local').map((mail) => mail.subject)).toHaveLength(1);
    // The sign-on deadline (24 hours for an urgent appeal) in words and in Geneva time, never an ISO instant.
    const asked = mailsTo('sr.defenders@test.local')[0].text;
    expect(asked).toContain('by 2 March 2027 at 10:00 (Geneva time)');
    expect(asked).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    await moveTo('2027-03-01T21:00:00Z');
    expect(mailsTo('sr.defenders@test.local')).toHaveLength(2);
    const still = await sut.get(`/communications/${draft.body.id}`, { token: assistant });
    expect(still.body.mandates.find((m: { code: string }) => m.code === 'DEFENDERS').participation).toBe('invited');

    await moveTo('2027-03-02T09:00:00Z');
    const after = await sut.get(`/communications/${draft.body.id}`, { token: assistant });
    expect(after.body.mandates.find((m: { code: string }) => m.code === 'DEFENDERS').participation).toBe('dropped');

    // The letter can now go with the lead's approval alone.
    await sut.post(
      `/communications/${draft.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: srExpression },
    );
    expect((await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: assistant })).status).toBe(200);
  });
  it('ends the invitations of every co-signer when the letter is sent, a declined one included', async () => {
    clock.set('2027-04-01T09:00:00Z');
    const draft = await sut.post('/communications', draftBody({ type: 'AL' }), { token: assistant });
    await sut.post(`/communications/${draft.body.id}/invitations`, { mandates: ['DEFENDERS'] }, { token: assistant });
    const invitation = () =>
      sut
        .dataSource()
        .query(
          `SELECT kind, state FROM schedule WHERE subject_type = 'communication_cosigner' AND subject_id LIKE $1`,
          [`${draft.body.id}/%`],
        ) as Promise<Array<{ kind: string; state: string }>>;
    expect((await invitation()).map((row) => row.state)).toEqual(['pending', 'pending']);
    const declined = await sut.post(
      `/communications/${draft.body.id}/decisions`,
      { version: 1, decision: 'decline' },
      { token: srDefenders },
    );
    expect(declined.status).toBe(201);
    expect((await invitation()).map((row) => row.state)).toEqual(['pending', 'pending']);

    await sut.post(
      `/communications/${draft.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: srExpression },
    );
    expect((await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: assistant })).status).toBe(200);
    expect((await invitation()).map((row) => row.state)).toEqual(['cancelled', 'cancelled']);
  });

  it('reminds the focal points of letters falling due together in one batch, each of its own letter, once', async () => {
    clock.set('2027-06-01T09:00:00Z');
    const letters = [await sendUa('IRN'), await sendUa('EGY'), await sendUa('IRN')];
    await moveTo('2027-06-01T09:00:01Z');
    const ids = letters.map((letter) => letter.id);
    const due: Array<{ id: string; subject_id: string; due_at: Date }> = await sut
      .dataSource()
      .query(
        `SELECT id, subject_id, due_at FROM schedule WHERE kind = 'letter.reminder.before' AND state = 'pending' AND subject_id = ANY($1) ORDER BY subject_id`,
        [ids],
      );
    expect(due).toHaveLength(3);
    clock.set(due[0].due_at.toISOString());
    const handler = worker.get(ScheduleHandlerRegistry).get(LetterReminderBefore) as ReminderBeforeHandler;
    const runMany = jest.spyOn(handler, 'runMany');

    const results = await worker
      .get(ScheduleRunner)
      .runMany(due.map((row) => ({ scheduleId: row.id, jobId: `test:${row.id}` })));

    expect(results).toEqual(due.map(() => ({ status: 'fulfilled', value: 'done' })));
    expect(runMany).toHaveBeenCalledTimes(1);
    expect(runMany.mock.calls[0][0].map((view) => view.subject.id).sort()).toEqual([...ids].sort());
    const names = Object.fromEntries(
      (
        await sut
          .dataSource()
          .query(`SELECT code, phrases->'en'->>'to' AS name FROM state WHERE code IN ('IRN', 'EGY')`)
      ).map((row: { code: string; name: string }) => [row.code, row.name]),
    );
    const written = await sut.dataSource().query(
      `SELECT subject_id, recipient_address AS "to", occasion, params->>'reference' AS reference, params->>'recipientTo.en' AS recipient
         FROM outbox_message WHERE kind = 'letter.reminder.before' AND subject_id = ANY($1) ORDER BY reference`,
      [ids],
    );
    const expected = letters
      .map((letter, index) => {
        const state = index === 1 ? 'EGY' : 'IRN';
        const row = due.find((candidate) => candidate.subject_id === letter.id)!;
        return {
          subject_id: letter.id,
          to: `gov.${state.toLowerCase()}@test.local`,
          occasion: row.id,
          reference: letter.reference,
          recipient: names[state],
        };
      })
      .sort((a, b) => a.reference.localeCompare(b.reference));
    expect(written).toEqual(expected);
    const logged = await sut
      .dataSource()
      .query(
        `SELECT subject_id, (after->>'emails')::int AS emails FROM audit_event WHERE action = 'communication.reminder' AND after->>'kind' = 'letter.reminder.before' AND subject_id = ANY($1) ORDER BY subject_id`,
        [ids],
      );
    expect(logged).toEqual([...ids].sort().map((id) => ({ subject_id: id, emails: 1 })));

    // The same rows again: nothing is done twice.
    const again = await worker
      .get(ScheduleRunner)
      .runMany(due.map((row) => ({ scheduleId: row.id, jobId: `again:${row.id}` })));
    expect(again).toEqual(due.map(() => ({ status: 'fulfilled', value: 'not_pending' })));
    await moveTo(clock.now().toISOString());
    for (const letter of letters) {
      expect(
        smtp.received.filter(
          (mail) => mail.subject.includes(letter.reference) && /^(Rappel|Reminder)/.test(mail.subject),
        ),
      ).toHaveLength(1);
    }
    runMany.mockRestore();
  });
  it('skips the reminders that would run after their day (the worker down), logs them, and still sends the one after the date', async () => {
    clock.set('2028-01-10T09:00:00Z');
    const letter = await sendUa('EGY');
    await moveTo('2028-01-10T09:00:01Z');
    const mails = () => mailsTo('gov.egy@test.local').filter((mail) => mail.subject.includes(letter.reference));
    expect(mails()).toHaveLength(1);

    // Every deadline of the letter has passed when the worker next runs: before, due, overdue and after at once.
    await moveTo('2028-05-01T09:00:00Z');
    expect(mails().map((mail) => mail.subject)).toEqual([expect.any(String), expect.stringMatching(/^Overdue/)]);
    const logged = async (action: string) =>
      (
        await sut
          .dataSource()
          .query(
            `SELECT after->>'kind' AS kind, after->>'ranOn' AS "ranOn" FROM audit_event WHERE subject_id = $1 AND action = $2 ORDER BY seq`,
            [letter.id, action],
          )
      ).map((row: { kind: string; ranOn: string | null }) => [row.kind, row.ranOn]);
    expect(await logged('communication.reminder')).toEqual([['letter.reminder.after', null]]);
    expect(await logged('communication.reminder_skipped')).toEqual([
      ['letter.reminder.before', '2028-05-01'],
      ['letter.reminder.due', '2028-05-01'],
    ]);
    // The skipped reminders say so in the letter's schedules, and the skip is on its timeline.
    const schedules = await sut.get(`/communications/${letter.id}/schedules`, { token: assistant });
    expect(schedules.status).toBe(200);
    expect(
      schedules.body
        .filter((row: { kind: string }) => row.kind.startsWith('letter.'))
        .map((row: { kind: string; state: string }) => [row.kind, row.state]),
    ).toEqual([
      ['letter.reminder.before', 'skipped'],
      ['letter.reminder.due', 'skipped'],
      ['letter.overdue', 'done'],
      ['letter.reminder.after', 'done'],
    ]);
    const timeline = await sut.get(`/communications/${letter.id}/timeline`, { token: srExpression });
    expect(timeline.status).toBe(200);
    const skipped = timeline.body.filter(
      (event: { action: string }) => event.action === 'communication.reminder_skipped',
    );
    expect(
      skipped.map((event: { actor: { label: string }; after: { kind: string } }) => [
        event.actor.label,
        event.after.kind,
      ]),
    ).toEqual([
      ['reminders', 'letter.reminder.before'],
      ['reminders', 'letter.reminder.due'],
    ]);
    expect(timeline.body.map((event: { action: string }) => event.action)).toEqual(
      expect.arrayContaining([
        'communication.create',
        'communication.transmit',
        'communication.reminder',
        'communication.overdue',
      ]),
    );
    // Read exactly as the letter is: another mandate's assistant and a Government user get what they get for the letter.
    const outsider = (
      await sut.createUser({ username: 'assistant.torture', role: Role.Assistant, mandates: ['TORTURE'] })
    ).token;
    const government = await sut.login('gov.egy');
    for (const token of [outsider, government]) {
      const letterAnswer = await sut.get(`/communications/${letter.id}`, { token });
      const timelineAnswer = await sut.get(`/communications/${letter.id}/timeline`, { token });
      expect([timelineAnswer.status, timelineAnswer.body.code]).toEqual([letterAnswer.status, letterAnswer.body.code]);
    }
    expect((await sut.get(`/communications/${letter.id}/timeline`, { token: outsider })).status).toBe(404);
    expect((await sut.get(`/communications/${letter.id}/timeline`)).status).toBe(401);
  });

  it('shows an extended reply date on the public record, before and after publication, and tells the focal points', async () => {
    clock.set('2028-06-01T09:00:00Z');
    const letter = await sendUa('IRN');
    expect((await sut.post(`/communications/${letter.id}/redaction-check`, {}, { token: assistant })).status).toBe(201);
    const extend = (replyRequestedBy: string) =>
      sut.post(
        `/communications/${letter.id}/extension`,
        { replyRequestedBy, reason: 'The Government asked for more time' },
        { token: assistant },
      );
    expect((await extend('2028-08-07')).status).toBe(200);
    await moveTo('2028-07-31T09:00:00Z');
    const page = `/public/communications/${letter.reference.replace(/[ /]/g, '-')}`;
    expect((await sut.get(page)).body).toMatchObject({ reference: letter.reference, replyRequestedBy: '2028-08-07' });

    expect((await extend('2028-09-15')).status).toBe(200);
    expect((await sut.get(page)).body.replyRequestedBy).toBe('2028-09-15');
    await moveTo('2028-07-31T09:00:01Z');
    const told = mailsTo('gov.irn@test.local').filter(
      (mail) => mail.subject.includes(letter.reference) && /désormais/.test(mail.subject),
    );
    expect(told.map((mail) => mail.subject)).toEqual([
      `Réponse à ${letter.reference} désormais demandée d'ici le 7 août 2028`,
      `Réponse à ${letter.reference} désormais demandée d'ici le 15 septembre 2028`,
    ]);
    expect(told[1].text).toContain(
      "la réponse était demandée d'ici le 7 août 2028, elle l'est désormais d'ici le 15 septembre 2028",
    );
  });
});
