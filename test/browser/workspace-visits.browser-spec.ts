import { Browser } from 'playwright-core';
import { Session, expectNoAxeViolations, launchBrowser, openSession } from './support/browser';
import { LANGUAGES } from './support/site';
import { WORKSPACE_USERS, WorkspaceSite, logIn, startWorkspaceSite } from './support/workspace';

/**
 * The workspace's visit pages in Chromium: the list of the mandates' visit requests and one request,
 * each checked by axe once per language (an answer recorded, so that every part of the page shows).
 */
describe('workspace visit pages in a browser', () => {
  let site: WorkspaceSite;
  let browser: Browser;
  let assistant: Session;
  let visitId: string;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startWorkspaceSite(), launchBrowser()]);
    const token = site.tokens.assistant;
    const created = await site.sut.post(
      '/visits',
      { mandateCode: 'EXPRESSION', stateCode: 'CHE', purpose: 'To assess the freedom of the press' },
      { token },
    );
    if (created.status !== 201) {
      throw new Error(`visit request: ${created.status}`);
    }
    visitId = created.body.id as string;
    const answered = await site.sut.post(
      `/visits/${visitId}/answers`,
      { answer: 'accept', channel: 'note_verbale', receivedOn: '2026-03-02', note: 'Accepted by note verbale' },
      { token },
    );
    if (answered.status !== 200) {
      throw new Error(`recorded answer: ${answered.status}`);
    }
    assistant = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    await logIn(assistant.page, site.origin, WORKSPACE_USERS.assistant);
  }, 180_000);

  afterAll(async () => {
    await assistant?.close();
    await browser?.close();
    await site?.close();
  });

  it.each(LANGUAGES)('passes axe on the list and on one request, in %s', async (lang) => {
    const page = assistant.page;
    const list = await page.goto(`${site.origin}/${lang}/workspace/visits`);
    expect(list?.status()).toBe(200);
    await expect(page.locator(`#visits a[href="/${lang}/workspace/visits/${visitId}"]`).count()).resolves.toBe(1);
    await expectNoAxeViolations(page, `the visit requests (${lang})`);

    const detail = await page.goto(`${site.origin}/${lang}/workspace/visits/${visitId}`);
    expect(detail?.status()).toBe(200);
    await expect(page.locator('#answers .timeline > li').count()).resolves.toBe(1);
    await expect(page.locator('#history .timeline > li').count()).resolves.toBe(2);
    const direction = await page.locator('#main').evaluate((element) => {
      const { getComputedStyle } = globalThis as any;
      return getComputedStyle(element).direction as string;
    });
    expect(direction).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    await expectNoAxeViolations(page, `a visit request (${lang})`);
    expect(assistant.cspViolations).toEqual([]);
    expect(assistant.pageErrors).toEqual([]);
  });
});
