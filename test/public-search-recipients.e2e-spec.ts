import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { HttpAnswer, TestApp, createTestApp } from './support/test-app';

interface Facet {
  value: string;
  label: string | null;
  count: number;
}

/** The public search's recipient facet and filter tell other recipients apart, though they share the pseudo-code OTH. */
describe('public search: other recipients, each under its own name', () => {
  let sut: TestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  let assistant: string;
  let request = 0;
  const ids: Record<string, string> = {};

  const pub = <T = any>(url: string): Promise<HttpAnswer<T>> => sut.get<T>(url, { ip: `10.8.0.${++request}` });
  const search = async (query: string) =>
    (await pub<{ items: Array<{ reference: string }> }>(`/public/communications?limit=100&${query}`)).body.items
      .map((item) => item.reference)
      .sort();

  beforeAll(async () => {
    sut = await createTestApp({ clock, env: { TOKEN_TTL_HOURS: '100000' } });
    const admin = (await sut.createUser({ username: 'admin', role: Role.Admin })).token;
    assistant = (await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION'] })).token;
    const mine = await sut.post(
      '/other-recipients',
      { name: 'Andean Copper Ltd', kind: 'company', countryCode: 'CAN' },
      { token: admin },
    );
    ids.andean = mine.body.id;

    // Letters long public: imported, then published by their redaction check.
    const csv = [
      'reference,type,recipient,other_recipient,other_recipient_kind,sent_on,lead_mandate,subject',
      'AL OTH 1/2024,AL,OTH,Andean Copper Ltd,,2024-01-10,EXPRESSION,Evictions near the mine',
      'AL OTH 2/2024,AL,OTH,Gulf Shipping Co,company,2024-02-10,EXPRESSION,Seafarers abandoned',
      'AL OTH 3/2024,AL,OTH,Andean Copper Ltd,,2024-03-10,EXPRESSION,Evictions again',
      'OL OTH 4/2024,OL,OTH,Regional Development Bank,international_organisation,2024-04-10,EXPRESSION,Safeguard policy',
      'AL IRN 9/2024,AL,IRN,,,2024-05-10,EXPRESSION,Arrest of a journalist',
    ].join('\n');
    const imported = await sut.request('POST', '/history/imports', csv, {
      token: assistant,
      headers: { 'content-type': 'text/csv' },
    });
    if (imported.status !== 200) {
      throw new Error(`setup: import answered ${imported.status} ${JSON.stringify(imported.body)}`);
    }
    for (const other of imported.body.otherRecipients.registered as Array<{ id: string; name: string }>) {
      ids[other.name] = other.id;
    }
    for (const letter of imported.body.imported as Array<{ id: string }>) {
      const checked = await sut.post(`/communications/${letter.id}/redaction-check`, {}, { token: assistant });
      if (checked.body.status !== 'published') {
        throw new Error(`setup: letter ${letter.id} is ${checked.body.status} after its check`);
      }
    }
  });
  afterAll(() => sut?.close());

  it('counts each other recipient under its own id and name', async () => {
    const facets = await pub<{ total: number; recipient: Facet[] }>('/public/communications/facets');
    expect(facets.status).toBe(200);
    expect(facets.body.total).toBe(5);
    // By count, then by name.
    expect(facets.body.recipient).toEqual([
      { value: ids.andean, label: 'Andean Copper Ltd', count: 2 },
      { value: ids['Gulf Shipping Co'], label: 'Gulf Shipping Co', count: 1 },
      { value: 'IRN', label: 'Iran (Islamic Republic of)', count: 1 },
      { value: ids['Regional Development Bank'], label: 'Regional Development Bank', count: 1 },
    ]);
    const filtered = await pub<{ recipient: Facet[] }>('/public/communications/facets?type=OL');
    expect(filtered.body.recipient).toEqual([
      { value: ids['Regional Development Bank'], label: 'Regional Development Bank', count: 1 },
    ]);
  });

  it("filters by a facet's value: one other recipient by its id, every one by OTH", async () => {
    expect(await search(`recipient=${ids.andean}`)).toEqual(['AL OTH 1/2024', 'AL OTH 3/2024']);
    expect(await search(`recipient=${ids.andean}&mandate=EXPRESSION`)).toEqual(['AL OTH 1/2024', 'AL OTH 3/2024']);
    expect(await search(`recipient=IRN&recipient=${ids['Gulf Shipping Co']}`)).toEqual([
      'AL IRN 9/2024',
      'AL OTH 2/2024',
    ]);
    expect(await search('recipient=OTH')).toEqual(['AL OTH 1/2024', 'AL OTH 2/2024', 'AL OTH 3/2024', 'OL OTH 4/2024']);
    const export_ = await pub<string>(
      `/public/communications/export.csv?recipient=${ids['Regional Development Bank']}`,
    );
    expect(export_.status).toBe(200);
    expect(export_.body).toContain('OL OTH 4/2024');
    expect(export_.body).not.toContain('AL OTH 1/2024');
    const bad = await pub('/public/communications?recipient=not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("recipient must be a three-letter code or an other recipient's id");
  });
});
