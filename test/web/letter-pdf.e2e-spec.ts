import { createHash } from 'node:crypto';
import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { flat, readPdfs } from '../../libs/documents/test/pdf-text';
import { draftBody } from '../support/letters';
import { SentLetter, publishLetter } from '../support/publication';
import { Browser, TEST_PASSWORD, WebTestApp, createWebTestApp } from '../support/web';

/** Stops the setup when a step does not go as planned. */
function assertSetup(actual: unknown, expected: unknown): void {
  if (actual !== expected) {
    throw new Error(`setup: expected ${String(expected)}, got ${String(actual)}`);
  }
}

const slug = (reference: string) => reference.replace(/[ /]/g, '-');

/** An answer whose body is kept as bytes. */
interface Download {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** Positions of the phrases in the text, in their order; -1 for one that is missing. */
const positions = (text: string, phrases: string[]) => phrases.map((phrase) => text.indexOf(phrase));
const inOrder = (found: number[]) => found.every((at, index) => at >= 0 && (index === 0 || at > found[index - 1]!));

const PARAGRAPHS = [
  'Alpha: we have the honour to address you concerning Maryam Example, a journalist.',
  'Bravo: according to the information received, she was arrested on 3 January 2025 in Tehran.',
  'Charlie: we urge your Excellency’s Government to release Ms. Maryam Example at once.',
];

/**
 * The letter as a document (issue #15): the PDF of a sent letter for its staff, the addressed
 * Government and, redacted, the public, through the API and the site, with the same access as the
 * letter itself. The text is read back with pdf-parse.
 */
describe('the letter as a PDF', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2024-12-01T09:00:00Z');
  const tokens: Record<string, string> = {};
  let published: SentLetter;
  let unpublished: SentLetter;
  let draftId: string;

  async function download(url: string, options: { token?: string; browser?: Browser } = {}): Promise<Download> {
    const headers: Record<string, string> = {};
    if (options.token) {
      headers.authorization = `Bearer ${options.token}`;
    }
    if (options.browser) {
      headers.cookie = [...options.browser.cookies]
        .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
        .join('; ');
    }
    const response = await sut.app.inject({ method: 'GET', url, headers, remoteAddress: '10.61.0.1' });
    return {
      status: response.statusCode,
      headers: response.headers as Record<string, string | string[] | undefined>,
      bytes: response.rawPayload,
    };
  }

  async function loggedIn(username: string): Promise<Browser> {
    const browser = sut.browser({ ip: '10.61.0.2' });
    await browser.login(username, TEST_PASSWORD);
    return browser;
  }

  function expectPdf(answer: Download, fileName: string): void {
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/pdf');
    expect(answer.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${fileName}"`));
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers.etag).toBe(`"${createHash('sha256').update(answer.bytes).digest('hex')}"`);
    expect(answer.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }

  beforeAll(async () => {
    sut = await createWebTestApp({ clock, env: { TOKEN_TTL_HOURS: '1000000', PUBLIC_RATE_LIMIT: '1000' } });
    const users: Array<[string, Role, { mandates?: string[]; stateCode?: string }]> = [
      ['pdf-admin', Role.Admin, {}],
      ['pdf-assistant', Role.Assistant, { mandates: ['EXPRESSION', 'DEFENDERS'] }],
      ['pdf-sr-expression', Role.MandateHolder, { mandates: ['EXPRESSION'] }],
      ['pdf-sr-defenders', Role.MandateHolder, { mandates: ['DEFENDERS'] }],
      ['pdf-assistant-torture', Role.Assistant, { mandates: ['TORTURE'] }],
      ['pdf-gov-irn', Role.Government, { stateCode: 'IRN' }],
      ['pdf-gov-blr', Role.Government, { stateCode: 'BLR' }],
    ];
    for (const [username, role, scope] of users) {
      tokens[username] = (await sut.createUser({ username, role, ...scope })).token;
    }
    const admin = { token: tokens['pdf-admin'] };
    const mandates = (await sut.get('/mandates', admin)).body as Array<{ id: string; code: string }>;
    const mandateId = (code: string) => mandates.find((mandate) => mandate.code === code)!.id;
    /** A holder with one term on the mandate, ended early when `endedOn` is given. */
    const holder = async (name: string, code: string, startsOn: string, endedOn?: string) => {
      const created = await sut.post('/mandate-holders', { name }, admin);
      const withTerm = await sut.post(
        `/mandate-holders/${created.body.id}/terms`,
        { mandateId: mandateId(code), startsOn },
        admin,
      );
      assertSetup(withTerm.status, 201);
      if (endedOn) {
        const ended = await sut.post(`/mandate-terms/${withTerm.body.terms[0].id}/end`, { endedOn }, admin);
        assertSetup(ended.status, 200);
      }
    };
    await holder('Irène Exemple-Khan', 'EXPRESSION', '2023-08-01');
    await holder('Mary Example-Lawlor', 'DEFENDERS', '2023-05-01');
    await holder('Former Holder', 'EXPRESSION', '2014-08-01', '2017-07-31');

    const senders = {
      assistant: tokens['pdf-assistant']!,
      srExpression: tokens['pdf-sr-expression']!,
      srDefenders: tokens['pdf-sr-defenders']!,
    };
    // A joint letter whose public text withholds the confidential victim's name (C14).
    published = await publishLetter(sut, clock, senders, {
      sentAt: '2025-01-15T10:00:00Z',
      cosign: true,
      body: { body: PARAGRAPHS.join('\n\n') },
    });
    // Sent in French, not public yet.
    unpublished = await publishLetter(sut, clock, senders, {
      sentAt: clock.now().toISOString(),
      body: { language: 'fr', subject: 'Détention arbitraire', body: 'Premier paragraphe.\n\nSecond paragraphe.' },
      check: false,
      publish: false,
    });
    const draft = await sut.post('/communications', draftBody(), { token: senders.assistant });
    assertSetup(draft.status, 201);
    draftId = draft.body.id;
    // Two letters sent and one published through the API: longer than a test on two busy cores.
  }, 180_000);

  afterAll(async () => {
    await sut.close();
  });

  it('gives the staff the letter as sent: reference, Geneva date, paragraphs in order, every signatory', async () => {
    const answer = await download(`/communications/${published.id}/pdf`, { token: tokens['pdf-assistant'] });
    expectPdf(answer, `${slug(published.reference)}.pdf`);
    const [reading] = await readPdfs([answer.bytes]);
    const text = flat(reading!.text);
    expect(reading!.info).toMatchObject({ Title: `Letter ${published.reference}`, Language: 'en' });
    const found = positions(text, [
      'Mandates of the',
      'Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression',
      `Reference: ${published.reference}`,
      'Geneva, 15 January 2025',
      'Permanent Mission of',
      'to the United Nations Office at Geneva',
      `Subject: ${draftBody().subject as string}`,
      ...PARAGRAPHS.map((paragraph) => paragraph.slice(0, 40)),
      'Please accept, Excellency',
      'Irène Exemple-Khan',
      'Mary Example-Lawlor',
    ]);
    expect(found.filter((at) => at < 0)).toEqual([]);
    expect(inOrder(found)).toBe(true);
    expect(text).toContain('Maryam Example');
    expect(text).not.toContain('Former Holder');
    expect(text).not.toContain('Public version');
  });

  it('renders the same letter to identical bytes every time, for every reader of the letter as sent', async () => {
    const first = await download(`/communications/${published.id}/pdf`, { token: tokens['pdf-assistant'] });
    const again = await download(`/communications/${published.id}/pdf`, { token: tokens['pdf-sr-defenders'] });
    const government = await download(`/portal/communications/${published.id}/pdf`, {
      token: tokens['pdf-gov-irn'],
    });
    expectPdf(government, `${slug(published.reference)}.pdf`);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(government.bytes.equals(first.bytes)).toBe(true);
  });

  it('writes a French letter in French', async () => {
    const answer = await download(`/portal/communications/${unpublished.id}/pdf`, { token: tokens['pdf-gov-irn'] });
    expectPdf(answer, `${slug(unpublished.reference)}.pdf`);
    const [reading] = await readPdfs([answer.bytes]);
    const text = flat(reading!.text);
    const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' })
      .format(new Date(`${unpublished.sentOn}T12:00:00Z`))
      .replace(/^1 /, '1er ');
    const found = positions(text, [
      'Mandat ',
      `Référence : ${unpublished.reference}`,
      `Genève, le ${day}`,
      'Mission permanente',
      'Objet : Détention arbitraire',
      'Premier paragraphe.',
      'Second paragraphe.',
      'Veuillez agréer, Excellence',
      'Irène Exemple-Khan',
    ]);
    expect(found.filter((at) => at < 0)).toEqual([]);
    expect(inOrder(found)).toBe(true);
    expect(reading!.info).toMatchObject({ Language: 'fr', Title: `Lettre ${unpublished.reference}` });
  });

  it('gives the public the redacted letter, with no withheld name, at the API and on the site', async () => {
    const api = await download(`/public/communications/${slug(published.reference)}.pdf`);
    const page = await download(`/fr/communications/${slug(published.reference)}.pdf`);
    expectPdf(api, `${slug(published.reference)}.pdf`);
    expectPdf(page, `${slug(published.reference)}.pdf`);
    expect(page.bytes.equals(api.bytes)).toBe(true);
    const [reading] = await readPdfs([api.bytes]);
    const text = flat(reading!.text);
    expect(text).not.toMatch(/Maryam/i);
    expect(text).toContain('[name withheld]');
    const found = positions(text, [
      `Reference: ${published.reference}`,
      'Geneva, 15 January 2025',
      'Public version',
      'Alpha:',
      'Bravo:',
      'Charlie:',
      'Irène Exemple-Khan',
      'Mary Example-Lawlor',
    ]);
    expect(found.filter((at) => at < 0)).toEqual([]);
    expect(found.slice(3)).toEqual([...found.slice(3)].sort((a, b) => a - b));
    expect(api.bytes.equals((await download(`/public/communications/${slug(published.reference)}.pdf`)).bytes)).toBe(
      true,
    );
  });

  it('links the public letter page to its PDF', async () => {
    const page = await sut.browser({ ip: '10.61.0.3' }).get(`/es/communications/${slug(published.reference)}`);
    expect(page.status).toBe(200);
    const link = page.$(`a[href="/es/communications/${slug(published.reference)}.pdf"]`);
    expect(link?.text.trim()).toBe('Descargar esta carta en PDF');
  });

  it('answers 404 to the public for a letter not published, at the API and on the site', async () => {
    const api = await download(`/public/communications/${slug(unpublished.reference)}.pdf`);
    expect(api.status).toBe(404);
    expect(api.bytes.toString()).not.toContain('%PDF');
    const missing = await sut.browser({ ip: '10.61.0.4' }).get('/en/communications/UA-IRN-999-2025.pdf');
    const refused = await sut.browser({ ip: '10.61.0.4' }).get(`/en/communications/${slug(unpublished.reference)}.pdf`);
    expect([refused.status, missing.status]).toEqual([404, 404]);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.$('h1')?.text).toBe(missing.$('h1')?.text);
  });

  it('answers 404 to another State, another mandate and for a draft', async () => {
    const otherState = await download(`/portal/communications/${published.id}/pdf`, { token: tokens['pdf-gov-blr'] });
    const otherMandate = await download(`/communications/${published.id}/pdf`, {
      token: tokens['pdf-assistant-torture'],
    });
    const draft = await download(`/communications/${draftId}/pdf`, { token: tokens['pdf-assistant'] });
    const nobody = await download('/communications/00000000-0000-4000-8000-000000000000/pdf', {
      token: tokens['pdf-assistant'],
    });
    expect([otherState.status, otherMandate.status, draft.status, nobody.status]).toEqual([404, 404, 404, 404]);
    for (const answer of [otherState, otherMandate, draft]) {
      expect(answer.bytes.toString()).not.toContain('%PDF');
      expect(answer.bytes.toString()).not.toContain(published.reference);
    }
  });

  it('downloads from the workspace and the portal pages, with the same scoping', async () => {
    const workspaceUrl = `/en/workspace/letters/${published.id}/letter.pdf`;
    const portalUrl = `/en/portal/letters/${slug(published.reference)}.pdf`;
    const api = await download(`/communications/${published.id}/pdf`, { token: tokens['pdf-assistant'] });

    const assistant = await loggedIn('pdf-assistant');
    const staffCopy = await download(workspaceUrl, { browser: assistant });
    expectPdf(staffCopy, `${slug(published.reference)}.pdf`);
    expect(staffCopy.bytes.equals(api.bytes)).toBe(true);

    const irn = await loggedIn('pdf-gov-irn');
    const governmentCopy = await download(portalUrl, { browser: irn });
    expectPdf(governmentCopy, `${slug(published.reference)}.pdf`);
    expect(governmentCopy.bytes.equals(api.bytes)).toBe(true);

    const otherMandate = await loggedIn('pdf-assistant-torture');
    const blr = await loggedIn('pdf-gov-blr');
    const refused = [
      await download(workspaceUrl, { browser: otherMandate }),
      await download(`/en/workspace/letters/${draftId}/letter.pdf`, { browser: assistant }),
      await download(portalUrl, { browser: blr }),
      await download(workspaceUrl, { browser: irn }),
      await download(portalUrl, { browser: assistant }),
    ];
    expect(refused.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404]);
    for (const answer of refused) {
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.bytes.toString()).not.toContain(published.reference);
    }

    const anonymous = await download(workspaceUrl);
    expect(anonymous.status).toBe(303);
  });
});
