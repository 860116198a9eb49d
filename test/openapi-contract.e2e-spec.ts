import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@spcomms/access';
import { SCREENING_CRITERIA } from '@spcomms/submissions';
import { TestClock } from '@spcomms/testing';
import { draftBody, editBody } from './support/letters';
import { multipartBody, tinyPdf } from './support/multipart';
import { OpenApiContract, OpenApiDocument } from './support/openapi-contract';
import { HttpAnswer, TestApp, createTestApp } from './support/test-app';

/**
 * Operations the flow below does not reach, and why. Everything else in the document must answer
 * 2xx at least once, so that a new route is either exercised here or named here.
 */
const NOT_EXERCISED: Record<string, string> = {};

const HISTORY_SAMPLE = readFileSync(join(__dirname, '..', 'docs', 'samples', 'history-letters.csv'), 'utf8');

/**
 * The API document is a contract: a realistic walk through the mission (intake, drafting, co-signing,
 * sending, replies, publication, visits, statistics, public search, administration) over as many routes
 * as it can, and every JSON answer 2xx it gets must validate against the schema its operation documents.
 */
describe('the OpenAPI document describes what the API answers', () => {
  let sut: TestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const answers: Array<{ method: string; url: string; answer: HttpAnswer }> = [];
  const tokens: Record<string, string> = {};
  let document: OpenApiDocument;
  let contract: OpenApiContract | undefined;

  /** Every answer of the walk, checked once against the document. */
  function checked(): OpenApiContract {
    if (!contract) {
      contract = new OpenApiContract(document);
      for (const { method, url, answer } of answers) {
        contract.check(method, url, answer.status, String(answer.headers['content-type'] ?? ''), answer.body);
      }
    }
    return contract;
  }

  /** The answer, when 2xx; otherwise the test stops here with what the API said. */
  async function ok<T = any>(pending: Promise<HttpAnswer<T>>): Promise<HttpAnswer<T>> {
    const answer = await pending;
    if (answer.status < 200 || answer.status >= 300) {
      throw new Error(`expected 2xx, got ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`);
    }
    return answer;
  }
  const as = (who: string) => ({ token: tokens[who] });
  const get = (url: string, who?: string) => ok(sut.get(url, who ? as(who) : { ip: '10.77.0.1' }));
  const post = (url: string, body: unknown, who?: string) =>
    ok(sut.post(url, body, who ? as(who) : { ip: '10.77.0.1' }));
  const patch = (url: string, body: unknown, who: string) => ok(sut.patch(url, body, as(who)));

  beforeAll(async () => {
    sut = await createTestApp({
      clock,
      env: { TOKEN_TTL_HOURS: '100000', PUBLIC_RATE_LIMIT: '100000' },
      observe: (method, url, answer) => answers.push({ method, url, answer }),
    });
    const users: Array<[string, Role, { mandates?: string[]; stateCode?: string }]> = [
      ['admin', Role.Admin, {}],
      ['assistant', Role.Assistant, { mandates: ['EXPRESSION', 'DEFENDERS', 'TORTURE'] }],
      ['sr.expression', Role.MandateHolder, { mandates: ['EXPRESSION'] }],
      ['sr.defenders', Role.MandateHolder, { mandates: ['DEFENDERS'] }],
      ['gov.irn', Role.Government, { stateCode: 'IRN' }],
      ['gov.che', Role.Government, { stateCode: 'CHE' }],
      ['committee', Role.Committee, {}],
    ];
    for (const [username, role, scope] of users) {
      tokens[username] = (await sut.createUser({ username, role, ...scope })).token;
    }
    document = (await get('/docs-json')).body;
  });
  afterAll(() => sut?.close());

  it('walks the reference data and the accounts as an administrator', async () => {
    await get('/health');
    await get('/me', 'admin');
    await get('/states');
    await get('/states/IRN');
    await post('/states/NOR/standing-invitation', { issuedOn: '2020-01-01' }, 'admin');
    await post('/states/NOR/standing-invitation/withdraw', { withdrawnOn: '2025-01-01' }, 'admin');
    await patch('/states/NOR', { mailLanguage: 'ru' }, 'admin');
    await get('/standing-invitations');
    const expression = (await get('/mandates')).body.find((mandate: { code: string }) => mandate.code === 'EXPRESSION');
    await get(`/mandates/${expression.id}`);
    await get(`/mandates/${expression.id}/holders`);
    const mandate = await post(
      '/mandates',
      { code: 'CONTRACT', kind: 'thematic', form: 'SR', title: 'Special Rapporteur on contracts', established: 2026 },
      'admin',
    );
    await patch(`/mandates/${mandate.body.id}`, { title: 'Special Rapporteur on the law of contracts' }, 'admin');
    const holder = await post('/mandate-holders', { name: 'Jane Contract' }, 'admin');
    await patch(`/mandate-holders/${holder.body.id}`, { name: 'Jane Q. Contract' }, 'admin');
    const term = await post(
      `/mandate-holders/${holder.body.id}/terms`,
      { mandateId: mandate.body.id, startsOn: '2026-01-01' },
      'admin',
    );
    await get(`/mandate-holders/${holder.body.id}`);
    await post(`/mandate-terms/${term.body.terms[0].id}/end`, { endedOn: '2026-02-28' }, 'admin');
    await post(`/mandates/${mandate.body.id}/end`, { endedOn: '2026-03-01' }, 'admin');
    const company = await post(
      '/other-recipients',
      { name: 'Example Mining Ltd', kind: 'company', countryCode: 'CAN' },
      'admin',
    );
    await get('/other-recipients', 'assistant');
    await get(`/other-recipients/${company.body.id}`, 'assistant');

    const user = await post(
      '/users',
      {
        username: 'new.assistant',
        displayName: 'New Assistant',
        email: 'new.assistant@test.local',
        role: 'assistant',
        mandates: ['EXPRESSION'],
        password: 'a-first-password-1',
      },
      'admin',
    );
    const users = await get('/users?limit=2', 'admin');
    expect([users.body.items.length, typeof users.body.nextCursor]).toEqual([2, 'string']);
    await get(`/users/${user.body.id}`, 'admin');
    tokens['new.assistant'] = await sut.login('new.assistant', 'a-first-password-1');
    await post(
      '/me/password',
      { currentPassword: 'a-first-password-1', newPassword: 'a-chosen-password-3' },
      'new.assistant',
    );
    await patch('/me', { language: 'zh' }, 'new.assistant');
    await post(`/users/${user.body.id}/password`, { password: 'a-second-password-2' }, 'admin');
    const invited = await post(
      '/users',
      { username: 'linked.committee', displayName: 'Linked Member', email: 'linked@test.local', role: 'committee' },
      'admin',
    );
    const [{ link }] = await sut
      .dataSource()
      .query(
        `SELECT params->>'link.en' AS link FROM outbox_message WHERE recipient_user_id = $1 AND kind LIKE 'account.%'`,
        [invited.body.id],
      );
    await post('/auth/password-link', {
      token: new URL(link).searchParams.get('token'),
      password: 'set-by-the-link-4',
    });
    await post(`/users/${user.body.id}/disable`, undefined, 'admin');
    await post(`/users/${user.body.id}/enable`, undefined, 'admin');
  });

  let letterId = '';
  let reference = '';

  it('takes information in, drafts, co-signs and sends a letter', async () => {
    const receipt = await post('/public/submissions', {
      stateCode: 'IRN',
      mandates: ['EXPRESSION'],
      victims: [{ kind: 'person', name: 'Sepideh Example', gender: 'female', ageGroup: 'adult' }],
      perpetrators: [{ kind: 'state', description: 'Revolutionary Court of Tehran' }],
      source: { name: 'A Source', email: 'source@example.org', relation: 'family' },
      occurredFrom: '2026-02-20',
      place: 'Tehran',
      description:
        'The journalist was sentenced to death after a trial of fifteen minutes without a lawyer of her choosing.',
    });
    const recorded = await post(
      '/submissions',
      {
        channel: 'email',
        stateCode: 'IRN',
        mandates: ['EXPRESSION'],
        victims: [{ kind: 'group', description: 'Students of a university' }],
        perpetrators: [{ kind: 'state', description: 'Police' }],
        source: { name: 'Another Source', organisation: 'A Watch', email: 'watch@example.org', relation: 'witness' },
        occurredFrom: '2026-02-21',
        place: 'Shiraz',
        description:
          'The police dispersed a peaceful gathering of students and detained twelve of them for several days.',
      },
      'assistant',
    );
    const list = await get('/submissions?mandate=EXPRESSION&limit=10', 'assistant');
    const submission = list.body.items.find(
      (item: { receiptCode: string }) => item.receiptCode === receipt.body.receiptCode,
    );
    await get(`/submissions/${submission.id}`, 'assistant');
    await ok(
      sut.request('PUT', `/submissions/${submission.id}/mandates`, { mandates: ['EXPRESSION'] }, as('assistant')),
    );
    await post(
      `/submissions/${submission.id}/screening`,
      { criteria: SCREENING_CRITERIA.map((criterion) => ({ criterion, passed: true })) },
      'assistant',
    );
    await patch(`/submissions/${submission.id}`, { place: 'Tehran, Revolutionary Court' }, 'assistant');
    await post(
      `/submissions/${recorded.body.id}/reject`,
      { reason: 'Outside the scope of the mandates addressed' },
      'assistant',
    );

    const draft = await post('/communications', draftBody({ submissionIds: [submission.id] }), 'assistant');
    letterId = draft.body.id;
    await get('/communications?status=draft&limit=5', 'assistant');
    const edited = await patch(
      `/communications/${letterId}`,
      editBody(draft.body.revision, { subject: 'Imminent execution of a journalist in Tehran' }),
      'assistant',
    );
    await get(`/communications/${letterId}/versions`, 'assistant');
    await get(`/communications/${letterId}/versions/${edited.body.currentVersion.number}`, 'assistant');
    await post(`/communications/${letterId}/invitations`, { mandates: ['DEFENDERS'] }, 'assistant');
    await get('/communications/awaiting-my-decision?limit=5', 'sr.defenders');
    for (const holder of ['sr.expression', 'sr.defenders']) {
      await post(
        `/communications/${letterId}/decisions`,
        { version: edited.body.currentVersion.number, decision: 'approve' },
        holder,
      );
    }
    await get(`/communications/${letterId}/transmit-preview`, 'assistant');
    const sent = await post(`/communications/${letterId}/transmit`, {}, 'assistant');
    reference = sent.body.letters[0].reference;
    await get(`/communications/${letterId}`, 'sr.expression');
    await get(`/communications/${letterId}/schedules`, 'assistant');
    await get(`/communications/${letterId}/timeline`, 'assistant');
    await get(`/communications/${letterId}/pdf`, 'assistant');
    await get(`/communications/by-reference/${encodeURIComponent(reference)}`, 'sr.expression');
    const overtaken = await post('/communications', draftBody({ subject: 'Overtaken by events' }), 'assistant');
    await post(`/communications/${overtaken.body.id}/submissions`, { submissionId: submission.id }, 'assistant');
    await post(
      `/communications/${overtaken.body.id}/abandon`,
      { reason: 'The victim was released before the letter went out' },
      'assistant',
    );
    await post(
      `/communications/${letterId}/extension`,
      { replyRequestedBy: '2026-06-01', reason: 'Requested by the Permanent Mission' },
      'assistant',
    );
    expect(reference).toMatch(/^UA IRN \d+\/2026$/);
  });

  it('takes the replies of the Government and of another channel', async () => {
    clock.set('2026-03-10T09:00:00Z');
    await get('/portal/communications?status=awaiting_reply', 'gov.irn');
    await get(`/portal/communications/${letterId}`, 'gov.irn');
    await get(`/portal/communications/${letterId}/pdf`, 'gov.irn');
    const form = multipartBody([
      { name: 'text', content: 'The Government rejects the allegations.' },
      { name: 'language', content: 'en' },
      { name: 'attachments', filename: 'reply.pdf', type: 'application/pdf', content: tinyPdf('Reply') },
    ]);
    await ok(
      sut.post(`/portal/communications/${letterId}/replies`, form.payload, {
        ...as('gov.irn'),
        headers: { 'content-type': form.contentType },
      }),
    );
    const own = await get(`/portal/communications/${letterId}/replies`, 'gov.irn');
    const [reply] = own.body;
    await get(
      `/portal/communications/${letterId}/replies/${reply.id}/attachments/${reply.attachments[0].id}`,
      'gov.irn',
    );
    await post(
      `/communications/${letterId}/replies`,
      { text: 'Further information by note verbale.', language: 'fr', channel: 'note_verbale' },
      'assistant',
    );
    expect((await get(`/communications/${letterId}/replies`, 'assistant')).body).toHaveLength(2);
    await get(`/communications/${letterId}/replies/${reply.id}/attachments/${reply.attachments[0].id}`, 'assistant');
  });

  it('follows a country visit from the request to its report', async () => {
    const visit = await post(
      '/visits',
      {
        mandateCode: 'TORTURE',
        stateCode: 'CHE',
        purpose: 'To assess places of detention',
        requestedPeriod: { from: '2026-03-20', to: '2026-03-25' },
      },
      'assistant',
    );
    const id = visit.body.id;
    await get('/visits?state=CHE', 'assistant');
    await get(`/visits/${id}`, 'assistant');
    await patch(`/visits/${id}`, { notes: 'The mission asked for a call' }, 'assistant');
    await patch(
      `/visits/${id}/assurances`,
      { assurances: [{ item: 'security', requested: true, confirmed: true }] },
      'assistant',
    );
    await post(`/visits/${id}/answers`, { answer: 'acknowledge', channel: 'note_verbale' }, 'assistant');
    await get('/portal/visits', 'gov.che');
    await get('/portal/focal-points', 'gov.che');
    await get(`/portal/visits/${id}`, 'gov.che');
    await post(`/portal/visits/${id}/answers`, { answer: 'accept' }, 'gov.che');
    await post(
      `/visits/${id}/status`,
      { status: 'scheduled', period: { from: '2026-03-20', to: '2026-03-25' } },
      'assistant',
    );
    clock.set('2026-03-20T08:00:00Z');
    await post(`/visits/${id}/status`, { status: 'under_way' }, 'assistant');
    clock.set('2026-03-25T17:00:00Z');
    await post(`/visits/${id}/status`, { status: 'completed' }, 'assistant');
    await patch(`/visits/${id}/outcome`, { reportSymbol: 'A/HRC/64/50/Add.1' }, 'assistant');
    const followed = await post(`/visits/${id}/follow-ups`, { kind: 'report', dueOn: '2028-03-01' }, 'assistant');
    expect(followed.body.status).toBe('completed');
    for (const table of ['states', 'never-visited', 'pending-by-mandate']) {
      await get(`/public/visits/${table}`);
      await get(`/public/visits/${table}.csv`);
    }
    const perYear = await get('/public/visits/per-year');
    expect(perYear.body).toHaveLength(10);
    expect(perYear.body.find((row: { year: number }) => row.year === 2026)).toEqual({
      year: 2026,
      visitsCarriedOut: 1,
      statesVisited: 1,
    });
  });

  it('publishes the letter once its redaction is checked, and the public finds it', async () => {
    await get(`/communications/${letterId}/publication`, 'assistant');
    clock.set('2026-05-02T09:00:00Z');
    await post(`/communications/${letterId}/redaction-check`, { notes: 'Names withheld as marked' }, 'assistant');
    const slug = reference.replace(/[ /]/g, '-');
    await get('/public/communications?q=journalist&limit=5');
    await get('/public/communications/facets');
    await get('/public/communications/export.csv');
    const record = await get(`/public/communications/${slug}`);
    const attachment = record.body.replies.flatMap(
      (reply: { attachments: Array<{ id: string }> }) => reply.attachments,
    )[0];
    await get(`/public/communications/${slug}/attachments/${attachment.id}`);
    await get(`/public/communications/${slug}.pdf`);
    await get('/public/communication-reports/2026/september');
    expect(record.body.reference).toBe(reference);
  });

  it('gives the statistics to the committee and to the public', async () => {
    await get('/statistics?year=2026&cutoff=2026-05-02', 'committee');
    await get('/statistics/trends?year=2026&cutoff=2026-05-02&interval=year', 'committee');
    await get('/statistics/figures/letters-sent.csv?year=2026&cutoff=2026-05-02', 'committee');
    await get('/public/statistics/years');
    await get('/public/statistics?year=2025');
    const figures = await get('/public/statistics/figures/letters-published.csv?year=2025');
    expect(figures.headers['content-type']).toContain('text/csv');
  });

  it('lets an administrator operate the installation', async () => {
    await get('/admin/mail/failures', 'admin');
    await get('/metrics', 'admin');
    const dryRun = await ok(
      sut.request('POST', '/history/imports?dryRun=true', HISTORY_SAMPLE, {
        ...as('admin'),
        headers: { 'content-type': 'text/csv; charset=utf-8' },
      }),
    );
    expect(dryRun.body.dryRun).toBe(true);
    await post('/admin/queues/session', {}, 'admin');
    await ok(sut.request('DELETE', '/admin/queues/session', undefined, as('admin')));
    await post('/auth/logout', {}, 'committee');
  });

  it('answers every 2xx in the shape its operation documents', () => {
    expect(checked().violations).toEqual([]);
  });

  it('exercised every operation of the document, but for the few named and explained', () => {
    expect(
      checked()
        .unexercised()
        .filter((operation) => !(operation in NOT_EXERCISED)),
    ).toEqual([]);
    expect(Object.keys(NOT_EXERCISED).filter((operation) => !checked().operationKeys().includes(operation))).toEqual(
      [],
    );
  });

  it('documents the Idempotency-Key header once, as optional, and the replies work without it', () => {
    for (const path of ['/communications/{id}/replies', '/portal/communications/{id}/replies']) {
      const parameters = (
        document.paths[path].post as { parameters: Array<{ in: string; name: string; required?: boolean }> }
      ).parameters;
      const headers = parameters.filter((parameter) => parameter.in === 'header');
      expect(headers.map((header) => `${header.name.toLowerCase()} ${header.required ?? false}`)).toEqual([
        'idempotency-key false',
      ]);
    }
    const replies = answers.filter(({ method, url }) => method === 'POST' && url.endsWith('/replies'));
    expect(replies.map(({ answer }) => answer.status)).toEqual([201, 201]);
  });
});
