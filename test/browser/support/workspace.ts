import { AddressInfo } from 'node:net';
import { Page } from 'playwright-core';
import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { draftBody, editBody } from '../../support/letters';
import { TEST_PASSWORD, TestApp, createTestApp } from '../../support/test-app';
import { tabTo } from './browser';

/**
 * The workspace of assistants and mandate-holders in a real browser: the site on a free port of the
 * loopback with the people of a joint letter (two assistants of the lead mandate, a holder of the lead
 * mandate and one of a co-signing mandate), and page objects that draft, invite, edit and send through
 * the pages as a person does. The joint-letter journey across holders' approvals reuses them.
 */
export interface WorkspaceSite {
  sut: TestApp;
  clock: TestClock;
  origin: string;
  /** Bearer tokens of the same people, to set up what a test does not exercise through the pages. */
  tokens: Record<'assistant' | 'colleague' | 'holder' | 'defenders', string>;
  /** A draft through the API (lead EXPRESSION, to IRN); answers its id. */
  draft(overrides?: Record<string, unknown>): Promise<string>;
  /** Saves a new version through the API, as someone else editing at the same time would. */
  edit(id: string, overrides?: Record<string, unknown>): Promise<void>;
  approve(id: string, token: string): Promise<void>;
  /** Approved by the lead holder and sent through the API; answers its reference. */
  send(id: string): Promise<string>;
  close(): Promise<void>;
}

export const WORKSPACE_USERS = {
  assistant: 'ws.assistant',
  colleague: 'ws.colleague',
  holder: 'ws.holder',
  defenders: 'ws.defenders',
} as const;

function check(actual: number, expected: number, what: string): void {
  if (actual !== expected) {
    throw new Error(`workspace setup: ${what} answered ${actual}, not ${expected}`);
  }
}

export async function startWorkspaceSite(): Promise<WorkspaceSite> {
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const sut = await createTestApp({
    clock,
    env: { TOKEN_TTL_HOURS: '1000000', LOGIN_RATE_LIMIT: '1000', LOGIN_ADDRESS_RATE_LIMIT: '1000' },
  });
  try {
    const tokens = {
      assistant: (
        await sut.createUser({ username: WORKSPACE_USERS.assistant, role: Role.Assistant, mandates: ['EXPRESSION'] })
      ).token,
      colleague: (
        await sut.createUser({ username: WORKSPACE_USERS.colleague, role: Role.Assistant, mandates: ['EXPRESSION'] })
      ).token,
      holder: (
        await sut.createUser({ username: WORKSPACE_USERS.holder, role: Role.MandateHolder, mandates: ['EXPRESSION'] })
      ).token,
      defenders: (
        await sut.createUser({
          username: WORKSPACE_USERS.defenders,
          role: Role.MandateHolder,
          mandates: ['DEFENDERS'],
        })
      ).token,
    };
    const site: WorkspaceSite = {
      sut,
      clock,
      origin: '',
      tokens,
      draft: async (overrides = {}) => {
        const answer = await sut.post('/communications', draftBody(overrides), { token: tokens.assistant });
        check(answer.status, 201, 'draft');
        return answer.body.id as string;
      },
      edit: async (id, overrides = {}) => {
        const letter = await sut.get(`/communications/${id}`, { token: tokens.colleague });
        const answer = await sut.patch(`/communications/${id}`, editBody(letter.body.revision, overrides), {
          token: tokens.colleague,
        });
        check(answer.status, 200, 'edit');
      },
      approve: async (id, token) => {
        const letter = await sut.get(`/communications/${id}`, { token });
        const answer = await sut.post(
          `/communications/${id}/decisions`,
          { version: letter.body.currentVersion.number, decision: 'approve' },
          { token },
        );
        check(answer.status, 201, 'approval');
      },
      send: async (id) => {
        await site.approve(id, tokens.holder);
        const answer = await sut.post(`/communications/${id}/transmit`, {}, { token: tokens.assistant });
        check(answer.status, 200, 'transmit');
        return answer.body.letters[0].reference as string;
      },
      close: () => sut.close(),
    };
    await sut.app.listen(0, '127.0.0.1');
    const { port } = sut.app.getHttpServer().address() as AddressInfo;
    site.origin = `http://127.0.0.1:${port}`;
    return site;
  } catch (error) {
    await sut.close();
    throw error;
  }
}

/** Logs in through the login form; lands on the person's home. */
export async function logIn(page: Page, origin: string, username: string, lang = 'en'): Promise<void> {
  await page.goto(`${origin}/${lang}/login`);
  await page.fill('#username', username);
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('form#login button[type=submit]')]);
}

/** What the editor's fields take: text fields by id, the recipient State by its code. */
export interface LetterFields {
  recipient?: string;
  type?: 'UA' | 'AL' | 'OL';
  subject?: string;
  body?: string;
  victims?: string[];
  perpetrators?: string[];
}

