import { Browser, Page } from 'playwright-core';
import { BrowserSite, LANGUAGES, startSite } from './support/site';
import { expectNoAxeViolations, launchBrowser, openSession, tabTo } from './support/browser';

/**
 * The language choice of the account page (issue #16: the language of a person's pages and
 * e-mails): accessible in the six languages, chosen with the keyboard alone, and without JavaScript.
 */
describe('choosing the language of pages and e-mails', () => {
  // Six axe runs take well over the default minute on a shared machine.
  jest.setTimeout(240_000);
  let site: BrowserSite;
  let browser: Browser;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startSite(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function logIn(page: Page): Promise<void> {
    await page.goto(`${site.origin}/en/login`);
    await page.locator('form#login [name=username]').fill(site.user.username);
    await page.locator('form#login [name=password]').fill(site.user.password);
    await Promise.all([page.waitForNavigation(), page.locator('form#login button').click()]);
  }

  it('has no axe violation on the account page in any of the six languages; Arabic mirrors', async () => {
    const session = await openSession(browser);
    try {
      const { page } = session;
      await logIn(page);
      for (const language of LANGUAGES) {
        await page.goto(`${site.origin}/${language}/account`);
        await expect(page.locator('#choose-language input[name=language]').count()).resolves.toBe(6);
        await expectNoAxeViolations(page, `/${language}/account`);
      }
      await page.goto(`${site.origin}/ar/account`);
      await expect(
        page.locator('#choose-language').evaluate((form) => {
          const { getComputedStyle } = globalThis as any;
          return getComputedStyle(form).direction as string;
        }),
      ).resolves.toBe('rtl');
      await expect(page.locator('label[for=language-3]').getAttribute('lang')).resolves.toBe('en');
      expect(session.cspViolations).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('chooses a language with the keyboard alone, and without JavaScript', async () => {
    const session = await openSession(browser);
    try {
      const { page } = session;
      await logIn(page);
      await page.goto(`${site.origin}/en/account`);
      // Tab reaches the checked choice (English), the arrow moves to French, Tab to the button, Enter.
      await tabTo(page, '#language-3');
      await page.keyboard.press('ArrowDown');
      await expect(page.locator('#language-4').isChecked()).resolves.toBe(true);
      await tabTo(page, '#choose-language button');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).pathname).toBe('/fr/account');
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
      await expect(page.locator('#main').innerText()).resolves.toContain('Votre langue a été enregistrée.');
    } finally {
      await session.close();
    }

    const noScript = await openSession(browser, { javaScriptEnabled: false });
    try {
      const { page } = noScript;
      await logIn(page);
      await page.goto(`${site.origin}/fr/account`);
      await page.locator('label[for=language-6]').click();
      await Promise.all([page.waitForNavigation(), page.locator('#choose-language button').click()]);
      expect(new URL(page.url()).pathname).toBe('/es/account');
      await expect(page.locator('#main').innerText()).resolves.toContain('Se ha guardado su idioma.');
      await expect(page.locator('#language-6').isChecked()).resolves.toBe(true);
    } finally {
      await noScript.close();
    }
  });
});
