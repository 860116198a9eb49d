import { Browser, Page } from 'playwright-core';
import { Role } from '@spcomms/access';
import { TEST_PASSWORD } from '../support/test-app';
import { Session, launchBrowser, openSession, tabTo } from './support/browser';
import { WORKSPACE_USERS, WorkspaceSite, pressAndLoad, startWorkspaceSite, typeInto } from './support/workspace';

const TORTURE_HOLDER = 'ws.torture';
const CRITERIA = [
  'not_manifestly_unfounded',
  'factual_description',
  'no_abusive_language',
  'reliable_source',
  'not_only_media_reports',
];
const VIEWPORT = { width: 1280, height: 900 };

/** The address a page shows, path and query. */
const where = (url: URL) => `${url.pathname}${url.search}`;

/** Logs in with the keyboard alone: types the name and the password, Tab to the button, Enter. */
async function logInByKeyboard(page: Page, origin: string, username: string): Promise<URL> {
  await page.goto(`${origin}/en/login`);
  await typeInto(page, '#username', username);
  await typeInto(page, '#password', TEST_PASSWORD);
  await tabTo(page, 'form#login button[type=submit]');
  return pressAndLoad(page, 'Enter');
}

/** Tab to a link or button and press Enter; answers the address of the page it loads. */
async function follow(page: Page, selector: string, limit = 120): Promise<URL> {
  await tabTo(page, selector, limit);
  return pressAndLoad(page, 'Enter');
}

