import { Browser, Page } from 'playwright-core';
import { Session, expectNoAxeViolations, launchBrowser, openSession } from './support/browser';
import { LANGUAGES } from './support/site';
import {
  WORKSPACE_USERS,
  WorkspaceSite,
  draftLetterByKeyboard,
  editLetter,
  logIn,
  sendLetterByKeyboard,
  startWorkspaceSite,
} from './support/workspace';

const clickAndLoad = async (page: Page, selector: string): Promise<number> => {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response?.status() ?? 0;
};

/**
 * The workspace's letter pages in Chromium: two assistants editing the same draft (the one who saves
 * second keeps their text), drafting and sending with the keyboard alone and without JavaScript, and
 * axe on every page in the six languages, error states included.
 */
describe('workspace letters in a browser', () => {
  let site: WorkspaceSite;
  let browser: Browser;
  let assistant: Session;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startWorkspaceSite(), launchBrowser()]);
    assistant = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    await logIn(assistant.page, site.origin, WORKSPACE_USERS.assistant);
  });
  afterAll(async () => {
    await assistant?.close();
    await browser?.close();
    await site?.close();
  });

  it('keeps the text of the one who saves second, beside the other version', async () => {
    const id = await site.draft({ body: 'The text both assistants start from.' });
    const colleague = await openSession(browser);
    try {
      await logIn(colleague.page, site.origin, WORKSPACE_USERS.colleague);
      const mine = assistant.page;
      await mine.goto(`${site.origin}/en/workspace/letters/${id}/edit`);
      const theirs = await editLetter(colleague.page, site.origin, id, {
        body: 'The text both assistants start from, and the colleague’s sentence.',
      });
      expect(theirs.searchParams.get('saved')).toBe('1');

      const myText = 'My own rewording, typed while the colleague saved.';
      await mine.fill('#body', myText);
      expect(await clickAndLoad(mine, '#save-letter')).toBe(409);
      await expect(mine.inputValue('#body')).resolves.toBe(myText);
      await expect(mine.locator('#their-version').textContent()).resolves.toContain('the colleague’s sentence');
      await expect(mine.locator('#conflict ins').first().textContent()).resolves.toContain('colleague’s sentence');
      await expect(mine.locator('div.error-summary a[href="#body"]').count()).resolves.toBe(1);

      // Saving again is the person's decision, based on the version now shown.
      expect(await clickAndLoad(mine, '#save-letter')).toBe(200);
      const letter = await site.sut.get(`/communications/${id}`, { token: site.tokens.assistant });
      expect(letter.body.body).toBe(myText);
      expect(colleague.cspViolations).toEqual([]);
      expect(assistant.cspViolations).toEqual([]);
    } finally {
      await colleague.close();
    }
  });

  it('drafts and sends with the keyboard alone, without JavaScript', async () => {
    const session = await openSession(browser, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    try {
      const { page } = session;
      await logIn(page, site.origin, WORKSPACE_USERS.assistant);
      const id = await draftLetterByKeyboard(page, site.origin, {
        recipient: 'IRN',
        subject: 'Arrest of a blogger',
        body: 'We have received information concerning the arrest of a blogger.',
        victim: 'Sara Sample',
        perpetrator: 'Police of Tehran',
      });
      await expect(page.locator('.banner--success').textContent()).resolves.toContain('The draft is saved.');
      const draft = await site.sut.get(`/communications/${id}`, { token: site.tokens.assistant });
      expect(draft.body).toMatchObject({ subject: 'Arrest of a blogger', recipient: { code: 'IRN' } });
      expect(draft.body.victims.map((victim: { name: string }) => victim.name)).toEqual(['Sara Sample']);

      await site.approve(id, site.tokens.holder);
      await page.goto(`${site.origin}/en/workspace/letters/${id}`);
      const references = await sendLetterByKeyboard(page);
      expect(references).toEqual([expect.stringMatching(/^AL IRN \d+\/2026$/)]);
      await expect(page.locator('h1').textContent()).resolves.toContain(references[0]);
      await expect(page.locator('#letter-pdf').getAttribute('href')).resolves.toBe(
        `/en/workspace/letters/${id}/letter.pdf`,
      );
      expect(session.cspViolations).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('has no axe violations on any letters page in any language, error states included', async () => {
    const draft = await site.draft({ subject: 'A draft for every page' });
    await site.edit(draft, { body: 'A second version of the draft for the comparison.' });
    const ready = await site.draft({ subject: 'A draft approved and ready to send' });
    await site.approve(ready, site.tokens.holder);
    const sent = await site.draft({ type: 'AL', subject: 'A sent letter' });
    await site.send(sent);
    const page = assistant.page;
    const base = (lang: string) => `${site.origin}/${lang}/workspace/letters`;

    for (const lang of LANGUAGES) {
      const axe = (what: string) => expectNoAxeViolations(page, `${what} (${lang})`);
      await page.goto(base(lang));
      await axe('the list');
      expect((await page.goto(`${base(lang)}?year=20x`))?.status()).toBe(422);
      await axe('the list with a bad filter');

      await page.goto(`${base(lang)}/new`);
      expect(await clickAndLoad(page, '#save-letter')).toBe(422);
      await axe('the new letter with errors');

      await page.goto(`${base(lang)}/${draft}/edit`);
      await site.edit(draft, { body: `Someone else’s text (${lang}).` });
      await page.fill('#body', `My text (${lang}).`);
      expect(await clickAndLoad(page, '#save-letter')).toBe(409);
      await axe('the editor after a conflict');

      await page.goto(`${base(lang)}/${draft}/versions?from=1&to=2`);
      await axe('the versions');

      await page.goto(`${base(lang)}/${draft}/approvals`);
      expect(await clickAndLoad(page, '#invite-submit')).toBe(422);
      await axe('the approvals with an empty invitation');

      await page.goto(`${base(lang)}/${ready}/send`);
      await axe('the send confirmation');

      await page.goto(`${base(lang)}/${draft}/abandon`);
      expect(await clickAndLoad(page, '#abandon-submit')).toBe(422);
      await axe('abandon with no reason');

      await page.goto(`${base(lang)}/${sent}/extension`);
      expect(await clickAndLoad(page, '#extension-submit')).toBe(422);
      await axe('the extension with no date');

      await page.goto(`${base(lang)}/${sent}/reply`);
      expect(await clickAndLoad(page, '#reply-submit')).toBe(422);
      await axe('the reply with no text');

      await page.goto(`${base(lang)}/${sent}/timeline`);
      await axe('the timeline');

      await page.goto(`${base(lang)}/${sent}`);
      await axe('the sent letter');
    }
    // Arabic mirrors from dir="rtl" alone: the computed style says so, not only the attribute.
    await page.goto(`${base('ar')}/${draft}/edit`);
    const direction = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as any;
      return getComputedStyle(document.querySelector('#letter-editor')).direction as string;
    });
    expect(direction).toBe('rtl');
    expect(assistant.cspViolations).toEqual([]);
    expect(assistant.pageErrors).toEqual([]);
  }, 600_000);
});
