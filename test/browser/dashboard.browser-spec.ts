import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { Role } from '@spcomms/access';
import { loadStatistics2017 } from '../support/statistics-2017';
import { TEST_PASSWORD, TestApp, createTestApp } from '../support/test-app';
import { Session, expectNoAxeViolations, focused, launchBrowser, openSession, tabTo } from './support/browser';
import { LANGUAGES } from './support/site';

const PERIOD_2017 = 'cutoff=2018-01-31&from=2017-01-01&to=2017-12-31';

const activeIs = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => element === (globalThis as any).document.activeElement);

async function pressAndLoad(page: Page, key: string): Promise<URL> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
  return new URL(page.url());
}

/** Types into the focused field after checking which one it is. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  expect(await activeIs(page, selector)).toBe(true);
  expect((await focused(page))?.indicator).toBeTruthy();
  await page.keyboard.type(text);
}

/**
 * The Coordination Committee's dashboard in Chromium, over the 2017 data set of rule S (365 of 534
 * letters replied as of 31 January 2018): the keyboard-only flow with and without JavaScript, axe on
 * every dashboard page in the six languages, and the Arabic pages mirrored.
 */
describe('the Committee dashboard in the browser', () => {
  let sut: TestApp;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    sut = await createTestApp({ env: { TOKEN_TTL_HOURS: '1000000', LOGIN_RATE_LIMIT: '1000' } });
    await loadStatistics2017(sut.dataSource());
    await sut.createUser({ username: 'committee', role: Role.Committee });
    await sut.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  describe.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('keyboard only, %s', (_label, javaScriptEnabled) => {
    let session: Session;
    let page: Page;

    beforeAll(async () => {
      session = await openSession(browser, { javaScriptEnabled, viewport: { width: 1280, height: 900 } });
      page = session.page;
    });
    afterAll(() => session?.close());

    it('logs in and lands on the dashboard', async () => {
      await page.goto(`${origin}/en/login`);
      await tabTo(page, 'form#login [name=username]');
      await page.keyboard.type('committee');
      await page.keyboard.press('Tab');
      await typeInto(page, 'form#login [name=password]', TEST_PASSWORD);
      const url = await pressAndLoad(page, 'Enter');
      expect(url.pathname).toBe('/en/dashboard');
    });

    it('sets a cut-off and a period, and reads the 2017 figures: 365 of 534 replied, 68%', async () => {
      await tabTo(page, '#cutoff-day', 80);
      for (const [field, text] of [
        ['#cutoff-day', '31'],
        ['#cutoff-month', '1'],
        ['#cutoff-year', '2018'],
        ['#from-day', '1'],
        ['#from-month', '1'],
        ['#from-year', '2017'],
        ['#to-day', '31'],
        ['#to-month', '12'],
        ['#to-year', '2017'],
      ] as const) {
        if (field !== '#cutoff-day') {
          await page.keyboard.press('Tab');
        }
        await typeInto(page, field, text);
      }
      const url = await pressAndLoad(page, 'Enter');
      expect(url.pathname).toBe('/en/dashboard');
      expect(url.searchParams.get('cutoff-year')).toBe('2018');
      await expect(page.locator('#figure-letters-sent .dashboard-figures__value').textContent()).resolves.toBe('534');
      await expect(page.locator('#figure-letters-replied .dashboard-figures__value').textContent()).resolves.toBe(
        '365 of 534 (68%)',
      );
    });

    it('opens the letters behind a figure and downloads their CSV', async () => {
      await tabTo(page, '#figure-letters-replied a:not([download])', 150);
      const url = await pressAndLoad(page, 'Enter');
      expect(url.pathname).toBe('/en/dashboard/letters');
      expect(url.searchParams.get('figure')).toBe('letters-replied');
      await expect(page.locator('#rows-count').textContent()).resolves.toBe('365 rows');
      await expect(page.locator('#rows tbody tr').count()).resolves.toBe(50);

      await tabTo(page, '#rows-csv', 80);
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(download.suggestedFilename()).toBe('letters-replied_2017-01-01_2017-12-31_cutoff-2018-01-31.csv');
      const lines = readFileSync((await download.path())!, 'utf8')
        .trim()
        .split('\r\n');
      expect(lines).toHaveLength(366);
      expect(lines[0]).toMatch(/^reference,type,sent_on,/);
      expect(session.cspViolations).toEqual([]);
      expect(session.pageErrors).toEqual([]);
    });
  });

  describe('in six languages', () => {
    let session: Session;

    beforeAll(async () => {
      session = await openSession(browser);
      await session.page.goto(`${origin}/en/login`);
      await session.page.locator('form#login [name=username]').fill('committee');
      await session.page.locator('form#login [name=password]').fill(TEST_PASSWORD);
      await Promise.all([session.page.waitForNavigation(), session.page.locator('form#login button').click()]);
    });
    afterAll(() => session?.close());

    const PAGES = [
      ['dashboard', `/dashboard?${PERIOD_2017}`],
      ['letters behind a figure', `/dashboard/letters?figure=letters-replied&${PERIOD_2017}`],
      ['visits behind a figure', `/dashboard/visits?figure=standing-invitations&${PERIOD_2017}`],
      ['comparison', '/dashboard/compare?first=2016&second=2017&cutoff=2018-01-31'],
      ['dashboard with an error', '/dashboard?cutoff-day=31&cutoff-month=2&cutoff-year=2018'],
    ] as const;

    it.each(LANGUAGES.flatMap((lang) => PAGES.map(([label, path]) => [label, lang, path] as const)))(
      'has no axe violation: %s in %s',
      async (label, lang, path) => {
        const answer = await session.page.goto(`${origin}/${lang}${path}`);
        expect([200, 422]).toContain(answer?.status());
        await expectNoAxeViolations(session.page, `${label} (${lang})`);
        expect(session.cspViolations).toEqual([]);
      },
      180_000,
    );

    it('mirrors the Arabic dashboard: right to left on computed style, tables start at the right', async () => {
      await session.page.goto(`${origin}/ar/dashboard?${PERIOD_2017}`);
      const styles = await session.page.evaluate(() => {
        const { document, getComputedStyle } = globalThis as any;
        return {
          html: getComputedStyle(document.documentElement).direction,
          main: getComputedStyle(document.querySelector('main')).direction,
          table: getComputedStyle(document.querySelector('#states')).direction,
          form: getComputedStyle(document.querySelector('#dashboard-period')).direction,
        };
      });
      expect(styles).toEqual({ html: 'rtl', main: 'rtl', table: 'rtl', form: 'rtl' });
      // The first header of the States table sits at the right of the table in Arabic.
      const [table, header] = await Promise.all([
        session.page.locator('#states').boundingBox(),
        session.page.locator('#states thead th').first().boundingBox(),
      ]);
      expect(header!.x + header!.width).toBeGreaterThan(table!.x + table!.width - 2);
    });
  });
});
