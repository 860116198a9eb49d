import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { draftBody } from '../support/letters';
import { multipartBody } from '../support/multipart';
import { Browser, WebTestApp, createUsers, createWebTestApp, loggedInBrowser } from '../support/web';

/** Issue #15: the assistant's home lists the replies they have not read yet, per person and mandate. */
describe("the assistant's replies not yet read", () => {
  let sut: WebTestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    sut = await createWebTestApp({ clock });
    Object.assign(
      tokens,
      await createUsers(sut, [
        ['unread-assistant', Role.Assistant, { mandates: ['EXPRESSION'] }],
        ['unread-colleague', Role.Assistant, { mandates: ['EXPRESSION'] }],
        ['unread-housing', Role.Assistant, { mandates: ['HOUSING'] }],
        ['unread-sr-expression', Role.MandateHolder, { mandates: ['EXPRESSION'] }],
        ['unread-gov-irn', Role.Government, { stateCode: 'IRN' }],
      ]),
    );
  });

  afterAll(async () => {
    await sut?.close();
  });

  const loggedIn = (username: string): Promise<Browser> => loggedInBrowser(sut, username);

  const as = (username: string) => ({ token: tokens[username] });

  async function sentLetter(subject: string): Promise<{ id: string; reference: string }> {
    const created = await sut.post('/communications', draftBody({ subject }), as('unread-assistant'));
    expect(created.status).toBe(201);
    await sut.post(
      `/communications/${created.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      as('unread-sr-expression'),
    );
    const sent = await sut.post(`/communications/${created.body.id}/transmit`, {}, as('unread-assistant'));
    expect(sent.status).toBe(200);
    return { id: created.body.id as string, reference: sent.body.letters[0].reference as string };
  }

  async function portalReply(id: string, text: string): Promise<void> {
    const form = multipartBody([
      { name: 'text', content: text },
      { name: 'language', content: 'en' },
    ]);
    const replied = await sut.post(`/portal/communications/${id}/replies`, form.payload, {
      ...as('unread-gov-irn'),
      headers: { 'content-type': form.contentType },
    });
    expect(replied.status).toBe(201);
  }

  it('lists a reply until its letter is opened, per assistant, for their mandates only', async () => {
    const letter = await sentLetter('Arrest of a blogger');
    const quiet = await sentLetter('A letter nobody answered');

    const assistant = await loggedIn('unread-assistant');
    let home = await assistant.get('/en/workspace');
    expect(home.status).toBe(200);
    expect(home.$('#replies')!.text).toContain('No reply awaits reading.');
    expect(home.$('#home-counts a[href="#replies"]')).not.toBeNull();

    await portalReply(letter.id, 'Our answer to the letter');
    clock.advance({ minutes: 1 });
    home = await assistant.get('/en/workspace');
    const section = home.$('#replies')!;
    expect(section.text).toContain('1 reply is not yet read.');
    expect(section.text).toContain(letter.reference);
    expect(section.text).toContain('Reply 1, received on');
    expect(section.querySelectorAll('a').map((link) => link.getAttribute('href'))).toEqual([
      `/en/workspace/letters/${letter.id}`,
    ]);
    expect(section.text).not.toContain(quiet.reference);

    // Another mandate's assistant never sees it, nor anything of the letter.
    const housing = await loggedIn('unread-housing');
    const theirs = await housing.get('/en/workspace');
    expect(theirs.$('#replies')!.text).toContain('No reply awaits reading.');
    expect(theirs.$('#main')!.text).not.toContain(letter.reference);
    // Opening the letter is the 404 page for them, and marks nothing.
    expect((await housing.get(`/en/workspace/letters/${letter.id}`)).status).toBe(404);

    // Opening the letter reads its replies: gone from the home, twice over changes nothing.
    const opened = await assistant.get(`/en/workspace/letters/${letter.id}`);
    expect(opened.status).toBe(200);
    expect(opened.$('#replies')!.text).toContain('Our answer to the letter');
    expect((await assistant.get(`/en/workspace/letters/${letter.id}`)).status).toBe(200);
    home = await assistant.get('/en/workspace');
    expect(home.$('#replies')!.text).toContain('No reply awaits reading.');
    expect(home.$('#replies')!.text).not.toContain(letter.reference);
    const rows = (await sut.dataSource().query(`SELECT count(*)::int AS n FROM reply_reading`)) as Array<{ n: number }>;
    expect(rows[0]!.n).toBe(1);

    // Another assistant of the same mandate has not read it yet.
    const colleague = await loggedIn('unread-colleague');
    const theirHome = await colleague.get('/en/workspace');
    expect(theirHome.$('#replies')!.text).toContain('1 reply is not yet read.');
    expect(theirHome.$('#replies')!.text).toContain(letter.reference);

    // A second reply to the read letter is new again for the first assistant; in Arabic too.
    await portalReply(letter.id, 'A further answer');
    home = await assistant.get('/en/workspace');
    expect(home.$('#replies')!.text).toContain('1 reply is not yet read.');
    expect(home.$('#replies')!.text).toContain('Reply 2, received on');
    const arabic = await assistant.get('/ar/workspace');
    expect(arabic.$('#replies')!.text).toContain('رد واحد لم يُقرأ بعد.');
    expect((await colleague.get('/en/workspace')).$('#replies')!.text).toContain('2 replies are not yet read.');
  });
});
