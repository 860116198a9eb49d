import { Role } from '@spcomms/access';
import { SCREENING_CRITERIA } from '@spcomms/submissions';
import { TestClock } from '@spcomms/testing';
import { draftBody } from '../support/letters';
import { Browser, TEST_PASSWORD, WebTestApp, createWebTestApp } from '../support/web';

const SOURCE_NAME = 'Olga Sourcewitness';
const NOBODY = '00000000-0000-4000-8000-000000000000';

/** The selects of the edit form as the page fills them (the test client posts only inputs and textareas). */
const SELECTS = {
  'victim-0-kind': 'person',
  'victim-0-gender': 'female',
  'victim-0-ageGroup': 'adult',
  'victim-1-kind': 'person',
  'victim-1-gender': '',
  'victim-1-ageGroup': '',
  'perpetrator-0-kind': 'state',
  'perpetrator-1-kind': 'state',
};

/** `/workspace/submissions/{id}/edit` and the form `#link-letter` of a submission's page. */
describe('editing a submission and linking it to a letter, in the workspace', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    sut = await createWebTestApp({ clock });
    const users: Array<[string, Role, { mandates?: string[] }]> = [
      ['edit-assistant', Role.Assistant, { mandates: ['EXPRESSION'] }],
      ['edit-assistant-torture', Role.Assistant, { mandates: ['TORTURE'] }],
      ['edit-holder', Role.MandateHolder, { mandates: ['EXPRESSION'] }],
    ];
    for (const [username, role, scope] of users) {
      tokens[username] = (await sut.createUser({ username, role, ...scope })).token;
    }
  });

  afterAll(async () => {
    await sut?.close();
  });

  async function loggedIn(username: string): Promise<Browser> {
    const browser = sut.browser();
    await browser.login(username, TEST_PASSWORD);
    return browser;
  }

  async function submission(screen = false): Promise<{ id: string; receiptCode: string }> {
    const token = { token: tokens['edit-assistant'] };
    const created = await sut.post(
      '/submissions',
      {
        channel: 'email',
        stateCode: 'IRN',
        mandates: ['EXPRESSION'],
        victims: [{ kind: 'person', name: 'Maryam Example', gender: 'female', ageGroup: 'adult' }],
        perpetrators: [{ kind: 'state', description: 'Officers of the Ministry of Intelligence' }],
        source: { name: SOURCE_NAME, email: 'olga@example.org', relation: 'witness' },
        occurredFrom: '2026-01-10',
        place: 'Evin prison, Tehran',
        description: 'A journalist was arrested at her home and taken to an unknown place of detention.',
      },
      token,
    );
    expect(created.status).toBe(201);
    if (screen) {
      const criteria = SCREENING_CRITERIA.map((criterion) => ({ criterion, passed: true }));
      expect((await sut.post(`/submissions/${created.body.id}/screening`, { criteria }, token)).status).toBe(200);
    }
    return created.body;
  }

  const stored = async (id: string) =>
    (
      await sut
        .dataSource()
        .query('SELECT place, description, victims, occurred_to::text AS occurred_to FROM submission WHERE id = $1', [
          id,
        ])
    )[0];

  it('shows the facts as a form, keeps what was typed on a 422 with the error summary, then saves', async () => {
    const { id } = await submission();
    const browser = await loggedIn('edit-assistant');
    const page = await browser.get(`/en/workspace/submissions/${id}`);
    expect(page.$('a#edit-facts')!.getAttribute('href')).toBe(`/en/workspace/submissions/${id}/edit`);

    const address = `/en/workspace/submissions/${id}/edit`;
    const form = await browser.get(address);
    expect(form.status).toBe(200);
    expect(form.$('h1')!.text).toContain('Edit the facts');
    expect(form.$('#place')!.getAttribute('value')).toBe('Evin prison, Tehran');
    expect(form.$('#occurredFrom-year')!.getAttribute('value')).toBe('2026');
    expect(form.$('#victim-0-name')!.getAttribute('value')).toBe('Maryam Example');
    expect(form.$('#victim-1-name')!.getAttribute('value')).toBe('');
    expect(form.text).not.toContain(SOURCE_NAME);
    const arabic = await browser.get(`/ar/workspace/submissions/${id}/edit`);
    expect(arabic.status).toBe(200);
    expect(arabic.$('html')!.getAttribute('dir')).toBe('rtl');
    expect(arabic.$('h1')!.text).toContain('تعديل وقائع البلاغ');

    // Without the CSRF token: refused, nothing written.
    const forged = await browser.postRaw(address, { place: 'Forged place' });
    expect(forged.status).toBe(403);

    const bad = await browser.submit(address, 'form#edit-submission', {
      ...SELECTS,
      description: 'Too short.',
      place: 'Qarchak prison, Varamin',
      'occurredTo-day': '31',
      'occurredTo-month': '2',
      'occurredTo-year': '2026',
      'victim-1-name': 'Sara Cellmate',
    });
    expect(bad.status).toBe(422);
    expect(bad.$('title')!.text).toMatch(/^Error:/);
    const summary = bad.$('.error-summary')!;
    expect(summary.querySelectorAll('a').map((link) => link.getAttribute('href'))).toEqual([
      '#occurredTo-day',
      '#description',
    ]);
    expect(bad.$('#place')!.getAttribute('value')).toBe('Qarchak prison, Varamin');
    expect(bad.$('#victim-1-name')!.getAttribute('value')).toBe('Sara Cellmate');
    expect(bad.$('#occurredTo-day')!.getAttribute('value')).toBe('31');
    expect((await stored(id)).place).toBe('Evin prison, Tehran');

    // The C1 check of the service: no victim and no law or policy.
    const empty = await browser.submit(address, 'form#edit-submission', { ...SELECTS, 'victim-0-name': '' });
    expect(empty.status).toBe(422);
    expect(empty.$('.error-summary a')!.getAttribute('href')).toBe('#victim-0-name');

    const saved = await browser.submit(address, 'form#edit-submission', {
      ...SELECTS,
      place: 'Qarchak prison, Varamin',
      'occurredTo-day': '12',
      'occurredTo-month': '1',
      'occurredTo-year': '2026',
      'victim-1-name': 'Sara Cellmate',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/en/workspace/submissions/${id}?done=edited`);
    const row = await stored(id);
    expect(row).toMatchObject({ place: 'Qarchak prison, Varamin', occurred_to: '2026-01-12' });
    expect(row.victims.map((victim: { name: string }) => victim.name)).toEqual(['Maryam Example', 'Sara Cellmate']);
    expect(row.victims[0]).toMatchObject({ gender: 'female', ageGroup: 'adult' });
    const after = await browser.get(saved.location!);
    expect(after.$('.banner')!.text).toContain('saved');
    expect(after.$('#submission-victims')!.text).toContain('Sara Cellmate');
  });

  it('answers the 404 page of a missing submission to another mandate, a holder, and for a final one', async () => {
    const { id } = await submission();
    const other = await loggedIn('edit-assistant-torture');
    const address = `/en/workspace/submissions/${id}/edit`;
    const [refused, absent] = [await other.get(address), await other.get(address.replace(id, NOBODY))];
    expect([refused.status, absent.status]).toEqual([404, 404]);
    expect(refused.text).not.toContain(SOURCE_NAME);
    expect((await other.post(address, { ...SELECTS, place: 'Elsewhere' })).status).toBe(404);

    const holder = await loggedIn('edit-holder');
    expect((await holder.get(address)).status).toBe(404);
    expect((await holder.get(`/en/workspace/submissions/${id}`)).$('a#edit-facts')).toBeNull();
    expect((await stored(id)).place).toBe('Evin prison, Tehran');

    const owner = await loggedIn('edit-assistant');
    expect(
      (
        await sut.post(
          `/submissions/${id}/reject`,
          { reason: 'Outside the mandate' },
          { token: tokens['edit-assistant'] },
        )
      ).status,
    ).toBe(200);
    expect((await owner.get(address)).status).toBe(404);
    expect((await owner.get(`/en/workspace/submissions/${id}`)).$('a#edit-facts')).toBeNull();
  });

  it('links a screened submission to a draft of the mandates chosen from a list; 422 without a choice', async () => {
    const { id } = await submission(true);
    const token = { token: tokens['edit-assistant'] };
    const draft = await sut.post(
      '/communications',
      draftBody({ leadMandate: 'EXPRESSION', subject: 'Arrest of a journalist' }),
      token,
    );
    expect(draft.status).toBe(201);
    const foreign = await sut.post(
      '/communications',
      draftBody({ leadMandate: 'TORTURE', subject: 'Torture in detention' }),
      { token: tokens['edit-assistant-torture'] },
    );
    expect(foreign.status).toBe(201);

    const browser = await loggedIn('edit-assistant');
    const address = `/en/workspace/submissions/${id}`;
    const page = await browser.get(address);
    const choices = page.$('form#link-letter')!.querySelectorAll('input[name=draft]');
    expect(choices.map((input) => input.getAttribute('value'))).toContain(draft.body.id);
    expect(choices.map((input) => input.getAttribute('value'))).not.toContain(foreign.body.id);
    expect(page.$('form#link-letter')!.text).toContain('Arrest of a journalist');

    const none = await browser.submit(address, 'form#link-letter', {});
    expect(none.status).toBe(422);
    expect(none.$('.error-summary a')!.getAttribute('href')).toBe('#draft');

    // Another mandate's draft, posted by hand: refused with the same words as a draft that is gone.
    const forged = await browser.submit(address, 'form#link-letter', { draft: foreign.body.id });
    expect(forged.status).toBe(422);
    expect(forged.text).not.toContain('Torture in detention');

    const linked = await browser.submit(address, 'form#link-letter', { draft: draft.body.id });
    expect(linked.status).toBe(303);
    expect(linked.location).toBe(`${address}?done=linked`);
    const after = await browser.get(linked.location!);
    expect(after.$('#letters a')!.getAttribute('href')).toBe(`/en/workspace/letters/${draft.body.id}`);
    expect(after.$('form#link-letter')).toBeNull();
    expect(after.$('#no-drafts')).not.toBeNull();
    const read = await sut.get(`/submissions/${id}`, token);
    expect(read.body.communicationIds).toEqual([draft.body.id]);
  });
});
