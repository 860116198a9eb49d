import { Browser } from 'playwright-core';
import { Session, expectNoAxeViolations, launchBrowser, openSession } from './support/browser';
import { EXPECTED_STATUS, PUBLIC_PAGES } from './support/public-pages';
import { BrowserSite, CONFIDENTIAL_WORD, LANGUAGES, UNPUBLISHED_WORD, startSite } from './support/site';

/**
 * Every public page, with its error and empty states, in the six languages: axe (WCAG 2.0–2.2 A and
 * AA) finds nothing, the browser reports no Content-Security-Policy violation and no script error, and
 * nothing unpublished or confidential is shown. Axe runs once per page and language.
 */
describe('public pages in the browser', () => {
  let site: BrowserSite;
  let browser: Browser;
  let session: Session;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startSite(), launchBrowser()]);
    session = await openSession(browser);
  });
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await site?.close();
  });

  describe.each(LANGUAGES)('in %s', (language) => {
    it.each(PUBLIC_PAGES.map((state) => [state.name, state] as const))(
      '%s',
      async (name, state) => {
        const violationsBefore = session.cspViolations.length;
        const errorsBefore = session.pageErrors.length;
        // Each state from a fresh start: no session, no language cookie left by the one before.
        await session.context.clearCookies();

        const status = await state.open(session.page, site, language);

        expect({ page: name, status }).toEqual({ page: name, status: EXPECTED_STATUS[name] ?? 200 });
        await expectNoAxeViolations(session.page, `${name} (${language})`);
        const html = await session.page.content();
        expect(html).toContain(`lang="${language}"`);
        expect(html).not.toContain(UNPUBLISHED_WORD);
        expect(html).not.toContain(CONFIDENTIAL_WORD);
        expect(session.cspViolations.slice(violationsBefore)).toEqual([]);
        expect(session.pageErrors.slice(errorsBefore)).toEqual([]);
        // Axe on the visits page's long tables takes seconds on two busy cores.
      },
      180_000,
    );
  });
});
