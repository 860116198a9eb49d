import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { Browser, WebTestApp, createUsers, createWebTestApp, loggedInBrowser } from '../support/web';

const SOURCE_NAME = 'Ivan Informant';
const NOBODY = '00000000-0000-4000-8000-000000000000';

/** `/workspace/submissions`: the inbox, one submission with its source (C14), screening, triage, a letter from it. */
describe('the submission pages of the workspace', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    sut = await createWebTestApp({ clock });
    Object.assign(
      tokens,
      await createUsers(sut, [
        ['sub-assistant', Role.Assistant, { mandates: ['EXPRESSION'] }],
        ['sub-assistant-torture', Role.Assistant, { mandates: ['TORTURE'] }],
        ['sub-holder', Role.MandateHolder, { mandates: ['EXPRESSION'] }],
        ['sub-gov', Role.Government, { stateCode: 'IRN' }],
      ]),
    );
  });

  afterAll(async () => {
    await sut?.close();
  });

  const loggedIn = (username: string): Promise<Browser> => loggedInBrowser(sut, username);

  async function submission(mandates: string[] = ['EXPRESSION']): Promise<{ id: string; receiptCode: string }> {
    const created = await sut.post(
      '/submissions',
      {
        channel: 'email',
        stateCode: 'IRN',
        mandates,
        victims: [{ kind: 'person', name: 'Maryam Example', gender: 'female', ageGroup: 'adult' }],
        perpetrators: [{ kind: 'state', description: 'Officers of the Ministry of Intelligence' }],
        source: {
          name: SOURCE_NAME,
          organisation: 'Viasna Watch',
          email: 'ivan@viasna.example.org',
          relation: 'witness',
        },
        occurredFrom: '2026-01-10',
        place: 'Evin prison, Tehran',
        description: 'A journalist was arrested at her home and taken to an unknown place of detention.',
        confidentialFields: ['victimNames'],
      },
      { token: tokens['sub-assistant'] },
    );
    expect(created.status).toBe(201);
    return created.body;
  }

  async function expectSameAsMissing(browser: Browser, address: string, id: string): Promise<void> {
    const [refused, absent] = [await browser.get(address), await browser.get(address.replace(id, NOBODY))];
    expect([refused.status, absent.status]).toEqual([404, 404]);
    const same = (text: string) => text.replaceAll(id, NOBODY).replace(/name="_csrf" value="[\w-]+"/g, '');
    expect(same(refused.text)).toBe(same(absent.text));
    expect(refused.text).not.toContain(SOURCE_NAME);
  }

  it("lists the mandates' submissions with filters, and shows the source on the submission only", async () => {
    const { id, receiptCode } = await submission();
    const browser = await loggedIn('sub-assistant');
    const list = await browser.get('/en/workspace/submissions');
    expect(list.status).toBe(200);
    expect(list.$('h1')!.text).toBe('Submissions');
    expect(list.$('#submissions')!.text).toContain(receiptCode);
    expect(list.text).not.toContain(SOURCE_NAME);
    expect((await browser.get('/en/workspace/submissions?status=received')).$('#submissions')!.text).toContain(
      receiptCode,
    );
    const rejected = await browser.get('/en/workspace/submissions?status=rejected&mandate=EXPRESSION');
    expect(rejected.status).toBe(200);
    expect(rejected.text).not.toContain(receiptCode);
    // Nonsense in the filters is ignored, never a 500.
    expect((await browser.get('/en/workspace/submissions?status=bogus&mandate=x&cursor=zzz')).status).toBe(200);

    const page = await browser.get(`/en/workspace/submissions/${id}`);
    expect(page.status).toBe(200);
    expect(page.$('#source')!.text).toContain(SOURCE_NAME);
    expect(page.$('#source')!.text).toContain('ivan@viasna.example.org');
    expect(page.$('#submission-status')!.text.trim()).toBe('To screen');
    expect(page.$('form#screening')).not.toBeNull();

    // The holder of the mandate reads it, without the forms.
    const holder = await loggedIn('sub-holder');
    const read = await holder.get(`/en/workspace/submissions/${id}`);
    expect(read.status).toBe(200);
    expect(read.$('form#screening')).toBeNull();
    expect((await holder.post(`/en/workspace/submissions/${id}/reject`, { reason: 'Not for us at all' })).status).toBe(
      404,
    );

    // Another mandate's assistant and a Government: the 404 page of a missing submission, never the source.
    const other = await loggedIn('sub-assistant-torture');
    expect((await other.get('/en/workspace/submissions')).text).not.toContain(receiptCode);
    await expectSameAsMissing(other, `/en/workspace/submissions/${id}`, id);
    const refusedPost = await other.post(`/en/workspace/submissions/${id}/screening`, {});
    expect(refusedPost.status).toBe(404);
    expect(refusedPost.text).not.toContain(SOURCE_NAME);
    const government = await loggedIn('sub-gov');
    const byGovernment = await government.get(`/en/workspace/submissions/${id}`);
    expect(byGovernment.status).toBe(404);
    expect(byGovernment.text).not.toContain(SOURCE_NAME);
  });

  it('screens with the Code of Conduct criteria: 422 keeps the choices, CSRF is checked, then screened', async () => {
    const { id } = await submission();
    const browser = await loggedIn('sub-assistant');
    const address = `/en/workspace/submissions/${id}`;
    const forged = await browser.postRaw(`${address}/screening`, { 'criterion-factual_description': 'pass' });
    expect(forged.status).toBe(403);

    const partial = await browser.submit(address, 'form#screening', {
      'criterion-not_manifestly_unfounded': 'pass',
      'criterion-factual_description': 'fail',
    });
    expect(partial.status).toBe(422);
    expect(partial.$('title')!.text).toMatch(/^Error: /);
    const summary = partial.$('.error-summary')!;
    expect(summary.querySelectorAll('a').map((link) => link.getAttribute('href'))).toEqual([
      '#criterion-no_abusive_language',
      '#criterion-reliable_source',
      '#criterion-not_only_media_reports',
    ]);
    expect(partial.$('#criterion-not_manifestly_unfounded')!.getAttribute('checked')).toBeDefined();
    expect(partial.$('#criterion-factual_description-2')!.getAttribute('checked')).toBeDefined();
    expect(partial.$('#criterion-factual_description')!.getAttribute('checked')).toBeUndefined();
    expect((await sut.get(`/submissions/${id}`, { token: tokens['sub-assistant'] })).body.status).toBe('received');

    const fields = Object.fromEntries(
      [
        'not_manifestly_unfounded',
        'factual_description',
        'no_abusive_language',
        'reliable_source',
        'not_only_media_reports',
      ].map((criterion) => [`criterion-${criterion}`, 'pass']),
    );
    const done = await browser.submit(address, 'form#screening', fields);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${address}?done=screened`);
    const screened = await browser.get(done.location!);
    expect(screened.$('#submission-status')!.text.trim()).toBe('Screened');
    expect(screened.$('form#screening')).toBeNull();
    expect(screened.$('form#start-letter')).not.toBeNull();
  });

  it('starts a letter from a screened submission and redirects to its editor', async () => {
    const { id } = await submission();
    const criteria = [
      'not_manifestly_unfounded',
      'factual_description',
      'no_abusive_language',
      'reliable_source',
      'not_only_media_reports',
    ].map((criterion) => ({ criterion, passed: true }));
    expect(
      (await sut.post(`/submissions/${id}/screening`, { criteria }, { token: tokens['sub-assistant'] })).status,
    ).toBe(200);
    const browser = await loggedIn('sub-assistant');
    const address = `/en/workspace/submissions/${id}`;
    const missing = await browser.submit(address, 'form#start-letter', { type: 'AL', subject: '' });
    expect(missing.status).toBe(422);
    expect(missing.$('.error-summary')!.text).toContain('Choose the language of the letter');
    expect(missing.$('.error-summary')!.text).toContain('Enter the subject of the letter');
    expect(missing.$('#type-2')!.getAttribute('checked')).toBeDefined();

    const started = await browser.submit(address, 'form#start-letter', {
      type: 'AL',
      language: 'fr',
      leadMandate: 'EXPRESSION',
      subject: 'Arrestation d’une journaliste',
    });
    expect(started.$('.error-summary')?.text ?? '').toBe('');
    expect(started.status).toBe(303);
    const letterId = /^\/en\/workspace\/letters\/([0-9a-f-]{36})\/edit$/.exec(started.location!)![1]!;
    const letter = await sut.get(`/communications/${letterId}`, { token: tokens['sub-assistant'] });
    expect(letter.status).toBe(200);
    expect(letter.body).toMatchObject({ type: 'AL', language: 'fr', status: 'draft' });
    expect(JSON.stringify(letter.body)).not.toContain(SOURCE_NAME);
    const page = await browser.get(address);
    expect(page.$('#letters a')!.getAttribute('href')).toBe(`/en/workspace/letters/${letterId}`);
  });

  it('gives a submission of the triage its mandate', async () => {
    const { id, receiptCode } = await submission([]);
    const browser = await loggedIn('sub-assistant');
    const triage = await browser.get('/en/workspace/submissions?triage=true');
    expect(triage.$('#submissions')!.text).toContain(receiptCode);
    const address = `/en/workspace/submissions/${id}`;
    const none = await browser.submit(address, 'form#assign-mandates', {});
    expect(none.status).toBe(422);
    expect(none.$('.error-summary a')!.getAttribute('href')).toBe('#mandates');
    const given = await browser.submit(address, 'form#assign-mandates', { mandates: 'EXPRESSION' });
    expect(given.status).toBe(303);
    expect((await sut.get(`/submissions/${id}`, { token: tokens['sub-assistant'] })).body.mandates).toEqual([
      'EXPRESSION',
    ]);
    // Given to another mandate, it leaves this inbox and reaches that one.
    const moved = await browser.submit(address, 'form#assign-mandates', { mandates: 'TORTURE' });
    expect(moved.location).toBe('/en/workspace/submissions');
    expect((await browser.get(address)).status).toBe(404);
    expect((await (await loggedIn('sub-assistant-torture')).get(address)).status).toBe(200);
  });
});
