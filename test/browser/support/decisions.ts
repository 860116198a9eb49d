import { AddressInfo } from 'node:net';
import { Page } from 'playwright-core';
import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { draftBody, editBody } from '../../support/letters';
import { TEST_PASSWORD, TestApp, createTestApp } from '../../support/test-app';
import { tabTo } from './browser';

/** The site with the staff of two mandates and an administrator, listening on a free port of the loopback. */
export interface StaffSite {
  sut: TestApp;
  clock: TestClock;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Bearer tokens of the API, by user name. */
  tokens: Record<string, string>;
  close(): Promise<void>;
}

/** The users of a StaffSite (password TEST_PASSWORD): an assistant and a holder of each mandate, an admin. */
export const STAFF = {
  assistant: 'ws.assistant',
  leadHolder: 'sr.assembly',
  invitedHolder: 'sr.defenders',
  admin: 'ws.admin',
} as const;
export const LEAD_MANDATE = 'ASSEMBLY';
export const INVITED_MANDATE = 'DEFENDERS';

export async function startStaffSite(): Promise<StaffSite> {
  const clock = new TestClock('2026-04-06T09:00:00Z');
  const sut = await createTestApp({
    clock,
    env: { TOKEN_TTL_HOURS: '1000000', LOGIN_RATE_LIMIT: '1000', LOGIN_ADDRESS_RATE_LIMIT: '1000' },
  });
  try {
    const tokens: Record<string, string> = {};
    const users: Array<[string, Role, string[]]> = [
      [STAFF.assistant, Role.Assistant, [LEAD_MANDATE, INVITED_MANDATE]],
      [STAFF.leadHolder, Role.MandateHolder, [LEAD_MANDATE]],
      [STAFF.invitedHolder, Role.MandateHolder, [INVITED_MANDATE]],
      [STAFF.admin, Role.Admin, []],
    ];
    for (const [username, role, mandates] of users) {
      tokens[username] = (await sut.createUser({ username, role, mandates })).token;
    }
    await sut.app.listen(0, '127.0.0.1');
    const { port } = sut.app.getHttpServer().address() as AddressInfo;
    return { sut, clock, origin: `http://127.0.0.1:${port}`, tokens, close: () => sut.close() };
  } catch (error) {
    await sut.close();
    throw error;
  }
}

/**
 * A draft of the lead mandate written through the API by the assistant, with the invited mandate
 * asked to co-sign when `invite`; answers its id.
 */
export async function draftLetter(
  site: StaffSite,
  content: { subject: string; body: string },
  options: { invite?: boolean } = {},
): Promise<string> {
  const token = site.tokens[STAFF.assistant];
  const created = await site.sut.post(
    '/communications',
    draftBody({ leadMandate: LEAD_MANDATE, type: 'AL', themes: [], ...content }),
    { token },
  );
  if (created.status !== 201) {
    throw new Error(`draft: ${created.status} ${JSON.stringify(created.body)}`);
  }
  if (options.invite) {
    const invited = await site.sut.post(
      `/communications/${created.body.id}/invitations`,
      { mandates: [INVITED_MANDATE] },
      { token },
    );
    if (invited.status !== 201) {
      throw new Error(`invite: ${invited.status}`);
    }
  }
  return created.body.id as string;
}

/** The assistant edits the draft's text through the API (a new version: earlier approvals no longer count). */
export async function editLetter(
  site: StaffSite,
  id: string,
  content: { subject: string; body: string },
): Promise<void> {
  const token = site.tokens[STAFF.assistant];
  const { revision } = (await site.sut.get(`/communications/${id}`, { token })).body as { revision: number };
  const edited = await site.sut.patch(
    `/communications/${id}`,
    editBody(revision, { type: 'AL', themes: [], ...content }),
    { token },
  );
  if (edited.status !== 200) {
    throw new Error(`edit: ${edited.status} ${JSON.stringify(edited.body)}`);
  }
}

/** Logs in through the site's form (clicking); answers the address the person lands on. */
export async function logInAs(page: Page, origin: string, username: string, language = 'en'): Promise<URL> {
  await page.goto(`${origin}/${language}/login`);
  await page.locator('form#login [name=username]').fill(username);
  await page.locator('form#login [name=password]').fill(TEST_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.locator('form#login button[type=submit]').click()]);
  return new URL(page.url());
}

/**
 * A logged-in mandate-holder approves (or declines, with a comment) the current version of a letter
 * on its decision page, by clicking; answers the address it lands on (the queue, with its notice).
 */
export async function decideLetter(
  page: Page,
  origin: string,
  id: string,
  decision: 'approve' | 'decline' = 'approve',
  note = '',
  language = 'en',
): Promise<URL> {
  await page.goto(`${origin}/${language}/workspace/decisions/${id}`);
  await page.locator(`form#decide input[name=decision][value=${decision}]`).check();
  if (note) {
    await page.locator('form#decide textarea#note').fill(note);
  }
  await Promise.all([page.waitForNavigation(), page.locator('form#decide button[type=submit]').click()]);
  return new URL(page.url());
}

/**
 * The same with the keyboard alone: Tab to the decision, choose it with Space (approve) or the arrow
 * key (decline), Tab to the comment and type it, Tab to the button and press Enter.
 */
export async function decideLetterByKeyboard(
  page: Page,
  origin: string,
  id: string,
  decision: 'approve' | 'decline',
  note: string,
  language = 'en',
): Promise<URL> {
  await page.goto(`${origin}/${language}/workspace/decisions/${id}`);
  await tabTo(page, 'form#decide input#decision', 120);
  await page.keyboard.press(decision === 'approve' ? 'Space' : 'ArrowDown');
  await tabTo(page, 'form#decide textarea#note');
  await page.keyboard.type(note);
  await tabTo(page, 'form#decide button[type=submit]');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  return new URL(page.url());
}
