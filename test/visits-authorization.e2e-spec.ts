import { Role } from '@spcomms/access';
import { TestApp, createTestApp } from './support/test-app';

type Who =
  'assistant' | 'otherAssistant' | 'holder' | 'government' | 'otherGovernment' | 'committee' | 'admin' | 'public';

const EVERYONE: Who[] = [
  'assistant',
  'otherAssistant',
  'holder',
  'government',
  'otherGovernment',
  'committee',
  'admin',
  'public',
];

/** What each role gets from an endpoint. */
type Expected = Record<Who, number>;

/** The mandate's staff (assistant and mandate-holder of TORTURE) only; another mandate's staff get 404 for a visit. */
const STAFF_ON_VISIT = (ok: number): Expected => ({
  assistant: ok,
  otherAssistant: 404,
  holder: ok,
  government: 403,
  otherGovernment: 403,
  committee: 403,
  admin: 403,
  public: 401,
});

/** The government of the State asked only; another State's government gets 404. */
const GOVERNMENT_ON_VISIT = (ok: number): Expected => ({
  assistant: 403,
  otherAssistant: 403,
  holder: 403,
  government: ok,
  otherGovernment: 404,
  committee: 403,
  admin: 403,
  public: 401,
});

const ANYONE = (ok: number): Expected => Object.fromEntries(EVERYONE.map((who) => [who, ok])) as Expected;

/**
 * Every visits endpoint against every role: the assistant and the mandate-holder of the mandate,
 * an assistant of another mandate, the government of the State asked and of another State, the
 * committee, an admin and the public. A refused call changes nothing.
 */
