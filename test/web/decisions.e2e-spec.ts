import { randomBytes } from 'node:crypto';
import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { draftBody, editBody } from '../support/letters';
import { Browser, TEST_PASSWORD, WebTestApp, createWebTestApp } from '../support/web';

/**
 * Issue #15, mandate-holders: the queue of drafts awaiting their decision, the page that approves or
 * declines the exact version (bound to its number), and their mandates' letters and visits.
 */
describe('mandate-holders’ decision pages', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2026-04-06T09:00:00Z');
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    sut = await createWebTestApp({ clock });
    const users: Array<[string, Role, string[]]> = [
      ['dec-assistant', Role.Assistant, ['ASSEMBLY']],
      ['dec-sr-assembly', Role.MandateHolder, ['ASSEMBLY']],
      ['dec-sr-assembly-2', Role.MandateHolder, ['ASSEMBLY']],
      ['dec-sr-defenders', Role.MandateHolder, ['DEFENDERS']],
      ['dec-sr-toxics', Role.MandateHolder, ['TOXICS']],
    ];
    for (const [username, role, mandates] of users) {
      tokens[username] = (await sut.createUser({ username, role, mandates })).token;
    }
  });

  afterAll(async () => {
    await sut.close();
  });

  async function loggedIn(username: string): Promise<Browser> {
    const browser = sut.browser();
    await browser.login(username, TEST_PASSWORD);
    return browser;
  }

  /** A draft of the ASSEMBLY assistant, DEFENDERS invited when asked; answers its id and revision. */
  async function draft(
    subject: string,
    body: string,
    invite = false,
    signOnDeadline?: string,
  ): Promise<{ id: string; revision: number }> {
    const created = await sut.post(
      '/communications',
      draftBody({ leadMandate: 'ASSEMBLY', subject, body, type: 'AL' }),
      { token: tokens['dec-assistant'] },
    );
    expect(created.status).toBe(201);
    if (invite) {
      const invited = await sut.post(
        `/communications/${created.body.id}/invitations`,
        { mandates: ['DEFENDERS'], ...(signOnDeadline ? { signOnDeadline } : {}) },
        { token: tokens['dec-assistant'] },
      );
      expect(invited.status).toBe(201);
      return { id: created.body.id, revision: invited.body.revision };
    }
    return { id: created.body.id, revision: created.body.revision };
  }

  it('lands a holder on their queue, earliest sign-on deadline first, and hides it from other roles', async () => {
    const lead = await draft('Arrests of protesters', 'Text of the lead-only letter');
    const joint = await draft('Killings of defenders', 'Text of the joint letter', true);
    await draft('Threats against a lawyer', 'Text of the urgent joint letter', true, '2026-04-07T09:00:00Z');

    const defenders = sut.browser();
    const home = await defenders.submit('/en/login', 'form#login', {
      username: 'dec-sr-defenders',
      password: TEST_PASSWORD,
    });
    expect(home.location).toBe('/en/workspace/decisions');
    const queue = await defenders.get('/en/workspace/decisions');
    expect(queue.status).toBe(200);
    expect(queue.$('h1')!.text).toBe('Awaiting my decision');
    expect(queue.$$('#decisions tbody tr').map((row) => row.querySelector('th')!.text.trim())).toEqual([
      'Threats against a lawyer',
      'Killings of defenders',
    ]);

    const assembly = await loggedIn('dec-sr-assembly');
    const rows = (await assembly.get('/en/workspace/decisions')).$$('#decisions tbody tr');
    const subjects = rows.map((row) => row.querySelector('th')!.text.trim());
    expect(subjects).toEqual(expect.arrayContaining(['Arrests of protesters', 'Killings of defenders']));
    expect(rows[0]!.querySelector('a')!.getAttribute('href')).toMatch(/^\/en\/workspace\/decisions\/[0-9a-f-]{36}$/);

    // A holder of a mandate not on the letters: an empty queue, and the decision page is the 404 page.
    const toxics = await loggedIn('dec-sr-toxics');
    expect((await toxics.get('/en/workspace/decisions')).$('#no-decisions')).not.toBeNull();
    const refused = await toxics.get(`/en/workspace/decisions/${joint.id}`);
    const absent = await toxics.get('/en/workspace/decisions/00000000-0000-4000-8000-000000000000');
    expect([refused.status, absent.status]).toEqual([404, 404]);
    expect(refused.$('h1')!.text).toBe(absent.$('h1')!.text);
    expect(refused.text).not.toContain('Text of the joint letter');

    // An assistant is not a mandate-holder: the queue is the 404 page for them.
    const assistant = await loggedIn('dec-assistant');
    for (const address of ['/en/workspace/decisions', `/en/workspace/decisions/${lead.id}`, '/en/workspace/mandates']) {
      expect((await assistant.get(address)).status).toBe(404);
    }
    // Logged out: the login form, then back.
    expect((await sut.browser().get(`/en/workspace/decisions/${lead.id}`)).status).toBe(303);
  });

  it('approves the exact version, then declines one with a comment', async () => {
    const letter = await draft('Dissolution of an association', 'The first text of the letter');
    const holder = await loggedIn('dec-sr-assembly');
    const page = await holder.get(`/en/workspace/decisions/${letter.id}`);
    expect(page.status).toBe(200);
    expect(page.$('h1')!.text).toBe('Decide: Dissolution of an association');
    expect(page.$('#letter-text')!.getAttribute('lang')).toBe('en');
    expect(page.$('#letter-text')!.text).toContain('The first text of the letter');
    expect(page.$('#no-changes')).not.toBeNull();
    expect(page.$('form#decide input[name=version]')!.getAttribute('value')).toBe('1');

    const done = await holder.submit(`/en/workspace/decisions/${letter.id}`, 'form#decide', {
      decision: 'approve',
      note: 'Good to go',
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/en/workspace/decisions?done=approve');
    expect((await holder.get(done.location!)).$('.banner--success')!.text).toContain('Your approval is recorded.');
    const approvals = (await sut.get(`/communications/${letter.id}`, { token: tokens['dec-assistant'] })).body
      .approvals;
    expect(approvals).toEqual([
      expect.objectContaining({ mandate: 'ASSEMBLY', version: 1, decision: 'approve', note: 'Good to go' }),
    ]);
    // Decided: the page says so and has no form; the letter leaves the queue of both holders of the mandate.
    const after = await holder.get(`/en/workspace/decisions/${letter.id}`);
    expect(after.$('form#decide')).toBeNull();
    expect(after.$('#nothing-to-decide')!.text).toBe('Your mandate has approved this version.');
    const other = await loggedIn('dec-sr-assembly-2');
    const subjects = (await other.get('/en/workspace/decisions')).$$('#decisions tbody th').map((th) => th.text);
    expect(subjects).not.toContain('Dissolution of an association');

    // The assistant edits: the approval is void, and the page shows what changed since version 1.
    const edited = await sut.patch(
      `/communications/${letter.id}`,
      editBody((await sut.get(`/communications/${letter.id}`, { token: tokens['dec-assistant'] })).body.revision, {
        type: 'AL',
        subject: 'Dissolution of an association',
        body: 'The second text of the letter',
      }),
      { token: tokens['dec-assistant'] },
    );
    expect(edited.status).toBe(200);
    const again = await other.get(`/en/workspace/decisions/${letter.id}`);
    expect(again.$('#decision-version')!.text).toBe('Version 2 of the text');
    expect(again.$('#changes')!.text).toContain('Changes since version 1');
    expect(again.$('#changes del')!.text).toContain('first');
    expect(again.$('#changes ins')!.text).toContain('second');

    const declined = await other.submit(`/en/workspace/decisions/${letter.id}`, 'form#decide', {
      decision: 'decline',
      note: 'Name the association',
    });
    expect(declined.location).toBe('/en/workspace/decisions?done=decline');
    const decisions = (await sut.get(`/communications/${letter.id}`, { token: tokens['dec-assistant'] })).body
      .approvals;
    expect(decisions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ version: 2, decision: 'decline', note: 'Name the association', current: true }),
      ]),
    );
  });

  it('answers 422 with the error summary and keeps what was typed; a stale version records nothing', async () => {
    const letter = await draft('Closure of a newspaper', 'Text before the edit');
    const holder = await loggedIn('dec-sr-assembly');
    const address = `/en/workspace/decisions/${letter.id}`;

    const nothing = await holder.submit(address, 'form#decide', { note: 'A comment I typed' });
    expect(nothing.status).toBe(422);
    expect(nothing.$('.error-summary a[href="#decision"]')!.text).toBe('Choose whether you approve or decline');
    expect(nothing.$('textarea#note')!.text).toBe('A comment I typed');

    const noReason = await holder.submit(address, 'form#decide', { decision: 'decline', note: '' });
    expect(noReason.status).toBe(422);
    expect(noReason.$('.error-summary a[href="#note"]')).not.toBeNull();
    expect(noReason.$('input#decision-2')!.getAttribute('checked')).toBeDefined();

    // The page was opened at version 1; the assistant edits before the holder sends their decision.
    const opened = await holder.get(address);
    const version = opened.$('form#decide input[name=version]')!.getAttribute('value')!;
    expect(version).toBe('1');
    const current = (await sut.get(`/communications/${letter.id}`, { token: tokens['dec-assistant'] })).body;
    expect(
      (
        await sut.patch(
          `/communications/${letter.id}`,
          editBody(current.revision, { type: 'AL', subject: 'Closure of a newspaper', body: 'Text after the edit' }),
          { token: tokens['dec-assistant'] },
        )
      ).status,
    ).toBe(200);
    const stale = await holder.post(address, { version, decision: 'approve', note: 'Approved as read' });
    expect(stale.status).toBe(422);
    expect(stale.$('.error-summary')!.text).toContain('The text changed since you opened this page');
    expect(stale.$('.banner--important')!.text).toContain('You read version 1');
    expect(stale.$('#letter-text')!.text).toContain('Text after the edit');
    expect(stale.$('form#decide input[name=version]')!.getAttribute('value')).toBe('2');
    expect(stale.$('textarea#note')!.text).toBe('Approved as read');
    const approvals = (await sut.get(`/communications/${letter.id}`, { token: tokens['dec-assistant'] })).body
      .approvals;
    expect(approvals).toEqual([]);

    // Nonsense input is a 4xx, never a 500.
    for (const form of [
      { version: 'x', decision: 'approve' },
      { version: '1', decision: 'maybe' },
    ]) {
      expect((await holder.post(address, form)).status).toBe(422);
    }
    expect((await holder.post(address, { version: '2', decision: 'approve', note: 'x'.repeat(2001) })).status).toBe(
      422,
    );
  });

  it('refuses a decision posted without the form’s token', async () => {
    const letter = await draft('Ban on a demonstration', `Text ${randomBytes(3).toString('hex')}`);
    const holder = await loggedIn('dec-sr-assembly');
    await holder.get(`/en/workspace/decisions/${letter.id}`);
    const forged = await holder.postRaw(`/en/workspace/decisions/${letter.id}`, {
      version: '1',
      decision: 'approve',
    });
    expect(forged.status).toBe(403);
    expect((await sut.get(`/communications/${letter.id}`, { token: tokens['dec-assistant'] })).body.approvals).toEqual(
      [],
    );
  });

  it('lists the letters and visits of the holder’s mandates, read-only, in the page’s language', async () => {
    const letter = await draft('Detention of union leaders', 'Text of the union letter');
    const visit = await sut.post(
      '/visits',
      { mandateCode: 'ASSEMBLY', stateCode: 'CHE', purpose: 'Freedom of assembly in practice' },
      { token: tokens['dec-assistant'] },
    );
    expect(visit.status).toBe(201);
    const holder = await loggedIn('dec-sr-assembly');
    const page = await holder.get('/fr/workspace/mandates');
    expect(page.status).toBe(200);
    expect(page.$('h1')!.text).toBe('Lettres et visites de mes mandats');
    const letterLink = page.$$('#letters tbody a').find((a) => a.text === 'Detention of union leaders');
    expect(letterLink!.getAttribute('href')).toBe(`/fr/workspace/letters/${letter.id}`);
    expect(page.$('#visits tbody')!.text).toContain('Suisse');
    expect(page.$$('#main form')).toHaveLength(0);

    const toxics = await loggedIn('dec-sr-toxics');
    const theirs = await toxics.get('/en/workspace/mandates');
    expect(theirs.$('#no-letters')).not.toBeNull();
    expect(theirs.text).not.toContain('Detention of union leaders');
  });
});
