import { Role, UserActor } from '@spcomms/access';
import { WorkspaceAlertsService } from '@spcomms/communications';
import { TestClock } from '@spcomms/testing';
import { draftBody } from '../support/letters';
import { FormPart, multipartBody, tinyPdf } from '../support/multipart';
import { Browser, PageAnswer, TEST_PASSWORD, WebTestApp, createWebTestApp, maskCsrf, parseHtml } from '../support/web';

/**
 * Issue #16, the Government portal: the inbox, the letter, the reply form (multipart, idempotent, 422
 * keeping what was typed) and its receipt, the visit answers, the focal points; another State's
 * account gets the 404 page of a missing one at every address, attachments included.
 */
describe('the Government portal pages', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const tokens: Record<string, string> = {};
  let irn: Browser;
  let blr: Browser;

  beforeAll(async () => {
    sut = await createWebTestApp({ clock });
    const users: Array<[string, Role, { mandates?: string[]; stateCode?: string }]> = [
      ['portal-assistant', Role.Assistant, { mandates: ['EXPRESSION'] }],
      ['portal-assistant-torture', Role.Assistant, { mandates: ['TORTURE'] }],
      ['portal-sr-expression', Role.MandateHolder, { mandates: ['EXPRESSION'] }],
      ['portal-gov-irn', Role.Government, { stateCode: 'IRN' }],
      ['portal-gov-irn-2', Role.Government, { stateCode: 'IRN' }],
      ['portal-gov-blr', Role.Government, { stateCode: 'BLR' }],
    ];
    for (const [username, role, scope] of users) {
      tokens[username] = (await sut.createUser({ username, role, ...scope })).token;
    }
    irn = sut.browser();
    await irn.login('portal-gov-irn', TEST_PASSWORD);
    blr = sut.browser();
    await blr.login('portal-gov-blr', TEST_PASSWORD);
  });

  afterAll(async () => {
    await sut.close();
  });

  /** Drafts, approves and sends a letter; answers its id and reference. */
  async function sendLetter(overrides: Record<string, unknown> = {}): Promise<{ id: string; reference: string }> {
    clock.advance({ minutes: 1 });
    const created = await sut.post('/communications', draftBody(overrides), { token: tokens['portal-assistant'] });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const approved = await sut.post(
      `/communications/${id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: tokens['portal-sr-expression'] },
    );
    expect(approved.status).toBe(201);
    const sent = await sut.post(`/communications/${id}/transmit`, {}, { token: tokens['portal-assistant'] });
    expect(sent.status).toBe(200);
    return { id, reference: sent.body.letters[0].reference as string };
  }

  const slug = (reference: string) => reference.replace(/[ /]/g, '-');

  /** Posts a multipart form with the browser's cookies, as a browser sends the reply form. */
  async function postMultipart(browser: Browser, url: string, parts: FormPart[]): Promise<PageAnswer> {
    const { payload, contentType } = multipartBody(parts);
    const response = await sut.app.inject({
      method: 'POST',
      url,
      payload,
      headers: {
        accept: 'text/html',
        'content-type': contentType,
        cookie: [...browser.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; '),
      },
    });
    const document = parseHtml(response.body);
    return {
      status: response.statusCode,
      headers: response.headers as Record<string, string>,
      text: response.body,
      document,
      $: (selector) => document.querySelector(selector),
      $$: (selector) => document.querySelectorAll(selector),
      location: typeof response.headers.location === 'string' ? response.headers.location : undefined,
    };
  }

  /** The fields of the reply form as the page gives them (token and one-time key), then the reply's. */
  async function replyParts(browser: Browser, url: string, parts: FormPart[]): Promise<FormPart[]> {
    const page = await browser.get(url);
    expect(page.status).toBe(200);
    const form = page.$('form#reply-form')!;
    expect(form.getAttribute('enctype')).toBe('multipart/form-data');
    return [
      { name: '_csrf', content: form.querySelector('input[name=_csrf]')!.getAttribute('value')! },
      { name: 'key', content: form.querySelector('input[name=key]')!.getAttribute('value')! },
      ...parts,
    ];
  }

  async function replyCount(id: string): Promise<number> {
    const [{ count }] = await sut
      .dataSource()
      .query('SELECT count(*)::int AS count FROM reply WHERE communication_id = $1', [id]);
    return count as number;
  }

  /** A page another State's account asks for: the 404 page, the same as for an address that does not exist. */
  async function expectNotFoundForOthers(address: string, missing: string, secret?: string): Promise<void> {
    const [refused, absent] = [await blr.get(address), await blr.get(missing)];
    expect([refused.status, absent.status]).toEqual([404, 404]);
    expect(refused.$('h1')!.text).toBe(absent.$('h1')!.text);
    if (secret) {
      expect(refused.text).not.toContain(secret);
    }
  }

  it('lands a government user on the inbox, with new letters tagged until opened and found by a loose reference', async () => {
    const first = await sendLetter({ subject: 'Detention of lawyers' });
    const second = await sendLetter({ subject: 'Arrest of journalists', type: 'AL' });
    const inbox = await irn.get('/en/portal');
    expect(inbox.status).toBe(200);
    expect(inbox.$('h1')!.text).toBe('Letters to your State');
    const rows = inbox.$$('#inbox tbody tr');
    expect(rows.map((row) => row.querySelector('th')!.text.trim())).toEqual([second.reference, first.reference]);
    expect(rows[0]!.text).toContain('New');
    expect(rows[0]!.text).toContain('Allegation letter');
    expect(rows[1]!.text).toContain('(60 days left)');

    // Opening the letter is recorded once, for the State: the second focal point no longer sees it as new.
    const letter = await irn.get(`/en/portal/letters/${slug(first.reference)}`);
    expect(letter.status).toBe(200);
    await irn.get(`/en/portal/letters/${slug(first.reference)}`);
    const other = sut.browser();
    const landing = await other.login('portal-gov-irn-2', TEST_PASSWORD);
    expect(landing.$('h1')!.text).toBe('Letters to your State');
    const fresh = await other.get('/en/portal?status=new');
    expect(fresh.$$('#inbox tbody th').map((cell) => cell.text.trim())).toEqual([second.reference]);
    const [{ count }] = await sut
      .dataSource()
      .query('SELECT count(*)::int AS count FROM portal_letter_opening WHERE communication_id = $1', [first.id]);
    expect(count).toBe(1);
    const opened = await other.get('/en/portal');
    expect(opened.$$('#inbox tbody tr')[1]!.text).toContain('Awaiting a reply');

    // Found by its reference typed loosely; a reference of nothing answers a sentence, not an error.
    const [, n, year] = /UA IRN (\d+)\/(\d{4})/.exec(first.reference)!;
    const found = await irn.get(`/en/portal?q=${encodeURIComponent(`ua irn ${n} ${year}`)}`);
    expect(found.$$('#inbox tbody th').map((cell) => cell.text.trim())).toEqual([first.reference]);
    const none = await irn.get('/en/portal?q=ua+irn+999+1999');
    expect(none.status).toBe(200);
    expect(none.$('#inbox-empty')!.text).toContain('No letter has a reference with these words');

    // Belarus sees none of them, and the letter is its 404 page.
    const belarus = await blr.get('/en/portal');
    expect(belarus.text).not.toContain(first.reference);
    await expectNotFoundForOthers(
      `/en/portal/letters/${slug(first.reference)}`,
      '/en/portal/letters/UA-BLR-999-1999',
      'Detention of lawyers',
    );
  });

  it('shows how the reply date was computed, its extension, the days left and the overdue state', async () => {
    const letter = await sendLetter({ subject: 'Forced evictions' });
    const page = await irn.get(`/en/portal/letters/${slug(letter.reference)}`);
    expect(page.$('#deadline-computed')!.text).toContain('within 60 days of sending');
    expect(page.$('#deadline-computed')!.text).toContain('March 2, 2026');
    expect(page.$('#deadline-computed')!.text).toContain('May 1, 2026');
    expect(page.$('#deadline-extended')).toBeNull();
    expect(page.$('#pdf-link')!.getAttribute('href')).toBe(`/en/portal/letters/${slug(letter.reference)}.pdf`);
    expect(page.$('#reply-link')!.getAttribute('href')).toBe(`/en/portal/letters/${slug(letter.reference)}/reply`);

    const extended = await sut.post(
      `/communications/${letter.id}/extension`,
      { replyRequestedBy: '2026-06-15', reason: 'The State asked for more time' },
      { token: tokens['portal-assistant'] },
    );
    expect(extended.status).toBe(200);
    const after = await irn.get(`/en/portal/letters/${slug(letter.reference)}`);
    expect(after.$('#deadline-extended')!.text).toBe('The reply date was extended from May 1, 2026 to June 15, 2026.');
    expect(after.text).not.toContain('The State asked for more time');

    clock.set('2026-06-20T09:00:00Z');
    try {
      // A session does not last months: log in again on that day.
      const later = sut.browser();
      await later.login('portal-gov-irn', TEST_PASSWORD);
      const late = await later.get(`/en/portal/letters/${slug(letter.reference)}`);
      expect(late.$('#letter-status')!.text).toContain('Overdue');
      expect(late.$('#days-left')!.text).toBe('5 days overdue');
      const overdue = await later.get('/en/portal?status=overdue');
      expect(overdue.$$('#inbox tbody th').map((cell) => cell.text.trim())).toContain(letter.reference);
    } finally {
      clock.set('2026-03-02T09:00:00Z');
    }
  });

  it('records a reply with two attachments and a confidentiality request once, however often the form is sent', async () => {
    const letter = await sendLetter({ subject: 'Torture in custody' });
    const formUrl = `/en/portal/letters/${slug(letter.reference)}/reply`;
    const parts = await replyParts(irn, formUrl, [
      { name: 'text', content: 'The Government rejects the allegations.' },
      { name: 'language', content: 'fr' },
      { name: 'confidential', content: 'true' },
      { name: 'attachments', filename: 'note-verbale.pdf', type: 'application/pdf', content: tinyPdf('NV') },
      { name: 'attachments', filename: 'annex.pdf', type: 'application/pdf', content: tinyPdf('Annex') },
    ]);
    const sent = await postMultipart(irn, formUrl, parts);
    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(new RegExp(`^/en/portal/letters/${slug(letter.reference)}/replies/R-[0-9A-Z]+$`));

    // A double click, or the form sent again from the browser's history: the same receipt, one reply.
    const again = await postMultipart(irn, formUrl, parts);
    expect(again.location).toBe(sent.location);
    expect(await replyCount(letter.id)).toBe(1);

    const receipt = await irn.get(sent.location!);
    expect(receipt.status).toBe(200);
    const code = sent.location!.split('/').at(-1)!;
    expect(receipt.$('#receipt-code')!.text.trim()).toBe(code);
    expect(receipt.$('#main')!.text).toContain('Yes: only the fact of the reply will be published');
    expect(receipt.$('#main')!.text).toContain('note-verbale.pdf');
    expect(receipt.$('#main')!.text).toContain('annex.pdf');

    // The letter page lists the reply, its receipt code and its files, which download as attachments.
    const page = await irn.get(`/en/portal/letters/${slug(letter.reference)}`);
    expect(page.$('#replies')!.text).toContain(code);
    expect(page.$('#replies')!.text).toContain('Confidential');
    const links = page.$$('#replies .attachments a');
    expect(links.map((link) => link.text)).toEqual(['note-verbale.pdf', 'annex.pdf']);
    const file = await irn.get(links[0]!.getAttribute('href')!);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.text).toContain('%PDF-1.4');

    // Another State: the 404 page for the letter, its form, its receipt and its files; its post records nothing.
    for (const address of [formUrl, sent.location!, links[0]!.getAttribute('href')!]) {
      await expectNotFoundForOthers(
        address,
        address.replace(slug(letter.reference), 'UA-BLR-999-1999'),
        'rejects the allegations',
      );
    }
    const forged = await postMultipart(blr, formUrl, [
      { name: '_csrf', content: maskCsrf(blr.cookies.get('spcomms_csrf')!) },
      { name: 'key', content: '0b8e4c1e-6f59-4e43-9d3a-2f4a5b6c7d8e' },
      { name: 'text', content: 'Not ours to answer' },
      { name: 'language', content: 'en' },
    ]);
    expect(forged.status).toBe(404);
    expect(await replyCount(letter.id)).toBe(1);
  });

  it('refuses an empty reply with 422, keeping what was chosen, and a multipart form without its token with 403', async () => {
    const letter = await sendLetter({ subject: 'Enforced disappearance' });
    const formUrl = `/en/portal/letters/${slug(letter.reference)}/reply`;
    const form = await irn.get(formUrl);
    expect(form.$('#language option[selected]')!.getAttribute('value')).toBe('en');
    expect(form.$('#main')!.text).toContain('the text and the attached files of the reply will never be published');

    const parts = await replyParts(irn, formUrl, [
      { name: 'text', content: '   ' },
      { name: 'language', content: 'ru' },
      { name: 'confidential', content: 'true' },
      { name: 'attachments', content: '' },
    ]);
    const refused = await postMultipart(irn, formUrl, parts);
    expect(refused.status).toBe(422);
    expect(refused.$('.error-summary')!.text).toContain('Write your reply or attach at least one file');
    expect(refused.$('#language option[selected]')!.getAttribute('value')).toBe('ru');
    expect(refused.$('#confidential')!.getAttribute('checked')).toBeDefined();
    expect(refused.$('input[name=key]')!.getAttribute('value')).toBe(parts[1]!.content);

    const kept = await postMultipart(irn, formUrl, [
      ...parts.slice(0, 2),
      { name: 'text', content: 'A first answer' },
      { name: 'language', content: 'xx' },
    ]);
    expect(kept.status).toBe(422);
    expect(kept.$('#text')!.text).toBe('A first answer');
    expect(kept.$('.error-summary')!.text).toContain('Choose the language of the reply');

    const notAFile = await postMultipart(irn, formUrl, [
      ...parts.slice(0, 2),
      { name: 'language', content: 'en' },
      { name: 'attachments', filename: 'script.pdf', type: 'application/pdf', content: '#!/bin/sh\necho no\n' },
    ]);
    expect(notAFile.status).toBe(422);
    expect(notAFile.$('#attachments-error')!.text).toContain('is not a PDF, Word (DOCX), PNG or JPEG file');

    const noToken = await postMultipart(irn, formUrl, parts.slice(1));
    expect(noToken.status).toBe(403);
    const badToken = await postMultipart(irn, formUrl, [
      { name: '_csrf', content: maskCsrf(Buffer.alloc(32, 7).toString('base64url')) },
      ...parts.slice(1),
    ]);
    expect(badToken.status).toBe(403);
    expect(await replyCount(letter.id)).toBe(0);

    // Without files the form may also come urlencoded (a client without multipart): the same rules.
    const plain = await irn.submit(formUrl, 'form#reply-form', { text: 'Our reply', language: 'es' });
    expect(plain.status).toBe(303);
    expect(await replyCount(letter.id)).toBe(1);
  });

  it('lists the visit requests and accepts the dates the mandate proposed', async () => {
    const created = await sut.post(
      '/visits',
      { mandateCode: 'TORTURE', stateCode: 'IRN', purpose: 'To assess places of detention' },
      { token: tokens['portal-assistant-torture'] },
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const list = await irn.get('/en/portal/visits');
    expect(list.status).toBe(200);
    const link = list
      .$$('#visits tbody th a')
      .find((anchor) => anchor.getAttribute('href') === `/en/portal/visits/${id}`);
    expect(link).toBeDefined();
    expect((await blr.get('/en/portal/visits')).text).not.toContain(id);

    // A decline without reasons and dates proposed without dates: 422, what was typed kept.
    const noReasons = await irn.submit(`/en/portal/visits/${id}`, 'form#visit-answer', { answer: 'decline' });
    expect(noReasons.status).toBe(422);
    expect(noReasons.$('.error-summary')!.text).toContain('Give the reasons for declining');
    expect(noReasons.$('input[name=answer][value=decline]')!.getAttribute('checked')).toBeDefined();
    const noDates = await irn.submit(`/en/portal/visits/${id}`, 'form#visit-answer', {
      answer: 'propose_dates',
      'from-day': '31',
      'from-month': '4',
      'from-year': '2026',
      note: 'Spring suits us',
    });
    expect(noDates.status).toBe(422);
    expect(noDates.$('.error-summary')!.text).toContain('Enter the first day as a real date');
    expect(noDates.$('.error-summary')!.text).toContain('Enter the last day of the dates you propose');
    expect(noDates.$('#from-day')!.getAttribute('value')).toBe('31');
    expect(noDates.$('#note')!.text).toBe('Spring suits us');

    const proposed = await sut.post(
      `/visits/${id}/status`,
      { status: 'dates_proposed', period: { from: '2026-10-05', to: '2026-10-16' } },
      { token: tokens['portal-assistant-torture'] },
    );
    expect(proposed.status).toBe(200);
    const page = await irn.get(`/en/portal/visits/${id}`);
    const accept = page.$('input[name=answer][value=accept]')!;
    expect(page.$(`label[for=${accept.getAttribute('id')}]`)!.text).toContain(
      'Accept the dates the mandate proposed: October 5, 2026 to October 16, 2026',
    );
    const accepted = await irn.submit(`/en/portal/visits/${id}`, 'form#visit-answer', { answer: 'accept' });
    expect(accepted.status).toBe(303);
    const after = await irn.get(accepted.location!);
    expect(after.$('#answered')).not.toBeNull();
    expect(after.$('#visit-status')!.text.trim()).toBe('Scheduled');
    expect(after.$('#main')!.text).toContain('October 5, 2026 to October 16, 2026');

    await expectNotFoundForOthers(`/en/portal/visits/${id}`, '/en/portal/visits/00000000-0000-4000-8000-000000000000');
    const forged = await blr.post(`/en/portal/visits/${id}`, { answer: 'decline', note: 'No' });
    expect(forged.status).toBe(404);
  });

  it("shows the State's own focal points and their e-mail language, never another State's", async () => {
    const page = await irn.get('/en/portal/focal-points');
    expect(page.status).toBe(200);
    const names = page.$$('#focal-points tbody th').map((cell) => cell.text.trim());
    expect(names.length).toBe(2);
    expect(page.$('#focal-points')!.text).toContain('English');
    const belarus = await blr.get('/en/portal/focal-points');
    expect(belarus.$$('#focal-points tbody th').length).toBe(1);
    expect(belarus.text).not.toContain(page.$$('#focal-points tbody td')[0]!.text);
    const api = await sut.get('/portal/focal-points', { token: tokens['portal-gov-blr'] });
    expect(api.status).toBe(200);
    expect(api.body).toHaveLength(1);
    expect((await sut.get('/portal/focal-points', { token: tokens['portal-assistant'] })).status).toBe(403);
  });

  it("tells the assistants of the letter's mandates at once of a letter that reached no focal point", async () => {
    const alerts = sut.app.get(WorkspaceAlertsService);
    const assistant: UserActor = {
      kind: 'user',
      userId: 'x',
      sessionId: 'x',
      username: 'x',
      role: Role.Assistant,
      mandateIds: [],
      stateCode: null,
    };
    const mandates = (await sut.get('/mandates')).body as Array<{ id: string; code: string }>;
    const idOf = (code: string) => mandates.find((mandate) => mandate.code === code)!.id;
    const ofExpression: UserActor = { ...assistant, mandateIds: [idOf('EXPRESSION')] };
    const ofTorture: UserActor = { ...assistant, mandateIds: [idOf('TORTURE')] };

    const before = await alerts.unreachableLetters(ofExpression);
    const letter = await sendLetter({ recipientStateCode: 'NOR', subject: 'Surveillance of journalists' });
    const reached = await sendLetter({ subject: 'Reached' });
    const after = await alerts.unreachableLetters(ofExpression);
    expect(after.map((entry) => entry.reference)).toEqual([
      letter.reference,
      ...before.map((entry) => entry.reference),
    ]);
    expect(after[0]).toMatchObject({ id: letter.id, recipientCode: 'NOR', sentOn: '2026-03-02' });
    expect(after.map((entry) => entry.id)).not.toContain(reached.id);
    expect(await alerts.unreachableLetters(ofTorture)).toEqual([]);
    await expect(alerts.unreachableLetters({ ...ofExpression, role: Role.Government })).rejects.toThrow();
  });
});