describe('country visits: who may do what', () => {
  let sut: TestApp;
  const tokens: Partial<Record<Who, string>> = {};
  const freeStates: string[] = [];

  beforeAll(async () => {
    sut = await createTestApp();
    tokens.assistant = (
      await sut.createUser({ username: 'az.assistant', role: Role.Assistant, mandates: ['TORTURE'] })
    ).token;
    tokens.otherAssistant = (
      await sut.createUser({ username: 'az.other', role: Role.Assistant, mandates: ['EXPRESSION'] })
    ).token;
    tokens.holder = (
      await sut.createUser({ username: 'az.holder', role: Role.MandateHolder, mandates: ['TORTURE'] })
    ).token;
    tokens.government = (
      await sut.createUser({ username: 'az.gov.che', role: Role.Government, stateCode: 'CHE' })
    ).token;
    tokens.otherGovernment = (
      await sut.createUser({ username: 'az.gov.fra', role: Role.Government, stateCode: 'FRA' })
    ).token;
    tokens.committee = (await sut.createUser({ username: 'az.committee', role: Role.Committee })).token;
    tokens.admin = (await sut.createUser({ username: 'az.admin', role: Role.Admin })).token;
    const states = (await sut.get('/states')).body as Array<{ code: string; status: string }>;
    freeStates.push(
      ...states
        .filter((state) => state.status === 'member' && !['CHE', 'FRA'].includes(state.code))
        .map((state) => state.code),
    );
  });
  afterAll(() => sut.close());

  const as = (who: Who) => ({ token: tokens[who] });

  /** A fresh request of TORTURE to CHE (the open one is closed first, so that a new one may be made). */
  async function freshVisit(): Promise<string> {
    const open = (await sut.get('/visits?state=CHE&limit=200', as('assistant'))).body.items.filter(
      (visit: { status: string }) => !['completed', 'declined', 'cancelled'].includes(visit.status),
    );
    for (const visit of open) {
      await sut.post(`/visits/${visit.id}/status`, { status: 'cancelled' }, as('assistant'));
    }
    const created = await sut.post(
      '/visits',
      { mandateCode: 'TORTURE', stateCode: 'CHE', purpose: 'To assess places of detention' },
      as('assistant'),
    );
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function completedVisit(): Promise<string> {
    const id = await freshVisit();
    await sut.post(`/visits/${id}/answers`, { answer: 'accept', channel: 'letter' }, as('assistant'));
    await sut.post(
      `/visits/${id}/status`,
      { status: 'scheduled', period: { from: '2026-02-23', to: '2026-03-02' } },
      as('assistant'),
    );
    await sut.post(`/visits/${id}/status`, { status: 'under_way' }, as('assistant'));
    expect((await sut.post(`/visits/${id}/status`, { status: 'completed' }, as('assistant'))).status).toBe(200);
    return id;
  }

  const snapshot = async () =>
    (
      await sut.dataSource().query(
        `SELECT (SELECT count(*) FROM visit)::int AS visits, (SELECT count(*) FROM visit_status_change)::int AS changes,
                (SELECT count(*) FROM visit_follow_up)::int AS follow_ups,
                (SELECT string_agg(id::text || status || coalesce(notes, '') || coalesce(report_symbol, ''), ',' ORDER BY id) FROM visit) AS visits_text,
                (SELECT string_agg(visit_id::text || item || confirmed::text, ',' ORDER BY visit_id, item) FROM visit_assurance) AS checklist`,
      )
    )[0];

  interface Endpoint {
    name: string;
    /** Makes what the call needs (a visit in the right status) and answers the call to make. */
    prepare: () => Promise<{ method: string; url: string; body?: unknown; visitId?: string }>;
    expected: Expected;
    /** Reads write nothing even when allowed. */
    read?: boolean;
    /** For lists: whether the visit made by prepare is in the answer. */
    listed?: Partial<Record<Who, boolean>>;
  }

  const endpoints: Endpoint[] = [
    {
      name: 'POST /visits',
      prepare: async () => ({
        method: 'POST',
        url: '/visits',
        body: { mandateCode: 'TORTURE', stateCode: freeStates.shift(), purpose: 'To assess places of detention' },
      }),
      expected: { ...STAFF_ON_VISIT(201), otherAssistant: 403 },
    },
    {
      name: 'GET /visits',
      prepare: async () => ({ method: 'GET', url: '/visits?limit=200', visitId: await freshVisit() }),
      expected: { ...STAFF_ON_VISIT(200), otherAssistant: 200 },
      read: true,
      listed: { assistant: true, holder: true, otherAssistant: false },
    },
    {
      name: 'GET /visits/:id',
      prepare: async () => ({ method: 'GET', url: `/visits/${await freshVisit()}` }),
      expected: STAFF_ON_VISIT(200),
      read: true,
    },
    {
      name: 'PATCH /visits/:id',
      prepare: async () => ({
        method: 'PATCH',
        url: `/visits/${await freshVisit()}`,
        body: { notes: 'changed by whoever may' },
      }),
      expected: STAFF_ON_VISIT(200),
    },
    {
      name: 'PATCH /visits/:id/assurances',
      prepare: async () => ({
        method: 'PATCH',
        url: `/visits/${await freshVisit()}/assurances`,
        body: { assurances: [{ item: 'security', requested: true, confirmed: true }] },
      }),
      expected: STAFF_ON_VISIT(200),
    },
    {
      name: 'POST /visits/:id/answers',
      prepare: async () => ({
        method: 'POST',
        url: `/visits/${await freshVisit()}/answers`,
        body: { answer: 'acknowledge', channel: 'note_verbale' },
      }),
      expected: STAFF_ON_VISIT(200),
    },
    {
      name: 'POST /visits/:id/status',
      prepare: async () => ({
        method: 'POST',
        url: `/visits/${await freshVisit()}/status`,
        body: { status: 'no_response' },
      }),
      expected: STAFF_ON_VISIT(200),
    },
    {
      name: 'PATCH /visits/:id/outcome',
      prepare: async () => ({
        method: 'PATCH',
        url: `/visits/${await completedVisit()}/outcome`,
        body: { reportSymbol: 'A/HRC/64/50/Add.3' },
      }),
      expected: STAFF_ON_VISIT(200),
    },
    {
      name: 'POST /visits/:id/follow-ups',
      prepare: async () => ({
        method: 'POST',
        url: `/visits/${await completedVisit()}/follow-ups`,
        body: { kind: 'visit', dueOn: '2028-06-01' },
      }),
      expected: STAFF_ON_VISIT(201),
    },
    {
      name: 'GET /portal/visits',
      prepare: async () => ({ method: 'GET', url: '/portal/visits?limit=200', visitId: await freshVisit() }),
      expected: { ...GOVERNMENT_ON_VISIT(200), otherGovernment: 200 },
      read: true,
      listed: { government: true, otherGovernment: false },
    },
    {
      name: 'GET /portal/visits/:id',
      prepare: async () => ({ method: 'GET', url: `/portal/visits/${await freshVisit()}` }),
      expected: GOVERNMENT_ON_VISIT(200),
      read: true,
    },
    {
      name: 'POST /portal/visits/:id/answers',
      prepare: async () => ({
        method: 'POST',
        url: `/portal/visits/${await freshVisit()}/answers`,
        body: { answer: 'accept' },
      }),
      expected: GOVERNMENT_ON_VISIT(200),
    },
    ...[
      'states',
      'states.csv',
      'states?format=csv',
      'never-visited',
      'never-visited.csv',
      'pending-by-mandate',
      'pending-by-mandate.csv',
      'per-year',
    ].map((table): Endpoint => ({
      name: `GET /public/visits/${table}`,
      prepare: async () => ({ method: 'GET', url: `/public/visits/${table}` }),
      expected: ANYONE(200),
      read: true,
    })),
  ];

  const cases = endpoints.flatMap((endpoint) => EVERYONE.map((who) => [endpoint.name, who, endpoint] as const));

  it.each(cases)('%s as %s', async (_, who, endpoint) => {
    const call = await endpoint.prepare();
    const before = await snapshot();
    const answer = await sut.request(call.method, call.url, call.body, as(who));
    const expected = endpoint.expected[who];
    const after = await snapshot();
    const listed = endpoint.listed?.[who];
    const body = answer.body as { statusCode?: unknown; code?: unknown };
    expect({
      status: answer.status,
      // A refusal is in the error shape; an allowed write changes rows, a read or a refusal none.
      errorShape: expected >= 400 ? body.statusCode === expected && typeof body.code === 'string' : true,
      changed: JSON.stringify(after) !== JSON.stringify(before),
      listed:
        listed === undefined
          ? undefined
          : (answer.body as { items: Array<{ id: string }> }).items.some((visit) => visit.id === call.visitId),
    }).toEqual({ status: expected, errorShape: true, changed: expected < 400 && !endpoint.read, listed });
  });

  it('covers every visits route of the API document', async () => {
    const document = (await sut.get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths)
      .filter(([path]) => /^\/(visits|portal\/visits|public\/visits)/.test(path))
      .flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace('{id}', ':id')}`),
      );
    const covered = new Set(endpoints.map((endpoint) => endpoint.name.replace('?format=csv', '')));
    expect(routes.filter((route) => !covered.has(route))).toEqual([]);
  });
});
