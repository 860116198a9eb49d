import { PublicSearchService } from '@spcomms/public-search';
import { TestApp, createTestApp } from './support/test-app';

/** The API's logs: one line per answered request, with its id, status, time and actor; Nest's logs within a request carry its id. */
describe('request logs', () => {
  let sut: TestApp;
  const lines: Array<Record<string, any>> = [];

  beforeAll(async () => {
    sut = await createTestApp({
      env: { LOG_LEVEL: 'info' },
      logDestination: { write: (line: string) => lines.push(JSON.parse(line)) },
    });
  });
  afterAll(() => sut.close());
  beforeEach(() => {
    lines.length = 0;
  });

  const completed = () => lines.filter((line) => line.msg === 'request completed' || line.msg === 'request errored');

  it('logs each request once, when answered, with its id, status, time and actor', async () => {
    const answer = await sut.get('/public/communications?q=torture', {
      headers: { 'x-request-id': 'log-test-1' },
      ip: '192.0.2.10',
    });
    expect(answer.status).toBe(200);
    expect(completed()).toEqual([
      expect.objectContaining({
        level: 30,
        reqId: 'log-test-1',
        req: { id: 'log-test-1', method: 'GET', url: '/public/communications?q=torture' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
        actor: { type: 'public', id: null, label: 'public@192.0.2.10' },
      }),
    ]);
    expect(lines.some((line) => line.msg === 'incoming request')).toBe(false);
  });

  it('never logs the values of sensitive query parameters, and keeps the others', async () => {
    const secret = 'spc_4lQ0u2Yc8xw-secret-token';
    await sut.get(`/communications?access_token=${secret}&limit=5&api%5Fkey=${secret}&Password=${secret}&sig`, {
      headers: { 'x-request-id': 'log-test-4' },
    });
    expect(completed()).toEqual([
      expect.objectContaining({
        reqId: 'log-test-4',
        req: {
          id: 'log-test-4',
          method: 'GET',
          url: '/communications?access_token=[redacted]&limit=5&api%5Fkey=[redacted]&Password=[redacted]&sig=[redacted]',
        },
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(secret);
  });

  it('logs refused requests too, with their error code, and not the health checks', async () => {
    expect((await sut.get('/communications', { headers: { 'x-request-id': 'log-test-2' } })).status).toBe(401);
    expect((await sut.get('/states/XYZ', { headers: { 'x-request-id': 'log-test-5' } })).status).toBe(404);
    expect((await sut.get('/health')).status).toBe(200);
    expect(completed()).toEqual([
      expect.objectContaining({ reqId: 'log-test-2', res: { statusCode: 401 }, code: 'auth.unauthenticated' }),
      expect.objectContaining({
        reqId: 'log-test-5',
        res: { statusCode: 404 },
        code: expect.stringMatching(/not_found|unknown/),
      }),
    ]);
    expect(completed()[0]).not.toHaveProperty('err');
  });

  it('gives what Nest logs within a request the id of the request, and logs a failed request as an error', async () => {
    jest.spyOn(sut.app.get(PublicSearchService), 'search').mockRejectedValueOnce(new Error('the search failed'));
    const answer = await sut.get('/public/communications', { headers: { 'x-request-id': 'log-test-3' } });
    expect(answer.status).toBe(500);
    expect(lines.filter((line) => line.reqId === 'log-test-3').map((line) => [line.level, line.msg])).toEqual([
      [50, `Unhandled error ${answer.body.details.errorId}`],
      [50, 'request errored'],
    ]);
  });
});
