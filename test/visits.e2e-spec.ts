import { Role } from '@spcomms/access';
import { TestApp, createTestApp } from './support/test-app';

/** Country visits over HTTP: the life of a request (V1), standing invitations (V2), after the visit (V4). */
describe('country visits', () => {
  let sut: TestApp;
  let assistant: string;
  let holder: string;
  let otherAssistant: string;
  let admin: string;
  const governments: Record<string, string> = {};

  const NOTES = 'Internal: the focal point at the mission is on leave until May';
  const CHECKLIST_NOTE = 'Internal: ask for the list of pre-trial detention centres';
  const PURPOSE = 'To assess the treatment of persons deprived of their liberty';

  const request = (stateCode: string, extra: Record<string, unknown> = {}, token = assistant) =>
    sut.post('/visits', { mandateCode: 'TORTURE', stateCode, purpose: PURPOSE, ...extra }, { token });
  const answer = (id: string, body: Record<string, unknown>, token = assistant) =>
    sut.post(`/visits/${id}/answers`, { channel: 'note_verbale', ...body }, { token });
  const move = (id: string, body: Record<string, unknown>, token = assistant) =>
    sut.post(`/visits/${id}/status`, body, { token });
  const portalAnswer = (stateCode: string, id: string, body: Record<string, unknown>) =>
    sut.post(`/portal/visits/${id}/answers`, body, { token: governments[stateCode] });

  const rowCounts = async () =>
    (
      await sut.dataSource().query(
        `SELECT (SELECT count(*) FROM visit)::int AS visits, (SELECT count(*) FROM visit_status_change)::int AS changes,
                (SELECT count(*) FROM visit_assurance)::int AS assurances, (SELECT count(*) FROM visit_follow_up)::int AS follow_ups,
                (SELECT count(*) FROM schedule)::int AS schedules, (SELECT count(*) FROM audit_event)::int AS events,
                (SELECT string_agg(id::text || status || updated_at::text, ',' ORDER BY id) FROM visit) AS states`,
      )
    )[0];

  const reminderRows = (visitId: string) =>
    sut
      .dataSource()
      .query(
        `SELECT state, due_at FROM schedule WHERE kind = 'visit.reminder' AND subject_id = $1 ORDER BY due_at, created_at`,
        [visitId],
      ) as Promise<Array<{ state: string; due_at: Date }>>;

  beforeAll(async () => {
    // The clock moves by months in these tests: sessions must outlive it.
    sut = await createTestApp({ env: { TOKEN_TTL_HOURS: String(24 * 365 * 5) } });
    assistant = (await sut.createUser({ username: 'v.assistant', role: Role.Assistant, mandates: ['TORTURE', 'PRK'] }))
      .token;
    holder = (await sut.createUser({ username: 'v.holder', role: Role.MandateHolder, mandates: ['TORTURE'] })).token;
    otherAssistant = (await sut.createUser({ username: 'v.other', role: Role.Assistant, mandates: ['EXPRESSION'] }))
      .token;
    admin = (await sut.createUser({ username: 'v.admin', role: Role.Admin })).token;
    for (const code of ['CHE', 'FRA', 'DEU', 'ITA', 'NOR', 'PER', 'BRA', 'MEX']) {
      governments[code] = (
        await sut.createUser({ username: `v.gov.${code.toLowerCase()}`, role: Role.Government, stateCode: code })
      ).token;
    }
  });
  afterAll(() => sut.close());

  it('walks a request from requested to completed, with its report and follow-up (V1, V4)', async () => {
    sut.clock.set('2026-03-02T09:00:00Z');
    const created = await request('CHE', {
      requestedPeriod: { from: '2026-09-07', to: '2026-09-18' },
      notes: NOTES,
      assurances: [{ item: 'freedom_of_inquiry', requested: true, note: CHECKLIST_NOTE }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      mandate: { code: 'TORTURE', kind: 'thematic' },
      state: { code: 'CHE', name: 'Switzerland' },
      status: 'requested',
      requestedOn: '2026-03-02',
      requestedPeriod: { from: '2026-09-07', to: '2026-09-18' },
      purpose: PURPOSE,
      notes: NOTES,
      remindersSent: 0,
      standingInvitation: null,
      scheduledPeriod: null,
      report: null,
    });
    expect(created.body.assurances).toEqual([
      { item: 'freedom_of_movement', requested: true, confirmed: false, note: null },
      { item: 'freedom_of_inquiry', requested: true, confirmed: false, note: CHECKLIST_NOTE },
      { item: 'confidential_contacts', requested: true, confirmed: false, note: null },
      { item: 'no_reprisals', requested: true, confirmed: false, note: null },
      { item: 'security', requested: true, confirmed: false, note: null },
    ]);
    expect(created.body.history).toEqual([
      expect.objectContaining({
        seq: 1,
        from: null,
        to: 'requested',
        move: 'request',
        actorRole: 'assistant',
        actorLabel: 'v.assistant',
        channel: 'internal',
      }),
    ]);
    // V3: the first reminder is planned six months after the request, at 08:00 in Geneva.
    expect(await reminderRows(id)).toEqual([{ state: 'pending', due_at: new Date('2026-09-02T06:00:00Z') }]);

    const accepted = await portalAnswer('CHE', id, { answer: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect((await reminderRows(id)).map((row) => row.state)).toEqual(['cancelled']);

    sut.clock.set('2026-04-15T08:00:00Z');
    const proposed = await portalAnswer('CHE', id, {
      answer: 'propose_dates',
      period: { from: '2026-11-09', to: '2026-11-20' },
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({
      status: 'dates_proposed',
      proposedPeriod: { from: '2026-11-09', to: '2026-11-20' },
    });

    const scheduled = await move(id, {
      status: 'scheduled',
      period: { from: '2026-11-09', to: '2026-11-20' },
      note: 'Agreed by e-mail with the mission',
    });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({
      status: 'scheduled',
      scheduledPeriod: { from: '2026-11-09', to: '2026-11-20' },
    });
    expect(scheduled.body.allowedNext.sort()).toEqual(['cancelled', 'postponed', 'under_way']);

    const confirmed = await sut.patch(
      `/visits/${id}/assurances`,
      {
        assurances: [
          'freedom_of_movement',
          'freedom_of_inquiry',
          'confidential_contacts',
          'no_reprisals',
          'security',
        ].map((item) => ({ item, requested: true, confirmed: true })),
      },
      { token: holder },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.assurances.every((row: { confirmed: boolean }) => row.confirmed)).toBe(true);
    expect(confirmed.body.assurances[1].note).toBe(CHECKLIST_NOTE);

    sut.clock.set('2026-11-09T07:00:00Z');
    expect((await move(id, { status: 'under_way' })).body.status).toBe('under_way');
    sut.clock.set('2026-11-20T17:00:00Z');
    const completed = await move(id, { status: 'completed' }, holder);
    expect(completed.status).toBe(200);
    // V4: the end-of-mission statement defaults to the last day of the visit.
    expect(completed.body).toMatchObject({ status: 'completed', endOfMissionOn: '2026-11-20', allowedNext: [] });

    const reported = await sut.patch(
      `/visits/${id}/outcome`,
      { reportSymbol: 'A/HRC/64/50/Add.1' },
      { token: assistant },
    );
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({
      endOfMissionOn: '2026-11-20',
      report: { symbol: 'A/HRC/64/50/Add.1', session: 64 },
    });

    const followed = await sut.post(
      `/visits/${id}/follow-ups`,
      { kind: 'report', dueOn: '2028-03-01', note: 'Follow-up report to the HRC' },
      { token: assistant },
    );
    expect(followed.status).toBe(201);
    expect(followed.body.followUps).toEqual([
      expect.objectContaining({ kind: 'report', dueOn: '2028-03-01', note: 'Follow-up report to the HRC' }),
    ]);

    const history = (await sut.get(`/visits/${id}`, { token: assistant })).body.history;
    expect(history.map((change: { move: string }) => change.move)).toEqual([
      'request',
      'accept',
      'propose_dates',
      'schedule',
      'start',
      'complete',
    ]);
    expect(history.map((change: { from: string | null; to: string }) => `${change.from}→${change.to}`)).toEqual([
      'null→requested',
      'requested→accepted',
      'accepted→dates_proposed',
      'dates_proposed→scheduled',
      'scheduled→under_way',
      'under_way→completed',
    ]);
    expect(history.map((change: { channel: string }) => change.channel)).toEqual([
      'internal',
      'portal',
      'portal',
      'internal',
      'internal',
      'internal',
    ]);
    expect(history.map((change: { actorRole: string }) => change.actorRole)).toEqual([
      'assistant',
      'government',
      'government',
      'assistant',
      'assistant',
      'mandate_holder',
    ]);
    expect(history[1]).toMatchObject({ actorLabel: 'v.gov.che', occurredAt: '2026-03-02T09:00:00.000Z' });
    expect(history[3]).toMatchObject({
      period: { from: '2026-11-09', to: '2026-11-20' },
      note: 'Agreed by e-mail with the mission',
    });

    const rows = await sut
      .dataSource()
      .query(`SELECT seq, to_status FROM visit_status_change WHERE visit_id = $1 ORDER BY seq`, [id]);
    expect(rows.map((row: { seq: number }) => row.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const actions = await sut
      .dataSource()
      .query(`SELECT action FROM audit_event WHERE subject_type = 'visit' AND subject_id = $1 ORDER BY seq`, [id]);
    expect(actions.map((row: { action: string }) => row.action)).toEqual([
      'visit.request',
      'visit.accept',
      'visit.propose_dates',
      'visit.schedule',
      'visit.assurances',
      'visit.start',
      'visit.complete',
      'visit.outcome',
      'visit.follow_up',
    ]);

    // Once completed, the mandate may ask again.
    expect((await request('CHE')).status).toBe(201);
  });

  it('records a decline that came by note verbale, and closes the request', async () => {
    sut.clock.set('2026-03-02T09:00:00Z');
    const { body: created } = await request('FRA');
    sut.clock.set('2026-03-10T09:00:00Z');
    const declined = await answer(created.id, {
      answer: 'decline',
      receivedOn: '2026-03-09',
      note: 'NV 2026/114 of the Permanent Mission',
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', allowedNext: [] });
    expect(declined.body.history[1]).toMatchObject({
      from: 'requested',
      to: 'declined',
      move: 'decline',
      channel: 'note_verbale',
      receivedOn: '2026-03-09',
      actorRole: 'assistant',
      note: 'NV 2026/114 of the Permanent Mission',
    });
    expect((await reminderRows(created.id)).map((row) => row.state)).toEqual(['cancelled']);

    const again = await portalAnswer('FRA', created.id, { answer: 'accept' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'visit.invalid_move',
      details: { from: 'declined', to: 'accepted', allowedNext: [] },
    });

    // A declined request is closed: a new one may be made.
    expect((await request('FRA')).status).toBe(201);
  });

  it('counts an invitation that follows the request as an acceptance', async () => {
    const { body: created } = await request('DEU');
    const invited = await answer(created.id, { answer: 'invite', channel: 'letter' });
    expect(invited.status).toBe(200);
    expect(invited.body.status).toBe('accepted');
    expect(invited.body.history[1]).toMatchObject({ move: 'invite', to: 'accepted', channel: 'letter' });

    const { body: viaPortal } = await request('PER');
    const portal = await portalAnswer('PER', viaPortal.id, { answer: 'invite' });
    expect(portal.body).toMatchObject({ status: 'accepted' });
  });

  it('takes an acknowledgement for no acceptance: the request stays pending and reminders count from it', async () => {
    sut.clock.set('2026-03-02T09:00:00Z');
    const { body: created } = await request('ITA');
    sut.clock.set('2026-04-20T09:00:00Z');
    const acknowledged = await portalAnswer('ITA', created.id, {
      answer: 'acknowledge',
      note: 'Under consideration by the capital',
    });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.status).toBe('acknowledged');
    expect(acknowledged.body.allowedNext).toEqual(expect.arrayContaining(['accepted', 'declined', 'dates_proposed']));
    expect(await reminderRows(created.id)).toEqual([
      { state: 'cancelled', due_at: new Date('2026-09-02T06:00:00Z') },
      { state: 'pending', due_at: new Date('2026-10-20T06:00:00Z') },
    ]);

    const pending = await sut.get('/public/visits/pending-by-mandate');
    expect(pending.body).toContainEqual(
      expect.objectContaining({ mandateCode: 'TORTURE', stateCode: 'ITA', status: 'acknowledged' }),
    );

    expect((await portalAnswer('ITA', created.id, { answer: 'accept' })).body.status).toBe('accepted');
  });

  it("shows the State's standing invitation on every visit, and still needs the State's agreement (V2)", async () => {
    expect(
      (await sut.post('/states/NOR/standing-invitation', { issuedOn: '2001-04-01' }, { token: admin })).status,
    ).toBe(201);
    const thematic = await request('NOR');
    expect(thematic.status).toBe(201);
    expect(thematic.body).toMatchObject({
      status: 'requested',
      standingInvitation: { issuedOn: '2001-04-01', appliesToMandate: true },
    });
    expect(thematic.body.allowedNext).not.toContain('scheduled');

    const country = await sut.post(
      '/visits',
      { mandateCode: 'PRK', stateCode: 'NOR', purpose: 'Meet the diaspora from the DPRK in Norway' },
      { token: assistant },
    );
    expect(country.body.standingInvitation).toEqual({ issuedOn: '2001-04-01', appliesToMandate: false });

    const list = await sut.get('/visits?state=NOR', { token: assistant });
    const byMandate = list.body.items.map((visit: { mandate: { code: string }; standingInvitation: unknown }) => [
      visit.mandate.code,
      visit.standingInvitation,
    ]);
    expect(byMandate.sort()).toEqual([
      ['PRK', { issuedOn: '2001-04-01', appliesToMandate: false }],
      ['TORTURE', { issuedOn: '2001-04-01', appliesToMandate: true }],
    ]);
    const portal = await sut.get(`/portal/visits/${thematic.body.id}`, { token: governments.NOR });
    expect(portal.body.standingInvitation).toEqual({ issuedOn: '2001-04-01', appliesToMandate: true });

    // Scheduling is still a move that needs an acceptance first.
    const early = await move(thematic.body.id, {
      status: 'scheduled',
      period: { from: '2026-10-01', to: '2026-10-10' },
    });
    expect(early.status).toBe(409);
    expect(early.body.details.allowedNext).toEqual(expect.arrayContaining(['accepted', 'dates_proposed']));
  });

  it("shows the State its own requests only, without the staff's notes, checklist notes or names", async () => {
    const { body: created } = await request('BRA', {
      notes: NOTES,
      assurances: [{ item: 'security', requested: true, note: CHECKLIST_NOTE }],
    });
    await answer(created.id, { answer: 'acknowledge', note: 'Internal: said at a meeting in the corridor' });

    const own = await sut.get(`/portal/visits/${created.id}`, { token: governments.BRA });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ status: 'acknowledged', purpose: PURPOSE, mandate: { code: 'TORTURE' } });
    expect(own.body.assurances).toContainEqual({ item: 'security', requested: true, confirmed: false });
    const text = JSON.stringify(own.body);
    for (const secret of [
      NOTES,
      CHECKLIST_NOTE,
      'corridor',
      'v.assistant',
      '"notes"',
      '"note"',
      'actorLabel',
      'followUps',
    ]) {
      expect(text).not.toContain(secret);
    }

    const list = await sut.get('/portal/visits', { token: governments.BRA });
    expect(list.body.items.map((visit: { id: string }) => visit.id)).toEqual([created.id]);
    expect(JSON.stringify(list.body)).not.toContain(NOTES);

    const foreign = await sut.get(`/portal/visits/${created.id}`, { token: governments.FRA });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('visit.not_found');
    const foreignAnswer = await portalAnswer('FRA', created.id, { answer: 'accept' });
    expect(foreignAnswer.status).toBe(404);
    expect(
      (await sut.get('/portal/visits', { token: governments.FRA })).body.items.map((visit: { id: string }) => visit.id),
    ).not.toContain(created.id);

    const otherMandate = await sut.get(`/visits/${created.id}`, { token: otherAssistant });
    expect(otherMandate.status).toBe(404);
    expect((await sut.get('/visits', { token: otherAssistant })).body).toEqual({ items: [], nextCursor: null });
  });

  describe('moves the status does not allow answer 409 with the allowed next statuses', () => {
    // [path to the status, the refused move, the allowed next statuses of that status]
    // A 'clock' step moves the clock: a visit is under way from its first day, completed from its last.
    type Step = ['answer' | 'portal' | 'status' | 'clock', Record<string, unknown>];
    const ACCEPT: Step = ['answer', { answer: 'accept' }];
    const SCHEDULE: Step = ['status', { status: 'scheduled', period: { from: '2027-01-11', to: '2027-01-15' } }];
    const LAST_DAY: Step = ['clock', { at: '2027-01-15T12:00:00Z' }];
    const cases: Array<[string, Step[], Step, string[]]> = [
      [
        'requested → scheduled',
        [],
        SCHEDULE,
        [
          'reminder_sent',
          'acknowledged',
          'accepted',
          'dates_proposed',
          'declined',
          'postponed',
          'cancelled',
          'no_response',
        ],
      ],
      [
        'requested → under_way',
        [],
        ['status', { status: 'under_way' }],
        [
          'reminder_sent',
          'acknowledged',
          'accepted',
          'dates_proposed',
          'declined',
          'postponed',
          'cancelled',
          'no_response',
        ],
      ],
      [
        'requested → completed',
        [],
        ['status', { status: 'completed' }],
        [
          'reminder_sent',
          'acknowledged',
          'accepted',
          'dates_proposed',
          'declined',
          'postponed',
          'cancelled',
          'no_response',
        ],
      ],
      [
        'acknowledged → acknowledged',
        [['portal', { answer: 'acknowledge' }]],
        ['portal', { answer: 'acknowledge' }],
        ['reminder_sent', 'accepted', 'dates_proposed', 'declined', 'postponed', 'cancelled', 'no_response'],
      ],
      [
        'accepted → acknowledged',
        [ACCEPT],
        ['portal', { answer: 'acknowledge' }],
        ['dates_proposed', 'scheduled', 'declined', 'postponed', 'cancelled'],
      ],
      [
        'accepted → accepted (an invitation)',
        [ACCEPT],
        ['answer', { answer: 'invite' }],
        ['dates_proposed', 'scheduled', 'declined', 'postponed', 'cancelled'],
      ],
      [
        'accepted → no_response',
        [ACCEPT],
        ['status', { status: 'no_response' }],
        ['dates_proposed', 'scheduled', 'declined', 'postponed', 'cancelled'],
      ],
      [
        'scheduled → accepted',
        [ACCEPT, SCHEDULE],
        ['portal', { answer: 'accept' }],
        ['under_way', 'postponed', 'cancelled'],
      ],
      [
        'scheduled → declined',
        [ACCEPT, SCHEDULE],
        ['answer', { answer: 'decline' }],
        ['under_way', 'postponed', 'cancelled'],
      ],
      [
        'scheduled → completed',
        [ACCEPT, SCHEDULE],
        ['status', { status: 'completed' }],
        ['under_way', 'postponed', 'cancelled'],
      ],
      [
        'under_way → cancelled',
        [ACCEPT, SCHEDULE, LAST_DAY, ['status', { status: 'under_way' }]],
        ['status', { status: 'cancelled' }],
        ['completed'],
      ],
      [
        'completed → postponed',
        [ACCEPT, SCHEDULE, LAST_DAY, ['status', { status: 'under_way' }], ['status', { status: 'completed' }]],
        ['status', { status: 'postponed' }],
        [],
      ],
      ['cancelled → accepted', [['status', { status: 'cancelled' }]], ['portal', { answer: 'accept' }], []],
      [
        'postponed → under_way',
        [ACCEPT, ['status', { status: 'postponed' }]],
        ['status', { status: 'under_way' }],
        ['dates_proposed', 'scheduled', 'cancelled'],
      ],
      [
        'no_response → postponed',
        [['status', { status: 'no_response' }]],
        ['status', { status: 'postponed' }],
        ['acknowledged', 'accepted', 'dates_proposed', 'declined', 'cancelled'],
      ],
      [
        'dates_proposed → under_way',
        [ACCEPT, ['portal', { answer: 'propose_dates', period: { from: '2027-02-01', to: '2027-02-05' } }]],
        ['status', { status: 'under_way' }],
        ['dates_proposed', 'scheduled', 'declined', 'postponed', 'cancelled'],
      ],
    ];
    const states = [
      'ARG',
      'AUS',
      'AUT',
      'BEL',
      'BOL',
      'CAN',
      'CHL',
      'COL',
      'CRI',
      'DNK',
      'ECU',
      'ESP',
      'EST',
      'FIN',
      'GHA',
      'GRC',
      'IRL',
      'ISL',
    ];

    it.each(cases.map((testCase, index) => [...testCase, states[index]] as const))(
      '%s',
      async (_, path, refused, allowedNext, stateCode) => {
        governments[stateCode] ??= (
          await sut.createUser({ username: `v.gov.${stateCode.toLowerCase()}`, role: Role.Government, stateCode })
        ).token;
        sut.clock.set('2026-04-20T09:00:00Z');
        const { body: created } = await request(stateCode);
        const send = ([kind, body]: Step) =>
          kind === 'answer'
            ? answer(created.id, body)
            : kind === 'portal'
              ? portalAnswer(stateCode, created.id, body)
              : move(created.id, body);
        for (const step of path) {
          if (step[0] === 'clock') {
            sut.clock.set(step[1].at as string);
            continue;
          }
          expect((await send(step)).status).toBe(200);
        }
        const before = await rowCounts();
        const refusal = await send(refused);
        expect(refusal.status).toBe(409);
        expect(refusal.body.code).toBe('visit.invalid_move');
        expect([...refusal.body.details.allowedNext].sort()).toEqual([...allowedNext].sort());
        expect(await rowCounts()).toEqual(before);
      },
    );
  });

  describe('bad input answers 4xx and writes nothing', () => {
    let open: string;
    let accepted: string;
    let completed: string;

    beforeAll(async () => {
      sut.clock.set('2026-05-04T09:00:00Z');
      open = (await request('MEX')).body.id;
      accepted = (await request('NZL')).body.id;
      await answer(accepted, { answer: 'accept' });
      completed = (await request('PRT')).body.id;
      await answer(completed, { answer: 'accept' });
      await move(completed, { status: 'scheduled', period: { from: '2026-05-04', to: '2026-05-08' } });
      await move(completed, { status: 'under_way' });
      sut.clock.set('2026-05-08T16:00:00Z');
      await move(completed, { status: 'completed' });
      sut.clock.set('2026-05-04T09:00:00Z');
    });

    const cases: Array<[string, () => [string, string, unknown, string?], number, string]> = [
      [
        'an unknown mandate',
        () => ['POST', '/visits', { mandateCode: 'NOSUCH', stateCode: 'URY', purpose: PURPOSE }],
        422,
        'visit.unknown_mandate',
      ],
      [
        'a malformed mandate code',
        () => ['POST', '/visits', { mandateCode: 'torture', stateCode: 'URY', purpose: PURPOSE }],
        400,
        'validation.failed',
      ],
      [
        'the pseudo-State OTH',
        () => ['POST', '/visits', { mandateCode: 'TORTURE', stateCode: 'OTH', purpose: PURPOSE }],
        422,
        'state.unknown',
      ],
      [
        'an unknown State',
        () => ['POST', '/visits', { mandateCode: 'TORTURE', stateCode: 'XYZ', purpose: PURPOSE }],
        422,
        'state.unknown',
      ],
      [
        'a mandate the assistant does not work for',
        () => ['POST', '/visits', { mandateCode: 'EXPRESSION', stateCode: 'URY', purpose: PURPOSE }],
        403,
        'visit.not_your_mandate',
      ],
      [
        'a second open request to the same State',
        () => ['POST', '/visits', { mandateCode: 'TORTURE', stateCode: 'MEX', purpose: PURPOSE }],
        409,
        'visit.open_request_exists',
      ],
      [
        'a period ending before it starts',
        () => [
          'POST',
          '/visits',
          {
            mandateCode: 'TORTURE',
            stateCode: 'URY',
            purpose: PURPOSE,
            requestedPeriod: { from: '2026-10-10', to: '2026-10-01' },
          },
        ],
        422,
        'visit.invalid_period',
      ],
      [
        'a period without its end',
        () => [
          'POST',
          '/visits',
          { mandateCode: 'TORTURE', stateCode: 'URY', purpose: PURPOSE, requestedPeriod: { from: '2026-10-10' } },
        ],
        400,
        'validation.failed',
      ],
      [
        'an impossible date',
        () => [
          'POST',
          '/visits',
          { mandateCode: 'TORTURE', stateCode: 'URY', purpose: PURPOSE, requestedOn: '2026-02-30' },
        ],
        400,
        'validation.failed',
      ],
      [
        'a request dated in the future',
        () => [
          'POST',
          '/visits',
          { mandateCode: 'TORTURE', stateCode: 'URY', purpose: PURPOSE, requestedOn: '2026-05-05' },
        ],
        422,
        'visit.date_in_future',
      ],
      [
        'a purpose too short',
        () => ['POST', '/visits', { mandateCode: 'TORTURE', stateCode: 'URY', purpose: 'Visit' }],
        400,
        'validation.failed',
      ],
      [
        'a checklist item given twice',
        () => [
          'POST',
          '/visits',
          {
            mandateCode: 'TORTURE',
            stateCode: 'URY',
            purpose: PURPOSE,
            assurances: [
              { item: 'security', requested: true },
              { item: 'security', requested: false },
            ],
          },
        ],
        422,
        'visit.duplicate_assurance',
      ],
      [
        'an unknown checklist item',
        () => [
          'POST',
          '/visits',
          {
            mandateCode: 'TORTURE',
            stateCode: 'URY',
            purpose: PURPOSE,
            assurances: [{ item: 'immunity', requested: true }],
          },
        ],
        400,
        'validation.failed',
      ],
      [
        'an item confirmed without being requested',
        () => [
          'PATCH',
          `/visits/${open}/assurances`,
          { assurances: [{ item: 'security', requested: false, confirmed: true }] },
        ],
        422,
        'visit.assurance_confirmed_not_requested',
      ],
      [
        'dates proposed without dates',
        () => ['POST', `/visits/${open}/answers`, { answer: 'propose_dates', channel: 'email' }],
        422,
        'visit.dates_required',
      ],
      [
        'dates proposed in reverse',
        () => [
          'POST',
          `/visits/${open}/answers`,
          { answer: 'propose_dates', channel: 'email', period: { from: '2026-10-10', to: '2026-10-01' } },
        ],
        422,
        'visit.invalid_period',
      ],
      [
        'dates with an acceptance',
        () => [
          'POST',
          `/visits/${open}/answers`,
          { answer: 'accept', channel: 'email', period: { from: '2026-10-01', to: '2026-10-10' } },
        ],
        422,
        'visit.invalid_period',
      ],
      [
        'the portal channel recorded by an assistant',
        () => ['POST', `/visits/${open}/answers`, { answer: 'accept', channel: 'portal' }],
        400,
        'validation.failed',
      ],
      [
        'an answer without its channel',
        () => ['POST', `/visits/${open}/answers`, { answer: 'accept' }],
        400,
        'validation.failed',
      ],
      [
        'an answer received in the future',
        () => ['POST', `/visits/${open}/answers`, { answer: 'accept', channel: 'letter', receivedOn: '2026-06-01' }],
        422,
        'visit.date_in_future',
      ],
      [
        'an answer received before the request',
        () => ['POST', `/visits/${open}/answers`, { answer: 'accept', channel: 'letter', receivedOn: '2026-01-01' }],
        422,
        'visit.invalid_period',
      ],
      [
        'an unknown answer',
        () => ['POST', `/visits/${open}/answers`, { answer: 'maybe', channel: 'letter' }],
        400,
        'validation.failed',
      ],
      [
        "a State's answer as a staff move",
        () => ['POST', `/visits/${open}/status`, { status: 'accepted' }],
        400,
        'validation.failed',
      ],
      [
        'scheduling without the agreed dates',
        () => ['POST', `/visits/${accepted}/status`, { status: 'scheduled' }],
        422,
        'visit.dates_required',
      ],
      [
        'a government answer with a staff channel',
        () => ['POST', `/portal/visits/${open}/answers`, { answer: 'accept', channel: 'letter' }, 'MEX'],
        400,
        'validation.failed',
      ],
      [
        'an outcome before the visit is completed',
        () => ['PATCH', `/visits/${accepted}/outcome`, { reportSymbol: 'A/HRC/64/50/Add.2' }],
        409,
        'visit.not_completed',
      ],
      [
        'a follow-up before the visit is completed',
        () => ['POST', `/visits/${accepted}/follow-ups`, { kind: 'visit', dueOn: '2028-01-01' }],
        409,
        'visit.not_completed',
      ],
      [
        'a malformed report symbol',
        () => ['PATCH', `/visits/${completed}/outcome`, { reportSymbol: 'A/HRC/64' }],
        400,
        'validation.failed',
      ],
      [
        'a report symbol with Corr. instead of Add.',
        () => ['PATCH', `/visits/${completed}/outcome`, { reportSymbol: 'A/HRC/64/50/Corr.1' }],
        400,
        'validation.failed',
      ],
      [
        'a session other than that of the symbol',
        () => ['PATCH', `/visits/${completed}/outcome`, { reportSymbol: 'A/HRC/64/50/Add.1', reportSession: 63 }],
        422,
        'visit.report_session_mismatch',
      ],
      [
        'a session without a symbol',
        () => ['PATCH', `/visits/${completed}/outcome`, { reportSession: 64 }],
        422,
        'visit.report_session_required',
      ],
      [
        'an end-of-mission statement before the visit',
        () => ['PATCH', `/visits/${completed}/outcome`, { endOfMissionOn: '2026-05-01' }],
        422,
        'visit.invalid_period',
      ],
      [
        'a follow-up due before the end of the visit',
        () => ['POST', `/visits/${completed}/follow-ups`, { kind: 'visit', dueOn: '2026-05-08' }],
        422,
        'visit.invalid_period',
      ],
      [
        'an unknown follow-up kind',
        () => ['POST', `/visits/${completed}/follow-ups`, { kind: 'press_release', dueOn: '2027-05-08' }],
        400,
        'validation.failed',
      ],
      [
        'an unknown visit',
        () => ['GET', '/visits/6f1c9a9e-0a7e-4a4c-9c55-5d8b0f1f3c11', undefined],
        404,
        'visit.not_found',
      ],
      ['a malformed visit id', () => ['GET', '/visits/not-a-uuid', undefined], 400, 'request.bad'],
      ['an unknown status filter', () => ['GET', '/visits?status=approved', undefined], 400, 'validation.failed'],
      [
        'an unknown table format',
        () => ['GET', '/public/visits/states?format=xml', undefined],
        400,
        'validation.failed',
      ],
    ];

    it.each(cases)('refuses %s', async (_, build, status, code) => {
      const [method, url, body, governmentOf] = build();
      const before = await rowCounts();
      const answered = await sut.request(method, url, body, {
        token: governmentOf ? governments[governmentOf] : assistant,
      });
      expect(answered.status).toBe(status);
      expect(answered.body).toMatchObject({ statusCode: status, code, message: expect.any(String) });
      expect(await rowCounts()).toEqual(before);
    });
  });
});
