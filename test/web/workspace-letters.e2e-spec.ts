import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { draftBody } from '../support/letters';
import { Browser, PageAnswer, TEST_PASSWORD, WebTestApp, createWebTestApp } from '../support/web';

/** The fields of the draft editor for a well-formed urgent appeal; tests override what they exercise. */
function editorFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    leadMandate: 'EXPRESSION',
    type: 'UA',
    language: 'en',
    recipient: 'IRN',
    otherRecipient: '',
    subject: 'Imminent execution of a journalist',
    body: 'We have received information concerning the death sentence imposed on a journalist.',
    'victim-0-name': 'Reza Example',
    'victim-0-gender': 'male',
    'victim-0-ageGroup': 'adult',
    'victim-0-confidential': 'yes',
    'perpetrator-0-name': 'Revolutionary Court',
    'perpetrator-0-kind': 'state',
    themes: 'death penalty',
    ...overrides,
  };
}

const errorSummary = (page: PageAnswer) =>
  page
    .$$('div.error-summary a')
    .map((link) => `${link.getAttribute('href')} ${link.text.trim()}`)
    .join('\n');

describe('the workspace letters pages', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  let assistantToken: string;
  let holderToken: string;
  let defendersToken: string;
  let assistant: Browser;

  const draft = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const answer = await sut.post('/communications', draftBody(overrides), { token: assistantToken });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  };
  const approve = async (id: string, token: string, version = 1) => {
    const answer = await sut.post(`/communications/${id}/decisions`, { version, decision: 'approve' }, { token });
    expect(answer.status).toBe(201);
  };
  const login = async (username: string): Promise<Browser> => {
    const browser = sut.browser();
    await browser.login(username, TEST_PASSWORD);
    return browser;
  };

  beforeAll(async () => {
    sut = await createWebTestApp({ clock });
    assistantToken = (
      await sut.createUser({ username: 'wl-assistant', role: Role.Assistant, mandates: ['EXPRESSION'] })
    ).token;
    await sut.createUser({ username: 'wl-colleague', role: Role.Assistant, mandates: ['EXPRESSION'] });
    await sut.createUser({ username: 'wl-other', role: Role.Assistant, mandates: ['HOUSING'] });
    holderToken = (await sut.createUser({ username: 'wl-holder', role: Role.MandateHolder, mandates: ['EXPRESSION'] }))
      .token;
    defendersToken = (
      await sut.createUser({ username: 'wl-defenders', role: Role.MandateHolder, mandates: ['DEFENDERS'] })
    ).token;
    await sut.createUser({ username: 'wl-gov', role: Role.Government, stateCode: 'IRN' });
    await sut.createUser({ username: 'wl-committee', role: Role.Committee });
    assistant = await login('wl-assistant');
  });

  afterAll(async () => {
    await sut.close();
  });

  describe('new letter', () => {
    it('creates a draft from the form and shows it', async () => {
      const created = await assistant.submit('/en/workspace/letters/new', 'form#letter-editor', editorFields());
      expect(created.status).toBe(303);
      expect(created.location).toMatch(/^\/en\/workspace\/letters\/[0-9a-f-]{36}\?saved=1$/);
      const page = await assistant.get(created.location!);
      expect(page.status).toBe(200);
      expect(page.$('.banner--success')?.text).toContain('The draft is saved.');
      expect(page.$('#letter-text')?.text).toContain('death sentence imposed on a journalist');
      expect(page.$('#action-edit')).not.toBeNull();
      expect(page.$('#letter-pdf')).toBeNull();
    });

    it('answers 422 with the error summary and keeps what was typed', async () => {
      const body = 'A long text the assistant typed and must not lose <b>bold</b>.';
      const page = await assistant.submit(
        '/en/workspace/letters/new',
        'form#letter-editor',
        editorFields({ subject: '', body, 'victim-0-name': '', 'perpetrator-0-name': '' }),
      );
      expect(page.status).toBe(422);
      expect(page.$('title')?.text).toMatch(/^Error: /);
      expect(errorSummary(page)).toContain('#subject Enter a subject of 3 to 500 characters');
      expect(errorSummary(page)).toContain('#victim-0-name Enter at least one alleged victim');
      expect(errorSummary(page)).toContain('#perpetrator-0-name');
      expect(page.$('textarea#body')?.text).toBe(body);
      expect(page.$('#subject')?.getAttribute('aria-invalid')).toBe('true');
    });

    it('adds a victim row without a script, keeping the rows typed', async () => {
      const page = await assistant.submit(
        '/en/workspace/letters/new',
        'form#letter-editor',
        editorFields({ action: 'add-victim', 'victim-0-name': 'First Victim' }),
      );
      expect(page.status).toBe(200);
      expect(page.$$('fieldset.victim-row')).toHaveLength(2);
      expect(page.$('#victim-0-name')?.getAttribute('value')).toBe('First Victim');
      expect(page.$('#victim-1-name')?.getAttribute('value')).toBe('');
      const saved = await assistant.post(
        '/en/workspace/letters/new',
        editorFields({ 'victim-1-name': 'Second Victim', 'victim-1-gender': 'female' }),
      );
      expect(saved.status).toBe(303);
      const id = /letters\/([0-9a-f-]{36})/.exec(saved.location!)![1];
      const letter = await sut.get(`/communications/${id}`, { token: assistantToken });
      expect(letter.body.victims.map((victim: { name: string }) => victim.name)).toEqual([
        'Reza Example',
        'Second Victim',
      ]);
    });

    it('refuses a form without its CSRF token', async () => {
      const answer = await assistant.postRaw('/en/workspace/letters/new', editorFields());
      expect(answer.status).toBe(403);
      const list = await sut.get('/communications?limit=100', { token: assistantToken });
      expect(list.body.items.some((letter: { subject: string }) => letter.subject === 'Forged')).toBe(false);
    });
  });

  describe('draft editor', () => {
    it('saves an edit with the revision the page was loaded with', async () => {
      const id = await draft();
      const saved = await assistant.submit(`/en/workspace/letters/${id}/edit`, 'form#letter-editor', {
        subject: 'A better subject',
        type: 'UA',
        'victim-0-gender': 'male',
        'victim-0-ageGroup': 'adult',
        'perpetrator-0-kind': 'state',
        recipient: 'IRN',
      });
      expect(saved.status).toBe(303);
      const letter = await sut.get(`/communications/${id}`, { token: assistantToken });
      expect(letter.body.subject).toBe('A better subject');
      expect(letter.body.currentVersion.number).toBe(2);
    });

    it('on a conflict keeps the unsaved text and shows the other version beside it', async () => {
      const id = await draft({ body: 'The original text of the letter.' });
      const colleague = await login('wl-colleague');
      const mine = await assistant.get(`/en/workspace/letters/${id}/edit`);
      const theirs = await colleague.get(`/en/workspace/letters/${id}/edit`);
      const hidden = (page: PageAnswer) => ({
        revision: page.$('input[name=revision]')!.getAttribute('value')!,
        version: page.$('input[name=version]')!.getAttribute('value')!,
      });
      const fields = (text: string) =>
        editorFields({ body: text, 'victim-1-name': 'Maryam Example', 'victim-1-confidential': 'yes' });

      const first = await colleague.post(`/en/workspace/letters/${id}/edit`, {
        ...fields('The original text of the letter, with the colleague’s addition.'),
        ...hidden(theirs),
      });
      expect(first.status).toBe(303);

      const myText = 'My own careful rewording that must survive the conflict.';
      const second = await assistant.post(`/en/workspace/letters/${id}/edit`, { ...fields(myText), ...hidden(mine) });
      expect(second.status).toBe(409);
      expect(second.$('textarea#body')?.text).toBe(myText);
      expect(second.$('#their-version')?.text).toContain('with the colleague’s addition');
      expect(second.$('#conflict ins')?.text).toContain('with the colleague’s addition');
      expect(errorSummary(second)).toContain('#body Someone else saved this letter');
      // The form now carries the current revision: saving again is the person's decision, and succeeds.
      expect(second.$('input[name=revision]')?.getAttribute('value')).not.toBe(hidden(mine).revision);
      const again = await assistant.post(`/en/workspace/letters/${id}/edit`, {
        ...fields(myText),
        ...hidden(second),
      });
      expect(again.status).toBe(303);
      const letter = await sut.get(`/communications/${id}`, { token: assistantToken });
      expect(letter.body.body).toBe(myText);
    });

    it('answers 422 on bad input keeping the text, and 403 without the CSRF token', async () => {
      const id = await draft();
      const page = await assistant.get(`/en/workspace/letters/${id}/edit`);
      const revision = page.$('input[name=revision]')!.getAttribute('value')!;
      const invalid = await assistant.post(`/en/workspace/letters/${id}/edit`, {
        ...editorFields({ recipient: '', body: 'Kept text' }),
        revision,
        version: '1',
      });
      expect(invalid.status).toBe(422);
      expect(errorSummary(invalid)).toContain('#recipient');
      expect(invalid.$('textarea#body')?.text).toBe('Kept text');
      const forged = await assistant.postRaw(`/en/workspace/letters/${id}/edit`, {
        ...editorFields({ subject: 'Forged subject' }),
        revision,
      });
      expect(forged.status).toBe(403);
      expect((await sut.get(`/communications/${id}`, { token: assistantToken })).body.subject).not.toBe(
        'Forged subject',
      );
    });
  });

  describe('list and find by reference', () => {
    let sentId: string;
    let sentReference: string;

    beforeAll(async () => {
      sentId = await draft({ type: 'AL', subject: 'Allegation about a detained lawyer' });
      await approve(sentId, holderToken);
      const sent = await sut.post(`/communications/${sentId}/transmit`, {}, { token: assistantToken });
      if (sent.status !== 200) {
        throw new Error(`transmit failed: ${sent.status}`);
      }
      sentReference = sent.body.letters[0].reference;
    });

    it('lists the letters of the mandates with filters', async () => {
      const page = await assistant.get('/en/workspace/letters?status=sent&type=AL&year=2026&mandate=EXPRESSION');
      expect(page.status).toBe(200);
      const rows = page.$$('#letters tbody tr').map((row) => row.text);
      expect(rows.some((row) => row.includes(sentReference))).toBe(true);
      expect(rows.every((row) => row.includes('Allegation letter'))).toBe(true);
      const drafts = await assistant.get('/en/workspace/letters?status=draft');
      expect(drafts.$$('#letters tbody tr').some((row) => row.text.includes(sentReference))).toBe(false);
      const otherYear = await assistant.get('/en/workspace/letters?year=2025');
      expect(otherYear.$('#no-letters')).not.toBeNull();
    });

    it('answers 422 on a bad filter, keeping what was typed', async () => {
      const page = await assistant.get('/en/workspace/letters?year=26x&recipient=iran&mandate=HOUSING');
      expect(page.status).toBe(422);
      expect(errorSummary(page)).toContain('#year');
      expect(errorSummary(page)).toContain('#recipient');
      expect(errorSummary(page)).toContain('#mandate');
      expect(page.$('#year')?.getAttribute('value')).toBe('26x');
    });

    it('finds a letter by its reference, typed loosely', async () => {
      const loose = sentReference.toLowerCase().replace('/', ' ');
      const found = await assistant.get(`/en/workspace/letters?reference=${encodeURIComponent(loose)}`);
      expect(found.status).toBe(303);
      expect(found.location).toBe(`/en/workspace/letters/${sentId}`);
      const exact = await assistant.get(`/en/workspace/letters?reference=${encodeURIComponent(sentReference)}`);
      expect(exact.location).toBe(`/en/workspace/letters/${sentId}`);

      const letter = await assistant.get(found.location!);
      expect(letter.$('h1')?.text).toContain(sentReference);
      expect(letter.$('#letter-pdf')?.getAttribute('href')).toBe(`/en/workspace/letters/${sentId}/letter.pdf`);
    });

    it('says the same for an unknown reference and one of another mandate', async () => {
      const other = await login('wl-other');
      const foreign = await other.get(`/en/workspace/letters?reference=${encodeURIComponent(sentReference)}`);
      const unknown = await other.get('/en/workspace/letters?reference=UA%20IRN%20999%2F2026');
      expect(foreign.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect(errorSummary(foreign)).toContain(`No letter of your mandates has the reference ${sentReference}`);
      expect(foreign.text).not.toContain('detained lawyer');
      const malformed = await other.get('/en/workspace/letters?reference=nonsense');
      expect(malformed.status).toBe(422);
      expect(errorSummary(malformed)).toContain('#reference Enter a reference such as UA IRN 5/2023');
    });
  });

  describe('scoping', () => {
    it('answers the 404 page to another mandate, a Government and the Committee on every page', async () => {
      const id = await draft({ subject: 'Confidential draft subject' });
      const others = [await login('wl-other'), await login('wl-gov'), await login('wl-committee')];
      const pages = ['', '/edit', '/versions', '/approvals', '/send', '/abandon', '/timeline'];
      for (const browser of others) {
        for (const page of pages) {
          const answer = await browser.get(`/en/workspace/letters/${id}${page}`);
          expect([page, answer.status]).toEqual([page, 404]);
          expect(answer.text).not.toContain('Confidential draft subject');
        }
        const posted = await browser.post(`/en/workspace/letters/${id}/abandon`, { reason: 'Not mine to abandon' });
        expect(posted.status).toBe(404);
      }
      const list = await others[0]!.get('/en/workspace/letters');
      expect(list.text).not.toContain('Confidential draft subject');
      expect((await others[1]!.get('/en/workspace/letters')).status).toBe(404);
      // A mandate-holder of the letter reads it, but the assistants' forms are not theirs.
      const holder = await login('wl-holder');
      expect((await holder.get(`/en/workspace/letters/${id}`)).status).toBe(200);
      expect((await holder.get(`/en/workspace/letters/${id}/versions`)).status).toBe(200);
      expect((await holder.get(`/en/workspace/letters/${id}/edit`)).status).toBe(404);
      expect((await holder.get(`/en/workspace/letters/${id}/send`)).status).toBe(404);
      expect((await sut.browser().get(`/en/workspace/letters/${id}/edit`)).status).toBe(303);
      expect((await assistant.get('/en/workspace/letters/not-a-uuid/edit')).status).toBe(404);
    });
  });

  describe('versions, invitations, approvals, sending', () => {
    it('compares two versions with insertions and deletions marked for screen readers', async () => {
      const id = await draft({ body: 'The authorities arrested the journalist yesterday.' });
      const edit = await assistant.get(`/en/workspace/letters/${id}/edit`);
      await assistant.post(`/en/workspace/letters/${id}/edit`, {
        ...editorFields({ body: 'The authorities detained the journalist on Monday.' }),
        revision: edit.$('input[name=revision]')!.getAttribute('value')!,
        version: '1',
      });
      const page = await assistant.get(`/en/workspace/letters/${id}/versions?from=1&to=2`);
      expect(page.status).toBe(200);
      expect(page.$$('#versions tbody tr')).toHaveLength(2);
      const comparison = page.$('#comparison')!;
      expect(
        comparison
          .querySelectorAll('ins')
          .map((ins) => ins.text)
          .join(' '),
      ).toContain('detained');
      expect(
        comparison
          .querySelectorAll('del')
          .map((del) => del.text)
          .join(' '),
      ).toContain('arrested');
      expect(comparison.querySelector('ins .visually-hidden')).not.toBeNull();
      const bad = await assistant.get(`/en/workspace/letters/${id}/versions?from=9&to=2`);
      expect(bad.status).toBe(422);
      expect(errorSummary(bad)).toContain('#from Choose a version from 1 to 2');
    });

    it('invites a co-signing mandate, shows approvals per mandate, confirms and sends', async () => {
      const id = await draft();
      const none = await assistant.submit(`/en/workspace/letters/${id}/approvals`, 'form#invite', {});
      expect(none.status).toBe(422);
      expect(errorSummary(none)).toContain('#mandates Choose at least one mandate to invite');
      const badDeadline = await assistant.post(`/en/workspace/letters/${id}/approvals`, {
        mandates: 'DEFENDERS',
        'deadline-day': '31',
        'deadline-month': '2',
        'deadline-year': '2026',
      });
      expect(badDeadline.status).toBe(422);
      expect(badDeadline.$('#deadline-day')?.getAttribute('value')).toBe('31');
      expect(badDeadline.$('input[value=DEFENDERS]')?.getAttribute('checked')).toBeDefined();

      const invited = await assistant.post(`/en/workspace/letters/${id}/approvals`, { mandates: 'DEFENDERS' });
      expect(invited.status).toBe(303);
      const approvals = await assistant.get(invited.location!);
      expect(approvals.$('#mandates')?.text).toContain('Awaited');

      const blocked = await assistant.get(`/en/workspace/letters/${id}/send`);
      expect(blocked.status).toBe(200);
      expect(blocked.$('#missing')?.text).toMatch(/human rights defenders|freedom of opinion/i);
      expect(blocked.$('form#send')).toBeNull();
      const refused = await assistant.post(`/en/workspace/letters/${id}/send`);
      expect(refused.status).toBe(409);
      expect(errorSummary(refused)).toContain('#missing');

      await approve(id, holderToken);
      await approve(id, defendersToken);
      const approved = await assistant.get(`/en/workspace/letters/${id}/approvals`);
      expect(approved.$$('#mandates tbody tr').every((row) => row.text.includes('Approved'))).toBe(true);
      expect(approved.$$('#decisions tbody tr')).toHaveLength(2);

      const confirm = await assistant.get(`/en/workspace/letters/${id}/send`);
      const predicted = confirm.$('#references tbody td')!.text.trim();
      expect(predicted).toMatch(/^UA IRN \d+\/2026$/);
      expect(confirm.$('dl.summary-list')?.text).toContain('May 1, 2026');
      const sent = await assistant.submit(`/en/workspace/letters/${id}/send`, 'form#send', {});
      expect(sent.status).toBe(303);
      const letter = await assistant.get(sent.location!);
      expect(letter.$('.banner--success')?.text).toContain(`The letter is sent as ${predicted}.`);
      expect(letter.$('h1')?.text).toContain(predicted);
      expect(letter.$('#letter-pdf')).not.toBeNull();

      const timeline = await assistant.get(`/en/workspace/letters/${id}/timeline`);
      const events = timeline.$$('ol.timeline li').map((item) => item.text.replace(/\s+/g, ' '));
      expect(events[0]).toContain('wl-assistant created the draft');
      expect(events.some((event) => event.includes('wl-assistant invited mandates to co-sign'))).toBe(true);
      expect(events.some((event) => event.includes('wl-holder approved'))).toBe(true);
      expect(events.some((event) => event.includes(`wl-assistant sent the letter`) && event.includes(predicted))).toBe(
        true,
      );
      expect(events.some((event) => /e-mail/.test(event))).toBe(true);
      // The e-mails the letter caused, and to whom: Iran's focal point was told of the letter.
      const mails = timeline
        .$$('table#mails tbody tr')
        .map((row) => row.querySelectorAll('td').map((cell) => cell.text.trim()));
      expect(mails).toEqual(
        expect.arrayContaining([
          [
            expect.any(String),
            expect.any(String),
            'wl-gov@test.local',
            expect.stringMatching(/^(Waiting to be sent|Sent)$/),
          ],
        ]),
      );
      expect(mails.every(([when]) => !/\d{4}-\d{2}-\d{2}/.test(when))).toBe(true);
    });
  });

  describe('abandon, extension, reply', () => {
    it('abandons a draft with a reason kept in the record', async () => {
      const id = await draft();
      const short = await assistant.submit(`/en/workspace/letters/${id}/abandon`, 'form#abandon', { reason: 'no' });
      expect(short.status).toBe(422);
      expect(short.$('textarea#reason')?.text).toBe('no');
      expect(errorSummary(short)).toContain('#reason');
      const done = await assistant.submit(`/en/workspace/letters/${id}/abandon`, 'form#abandon', {
        reason: 'The victim was released',
      });
      expect(done.status).toBe(303);
      const page = await assistant.get(done.location!);
      expect(page.$('#letter-status')?.text).toContain('Abandoned');
      expect(page.text).toContain('The victim was released');
      expect(page.$('#action-edit')).toBeNull();
      expect((await assistant.get(`/en/workspace/letters/${id}/edit`)).status).toBe(303);
    });

    it('extends the reply deadline and records a reply received by another channel', async () => {
      const id = await draft({ type: 'AL' });
      await approve(id, holderToken);
      expect((await sut.post(`/communications/${id}/transmit`, {}, { token: assistantToken })).status).toBe(200);

      const missing = await assistant.submit(`/en/workspace/letters/${id}/extension`, 'form#extension', {
        reason: 'Asked by the mission',
      });
      expect(missing.status).toBe(422);
      expect(errorSummary(missing)).toContain('#date-day Enter the new reply-by date');
      expect(missing.$('textarea#reason')?.text).toBe('Asked by the mission');
      const extended = await assistant.submit(`/en/workspace/letters/${id}/extension`, 'form#extension', {
        'date-day': '15',
        'date-month': '6',
        'date-year': '2026',
        reason: 'Asked by the mission',
      });
      expect(extended.status).toBe(303);
      expect((await sut.get(`/communications/${id}`, { token: assistantToken })).body.replyRequestedBy).toBe(
        '2026-06-15',
      );

      const future = await assistant.submit(`/en/workspace/letters/${id}/reply`, 'form#record-reply', {
        'date-day': '1',
        'date-month': '1',
        'date-year': '2027',
        language: 'fr',
        text: 'Réponse du Gouvernement',
      });
      expect(future.status).toBe(422);
      expect(errorSummary(future)).toContain('#date-day The day of receipt cannot be in the future');
      expect(future.$('textarea#text')?.text).toBe('Réponse du Gouvernement');
      const recorded = await assistant.submit(`/en/workspace/letters/${id}/reply`, 'form#record-reply', {
        language: 'fr',
        text: 'Réponse du Gouvernement',
      });
      expect(recorded.status).toBe(303);
      const page = await assistant.get(recorded.location!);
      expect(page.$('#replies')?.text).toContain('Réponse du Gouvernement');
      // The same form posted twice (a double click) records one reply.
      await assistant.post(`/en/workspace/letters/${id}/reply`, {
        'date-day': '2',
        'date-month': '3',
        'date-year': '2026',
        channel: 'email',
        language: 'fr',
        text: 'Twice',
        key: '11111111-1111-4111-8111-111111111111',
      });
      await assistant.post(`/en/workspace/letters/${id}/reply`, {
        'date-day': '2',
        'date-month': '3',
        'date-year': '2026',
        channel: 'email',
        language: 'fr',
        text: 'Twice',
        key: '11111111-1111-4111-8111-111111111111',
      });
      const replies = await sut.get(`/communications/${id}/replies`, { token: assistantToken });
      expect(replies.body.filter((reply: { text: string }) => reply.text === 'Twice')).toHaveLength(1);
    });
  });
});
