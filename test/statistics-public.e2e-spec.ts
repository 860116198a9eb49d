import { Role } from '@spcomms/access';
import { CreatedLetter, StatisticsFactory } from '../libs/statistics/test/statistics-factory';
import { TestApp, createTestApp } from './support/test-app';

/** The public statistics count the published copies of letters only, and are rate-limited. */
describe('public statistics', () => {
  let sut: TestApp;
  const letters: Record<string, CreatedLetter> = {};
  const ip = '10.20.30.40';

  beforeAll(async () => {
    sut = await createTestApp({ env: { PUBLIC_RATE_LIMIT: '25' } });
    const factory = new StatisticsFactory(sut.dataSource());
    const [p1, p2, u1, u2, old] = await factory.letters([
      { sentOn: '2025-03-01', type: 'UA', to: 'IRN', lead: 'TORTURE', cosigners: ['EXPRESSION'] },
      { sentOn: '2025-04-01', type: 'OL', otherRecipient: 'Acme Mining Ltd', lead: 'BUSINESS' },
      { sentOn: '2025-11-01', type: 'AL', to: 'IRN', lead: 'TORTURE' },
      { sentOn: '2025-12-01', type: 'AL', to: 'CHN', lead: 'EXPRESSION', cosigners: ['DEFENDERS'] },
      { sentOn: '2024-05-01', type: 'AL', to: 'BRA', lead: 'TORTURE' },
    ]);
    Object.assign(letters, { p1, p2, u1, u2, old });
    await factory.replies([
      { letter: p1.id, receivedOn: '2025-03-20' },
      { letter: u1.id, receivedOn: '2025-11-20' },
    ]);
    await factory.publish([p1.id, p2.id, old.id]);
    await sut.createUser({ username: 'public.unused', role: Role.Committee });
  });
  afterAll(() => sut.close());

  it('counts the published letters of the year, never the unpublished ones', async () => {
    const { status, body } = await sut.get('/public/statistics?year=2025', { ip });

    expect(status).toBe(200);
    expect(body).toMatchObject({
      from: '2025-01-01',
      to: '2025-12-31',
      lettersPublished: 2,
      lettersToStates: 1,
      statesAddressed: 1,
      memberStatesAddressed: 1,
      memberStates: 193,
      lettersToOtherRecipients: 1,
      otherRecipients: 1,
      joint: 1,
      jointShare: 0.5,
      lettersWithReply: 1,
      replyShare: 0.5,
      repliesPublished: 1,
    });
    expect(body.byState.map((row: { code: string; letters: number }) => [row.code, row.letters])).toEqual([
      ['IRN', 1],
      ['OTH', 1],
    ]);
    expect(body.byMandate.map((row: { code: string; letters: number }) => [row.code, row.letters])).toEqual([
      ['BUSINESS', 1],
      ['EXPRESSION', 1],
      ['TORTURE', 1],
    ]);
    expect(body.byType).toEqual([
      { type: 'UA', letters: 1, joint: 1, withReply: 1 },
      { type: 'AL', letters: 0, joint: 0, withReply: 0 },
      { type: 'OL', letters: 1, joint: 0, withReply: 0 },
    ]);
    expect(JSON.stringify(body)).not.toContain('CHN');
  });

  it('lists the published letters behind a figure, and only those', async () => {
    const answer = await sut.get('/public/statistics/figures/letters-published.csv?year=2025', { ip });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('text/csv');
    const text = answer.body as string;
    expect(text).toContain(letters.p1.reference);
    expect(text).toContain(letters.p2.reference);
    expect(text).not.toContain(letters.u1.reference);
    expect(text).not.toContain(letters.u2.reference);
    const replied = await sut.get('/public/statistics/figures/letters-with-reply.csv?year=2025&state=IRN', { ip });
    expect((replied.body as string).trim().split('\r\n')).toHaveLength(2);
  });

  it('draws the published letters per year', async () => {
    const { status, body } = await sut.get('/public/statistics/years?fromYear=2024&toYear=2025', { ip });
    expect(status).toBe(200);
    expect(body).toEqual([
      expect.objectContaining({ year: 2024, lettersPublished: 1, statesAddressed: 1 }),
      expect.objectContaining({ year: 2025, lettersPublished: 2, statesAddressed: 1, joint: 1, lettersWithReply: 1 }),
    ]);
  });

  it('refuses bad input with 4xx', async () => {
    expect((await sut.get('/public/statistics?from=2025-02-01&to=2025-01-01', { ip })).status).toBe(422);
    expect((await sut.get('/public/statistics/years?fromYear=2025&toYear=2020', { ip })).status).toBe(422);
    expect((await sut.get('/public/statistics/figures/letters-replied-on-time.csv', { ip })).status).toBe(400);
  });

  it('limits the requests of one address', async () => {
    const other = '10.99.99.99';
    const statuses: number[] = [];
    for (let request = 0; request < 26; request++) {
      statuses.push((await sut.get('/public/statistics/years', { ip: other })).status);
    }
    expect(statuses.slice(0, 25).every((status) => status === 200)).toBe(true);
    const limited = await sut.get('/public/statistics', { ip: other });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await sut.get('/public/statistics/years', { ip: '10.99.99.98' })).status).toBe(200);
  });
});
