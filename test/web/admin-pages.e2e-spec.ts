import { Role } from '@spcomms/access';
import { MailLanguage, renderMail } from '@spcomms/notifications';
import { TestClock } from '@spcomms/testing';
import { Browser, TEST_PASSWORD, WebTestApp, createWebTestApp } from '../support/web';

/**
 * Issue #15, administrators: users (create with a set-password link, disable, enable, reset), mandates
 * with their holders and terms, States' focal points and standing invitations, and the queue board
 * opened with the site session.
 */
describe('administration pages', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2026-05-04T09:00:00Z');
  let admin: Browser;

  beforeAll(async () => {
    sut = await createWebTestApp({ clock });
    await sut.createUser({ username: 'adm-admin', role: Role.Admin });
    await sut.createUser({ username: 'adm-assistant', role: Role.Assistant, mandates: ['HEALTH'] });
    await sut.createUser({ username: 'adm-gov-che', role: Role.Government, stateCode: 'CHE' });
    admin = sut.browser();
    await admin.login('adm-admin', TEST_PASSWORD);
  });

  afterAll(async () => {
    await sut.close();
  });

  /** The one link of the last e-mail of a kind to a user, as a path of the site. */
  async function mailedLink(username: string, kind: string): Promise<string> {
    const rows = (await sut.dataSource().query(
      `SELECT o.template, o.language, o.params FROM outbox_message o JOIN app_user u ON u.id = o.recipient_user_id
        WHERE u.username = $1 AND o.kind = $2 ORDER BY o.created_at DESC LIMIT 1`,
      [username, kind],
    )) as Array<{ template: string; language: MailLanguage; params: Record<string, string> }>;
    expect(rows).toHaveLength(1);
    const { body } = renderMail(rows[0]!.template, rows[0]!.language, rows[0]!.params);
    const url = new URL((body.match(/https?:\/\/[^\s<>"]+/g) ?? [])[0]!);
    return `${url.pathname}${url.search}`;
  }

  it('creates a user without a password: the e-mailed link sets one, and the user logs in', async () => {
    const landed = await sut.browser().submit('/en/login', 'form#login', {
      username: 'adm-admin',
      password: TEST_PASSWORD,
    });
    expect(landed.location).toBe('/en/admin/users');
    const list = await admin.get('/en/admin/users');
    expect(list.status).toBe(200);
    expect(list.$('h1')!.text).toBe('Users');
    expect(list.$('#users tbody')!.text).toContain('adm-assistant');

    const form = await admin.get('/en/admin/users/new');
    expect(form.$$('form#new-user input[type=password]')).toHaveLength(0);
    const created = await admin.submit('/en/admin/users/new', 'form#new-user', {
      username: 'adm-new-holder',
      'display-name': 'Nouvelle Rapporteuse',
      email: 'new.holder@example.org',
      role: 'mandate_holder',
      mandates: 'HEALTH',
      language: 'fr',
    });
    expect(created.status).toBe(303);
    expect(created.location).toBe('/en/admin/users?done=created&user=adm-new-holder');
    const after = await admin.get(created.location!);
    expect(after.$('.banner--success')!.text).toContain('adm-new-holder was created and e-mailed a link');
    expect(after.$('#users tbody')!.text).toContain('HEALTH');

    const link = await mailedLink('adm-new-holder', 'account.password_setup');
    expect(link).toMatch(/^\/fr\/set-password\?token=spl_/);
    const person = sut.browser();
    const set = await person.submit(link, 'form#set-password', {
      'new-password': 'a-brand-new-secret',
      'confirm-password': 'a-brand-new-secret',
    });
    expect(set.status).toBe(303);
    const home = await person.submit('/fr/login', 'form#login', {
      username: 'adm-new-holder',
      password: 'a-brand-new-secret',
    });
    expect(home.location).toBe('/fr/workspace/decisions');
  });

  it('answers 422 with the error summary and keeps what was typed', async () => {
    const bad = await admin.submit('/en/admin/users/new', 'form#new-user', {
      username: 'Not Valid',
      'display-name': 'Someone Typed',
      email: 'not-an-address',
      role: 'assistant',
    });
    expect(bad.status).toBe(422);
    const summary = bad.$$('.error-summary a').map((a) => a.getAttribute('href'));
    expect(summary).toEqual(['#username', '#email', '#mandates']);
    expect(bad.$('input#username')!.getAttribute('value')).toBe('Not Valid');
    expect(bad.$('input#display-name')!.getAttribute('value')).toBe('Someone Typed');
    expect(bad.$('input#email')!.getAttribute('value')).toBe('not-an-address');
    expect(bad.$('input[name=role][value=assistant]')!.getAttribute('checked')).toBeDefined();

    const taken = await admin.submit('/en/admin/users/new', 'form#new-user', {
      username: 'adm-assistant',
      'display-name': 'A Second',
      email: 'second@example.org',
      role: 'government',
      state: 'CHE',
      language: 'en',
    });
    expect(taken.status).toBe(422);
    expect(taken.$('.error-summary')!.text).toContain('This user name is taken');
    expect(taken.$('select#state option[selected]')!.getAttribute('value')).toBe('CHE');
  });

  it('refuses a form without its token, and is the 404 page for every other role', async () => {
    await admin.get('/en/admin/users/new');
    const forged = await admin.postRaw('/en/admin/users', {
      username: 'adm-forged',
      'display-name': 'Forged',
      email: 'forged@example.org',
      role: 'admin',
      language: 'en',
    });
    expect(forged.status).toBe(403);
    const users = await sut.get('/users?limit=200', { token: await sut.login('adm-admin') });
    expect(users.body.items.map((user: { username: string }) => user.username)).not.toContain('adm-forged');

    const assistant = sut.browser();
    await assistant.login('adm-assistant', TEST_PASSWORD);
    const missing = await assistant.get('/en/admin/nothing-here');
    for (const address of [
      '/en/admin/users',
      '/en/admin/users/new',
      '/en/admin/mandates',
      '/en/admin/states',
      '/en/admin/states/CHE',
      '/en/admin/queues',
    ]) {
      const page = await assistant.get(address);
      expect([address, page.status]).toEqual([address, 404]);
      expect(page.$('h1')!.text).toBe(missing.$('h1')!.text);
    }
    const target = users.body.items.find((user: { username: string }) => user.username === 'adm-gov-che');
    expect((await assistant.post(`/en/admin/users/${target.id}/disable`)).status).toBe(404);
    expect((await assistant.post('/en/admin/queues')).status).toBe(404);
    expect((await sut.get(`/users/${target.id}`, { token: await sut.login('adm-admin') })).body.disabledAt).toBeNull();
  });

  it('disables, enables and resets a user by the same kind of link', async () => {
    const token = await sut.login('adm-admin');
    const target = (await sut.get('/users?limit=200', { token })).body.items.find(
      (user: { username: string }) => user.username === 'adm-gov-che',
    );
    const disabled = await admin.post(`/en/admin/users/${target.id}/disable`);
    expect(disabled.location).toBe('/en/admin/users?done=disabled&user=adm-gov-che');
    const refused = await sut.request('POST', '/auth/login', { username: 'adm-gov-che', password: TEST_PASSWORD });
    expect(refused.status).toBe(401);
    expect((await admin.post(`/en/admin/users/${target.id}/enable`)).location).toBe(
      '/en/admin/users?done=enabled&user=adm-gov-che',
    );
    const reset = await admin.post(`/en/admin/users/${target.id}/password`);
    expect(reset.location).toBe('/en/admin/users?done=reset&user=adm-gov-che');
    expect(await mailedLink('adm-gov-che', 'account.password_reset')).toMatch(/^\/en\/set-password\?token=spl_/);
    const noPassword = await sut.request('POST', '/auth/login', { username: 'adm-gov-che', password: TEST_PASSWORD });
    expect(noPassword.status).toBe(401);
    expect((await admin.post('/en/admin/users/00000000-0000-4000-8000-000000000000/disable')).status).toBe(404);
  });

  it('adds a mandate-holder with a first term, and keeps the name when the date is wrong', async () => {
    const list = await admin.get('/en/admin/mandates');
    expect(list.status).toBe(200);
    const link = list
      .$$('#mandates tbody a')
      .find((a) => a.text === 'TOXICS')!
      .getAttribute('href')!;
    const bad = await admin.submit(link, 'form#add-holder', {
      'holder-name': 'Marcos Example',
      'starts-on-day': '31',
      'starts-on-month': '4',
      'starts-on-year': '2026',
    });
    expect(bad.status).toBe(422);
    expect(bad.$('.error-summary a')!.getAttribute('href')).toBe('#starts-on-day');
    expect(bad.$('input#holder-name')!.getAttribute('value')).toBe('Marcos Example');
    const added = await admin.submit(link, 'form#add-holder', {
      'holder-name': 'Marcos Example',
      'starts-on-day': '1',
      'starts-on-month': '8',
      'starts-on-year': '2026',
    });
    expect(added.status).toBe(303);
    const page = await admin.get(added.location!);
    expect(page.$('#holders')!.text).toContain('Marcos Example');
    expect(page.$('#holders')!.text).toContain('Term 1: August 1, 2026 – July 31, 2029');
  });

  it('shows a State’s focal points and records its standing invitation', async () => {
    const states = await admin.get('/en/admin/states');
    expect(states.status).toBe(200);
    expect(states.$$('#states tbody a').some((a) => a.getAttribute('href') === '/en/admin/states/CHE')).toBe(true);
    const che = await admin.get('/en/admin/states/CHE');
    expect(che.$('#focal-points')!.text).toContain('adm-gov-che');
    const missing = await admin.submit('/en/admin/states/CHE', 'form#invitation', {});
    expect(missing.status).toBe(422);
    expect(missing.$('.error-summary a')!.getAttribute('href')).toBe('#on-day');
    const issued = await admin.submit('/en/admin/states/CHE', 'form#invitation', {
      'on-day': '2',
      'on-month': '5',
      'on-year': '2026',
    });
    expect(issued.location).toBe('/en/admin/states/CHE?done=issued');
    const after = await admin.get(issued.location!);
    expect(after.$('#invitation-status')!.text).toBe('Standing invitation since May 2, 2026');
    expect((await admin.get('/en/admin/states/ZZZ')).status).toBe(404);
  });

  it('opens the queue board with the site session: its cookie is never the bearer token', async () => {
    const page = await admin.get('/en/admin/queues');
    expect(page.status).toBe(200);
    const opened = await admin.submit('/en/admin/queues', 'form#open-board', {});
    expect(opened.status).toBe(303);
    expect(opened.location).toBe('/admin/queues/');
    const setCookie = String(opened.headers['set-cookie']);
    const board = /spcomms_board=([^;]+)/.exec(setCookie)![1]!;
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('Path=/admin/queues');
    const session = admin.cookies.get('spcomms_session')!;
    expect(decodeURIComponent(board)).toMatch(/^spb_/);
    expect(decodeURIComponent(board)).not.toBe(session);
    // The board cookie is no bearer token, and the API does not take it.
    expect((await sut.get('/me', { token: decodeURIComponent(board) })).status).toBe(401);

    const withBoard = await sut.app.inject({
      method: 'GET',
      url: '/admin/queues/',
      headers: { cookie: `spcomms_board=${board}` },
    });
    expect(withBoard.statusCode).toBe(200);
    const withSite = await sut.app.inject({
      method: 'GET',
      url: '/admin/queues/',
      headers: { cookie: `spcomms_session=${encodeURIComponent(session)}` },
    });
    expect(withSite.statusCode).toBe(401);
  });
});
