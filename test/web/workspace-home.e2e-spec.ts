import { Role } from '@spcomms/access';
import { SCREENING_CRITERIA } from '@spcomms/submissions';
import { TestClock } from '@spcomms/testing';
import { draftBody } from '../support/letters';
import { Browser, TEST_PASSWORD, WebTestApp, createWebTestApp } from '../support/web';

/** `/{lang}/workspace`: what needs the assistant now, for their mandates only. */
describe("the assistant's home", () => {
  let sut: WebTestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    sut = await createWebTestApp({ clock });
    const users: Array<[string, Role, { mandates?: string[]; stateCode?: string }]> = [
      ['home-assistant', Role.Assistant, { mandates: ['EXPRESSION'] }],
      ['home-assistant-housing', Role.Assistant, { mandates: ['HOUSING'] }],
      ['home-sr-expression', Role.MandateHolder, { mandates: ['EXPRESSION'] }],
      ['home-sr-torture', Role.MandateHolder, { mandates: ['TORTURE'] }],
    ];
    for (const [username, role, scope] of users) {
      tokens[username] = (await sut.createUser({ username, role, ...scope })).token;
    }
  });

  afterAll(async () => {
    await sut?.close();
  });

  async function loggedIn(username: string): Promise<{ browser: Browser; landing: string }> {
    const browser = sut.browser();
    const answer = await browser.submit('/en/login', 'form#login', { username, password: TEST_PASSWORD });
    return { browser, landing: answer.location! };
  }

  const as = (username: string) => ({ token: tokens[username] });

  it('counts and lists what waits, each linking to its page, and shows nothing of another mandate', async () => {
    const submission = await sut.post(
      '/submissions',
      {
        channel: 'email',
        stateCode: 'IRN',
        mandates: ['EXPRESSION'],
        victims: [{ kind: 'person', name: 'Maryam Example' }],
        perpetrators: [{ kind: 'state', description: 'Police' }],
        source: { name: 'Ivan Informant', email: 'ivan@example.org', relation: 'witness' },
        occurredFrom: '2026-01-10',
        place: 'Tehran',
        description: 'A journalist was arrested at her home and taken to an unknown place of detention.',
      },
      as('home-assistant'),
    );
    expect(submission.status).toBe(201);

    // A joint draft that waits for the torture mandate, and one the lead's holder declined.
    const joint = await sut.post(
      '/communications',
      draftBody({ subject: 'Joint draft on detention' }),
      as('home-assistant'),
    );
    const signOnDeadline = '2026-03-10T17:00:00.000Z';
    expect(
      (
        await sut.post(
          `/communications/${joint.body.id}/invitations`,
          { mandates: ['TORTURE'], signOnDeadline },
          as('home-assistant'),
        )
      ).status,
    ).toBe(201);
    const declined = await sut.post('/communications', draftBody({ subject: 'Declined draft' }), as('home-assistant'));
    expect(
      (
        await sut.post(
          `/communications/${declined.body.id}/decisions`,
          { version: 1, decision: 'decline', note: 'Not yet' },
          as('home-sr-expression'),
        )
      ).status,
    ).toBe(201);
    // Approved by its only mandate: ready to send.
    const ready = await sut.post('/communications', draftBody({ subject: 'Ready draft' }), as('home-assistant'));
    await sut.post(
      `/communications/${ready.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      as('home-sr-expression'),
    );
    // Sent, then overdue and due for publication without a redaction check.
    const old = await sut.post('/communications', draftBody({ subject: 'Old letter' }), as('home-assistant'));
    await sut.post(
      `/communications/${old.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      as('home-sr-expression'),
    );
    const sent = await sut.post(`/communications/${old.body.id}/transmit`, {}, as('home-assistant'));
    expect(sent.status).toBe(200);
    const reference = sent.body.letters[0].reference as string;
    const visit = await sut.post(
      '/visits',
      { mandateCode: 'EXPRESSION', stateCode: 'CHE', purpose: 'To assess the freedom of the press' },
      as('home-assistant'),
    );
    expect(visit.status).toBe(201);

    const { browser, landing } = await loggedIn('home-assistant');
    expect(landing).toBe('/en/workspace');
    let page = await browser.get(landing);
    expect(page.status).toBe(200);
    expect(page.$('h1')!.text).toBe('What needs you now');
    expect(page.$('#submissions')!.text).toContain('1 submission waits for screening.');
    expect(page.$('#submissions a')!.getAttribute('href')).toBe(`/en/workspace/submissions/${submission.body.id}`);
    expect(page.text).not.toContain('Ivan Informant');
    const signatures = page.$('#signatures')!;
    expect(signatures.text).toContain('Joint draft on detention');
    expect(signatures.text).toContain('approval missing: EXPRESSION, TORTURE');
    expect(signatures.text).toContain('sign-on deadline');
    expect(page.$('#declined')!.text).toContain('declined by EXPRESSION');
    expect(page.$('#declined a')!.getAttribute('href')).toBe(`/en/workspace/letters/${declined.body.id}`);
    expect(page.$('#ready')!.text).toContain('Ready draft');
    expect(page.$('#ready')!.text).not.toContain('Joint draft');
    expect(page.$('#overdue')!.text).toContain('No letter is overdue.');
    expect(page.$('#visits')!.text).toContain('1 visit request awaits an answer.');
    expect(page.$('#visits a')!.getAttribute('href')).toBe(`/en/workspace/visits/${visit.body.id}`);
    // Iran has no focal point here: the letter reached nobody, and the home says so from the moment it is sent.
    const unreachable = page.$('#unreachable-letters')!;
    expect(unreachable.text).toContain(reference);
    expect(unreachable.querySelectorAll('a').map((link) => link.getAttribute('href'))).toEqual([
      `/en/workspace/letters/${old.body.id}`,
    ]);
    const links = page
      .$('#main')!
      .querySelectorAll('nav a')
      .map((link) => link.getAttribute('href'));
    expect(links).toEqual(
      expect.arrayContaining([
        '/en/workspace/letters',
        '/en/workspace/submissions',
        '/en/workspace/decisions',
        '/en/workspace/visits',
      ]),
    );

    // Screening the submission takes it off the list.
    await sut.post(
      `/submissions/${submission.body.id}/screening`,
      { criteria: SCREENING_CRITERIA.map((criterion) => ({ criterion, passed: true })) },
      as('home-assistant'),
    );
    // Past the reply date, and close to the public-from day: overdue, and its redaction check due.
    clock.set(new Date(Date.parse(`${sent.body.letters[0].replyRequestedBy}T09:00:00Z`) + 86_400_000).toISOString());
    // (Sessions end after weeks of idleness: log in again.)
    const later = await loggedIn('home-assistant');
    page = await later.browser.get(landing);
    expect(page.$('#overdue')!.text).toContain(reference);
    expect(page.$('#submissions')!.text).toContain('No submission waits for screening.');
    expect(page.$('#publication')!.text).toContain(reference);
    expect(page.$('#publication a')!.getAttribute('href')).toBe(`/en/workspace/letters/${old.body.id}/publication`);

    // Another mandate's assistant: none of it.
    const other = await loggedIn('home-assistant-housing');
    const theirs = await other.browser.get('/en/workspace');
    expect(theirs.status).toBe(200);
    for (const text of ['Joint draft', 'Declined draft', 'Ready draft', reference, 'CHE', 'Switzerland']) {
      expect(theirs.$('#main')!.text).not.toContain(text);
    }
    expect(theirs.$('#unreachable-letters')).toBeNull();
    // A mandate-holder is sent on; in Arabic the page mirrors and counts in Arabic words.
    const holder = await loggedIn('home-sr-expression');
    expect((await holder.browser.get('/en/workspace')).location).toBe('/en/account');
    const arabic = await later.browser.get('/ar/workspace');
    expect(arabic.status).toBe(200);
    expect(arabic.$('html')!.getAttribute('dir')).toBe('rtl');
    expect(arabic.$('#overdue')!.text).toContain('رسالة واحدة متأخرة.');
  });
});
