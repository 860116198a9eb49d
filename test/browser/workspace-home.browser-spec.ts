import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { Role } from '@spcomms/access';
import { SCREENING_CRITERIA } from '@spcomms/submissions';
import { TestClock } from '@spcomms/testing';
import { draftBody, editBody } from '../support/letters';
import { TEST_PASSWORD, TestApp, createTestApp } from '../support/test-app';
import { Session, expectNoAxeViolations, launchBrowser, openSession, tabTo } from './support/browser';
import { LANGUAGES } from './support/site';

const SOURCE_NAME = 'Ivan Informant';

/**
 * The assistant's workspace in Chromium: keyboard-only screening of a submission and a letter started
 * from it, the redaction check that blocks a text naming the source until the name is removed, both
 * with and without JavaScript; axe on each page in the six languages, error states included.
 */
describe('the workspace of an assistant, in a browser', () => {
  let sut: TestApp;
  let origin: string;
  let browser: Browser;
  let token: string;
  const submissions: string[] = [];
  const drafts: Array<{ id: string; revision: number }> = [];

  const submission = async (): Promise<string> => {
    const created = await sut.post(
      '/submissions',
      {
        channel: 'email',
        stateCode: 'IRN',
        mandates: ['EXPRESSION'],
        victims: [{ kind: 'person', name: 'Maryam Example', gender: 'female', ageGroup: 'adult' }],
        perpetrators: [{ kind: 'state', description: 'Officers of the Ministry of Intelligence' }],
        source: { name: SOURCE_NAME, email: 'ivan@viasna.example.org', relation: 'witness' },
        occurredFrom: '2026-01-10',
        place: 'Evin prison, Tehran',
        description: 'A journalist was arrested at her home and taken to an unknown place of detention.',
      },
      { token },
    );
    if (created.status !== 201) {
      throw new Error(`submission: ${created.status}`);
    }
    return created.body.id;
  };

  beforeAll(async () => {
    sut = await createTestApp({
      clock: new TestClock('2026-03-02T09:00:00Z'),
      env: { TOKEN_TTL_HOURS: '1000000', LOGIN_RATE_LIMIT: '1000', LOGIN_ADDRESS_RATE_LIMIT: '1000' },
    });
    token = (await sut.createUser({ username: 'ws-assistant', role: Role.Assistant, mandates: ['EXPRESSION'] })).token;
    for (let i = 0; i < 3; i++) {
      submissions.push(await submission());
    }
    const criteria = SCREENING_CRITERIA.map((criterion) => ({ criterion, passed: true }));
    for (let i = 0; i < 3; i++) {
      const screened = await submission();
      await sut.post(`/submissions/${screened}/screening`, { criteria }, { token });
      const draft = await sut.post(
        '/communications',
        draftBody({
          submissionIds: [screened],
          body: `According to ${SOURCE_NAME}, Ms. Maryam Example was arrested.`,
        }),
        { token },
      );
      drafts.push({ id: draft.body.id, revision: draft.body.revision });
    }
    await sut.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  async function login(page: Page, lang = 'en'): Promise<void> {
    await page.goto(`${origin}/${lang}/login`);
    await page.locator('form#login [name=username]').fill('ws-assistant');
    await page.locator('form#login [name=password]').fill(TEST_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.locator('form#login [name=password]').press('Enter')]);
  }

  const pressAndLoad = (page: Page, key: string) => Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);

  describe.each([
    ['with JavaScript', true, 0],
    ['without JavaScript', false, 1],
  ])('keyboard only, %s', (_label, javaScriptEnabled, run) => {
    let session: Session;
    let page: Page;

    beforeAll(async () => {
      session = await openSession(browser, { javaScriptEnabled, viewport: { width: 1280, height: 900 } });
      page = session.page;
      await login(page);
    });
    afterAll(async () => {
      await session?.close();
    });

    it('lands on the home, screens a submission and starts a letter from it', async () => {
      expect(new URL(page.url()).pathname).toBe('/en/workspace');
      const id = submissions[run]!;
      await page.goto(`${origin}/en/workspace/submissions/${id}`);
      await expect(page.locator('#source').innerText()).resolves.toContain(SOURCE_NAME);
      for (const criterion of SCREENING_CRITERIA) {
        await tabTo(page, `#criterion-${criterion}`);
        await page.keyboard.press('Space');
      }
      await tabTo(page, 'form#screening button[type=submit]');
      await pressAndLoad(page, 'Enter');
      expect(new URL(page.url()).search).toBe('?done=screened');
      await expect(page.locator('#submission-status').innerText()).resolves.toBe('Screened');

      // In a group of radios, Tab reaches the first; the arrow keys choose another (AL).
      await tabTo(page, '#type');
      await page.keyboard.press('ArrowDown');
      await tabTo(page, '#language');
      await page.keyboard.press('Space');
      await tabTo(page, '#subject');
      await page.keyboard.type('Arrest of a journalist');
      const redirects: string[] = [];
      page.on('response', (response) => {
        if (response.status() === 303) {
          redirects.push(response.headers()['location'] ?? '');
        }
      });
      await pressAndLoad(page, 'Enter');
      expect(redirects[0]).toMatch(/^\/en\/workspace\/letters\/[0-9a-f-]{36}\/edit$/);
      const letterId = redirects[0]!.split('/')[4]!;
      const letter = await sut.get(`/communications/${letterId}`, { token });
      expect(letter.body).toMatchObject({ type: 'AL', language: 'en', subject: 'Arrest of a journalist' });
      expect(JSON.stringify(letter.body)).not.toContain(SOURCE_NAME);
    });

    it('blocks the redaction check of a text naming the source until the name is removed', async () => {
      const draft = drafts[run]!;
      const address = `${origin}/en/workspace/letters/${draft.id}/publication`;
      await page.goto(address);
      await expect(page.locator('#source-warning').innerText()).resolves.toContain(SOURCE_NAME);
      await expect(page.locator('#public-text').innerText()).resolves.not.toContain('Informant');
      await tabTo(page, 'form#redaction-check button[type=submit]');
      await pressAndLoad(page, 'Enter');
      await expect(page.locator('.error-summary').innerText()).resolves.toContain("Remove the source's name");
      expect(
        (await sut.dataSource().query('SELECT 1 FROM redaction_check WHERE communication_id = $1', [draft.id])).length,
      ).toBe(0);

      const edited = await sut.patch(
        `/communications/${draft.id}`,
        editBody(draft.revision, { body: 'According to a witness, Ms. Maryam Example was arrested.' }),
        { token },
      );
      expect(edited.status).toBe(200);
      await page.goto(address);
      await expect(page.locator('#source-warning').count()).resolves.toBe(0);
      // What is left (the victim named in public) is ticked with the keyboard, then the check confirmed.
      await tabTo(page, '#confirm-issues');
      await page.keyboard.press('Space');
      await tabTo(page, 'form#redaction-check button[type=submit]');
      await pressAndLoad(page, 'Enter');
      expect(new URL(page.url()).search).toBe('?done=checked');
      await expect(page.locator('#redaction-checked').innerText()).resolves.toContain('2');
      expect(session.cspViolations).toEqual([]);
    });
  });

  it('has no axe violations on each page in the six languages, error states included, and mirrors in Arabic', async () => {
    const session = await openSession(browser);
    try {
      const { page } = session;
      await login(page);
      const received = submissions[2]!;
      const publication = drafts[2]!.id;
      const directions: Record<string, string> = {};
      for (const lang of LANGUAGES) {
        for (const path of [
          '/workspace',
          '/workspace/submissions',
          `/workspace/submissions/${received}`,
          `/workspace/submissions/${received}/edit`,
          `/workspace/letters/${publication}/publication`,
        ]) {
          await page.goto(`${origin}/${lang}${path}`);
          await expectNoAxeViolations(page, `${lang}${path}`);
        }
        await page.goto(`${origin}/${lang}/workspace/submissions/${received}`);
        await Promise.all([page.waitForNavigation(), page.locator('form#screening button[type=submit]').click()]);
        await expect(page.locator('.error-summary').count()).resolves.toBe(1);
        await expectNoAxeViolations(page, `${lang} screening errors`);
        // The facts' editor with the description taken out (C1 needs one).
        await page.goto(`${origin}/${lang}/workspace/submissions/${received}/edit`);
        await page.locator('#description').fill('');
        await Promise.all([page.waitForNavigation(), page.locator('form#edit-submission button[type=submit]').click()]);
        await expect(page.locator('.error-summary').count()).resolves.toBe(1);
        await expectNoAxeViolations(page, `${lang} submission edit errors`);
        await page.goto(`${origin}/${lang}/workspace/letters/${publication}/publication`);
        await Promise.all([page.waitForNavigation(), page.locator('form#redaction-check button[type=submit]').click()]);
        await expect(page.locator('.error-summary').count()).resolves.toBe(1);
        await expectNoAxeViolations(page, `${lang} redaction check errors`);
        directions[lang] = await page
          .locator('main')
          .evaluate((element) => (globalThis as any).getComputedStyle(element).direction);
      }
      expect(directions).toEqual({ ar: 'rtl', zh: 'ltr', en: 'ltr', fr: 'ltr', ru: 'ltr', es: 'ltr' });
    } finally {
      await session.close();
    }
  }, 420_000);
});
