import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { Browser, TEST_PASSWORD, WebTestApp, createWebTestApp } from '../support/web';

/**
 * Issue #15: `/{lang}/workspace/visits` and `/{lang}/workspace/visits/{id}`, the visit requests of
 * the person's mandates, read with VisitsService as the API does; another mandate or role gets the
 * 404 page of a missing request.
 */
describe('the workspace visit pages', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const tokens: Record<string, string> = {};
  const visits: Record<string, string> = {};

  function created201(status: number): void {
    if (status !== 201) {
      throw new Error(`a visit request was not created: ${status}`);
    }
  }

  beforeAll(async () => {
    sut = await createWebTestApp({ clock });
    const users: Array<[string, Role, { mandates?: string[]; stateCode?: string }]> = [
      ['wv-assistant', Role.Assistant, { mandates: ['TORTURE'] }],
      ['wv-sr-torture', Role.MandateHolder, { mandates: ['TORTURE'] }],
      ['wv-housing', Role.Assistant, { mandates: ['HOUSING'] }],
      ['wv-gov-che', Role.Government, { stateCode: 'CHE' }],
    ];
    for (const [username, role, scope] of users) {
      tokens[username] = (await sut.createUser({ username, role, ...scope })).token;
    }
    for (const [key, stateCode, purpose] of [
      ['che', 'CHE', 'To assess places of detention in Switzerland'],
      ['blr', 'BLR', 'To assess places of detention in Belarus'],
    ]) {
      const created = await sut.post(
        '/visits',
        { mandateCode: 'TORTURE', stateCode, purpose, notes: `Internal note on ${stateCode}` },
        { token: tokens['wv-assistant'] },
      );
      created201(created.status);
      visits[key] = created.body.id as string;
    }
    const housing = await sut.post(
      '/visits',
      { mandateCode: 'HOUSING', stateCode: 'FRA', purpose: 'To assess the right to housing' },
      { token: tokens['wv-housing'] },
    );
    created201(housing.status);
    visits.housing = housing.body.id as string;
    clock.advance({ hours: 2 });
    const answered = await sut.post(
      `/portal/visits/${visits.che}/answers`,
      { answer: 'accept', note: 'Switzerland welcomes the visit' },
      { token: tokens['wv-gov-che'] },
    );
    if (answered.status !== 200) {
      throw new Error(`the State's answer failed: ${answered.status}`);
    }
  });

  afterAll(async () => {
    await sut?.close();
  });

  async function loggedIn(username: string): Promise<Browser> {
    const browser = sut.browser();
    await browser.login(username, TEST_PASSWORD);
    return browser;
  }

  async function expectSameAsMissing(browser: Browser, address: string): Promise<void> {
    const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(address)![0];
    const nobody = '00000000-0000-4000-8000-000000000000';
    const [refused, absent] = [await browser.get(address), await browser.get(address.replace(id, nobody))];
    expect([refused.status, absent.status]).toEqual([404, 404]);
    const same = (text: string) => text.replaceAll(id, nobody).replace(/name="_csrf" value="[\w-]+"/g, '');
    expect(same(refused.text)).toBe(same(absent.text));
  }

  it("lists the mandates' requests with their status, filtered by status", async () => {
    const browser = await loggedIn('wv-assistant');
    const page = await browser.get('/en/workspace/visits');
    expect(page.status).toBe(200);
    expect(page.$('h1')!.text).toBe('Visit requests');
    const links = page.$$('#visits tbody a').map((link) => link.getAttribute('href'));
    expect(links.sort()).toEqual([`/en/workspace/visits/${visits.che}`, `/en/workspace/visits/${visits.blr}`].sort());
    expect(page.$('#visits')!.text).toContain('Accepted');
    expect(page.$('#visits')!.text).toContain('Requested');
    expect(page.$('#main')!.text).not.toContain('FRA');
    expect(page.$('#main')!.text).not.toContain('Internal note');
    expect(page.$$('#visit-filters select[name="status"] option')).toHaveLength(13);

    const accepted = await browser.get('/en/workspace/visits?status=accepted');
    expect(accepted.$$('#visits tbody a').map((link) => link.getAttribute('href'))).toEqual([
      `/en/workspace/visits/${visits.che}`,
    ]);
    expect(accepted.$('#visit-filters option[selected]')!.getAttribute('value')).toBe('accepted');
    const none = await browser.get('/en/workspace/visits?status=completed');
    expect(none.$('#no-visits')!.text).toBe('No visit request matches.');
    // An unknown status or cursor is ignored, never a 500.
    const odd = await browser.get('/en/workspace/visits?status=nonsense&cursor=zzz');
    expect(odd.status).toBe(200);
    expect(odd.$$('#visits tbody a')).toHaveLength(2);

    // The mandate-holder sees them too; in French, the status words are French.
    const holder = await loggedIn('wv-sr-torture');
    const french = await holder.get('/fr/workspace/visits');
    expect(french.status).toBe(200);
    expect(french.$('#visits')!.text).toContain('Acceptée');
    // Another mandate's assistant sees only their own.
    const housing = await loggedIn('wv-housing');
    const theirs = await housing.get('/en/workspace/visits');
    expect(theirs.$$('#visits tbody a').map((link) => link.getAttribute('href'))).toEqual([
      `/en/workspace/visits/${visits.housing}`,
    ]);
  });

  it('shows one request read-only: State, mandate, dates, answers and status history', async () => {
    const browser = await loggedIn('wv-assistant');
    const page = await browser.get(`/en/workspace/visits/${visits.che}`);
    expect(page.status).toBe(200);
    expect(page.$('h1')!.text).toContain('TORTURE');
    expect(page.$('#visit-status')!.text.trim()).toBe('Accepted');
    const summary = page.$('.summary-list')!.text;
    expect(summary).toContain('Switzerland');
    expect(summary).toContain('Requested on');
    expect(summary).toContain('March 2, 2026');
    expect(page.$('#visit-purpose')!.text).toBe('To assess places of detention in Switzerland');
    expect(page.$('#answers')!.text).toContain('Acceptance: Accepted');
    expect(page.$('#answers')!.text).toContain('government portal');
    expect(page.$('#answers')!.text).toContain('Switzerland welcomes the visit');
    const history = page.$$('#history .timeline > li').map((item) => item.querySelector('h3')?.text ?? item.text);
    expect(history).toHaveLength(2);
    expect(history[0]).toContain('Request sent: Requested');
    expect(history[1]).toContain('Acceptance: Accepted');
    // Read-only: no form to change it.
    expect(page.$$('#main form')).toHaveLength(0);

    const pending = await browser.get(`/en/workspace/visits/${visits.blr}`);
    expect(pending.$('#answers')!.text).toContain('The State has not answered yet.');
    const arabic = await browser.get(`/ar/workspace/visits/${visits.che}`);
    expect(arabic.status).toBe(200);
    expect(arabic.$('html')!.getAttribute('dir')).toBe('rtl');
    expect(arabic.$('#visit-status')!.text.trim()).toBe('مقبولة');
  });

  it('answers the 404 page to another mandate and to a Government, as for a missing request', async () => {
    await expectSameAsMissing(await loggedIn('wv-housing'), `/en/workspace/visits/${visits.che}`);
    const housing = await loggedIn('wv-housing');
    expect((await housing.get('/en/workspace/visits/not-an-id')).status).toBe(404);
    const government = await loggedIn('wv-gov-che');
    for (const address of ['/en/workspace/visits', `/en/workspace/visits/${visits.che}`]) {
      const answer = await government.get(address);
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain('Internal note');
      expect(answer.text).not.toContain('places of detention');
    }
    // Logged out: the login form first.
    const anonymous = await sut.browser().get('/en/workspace/visits');
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toMatch(/^\/en\/login/);
  });
});
