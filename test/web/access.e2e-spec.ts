import { Get, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { Pages } from '../../apps/web/src/render/pages';
import { LoginRequired } from '../../apps/web/src/session/page-access';
import { PageController } from '../../apps/web/src/session/page.decorators';
import { PageRequest } from '../../apps/web/src/session/page-request';
import { TEST_PASSWORD, WebTestApp, createWebTestApp } from '../support/web';

/** A page for administrators only, as later pages (administration, workspace, portal) will be. */
@PageController('admin-only-for-test')
@LoginRequired(Role.Admin)
class AdminOnlyPage {
  constructor(private readonly pages: Pages) {}

  @Get()
  show(@Req() request: PageRequest, @Res() reply: FastifyReply): void {
    this.pages.render(request, reply, 'pages/errors/request', 'page.account.title', { errorId: null });
  }
}

/** A page that fails, as a bug would make one fail. */
@PageController('broken-for-test')
class BrokenPage {
  @Get()
  show(): void {
    throw new Error('a bug in a page');
  }
}

describe('access to pages, password links, security headers', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  let admin: string;

  beforeAll(async () => {
    sut = await createWebTestApp({ clock, pages: [AdminOnlyPage, BrokenPage] });
    admin = (await sut.createUser({ username: 'access-admin', role: Role.Admin })).token;
    await sut.createUser({ username: 'access-committee', role: Role.Committee });
  });

  afterAll(async () => {
    await sut.close();
  });

  it('answers a page a role may not see with exactly the 404 page of a missing one', async () => {
    const browser = sut.browser();
    await browser.login('access-committee', TEST_PASSWORD);

    const forbidden = await browser.get('/en/admin-only-for-test');
    const missing = await browser.get('/en/admin-only-for-nobody');

    expect(forbidden.status).toBe(404);
    expect(missing.status).toBe(404);
    // The same page, but for the address itself and the CSRF token (masked afresh on every page).
    const same = (text: string, address: string) =>
      text.replaceAll(address, '').replace(/name="_csrf" value="[\w-]+"/g, '');
    expect(same(forbidden.text, 'admin-only-for-test')).toBe(same(missing.text, 'admin-only-for-nobody'));

    const allowed = sut.browser();
    await allowed.login('access-admin', TEST_PASSWORD);
    expect((await allowed.get('/en/admin-only-for-test')).status).toBe(200);
    expect((await sut.browser().get('/en/admin-only-for-test')).location).toBe('/en/login?next=%2Fadmin-only-for-test');
  });

  it('sends an e-mail link into the workspace or the portal through the login to a page that exists', async () => {
    await sut.createUser({ username: 'access-assistant', role: Role.Assistant, mandates: ['EXPRESSION'] });
    await sut.createUser({ username: 'access-government', role: Role.Government, stateCode: 'FRA' });
    const link = '/fr/workspace';
    const browser = sut.browser();

    const login = await browser.get(link);
    expect(login.location).toBe(`/fr/login?next=${encodeURIComponent(link.slice(3))}`);
    const back = await browser.submit(login.location!, 'form#login', {
      username: 'access-assistant',
      password: TEST_PASSWORD,
    });
    expect(back.location).toBe(link);
    const landing = await browser.get(back.location!);
    expect(landing.status).toBe(200);
    expect(landing.$('#home-counts')).not.toBeNull();

    const government = sut.browser();
    await government.login('access-government', TEST_PASSWORD);
    expect((await government.get(link)).status).toBe(404);
    expect((await government.get('/en/portal')).status).toBe(200);
    expect((await browser.get('/en/portal/letters/x')).status).toBe(404);
  });

  it('opens the e-mailed password link on a page that sets the password, once', async () => {
    const created = await sut.post(
      '/users',
      { username: 'access-new', displayName: 'New', email: 'access-new@test.local', role: 'committee' },
      { token: admin },
    );
    expect(created.status).toBe(201);
    const [mail] = (await sut
      .dataSource()
      .query(`SELECT params FROM outbox_message WHERE recipient_user_id = $1 AND kind LIKE 'account.%'`, [
        created.body.id,
      ])) as Array<{ params: Record<string, string> }>;
    const link = new URL(mail!.params['link.en']!);
    const browser = sut.browser();
    const page = await browser.get(`${link.pathname}${link.search}`);
    expect(page.status).toBe(200);
    expect(page.$('form#set-password')).not.toBeNull();

    const mismatch = await browser.submit(`${link.pathname}${link.search}`, 'form#set-password', {
      'new-password': 'the-new-password-1',
      'confirm-password': 'another-password-1',
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.$$('.error-summary a').map((a) => a.getAttribute('href'))).toEqual(['#confirm-password']);

    const done = await browser.submit(`${link.pathname}${link.search}`, 'form#set-password', {
      'new-password': 'the-new-password-1',
      'confirm-password': 'the-new-password-1',
    });
    expect(done.status).toBe(303);
    expect(done.location).toMatch(/\/login\?done=password-set$/);
    expect((await sut.post('/auth/login', { username: 'access-new', password: 'the-new-password-1' })).status).toBe(
      200,
    );

    const again = await browser.submit(`${link.pathname}${link.search}`, 'form#set-password', {
      'new-password': 'a-third-password-1',
      'confirm-password': 'a-third-password-1',
    });
    expect(again.status).toBe(422);
    expect(again.$('form#set-password')).toBeNull();
    expect((await sut.browser().get('/en/set-password?token=nonsense')).status).toBe(404);
  });

  it('sends the strict CSP on pages, none at all to load on API answers; the Swagger UI keeps its own', async () => {
    for (const url of ['/en/', '/ar/login', '/fr/no-such-page', '/assets/site.css']) {
      const csp = String((await sut.browser().get(url)).headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    }
    // A JSON answer loads nothing at all (see jsonSecurityHeaderOptions).
    expect((await sut.get('/health/live')).headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    expect(String((await sut.get('/docs')).headers['content-security-policy'])).toContain("'unsafe-inline'");
  });

  it('answers a failing page with the 500 page and its error id, in HTML; the API keeps JSON', async () => {
    const page = await sut.browser().get('/es/broken-for-test');

    expect(page.status).toBe(500);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.$('html')?.getAttribute('lang')).toBe('es');
    expect(page.$('main')?.text).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(page.text).not.toContain('a bug in a page');
    const api = await sut.get('/communications/not-a-uuid', { token: admin });
    expect(String(api.headers['content-type'])).toContain('application/json');
  });

  it('pages hold no inline script or style', async () => {
    for (const url of ['/en/', '/ar/login', '/zh/no-such-page']) {
      const page = await sut.browser().get(url);
      expect(page.$$('script').every((script) => script.getAttribute('src') && script.text.trim() === '')).toBe(true);
      expect(page.$$('style')).toHaveLength(0);
      expect(page.$$('[style]')).toHaveLength(0);
      expect(page.text).not.toMatch(/\son[a-z]+=/i);
    }
  });
});
