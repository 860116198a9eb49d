import { Role } from '@spcomms/access';
import { SCREENING_CRITERIA } from '@spcomms/submissions';
import { TestClock } from '@spcomms/testing';
import { draftBody, editBody } from '../support/letters';
import { Browser, WebTestApp, createUsers, createWebTestApp, loggedInBrowser } from '../support/web';

const NOBODY = '00000000-0000-4000-8000-000000000000';
const SOURCE = /Ivan|Informant/;

/** A form with a field given more than once (ticked checkboxes), as URLSearchParams takes it. */
const form = (pairs: Array<[string, string]>) => pairs as unknown as Record<string, string>;

/** `/workspace/letters/{id}/publication`: the redaction check refuses a text naming the source (C14). */
describe('the redaction check page', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    sut = await createWebTestApp({ clock });
    Object.assign(
      tokens,
      await createUsers(sut, [
        ['red-assistant', Role.Assistant, { mandates: ['EXPRESSION'] }],
        ['red-assistant-torture', Role.Assistant, { mandates: ['TORTURE'] }],
        ['red-holder', Role.MandateHolder, { mandates: ['EXPRESSION'] }],
        ['red-gov', Role.Government, { stateCode: 'IRN' }],
      ]),
    );
  });

  afterAll(async () => {
    await sut?.close();
  });

  const loggedIn = (username: string): Promise<Browser> => loggedInBrowser(sut, username);

  /** A draft from a screened submission whose source is Ivan Informant; the body names him. */
  async function draftNamingTheSource(): Promise<{ id: string; revision: number }> {
    const created = await sut.post(
      '/submissions',
      {
        channel: 'email',
        stateCode: 'IRN',
        mandates: ['EXPRESSION'],
        victims: [{ kind: 'person', name: 'Maryam Example', gender: 'female', ageGroup: 'adult' }],
        perpetrators: [{ kind: 'state', description: 'Officers of the Ministry of Intelligence' }],
        source: { name: 'Ivan Informant', email: 'ivan@viasna.example.org', relation: 'witness' },
        occurredFrom: '2026-01-10',
        place: 'Evin prison, Tehran',
        description: 'A journalist was arrested at her home and taken to an unknown place of detention.',
      },
      { token: tokens['red-assistant'] },
    );
    expect(created.status).toBe(201);
    const criteria = SCREENING_CRITERIA.map((criterion) => ({ criterion, passed: true }));
    await sut.post(`/submissions/${created.body.id}/screening`, { criteria }, { token: tokens['red-assistant'] });
    const draft = await sut.post(
      '/communications',
      draftBody({
        submissionIds: [created.body.id],
        body: 'According to Ivan Informant, Ms. Maryam Example was arrested. Write to press@example.org.',
      }),
      { token: tokens['red-assistant'] },
    );
    expect(draft.status).toBe(201);
    return { id: draft.body.id, revision: draft.body.revision };
  }

  async function checks(id: string): Promise<number> {
    const rows = await sut.dataSource().query('SELECT 1 FROM redaction_check WHERE communication_id = $1', [id]);
    return rows.length;
  }

  it('shows both texts with the redactions marked, and refuses to confirm while the source is named', async () => {
    const { id, revision } = await draftNamingTheSource();
    const address = `/en/workspace/letters/${id}/publication`;
    const browser = await loggedIn('red-assistant');
    const page = await browser.get(address);
    expect(page.status).toBe(200);
    expect(page.$('#source-warning')!.text).toContain('The letter names the source: Ivan Informant');
    expect(page.$('#public-text')!.text).not.toMatch(SOURCE);
    expect(page.$('#public-text')!.querySelectorAll('mark.redaction').length).toBeGreaterThanOrEqual(2);
    expect(
      page
        .$('#internal-text')!
        .querySelectorAll('mark.redaction')
        .map((mark) => mark.text),
    ).toEqual(expect.arrayContaining([expect.stringContaining('Ivan Informant')]));

    // Without its token: refused.
    expect((await browser.postRaw(address, { version: '1', confirmed: 'source-0' })).status).toBe(403);

    // Nothing ticked: every issue in the summary, the notes kept.
    const none = await browser.submit(address, 'form#redaction-check', { notes: 'Read twice' });
    expect(none.status).toBe(422);
    const summary = none.$('.error-summary')!;
    expect(summary.text).toContain("Remove the source's name from the letter, or confirm it");
    expect(summary.text).toContain('A victim is named in public: Reza Example');
    expect(summary.text).toContain('An e-mail address: press@example.org');
    expect(summary.querySelector('a')!.getAttribute('href')).toBe('#confirm-source');
    expect(none.$('#notes')!.text).toBe('Read twice');

    // Everything else ticked, the source not: still refused, nothing recorded.
    const rest = await browser.request(
      'POST',
      address,
      form([
        ['_csrf', none.$('input[name=_csrf]')!.getAttribute('value')!],
        ['version', '1'],
        ['confirmed', 'victim-0'],
        ['confirmed', 'email-0'],
      ]),
    );
    expect(rest.status).toBe(422);
    expect(rest.$('#confirm-issues')!.getAttribute('checked')).toBeDefined();
    expect(await checks(id)).toBe(0);

    // The name taken out of the text: the warning goes, and the check is recorded once the rest is read.
    const edited = await sut.patch(
      `/communications/${id}`,
      editBody(revision, {
        body: 'According to a witness, Ms. Maryam Example was arrested. Write to press@example.org.',
      }),
      { token: tokens['red-assistant'] },
    );
    expect(edited.status).toBe(200);
    // A form of the earlier version is refused: the text changed.
    const stale = await browser.submit(address, 'form#redaction-check', { version: '1' });
    expect(stale.status).toBe(409);
    const again = await browser.get(address);
    expect(again.$('#source-warning')).toBeNull();
    expect(again.text).not.toMatch(SOURCE);
    const csrf = again.$('input[name=_csrf]')!.getAttribute('value')!;
    const done = await browser.request(
      'POST',
      address,
      form([
        ['_csrf', csrf],
        ['version', '2'],
        ['confirmed', 'victim-0'],
        ['confirmed', 'email-0'],
      ]),
    );
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${address}?done=checked`);
    expect(await checks(id)).toBe(1);
    const after = await browser.get(done.location!);
    expect(after.$('#redaction-checked')!.text).toContain('version 2');
    expect(after.$('form#redaction-check')).toBeNull();
  });

  it('is the 404 page for another mandate and a Government, and read-only for the mandate-holder', async () => {
    const { id } = await draftNamingTheSource();
    const address = `/en/workspace/letters/${id}/publication`;
    for (const username of ['red-assistant-torture', 'red-gov']) {
      const browser = await loggedIn(username);
      const [refused, absent] = [await browser.get(address), await browser.get(address.replace(id, NOBODY))];
      expect([refused.status, absent.status]).toEqual([404, 404]);
      expect(refused.text).not.toMatch(SOURCE);
      const same = (text: string) => text.replaceAll(id, NOBODY).replace(/name="_csrf" value="[\w-]+"/g, '');
      expect(same(refused.text)).toBe(same(absent.text));
      const posted = await browser.post(address, { version: '1', confirmed: 'source-0' });
      expect(posted.status).toBe(404);
      expect(posted.text).not.toMatch(SOURCE);
    }
    const holder = await loggedIn('red-holder');
    const page = await holder.get(address);
    expect(page.status).toBe(200);
    expect(page.$('form#redaction-check')).toBeNull();
    expect((await holder.post(address, { version: '1', confirmed: 'source-0' })).status).toBe(404);
    expect(await checks(id)).toBe(0);
  });
});
