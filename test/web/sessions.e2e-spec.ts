import { Role } from '@spcomms/access';
import { hashToken } from '@spcomms/accounts';
import { TestClock } from '@spcomms/testing';
import { TEST_PASSWORD, WebTestApp, createWebTestApp, maskCsrf } from '../support/web';

describe('sessions for people: login, logout, account, CSRF', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    sut = await createWebTestApp({ clock, env: { LOGIN_RATE_LIMIT: '3' } });
    await sut.createUser({ username: 'web-admin', role: Role.Admin });
  });

  afterAll(async () => {
    await sut.close();
  });

  it('logs in with the form: an httpOnly, SameSite=Lax session cookie, then the role home', async () => {
    const browser = sut.browser();
    const form = await browser.get('/en/login');
    expect(form.status).toBe(200);
    const token = form.$('form#login input[name=_csrf]')?.getAttribute('value');
    expect(token).toMatch(/^[\w-]{86}$/);
    // Masked afresh on every page, so that a compressed page never repeats the secret's bytes.
    expect((await browser.get('/en/login')).$('form#login input[name=_csrf]')?.getAttribute('value')).not.toBe(token);
    expect(token).not.toContain(browser.cookies.get('spcomms_csrf'));

    const answer = await browser.submit('/en/login', 'form#login', { username: 'web-admin', password: TEST_PASSWORD });

    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/en/admin/users');
    const cookie = [answer.headers['set-cookie']].flat().find((line) => line?.startsWith('spcomms_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const account = await browser.get('/en/account');
    expect(account.status).toBe(200);
    expect(account.$('h1')?.text).toBe('Your account');
    expect(account.$('dl.summary-list')?.text).toContain('web-admin');
  });

  it('sends a person who is not logged in to the login form, and back to the page after it', async () => {
    const browser = sut.browser();
    const answer = await browser.get('/fr/account');
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/fr/login?next=%2Faccount');

    const login = await browser.get(answer.location!);
    expect(login.$('form#login input[name=next]')?.getAttribute('value')).toBe('/account');
    const back = await browser.submit(answer.location!, 'form#login', {
      username: 'web-admin',
      password: TEST_PASSWORD,
    });
    expect(back.location).toBe('/fr/account');
  });

  it('never sends a person to another site after login', async () => {
    const browser = sut.browser();
    await browser.get('/en/login');
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const answer = await browser.post('/en/login', { username: 'web-admin', password: TEST_PASSWORD, next });
      expect(answer.location).toBe('/en/admin/users');
    }
  });

  it('re-renders the form with the error summary on a wrong password, keeping the user name', async () => {
    const page = await sut.browser({ ip: '10.9.0.1' }).submit('/en/login', 'form#login', {
      username: 'web-admin',
      password: 'wrong-password',
    });

    expect(page.status).toBe(422);
    const summary = page.$('div.error-summary[role=alert]');
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#username');
    expect(page.$('input#username')?.getAttribute('value')).toBe('web-admin');
    expect(page.$('input#password')?.getAttribute('value')).toBe('');
  });

  it('limits failed logins as the API does (429 with Retry-After), the right password included', async () => {
    const browser = sut.browser({ ip: '10.9.0.2' });
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(
        (await browser.submit('/en/login', 'form#login', { username: 'web-admin', password: 'nope-nope-nope' })).status,
      ).toBe(422);
    }

    const limited = await browser.submit('/en/login', 'form#login', { username: 'web-admin', password: TEST_PASSWORD });

    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.$('.error-summary')?.text).toContain('Too many attempts');
    expect(browser.cookies.has('spcomms_session')).toBe(false);
  });

  it('refuses a form without its CSRF token with the 403 page, and changes nothing', async () => {
    const browser = sut.browser();
    await browser.login('web-admin', TEST_PASSWORD);

    const forged = await browser.postRaw('/en/logout', {});
    expect(forged.status).toBe(403);
    expect(forged.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(forged.$('h1')?.text).toBe('The form has expired');
    const wrong = await browser.postRaw('/en/logout', { _csrf: 'x'.repeat(86) });
    expect(wrong.status).toBe(403);
    const unmasked = await browser.postRaw('/en/logout', { _csrf: browser.cookies.get('spcomms_csrf')! });
    expect(unmasked.status).toBe(403);
    const otherBrowser = sut.browser();
    await otherBrowser.get('/en/');
    const stolen = await browser.postRaw('/en/logout', { _csrf: maskCsrf(otherBrowser.cookies.get('spcomms_csrf')!) });
    expect(stolen.status).toBe(403);
    expect((await browser.get('/en/account')).status).toBe(200);

    const anonymous = sut.browser();
    expect((await anonymous.postRaw('/en/login', { username: 'web-admin', password: TEST_PASSWORD })).status).toBe(403);
    expect(anonymous.cookies.has('spcomms_session')).toBe(false);
  });

  it('ends the session on logout: the cookie is cleared and the old token opens nothing any more', async () => {
    const browser = sut.browser();
    await browser.login('web-admin', TEST_PASSWORD);
    const token = browser.cookies.get('spcomms_session')!;

    const answer = await browser.post('/en/logout');

    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/en/login?done=logout');
    expect(browser.cookies.has('spcomms_session')).toBe(false);
    expect((await browser.get(answer.location!)).$('.banner')?.text).toContain('You have logged out.');
    expect((await sut.get('/me', { token })).status).toBe(401);
    const replayed = sut.browser();
    replayed.cookies.set('spcomms_session', token);
    expect((await replayed.get('/en/account')).status).toBe(303);
  });

  it('ends the browser sessions of a user an administrator disables', async () => {
    const { id } = await sut.createUser({ username: 'web-disabled', role: Role.Committee });
    const admin = await sut.login('web-admin');
    const browser = sut.browser();
    await browser.login('web-disabled', TEST_PASSWORD);
    expect((await browser.get('/en/account')).status).toBe(200);

    expect((await sut.post(`/users/${id}/disable`, {}, { token: admin })).status).toBe(200);

    expect((await browser.get('/en/account')).location).toBe('/en/login?next=%2Faccount');
    expect((await browser.get('/en/')).$('.site-header__account')?.text).toContain('Log in');
  });

  it('changes the password from the account page, with the error summary when it is wrong', async () => {
    await sut.createUser({ username: 'web-changer', role: Role.Committee });
    const browser = sut.browser({ ip: '10.9.0.3' });
    const other = sut.browser({ ip: '10.9.0.3' });
    await browser.login('web-changer', TEST_PASSWORD);
    await other.login('web-changer', TEST_PASSWORD);

    const short = await browser.submit('/en/account', 'form#change-password', {
      'current-password': TEST_PASSWORD,
      'new-password': 'short',
      'confirm-password': 'short',
    });
    expect(short.status).toBe(422);
    expect(short.$$('.error-summary a').map((a) => a.getAttribute('href'))).toEqual(['#new-password']);
    const wrong = await browser.submit('/en/account', 'form#change-password', {
      'current-password': 'not-the-password',
      'new-password': 'a-new-password-1',
      'confirm-password': 'a-new-password-1',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.$('#current-password-error')?.text).toContain('The current password is wrong');

    const done = await browser.submit('/en/account', 'form#change-password', {
      'current-password': TEST_PASSWORD,
      'new-password': 'a-new-password-1',
      'confirm-password': 'a-new-password-1',
    });
    expect(done.location).toBe('/en/account?done=password');
    expect((await browser.get(done.location!)).$('.banner--success')).not.toBeNull();
    expect((await other.get('/en/account')).status).toBe(303);
    expect((await sut.post('/auth/login', { username: 'web-changer', password: 'a-new-password-1' })).status).toBe(200);
  });

  it('lists the own sessions and ends another one, never someone else’s', async () => {
    await sut.createUser({ username: 'web-sessions', role: Role.Committee });
    const browser = sut.browser();
    await browser.login('web-sessions', TEST_PASSWORD);
    const apiToken = await sut.login('web-sessions');

    const page = await browser.get('/en/account');
    const rows = page.$$('#sessions tbody tr');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(page.$$('#sessions .tag')).toHaveLength(1);
    const ids = page.$$('#sessions input[name=session]').map((input) => input.getAttribute('value')!);
    const apiSession = (await sut
      .dataSource()
      .query(`SELECT id FROM session WHERE token_hash = $1`, [hashToken(apiToken)])) as Array<{ id: string }>;
    expect(ids).toContain(apiSession[0]!.id);

    const ended = await browser.post('/en/account/sessions/end', { session: apiSession[0]!.id });
    expect(ended.location).toBe('/en/account?done=session');
    expect((await sut.get('/me', { token: apiToken })).status).toBe(401);

    const stranger = sut.browser();
    await stranger.login('web-admin', TEST_PASSWORD);
    const [mine] = (await sut.dataSource().query(
      `SELECT s.id FROM session s JOIN app_user u ON u.id = s.user_id
        WHERE u.username = 'web-sessions' AND s.revoked_at IS NULL LIMIT 1`,
    )) as Array<{ id: string }>;
    const refused = await stranger.post('/en/account/sessions/end', { session: mine!.id });
    expect(refused.status).toBe(404);
    expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await browser.get('/en/account')).status).toBe(200);
  });
});
