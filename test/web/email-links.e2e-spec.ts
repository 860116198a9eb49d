import { randomBytes } from 'node:crypto';
import { Role } from '@spcomms/access';
import { MailLanguage, renderMail } from '@spcomms/notifications';
import { TestClock } from '@spcomms/testing';
import { draftBody } from '../support/letters';
import { multipartBody } from '../support/multipart';
import { Browser, TEST_PASSWORD, WebTestApp, createWebTestApp } from '../support/web';

/**
 * Issue #14, point 5: every link in an e-mail the system sends opens the matching page, after login,
 * in the recipient's language; anyone the page is not for gets the 404 page of a missing one.
 */
describe('pages that e-mail links open', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sut = await createWebTestApp({ clock });
    const users: Array<[string, Role, { mandates?: string[]; stateCode?: string; language?: 'en' | 'fr' | 'es' }]> = [
      ['links-assistant', Role.Assistant, { mandates: ['EXPRESSION'], language: 'en' }],
      ['links-sr-expression', Role.MandateHolder, { mandates: ['EXPRESSION'], language: 'en' }],
      ['links-sr-torture', Role.MandateHolder, { mandates: ['TORTURE'], language: 'fr' }],
      ['links-sr-housing', Role.MandateHolder, { mandates: ['HOUSING'], language: 'en' }],
      ['links-assistant-torture', Role.Assistant, { mandates: ['TORTURE'], language: 'en' }],
      ['links-gov-irn', Role.Government, { stateCode: 'IRN', language: 'es' }],
      ['links-gov-blr', Role.Government, { stateCode: 'BLR', language: 'en' }],
    ];
    for (const [username, role, scope] of users) {
      const user = await sut.createUser({ username, role, ...scope });
      tokens[username] = user.token;
      ids[username] = user.id;
    }
  });

  afterAll(async () => {
    await sut.close();
  });

  /** The address in the e-mail as the mailer writes it for its recipient, as a path of the site. */
  async function mailedLink(userId: string, kind: string, subjectId: string): Promise<string> {
    const rows = (await sut
      .dataSource()
      .query(
        `SELECT template, language, params FROM outbox_message WHERE recipient_user_id = $1 AND kind = $2 AND subject_id = $3`,
        [userId, kind, subjectId],
      )) as Array<{ template: string; language: MailLanguage; params: Record<string, string> }>;
    expect(rows).toHaveLength(1);
    const { body } = renderMail(rows[0]!.template, rows[0]!.language, rows[0]!.params);
    const addresses = body.match(/https?:\/\/[^\s<>"]+/g) ?? [];
    expect(addresses).toHaveLength(1);
    const url = new URL(addresses[0]!);
    return `${url.pathname}${url.search}`;
  }

  /** Follows a link logged out: the login form, then back to the link. */
  async function followThroughLogin(link: string, username: string): Promise<Browser> {
    const browser = sut.browser();
    const first = await browser.get(link);
    expect(first.status).toBe(303);
    const lang = link.split('/')[1];
    expect(first.location).toBe(`/${lang}/login?next=${encodeURIComponent(link.slice(lang!.length + 1))}`);
    const back = await browser.submit(first.location!, 'form#login', { username, password: TEST_PASSWORD });
    expect(back.location).toBe(link);
    return browser;
  }

  async function loggedIn(username: string): Promise<Browser> {
    const browser = sut.browser();
    await browser.login(username, TEST_PASSWORD);
    return browser;
  }

  /** The 404 page, less the address itself and the CSRF token (masked afresh on every page). */
  async function expectSameAsMissing(browser: Browser, address: string): Promise<void> {
    const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(address)![0];
    const nobody = '00000000-0000-4000-8000-000000000000';
    const [refused, absent] = [await browser.get(address), await browser.get(address.replace(id, nobody))];
    expect([refused.status, absent.status]).toEqual([404, 404]);
    const same = (text: string) => text.replaceAll(id, nobody).replace(/name="_csrf" value="[\w-]+"/g, '');
    expect(same(refused.text)).toBe(same(absent.text));
  }

  async function draft(subject: string, body: string, invite: boolean): Promise<string> {
    const created = await sut.post('/communications', draftBody({ subject, body }), {
      token: tokens['links-assistant'],
    });
    expect(created.status).toBe(201);
    if (!invite) {
      return created.body.id;
    }
    const invited = await sut.post(
      `/communications/${created.body.id}/invitations`,
      { mandates: ['TORTURE'] },
      { token: tokens['links-assistant'] },
    );
    expect(invited.status).toBe(201);
    return created.body.id;
  }

  it('opens a draft from the invitation to co-sign for the invited mandate-holder, in French', async () => {
    const secret = `Draft wording ${randomBytes(4).toString('hex')}`;
    const id = await draft('A draft about detention', secret, true);
    const [{ kind }] = (await sut
      .dataSource()
      .query(`SELECT kind FROM outbox_message WHERE recipient_user_id = $1 AND subject_id = $2`, [
        ids['links-sr-torture'],
        id,
      ])) as Array<{ kind: string }>;
    const link = await mailedLink(ids['links-sr-torture']!, kind, id);
    expect(link).toBe(`/fr/workspace/decisions/${id}`);

    const browser = await followThroughLogin(link, 'links-sr-torture');
    const decide = await browser.get(link);
    expect(decide.status).toBe(200);
    expect(decide.$('html')!.getAttribute('lang')).toBe('fr');
    expect(decide.$('h1')!.text).toBe('Décider : A draft about detention');
    expect(decide.$('#letter-text')!.text).toContain(secret);
    expect(decide.$('form#decide input[name=version]')!.getAttribute('value')).toBe('1');
    const page = await browser.get(`/fr/workspace/letters/${id}`);
    expect(page.status).toBe(200);
    expect(page.$('h1')!.text).toBe('Lettre projet');
    expect(page.$('#letter-status')!.text.trim()).toBe('Projet');
    expect(page.$('#letter-text')!.getAttribute('lang')).toBe('en');
    expect(page.$('#letter-text')!.text).toContain(secret);
    expect(page.$('#main')!.text).toContain('Aucune réponse n’est encore arrivée.');

    // Staff of a mandate not on the letter, and the State's focal point: the 404 page, never the text.
    await expectSameAsMissing(await loggedIn('links-sr-housing'), link);
    const government = await loggedIn('links-gov-irn');
    for (const address of [link, `/en/portal/letters/${id}`]) {
      const answer = await government.get(address);
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain(secret);
    }
    await expectSameAsMissing(government, `/en/portal/letters/${id}`);
  });

  it('opens a sent letter from the e-mail to the focal point, with its replies, in Spanish', async () => {
    const id = await draft('Imminent execution of a journalist', 'We have received information …', false);
    const approved = await sut.post(
      `/communications/${id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: tokens['links-sr-expression'] },
    );
    expect(approved.status).toBe(201);
    const sent = await sut.post(`/communications/${id}/transmit`, {}, { token: tokens['links-assistant'] });
    expect(sent.status).toBe(200);
    const letter = sent.body.letters[0] as { reference: string; replyRequestedBy: string };
    const form = multipartBody([
      { name: 'text', content: 'Nuestra respuesta a la carta' },
      { name: 'language', content: 'es' },
    ]);
    const replied = await sut.post(`/portal/communications/${id}/replies`, form.payload, {
      token: tokens['links-gov-irn'],
      headers: { 'content-type': form.contentType },
    });
    expect(replied.status).toBe(201);

    const [{ kind }] = (await sut
      .dataSource()
      .query(`SELECT kind FROM outbox_message WHERE recipient_user_id = $1 AND subject_id = $2 LIMIT 1`, [
        ids['links-gov-irn'],
        id,
      ])) as Array<{ kind: string }>;
    const link = await mailedLink(ids['links-gov-irn']!, kind, id);
    const slug = letter.reference.replace(/[ /]/g, '-');
    expect(link).toBe(`/es/portal/letters/${slug}`);
    expect(slug).toMatch(/^UA-IRN-\d+-2026$/);

    const browser = await followThroughLogin(link, 'links-gov-irn');
    const page = await browser.get(link);
    expect(page.status).toBe(200);
    expect(page.$('html')!.getAttribute('lang')).toBe('es');
    expect(page.$('h1')!.text).toBe(`Carta ${letter.reference}`);
    expect(page.$('#main')!.text).toContain('Respuesta solicitada antes del');
    expect(page.$('#letter-text')!.text).toContain('We have received information');
    expect(page.$('#replies')!.text).toContain('Respuesta 1');
    expect(page.$('#replies')!.text).toContain('Nuestra respuesta a la carta');

    // The id form answers 303 to the reference's form.
    expect((await browser.get(`/es/portal/letters/${id}`)).location).toBe(link);

    // The letter's staff see it in the workspace, with the reply; another State and staff roles do not.
    const mailed = (await sut
      .dataSource()
      .query(`SELECT DISTINCT kind FROM outbox_message WHERE recipient_user_id = $1 AND subject_id = $2`, [
        ids['links-assistant'],
        id,
      ])) as Array<{ kind: string }>;
    expect(mailed.length).toBeGreaterThan(0);
    for (const { kind: staffKind } of mailed) {
      expect(await mailedLink(ids['links-assistant']!, staffKind, id)).toBe(`/en/workspace/letters/${id}`);
    }
    const staff = await followThroughLogin(`/en/workspace/letters/${id}`, 'links-assistant');
    const workspace = await staff.get(`/en/workspace/letters/${id}`);
    expect(workspace.status).toBe(200);
    expect(workspace.$('h1')!.text).toBe(`Letter ${letter.reference}`);
    expect(workspace.$('#letter-status')!.text.trim()).toBe('Sent');
    expect(workspace.$('#replies')!.text).toContain('Nuestra respuesta a la carta');
    const belarus = await loggedIn('links-gov-blr');
    await expectSameAsMissing(belarus, `/es/portal/letters/${id}`);
    const other = await belarus.get(link);
    const unknown = await belarus.get(link.replace(/-2026$/, '-1999'));
    expect([other.status, unknown.status]).toEqual([404, 404]);
    expect(other.text.replaceAll('2026', '1999').replace(/name="_csrf" value="[\w-]+"/g, '')).toBe(
      unknown.text.replace(/name="_csrf" value="[\w-]+"/g, ''),
    );
    expect(other.text).not.toContain('We have received information');
    await expectSameAsMissing(staff, `/es/portal/letters/${id}`);
    expect((await staff.get(link)).status).toBe(404);
  });

  it('opens a visit request from the e-mail to the focal point', async () => {
    const created = await sut.post(
      '/visits',
      { mandateCode: 'TORTURE', stateCode: 'IRN', purpose: 'To assess places of detention' },
      { token: tokens['links-assistant-torture'] },
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const [{ kind }] = (await sut
      .dataSource()
      .query(`SELECT kind FROM outbox_message WHERE recipient_user_id = $1 AND subject_id = $2 LIMIT 1`, [
        ids['links-gov-irn'],
        id,
      ])) as Array<{ kind: string }>;
    const link = await mailedLink(ids['links-gov-irn']!, kind, id);
    expect(link).toBe(`/es/portal/visits/${id}`);

    const browser = await followThroughLogin(link, 'links-gov-irn');
    const page = await browser.get(link);
    expect(page.status).toBe(200);
    expect(page.$('h1')!.text).toBe(`Solicitud de visita: ${created.body.mandate.title}`);
    expect(page.$('#visit-status')!.text.trim()).toBe('Solicitada');
    expect(page.$('#visit-purpose')!.text).toBe('To assess places of detention');

    await expectSameAsMissing(await loggedIn('links-gov-blr'), link);
    await expectSameAsMissing(await loggedIn('links-assistant-torture'), link);
  });

  it('returns after login only to an address of this site', async () => {
    const browser = sut.browser();
    for (const next of ['https://evil.example/en/portal', '//evil.example/x', '/\\evil.example']) {
      const back = await browser.submit(`/en/login?next=${encodeURIComponent(next)}`, 'form#login', {
        username: 'links-gov-irn',
        password: TEST_PASSWORD,
      });
      expect(back.status).toBe(303);
      expect(back.location).toBe('/en/account');
      await browser.post('/en/logout');
    }
  });
});
