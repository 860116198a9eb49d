import { Browser } from 'playwright-core';
import { BrowserSite, startSite } from './support/site';
import { launchBrowser, openSession, until } from './support/browser';

/**
 * Security through the browser: the site's Content-Security-Policy holds and the browser reports no
 * violation; a form posted without its CSRF token is refused; logging out ends the session on the
 * server, not only in the browser.
 */
describe('security in the browser', () => {
  let site: BrowserSite;
  let browser: Browser;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startSite(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('reports a CSP violation when a page breaks the policy (the collector works)', async () => {
    const session = await openSession(browser);
    try {
      // A page of the site's origin with the site's policy and inline code, which the policy forbids.
      await session.page.route(`${site.origin}/csp-probe`, (route) =>
        route.fulfill({
          status: 200,
          headers: { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'" },
          body: '<!doctype html><html lang="en"><title>probe</title><p style="color:red">x</p><script>document.title="ran"</script></html>',
        }),
      );
      await session.page.goto(`${site.origin}/csp-probe`);
      await expect(session.page.title()).resolves.toBe('probe');
      await expect(until(() => session.cspViolations.length >= 2)).resolves.toBe(true);
      expect(session.cspViolations.map((violation) => violation.report).join('\n')).toMatch(/script-src|default-src/);
    } finally {
      await session.close();
    }
  });

  it('sends the site Content-Security-Policy default-src self, with nothing inline allowed', async () => {
    const session = await openSession(browser);
    try {
      const response = await session.page.goto(`${site.origin}/en/`);
      const policy = response?.headers()['content-security-policy'] ?? '';
      expect(policy).toMatch(/default-src 'self'/);
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(session.cspViolations).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('refuses a form posted without its CSRF token, and logs nobody in', async () => {
    const session = await openSession(browser);
    try {
      const { page } = session;
      await page.goto(`${site.origin}/en/login`);
      await expect(page.locator('form#login input[type=hidden][name=_csrf]').count()).resolves.toBe(1);
      await page.locator('form#login input[name=_csrf]').evaluate((input) => input.remove());
      await page.locator('form#login [name=username]').fill(site.user.username);
      await page.locator('form#login [name=password]').fill(site.user.password);
      const [refused] = await Promise.all([page.waitForNavigation(), page.locator('form#login button').click()]);
      expect(refused?.status()).toBe(403);
      await expect(page.locator('main h1').count()).resolves.toBe(1);
      const account = await page.goto(`${site.origin}/en/account`);
      expect(new URL(page.url()).pathname).toBe('/en/login');
      expect(account?.status()).toBe(200);
    } finally {
      await session.close();
    }
  });

  it('ends the session on logout, on the server: the old cookie opens nothing', async () => {
    const session = await openSession(browser);
    try {
      const { page, context } = session;
      await page.goto(`${site.origin}/en/login`);
      await page.locator('form#login [name=username]').fill(site.user.username);
      await page.locator('form#login [name=password]').fill(site.user.password);
      await Promise.all([page.waitForNavigation(), page.locator('form#login button').click()]);
      const account = await page.goto(`${site.origin}/en/account`);
      expect(account?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/en/account');
      const cookies = await context.cookies();
      const sessionCookie = cookies.find((cookie) => cookie.name === 'spcomms_session');
      expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      const loggedIn = await context.storageState();

      // Log out with the header's button.
      await Promise.all([
        page.waitForNavigation(),
        page.locator('form[action="/en/logout"] button[type=submit]').click(),
      ]);
      await page.goto(`${site.origin}/en/account`);
      expect(new URL(page.url()).pathname).toBe('/en/login');

      // The cookie kept from before the logout no longer opens the account.
      const replay = await browser.newContext({ storageState: loggedIn });
      try {
        const again = await replay.newPage();
        await again.goto(`${site.origin}/en/account`);
        expect(new URL(again.url()).pathname).toBe('/en/login');
      } finally {
        await replay.close();
      }
    } finally {
      await session.close();
    }
  });
});
