import { Role } from '@spcomms/access';
import { TestApp, createTestApp } from './support/test-app';

/**
 * The State's answers to a visit request through its portal (V1–V4: acknowledge, invite with a period,
 * accept the dates the mandate proposed, propose other dates, decline with reasons), and the moves a
 * visit's own dates contradict (Geneva calendar, injected clock).
 */
describe("country visits: the State's answers and the visit's own dates", () => {
  let sut: TestApp;
  let assistant: string;
  const governments: Record<string, string> = {};

  const request = async (stateCode: string): Promise<string> => {
    const created = await sut.post(
      '/visits',
      { mandateCode: 'TORTURE', stateCode, purpose: 'To assess places of detention' },
      { token: assistant },
    );
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const portal = (stateCode: string, id: string, body: Record<string, unknown>) =>
    sut.post(`/portal/visits/${id}/answers`, body, { token: governments[stateCode] });
  const move = (id: string, body: Record<string, unknown>) =>
    sut.post(`/visits/${id}/status`, body, { token: assistant });
  const staffView = async (id: string) => (await sut.get(`/visits/${id}`, { token: assistant })).body;
  const rowCounts = async () =>
    (
      await sut.dataSource().query(
        `SELECT (SELECT count(*) FROM visit_status_change)::int AS changes, (SELECT count(*) FROM audit_event)::int AS events,
                (SELECT string_agg(id::text || status || coalesce(scheduled_from::text, '') || updated_at::text, ',' ORDER BY id) FROM visit) AS visits`,
      )
    )[0];

  beforeAll(async () => {
    sut = await createTestApp({ env: { TOKEN_TTL_HOURS: String(24 * 365 * 5) } });
    sut.clock.set('2026-03-02T09:00:00Z');
    assistant = (await sut.createUser({ username: 'va.assistant', role: Role.Assistant, mandates: ['TORTURE'] })).token;
    for (const code of ['CHE', 'DEU', 'FRA', 'ITA', 'NOR', 'BRA']) {
      governments[code] = (
        await sut.createUser({ username: `va.gov.${code.toLowerCase()}`, role: Role.Government, stateCode: code })
      ).token;
    }
  });
  afterAll(() => sut.close());

  it('lets the State accept the dates the mandate proposed: the visit is scheduled with them', async () => {
    sut.clock.set('2026-03-02T09:00:00Z');
    const id = await request('CHE');
    expect((await portal('CHE', id, { answer: 'accept' })).body.status).toBe('accepted');
    expect(
      (await move(id, { status: 'dates_proposed', period: { from: '2026-10-05', to: '2026-10-16' } })).body.status,
    ).toBe('dates_proposed');

    const accepted = await portal('CHE', id, { answer: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'scheduled',
      scheduledPeriod: { from: '2026-10-05', to: '2026-10-16' },
    });
    expect(accepted.body.allowedNext.sort()).toEqual(['cancelled', 'postponed', 'under_way']);
    expect(accepted.body.history.at(-1)).toMatchObject({
      from: 'dates_proposed',
      to: 'scheduled',
      move: 'accept_dates',
      channel: 'portal',
      period: { from: '2026-10-05', to: '2026-10-16' },
    });
    const actions = await sut
      .dataSource()
      .query(`SELECT action FROM audit_event WHERE subject_type = 'visit' AND subject_id = $1 ORDER BY seq`, [id]);
    expect(actions.at(-1).action).toBe('visit.accept_dates');

    // The same acceptance, received by note verbale and recorded by the assistant.
    const recorded = await request('DEU');
    await move(recorded, { status: 'dates_proposed', period: { from: '2026-11-02', to: '2026-11-06' } });
    const byNote = await sut.post(
      `/visits/${recorded}/answers`,
      { answer: 'accept', channel: 'note_verbale', note: 'NV 2026/77' },
      { token: assistant },
    );
    expect(byNote.status).toBe(200);
    expect(byNote.body).toMatchObject({
      status: 'scheduled',
      scheduledPeriod: { from: '2026-11-02', to: '2026-11-06' },
    });
    expect(byNote.body.history.at(-1)).toMatchObject({
      move: 'accept_dates',
      channel: 'note_verbale',
      note: 'NV 2026/77',
    });
  });

  it('lets the State propose other dates, which the mandate agrees by scheduling; the State cannot accept its own proposal', async () => {
    sut.clock.set('2026-03-02T09:00:00Z');
    const id = await request('FRA');
    await move(id, { status: 'dates_proposed', period: { from: '2026-10-05', to: '2026-10-16' } });

    const counter = await portal('FRA', id, {
      answer: 'propose_dates',
      period: { from: '2026-11-09', to: '2026-11-20' },
    });
    expect(counter.status).toBe(200);
    expect(counter.body).toMatchObject({
      status: 'dates_proposed',
      proposedPeriod: { from: '2026-11-09', to: '2026-11-20' },
    });

    const before = await rowCounts();
    const own = await portal('FRA', id, { answer: 'accept' });
    expect(own.status).toBe(409);
    expect(own.body).toMatchObject({
      code: 'visit.own_proposal',
      details: { proposedPeriod: { from: '2026-11-09', to: '2026-11-20' } },
    });
    expect(own.body.message).toContain('proposed by the State');
    expect(await rowCounts()).toEqual(before);

    const scheduled = await move(id, { status: 'scheduled', period: { from: '2026-11-09', to: '2026-11-20' } });
    expect(scheduled.body).toMatchObject({
      status: 'scheduled',
      scheduledPeriod: { from: '2026-11-09', to: '2026-11-20' },
    });
  });

  it('takes an invitation for a period as an acceptance, with the period as the dates the State proposes', async () => {
    sut.clock.set('2026-03-02T09:00:00Z');
    const id = await request('ITA');
    const invited = await portal('ITA', id, {
      answer: 'invite',
      period: { from: '2026-09-14', to: '2026-09-25' },
      note: 'At your convenience within this period',
    });
    expect(invited.status).toBe(200);
    expect(invited.body).toMatchObject({
      status: 'accepted',
      proposedPeriod: { from: '2026-09-14', to: '2026-09-25' },
      scheduledPeriod: null,
    });
    expect(invited.body.history.at(-1)).toMatchObject({
      move: 'invite',
      to: 'accepted',
      period: { from: '2026-09-14', to: '2026-09-25' },
    });

    const reversed = await portal('NOR', await request('NOR'), {
      answer: 'invite',
      period: { from: '2026-09-25', to: '2026-09-14' },
    });
    expect(reversed.status).toBe(422);
    expect(reversed.body.code).toBe('visit.invalid_period');

    const scheduled = await move(id, { status: 'scheduled', period: { from: '2026-09-14', to: '2026-09-18' } });
    expect(scheduled.body).toMatchObject({
      status: 'scheduled',
      scheduledPeriod: { from: '2026-09-14', to: '2026-09-18' },
    });
  });

  it('acknowledges a request, then declines it with reasons the staff read', async () => {
    sut.clock.set('2026-03-02T09:00:00Z');
    const id = await request('BRA');
    expect((await portal('BRA', id, { answer: 'acknowledge' })).body.status).toBe('acknowledged');
    const reasons = 'The period requested coincides with national elections';
    const declined = await portal('BRA', id, { answer: 'decline', note: reasons });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', allowedNext: [] });
    expect((await staffView(id)).history.at(-1)).toMatchObject({
      move: 'decline',
      channel: 'portal',
      actorRole: 'government',
      note: reasons,
    });
  });

  it('refuses a visit under way before its first day or completed before its last day (Geneva calendar), and writes nothing', async () => {
    sut.clock.set('2026-03-02T09:00:00Z');
    const id = await request('MEX');
    await sut.post(`/visits/${id}/answers`, { answer: 'accept', channel: 'letter' }, { token: assistant });
    expect(
      (await move(id, { status: 'scheduled', period: { from: '2026-05-04', to: '2026-05-15' } })).body.status,
    ).toBe('scheduled');

    const refused = async (status: string, instant: string, today: string) => {
      sut.clock.set(instant);
      const before = await rowCounts();
      const answer = await move(id, { status });
      expect({ status: answer.status, code: answer.body.code }).toEqual({
        status: 422,
        code: 'visit.before_visit_dates',
      });
      expect(answer.body.details).toEqual({ today, scheduledFrom: '2026-05-04', scheduledTo: '2026-05-15' });
      expect(await rowCounts()).toEqual(before);
      return answer.body.message as string;
    };
    // The day after it was scheduled, a visit due in May is neither under way nor completed.
    expect(await refused('under_way', '2026-03-03T09:00:00Z', '2026-03-03')).toContain(
      'before its first day (2026-05-04)',
    );
    // 23:59 on 3 May in Geneva is still before the first day; midnight there (22:00 UTC) is the first day.
    await refused('under_way', '2026-05-03T21:59:00Z', '2026-05-03');
    sut.clock.set('2026-05-03T22:00:00Z');
    expect((await move(id, { status: 'under_way' })).body.status).toBe('under_way');

    expect(await refused('completed', '2026-05-14T21:59:00Z', '2026-05-14')).toContain(
      'before its last day (2026-05-15)',
    );
    sut.clock.set('2026-05-14T22:00:00Z');
    const completed = await move(id, { status: 'completed' });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'completed', endOfMissionOn: '2026-05-15' });
  });
});
