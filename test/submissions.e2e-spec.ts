import { randomUUID } from 'node:crypto';
import { Role, UserActor } from '@spcomms/access';
import { AuthService } from '@spcomms/accounts';
import { SCREENING_CRITERIA, SubmissionsService } from '@spcomms/submissions';
import { draftBody } from './support/letters';
import { TestApp, createTestApp } from './support/test-app';

const RATE_LIMIT = 4;
const RECEIPT = /^SP-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/;

let addresses = 0;
/** A client address of its own, so that the public rate limit only bites where a test wants it to. */
const freshIp = () => {
  addresses++;
  return `10.20.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
};

let sources = 0;
/** A complete submission (C1) whose source has a name, e-mail and phone found nowhere else. */
function information(overrides: Record<string, unknown> = {}) {
  sources++;
  return {
    stateCode: 'IRN',
    mandates: ['TORTURE'],
    victims: [{ kind: 'person', name: 'Narges Victimname', gender: 'female', ageGroup: 'adult' }],
    perpetrators: [{ kind: 'state', description: 'Officers of the Ministry of Intelligence' }],
    source: {
      name: `Sourcename Quxley-${sources}`,
      organisation: 'Families for Justice',
      email: `source-${sources}@example.org`,
      phone: `+41 22 917 ${String(1000 + sources)}`,
      relation: 'family',
    },
    occurredFrom: '2026-01-10',
    occurredTo: '2026-01-12',
    place: 'Evin prison, Tehran',
    description: 'She was held incommunicado and beaten during interrogation on three consecutive days in January.',
    confidentialFields: ['victimNames'],
    ...overrides,
  };
}

type Information = ReturnType<typeof information>;

describe('submissions (intake, screening, access)', () => {
  let sut: TestApp;
  let service: SubmissionsService;
  const tokens: Record<string, string> = {};
  const actors: Record<string, UserActor> = {};

  const users = {
    assistant: { role: Role.Assistant, mandates: ['TORTURE'] },
    assistantWg: { role: Role.Assistant, mandates: ['WGAD', 'WGEID'] },
    assistantFood: { role: Role.Assistant, mandates: ['FOOD'] },
    assistantClimate: { role: Role.Assistant, mandates: ['CLIMATE'] },
    holder: { role: Role.MandateHolder, mandates: ['TORTURE'] },
    holderFood: { role: Role.MandateHolder, mandates: ['FOOD'] },
    government: { role: Role.Government, stateCode: 'IRN' },
    committee: { role: Role.Committee },
    admin: { role: Role.Admin },
  } as const;
  type Who = keyof typeof users;

  const as = (who: Who) => ({ token: tokens[who] });

  const submitPublic = (body: unknown, ip = freshIp()) => sut.post('/public/submissions', body, { ip });

  /** Submits through the public form and answers the id (found in the database: the receipt reveals nothing). */
  const received = async (body: Information = information()): Promise<string> => {
    const answer = await submitPublic(body);
    expect(answer.status).toBe(201);
    const [row] = await sut
      .dataSource()
      .query('SELECT id FROM submission WHERE receipt_code = $1', [answer.body.receiptCode]);
    return row.id as string;
  };

  const screen = (who: Who, id: string, criteria: Array<{ criterion: string; passed: boolean; note?: string }>) =>
    sut.post(`/submissions/${id}/screening`, { criteria }, as(who));
  const allPass = () => SCREENING_CRITERIA.map((criterion) => ({ criterion, passed: true }));

  const counts = async () => {
    const [row] = await sut.dataSource().query(`
      SELECT (SELECT count(*) FROM submission)::int AS submissions,
             (SELECT count(*) FROM submission_source)::int AS sources,
             (SELECT count(*) FROM submission_mandate)::int AS mandates,
             (SELECT count(*) FROM audit_event WHERE subject_type = 'submission')::int AS audits`);
    return row as { submissions: number; sources: number; mandates: number; audits: number };
  };

  const auditActions = async (id: string) =>
    (await sut
      .dataSource()
      .query(
        `SELECT action, actor_label, before, after FROM audit_event WHERE subject_type = 'submission' AND subject_id = $1 ORDER BY seq`,
        [id],
      )) as Array<{ action: string; actor_label: string; before: unknown; after: Record<string, unknown> }>;

  beforeAll(async () => {
    sut = await createTestApp({ env: { PUBLIC_RATE_LIMIT: String(RATE_LIMIT) } });
    service = sut.app.get(SubmissionsService);
    for (const [who, scope] of Object.entries(users)) {
      tokens[who] = (
        await sut.createUser({
          username: `sub.${who.toLowerCase()}`,
          ...scope,
          mandates: 'mandates' in scope ? [...scope.mandates] : undefined,
        })
      ).token;
      actors[who] = (await sut.app.get(AuthService).authenticate(tokens[who])) as UserActor;
    }
  });
  afterAll(() => sut.close());

  it('takes information from the public form, screens it and links it to letters (happy path)', async () => {
    const body = information({ source: { ...information().source, relation: 'witness' } });
    const answer = await submitPublic(body);

    expect(answer.status).toBe(201);
    expect(Object.keys(answer.body)).toEqual(['receiptCode']);
    expect(answer.body.receiptCode).toMatch(RECEIPT);
    expect(answer.headers.location).toBeUndefined();
    const [{ id }] = await sut
      .dataSource()
      .query('SELECT id FROM submission WHERE receipt_code = $1', [answer.body.receiptCode]);

    const list = await sut.get('/submissions?status=received&mandate=TORTURE', as('assistant'));
    expect(list.status).toBe(200);
    const line = list.body.items.find((item: { id: string }) => item.id === id);
    expect(line).toEqual({
      id,
      receiptCode: answer.body.receiptCode,
      status: 'received',
      channel: 'online',
      receivedAt: sut.clock.now().toISOString(),
      stateCode: 'IRN',
      otherRecipient: null,
      mandates: ['TORTURE'],
      communicationIds: [],
    });
    expect(JSON.stringify(list.body)).not.toContain(body.source.name);

    const read = await sut.get(`/submissions/${id}`, as('assistant'));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id,
      status: 'received',
      victims: [{ kind: 'person', name: 'Narges Victimname', description: null, gender: 'female', ageGroup: 'adult' }],
      lawOrPolicy: null,
      perpetrators: [{ kind: 'state', description: 'Officers of the Ministry of Intelligence' }],
      source: body.source,
      occurredFrom: '2026-01-10',
      occurredTo: '2026-01-12',
      place: 'Evin prison, Tehran',
      confidentialFields: ['victimNames'],
      screening: { criteria: [], pendingCriteria: [...SCREENING_CRITERIA], grounds: [] },
      rejection: null,
      communicationIds: [],
    });

    const partly = await screen('assistant', id, [
      { criterion: 'not_manifestly_unfounded', passed: true, note: 'Consistent with other reports' },
      { criterion: 'factual_description', passed: true },
    ]);
    expect(partly.status).toBe(200);
    expect(partly.body.status).toBe('received');
    expect(partly.body.screening.pendingCriteria).toEqual([
      'no_abusive_language',
      'reliable_source',
      'not_only_media_reports',
    ]);
    await expect(service.assertReadyForDrafting(actors.assistant, id)).rejects.toMatchObject({
      code: 'submission.not_screened',
    });

    const done = await screen('assistant', id, [
      { criterion: 'no_abusive_language', passed: true },
      { criterion: 'reliable_source', passed: true },
      { criterion: 'not_only_media_reports', passed: true },
    ]);
    expect(done.body.status).toBe('screened');
    expect(done.body.screening.criteria).toHaveLength(5);
    expect(done.body.screening.criteria[0]).toMatchObject({
      criterion: 'not_manifestly_unfounded',
      passed: true,
      note: 'Consistent with other reports',
    });
    expect(done.body.screening.pendingCriteria).toEqual([]);

    await expect(service.assertReadyForDrafting(actors.assistant, id)).resolves.toBeUndefined();
    // Two letters are drafted from the submission (e.g. an UA and a later AL); linking twice is harmless.
    const draft = async (type: string) => {
      const answer = await sut.post(
        '/communications',
        draftBody({ type, leadMandate: 'TORTURE', submissionIds: [id] }),
        as('assistant'),
      );
      expect(answer.status).toBe(201);
      return answer.body.id as string;
    };
    const first = await draft('UA');
    const second = await draft('AL');
    await service.linkToCommunication(actors.assistant, id, first);
    const linked = await sut.get(`/submissions/${id}`, as('assistant'));
    expect(linked.body.communicationIds).toEqual([first, second].sort());
    const again = await sut.get('/submissions?mandate=TORTURE&status=screened', as('assistant'));
    expect(again.body.items.find((item: { id: string }) => item.id === id).communicationIds).toEqual(
      [first, second].sort(),
    );

    const events = await auditActions(id);
    expect(events.map((event) => event.action)).toEqual([
      'submission.receive',
      'submission.screen',
      'submission.screen',
      'submission.link',
      'submission.link',
    ]);
    expect(events[0].actor_label).toBe('public@withheld');
    expect(events[2].after).toMatchObject({ status: 'screened', grounds: [] });
    expect(events.slice(3).map((event) => event.after)).toEqual(
      expect.arrayContaining([{ communicationId: first }, { communicationId: second }]),
    );
  });

  it('gives each submission its own unguessable receipt code, and nothing else', async () => {
    const body = information();
    const codes = new Set<string>();
    for (let index = 0; index < 3; index++) {
      const answer = await submitPublic(body);
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({ receiptCode: expect.stringMatching(RECEIPT) });
      expect(JSON.stringify(answer.body)).not.toContain(body.source.name);
      codes.add(answer.body.receiptCode);
    }
    expect(codes.size).toBe(3);
    const probe = await sut.get(`/public/submissions/${[...codes][0]}`);
    expect(probe.status).toBe(404);
  });

  describe('refuses incomplete or malformed information, writing nothing', () => {
    const base = information();
    const without = (field: string) =>
      Object.fromEntries(Object.entries(information()).filter(([key]) => key !== field));
    const cases: Array<[string, unknown, number, string]> = [
      ['missing victim', without('victims'), 422, 'submission.incomplete'],
      [
        'a victim with neither name nor description',
        information({ victims: [{ kind: 'group' }] }),
        422,
        'submission.incomplete',
      ],
      ['missing perpetrator', without('perpetrators'), 400, 'validation.failed'],
      ['no perpetrator in the list', information({ perpetrators: [] }), 400, 'validation.failed'],
      ['anonymous source (no source)', without('source'), 400, 'validation.failed'],
      [
        'anonymous source (blank name)',
        information({ source: { ...base.source, name: '   ' } }),
        400,
        'validation.failed',
      ],
      [
        'a source with no e-mail nor phone',
        information({ source: { name: 'Named Person', relation: 'witness' } }),
        422,
        'submission.incomplete',
      ],
      ['an unknown State code', information({ stateCode: 'XXX' }), 422, 'state.unknown'],
      ['OTH as the State', information({ stateCode: 'OTH' }), 422, 'submission.not_a_state'],
      ['neither a State nor another recipient', without('stateCode'), 422, 'submission.incomplete'],
      [
        'an unknown mandate',
        information({ mandates: ['TORTURE', 'NO_SUCH_MANDATE'] }),
        422,
        'submission.unknown_mandate',
      ],
      ['a malformed mandate code', information({ mandates: ['torture'] }), 400, 'validation.failed'],
      [
        'an unknown confidential field name',
        information({ confidentialFields: ['sourceName'] }),
        400,
        'validation.failed',
      ],
      ['an oversized description', information({ description: 'x'.repeat(50_001) }), 400, 'validation.failed'],
      ['a description too short', information({ description: 'Something happened.' }), 400, 'validation.failed'],
      [
        'more than 200 victims',
        information({ victims: Array.from({ length: 201 }, (_, n) => ({ kind: 'person', name: `V${n}` })) }),
        400,
        'validation.failed',
      ],
      ['victims as a string', information({ victims: 'many people' }), 400, 'validation.failed'],
      ['a description as a number', information({ description: 12345 }), 400, 'validation.failed'],
      ['an impossible date', information({ occurredFrom: '2026-02-30' }), 400, 'validation.failed'],
      [
        'events in the future',
        information({ occurredFrom: '2026-12-01', occurredTo: undefined }),
        422,
        'submission.incomplete',
      ],
      ['an end before the start', information({ occurredTo: '2026-01-01' }), 422, 'submission.incomplete'],
      [
        'an unknown relation to the victim',
        information({ source: { ...base.source, relation: 'cousin' } }),
        400,
        'validation.failed',
      ],
      [
        'a malformed e-mail',
        information({ source: { ...base.source, email: 'not-an-address' } }),
        400,
        'validation.failed',
      ],
      ['a field the form does not have', information({ status: 'screened' }), 400, 'validation.failed'],
      ['a channel on the public form', information({ channel: 'email' }), 400, 'validation.failed'],
      ['an array as the body', [information()], 400, 'validation.failed'],
    ];

    it.each(cases)('%s → %i %s', async (_, body, status, code) => {
      const before = await counts();
      const answer = await submitPublic(body);

      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ statusCode: status, code, message: expect.any(String) });
      expect(JSON.stringify(answer.body)).not.toContain('Sourcename Quxley');
      expect(await counts()).toEqual(before);
    });

    it('refuses a body that is not JSON', async () => {
      const before = await counts();
      const answer = await sut.request('POST', '/public/submissions', '{"stateCode": ', {
        ip: freshIp(),
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ statusCode: 400, code: expect.any(String), message: expect.any(String) });
      expect(await counts()).toEqual(before);
    });

    it('says what is missing, in words', async () => {
      const answer = await submitPublic(
        information({ victims: [], source: { name: 'Named Person', relation: 'victim' } }),
      );
      expect(answer.status).toBe(422);
      expect(answer.body.message).toMatch(/victim/);
      expect(answer.body.message).toMatch(/anonymous submissions are not considered/);
      expect(answer.body.details.map((problem: { field: string }) => problem.field)).toEqual(['victims', 'source']);
    });
  });

  it('accepts a law or policy instead of victims, and a non-State recipient instead of a State', async () => {
    const id = await received(
      information({
        victims: undefined,
        lawOrPolicy: 'Law on Foreign Agents of 2025',
        stateCode: undefined,
        otherRecipient: 'Acme Surveillance Ltd',
        mandates: [],
      }),
    );
    const read = await sut.get(`/submissions/${id}`, as('assistantFood'));
    expect(read.body).toMatchObject({
      victims: [],
      lawOrPolicy: 'Law on Foreign Agents of 2025',
      stateCode: null,
      otherRecipient: 'Acme Surveillance Ltd',
      mandates: [],
    });
  });

  it('answers 429 with Retry-After after PUBLIC_RATE_LIMIT requests a minute from one address, writing nothing', async () => {
    const ip = freshIp();
    for (let index = 0; index < RATE_LIMIT; index++) {
      const answer = await submitPublic(index % 2 === 0 ? information() : { nonsense: true }, ip);
      expect(answer.status).not.toBe(429);
    }
    const before = await counts();
    const limited = await submitPublic(information(), ip);

    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      code: 'request.rate_limited',
      message: expect.stringMatching(/try again/),
    });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.details).toEqual({ retryAfterSeconds: retryAfter });
    expect(await counts()).toEqual(before);

    expect((await submitPublic(information())).status).toBe(201);
    expect(
      (await sut.post('/submissions', { ...information(), channel: 'email' }, { ...as('assistant'), ip })).status,
    ).toBe(201);
  });

  describe('intake by assistants', () => {
    it('records information received by e-mail, with the same content rules', async () => {
      const body = { ...information(), channel: 'email' };
      const answer = await sut.post('/submissions', body, as('assistant'));

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        channel: 'email',
        status: 'received',
        receiptCode: expect.stringMatching(RECEIPT),
        source: body.source,
      });
      expect((await sut.get(`/submissions/${answer.body.id}`, as('assistant'))).status).toBe(200);
      const [event] = await auditActions(answer.body.id);
      expect(event).toMatchObject({
        action: 'submission.receive',
        actor_label: 'sub.assistant',
        after: { status: 'received', channel: 'email' },
      });
    });

    it.each(['letter', 'meeting', 'other'])('records the channel %s', async (channel) => {
      const answer = await sut.post('/submissions', { ...information(), channel }, as('assistant'));
      expect(answer.status).toBe(201);
      expect(answer.body.channel).toBe(channel);
    });

    it.each<[string, Record<string, unknown>, Who | null, number]>([
      ['without a channel', {}, 'assistant', 400],
      ['with the channel of the public form', { channel: 'online' }, 'assistant', 400],
      ['without a perpetrator', { channel: 'email', perpetrators: [] }, 'assistant', 400],
      [
        'without the source contact',
        { channel: 'email', source: { name: 'Named Person', relation: 'victim' } },
        'assistant',
        422,
      ],
      ['by a mandate-holder', { channel: 'email' }, 'holder', 403],
      ['by a government', { channel: 'email' }, 'government', 403],
      ['by the committee', { channel: 'email' }, 'committee', 403],
      ['without a login', { channel: 'email' }, null, 401],
    ])('refuses a submission %s, writing nothing', async (_, change, who, status) => {
      const before = await counts();
      const answer = await sut.post('/submissions', { ...information(), ...change }, who ? as(who) : {});
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ statusCode: status, code: expect.any(String), message: expect.any(String) });
      expect(await counts()).toEqual(before);
    });
  });

  describe('screening', () => {
    it('makes a submission inadmissible when a Code of Conduct criterion fails (C2), and final', async () => {
      const id = await received();
      const answer = await screen('assistant', id, [
        { criterion: 'not_manifestly_unfounded', passed: true },
        { criterion: 'no_abusive_language', passed: false, note: 'Insults throughout' },
      ]);

      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe('inadmissible');
      expect(answer.body.screening.grounds).toEqual([
        { ground: 'no_abusive_language', reason: expect.stringMatching(/C2: .*abusive/) },
      ]);

      const again = await screen('assistant', id, allPass());
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('submission.invalid_status');
      expect(again.body.message).toBe('This submission is inadmissible: only a received submission can be screened');
      expect((await sut.post(`/submissions/${id}/reject`, { reason: 'Abusive' }, as('assistant'))).status).toBe(409);
      await expect(service.assertReadyForDrafting(actors.assistant, id)).rejects.toMatchObject({
        code: 'submission.not_screened',
      });
      await expect(service.linkToCommunication(actors.assistant, id, randomUUID())).rejects.toMatchObject({
        code: 'submission.not_screened',
      });
      expect((await sut.get(`/submissions/${id}`, as('assistant'))).body.status).toBe('inadmissible');
    });

    it('lets a submission saying domestic remedies were not exhausted pass screening (C3)', async () => {
      const id = await received(
        information({
          stateCode: 'USA',
          remediesExhausted: false,
          domesticRemedies: 'No complaint was filed: the family fears reprisals and the courts are not independent.',
        }),
      );
      const answer = await screen('assistant', id, allPass());

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ status: 'screened', remediesExhausted: false, screening: { grounds: [] } });
      await expect(service.assertReadyForDrafting(actors.assistant, id)).resolves.toBeUndefined();
    });

    const c4 = (mandate: string, relation: string) => [
      {
        ground: 'c4_source_relation',
        reason: expect.stringMatching(
          new RegExp(
            `C4: ${mandate} take cases only from the persons concerned, their families or representatives.*"${relation}"`,
          ),
        ),
      },
    ];

    it.each<[string, string, string, unknown[]]>([
      ['WGAD', 'witness', 'inadmissible', c4('WGAD', 'witness')],
      ['WGEID', 'organisation', 'inadmissible', c4('WGEID', 'organisation')],
      ['WGEID', 'other', 'inadmissible', c4('WGEID', 'other')],
      ['WGAD', 'victim', 'screened', []],
      ['WGAD', 'family', 'screened', []],
      ['WGEID', 'representative', 'screened', []],
    ])('C4: a case for %s from a source who is %s is %s', async (mandate, relation, status, grounds) => {
      const id = await received(information({ mandates: [mandate], source: { ...information().source, relation } }));
      const answer = await screen('assistantWg', id, allPass());

      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe(status);
      expect(answer.body.screening.grounds).toEqual(grounds);
    });

    it('lets other mandates take a case from a witness (C4 is for WGAD and WGEID only)', async () => {
      const id = await received(information({ source: { ...information().source, relation: 'witness' } }));
      expect((await screen('assistant', id, allPass())).body.status).toBe('screened');
    });

    it.each<[string, unknown, number]>([
      ['no criteria', { criteria: [] }, 400],
      ['an unknown criterion', { criteria: [{ criterion: 'treaty_ratified', passed: true }] }, 400],
      ['domestic remedies as a criterion', { criteria: [{ criterion: 'remedies_exhausted', passed: false }] }, 400],
      ['a result that is not a boolean', { criteria: [{ criterion: 'factual_description', passed: 'yes' }] }, 400],
      [
        'a criterion given twice',
        {
          criteria: [
            { criterion: 'factual_description', passed: true },
            { criterion: 'factual_description', passed: false },
          ],
        },
        422,
      ],
    ])('refuses %s, recording nothing', async (_, body, status) => {
      const id = await received();
      const answer = await sut.post(`/submissions/${id}/screening`, body, as('assistant'));
      expect(answer.status).toBe(status);
      const [row] = await sut
        .dataSource()
        .query('SELECT count(*)::int AS n FROM submission_criterion WHERE submission_id = $1', [id]);
      expect(row.n).toBe(0);
    });
  });

  describe('rejection', () => {
    it('rejects with a reason; a rejected submission can be neither screened nor linked', async () => {
      const id = await received();
      await screen('assistant', id, [{ criterion: 'factual_description', passed: true }]);
      const answer = await sut.post(
        `/submissions/${id}/reject`,
        { reason: 'Outside the scope of the mandate' },
        as('assistant'),
      );

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        status: 'rejected',
        rejection: { reason: 'Outside the scope of the mandate', rejectedAt: sut.clock.now().toISOString() },
      });
      expect((await screen('assistant', id, allPass())).status).toBe(409);
      expect((await sut.post(`/submissions/${id}/reject`, { reason: 'Twice' }, as('assistant'))).status).toBe(409);
      await expect(service.linkToCommunication(actors.assistant, id, randomUUID())).rejects.toMatchObject({
        code: 'submission.not_screened',
      });
      await expect(service.assertReadyForDrafting(actors.assistant, id)).rejects.toMatchObject({
        code: 'submission.not_screened',
      });

      const events = await auditActions(id);
      expect(events[events.length - 1]).toMatchObject({
        action: 'submission.reject',
        before: { status: 'received' },
        after: { status: 'rejected' },
      });
      expect(JSON.stringify(events)).not.toContain('Outside the scope');
    });

    it.each<[string, Who, unknown, number]>([
      ['without a reason', 'assistant', {}, 400],
      ['by a mandate-holder', 'holder', { reason: 'Not for us' }, 403],
      ['by an assistant of another mandate', 'assistantFood', { reason: 'Not for us' }, 404],
      ['by a government', 'government', { reason: 'Not for us' }, 403],
    ])('refuses a rejection %s', async (_, who, body, status) => {
      const id = await received();
      const answer = await sut.post(`/submissions/${id}/reject`, body, as(who));
      expect(answer.status).toBe(status);
      expect((await sut.get(`/submissions/${id}`, as('assistant'))).body.status).toBe('received');
    });
  });

  describe('access (C14)', () => {
    let torture: string;
    let triage: string;
    let tortureSource: string;

    beforeAll(async () => {
      const body = information();
      tortureSource = body.source.name;
      torture = await received(body);
      triage = await received(information({ mandates: [] }));
    });

    it.each<[Who, boolean, boolean]>([
      ['assistant', true, true],
      ['holder', true, false],
      ['assistantFood', false, true],
      ['assistantWg', false, true],
      ['holderFood', false, false],
      ['government', false, false],
      ['committee', false, false],
      ['admin', false, false],
    ])(
      '%s reads the TORTURE submission: %s, the one for triage: %s (else 404, as for an unknown id)',
      async (who, readsTorture, readsTriage) => {
        const one = await sut.get(`/submissions/${torture}`, as(who));
        const other = await sut.get(`/submissions/${triage}`, as(who));
        const unknown = await sut.get(`/submissions/${randomUUID()}`, as(who));

        expect(unknown).toMatchObject({ status: 404, body: { code: 'submission.not_found' } });
        expect([one.status, other.status]).toEqual([readsTorture ? 200 : 404, readsTriage ? 200 : 404]);
        expect(one.body.code).toBe(readsTorture ? undefined : unknown.body.code);
        expect(one.body.source?.name).toBe(readsTorture ? tortureSource : undefined);
        expect(JSON.stringify(one.body).includes(tortureSource)).toBe(readsTorture);
      },
    );

    it('answers 401 without a login, the same for a submission that exists and one that does not', async () => {
      const one = await sut.get(`/submissions/${torture}`);
      const unknown = await sut.get(`/submissions/${randomUUID()}`);
      expect(one.status).toBe(401);
      expect(unknown).toMatchObject({ status: one.status, body: one.body });
      expect((await sut.get('/submissions')).status).toBe(401);
    });

    it.each<Who>(['government', 'committee', 'admin'])('refuses the list to %s by role (403)', async (who) => {
      const answer = await sut.get('/submissions', as(who));
      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe('access.denied');
    });

    it.each<[Who, boolean, boolean]>([
      ['assistant', true, true],
      ['assistantFood', false, true],
      ['holder', true, false],
      ['holderFood', false, false],
    ])('lists for %s: TORTURE submission %s, triage %s — never the source', async (who, seesTorture, seesTriage) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } =
          await sut.get(`/submissions?limit=100${cursor ? `&cursor=${cursor}` : ''}`, as(who));
        expect(page.status).toBe(200);
        expect(JSON.stringify(page.body)).not.toContain(tortureSource);
        expect(JSON.stringify(page.body)).not.toContain('"source"');
        ids.push(...page.body.items.map((item) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(ids.includes(torture)).toBe(seesTorture);
      expect(ids.includes(triage)).toBe(seesTriage);
    });

    it.each<[Who, number]>([
      ['assistantFood', 404],
      ['holder', 403],
      ['government', 403],
      ['committee', 403],
    ])('refuses screening to %s (%i)', async (who, status) => {
      expect((await screen(who, torture, allPass())).status).toBe(status);
    });

    it('lets the drafting check see only what the assistant may see', async () => {
      await expect(service.assertReadyForDrafting(actors.assistantFood, torture)).rejects.toMatchObject({
        code: 'submission.not_found',
      });
      await expect(service.linkToCommunication(actors.holder, torture, randomUUID())).rejects.toMatchObject({
        code: 'access.denied',
      });
      await expect(service.assertReadyForDrafting(actors.government, torture)).rejects.toMatchObject({
        code: 'access.denied',
      });
    });
  });

  it('keeps the source out of every audit event (C14)', async () => {
    const body = information();
    const ip = freshIp();
    const answer = await submitPublic(body, ip);
    const [{ id }] = await sut
      .dataSource()
      .query('SELECT id FROM submission WHERE receipt_code = $1', [answer.body.receiptCode]);
    await screen('assistant', id, [
      { criterion: 'reliable_source', passed: true, note: `Spoke with ${body.source.name} on the phone` },
    ]);
    await sut.post(`/submissions/${id}/reject`, { reason: `${body.source.name} withdrew the case` }, as('assistant'));

    expect((await auditActions(id)).map((event) => event.action)).toEqual([
      'submission.receive',
      'submission.screen',
      'submission.reject',
    ]);
    for (const secret of [
      body.source.name,
      body.source.email,
      body.source.phone,
      'Families for Justice',
      ip,
      'Sourcename Quxley',
    ]) {
      const [row] = await sut
        .dataSource()
        .query('SELECT count(*)::int AS n FROM audit_event e WHERE e::text ILIKE $1', [`%${secret}%`]);
      expect({ secret, events: row.n }).toEqual({ secret, events: 0 });
    }
  });

  it('pages through the list newest first, with filters', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      sut.clock.advance({ minutes: 1 });
      const answer = await sut.post(
        '/submissions',
        { ...information({ mandates: ['CLIMATE'] }), channel: 'email' },
        as('assistantClimate'),
      );
      ids.push(answer.body.id);
    }
    await sut.post(`/submissions/${ids[1]}/reject`, { reason: 'Duplicate of another case' }, as('assistantClimate'));

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await sut.get(
        `/submissions?mandate=CLIMATE&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        as('assistantClimate'),
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());

    const rejected = await sut.get('/submissions?mandate=CLIMATE&status=rejected', as('assistantClimate'));
    expect(rejected.body.items.map((item: { id: string }) => item.id)).toEqual([ids[1]]);
    const forTriage = await sut.get('/submissions?triage=true&limit=100', as('assistantClimate'));
    expect(forTriage.body.items.length).toBeGreaterThan(0);
    expect(forTriage.body.items.every((item: { mandates: string[] }) => item.mandates.length === 0)).toBe(true);

    expect((await sut.get('/submissions?cursor=bm90LWEtY3Vyc29y', as('assistantClimate'))).body.code).toBe(
      'submission.invalid_cursor',
    );
    expect((await sut.get('/submissions?mandate=NO_SUCH_MANDATE', as('assistantClimate'))).status).toBe(422);
    expect((await sut.get('/submissions?limit=0', as('assistantClimate'))).status).toBe(400);
    expect((await sut.get('/submissions?status=linked', as('assistantClimate'))).status).toBe(400);
    expect((await sut.get('/submissions?sort=name', as('assistantClimate'))).status).toBe(400);
  });

  it('holds the rules in the database too', async () => {
    const id = await received();
    const refused = async (sql: string) => {
      await expect(sut.dataSource().query(sql, [id])).rejects.toThrow(/violates (check|foreign key) constraint/);
    };
    await refused('UPDATE submission_source SET email = NULL, phone = NULL WHERE submission_id = $1');
    await refused(`UPDATE submission SET status = 'rejected' WHERE id = $1`);
    await refused(`UPDATE submission SET status = 'inadmissible' WHERE id = $1`);
    await refused(`UPDATE submission SET confidential_fields = '{sourceName}' WHERE id = $1`);
    await refused(`UPDATE submission SET perpetrators = '[]' WHERE id = $1`);
    await refused(`UPDATE submission SET victims = '[]' WHERE id = $1`);
    await refused(`UPDATE submission SET state_code = 'XXX' WHERE id = $1`);
    await refused(
      `INSERT INTO submission_criterion (submission_id, criterion, passed, recorded_at) VALUES ($1, 'remedies_exhausted', true, now())`,
    );
  });

  it('documents the routes, their errors and the rate limit', async () => {
    const docs = await sut.get('/docs-json');
    const intake = docs.body.paths['/public/submissions'].post;
    expect(Object.keys(intake.responses).sort()).toEqual(['201', '400', '422', '429']);
    expect(docs.body.paths['/submissions/{id}'].get.responses['404']).toBeDefined();
    expect(docs.body.paths['/submissions/{id}/screening'].post.responses['409']).toBeDefined();
  });
});
