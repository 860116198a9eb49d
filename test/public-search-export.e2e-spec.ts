import { IncomingMessage, get } from 'node:http';
import { waitUntil } from './faults/support';
import { TestApp, createTestApp } from './support/test-app';

const ROWS = 100_000;

/** The CSV export streams from a database cursor: 100,000 letters never sit in the server's memory at once. */
describe('public CSV export of 100,000 published letters', () => {
  let sut: TestApp;
  let base: string;

  /** Backends of this database still in the export's transaction, its cursor open (cursorRows). */
  const openExports = async (): Promise<number> =>
    (
      await sut.dataSource().query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
            AND (query LIKE 'DECLARE spcomms_rows%FROM published_communication p%' OR query LIKE 'FETCH % FROM spcomms_rows')`,
      )
    )[0].n;

  const open = (path: string) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      get(`${base}${path}`, resolve).on('error', reject);
    });

  const firstChunk = (response: IncomingMessage) =>
    new Promise<Buffer>((resolve) => {
      response.once('data', (chunk: Buffer) => {
        response.pause();
        resolve(chunk);
      });
    });

  beforeAll(async () => {
    sut = await createTestApp();
    await sut.dataSource().query(
      `INSERT INTO published_communication (communication_id, reference, type, language, recipient_code, recipient_kind, recipient_name,
                                            lead_mandate_code, mandate_codes, mandates, joint, sent_on, sent_year, public_from, published_at,
                                            subject, body, victims)
       SELECT gen_random_uuid(), 'AL FRA ' || g || '/2020', 'AL', 'en', 'FRA', 'state', 'France', 'TORTURE', ARRAY['TORTURE'],
              '[{"code": "TORTURE", "title": "Special Rapporteur on torture", "lead": true}]'::jsonb, false,
              date '2020-01-01' + (g % 366), 2020, date '2020-01-01' + (g % 366) + 60, now(),
              'Allegation of torture, case ' || g, 'The facts of case ' || g || ' concern detention and ill-treatment.', '[]'::jsonb
         FROM generate_series(1, $1::int) AS g`,
      [ROWS],
    );
    await sut.app.listen(0, '127.0.0.1');
    base = await sut.app.getUrl();
  }, 240_000);
  afterAll(() => sut?.close());

  it('sends the first rows while the cursor is still open, then every row, and frees the connection', async () => {
    const response = await open('/public/communications/export.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const first = await firstChunk(response);
    expect(first.toString('utf8')).toMatch(/^reference,url,type,/);
    // The client holds the stream: had the server read every row first, no query would be open now.
    expect(await openExports()).toBe(1);

    let lines = 0;
    let tail = first.toString('utf8');
    const references = new Set<string>();
    const count = (text: string) => {
      const parts = (tail + text).split('\r\n');
      tail = parts.pop() ?? '';
      for (const line of parts) {
        lines++;
        references.add(line.split(',')[0]);
      }
    };
    await new Promise<void>((resolve, reject) => {
      response.on('data', (chunk: Buffer) => count(chunk.toString('utf8')));
      response.on('end', resolve);
      response.on('error', reject);
      response.resume();
    });
    expect(tail).toBe('');
    expect(lines).toBe(ROWS + 1);
    expect(references.size).toBe(ROWS + 1);
    await waitUntil(async () => (await openExports()) === 0, { what: 'export connection released', timeoutMs: 10_000 });
  });

  it('stops the query and frees the connection when the client goes away', async () => {
    const response = await open('/public/communications/export.csv?type=AL');
    await firstChunk(response);
    expect(await openExports()).toBe(1);
    response.destroy();
    await waitUntil(async () => (await openExports()) === 0, { what: 'aborted export stopped', timeoutMs: 20_000 });
    // The pool is healthy: a new export completes.
    const again = await open('/public/communications/export.csv?from=2020-12-31');
    const body = await new Promise<string>((resolve, reject) => {
      let text = '';
      again.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      again.on('end', () => resolve(text));
      again.on('error', reject);
    });
    // Cases g with g % 366 = 365 were sent on 31 December.
    expect(body.trim().split('\r\n')).toHaveLength(1 + Math.floor((ROWS - 365) / 366) + 1);
  });
});
