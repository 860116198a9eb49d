import { parse } from 'csv-parse/sync';
import { Role } from '@spcomms/access';
import { TestApp, createTestApp } from './support/test-app';

type Target =
  | 'requested'
  | 'acknowledged'
  | 'accepted'
  | 'dates_proposed'
  | 'scheduled'
  | 'under_way'
  | 'completed'
  | 'declined'
  | 'postponed'
  | 'cancelled'
  | 'no_response';

interface Planned {
  mandate: string;
  state: string;
  target: Target;
  requestedOn: string;
  /** The agreed dates, for visits that get that far. */
  dates?: { from: string; to: string };
}

/** The requests this file makes; the expected tables are computed from this list alone. */
const PLAN: Planned[] = [
  {
    mandate: 'TORTURE',
    state: 'CHE',
    target: 'completed',
    requestedOn: '2024-01-15',
    dates: { from: '2024-06-03', to: '2024-06-14' },
  },
  {
    mandate: 'HEALTH',
    state: 'CHE',
    target: 'completed',
    requestedOn: '2024-02-01',
    dates: { from: '2025-03-10', to: '2025-03-21' },
  },
  { mandate: 'TORTURE', state: 'CHE', target: 'requested', requestedOn: '2026-01-05' },
  { mandate: 'TORTURE', state: 'FRA', target: 'requested', requestedOn: '2025-11-20' },
  { mandate: 'HEALTH', state: 'FRA', target: 'acknowledged', requestedOn: '2025-06-01' },
  { mandate: 'FOOD', state: 'FRA', target: 'no_response', requestedOn: '2021-04-12' },
  {
    mandate: 'TORTURE',
    state: 'BRA',
    target: 'scheduled',
    requestedOn: '2025-09-09',
    dates: { from: '2026-09-14', to: '2026-09-25' },
  },
  { mandate: 'HEALTH', state: 'BRA', target: 'declined', requestedOn: '2023-03-03' },
  {
    mandate: 'FOOD',
    state: 'BRA',
    target: 'completed',
    requestedOn: '2022-05-05',
    dates: { from: '2023-08-07', to: '2023-08-18' },
  },
  { mandate: 'FOOD', state: 'IND', target: 'accepted', requestedOn: '2025-01-20' },
  { mandate: 'TORTURE', state: 'IND', target: 'cancelled', requestedOn: '2024-07-07' },
  { mandate: 'HEALTH', state: 'KEN', target: 'postponed', requestedOn: '2024-10-10' },
  { mandate: 'TORTURE', state: 'KEN', target: 'dates_proposed', requestedOn: '2025-12-01' },
  { mandate: 'FOOD', state: 'VAT', target: 'requested', requestedOn: '2025-02-14' },
  { mandate: 'PRK', state: 'PRK', target: 'no_response', requestedOn: '2020-03-01' },
  {
    mandate: 'HEALTH',
    state: 'NZL',
    target: 'under_way',
    requestedOn: '2025-10-01',
    dates: { from: '2026-02-23', to: '2026-03-06' },
  },
];

const STANDING_INVITATIONS: Record<string, string> = { CHE: '2001-04-01', BRA: '2001-12-01', KEN: '2010-05-12' };

const NOTES = 'Internal: do not share the name of our contact in the ministry';
const CHECKLIST_NOTE = 'Internal: detention list promised orally';

/** How the public tables classify a status (the definition the tables publish). */
const PENDING: Target[] = ['requested', 'acknowledged', 'no_response'];
const AGREED: Target[] = ['accepted', 'dates_proposed', 'scheduled', 'under_way', 'postponed'];

/** Requests per minute and address on the public tables in this file (the other tests stay well below). */
const RATE_LIMIT = 40;

