import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Role } from '@spcomms/access';
import { NAME_WITHHELD, PublicationService } from '@spcomms/publication';
import { AttachmentStorage } from '@spcomms/replies';
import { SCREENING_CRITERIA } from '@spcomms/submissions';
import { TestClock } from '@spcomms/testing';
import { draftBody } from '../support/letters';
import { PublishedLetterSpec, SentLetter, insertReply, publishLetter } from '../support/publication';
import { Browser, PageAnswer, WebTestApp, createWebTestApp } from '../support/web';

/** Words that exist only in what must never be public (as in the public API's leak tests). */
const UNPUBLISHED_WORD = 'Quetzalcoatlus';
const CONFIDENTIAL_REPLY_WORD = 'Zanzibarine';
const CONFIDENTIAL_FILE = 'zanzibarine-annex.pdf';
const SECRET_NAMES = ['Maryam', 'Ivan Informant', 'Viasna'];
const PDF = Buffer.from('%PDF-1.4\n% public annex\n');

/** Stops the setup when a step does not go as planned. */
function assertSetup(actual: unknown, expected: unknown): void {
  if (actual !== expected) {
    throw new Error(`setup: expected ${String(expected)}, got ${String(actual)}`);
  }
}

const slug = (reference: string) => reference.replace(/[ /]/g, '-');
const texts = (page: PageAnswer, selector: string) => page.$$(selector).map((element) => element.text.trim());
/** The terms and definitions of the page's summary list. */
const definitions = (page: PageAnswer) =>
  Object.fromEntries(
    page.$$('dl.summary-list dt').map((term) => [term.text.trim(), term.nextElementSibling!.text.trim()]),
  );

/**
 * The public pages of the site over HTTP: search, letter, reports, visits, statistics and the intake
 * form, in several languages, on letters published through the real publication service next to
 * letters that must never appear anywhere on the site.
 */
