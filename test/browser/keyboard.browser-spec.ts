import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { flat, readPdf } from '../../libs/documents/test/pdf-text';
import { Session, focused, launchBrowser, openSession, tabTo } from './support/browser';
import { fillIntakeByKeyboard } from './support/intake';
import { ANNEX, ANNEX_FILE, BrowserSite, startSite } from './support/site';

const activeIs = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => element === (globalThis as any).document.activeElement);

/** Presses a key that submits a form or follows a link, and answers the page's new address. */
async function pressAndLoad(page: Page, key: string): Promise<URL> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
  return new URL(page.url());
}

/**
 * The public flows with the keyboard alone (Tab, Shift+Tab, Enter, Space and typing): search, filter,
 * open a letter, download an attachment, send the intake form with an error and then correctly. Each
 * element focused on the way shows a visible focus indicator, and focus moves forward in document
 * order. The same flows run with JavaScript switched off: no script is needed.
 */
describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
])('keyboard only, %s', (_label, javaScriptEnabled) => {
  let site: BrowserSite;
  let browser: Browser;
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startSite(), launchBrowser()]);
    session = await openSession(browser, { javaScriptEnabled, viewport: { width: 1280, height: 900 } });
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await site?.close();
  });

  it('skips to the main content, then searches with the words typed', async () => {
    await page.goto(`${site.origin}/en/`);
    await page.keyboard.press('Tab');
    expect(await activeIs(page, 'a.skip-link')).toBe(true);
    expect((await focused(page))?.indicator).toBeTruthy();
    await page.keyboard.press('Enter');
    expect(await activeIs(page, 'main#main')).toBe(true);

    await tabTo(page, 'form#search input[name=q]');
    await page.keyboard.type('journalists');
    const url = await pressAndLoad(page, 'Enter');

    expect(url.pathname).toBe('/en/communications');
    expect(url.searchParams.get('q')).toBe('journalists');
    await expect(page.locator('ol#results > li').count()).resolves.toBeGreaterThanOrEqual(2);
  });

  it('filters the results with a checkbox and the apply button', async () => {
    await page.goto(`${site.origin}/en/communications?q=journalists`);
    const before = await page.locator('ol#results > li').count();
    // The first filter value offered: a checkbox in a group that opens with its summary.
    const box = page.locator('form#search details.filter input[type=checkbox]').first();
    const name = await box.getAttribute('name');
    const value = await box.getAttribute('value');
    const id = await box.getAttribute('id');
    const group = box.locator('xpath=ancestor::details[1]');
    if (!(await group.evaluate((details: any) => details.open as boolean))) {
      await tabTo(page, `details.filter:has(#${id}) > summary`);
      await page.keyboard.press('Enter');
    }
    await expect(group.evaluate((details: any) => details.open as boolean)).resolves.toBe(true);
    await tabTo(page, `#${id}`);
    await page.keyboard.press('Space');
    expect(await box.isChecked()).toBe(true);
    // Then on to the button that applies the filters.
    await tabTo(page, 'form#search .search-page__filters > button[type=submit]', 200);
    const url = await pressAndLoad(page, 'Enter');

    expect(url.searchParams.getAll(name!)).toContain(value);
    expect(url.searchParams.get('q')).toBe('journalists');
    const after = await page.locator('ol#results > li').count();
    expect(after).toBeGreaterThanOrEqual(1);
    expect(after).toBeLessThanOrEqual(before);
  });

  it('opens a letter from the results, downloads its PDF and the annex of its reply', async () => {
    await page.goto(`${site.origin}/en/communications?q=${encodeURIComponent('"freedom of expression"')}`);
    await tabTo(page, `ol#results a[href$="/communications/${site.letters.joint.slug}"]`);
    const url = await pressAndLoad(page, 'Enter');
    expect(url.pathname).toBe(`/en/communications/${site.letters.joint.slug}`);
    await expect(page.locator('main h1').innerText()).resolves.toContain(site.letters.joint.reference);

    await tabTo(page, `main a[href$="/communications/${site.letters.joint.slug}.pdf"]`);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(pdf.suggestedFilename()).toBe(`${site.letters.joint.slug}.pdf`);
    const text = flat((await readPdf(readFileSync((await pdf.path())!))).text);
    expect(text).toContain(`Reference: ${site.letters.joint.reference}`);

    await tabTo(page, 'main a[href*="/attachments/"]', 120);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe(ANNEX_FILE);
    expect(readFileSync((await download.path())!)).toEqual(ANNEX);
  });

  it('sends the intake form: an error first, focus on the summary and its link, then correctly', async () => {
    await page.goto(`${site.origin}/en/submit`);
    // Sent empty with the keyboard: the page comes back with the error summary, which takes focus.
    await tabTo(page, 'main form button.button[type=submit][value=send]', 300);
    await pressAndLoad(page, 'Enter');
    await expect(page.locator('.error-summary[role=alert]').count()).resolves.toBe(1);
    expect(await activeIs(page, '.error-summary')).toBe(true);
    // The summary's first link takes focus to its field.
    const link = page.locator('.error-summary a[href^="#"]').first();
    const target = (await link.getAttribute('href'))!;
    await tabTo(page, '.error-summary a[href^="#"]');
    await page.keyboard.press('Enter');
    expect(await activeIs(page, target)).toBe(true);

    await fillIntakeByKeyboard(page);
    await tabTo(page, 'main form button.button[type=submit][value=send]', 300);
    const url = await pressAndLoad(page, 'Enter');
    expect(url.pathname).toBe('/en/submit/done');
    const receipt = url.searchParams.get('receipt');
    expect(receipt).toBeTruthy();
    await expect(page.locator('main').innerText()).resolves.toContain(receipt!);
  });

  it('met no Content-Security-Policy violation on the way', () => {
    expect(session.cspViolations).toEqual([]);
  });
});
