import { parse } from 'csv-parse/sync';
import { Role } from '@spcomms/access';
import { StatisticsFactory } from '../libs/statistics/test/statistics-factory';
import { TestApp, createTestApp } from './support/test-app';

interface StateRow {
  stateCode: string;
  visitsCarriedOut: number;
  lastVisitOn: string | null;
  visitsAgreed: number;
  requestsPending: number;
}

/**
 * The public visit tables and the statistics (S) count visits with one definition (visit-counting):
 * on the same data, as of today, they must agree — State by State.
 */
describe('country visits: the public tables and the statistics count visits the same way', () => {
  let sut: TestApp;
  let assistant: string;
  let committee: string;

  const at = (instant: string) => sut.clock.set(instant);
  const move = (id: string, body: Record<string, unknown>) =>
    sut.post(`/visits/${id}/status`, body, { token: assistant });
  async function visit(
    mandateCode: string,
    stateCode: string,
    steps: Array<[string, Record<string, unknown>]>,
  ): Promise<string> {
    const created = await sut.post(
      '/visits',
      { mandateCode, stateCode, purpose: `Visit of ${mandateCode} to ${stateCode}` },
      { token: assistant },
    );
    expect(created.status).toBe(201);
    for (const [instant, body] of steps) {
      at(instant);
      const answered =
        'answer' in body
          ? await sut.post(`/visits/${created.body.id}/answers`, { channel: 'letter', ...body }, { token: assistant })
          : await move(created.body.id, body);
      expect(answered.status).toBe(200);
    }
    return created.body.id;
  }

  /** Both sides as of today: the public table's totals and rows, the statistics since 1946 and the States of its CSV. */
  async function bothSides(today: string) {
    const rows = ((await sut.get('/public/visits/states')).body as StateRow[]).filter(
      (row) => row.visitsCarriedOut + row.visitsAgreed + row.requestsPending > 0,
    );
    const statistics = await sut.get(`/statistics?from=1946-01-01&to=${today}`, { token: committee });
    expect(statistics.status).toBe(200);
    const csv = await sut.get(statistics.body.visits.carriedOut.csv, { token: committee });
    const carried = parse(csv.body as string, { columns: true }) as Array<{ state_code: string; scheduled_to: string }>;
    const perState = new Map<string, number>();
    for (const row of carried) {
      perState.set(row.state_code, (perState.get(row.state_code) ?? 0) + 1);
    }
    return {
      table: {
        carriedOut: rows.reduce((sum, row) => sum + row.visitsCarriedOut, 0),
        countriesVisited: rows.filter((row) => row.visitsCarriedOut > 0).length,
        requestsPending: rows.reduce((sum, row) => sum + row.requestsPending, 0),
        perState: Object.fromEntries(
          rows.filter((row) => row.visitsCarriedOut > 0).map((row) => [row.stateCode, row.visitsCarriedOut]),
        ),
      },
      statistics: {
        carriedOut: statistics.body.visits.carriedOut.value,
        countriesVisited: statistics.body.visits.countriesVisited,
        requestsPending: statistics.body.visits.requestsPending.value,
        perState: Object.fromEntries(perState),
      },
      row: (code: string) => rows.find((row) => row.stateCode === code),
    };
  }

  beforeAll(async () => {
    sut = await createTestApp({ env: { TOKEN_TTL_HOURS: String(24 * 365 * 5) } });
    assistant = (
      await sut.createUser({ username: 'vc.assistant', role: Role.Assistant, mandates: ['TORTURE', 'HEALTH', 'FOOD'] })
    ).token;
    committee = (await sut.createUser({ username: 'vc.committee', role: Role.Committee })).token;

    at('2025-01-06T09:00:00Z');
    const schedule = (from: string, to: string) => ({ status: 'scheduled', period: { from, to } });
    await visit('TORTURE', 'CHE', [
      ['2025-01-10T09:00:00Z', { answer: 'accept' }],
      ['2025-02-01T09:00:00Z', schedule('2025-06-02', '2025-06-13')],
      ['2025-06-02T08:00:00Z', { status: 'under_way' }],
      ['2025-06-13T16:00:00Z', { status: 'completed' }],
    ]);
    at('2025-01-06T09:00:00Z');
    await visit('HEALTH', 'CHE', [
      ['2025-02-01T09:00:00Z', { answer: 'invite' }],
      ['2025-03-01T09:00:00Z', schedule('2025-10-06', '2025-10-10')],
      ['2025-10-06T08:00:00Z', { status: 'under_way' }],
      ['2025-10-10T16:00:00Z', { status: 'completed' }],
    ]);
    at('2025-01-06T09:00:00Z');
    await visit('FOOD', 'BRA', [
      ['2025-01-20T09:00:00Z', { answer: 'accept' }],
      ['2025-02-01T09:00:00Z', schedule('2025-09-01', '2025-09-12')],
      ['2025-09-01T08:00:00Z', { status: 'under_way' }],
      ['2025-09-12T16:00:00Z', { status: 'completed' }],
    ]);
    at('2025-01-06T09:00:00Z');
    await visit('TORTURE', 'KEN', [['2025-04-01T09:00:00Z', { answer: 'acknowledge' }]]);
    at('2026-01-15T09:00:00Z');
    await visit('HEALTH', 'KEN', []);
    await visit('FOOD', 'IND', [
      ['2026-02-01T09:00:00Z', { answer: 'accept' }],
      ['2026-02-02T09:00:00Z', schedule('2026-02-23', '2026-03-06')],
      ['2026-02-23T08:00:00Z', { status: 'under_way' }],
    ]);
    at('2026-01-15T09:00:00Z');
    await visit('TORTURE', 'MEX', [['2026-02-01T09:00:00Z', { status: 'no_response' }]]);
    at('2026-01-15T09:00:00Z');
    await visit('HEALTH', 'PER', [['2026-02-01T09:00:00Z', { answer: 'decline' }]]);

    // A visit scheduled for May and recorded as completed the day after it was scheduled, as could be
    // done before moves were checked against the visit's dates.
    await new StatisticsFactory(sut.dataSource()).visit({
      mandate: 'TORTURE',
      state: 'NOR',
      requestedOn: '2026-01-12',
      scheduledFrom: '2026-05-04',
      scheduledTo: '2026-05-15',
      moves: [
        { to: 'accepted', move: 'accept', at: '2026-02-01T09:00:00Z' },
        { to: 'scheduled', move: 'schedule', at: '2026-02-25T09:00:00Z' },
        { to: 'under_way', move: 'start', at: '2026-02-26T09:00:00Z' },
        { to: 'completed', move: 'complete', at: '2026-02-26T09:05:00Z' },
      ],
    });
    at('2026-03-02T09:00:00Z');
  });
  afterAll(() => sut.close());

  it('counts the same visits carried out, countries visited and requests pending, State by State', async () => {
    const { table, statistics, row } = await bothSides('2026-03-02');
    expect(table).toEqual(statistics);
    expect(statistics).toEqual({
      carriedOut: 3,
      countriesVisited: 2,
      requestsPending: 3,
      perState: { CHE: 2, BRA: 1 },
    });
    // The visit recorded as completed before its dates is not carried out until its last day has come.
    expect(row('NOR')).toMatchObject({ visitsCarriedOut: 0, lastVisitOn: null, visitsAgreed: 1 });
    expect(row('CHE')).toMatchObject({ visitsCarriedOut: 2, lastVisitOn: '2025-10-10' });
    expect(row('IND')).toMatchObject({ visitsCarriedOut: 0, visitsAgreed: 1 });
  });

  it('counts a visit from its last day on, in both', async () => {
    at('2026-05-15T09:00:00Z');
    const { table, statistics, row } = await bothSides('2026-05-15');
    expect(table).toEqual(statistics);
    expect(statistics).toMatchObject({ carriedOut: 4, countriesVisited: 3, perState: { CHE: 2, BRA: 1, NOR: 1 } });
    expect(row('NOR')).toMatchObject({ visitsCarriedOut: 1, lastVisitOn: '2026-05-15', visitsAgreed: 0 });
  });
});