/** Replaces the whole text of a field: Tab to it, select everything in it, type. */
async function retype(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector, 120);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** The cells of a table's body, row by row, trimmed. */
function rowsOf(page: Page, table: string): Promise<string[][]> {
  return page
    .locator(`${table} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from((row as any).querySelectorAll('th, td') as ArrayLike<any>).map((cell) =>
          String(cell.textContent).replace(/\s+/g, ' ').trim(),
        ),
      ),
    );
}

/**
 * Issue #15, the joint letter from the first screening to its sending, in Chromium and with the
 * keyboard alone (Tab, Space, the arrow keys, typing, Enter; every element on the way shows its
 * focus): an assistant screens a submission and starts a letter from it, invites two mandates to
 * co-sign, the holders of the three mandates approve in their own sessions, the assistant's edit asks
 * them again, they approve the new version having seen what changed, and the assistant sends. Once
 * with JavaScript and once without.
 */
describe('the joint letter, from a submission to its sending, by keyboard', () => {
  let site: WorkspaceSite;
  let browser: Browser;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startWorkspaceSite(), launchBrowser()]);
    await site.sut.createUser({ username: TORTURE_HOLDER, role: Role.MandateHolder, mandates: ['TORTURE'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function submission(): Promise<{ id: string; receiptCode: string }> {
    const created = await site.sut.post(
      '/submissions',
      {
        channel: 'email',
        stateCode: 'IRN',
        mandates: ['EXPRESSION'],
        victims: [{ kind: 'person', name: 'Maryam Example', gender: 'female', ageGroup: 'adult' }],
        perpetrators: [{ kind: 'state', description: 'Officers of the Ministry of Intelligence' }],
        source: { name: 'Ivan Informant', email: 'ivan@viasna.example.org', relation: 'witness' },
        occurredFrom: '2026-01-10',
        place: 'Evin prison, Tehran',
        description: 'A journalist was arrested at her home and taken to an unknown place of detention.',
        confidentialFields: [],
      },
      { token: site.tokens.assistant },
    );
    if (created.status !== 201) {
      throw new Error(`submission: ${created.status} ${JSON.stringify(created.body)}`);
    }
    return created.body as { id: string; receiptCode: string };
  }

  describe.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('%s', (label, javaScriptEnabled) => {
    const sessions: Session[] = [];
    let assistant: Session;
    let holders: Array<{ name: string; session: Session }>;

    beforeAll(async () => {
      const open = async (username: string) => {
        const session = await openSession(browser, { javaScriptEnabled, viewport: VIEWPORT });
        sessions.push(session);
        const home = await logInByKeyboard(session.page, site.origin, username);
        return { session, home: home.pathname };
      };
      const logged = await Promise.all(
        [WORKSPACE_USERS.assistant, WORKSPACE_USERS.holder, WORKSPACE_USERS.defenders, TORTURE_HOLDER].map(open),
      );
      for (const person of logged.slice(1)) {
        if (person.home !== '/en/workspace/decisions') {
          throw new Error(`a holder landed on ${person.home}, not on their decisions`);
        }
      }
      assistant = logged[0]!.session;
      holders = [
        { name: 'EXPRESSION', session: logged[1]!.session },
        { name: 'DEFENDERS', session: logged[2]!.session },
        { name: 'TORTURE', session: logged[3]!.session },
      ];
    }, 120_000);
    afterAll(async () => {
      await Promise.all(sessions.map((session) => session.close()));
    });

    /** A holder goes from their queue to the letter and approves its current version. */
    async function approve(page: Page, id: string, changed: string | null): Promise<void> {
      await page.goto(`${site.origin}/en/workspace/decisions`);
      const opened = await follow(page, `#decisions a[href="/en/workspace/decisions/${id}"]`);
      expect(opened.pathname).toBe(`/en/workspace/decisions/${id}`);
      if (changed === null) {
        await expect(page.locator('#no-changes').count()).resolves.toBe(1);
      } else {
        // What changed since the version they approved: the new words marked as inserted.
        const inserted = (await page.locator('#changes ins').allTextContents()).join(' ');
        expect(inserted).toContain(changed);
      }
      await tabTo(page, 'form#decide input#decision', 120);
      await page.keyboard.press('Space');
      await expect(page.locator('form#decide input#decision').isChecked()).resolves.toBe(true);
      const done = await follow(page, 'form#decide button[type=submit]');
      expect(where(done)).toBe('/en/workspace/decisions?done=approve');
      await expect(page.locator('.banner--success').textContent()).resolves.toContain('Your approval is recorded.');
    }

    it('screens, drafts, gathers approvals twice and sends', async () => {
      const { id: submissionId, receiptCode } = await submission();
      const page = assistant.page;
      const subject = `Arrest of a journalist (${label})`;

      // 1. The submission, from the inbox: screened against the five criteria, then a letter from it.
      await page.goto(`${site.origin}/en/workspace/submissions`);
      const opened = await follow(page, `#submissions a[href="/en/workspace/submissions/${submissionId}"]`);
      expect(opened.pathname).toBe(`/en/workspace/submissions/${submissionId}`);
      await expect(page.locator('h1').textContent()).resolves.toContain(receiptCode);
      for (const criterion of CRITERIA) {
        await tabTo(page, `#criterion-${criterion}`, 120);
        await page.keyboard.press('Space');
      }
      const screened = await follow(page, 'form#screening button[type=submit]');
      expect(where(screened)).toBe(`/en/workspace/submissions/${submissionId}?done=screened`);
      await expect(page.locator('#submission-status').textContent()).resolves.toContain('Screened');

      await tabTo(page, 'form#start-letter input#type', 120);
      await page.keyboard.press('ArrowDown'); // from urgent appeal to allegation letter
      await expect(page.locator('form#start-letter input#type-2').isChecked()).resolves.toBe(true);
      await tabTo(page, 'form#start-letter input#language');
      await page.keyboard.press('Space');
      await retype(page, 'form#start-letter #subject', subject);
      const editor = await follow(page, 'form#start-letter button[type=submit]');
      expect(editor.pathname).toMatch(/^\/en\/workspace\/letters\/[0-9a-f-]{36}\/edit$/);
      const id = editor.pathname.split('/')[4]!;

      // The draft carries the submission's facts; the assistant writes the letter's text.
      await expect(page.inputValue('#subject')).resolves.toBe(subject);
      await expect(page.inputValue('#victim-0-name')).resolves.toBe('Maryam Example');
      const firstText =
        'We have received information concerning the arrest of a journalist at her home in Tehran on 10 January 2026.';
      await retype(page, '#body', firstText);
      const saved = await follow(page, '#save-letter');
      expect(saved.pathname).toBe(`/en/workspace/letters/${id}`);
      await expect(page.locator('.banner--success').textContent()).resolves.toContain('The draft is saved.');

      const approved = (await site.sut.get(`/communications/${id}`, { token: site.tokens.assistant })).body
        .currentVersion.number as number;

      // 2. Two mandates invited to co-sign, through the approvals page.
      await follow(page, '#action-approvals');
      await tabTo(page, 'form#invite summary', 120);
      await page.keyboard.press('Enter');
      for (const code of ['DEFENDERS', 'TORTURE']) {
        await tabTo(page, `form#invite input[name=mandates][value="${code}"]`);
        await page.keyboard.press('Space');
      }
      const invited = await follow(page, '#invite-submit');
      expect(invited.pathname).toBe(`/en/workspace/letters/${id}/approvals`);
      await expect(page.locator('.banner--success').textContent()).resolves.toContain('The mandates are invited');
      const invitedRows = await rowsOf(page, '#mandates');
      expect(invitedRows.map((row) => row[3])).toEqual(['Awaited', 'Awaited', 'Awaited']);

      // 3. The holder of each mandate approves version 1 in their own session.
      for (const holder of holders) {
        await approve(holder.session.page, id, null);
      }
      await page.goto(`${site.origin}/en/workspace/letters/${id}/approvals`);
      expect((await rowsOf(page, '#mandates')).map((row) => row[3])).toEqual(['Approved', 'Approved', 'Approved']);

      // 4. The assistant changes the text: the approvals of version 1 no longer count.
      await page.goto(`${site.origin}/en/workspace/letters/${id}`);
      await follow(page, '#action-edit');
      const addition = 'She has had no access to a lawyer since.';
      await retype(page, '#body', `${firstText} ${addition}`);
      await follow(page, '#save-letter');
      await follow(page, '#action-approvals');
      await expect(page.locator('#mandates thead').textContent()).resolves.toContain(`Version ${approved + 1}`);
      expect((await rowsOf(page, '#mandates')).map((row) => row[3])).toEqual(['Awaited', 'Awaited', 'Awaited']);
      const earlier = await rowsOf(page, '#decisions');
      expect(earlier.map((row) => [row[1], row[2]])).toEqual(Array(3).fill([`Version ${approved}`, 'Approved']));
      // Sending now is refused: the confirmation names the missing approvals and offers no button.
      await page.goto(`${site.origin}/en/workspace/letters/${id}/send`);
      await expect(page.locator('#missing').count()).resolves.toBe(1);
      await expect(page.locator('#send-submit').count()).resolves.toBe(0);

      // 5. Each holder sees what changed since the version they approved, and approves the new version.
      for (const holder of holders) {
        await approve(holder.session.page, id, 'She has had no access to a lawyer since.');
      }

      // 6. The assistant sends: the confirmation shows the recipient, the reference and the dates.
      await page.goto(`${site.origin}/en/workspace/letters/${id}`);
      const confirmation = await follow(page, '#action-send');
      expect(confirmation.pathname).toBe(`/en/workspace/letters/${id}/send`);
      const recipients = await rowsOf(page, '#references');
      expect(recipients).toEqual([[expect.stringContaining('Iran'), expect.stringMatching(/^AL IRN \d+\/2026$/)]]);
      const reference = recipients[0]![1]!;
      const dates = (await page.locator('main dl').last().textContent())!.replace(/\s+/g, ' ');
      for (const label of ['Sent on', 'Reply requested by', 'Public from']) {
        expect(dates).toContain(label);
      }
      expect(dates).toMatch(/Reply requested by \S.*\d{4}/);
      expect(dates).toMatch(/Public from \S.*\d{4}/);
      const sent = await follow(page, '#send-submit');
      expect(sent.pathname).toBe(`/en/workspace/letters/${id}`);
      await expect(page.locator('h1').textContent()).resolves.toContain(reference);

      const letter = await site.sut.get(`/communications/${id}`, { token: site.tokens.assistant });
      expect(letter.body).toMatchObject({ status: 'sent', type: 'AL', body: `${firstText} ${addition}` });
      for (const session of sessions) {
        expect(session.cspViolations).toEqual([]);
        expect(session.pageErrors).toEqual([]);
      }
    }, 300_000);
  });
});
