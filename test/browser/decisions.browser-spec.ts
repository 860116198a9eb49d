import { Browser, Page } from 'playwright-core';
import { Session, expectNoAxeViolations, launchBrowser, openSession } from './support/browser';
import {
  STAFF,
  StaffSite,
  decideLetterByKeyboard,
  draftLetter,
  editLetter,
  logInAs,
  startStaffSite,
} from './support/decisions';
import { LANGUAGES, Language } from './support/site';

/** A state of a page: how to reach it from the logged-in page, and the status it answers with. */
interface PageState {
  name: string;
  status: number;
  open(page: Page, language: Language): Promise<number>;
}

const goto = (page: Page, url: string) => page.goto(url).then((response) => response?.status() ?? 0);
const submitWith = async (page: Page, button: string) => {
  const [response] = await Promise.all([page.waitForNavigation(), page.locator(button).first().click()]);
  return response?.status() ?? 0;
};

/**
 * Issue #15 in a real browser: the mandate-holder's decision pages and the administration pages pass
 * axe (WCAG 2.0–2.2 A and AA) in the six languages, error states included, with no CSP violation or
 * script error; a holder approves and declines with the keyboard alone, with and without JavaScript;
 * Arabic lays the pages out right to left.
 */
describe('decisions and administration in the browser', () => {
  let site: StaffSite;
  let browser: Browser;
  let holder: Session;
  let admin: Session;
  let joint: string;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startStaffSite(), launchBrowser()]);
    joint = await draftLetter(site, { subject: 'Arrests of protesters', body: 'The first text of the letter.' }, {});
    await draftLetter(site, { subject: 'Killings of defenders', body: 'A joint letter.' }, { invite: true });
    // The lead holder approves version 1, then an edit asks again: the decision page shows the change.
    const holderToken = site.tokens[STAFF.leadHolder];
    await site.sut.post(
      `/communications/${joint}/decisions`,
      { version: 1, decision: 'approve' },
      { token: holderToken },
    );
    await editLetter(site, joint, { subject: 'Arrests of protesters', body: 'The second text of the letter.' });
    holder = await openSession(browser);
    admin = await openSession(browser);
    for (const [session, username, home] of [
      [holder, STAFF.leadHolder, '/en/workspace/decisions'],
      [admin, STAFF.admin, '/en/admin/users'],
    ] as const) {
      const landed = (await logInAs(session.page, site.origin, username)).pathname;
      if (landed !== home) {
        throw new Error(`${username} landed on ${landed}, not ${home}`);
      }
    }
  }, 240_000);
  afterAll(async () => {
    await holder?.close();
    await admin?.close();
    await browser?.close();
    await site?.close();
  });

  const HOLDER_PAGES: PageState[] = [
    { name: 'decisions', status: 200, open: (page, l) => goto(page, `${site.origin}/${l}/workspace/decisions`) },
    { name: 'decide', status: 200, open: (page, l) => goto(page, `${site.origin}/${l}/workspace/decisions/${joint}`) },
    {
      name: 'decide with an error',
      status: 422,
      open: async (page, l) => {
        await goto(page, `${site.origin}/${l}/workspace/decisions/${joint}`);
        return submitWith(page, 'form#decide button[type=submit]');
      },
    },
    { name: 'my mandates', status: 200, open: (page, l) => goto(page, `${site.origin}/${l}/workspace/mandates`) },
  ];
  const ADMIN_PAGES: PageState[] = [
    { name: 'users', status: 200, open: (page, l) => goto(page, `${site.origin}/${l}/admin/users`) },
    {
      name: 'new user with errors',
      status: 422,
      open: async (page, l) => {
        await goto(page, `${site.origin}/${l}/admin/users/new`);
        return submitWith(page, 'form#new-user button[type=submit]');
      },
    },
    { name: 'mandates', status: 200, open: (page, l) => goto(page, `${site.origin}/${l}/admin/mandates`) },
    {
      name: 'mandate with an error',
      status: 422,
      open: async (page, l) => {
        await goto(page, `${site.origin}/${l}/admin/mandates`);
        await Promise.all([page.waitForNavigation(), page.locator('#mandates tbody a').first().click()]);
        return submitWith(page, 'form#add-holder button[type=submit]');
      },
    },
    { name: 'states', status: 200, open: (page, l) => goto(page, `${site.origin}/${l}/admin/states`) },
    {
      name: 'state with an error',
      status: 422,
      open: async (page, l) => {
        await goto(page, `${site.origin}/${l}/admin/states/CHE`);
        return submitWith(page, 'form#invitation button[type=submit]');
      },
    },
    { name: 'queues', status: 200, open: (page, l) => goto(page, `${site.origin}/${l}/admin/queues`) },
  ];

  describe.each(LANGUAGES)('in %s', (language) => {
    it.each([
      ...HOLDER_PAGES.map((state) => ['holder', state.name, state] as const),
      ...ADMIN_PAGES.map((state) => ['admin', state.name, state] as const),
    ])(
      '%s: %s',
      async (who, _name, state) => {
        const session = who === 'holder' ? holder : admin;
        const [cspBefore, errorsBefore] = [session.cspViolations.length, session.pageErrors.length];
        const status = await state.open(session.page, language);
        expect({ page: state.name, status }).toEqual({ page: state.name, status: state.status });
        await expectNoAxeViolations(session.page, `${state.name} (${language})`);
        expect(await session.page.locator('html').getAttribute('lang')).toBe(language);
        // Arabic mirrors from dir="rtl" alone: checked on the computed style, not only the attribute.
        const direction = await session.page
          .locator('main#main')
          .evaluate((main) => (globalThis as any).getComputedStyle(main).direction as string);
        expect(direction).toBe(language === 'ar' ? 'rtl' : 'ltr');
        expect(session.cspViolations.slice(cspBefore)).toEqual([]);
        expect(session.pageErrors.slice(errorsBefore)).toEqual([]);
      },
      180_000,
    );
  });

  describe.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('keyboard only, %s', (_label, javaScriptEnabled) => {
    let session: Session;

    beforeAll(async () => {
      session = await openSession(browser, { javaScriptEnabled, viewport: { width: 1280, height: 900 } });
      await logInAs(session.page, site.origin, STAFF.invitedHolder);
    });
    afterAll(() => session?.close());

    it('approves a letter and declines another with a comment', async () => {
      const toApprove = await draftLetter(
        site,
        { subject: `Approve me ${javaScriptEnabled}`, body: 'A text to approve.' },
        { invite: true },
      );
      const toDecline = await draftLetter(
        site,
        { subject: `Decline me ${javaScriptEnabled}`, body: 'A text to decline.' },
        { invite: true },
      );
      const page = session.page;

      const approved = await decideLetterByKeyboard(page, site.origin, toApprove, 'approve', 'Agreed.');
      expect(`${approved.pathname}${approved.search}`).toBe('/en/workspace/decisions?done=approve');
      await expect(page.locator('.banner--success').textContent()).resolves.toContain('Your approval is recorded.');

      const declined = await decideLetterByKeyboard(page, site.origin, toDecline, 'decline', 'Name the court.');
      expect(`${declined.pathname}${declined.search}`).toBe('/en/workspace/decisions?done=decline');

      const token = site.tokens[STAFF.assistant];
      const decisions = async (id: string) =>
        ((await site.sut.get(`/communications/${id}`, { token })).body.approvals as Array<Record<string, unknown>>).map(
          (approval) => [approval.mandate, approval.version, approval.decision, approval.note],
        );
      expect(await decisions(toApprove)).toEqual([['DEFENDERS', 1, 'approve', 'Agreed.']]);
      expect(await decisions(toDecline)).toEqual([['DEFENDERS', 1, 'decline', 'Name the court.']]);
      expect(session.cspViolations).toEqual([]);
    });
  });
});
