import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { Role } from '@spcomms/access';
import { MailLanguage, renderMail } from '@spcomms/notifications';
import { TestClock } from '@spcomms/testing';
import { draftBody } from '../support/letters';
import { tinyPdf } from '../support/multipart';
import { TEST_PASSWORD, TestApp, createTestApp } from '../support/test-app';
import { Session, expectNoAxeViolations, launchBrowser, openSession, tabTo } from './support/browser';
import { LANGUAGES, slugOf } from './support/site';

/** The API and the site on a free port, with a letter sent to Iran and a visit request awaiting its answer. */
interface PortalSite {
  sut: TestApp;
  origin: string;
  government: { id: string; username: string };
  letter: { id: string; reference: string };
  visitId: string;
  close(): Promise<void>;
}

async function startPortalSite(): Promise<PortalSite> {
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const sut = await createTestApp({ clock, env: { LOGIN_RATE_LIMIT: '1000', LOGIN_ADDRESS_RATE_LIMIT: '1000' } });
  try {
    const assistant = (await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION'] }))
      .token;
    const torture = (
      await sut.createUser({ username: 'assistant.torture', role: Role.Assistant, mandates: ['TORTURE'] })
    ).token;
    const holder = (await sut.createUser({ username: 'sr', role: Role.MandateHolder, mandates: ['EXPRESSION'] })).token;
    const government = await sut.createUser({ username: 'gov.irn', role: Role.Government, stateCode: 'IRN' });
    const draft = await sut.post('/communications', draftBody(), { token: assistant });
    await sut.post(
      `/communications/${draft.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: holder },
    );
    const sent = await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: assistant });
    if (sent.status !== 200) {
      throw new Error(`portal site: transmit answered ${sent.status}`);
    }
    const visit = await sut.post(
      '/visits',
      { mandateCode: 'TORTURE', stateCode: 'IRN', purpose: 'To assess places of detention' },
      { token: torture },
    );
    const proposed = await sut.post(
      `/visits/${visit.body.id}/status`,
      { status: 'dates_proposed', period: { from: '2026-10-05', to: '2026-10-16' } },
      { token: torture },
    );
    if (proposed.status !== 200) {
      throw new Error(`portal site: dates proposed answered ${proposed.status}`);
    }
    await sut.app.listen(0, '127.0.0.1');
    const { port } = sut.app.getHttpServer().address() as AddressInfo;
    return {
      sut,
      origin: `http://127.0.0.1:${port}`,
      government: { id: government.id, username: 'gov.irn' },
      letter: { id: sent.body.letters[0].id, reference: sent.body.letters[0].reference },
      visitId: visit.body.id,
      close: () => sut.close(),
    };
  } catch (error) {
    await sut.close();
    throw error;
  }
}

/** The address in the "new communication" e-mail to the focal point, as a path of the site. */
async function mailedLink(site: PortalSite): Promise<string> {
  const rows = (await site.sut
    .dataSource()
    .query(`SELECT template, language, params FROM outbox_message WHERE recipient_user_id = $1 AND subject_id = $2`, [
      site.government.id,
      site.letter.id,
    ])) as Array<{ template: string; language: MailLanguage; params: Record<string, string> }>;
  expect(rows).toHaveLength(1);
  const { body } = renderMail(rows[0]!.template, rows[0]!.language, rows[0]!.params);
  const url = new URL(body.match(/https?:\/\/[^\s<>"]+/)![0]);
  return `${url.pathname}${url.search}`;
}

async function pressAndLoad(page: Page, key: string): Promise<URL> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
  return new URL(page.url());
}

/**
 * Issue #16, "Done when": a focal point, with the keyboard alone, opens the link of its e-mail, logs
 * in, reads the letter, replies with two attachments and a confidentiality request, sees the receipt,
 * and accepts the dates a mandate proposed for a visit; the same without JavaScript. Then every portal
 * page in the six languages: axe finds nothing, and the Arabic pages run right to left.
 */
describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
])('the Government portal, keyboard only, %s', (_label, javaScriptEnabled) => {
  let site: PortalSite;
  let browser: Browser;
  let session: Session;
  let page: Page;
  let receiptPath = '';

  beforeAll(async () => {
    [site, browser] = await Promise.all([startPortalSite(), launchBrowser()]);
    session = await openSession(browser, { javaScriptEnabled, viewport: { width: 1280, height: 900 } });
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await site?.close();
  });

  it('opens the e-mailed link, logs in and reads the letter', async () => {
    const link = await mailedLink(site);
    expect(link).toBe(`/en/portal/letters/${slugOf(site.letter.reference)}`);
    await page.goto(`${site.origin}${link}`);
    expect(new URL(page.url()).pathname).toBe('/en/login');
    await tabTo(page, 'form#login input[name=username]');
    await page.keyboard.type(site.government.username);
    await tabTo(page, 'form#login input[name=password]');
    await page.keyboard.type(TEST_PASSWORD);
    const url = await pressAndLoad(page, 'Enter');
    expect(url.pathname).toBe(link);
    await expect(page.locator('main h1').innerText()).resolves.toContain(site.letter.reference);
    await expect(page.locator('#letter-text').innerText()).resolves.toContain('death sentence');
    await expect(page.locator('#deadline-computed').innerText()).resolves.toContain('60 days');
  });

  it('replies with two attachments and a confidentiality request, and sees the receipt', async () => {
    await tabTo(page, '#reply-link', 80);
    const form = await pressAndLoad(page, 'Enter');
    expect(form.pathname).toMatch(/\/reply$/);
    await tabTo(page, '#text', 80);
    await page.keyboard.type('The Government of the Islamic Republic of Iran rejects the allegations.');
    await tabTo(page, '#language');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#language').inputValue()).toBe('fr');
    await tabTo(page, '#confidential');
    await page.keyboard.press('Space');
    expect(await page.locator('#confidential').isChecked()).toBe(true);
    await tabTo(page, '#attachments');
    // The file dialog is the system's, not the page's: the files are given to the input focused by the keyboard.
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.id)).toBe('attachments');
    await page.locator('#attachments').setInputFiles([
      { name: 'note-verbale.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Note verbale') },
      { name: 'annex.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Annex') },
    ]);
    // The script lists the chosen files with their sizes; without it the browser's own input shows them.
    const chosen = (await page.locator('#chosen-files li').allInnerTexts()).map((text) => text.split(' (')[0]);
    expect(chosen).toEqual(javaScriptEnabled ? ['note-verbale.pdf', 'annex.pdf'] : []);
    await tabTo(page, '#send-reply');
    await Promise.all([page.waitForURL(/\/replies\/R-[0-9A-Z]+$/), page.keyboard.press('Enter')]);
    receiptPath = new URL(page.url()).pathname;
    const [reply] = (await site.sut
      .dataSource()
      .query('SELECT receipt_code, confidential, language FROM reply WHERE communication_id = $1', [
        site.letter.id,
      ])) as Array<{ receipt_code: string; confidential: boolean; language: string }>;
    expect(reply).toEqual({ receipt_code: receiptPath.split('/').at(-1), confidential: true, language: 'fr' });
    await expect(page.locator('#receipt-code').innerText()).resolves.toBe(reply!.receipt_code);
    await expect(page.locator('main').innerText()).resolves.toContain('annex.pdf');
  });

  it('accepts the dates the mandate proposed for a visit', async () => {
    await page.goto(`${site.origin}/en/portal/visits`);
    await tabTo(page, `#visits a[href="/en/portal/visits/${site.visitId}"]`, 80);
    await pressAndLoad(page, 'Enter');
    await tabTo(page, '#answer', 80);
    await page.keyboard.press('Space');
    for (let i = 0; i < 5 && !(await page.locator('input[name=answer][value=accept]').isChecked()); i++) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.locator('input[name=answer][value=accept]').isChecked()).toBe(true);
    await tabTo(page, '#send-answer', 80);
    await pressAndLoad(page, 'Enter');
    await expect(page.locator('#visit-status').innerText()).resolves.toBe('Scheduled');
    await expect(page.locator('main').innerText()).resolves.toContain('October 5, 2026 to October 16, 2026');
  });

  it('met no Content-Security-Policy violation and no script error on the way', () => {
    expect(session.cspViolations).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });

  if (javaScriptEnabled) {
    it('answers every portal page in the six languages with no axe violation, Arabic right to left', async () => {
      const slug = slugOf(site.letter.reference);
      const pages = [
        '/portal',
        `/portal/letters/${slug}`,
        `/portal/letters/${slug}/reply`,
        receiptPath.replace(/^\/en/, ''),
        '/portal/visits',
        `/portal/visits/${site.visitId}`,
        '/portal/focal-points',
      ];
      for (const language of LANGUAGES) {
        for (const path of pages) {
          const answer = await page.goto(`${site.origin}/${language}${path}`);
          expect({ path, language, status: answer?.status() }).toEqual({ path, language, status: 200 });
          await expectNoAxeViolations(page, `${path} (${language})`);
          const direction = await page
            .locator('main')
            .evaluate((main) => (globalThis as any).getComputedStyle(main).direction as string);
          expect({ path, direction }).toEqual({ path, direction: language === 'ar' ? 'rtl' : 'ltr' });
        }
      }
      expect(session.cspViolations).toEqual([]);
    }, 600_000);
  }
});
