import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { draftBody } from './support/letters';
import { HttpAnswer, TestApp, createTestApp } from './support/test-app';

interface Page {
  items: Array<{ id: string }>;
  nextCursor: string | null;
}

interface DocumentedOperation {
  parameters?: Array<{ name: string; in: string; schema?: { maximum?: number; default?: number } }>;
  responses: Record<
    string,
    { content?: Record<string, { schema?: { properties?: Record<string, unknown>; required?: string[] } }> }
  >;
}

/**
 * One paging convention for every list: `?cursor=&limit=` in, `{ items, nextCursor }` out, the default
 * and maximum limit documented; and the Government's list of letters filters by what it advertises.
 */
describe('paging of every list', () => {
  let sut: TestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const tokens: Record<string, string> = {};
  const sent: Record<string, string> = {};
  const as = (who: string) => ({ token: tokens[who] });

  async function send(type: string, subject: string): Promise<string> {
    const draft = await sut.post('/communications', draftBody({ type, subject }), as('assistant'));
    await sut.post(
      `/communications/${draft.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      as('sr.expression'),
    );
    const transmitted = await sut.post(`/communications/${draft.body.id}/transmit`, {}, as('assistant'));
    if (transmitted.status !== 200) {
      throw new Error(`could not send: ${JSON.stringify(transmitted.body)}`);
    }
    clock.advance({ minutes: 1 });
    return draft.body.id;
  }

  /** Every page of a list, `limit` items at a time, following nextCursor. */
  async function walk(
    url: string,
    who: string,
    limit: number,
  ): Promise<{ pages: Array<HttpAnswer<Page>>; ids: string[] }> {
    const pages: Array<HttpAnswer<Page>> = [];
    let cursor: string | null = null;
    do {
      const separator = url.includes('?') ? '&' : '?';
      const page: HttpAnswer<Page> = await sut.get(
        `${url}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        as(who),
      );
      pages.push(page);
      cursor = page.status === 200 ? page.body.nextCursor : null;
    } while (cursor && pages.length < 50);
    return { pages, ids: pages.flatMap((page) => page.body.items.map((item) => item.id)) };
  }

  beforeAll(async () => {
    sut = await createTestApp({ clock, env: { TOKEN_TTL_HOURS: '100000' } });
    const users: Array<[string, Role, { mandates?: string[]; stateCode?: string }]> = [
      ['admin', Role.Admin, {}],
      ['assistant', Role.Assistant, { mandates: ['EXPRESSION', 'TORTURE', 'DEFENDERS'] }],
      ['sr.expression', Role.MandateHolder, { mandates: ['EXPRESSION'] }],
      ['gov.irn', Role.Government, { stateCode: 'IRN' }],
    ];
    for (const [username, role, scope] of users) {
      tokens[username] = (await sut.createUser({ username, role, ...scope })).token;
    }
    sent.ua = await send('UA', 'An urgent appeal');
    sent.al = await send('AL', 'An allegation letter');
    sent.ol = await send('OL', 'Another letter on a law');
    await sut.post('/communications', draftBody({ subject: 'A draft' }), as('assistant'));
    for (const mandateCode of ['TORTURE', 'EXPRESSION', 'DEFENDERS']) {
      await sut.post('/visits', { mandateCode, stateCode: 'IRN', purpose: 'To assess the situation' }, as('assistant'));
    }
    for (const place of ['Tehran', 'Shiraz', 'Tabriz']) {
      await sut.post(
        '/submissions',
        {
          channel: 'email',
          stateCode: 'IRN',
          mandates: ['EXPRESSION'],
          victims: [{ kind: 'person', name: 'A Person', gender: 'female', ageGroup: 'adult' }],
          perpetrators: [{ kind: 'state', description: 'Police' }],
          source: { name: 'A Source', email: 'source@example.org', relation: 'family' },
          occurredFrom: '2026-02-20',
          place,
          description: 'The person was detained for several days without charge and without access to a lawyer.',
        },
        as('assistant'),
      );
    }
  });
  afterAll(() => sut?.close());

  const LISTS: Array<[string, string, number]> = [
    ['/communications', 'assistant', 4],
    ['/portal/communications', 'gov.irn', 3],
    ['/submissions', 'assistant', 3],
    ['/visits', 'assistant', 3],
    ['/portal/visits', 'gov.irn', 3],
    ['/users', 'admin', 4],
  ];

  it.each(LISTS)(
    '%s answers { items, nextCursor } pages that add up to the whole list, once each',
    async (url, who, count) => {
      const whole = await sut.get(`${url}?limit=200`, as(who));
      expect(Object.keys(whole.body).sort()).toEqual(['items', 'nextCursor']);
      expect([whole.body.items.length, whole.body.nextCursor]).toEqual([count, null]);
      const { pages, ids } = await walk(url, who, 2);
      expect(pages.map((page) => [page.status, page.body.items.length, typeof page.body.nextCursor])).toEqual(
        pages.map((_, index) => [
          200,
          index < pages.length - 1 ? 2 : count - 2 * (pages.length - 1),
          index < pages.length - 1 ? 'string' : 'object',
        ]),
      );
      expect(ids).toEqual(whole.body.items.map((item: { id: string }) => item.id));
    },
  );

  it.each(LISTS)(
    '%s refuses a limit over the documented maximum, a cursor it did not make, and the old parameters',
    async (url, who) => {
      const answers = await Promise.all(
        [
          `${url}?limit=201`,
          `${url}?limit=0`,
          `${url}?cursor=bm90LWEtY3Vyc29y`,
          `${url}?after=x`,
          `${url}?offset=1`,
        ].map((query) => sut.get(query, as(who))),
      );
      expect(answers.map((answer) => answer.status)).toEqual([400, 400, 422, 400, 400]);
      expect(answers[2].body.code).toMatch(/\.invalid_cursor$/);
    },
  );

  it('pages the admin list of failed e-mails and the public search the same way', async () => {
    const failures = await sut.get('/admin/mail/failures?limit=5', as('admin'));
    expect([failures.status, Object.keys(failures.body).sort()]).toEqual([200, ['items', 'nextCursor']]);
    expect((await sut.get('/admin/mail/failures?offset=5', as('admin'))).status).toBe(400);
    const search = await sut.get('/public/communications?limit=5', { ip: '10.88.0.1' });
    expect([search.status, search.body.items, search.body.nextCursor]).toEqual([200, [], null]);
    expect((await sut.get('/public/communications?limit=101', { ip: '10.88.0.1' })).status).toBe(400);
    expect((await sut.get('/public/communications?cursor=bm90LWEtY3Vyc29y', { ip: '10.88.0.1' })).body.code).toBe(
      'public_search.invalid_cursor',
    );
  });

  it('documents one convention: every operation that pages takes cursor and limit (default and maximum) and answers a page', async () => {
    const document = (await sut.get('/docs-json')).body as {
      paths: Record<string, Record<string, DocumentedOperation>>;
    };
    const paging = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) =>
          (operation.parameters ?? []).some((parameter) =>
            ['limit', 'cursor', 'after', 'offset', 'next'].includes(parameter.name),
          ),
        )
        .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(paging.map(({ key }) => key).sort()).toEqual(
      expect.arrayContaining([
        'GET /communications',
        'GET /portal/communications',
        'GET /submissions',
        'GET /visits',
        'GET /portal/visits',
        'GET /users',
        'GET /admin/mail/failures',
        'GET /public/communications',
      ]),
    );
    for (const { key, operation } of paging) {
      const query = Object.fromEntries(
        (operation.parameters ?? [])
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => [parameter.name, parameter.schema]),
      );
      const page = operation.responses['200'].content?.['application/json']?.schema;
      expect({
        key,
        old: ['after', 'offset', 'next'].filter((name) => name in query),
        cursor: 'cursor' in query,
        limits: [typeof query.limit?.default, typeof query.limit?.maximum],
        page: [Object.keys(page?.properties ?? {}).slice(0, 2), page?.required?.slice(0, 2)],
      }).toEqual({
        key,
        old: [],
        cursor: true,
        limits: ['number', 'number'],
        page: [
          ['items', 'nextCursor'],
          ['items', 'nextCursor'],
        ],
      });
    }
  });

  it("filters the Government's letters by reply status and type, as documented, and no longer takes a recipient", async () => {
    const list = async (query: string) => {
      const answer = await sut.get(`/portal/communications?${query}`, as('gov.irn'));
      return answer.status === 200 ? answer.body.items.map((item: { id: string }) => item.id).sort() : answer.status;
    };
    const reply = await sut.post(
      `/portal/communications/${sent.al}/replies`,
      { text: 'The Government rejects the allegations.', language: 'en' },
      as('gov.irn'),
    );
    expect(reply.status).toBe(201);
    await sut.dataSource().query('UPDATE communication SET overdue_marked_at = now() WHERE id = $1', [sent.ol]);

    expect(await list('status=replied')).toEqual([sent.al]);
    expect(await list('status=awaiting_reply')).toEqual([sent.ua, sent.ol].sort());
    expect(await list('status=overdue')).toEqual([sent.ol]);
    expect(await list('type=UA')).toEqual([sent.ua]);
    expect(await list('type=AL&status=awaiting_reply')).toEqual([]);
    expect(await list('recipient=IRN')).toBe(400);
    expect(await list('status=draft')).toBe(400);
  });
});