describe('country visits: public tables', () => {
  let sut: TestApp;
  let assistant: string;
  let states: Array<{ code: string; name: string; status: string }>;
  let mandates: Array<{ code: string; title: string }>;

  async function drive(plan: Planned): Promise<void> {
    const created = await sut.post(
      '/visits',
      {
        mandateCode: plan.mandate,
        stateCode: plan.state,
        requestedOn: plan.requestedOn,
        purpose: `Visit of ${plan.mandate} to ${plan.state}`,
        notes: NOTES,
        assurances: [{ item: 'no_reprisals', requested: true, note: CHECKLIST_NOTE }],
      },
      { token: assistant },
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    const answer = (body: object) =>
      sut.post(`/visits/${id}/answers`, { channel: 'note_verbale', ...body }, { token: assistant });
    const move = (body: object) => sut.post(`/visits/${id}/status`, body, { token: assistant });
    const steps: Record<Target, Array<() => Promise<{ status: number }>>> = {
      requested: [],
      acknowledged: [() => answer({ answer: 'acknowledge' })],
      accepted: [() => answer({ answer: 'accept' })],
      dates_proposed: [
        () => answer({ answer: 'accept' }),
        () => answer({ answer: 'propose_dates', period: { from: '2027-01-11', to: '2027-01-22' } }),
      ],
      scheduled: [() => answer({ answer: 'accept' }), () => move({ status: 'scheduled', period: plan.dates })],
      under_way: [
        () => answer({ answer: 'accept' }),
        () => move({ status: 'scheduled', period: plan.dates }),
        () => move({ status: 'under_way' }),
      ],
      completed: [
        () => answer({ answer: 'accept' }),
        () => move({ status: 'scheduled', period: plan.dates }),
        () => move({ status: 'under_way' }),
        () => move({ status: 'completed' }),
      ],
      declined: [() => answer({ answer: 'decline' })],
      postponed: [() => answer({ answer: 'accept' }), () => move({ status: 'postponed' })],
      cancelled: [() => move({ status: 'cancelled' })],
      no_response: [() => move({ status: 'no_response' })],
    };
    for (const step of steps[plan.target]) {
      expect((await step()).status).toBe(200);
    }
  }

  beforeAll(async () => {
    sut = await createTestApp({ env: { PUBLIC_RATE_LIMIT: String(RATE_LIMIT) } });
    sut.clock.set('2026-03-02T09:00:00Z');
    assistant = (
      await sut.createUser({
        username: 'pub.assistant',
        role: Role.Assistant,
        mandates: ['TORTURE', 'HEALTH', 'FOOD', 'PRK'],
      })
    ).token;
    const admin = (await sut.createUser({ username: 'pub.admin', role: Role.Admin })).token;
    for (const [code, issuedOn] of Object.entries(STANDING_INVITATIONS)) {
      const issued = await sut.post(`/states/${code}/standing-invitation`, { issuedOn }, { token: admin });
      if (issued.status !== 201) {
        throw new Error(`standing invitation of ${code} not recorded: ${issued.status}`);
      }
    }
    // A standing invitation withdrawn is no longer in force.
    await sut.post('/states/IND/standing-invitation', { issuedOn: '2005-01-01' }, { token: admin });
    await sut.post('/states/IND/standing-invitation/withdraw', { withdrawnOn: '2019-01-01' }, { token: admin });
    for (const plan of PLAN) {
      await drive(plan);
    }
    states = (await sut.get('/states')).body.filter((state: { status: string }) => state.status !== 'pseudo');
    mandates = (await sut.get('/mandates')).body;
  });
  afterAll(() => sut.close());

  function expectedStateRows() {
    return states
      .map((state) => {
        const mine = PLAN.filter((plan) => plan.state === state.code);
        const done = mine.filter((plan) => plan.target === 'completed');
        return {
          stateCode: state.code,
          stateName: state.name,
          stateStatus: state.status,
          visitsCarriedOut: done.length,
          lastVisitOn:
            done.length > 0
              ? done
                  .map((plan) => plan.dates!.to)
                  .sort()
                  .at(-1)!
              : null,
          visitsAgreed: mine.filter((plan) => AGREED.includes(plan.target)).length,
          requestsPending: mine.filter((plan) => PENDING.includes(plan.target)).length,
          standingInvitationSince: STANDING_INVITATIONS[state.code] ?? null,
        };
      })
      .sort((a, b) => a.stateName.localeCompare(b.stateName, 'en'));
  }

  it('lists every State with its visits carried out, agreed, requests pending and standing invitation', async () => {
    const { status, body } = await sut.get('/public/visits/states');
    expect(status).toBe(200);
    expect(body).toHaveLength(195);
    expect(body).toEqual(expectedStateRows());
    expect(body.find((row: { stateCode: string }) => row.stateCode === 'CHE')).toEqual({
      stateCode: 'CHE',
      stateName: 'Switzerland',
      stateStatus: 'member',
      visitsCarriedOut: 2,
      lastVisitOn: '2025-03-21',
      visitsAgreed: 0,
      requestsPending: 1,
      standingInvitationSince: '2001-04-01',
    });
    expect(body.find((row: { stateCode: string }) => row.stateCode === 'IND').standingInvitationSince).toBeNull();
  });

  it('lists the States never visited', async () => {
    const { status, body } = await sut.get('/public/visits/never-visited');
    expect(status).toBe(200);
    const visited = new Set(PLAN.filter((plan) => plan.target === 'completed').map((plan) => plan.state));
    expect(visited).toEqual(new Set(['CHE', 'BRA']));
    expect(body).toHaveLength(195 - visited.size);
    expect(body).toEqual(
      expectedStateRows()
        .filter((row) => !visited.has(row.stateCode))
        .map(({ stateCode, stateName, stateStatus, requestsPending, standingInvitationSince }) => ({
          stateCode,
          stateName,
          stateStatus,
          requestsPending,
          standingInvitationSince,
        })),
    );
    // The State with a visit under way has not been visited yet.
    expect(body.some((row: { stateCode: string }) => row.stateCode === 'NZL')).toBe(true);
  });

  it('lists the pending requests by mandate', async () => {
    const { status, body } = await sut.get('/public/visits/pending-by-mandate');
    expect(status).toBe(200);
    const nameOf = new Map(states.map((state) => [state.code, state.name]));
    const titleOf = new Map(mandates.map((mandate) => [mandate.code, mandate.title]));
    const expected = PLAN.filter((plan) => PENDING.includes(plan.target))
      .map((plan) => ({
        mandateCode: plan.mandate,
        mandateTitle: titleOf.get(plan.mandate),
        stateCode: plan.state,
        stateName: nameOf.get(plan.state),
        requestedOn: plan.requestedOn,
        status: plan.target,
      }))
      .sort(
        (a, b) =>
          a.mandateCode.localeCompare(b.mandateCode) ||
          a.stateName!.localeCompare(b.stateName!) ||
          a.requestedOn.localeCompare(b.requestedOn),
      );
    expect(body).toEqual(expected);
    expect(body).toHaveLength(6);
  });

  it.each([
    ['states', 'visits-by-state.csv'],
    ['never-visited', 'states-never-visited.csv'],
    ['pending-by-mandate', 'visit-requests-pending-by-mandate.csv'],
  ])('offers %s as CSV with a header row, equal to the JSON table', async (table, filename) => {
    const json = (await sut.get(`/public/visits/${table}`)).body as Array<Record<string, unknown>>;
    const csv = await sut.get(`/public/visits/${table}?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${filename}"`);
    const [header, ...lines] = parse(csv.body as string) as string[][];
    const snake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    expect(header).toEqual(Object.keys(json[0]).map(snake));
    expect(lines).toHaveLength(json.length);
    expect(lines).toEqual(json.map((row) => Object.values(row).map((value) => (value === null ? '' : String(value)))));
    expect((csv.body as string).endsWith('\r\n')).toBe(true);

    const suffixed = await sut.get(`/public/visits/${table}.csv`);
    expect(suffixed.status).toBe(200);
    expect(suffixed.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(suffixed.body).toBe(csv.body);
  });

  it('publishes no internal notes, checklist, history or names', async () => {
    for (const url of [
      'states',
      'never-visited',
      'pending-by-mandate',
      'states.csv',
      'never-visited.csv',
      'pending-by-mandate.csv',
    ]) {
      const { body } = await sut.get(`/public/visits/${url}`);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      for (const secret of [
        NOTES,
        CHECKLIST_NOTE,
        'pub.assistant',
        'no_reprisals',
        'note_verbale',
        'Visit of TORTURE',
      ]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('answers 429 with Retry-After after PUBLIC_RATE_LIMIT requests a minute from one address, on every table', async () => {
    const ip = '10.77.0.1';
    const urls = [
      'states',
      'never-visited',
      'pending-by-mandate',
      'states.csv',
      'never-visited.csv',
      'pending-by-mandate.csv',
    ];
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT; i++) {
      statuses.push((await sut.get(`/public/visits/${urls[i % urls.length]}`, { ip })).status);
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    for (const url of urls) {
      const limited = await sut.get(`/public/visits/${url}`, { ip });
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({
        statusCode: 429,
        code: 'request.rate_limited',
        message: expect.stringMatching(/try again/),
      });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // Another address is served; the tables have a count of their own, apart from the other public pages.
    expect((await sut.get('/public/visits/states', { ip: '10.77.0.2' })).status).toBe(200);
    expect((await sut.get('/public/statistics', { ip })).status).toBe(200);
  });
});
