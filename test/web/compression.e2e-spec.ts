import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { TestApp, createTestApp } from '../support/test-app';

/** Pages and their stylesheet travel compressed when the browser asks, as the page budget assumes. */
describe('compressed answers', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut?.close());

  const fetchRaw = (url: string, encoding?: string) =>
    sut.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends a page and the stylesheet with brotli or gzip when asked, and plain otherwise', async () => {
    for (const url of ['/en/', '/assets/site.css']) {
      const plain = await fetchRaw(url);
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();

      const br = await fetchRaw(url, 'gzip, deflate, br');
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
      expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);

      const gzip = await fetchRaw(url, 'gzip');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(plain.body);
    }
  });

  it('refuses a gzip-encoded request body that does not inflate with a 4xx, never a server error', async () => {
    const answer = await sut.app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
    });
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
    expect(answer.statusCode).toBeLessThan(500);
  });
});
