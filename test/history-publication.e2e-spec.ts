import { Role } from '@spcomms/access';
import { atLocalTime, startOfCalendarDate } from '@spcomms/clock';
import { TestClock } from '@spcomms/testing';
import { TestApp } from './support/test-app';
import { WorkerApp, startWorkerApp } from './support/worker-app';

const ZURICH = 'Europe/Zurich';
const HEADER = 'reference,type,recipient,sent_on,public_from,lead_mandate,subject,body';

/** C8, C11: imported letters are published like sent ones, by the real worker on a moved clock. */
describe('history: publication of imported letters', () => {
  let harness: WorkerApp;
  let sut: TestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  let assistant: string;

  const db = () => sut.dataSource();
  const schedules = async (id: string) =>
    (await db().query(
      `SELECT kind, due_at AS "dueAt", state FROM schedule WHERE subject_id = $1 ORDER BY due_at, kind`,
      [id],
    )) as Array<{
      kind: string;
      dueAt: Date;
      state: string;
    }>;
  const mails = async (id: string, kind: string) =>
    (
      (await db().query(
        `SELECT recipient_address AS "to" FROM outbox_message WHERE subject_id = $1 AND kind = $2 ORDER BY recipient_address`,
        [id, kind],
      )) as Array<{
        to: string;
      }>
    ).map((row) => row.to);
  const status = async (id: string) =>
    (await sut.get(`/communications/${id}/publication`, { token: assistant })).body.status as string;
  const publicRecord = (reference: string) => sut.get(`/public/communications/${reference.replace(/[ /]/g, '-')}`);

  /** Moves the clock, lets the reconciler enqueue what is due, and waits until the due rows are done and the outbox drained. */
  const moveTo = (instant: string | Date): Promise<void> => harness.moveTo(instant);

  beforeAll(async () => {
    harness = await startWorkerApp(clock);
    ({ sut } = harness);
    assistant = (await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION'] })).token;
  });

  afterAll(() => harness?.close());

  it('plans the publication of each imported letter; past public-from days fall due at once and ask for the redaction check', async () => {
    const csv = [
      HEADER,
      'AL IRN 5/2013,AL,IRN,2013-02-14,,EXPRESSION,Arrest of a journalist,Information received.',
      'AL BLR 7/2025,AL,BLR,2025-11-03,2026-01-02,EXPRESSION,Harassment of a lawyer,Information received.',
      'AL FRA 1/2026,AL,FRA,2026-02-20,,EXPRESSION,Policing of a protest,Information received.',
    ].join('\n');
    const answer = await sut.request('POST', '/history/imports', csv, {
      token: assistant,
      headers: { 'content-type': 'text/csv' },
    });
    expect(answer.status).toBe(200);
    const [old, recent, future] = answer.body.imported as Array<{ id: string; reference: string; publicFrom: string }>;
    expect(future.publicFrom).toBe('2026-04-21');

    // The rows a transmission writes: publish at the start of public-from, and the notice before it while still to come.
    expect(await schedules(old.id)).toEqual([
      { kind: 'communication.publish', dueAt: startOfCalendarDate('2013-04-15', ZURICH), state: expect.any(String) },
    ]);
    expect((await schedules(recent.id)).map((row) => row.kind)).toEqual(['communication.publish']);
    expect(await schedules(future.id)).toEqual([
      { kind: 'communication.publication_notice', dueAt: atLocalTime('2026-04-14', '08:00', ZURICH), state: 'pending' },
      { kind: 'communication.publish', dueAt: startOfCalendarDate('2026-04-21', ZURICH), state: 'pending' },
    ]);

    // Past due: blocked for want of a redaction check, and the assistant is told, once per letter.
    await moveTo('2026-03-02T09:05:00Z');
    expect(await status(old.id)).toBe('blocked');
    expect(await status(recent.id)).toBe('blocked');
    expect(await status(future.id)).toBe('scheduled');
    expect(await mails(old.id, 'publication.redaction_check_missing')).toEqual(['assistant@test.local']);
    expect(await mails(recent.id, 'publication.redaction_check_missing')).toEqual(['assistant@test.local']);

    // The check publishes a letter whose day has come.
    expect((await sut.post(`/communications/${old.id}/redaction-check`, {}, { token: assistant })).status).toBe(201);
    expect(await status(old.id)).toBe('published');
    expect((await publicRecord(old.reference)).status).toBe(200);

    // The letter still to come: the notice a week before, then published at public-from once checked.
    await moveTo(atLocalTime('2026-04-14', '08:00', ZURICH));
    expect(await mails(future.id, 'publication.due')).toEqual(['assistant@test.local']);
    expect((await sut.post(`/communications/${future.id}/redaction-check`, {}, { token: assistant })).status).toBe(201);
    expect((await publicRecord(future.reference)).status).toBe(404);
    await moveTo(startOfCalendarDate('2026-04-21', ZURICH));
    expect(await status(future.id)).toBe('published');
    expect((await publicRecord(future.reference)).status).toBe(200);
  });
});
