import { Role } from '@spcomms/access';
import { MAIL_LANGUAGES, MailLanguage, renderMail } from '@spcomms/notifications';
import { TestClock } from '@spcomms/testing';
import { draftBody } from '../support/letters';
import { multipartBody } from '../support/multipart';
import { Browser, TEST_PASSWORD, WebTestApp, createWebTestApp } from '../support/web';

/** A raw ISO day or instant, as a reader should never see one. */
const ISO_DATE = /\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?/;

interface Mailed {
  recipientUserId: string;
  kind: string;
  language: MailLanguage;
  template: string;
  params: Record<string, string>;
}

/**
 * Issue #16, "E-mails in the reader's language": every e-mail goes out in its reader's language
 * among the six (a focal point's in the language its State chose), its placeholders filled, its days
 * written for the language in Geneva time, and its link opens the matching page in that language,
 * which answers 200 once the recipient has logged in.
 */
describe("e-mails in the reader's language", () => {
  // Some twenty people log in (a password hash each): more than the default minute on a shared machine.
  jest.setTimeout(300_000);
  let sut: WebTestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const usernameOf: Record<string, string> = {};
  const browsers = new Map<string, Browser>();

  async function user(
    username: string,
    role: Role,
    scope: { mandates?: string[]; stateCode?: string; language?: MailLanguage },
  ): Promise<void> {
    const created = await sut.createUser({ username, role, ...scope });
    tokens[username] = created.token;
    ids[username] = created.id;
    usernameOf[created.id] = username;
  }

  beforeAll(async () => {
    sut = await createWebTestApp({ clock });
    await user('mail-admin', Role.Admin, {});
    await user('mail-gov-blr', Role.Government, { stateCode: 'BLR', language: 'fr' });
    // One person of each role in each language; the holders are asked both for the lead mandate and as co-signers.
    for (const language of MAIL_LANGUAGES) {
      await user(`mail-gov-${language}`, Role.Government, { stateCode: 'IRN', language });
      await user(`mail-assistant-${language}`, Role.Assistant, { mandates: ['EXPRESSION', 'TORTURE'], language });
      await user(`mail-holder-${language}`, Role.MandateHolder, { mandates: ['EXPRESSION', 'TORTURE'], language });
    }
    tokens['mail-assistant'] = tokens['mail-assistant-en']!;
  }, 300_000);

  afterAll(async () => {
    await sut.close();
  });

  async function mailed(kinds: string[]): Promise<Mailed[]> {
    return (await sut.dataSource().query(
      `SELECT recipient_user_id AS "recipientUserId", kind, language, template, params
         FROM outbox_message WHERE kind = ANY($1) ORDER BY created_at, recipient_address`,
      [kinds],
    )) as Mailed[];
  }

  async function loggedIn(userId: string): Promise<Browser> {
    const username = usernameOf[userId]!;
    let browser = browsers.get(username);
    if (!browser) {
      browser = sut.browser();
      await browser.login(username, TEST_PASSWORD);
      browsers.set(username, browser);
    }
    return browser;
  }

  /**
   * The message as its reader gets it: every placeholder filled, no ISO date, one link to a page of
   * the site in the message's language; answers the link's path.
   */
  function readAsSent(mail: Mailed): string {
    const { subject, body } = renderMail(mail.template, mail.language, mail.params);
    const text = `${subject}\n${body}`;
    expect([mail.kind, mail.language, text]).toEqual([mail.kind, mail.language, expect.not.stringMatching(/[{}]/)]);
    expect(text).not.toMatch(/undefined|null|NaN|\[object/);
    expect([mail.kind, mail.language, ISO_DATE.exec(text)?.[0] ?? null]).toEqual([mail.kind, mail.language, null]);
    const links = body.match(/https?:\/\/[^\s<>"]+/g) ?? [];
    expect(links).toHaveLength(1);
    const url = new URL(links[0]!);
    expect(url.pathname.startsWith(`/${mail.language}/`)).toBe(true);
    return `${url.pathname}${url.search}`;
  }

  /** Each mail of the kinds, in each of the six languages, opens its page (200, in that language) for its reader. */
  async function expectEachLanguageOpens(kinds: string[], loginNeeded = true): Promise<void> {
    const mails = await mailed(kinds);
    for (const kind of kinds) {
      const languages = new Set(mails.filter((mail) => mail.kind === kind).map((mail) => mail.language));
      expect([kind, [...languages].sort()]).toEqual([kind, [...MAIL_LANGUAGES].sort()]);
    }
    const seen = new Set<string>();
    for (const mail of mails) {
      const path = readAsSent(mail);
      const once = `${mail.kind}/${mail.language}`;
      if (seen.has(once)) {
        continue;
      }
      seen.add(once);
      const browser = loginNeeded ? await loggedIn(mail.recipientUserId) : sut.browser();
      const page = await browser.get(path);
      expect([mail.kind, mail.language, page.status]).toEqual([mail.kind, mail.language, 200]);
      expect(page.$('html')!.getAttribute('lang')).toBe(mail.language);
    }
  }

  async function draft(invite: boolean): Promise<string> {
    const created = await sut.post('/communications', draftBody(), { token: tokens['mail-assistant'] });
    expect(created.status).toBe(201);
    if (invite) {
      const invited = await sut.post(
        `/communications/${created.body.id}/invitations`,
        { mandates: ['TORTURE'] },
        { token: tokens['mail-assistant'] },
      );
      expect(invited.status).toBe(201);
    }
    return created.body.id as string;
  }

  it("lets a State choose the language of its focal points' e-mails, and no other State's", async () => {
    const chosen = await sut.patch('/states/BLR', { mailLanguage: 'zh' }, { token: tokens['mail-admin'] });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ code: 'BLR', mailLanguage: 'zh' });
    expect((await sut.get('/states/BLR')).body.mailLanguage).toBe('zh');
    expect((await sut.get('/states/IRN')).body.mailLanguage).toBeNull();

    const other = await sut.patch('/states/BLR', { mailLanguage: 'en' }, { token: tokens['mail-gov-en'] });
    const missing = await sut.patch('/states/XYZ', { mailLanguage: 'en' }, { token: tokens['mail-gov-en'] });
    expect([other.status, missing.status]).toEqual([404, 404]);
    expect(other.body.code).toBe(missing.body.code);
    for (const mailLanguage of ['de', '', 42]) {
      const refused = await sut.patch('/states/IRN', { mailLanguage }, { token: tokens['mail-gov-en'] });
      expect(refused.status).toBe(400);
    }
    const staff = await sut.patch('/states/IRN', { mailLanguage: 'en' }, { token: tokens['mail-assistant'] });
    expect(staff.status).toBe(403);
    // The State's own account may choose; null gives each focal point their own language back.
    const own = await sut.patch('/states/IRN', { mailLanguage: 'ru' }, { token: tokens['mail-gov-en'] });
    expect(own.body.mailLanguage).toBe('ru');
    const reset = await sut.patch('/states/IRN', { mailLanguage: null }, { token: tokens['mail-gov-en'] });
    expect([reset.status, reset.body.mailLanguage]).toEqual([200, null]);
  });

  it('asks mandate-holders for their approval in their language; the link opens the draft', async () => {
    await draft(true);
    await expectEachLanguageOpens(['approval.version', 'approval.requested']);
  });

  it('tells focal points of a letter, its new reply date and their receipt, and assistants of the reply', async () => {
    const id = await draft(false);
    const approved = await sut.post(
      `/communications/${id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: tokens['mail-holder-en'] },
    );
    expect(approved.status).toBe(201);
    const sent = await sut.post(`/communications/${id}/transmit`, {}, { token: tokens['mail-assistant'] });
    expect(sent.status).toBe(200);
    const { replyRequestedBy } = sent.body.letters[0] as { replyRequestedBy: string };
    const later = new Date(Date.parse(`${replyRequestedBy}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    const extended = await sut.post(
      `/communications/${id}/extension`,
      { replyRequestedBy: later, reason: 'The Government asked for more time' },
      { token: tokens['mail-assistant'] },
    );
    expect(extended.status).toBe(200);
    const form = multipartBody([
      { name: 'text', content: 'Our reply to the letter' },
      { name: 'language', content: 'en' },
    ]);
    const replied = await sut.post(`/portal/communications/${id}/replies`, form.payload, {
      token: tokens['mail-gov-ar'],
      headers: { 'content-type': form.contentType },
    });
    expect(replied.status).toBe(201);

    await expectEachLanguageOpens(['letter.transmitted', 'letter.deadline_extended', 'reply.receipt']);
    await expectEachLanguageOpens(['reply.received']);

    // The extension names both days, written for the reader.
    const [french] = (await mailed(['letter.deadline_extended'])).filter((mail) => mail.language === 'fr');
    const { body } = renderMail(french!.template, 'fr', french!.params);
    const day = (iso: string) =>
      new Intl.DateTimeFormat('fr-CH', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
    expect(body).toContain(`d'ici le ${day(replyRequestedBy)}, elle l'est désormais d'ici le ${day(later)}`);
  });

  it("tells a Government of a visit request, in its State's chosen language", async () => {
    for (const stateCode of ['IRN', 'BLR']) {
      const created = await sut.post(
        '/visits',
        { mandateCode: 'TORTURE', stateCode, purpose: 'To assess places of detention' },
        { token: tokens['mail-assistant'] },
      );
      expect(created.status).toBe(201);
    }
    const toBelarus = (await mailed(['visit.requested'])).filter(
      (mail) => mail.recipientUserId === ids['mail-gov-blr'],
    );
    // Its focal point reads French pages, but Belarus chose Chinese for its e-mails.
    expect(toBelarus.map((mail) => mail.language)).toEqual(['zh']);
    const { subject, body } = renderMail(toBelarus[0]!.template, 'zh', toBelarus[0]!.params);
    expect(subject).toContain('国别访问请求');
    expect(body).toContain('请求访问白俄罗斯');
    await expectEachLanguageOpens(['visit.requested']);
  });

  it('sends the link that sets a new password in the language chosen at the account creation', async () => {
    for (const language of MAIL_LANGUAGES) {
      const created = await sut.post(
        '/users',
        {
          username: `mail-new-${language}`,
          displayName: `New ${language}`,
          email: `mail-new-${language}@test.local`,
          role: Role.Committee,
          language,
        },
        { token: tokens['mail-admin'] },
      );
      expect(created.status).toBe(201);
      expect(created.body.language).toBe(language);
    }
    const refused = await sut.post(
      '/users',
      {
        username: 'mail-new-de',
        displayName: 'New',
        email: 'mail-new-de@test.local',
        role: 'committee',
        language: 'de',
      },
      { token: tokens['mail-admin'] },
    );
    expect(refused.status).toBe(400);
    await expectEachLanguageOpens(['account.password_setup'], false);
  });

  it('lets a person choose their language on the account page, without JavaScript', async () => {
    await user('mail-chooser', Role.Committee, { language: 'en' });
    const browser = sut.browser();
    await browser.login('mail-chooser', TEST_PASSWORD);
    const page = await browser.get('/en/account');
    expect(page.$('#choose-language input[name="language"][checked]')!.getAttribute('value')).toBe('en');
    expect(page.$$('#choose-language input[name="language"]')).toHaveLength(6);
    expect(page.$('#choose-language label[for="language"]')!.getAttribute('lang')).toBe('ar');

    const bad = await browser.submit('/en/account', 'form#choose-language', { language: 'de' });
    expect(bad.status).toBe(422);
    expect(bad.$('.error-summary a[href="#language"]')).not.toBeNull();

    const chosen = await browser.submit('/en/account', 'form#choose-language', { language: 'ru' });
    expect([chosen.status, chosen.location]).toEqual([303, '/ru/account?done=language']);
    const after = await browser.get(chosen.location!);
    expect(after.$('html')!.getAttribute('lang')).toBe('ru');
    expect(after.text).toContain('Ваш язык сохранён.');
    expect(after.$('#choose-language input[name="language"][checked]')!.getAttribute('value')).toBe('ru');
    expect((await sut.get('/me', { token: tokens['mail-chooser'] })).body.language).toBe('ru');

    // The API does the same; a language outside the six is refused.
    expect((await sut.patch('/me', { language: 'ar' }, { token: tokens['mail-chooser'] })).body.language).toBe('ar');
    expect((await sut.patch('/me', { language: 'de' }, { token: tokens['mail-chooser'] })).status).toBe(400);

    // A focal point whose State chose a language is told that its e-mails follow it.
    const focal = sut.browser();
    await focal.login('mail-gov-blr', TEST_PASSWORD);
    expect((await focal.get('/en/account')).$('#language-hint')!.text).toContain('中文');
  });
});