/** Presses a key that submits a form or follows a link, and waits for the page it loads. */
export async function pressAndLoad(page: Page, key: string): Promise<URL> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
  return new URL(page.url());
}

const clickAndLoad = async (page: Page, selector: string): Promise<URL> => {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return new URL(page.url());
};

/** The id of the letter whose page (or sub-page) is open. */
export function letterIdOf(page: Page): string {
  const match = /\/workspace\/letters\/([0-9a-f-]{36})/.exec(page.url());
  if (!match) {
    throw new Error(`not a letter page: ${page.url()}`);
  }
  return match[1]!;
}

/** Fills the open editor (new or edit) with the mouse-free API of the page, adding rows as needed. */
export async function fillEditor(page: Page, fields: LetterFields): Promise<void> {
  if (fields.type) {
    await page.check(`input[name=type][value=${fields.type}]`);
  }
  if (fields.recipient) {
    await page.selectOption('#recipient', fields.recipient);
  }
  if (fields.subject !== undefined) {
    await page.fill('#subject', fields.subject);
  }
  if (fields.body !== undefined) {
    await page.fill('#body', fields.body);
  }
  for (const [rows, prefix, add] of [
    [fields.victims, 'victim', '#add-victim'],
    [fields.perpetrators, 'perpetrator', '#add-perpetrator'],
  ] as const) {
    for (const [index, name] of (rows ?? []).entries()) {
      if ((await page.locator(`#${prefix}-${index}-name`).count()) === 0) {
        await clickAndLoad(page, add);
      }
      await page.fill(`#${prefix}-${index}-name`, name);
    }
  }
}

/** Drafts a letter through the new-letter page; answers the new letter's id. */
export async function draftLetter(page: Page, origin: string, fields: LetterFields, lang = 'en'): Promise<string> {
  await page.goto(`${origin}/${lang}/workspace/letters/new`);
  await fillEditor(page, fields);
  await clickAndLoad(page, '#save-letter');
  return letterIdOf(page);
}

/** Opens the editor of a draft, changes it and saves; answers the address it lands on. */
export async function editLetter(
  page: Page,
  origin: string,
  id: string,
  fields: LetterFields,
  lang = 'en',
): Promise<URL> {
  await page.goto(`${origin}/${lang}/workspace/letters/${id}/edit`);
  await fillEditor(page, fields);
  return clickAndLoad(page, '#save-letter');
}

/** Invites mandates (by code) to co-sign, through the approvals page. */
export async function inviteMandates(page: Page, origin: string, id: string, codes: string[], lang = 'en') {
  await page.goto(`${origin}/${lang}/workspace/letters/${id}/approvals`);
  await page.click('form#invite details > summary');
  for (const code of codes) {
    await page.check(`form#invite input[name=mandates][value="${code}"]`);
  }
  return clickAndLoad(page, '#invite-submit');
}

/** Confirms and sends through the send page; answers the references the confirmation showed. */
export async function sendLetter(page: Page, origin: string, id: string, lang = 'en'): Promise<string[]> {
  await page.goto(`${origin}/${lang}/workspace/letters/${id}/send`);
  const references = (await page.locator('#references tbody td').allTextContents()).map((text) => text.trim());
  await clickAndLoad(page, '#send-submit');
  return references;
}

/** Tabs to a field and types into it (a select takes the typed words as its type-ahead). */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector, 80);
  await page.keyboard.type(text);
}

/** Drafts with the keyboard alone, from the letters list; answers the new letter's id. */
export async function draftLetterByKeyboard(
  page: Page,
  origin: string,
  fields: { recipient: string; subject: string; body: string; victim: string; perpetrator: string },
  lang = 'en',
): Promise<string> {
  await page.goto(`${origin}/${lang}/workspace/letters`);
  await tabTo(page, '#new-letter');
  await pressAndLoad(page, 'Enter');
  // The State as a person reads it in the list, typed into the list's type-ahead.
  const name = (await page.locator(`#recipient option[value="${fields.recipient}"]`).textContent())!.trim();
  await typeInto(page, '#recipient', name);
  await typeInto(page, '#subject', fields.subject);
  await typeInto(page, '#body', fields.body);
  await typeInto(page, '#victim-0-name', fields.victim);
  await typeInto(page, '#perpetrator-0-name', fields.perpetrator);
  await tabTo(page, '#save-letter', 80);
  await pressAndLoad(page, 'Enter');
  return letterIdOf(page);
}

/** From the letter's page, to the confirmation and sending, with the keyboard alone. */
export async function sendLetterByKeyboard(page: Page): Promise<string[]> {
  await tabTo(page, '#action-send');
  await pressAndLoad(page, 'Enter');
  const references = (await page.locator('#references tbody td').allTextContents()).map((text) => text.trim());
  await tabTo(page, '#send-submit');
  await pressAndLoad(page, 'Enter');
  return references;
}