describe('web: the public pages', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2025-06-10T10:00:00Z');
  let assistant: string;
  let srExpression: string;
  let srDefenders: string;
  const letters: Record<string, SentLetter> = {};
  let publicAttachmentId: string;
  /** Every page the public was shown, to look for what must never be there. */
  const shown: string[] = [];
  let request = 0;

  /** A visitor of the site, from its own address (the public rate limit has its own tests). */
  function visitor(): Browser {
    request++;
    return sut.browser({ ip: `10.44.${(request >> 8) & 255}.${request & 255}` });
  }
  async function open(url: string, browser: Browser = visitor()): Promise<PageAnswer> {
    const page = await browser.get(url);
    shown.push(page.text);
    return page;
  }

  async function letter(name: string, spec: PublishedLetterSpec): Promise<SentLetter> {
    letters[name] = await publishLetter(sut, clock, { assistant, srExpression, srDefenders }, spec);
    return letters[name];
  }

  beforeAll(async () => {
    sut = await createWebTestApp({ clock, env: { TOKEN_TTL_HOURS: '1000000', PUBLIC_RATE_LIMIT: '1000' } });
    assistant = (
      await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION', 'DEFENDERS'] })
    ).token;
    srExpression = (
      await sut.createUser({ username: 'sr.expression', role: Role.MandateHolder, mandates: ['EXPRESSION'] })
    ).token;
    srDefenders = (
      await sut.createUser({ username: 'sr.defenders', role: Role.MandateHolder, mandates: ['DEFENDERS'] })
    ).token;
    const admin = (await sut.createUser({ username: 'admin', role: Role.Admin })).token;
    const company = await sut.post(
      '/other-recipients',
      { name: 'Andean Copper Ltd', kind: 'company', countryCode: 'CAN' },
      { token: admin },
    );
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    await sut.app.get(AttachmentStorage).put(Readable.from([PDF]), sha256);

    // A source whose identity the drafter wrote into the text (C14).
    clock.set('2025-06-01T10:00:00Z');
    const submission = await sut.post(
      '/submissions',
      {
        channel: 'email',
        stateCode: 'IRN',
        mandates: ['EXPRESSION'],
        victims: [{ kind: 'person', name: 'Maryam Example', gender: 'female', ageGroup: 'adult' }],
        perpetrators: [{ kind: 'state', description: 'Officers of the Ministry of Intelligence' }],
        source: {
          name: 'Ivan Informant',
          organisation: 'Viasna Watch',
          email: 'ivan@example.org',
          relation: 'witness',
        },
        occurredFrom: '2025-05-10',
        place: 'Evin prison, Tehran',
        description:
          'A journalist was arrested at her home and taken to an unknown place of detention without a warrant.',
      },
      { token: assistant },
    );
    assertSetup(submission.status, 201);
    const criteria = SCREENING_CRITERIA.map((criterion) => ({ criterion, passed: true }));
    assertSetup(
      (await sut.post(`/submissions/${submission.body.id}/screening`, { criteria }, { token: assistant })).status,
      200,
    );

    // L1: a joint UA to Iran: a confidential victim, the source named in the text, a public reply with a
    // file, a confidential reply with a file, and later a reply in Arabic.
    await letter('L1', {
      sentAt: '2025-06-10T10:00:00Z',
      cosign: true,
      body: {
        submissionIds: [submission.body.id],
        subject: 'Executions of journalists and Maryam Example',
        body: 'We have been informed by Ivan Informant of Viasna Watch of the executions of journalists, including Ms. Maryam Example.\n\nWe recall the defence of freedom of expression.',
        victims: [
          { name: 'Reza Sample', gender: 'male', nameConfidential: false },
          { name: 'Maryam Example', gender: 'female', nameConfidential: true },
        ],
      },
      replies: [
        {
          number: 1,
          receivedOn: '2025-08-15',
          text: 'Ms. Maryam Example was tried fairly.',
          attachments: [{ fileName: 'Maryam Example judgment.pdf', sha256, size: PDF.length }],
        },
        {
          number: 2,
          receivedOn: '2025-09-01',
          confidential: true,
          text: `${CONFIDENTIAL_REPLY_WORD} details of the case.`,
          attachments: [{ fileName: CONFIDENTIAL_FILE, sha256, size: PDF.length }],
        },
      ],
    });
    // L2: a French AL to Egypt, not replied.
    await letter('L2', {
      sentAt: '2025-11-30T10:00:00Z',
      body: {
        type: 'AL',
        language: 'fr',
        recipientStateCode: 'EGY',
        subject: 'Blogueur détenu',
        body: 'Détention arbitraire des défenseurs des droits humains.',
      },
    });
    // L3: an OL to China, replied in Chinese.
    await letter('L3', {
      sentAt: '2025-12-01T10:00:00Z',
      body: {
        type: 'OL',
        recipientStateCode: 'CHN',
        subject: 'Draft law on associations',
        body: 'Comments on a bill.',
        victims: [],
        perpetrators: [],
        lawOrPolicy: 'Draft law on foreign NGOs',
      },
      replies: [{ number: 1, receivedOn: '2026-02-01', language: 'zh', text: '中国政府重视联合国人权理事会的来函。' }],
    });
    // L5: a Spanish AL to a company; confidential replies only.
    await letter('L5', {
      sentAt: '2025-05-31T10:00:00Z',
      body: {
        type: 'AL',
        language: 'es',
        recipientStateCode: undefined,
        otherRecipientId: company.body.id,
        subject: 'Desapariciones forzadas cerca de la mina',
        body: 'Información sobre desapariciones forzadas.',
      },
      replies: [
        { number: 1, receivedOn: '2025-07-31', confidential: true, text: `${CONFIDENTIAL_REPLY_WORD} answer.` },
      ],
    });
    // L6: follows L1 up.
    await letter('L6', {
      sentAt: '2025-12-15T10:00:00Z',
      body: {
        type: 'AL',
        subject: 'Follow-up on the executions',
        body: 'Further information.',
        followsUp: [letters.L1.id],
      },
    });
    clock.set('2025-10-01T10:00:00Z');
    const late = await insertReply(
      sut.dataSource(),
      letters.L1.id,
      { number: 3, receivedOn: '2025-10-01', language: 'ar', text: 'اعتقال المدافعين عن حقوق الإنسان' },
      clock.now(),
    );
    assertSetup(await sut.app.get(PublicationService).publishReply(late), 'published');

    // Never public: a draft, a letter not yet public, a letter whose redaction was not checked.
    const unpublished = { subject: `${UNPUBLISHED_WORD} case`, body: `The ${UNPUBLISHED_WORD} facts.` };
    clock.set('2025-07-01T10:00:00Z');
    assertSetup(
      (await sut.post('/communications', draftBody({ ...unpublished, type: 'AL' }), { token: assistant })).status,
      201,
    );
    await letter('U2', {
      sentAt: '2026-05-20T10:00:00Z',
      body: { ...unpublished, type: 'AL' },
      publish: false,
      replies: [{ number: 1, receivedOn: '2026-05-25', text: UNPUBLISHED_WORD }],
    });
    await letter('U3', {
      sentAt: '2025-07-03T10:00:00Z',
      body: { ...unpublished, type: 'AL', followsUp: [letters.L1.id] },
      check: false,
      replies: [{ number: 1, receivedOn: '2025-08-03', text: UNPUBLISHED_WORD }],
    });
    clock.set('2026-06-01T10:00:00Z');
    const [attachment] = await sut.dataSource().query(`SELECT id FROM published_attachment`);
    publicAttachmentId = attachment.id;
  });

  afterAll(() => sut?.close());

  describe('search', () => {
    it('lists the published letters with their count, filters with counts, and links to each letter', async () => {
      const page = await open('/fr/communications');
      expect(page.status).toBe(200);
      expect(page.$('html')?.getAttribute('lang')).toBe('fr');
      expect(page.$('form#search[role=search] input[name=q]')).not.toBeNull();
      expect(page.$('.result-count')?.text).toBe('5 lettres trouvées');
      const links = page.$$('ol#results li h3 a');
      expect(links.map((a) => a.text)).toEqual(['L6', 'L3', 'L2', 'L1', 'L5'].map((name) => letters[name].reference));
      expect(links[0].getAttribute('href')).toBe(`/fr/communications/${slug(letters.L6.reference)}`);
      // The subject keeps the letter's own language; the recipient is named in the page's.
      expect(page.$$('ol#results li')[2].querySelector('.result__subject')?.getAttribute('lang')).toBe('fr');
      expect(page.$$('ol#results li')[1].querySelector('.meta')?.text).toContain('Chine');
      // Counts beside each filter value.
      const count = (id: string) => page.$(`label[for=${page.$(`input[value="${id}"]`)?.getAttribute('id')}]`)?.text;
      expect(count('DEFENDERS')).toContain('(1 lettre)');
      expect(count('EXPRESSION')).toContain('(5 lettres)');
      expect(count('replied')).toContain('(2 lettres)');
      expect(count('confidential')).toContain('(1 lettre)');
      expect(count('2025')).toContain('(5 lettres)');
      expect(page.$('input[value="OTH"]')).toBeNull();
      expect(texts(page, 'fieldset#recipient label')).toEqual(
        expect.arrayContaining([expect.stringContaining('Égypte'), expect.stringContaining('Andean Copper Ltd')]),
      );
    });

    it('keeps the words and filters in the address, checked in the form, and finds what they ask', async () => {
      const page = await open(
        `/en/communications?q=execution&mandate=DEFENDERS&replyStatus=replied&from-day=1&from-month=6&from-year=2025`,
      );
      expect(page.status).toBe(200);
      expect(texts(page, 'ol#results h3 a')).toEqual([letters.L1.reference]);
      expect(page.$('input[name=q]')?.getAttribute('value')).toBe('execution');
      expect(page.$('input[name=mandate][value=DEFENDERS]')?.getAttribute('checked')).toBeDefined();
      expect(page.$('input[name=replyStatus][value=replied]')?.getAttribute('checked')).toBeDefined();
      expect(page.$('input[name=from-year]')?.getAttribute('value')).toBe('2025');
      expect(page.$('select[name=sort] option[selected]')?.getAttribute('value')).toBe('relevance');
      // The words found are marked in the snippet, which keeps the letter's language.
      expect(page.$('.result__snippet mark')?.text.toLowerCase()).toContain('execution');
      for (const [query, expected] of [
        ['type=OL', ['L3']],
        ['joint=true', ['L1']],
        ['joint=false&year=2025&replyStatus=not_replied', ['L6', 'L2']],
        ['recipient=EGY&recipient=CHN', ['L3', 'L2']],
        ['to-day=31&to-month=5&to-year=2025', ['L5']],
        [`q=${encodeURIComponent('人权')}`, ['L3']],
      ] as const) {
        const found = texts(await open(`/en/communications?${query}`), 'ol#results h3 a');
        expect([query, found]).toEqual([query, expected.map((name) => letters[name].reference)]);
      }
    });

    it('pages forwards and back with keyset links that keep the filters', async () => {
      const first = await open('/en/communications?mandate=EXPRESSION&limit=2');
      expect(texts(first, 'ol#results h3 a')).toEqual([letters.L6.reference, letters.L3.reference]);
      expect(first.$('nav.pagination a[rel=prev]')).toBeNull();
      const next = first.$('nav.pagination a[rel=next]')!.getAttribute('href')!;
      expect(next).toContain('mandate=EXPRESSION');
      const second = await open(next);
      expect(texts(second, 'ol#results h3 a')).toEqual([letters.L2.reference, letters.L1.reference]);
      const third = await open(second.$('nav.pagination a[rel=next]')!.getAttribute('href')!);
      expect(texts(third, 'ol#results h3 a')).toEqual([letters.L5.reference]);
      expect(third.$('nav.pagination a[rel=next]')).toBeNull();
      const back = await open(third.$('nav.pagination a[rel=prev]')!.getAttribute('href')!);
      expect(texts(back, 'ol#results h3 a')).toEqual([letters.L2.reference, letters.L1.reference]);
      const start = await open(back.$('nav.pagination a[rel=prev]')!.getAttribute('href')!);
      expect(texts(start, 'ol#results h3 a')).toEqual([letters.L6.reference, letters.L3.reference]);
      expect(start.$('nav.pagination a[rel=prev]')).toBeNull();
    });

    it('links to the CSV of exactly the filtered search, served as a download', async () => {
      const page = await open('/en/communications?q=arbitraire&type=AL&page=ignored');
      const href = page
        .$$('a')
        .find((a) => a.text.includes('CSV'))!
        .getAttribute('href')!;
      expect(href).toBe('/en/communications.csv?q=arbitraire&type=AL');
      const csv = await visitor().get(href);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="communications.csv"');
      expect(csv.headers['x-content-type-options']).toBe('nosniff');
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toMatch(/^reference,url,type,/);
      expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([letters.L2.reference]);
      shown.push(csv.text);
      const all = await visitor().get('/en/communications.csv');
      expect(all.text.trim().split('\r\n')).toHaveLength(6);
      shown.push(all.text);
    });

    it('says what to try when nothing matches', async () => {
      // Not kept among the pages shown: the page repeats the words searched for in its form.
      const page = await visitor().get(`/en/communications?q=${UNPUBLISHED_WORD}&type=UA`);
      expect(page.status).toBe(200);
      expect(page.$('input[name=q]')?.getAttribute('value')).toBe(UNPUBLISHED_WORD);
      expect(page.$('.result-count')?.text).toBe('No letter found');
      expect(page.$('ol#results')).toBeNull();
      expect(texts(page, '.empty-state li')).toHaveLength(3);
      expect(page.$$('a').some((a) => a.text.includes('CSV'))).toBe(false);
    });

    it('re-renders with the error summary on input it cannot use, never a server error', async () => {
      const invalid = await open('/en/communications?q=journalist&from-day=31&from-month=2&from-year=2025&type=XX');
      expect(invalid.status).toBe(422);
      expect(invalid.$('title')?.text).toMatch(/^Error: /);
      const summary = invalid.$('div.error-summary[role=alert][tabindex="-1"]');
      expect(summary).not.toBeNull();
      expect(summary!.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(['#type', '#from-day']);
      expect(invalid.$('#from-day')).not.toBeNull();
      expect(invalid.$('#type')).not.toBeNull();
      expect(invalid.$('input[name=q]')?.getAttribute('value')).toBe('journalist');
      expect(invalid.$('input[name=from-day]')?.getAttribute('value')).toBe('31');
      for (const query of [
        'from-day=2&from-month=3&from-year=2025&to-day=1&to-month=3&to-year=2025',
        'year=20x5',
        'mandate=lower-case',
        'recipient=Iran',
        'joint=maybe',
        'sort=random',
        'cursor=bm90LWEtY3Vyc29y',
        'limit=1000',
        `q=${'a'.repeat(501)}`,
        'mandate=A&mandate[]=B&recipient[x]=1',
      ]) {
        const answer = await open(`/en/communications?${query}`);
        expect([query, answer.status, answer.$$('.error-summary li').length > 0]).toEqual([query, 422, true]);
        for (const link of answer.$$('.error-summary a')) {
          expect(answer.$(link.getAttribute('href')!)).not.toBeNull();
        }
      }
    });
  });

  describe('letter page', () => {
    it('shows a published letter in the page language, its text in its own, replies, files and related letters', async () => {
      const page = await open(`/en/communications/${slug(letters.L1.reference)}`);
      expect(page.status).toBe(200);
      expect(page.$('h1')?.text).toBe(letters.L1.reference);
      expect(page.$('title')?.text).toContain(letters.L1.reference);
      const details = definitions(page);
      expect(details).toMatchObject({
        Reference: letters.L1.reference,
        Type: 'Urgent appeal',
        'Sent on': 'June 10, 2025',
        'Public since': 'August 9, 2025',
        'Joint letter': 'Yes, signed by several mandates',
        Reply: 'Replied',
      });
      expect(details['Sent to']).toMatch(/Iran/);
      expect(texts(page, '.summary-list ul li span[lang], .summary-list ul li > span:not(.tag)').join(' ')).toMatch(
        /freedom of opinion and expression/,
      );
      expect(details['Alleged victims']).toContain(NAME_WITHHELD);
      const body = page.$('.letter__text')!;
      expect(body.getAttribute('lang')).toBe('en');
      expect(body.getAttribute('dir')).toBeUndefined();
      // The text keeps its paragraphs (the style shows its line breaks).
      expect(body.text).toContain(`Ms. ${NAME_WITHHELD}.\n\nWe recall the defence of freedom of expression.`);
      expect(body.text).toContain(`informed by ${NAME_WITHHELD} of ${NAME_WITHHELD}`);

      const replies = page.$$('section.reply');
      expect(replies.map((reply) => reply.querySelector('h3')!.text)).toEqual(['Reply 1', 'Reply 2', 'Reply 3']);
      expect(replies[0].querySelector('.reply__text')!.text).toContain(`Ms. ${NAME_WITHHELD} was tried fairly.`);
      expect(replies[1].querySelector('.notice')!.text).toBe(
        'A reply was received on September 1, 2025. It is confidential at the request of its author.',
      );
      expect(replies[1].querySelector('.reply__text')).toBeNull();
      expect(replies[1].querySelectorAll('a')).toHaveLength(0);
      const arabic = replies[2].querySelector('.reply__text')!;
      expect([arabic.getAttribute('lang'), arabic.getAttribute('dir')]).toEqual(['ar', 'rtl']);
      expect(replies[2].text).toContain('in Arabic');

      const file = replies[0].querySelector('ul.attachments a')!;
      expect(file.getAttribute('href')).toBe(
        `/en/communications/${slug(letters.L1.reference)}/attachments/${publicAttachmentId}`,
      );
      expect(file.text).toBe(`${NAME_WITHHELD} judgment.pdf`);
      expect(replies[0].querySelector('ul.attachments .meta')!.text).toBe(`(PDF document, ${PDF.length} byte)`);

      expect(
        page
          .$$('a')
          .find((a) => a.text === letters.L6.reference)
          ?.getAttribute('href'),
      ).toBe(`/en/communications/${slug(letters.L6.reference)}`);
      // The unchecked follow-up U3 is not shown.
      expect(page.text).not.toContain(letters.U3.reference);
      const followUp = await open(`/en/communications/${slug(letters.L6.reference)}`);
      expect(
        followUp
          .$$('a')
          .find((a) => a.text === letters.L1.reference)
          ?.getAttribute('href'),
      ).toBe(`/en/communications/${slug(letters.L1.reference)}`);
      expect(page.$('a[href$="/print"]')?.getAttribute('href')).toBe(
        `/en/communications/${slug(letters.L1.reference)}/print`,
      );
    });

    it('marks the direction of the text inside an Arabic page and names the dates in Arabic', async () => {
      const page = await open(`/ar/communications/${slug(letters.L1.reference)}`);
      expect(page.status).toBe(200);
      expect(page.$('html')?.getAttribute('dir')).toBe('rtl');
      const body = page.$('.letter__text')!;
      expect([body.getAttribute('lang'), body.getAttribute('dir')]).toEqual(['en', 'ltr']);
      const arabic = page.$$('section.reply')[2].querySelector('.reply__text')!;
      expect(arabic.getAttribute('dir')).toBeUndefined();
      expect(page.$$('.summary-list li span[lang=en]').length).toBeGreaterThan(0);
      expect(page.text).toContain('يونيو');
      const chinese = await open(`/zh/communications/${slug(letters.L3.reference)}`);
      expect(chinese.$('section.reply .reply__text')?.getAttribute('lang')).toBe('zh');
      expect(chinese.$('h1')?.text).toBe(letters.L3.reference);
    });

    it('has a print view of the same letter', async () => {
      for (const url of [
        `/fr/communications/${slug(letters.L2.reference)}/print`,
        `/fr/communications/${slug(letters.L2.reference)}?print=1`,
      ]) {
        const page = await open(url);
        expect(page.status).toBe(200);
        expect(page.$('article.letter--print')).not.toBeNull();
        expect(page.$('.letter__text')?.text).toContain('Détention arbitraire');
        expect(page.$('.letter__actions a[href$="/print"]')).toBeNull();
      }
    });

    it('answers the 404 page for an unknown, unpublished or malformed reference', async () => {
      for (const reference of [letters.U2.reference, letters.U3.reference, 'UA IRN 999/2025', 'not a reference']) {
        const page = await open(`/en/communications/${encodeURIComponent(slug(reference))}`);
        expect([reference, page.status]).toEqual([reference, 404]);
        expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(page.$('main#main h1')?.text).toBe('Page not found');
      }
    });

    it('downloads the files of public replies as attachments, never those of confidential ones', async () => {
      const base = `/en/communications/${slug(letters.L1.reference)}/attachments`;
      const file = await visitor().get(`${base}/${publicAttachmentId}`);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toContain('attachment;');
      expect(file.headers['content-disposition']).toContain('filename="[name withheld] judgment.pdf"');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.text).toBe(PDF.toString());
      const [confidential] = await sut
        .dataSource()
        .query(`SELECT id FROM reply_attachment WHERE file_name = $1`, [CONFIDENTIAL_FILE]);
      expect((await open(`${base}/${confidential.id}`)).status).toBe(404);
      expect((await open(`${base}/not-a-uuid`)).status).toBe(404);
      expect(
        (await open(`/en/communications/${slug(letters.L2.reference)}/attachments/${publicAttachmentId}`)).status,
      ).toBe(404);
    });
  });

  describe('reports, visits and statistics', () => {
    it('lists the sessions and shows the report of one, with its letters and replies', async () => {
      const index = await open('/en/reports');
      expect(index.status).toBe(200);
      expect(index.$$('a').map((a) => a.getAttribute('href'))).toContain('/en/reports/2026/march');
      const redirect = await visitor().get('/en/reports?year=2019&session=june');
      expect([redirect.status, redirect.location]).toEqual([303, '/en/reports/2019/june']);
      const wrong = await open('/en/reports?year=19&session=winter');
      expect(wrong.status).toBe(422);
      expect(wrong.$$('.error-summary a').map((a) => a.getAttribute('href'))).toEqual(['#year', '#session-march']);

      const report = await open('/es/reports/2026/march');
      expect(report.status).toBe(200);
      expect(report.$('h1')?.text).toBe('Período de sesiones de marzo de 2026');
      expect(
        report
          .$$('table')[0]
          .querySelectorAll('tbody th')
          .map((cell) => cell.text),
      ).toEqual([letters.L1.reference, letters.L2.reference]);
      const replies = report.$$('table')[1].querySelectorAll('tbody tr');
      expect(replies.map((row) => row.querySelectorAll('td').pop()!.text)).toEqual([
        'Público',
        'Confidencial',
        'Público',
      ]);
      expect(
        report
          .$$('a')
          .find((a) => a.text.includes('CSV'))
          ?.getAttribute('href'),
      ).toBe('/public/communication-reports/2026/march?format=csv');
      expect((await open('/en/reports/2026/december')).status).toBe(404);
      expect((await open('/en/reports/1999/march')).status).toBe(404);
    });

    it('shows the public statistics of a year with charts and the same numbers in tables', async () => {
      const page = await open('/en/statistics?year=2025');
      expect(page.status).toBe(200);
      const figures = definitions(page);
      expect(figures['Published letters']).toMatch(/^5 /);
      expect(figures['Letters with a reply']).toMatch(/^3 \(60%\)/);
      const charts = page.$$('svg[role=img]');
      expect(charts).toHaveLength(2);
      for (const chart of charts) {
        const [titleId, descId] = chart.getAttribute('aria-labelledby')!.split(' ');
        expect(chart.querySelector(`title#${titleId}`)).not.toBeNull();
        expect(chart.querySelector(`desc#${descId}`)).not.toBeNull();
      }
      const regions = page.$$('figure.chart-figure')[1];
      const rows = Object.fromEntries(
        regions
          .querySelectorAll('tbody tr')
          .map((row) => [row.querySelector('th')!.text, row.querySelector('td')!.text]),
      );
      expect(rows).toMatchObject({
        'Asia-Pacific Group': '3',
        'African Group': '1',
        'Other recipients (non-State)': '1',
      });
      expect(regions.querySelector('desc')!.text).toContain('Asia-Pacific Group: Letters 3');
      const years = page.$$('figure.chart-figure')[0];
      const year2025 = years.querySelectorAll('tbody tr').find((row) => row.querySelector('th')!.text === '2025')!;
      expect(year2025.querySelectorAll('td').map((cell) => cell.text)).toEqual(['5', '3']);
      const arabic = await open('/ar/statistics?year=2025');
      expect(arabic.$('svg[role=img] rect.chart-bar')).not.toBeNull();
      const invalid = await open('/en/statistics?year=20x5');
      expect(invalid.status).toBe(422);
      expect(invalid.$$('.error-summary a').map((a) => a.getAttribute('href'))).toEqual(['#year']);
      expect((await open('/en/statistics?year=2099')).status).toBe(422);
    });

    it('shows the country visits: a chart per year, the tables, names in the page language', async () => {
      const page = await open('/fr/visits');
      expect(page.status).toBe(200);
      const chart = page.$('figure.chart-figure')!;
      expect(chart.querySelector('svg[role=img] title')?.text).toBe('Visites effectuées et États visités, par année');
      expect(chart.querySelectorAll('tbody tr')).toHaveLength(10);
      expect(texts(page, '#states-title ~ div table tbody th')).toEqual(expect.arrayContaining(['Suisse', 'Égypte']));
    });
  });

  it('shows an imported letter only once its redaction is checked (C8, C11)', async () => {
    const csv = [
      'reference,type,recipient,sent_on,public_from,lead_mandate,subject,body',
      `AL BLR 7/2025,AL,BLR,2025-11-03,2026-01-02,EXPRESSION,Harassment of a lawyer,Xylocarpa imported facts.`,
    ].join('\n');
    const imported = await sut.request('POST', '/history/imports', csv, {
      token: assistant,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(200);
    const [letter] = imported.body.imported as Array<{ id: string; reference: string }>;
    const address = `/en/communications/${slug(letter.reference)}`;
    expect((await open(address)).status).toBe(404);
    expect(texts(await open('/en/communications?recipient=BLR'), 'ol#results h3 a')).toEqual([]);
    expect((await open('/en/statistics?year=2025')).text).not.toContain('Belarus');

    expect((await sut.post(`/communications/${letter.id}/redaction-check`, {}, { token: assistant })).status).toBe(201);
    const page = await visitor().get(address);
    expect(page.status).toBe(200);
    expect(page.$('.letter__text')?.text).toContain('imported facts');
    expect(texts(await visitor().get('/en/communications?recipient=BLR'), 'ol#results h3 a')).toEqual([
      letter.reference,
    ]);
  });

  describe('the intake form', () => {
    const valid = {
      stateCode: 'IRN',
      'victims-0-kind': 'person',
      'victims-0-name': 'Sara Sample',
      'perpetrators-0-kind': 'state',
      'perpetrators-0-description': 'Officers of the police, district 4',
      'occurredFrom-day': '3',
      'occurredFrom-month': '5',
      'occurredFrom-year': '2026',
      place: 'Tehran',
      description: 'She was arrested at her home at night and has been held since then without any charge.',
      'source-name': 'Nadia Source',
      'source-email': 'nadia@example.org',
      'source-relation': 'family',
    };

    it('carries a CSRF token, and refuses a form without it', async () => {
      const browser = visitor();
      const page = await open('/en/submit', browser);
      expect(page.status).toBe(200);
      expect(page.$('form input[type=hidden][name=_csrf]')?.getAttribute('value')).toBeTruthy();
      expect(page.$$('select#stateCode option').some((option) => option.text === 'Iran (Islamic Republic of)')).toBe(
        true,
      );
      const refused = await browser.postRaw('/en/submit', valid);
      expect(refused.status).toBe(403);
    });

    it('shows every problem at once in the error summary, keeping what was typed', async () => {
      const browser = visitor();
      await open('/en/submit', browser);
      const answer = await browser.post('/en/submit', {
        'victims-0-name': 'Sara Sample',
        'occurredFrom-day': '31',
        'occurredFrom-month': '4',
        'occurredFrom-year': '2026',
        description: 'Too short.',
        'source-name': 'Nadia Source',
        'source-email': 'not-an-address',
        'source-relation': 'family',
      });
      shown.push(answer.text);
      expect(answer.status).toBe(422);
      const links = answer.$$('.error-summary a').map((a) => a.getAttribute('href'));
      expect(links).toEqual(
        expect.arrayContaining([
          '#occurredFrom-day',
          '#source-email',
          '#perpetrators-0-description',
          '#place',
          '#description',
          '#stateCode',
        ]),
      );
      for (const link of links) {
        expect(answer.$(link!)).not.toBeNull();
      }
      expect(answer.$('.error-summary')?.text).toContain('Enter an e-mail address in the right format');
      expect(answer.$('#victims-0-name')?.getAttribute('value')).toBe('Sara Sample');
      expect(answer.$('#description')?.text).toBe('Too short.');
      expect(answer.$('#occurredFrom-day')?.getAttribute('value')).toBe('31');
      expect(answer.$('input[name=source-relation][value=family]')?.getAttribute('checked')).toBeDefined();
      const french = visitor();
      await open('/fr/submit', french);
      const inFrench = await french.post('/fr/submit', {});
      expect(inFrench.status).toBe(422);
      expect(inFrench.$('.error-summary')?.text).toContain('Saisissez vos nom et prénom');
    });

    it('adds a row of victims without JavaScript, then receives the submission and shows its receipt code', async () => {
      const browser = visitor();
      await open('/en/submit', browser);
      const more = await browser.post('/en/submit', { ...valid, action: 'add-victim' });
      expect(more.status).toBe(200);
      expect(more.$('#victims-2-name')).not.toBeNull();
      expect(more.$('#victims-0-name')?.getAttribute('value')).toBe('Sara Sample');
      const sent = await browser.post('/en/submit', {
        ...valid,
        'victims-2-kind': 'group',
        'victims-2-description': 'Her colleagues at the newspaper',
        action: 'send',
      });
      expect(sent.status).toBe(303);
      expect(sent.location).toMatch(/^\/en\/submit\/done\?receipt=SP-[2-9A-HJ-NP-Z]{10}$/);
      const done = await open(sent.location!, browser);
      const receipt = decodeURIComponent(sent.location!.split('=')[1]);
      expect(done.status).toBe(200);
      expect(done.$('.receipt-code')?.text).toBe(receipt);
      const [row] = await sut
        .dataSource()
        .query(`SELECT channel, state_code AS "stateCode", victims FROM submission WHERE receipt_code = $1`, [receipt]);
      expect(row).toMatchObject({ channel: 'online', stateCode: 'IRN' });
      expect(row.victims.map((victim: { kind: string }) => victim.kind)).toEqual(['person', 'group']);
      expect((await open('/en/submit/done?receipt=nonsense')).status).toBe(404);
    });
  });

  it('never showed the public an unpublished word, a source, a withheld name or a confidential reply', () => {
    const everything = shown.join('\n');
    expect(shown.length).toBeGreaterThan(40);
    for (const secret of [
      ...SECRET_NAMES,
      CONFIDENTIAL_REPLY_WORD,
      CONFIDENTIAL_FILE,
      UNPUBLISHED_WORD,
      letters.U2.reference,
      letters.U3.reference,
    ]) {
      expect([secret, everything.includes(secret)]).toEqual([secret, false]);
    }
  });
});
