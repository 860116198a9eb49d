import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Role } from '@spcomms/access';
import { NAME_WITHHELD, PublicationService } from '@spcomms/publication';
import { AttachmentStorage } from '@spcomms/replies';
import { TestClock } from '@spcomms/testing';
import { draftBody } from './support/letters';
import { PublishedLetterSpec, SentLetter, insertReply, publishLetter } from './support/publication';
import { HttpAnswer, TestApp, createTestApp } from './support/test-app';

/** Stops the setup when a step does not go as planned. */
function assertSetup(actual: unknown, expected: unknown): void {
  if (actual !== expected) {
    throw new Error(`setup: expected ${String(expected)}, got ${String(actual)}`);
  }
}

/** Words that exist only in what must never be public. */
const UNPUBLISHED_WORD = 'Quetzalcoatlus';
const CONFIDENTIAL_REPLY_WORD = 'Zanzibarine';
const CONFIDENTIAL_FILE = 'zanzibarine-annex.pdf';
const SECRET_NAMES = ['Maryam', 'Example'];
const PDF = Buffer.from('%PDF-1.4\n% public annex\n');

/**
 * The public communications database (issue "The public communications database"): search, filters,
 * facets, record pages, attachments, reports and exports, over letters published through the real
 * publication service, next to letters that must never appear.
 */
describe('public communications database', () => {
  let sut: TestApp;
  const clock = new TestClock('2025-06-10T10:00:00Z');
  let assistant: string;
  let srExpression: string;
  let srDefenders: string;
  let admin: string;
  let request = 0;
  /** Everything the public was answered, to look for what must never be there. */
  const publicOutput: string[] = [];
  const letters: Record<string, SentLetter> = {};
  let publicAttachmentId: string;
  let companyId: string;

  /** A public request, from a fresh address each time (the rate limit has its own test). */
  async function pub<T = any>(url: string, ip?: string): Promise<HttpAnswer<T>> {
    request++;
    const answer = await sut.get<T>(url, { ip: ip ?? `10.9.${(request >> 8) & 255}.${request & 255}` });
    publicOutput.push(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    return answer;
  }
  const references = (answer: HttpAnswer<{ items: Array<{ reference: string }> }>) =>
    answer.body.items.map((item) => item.reference);
  const search = async (query: string) => references(await pub(`/public/communications?${query}`)).sort();
  const ref = (...names: string[]) => names.map((name) => letters[name].reference).sort();

  async function letter(name: string, spec: PublishedLetterSpec): Promise<SentLetter> {
    letters[name] = await publishLetter(sut, clock, { assistant, srExpression, srDefenders }, spec);
    return letters[name];
  }

  beforeAll(async () => {
    sut = await createTestApp({ clock, env: { TOKEN_TTL_HOURS: '1000000', PUBLIC_RATE_LIMIT: '20' } });
    assistant = (
      await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION', 'DEFENDERS'] })
    ).token;
    srExpression = (
      await sut.createUser({ username: 'sr.expression', role: Role.MandateHolder, mandates: ['EXPRESSION'] })
    ).token;
    srDefenders = (
      await sut.createUser({ username: 'sr.defenders', role: Role.MandateHolder, mandates: ['DEFENDERS'] })
    ).token;
    admin = (await sut.createUser({ username: 'admin', role: Role.Admin })).token;
    const company = await sut.post(
      '/other-recipients',
      { name: 'Andean Copper Ltd', kind: 'company', countryCode: 'CAN' },
      { token: admin },
    );
    companyId = company.body.id;

    const storage = sut.app.get(AttachmentStorage);
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    await storage.put(Readable.from([PDF]), sha256);

    // L1: a joint UA to Iran, a confidential victim, a public reply with an annex and a confidential reply.
    await letter('L1', {
      sentAt: '2025-06-10T10:00:00Z',
      cosign: true,
      body: {
        subject: 'Executions of journalists and Maryam Example',
        body: 'We have received information concerning the executions of journalists, including Ms. Maryam Example, and the defence of freedom of expression.',
        victims: [
          { name: 'Reza Sample', gender: 'male', nameConfidential: false },
          { name: 'Maryam Example', gender: 'female', nameConfidential: true },
        ],
        themes: ['death penalty'],
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
    // L2: a French AL to Egypt on the last day of the March-session window, not replied.
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
    // L3: an OL on the first day of the June-session window, replied in Chinese.
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
    // L4: on the 29th of February 2024 (June 2024 window), replied in Russian in May (September 2024 replies window).
    await letter('L4', {
      sentAt: '2024-02-29T10:00:00Z',
      body: {
        type: 'AL',
        recipientStateCode: 'RUS',
        subject: 'Detention of a blogger',
        body: 'The blogger was detained.',
      },
      replies: [
        {
          number: 1,
          receivedOn: '2024-05-01',
          language: 'ru',
          text: 'Правозащитники были задержаны в соответствии с законом.',
        },
      ],
    });
    // L7: the first day of the September 2024 window; its subject starts like a spreadsheet formula.
    await letter('L7', {
      sentAt: '2024-03-01T10:00:00Z',
      body: {
        type: 'AL',
        recipientStateCode: 'RUS',
        subject: '=HYPERLINK("http://evil.example")',
        body: 'Blogger again.',
      },
    });
    // L5: a Spanish AL to a company, the last day of the September 2025 window; confidential replies only.
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
        { number: 2, receivedOn: '2025-08-05', confidential: true, text: `${CONFIDENTIAL_REPLY_WORD} answer again.` },
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

    // L1 gets a late reply in Arabic, published on arrival.
    clock.set('2025-10-01T10:00:00Z');
    const late = await insertReply(
      sut.dataSource(),
      letters.L1.id,
      { number: 3, receivedOn: '2025-10-01', language: 'ar', text: 'اعتقال المدافعين عن حقوق الإنسان' },
      clock.now(),
    );
    assertSetup(await sut.app.get(PublicationService).publishReply(late), 'published');

    // Never public: a draft, a letter sent but not yet public, a letter whose redaction was not checked (blocked).
    const unpublished = { subject: `${UNPUBLISHED_WORD} case`, body: `The ${UNPUBLISHED_WORD} facts.` };
    clock.set('2025-07-01T10:00:00Z');
    assertSetup(
      (await sut.post('/communications', draftBody({ ...unpublished, type: 'AL' }), { token: assistant })).status,
      201,
    );
    await letter('U2', {
      sentAt: '2025-07-02T10:00:00Z',
      body: { ...unpublished, type: 'AL' },
      publish: false,
      replies: [{ number: 1, receivedOn: '2025-08-02', text: UNPUBLISHED_WORD }],
    });
    assertSetup(await sut.app.get(PublicationService).publishDue(letters.U2.id), 'not_due');
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
    it('finds words with the stemming of each language, in letters and in public replies', async () => {
      expect(await search('q=execution')).toEqual(ref('L1', 'L6'));
      expect(await search('q=d%C3%A9fenseur')).toEqual(ref('L2'));
      expect(await search(`q=${encodeURIComponent('desaparición forzada')}`)).toEqual(ref('L5'));
      expect(await search(`q=${encodeURIComponent('правозащитник')}`)).toEqual(ref('L4'));
      expect(await search(`q=${encodeURIComponent('المدافعون')}`)).toEqual(ref('L1'));
      expect(await search(`q=${encodeURIComponent('人权')}`)).toEqual(ref('L3'));
      expect(await search(`q=${encodeURIComponent('人权理事会')}`)).toEqual(ref('L3'));
      expect(await search(`q=${encodeURIComponent('权')}`)).toEqual(ref('L3'));
      expect(await search(`q=${encodeURIComponent('理人权')}`)).toEqual([]);
    });

    it('matches phrases and exclusions', async () => {
      expect(await search(`q=${encodeURIComponent('"freedom of expression"')}`)).toEqual(ref('L1'));
      expect(await search(`q=${encodeURIComponent('"expression of freedom"')}`)).toEqual([]);
      expect(await search(`q=${encodeURIComponent('blogger -detained')}`)).toEqual(ref('L7'));
      expect(await search(`q=${encodeURIComponent('blogger -Blogger')}`)).toEqual([]);
      expect(await search(`q=${encodeURIComponent('desaparición OR défenseur')}`)).toEqual(ref('L2', 'L5'));
      // A word one reading drops as a stop word is ignored: "the" does not keep English letters out.
      expect(await search(`q=${encodeURIComponent('the blogger')}`)).toEqual(ref('L4', 'L7'));
    });

    it('never finds what is not published, confidential or withheld, even by its exact words', async () => {
      for (const words of [
        UNPUBLISHED_WORD,
        CONFIDENTIAL_REPLY_WORD,
        'Maryam',
        'Example judgment',
        'zanzibarine-annex',
      ]) {
        expect(await search(`q=${encodeURIComponent(words)}`)).toEqual([]);
        expect((await pub(`/public/communications/facets?q=${encodeURIComponent(words)}`)).body.total).toBe(0);
      }
      expect(await search('limit=100')).toEqual(ref('L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7'));
    });

    it('filters by mandate, recipient, type, joint, dates and reply status', async () => {
      expect(await search('mandate=DEFENDERS')).toEqual(ref('L1'));
      expect(await search('mandate=DEFENDERS&mandate=EXPRESSION')).toEqual(
        ref('L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7'),
      );
      expect(await search('mandate=TORTURE')).toEqual([]);
      expect(await search('recipient=RUS')).toEqual(ref('L4', 'L7'));
      expect(await search('recipient=EGY&recipient=CHN')).toEqual(ref('L2', 'L3'));
      expect(await search('recipient=OTH')).toEqual(ref('L5'));
      expect(await search('recipientKind=other')).toEqual(ref('L5'));
      expect(await search('type=OL')).toEqual(ref('L3'));
      expect(await search('joint=true')).toEqual(ref('L1'));
      expect(await search('joint=false')).toEqual(ref('L2', 'L3', 'L4', 'L5', 'L6', 'L7'));
      expect(await search('from=2025-06-01&to=2025-11-30')).toEqual(ref('L1', 'L2'));
      expect(await search('from=2024-02-29&to=2024-02-29')).toEqual(ref('L4'));
      expect(await search('replyStatus=replied')).toEqual(ref('L1', 'L3', 'L4'));
      expect(await search('replyStatus=confidential')).toEqual(ref('L5'));
      expect(await search('replyStatus=not_replied')).toEqual(ref('L2', 'L6', 'L7'));
      expect(await search('q=blogger&recipient=RUS&type=AL&from=2024-03-01')).toEqual(ref('L7'));
    });

    it('sorts by date, newest first, and pages with keyset cursors', async () => {
      const seen: string[] = [];
      let after = '';
      for (let page = 0; page < 10; page++) {
        const answer = await pub(`/public/communications?limit=3${after}`);
        expect(answer.status).toBe(200);
        expect(answer.body.sort).toBe('date');
        seen.push(
          ...answer.body.items.map((item: { sentOn: string; reference: string }) => `${item.sentOn} ${item.reference}`),
        );
        if (!answer.body.nextCursor) {
          break;
        }
        after = `&cursor=${answer.body.nextCursor}`;
      }
      expect(seen).toHaveLength(7);
      expect(seen).toEqual([...seen].sort().reverse());
    });

    it('gives cursors that decode to no internal id', async () => {
      const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
      for (const url of ['/public/communications?limit=1', '/public/communications?q=blogger&limit=1']) {
        const { nextCursor } = (await pub(url)).body;
        expect(nextCursor).toEqual(expect.any(String));
        const decoded = Buffer.from(nextCursor, 'base64url').toString('utf8');
        expect(decoded).not.toMatch(uuid);
        expect(Buffer.from(nextCursor, 'base64').toString('utf8')).not.toMatch(uuid);
        expect(nextCursor).not.toMatch(uuid);
      }
    });

    it('ranks by relevance with q: a match in the subject before a match in the body, with snippets', async () => {
      const ranked = await pub('/public/communications?q=blogger');
      expect(ranked.body.sort).toBe('relevance');
      expect(references(ranked)).toEqual([letters.L4.reference, letters.L7.reference]);
      expect(ranked.body.items[0].rank).toBeGreaterThan(ranked.body.items[1].rank);
      expect(ranked.body.items[0].snippet).toContain('**blogger**');
      const first = await pub('/public/communications?q=blogger&limit=1');
      const second = await pub(`/public/communications?q=blogger&limit=1&cursor=${first.body.nextCursor}`);
      expect([...references(first), ...references(second)]).toEqual(references(ranked));
      expect(second.body.nextCursor).toBeNull();
      const byDate = await pub('/public/communications?q=blogger&sort=date');
      expect(references(byDate)).toEqual([letters.L7.reference, letters.L4.reference]);
    });

    it('answers each hit with the summary of its record page, and nothing more', async () => {
      const pages = [
        await pub('/public/communications?limit=100'),
        await pub('/public/communications?q=blogger%20OR%20execution&limit=100'),
      ];
      expect(pages.map((page) => page.body.items.length)).toEqual([7, 4]);
      for (const page of pages) {
        expect(page.headers['content-type']).toBe('application/json; charset=utf-8');
        for (const { snippet, rank, ...hit } of page.body.items) {
          const { replyRequestedBy, body, lawOrPolicy, victims, replies, followsUp, followedUpBy, ...summary } = (
            await pub(hit.url)
          ).body;
          expect(
            [replyRequestedBy, body, lawOrPolicy, victims, replies, followsUp, followedUpBy].every(
              (field) => field !== undefined,
            ),
          ).toBe(true);
          expect(hit).toStrictEqual(summary);
          expect(page.body.sort === 'relevance' ? [typeof snippet, typeof rank] : [snippet, rank]).toEqual(
            page.body.sort === 'relevance' ? ['string', 'number'] : [null, null],
          );
        }
      }
    });

    it('answers the page as JSON in UTF-8, its length, security headers and request id with it', async () => {
      const answer = await sut.app.inject({
        method: 'GET',
        url: `/public/communications?q=${encodeURIComponent('desaparición OR défenseur')}&limit=1`,
        headers: { 'x-request-id': 'search-bytes-1' },
        remoteAddress: '10.9.255.1',
      });
      const text = answer.rawPayload.toString('utf8');
      expect(answer.statusCode).toBe(200);
      expect(answer.headers).toMatchObject({
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(answer.rawPayload.length),
        'x-request-id': 'search-bytes-1',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      });
      const page = JSON.parse(text) as { items: Array<{ snippet: string }>; nextCursor: string };
      expect(page.items).toHaveLength(1);
      expect(text.startsWith('{"items":[{')).toBe(true);
      expect(text.endsWith(`}],"nextCursor":"${page.nextCursor}","sort":"relevance"}`)).toBe(true);
      // Text beyond ASCII comes back as it was written.
      expect(page.items[0].snippet).toMatch(/Détention|Información/);
    });

    it('refuses malformed parameters with 400 and bad cursors or ranges with 422', async () => {
      for (const query of [
        'joint=yes',
        'type=JUA',
        'replyStatus=maybe',
        'from=2025-02-30',
        'limit=0',
        'limit=101',
        'recipient=iran',
        'sort=best',
        'unknown=1',
      ]) {
        const answer = await pub(`/public/communications?${query}`);
        expect([query, answer.status, answer.body.code]).toEqual([query, 400, 'validation.failed']);
      }
      const date = await pub('/public/communications?limit=1');
      const wrongSort = await pub(`/public/communications?q=blogger&cursor=${date.body.nextCursor}`);
      expect([wrongSort.status, wrongSort.body.code]).toEqual([422, 'public_search.invalid_cursor']);
      expect((await pub('/public/communications?cursor=bm90LWEtY3Vyc29y')).body.code).toBe(
        'public_search.invalid_cursor',
      );
      expect((await pub('/public/communications/facets?from=2025-02-01&to=2025-01-01')).status).toBe(422);
    });
  });

  it('counts facets by mandate, recipient, type, year and reply status', async () => {
    const all = await pub('/public/communications/facets');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(7);
    expect(all.body.mandate).toEqual([
      { value: 'EXPRESSION', label: expect.stringMatching(/expression/i), count: 7 },
      { value: 'DEFENDERS', label: expect.stringMatching(/defenders/i), count: 1 },
    ]);
    expect(all.body.recipient).toEqual([
      { value: 'IRN', label: 'Iran (Islamic Republic of)', count: 2 },
      { value: 'RUS', label: 'Russian Federation', count: 2 },
      { value: companyId, label: 'Andean Copper Ltd', count: 1 },
      { value: 'CHN', label: 'China', count: 1 },
      { value: 'EGY', label: 'Egypt', count: 1 },
    ]);
    expect(all.body.type).toEqual([
      { value: 'AL', label: null, count: 5 },
      { value: 'OL', label: null, count: 1 },
      { value: 'UA', label: null, count: 1 },
    ]);
    expect(all.body.year).toEqual([
      { value: '2025', label: null, count: 5 },
      { value: '2024', label: null, count: 2 },
    ]);
    expect(all.body.replyStatus).toEqual([
      { value: 'replied', label: null, count: 3 },
      { value: 'confidential', label: null, count: 1 },
      { value: 'not_replied', label: null, count: 3 },
    ]);
    const filtered = await pub('/public/communications/facets?q=blogger');
    expect(filtered.body).toMatchObject({
      total: 2,
      recipient: [{ value: 'RUS', count: 2 }],
      year: [{ value: '2024', count: 2 }],
    });
  });

  describe('record pages', () => {
    it('shows a published letter by its stable address, redacted, with replies, attachments and related letters', async () => {
      const slug = letters.L1.reference.replace(/[ /]/g, '-');
      const page = await pub(`/public/communications/${slug}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({
        reference: letters.L1.reference,
        url: `/public/communications/${slug}`,
        type: 'UA',
        recipient: { code: 'IRN', name: 'Iran (Islamic Republic of)', kind: 'state' },
        mandates: [
          expect.objectContaining({ code: 'EXPRESSION', lead: true }),
          expect.objectContaining({ code: 'DEFENDERS', lead: false }),
        ],
        joint: true,
        sentOn: '2025-06-10',
        publicFrom: '2025-08-09',
        subject: `Executions of journalists and ${NAME_WITHHELD}`,
        victims: [
          { name: 'Reza Sample', group: false },
          { name: NAME_WITHHELD, group: false },
        ],
        replyStatus: 'replied',
        replyCount: 3,
        followsUp: [],
        followedUpBy: [
          {
            reference: letters.L6.reference,
            url: `/public/communications/${letters.L6.reference.replace(/[ /]/g, '-')}`,
          },
        ],
      });
      expect(page.body.replies).toEqual([
        {
          number: 1,
          receivedOn: '2025-08-15',
          confidential: false,
          language: 'en',
          text: `Ms. ${NAME_WITHHELD} was tried fairly.`,
          notice: null,
          correctsNumber: null,
          attachments: [
            {
              id: publicAttachmentId,
              fileName: `${NAME_WITHHELD} judgment.pdf`,
              mediaType: 'application/pdf',
              size: PDF.length,
              sha256: createHash('sha256').update(PDF).digest('hex'),
              url: `/public/communications/${slug}/attachments/${publicAttachmentId}`,
            },
          ],
        },
        {
          number: 2,
          receivedOn: '2025-09-01',
          confidential: true,
          language: null,
          text: null,
          notice: 'A reply was received on 2025-09-01. It is confidential at the request of its author.',
          correctsNumber: null,
          attachments: [],
        },
        expect.objectContaining({ number: 3, language: 'ar', confidential: false }),
      ]);
      // A letter whose follow-up is not published shows no link to it.
      expect(
        (await pub(`/public/communications/${letters.L6.reference.replace(/[ /]/g, '-')}`)).body.followsUp,
      ).toEqual([{ reference: letters.L1.reference, url: `/public/communications/${slug}` }]);
    });

    it('offers the files of public replies for download, under their redacted names, and nothing else', async () => {
      const slug = letters.L1.reference.replace(/[ /]/g, '-');
      const file = await pub(`/public/communications/${slug}/attachments/${publicAttachmentId}`);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toContain('filename="[name withheld] judgment.pdf"');
      expect(file.body).toBe(PDF.toString());
      const [confidential] = await sut
        .dataSource()
        .query(`SELECT id FROM reply_attachment WHERE file_name = $1`, [CONFIDENTIAL_FILE]);
      expect((await pub(`/public/communications/${slug}/attachments/${confidential.id}`)).status).toBe(404);
      // The attachment exists, but not under another letter's address.
      expect(
        (
          await pub(
            `/public/communications/${letters.L2.reference.replace(/[ /]/g, '-')}/attachments/${publicAttachmentId}`,
          )
        ).status,
      ).toBe(404);
    });

    it('answers 404 for unpublished, unknown and malformed references', async () => {
      for (const name of ['U2', 'U3']) {
        const answer = await pub(`/public/communications/${letters[name].reference.replace(/[ /]/g, '-')}`);
        expect([answer.status, answer.body.code]).toEqual([404, 'communication.not_found']);
      }
      expect((await pub('/public/communications/UA-IRN-999-2025')).status).toBe(404);
      expect((await pub('/public/communications/not%20a%20reference')).status).toBe(404);
    });
  });

  describe('communications reports (C16)', () => {
    it('reports the March session across the year end, with replies to earlier letters apart', async () => {
      const report = await pub('/public/communication-reports/2026/march');
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({
        year: 2026,
        session: 'march',
        lettersWindow: { from: '2025-06-01', to: '2025-11-30' },
        repliesWindow: { from: '2025-08-01', to: '2026-01-31' },
      });
      expect(report.body.letters.map((l: { reference: string }) => l.reference)).toEqual([
        letters.L1.reference,
        letters.L2.reference,
      ]);
      expect(
        report.body.replies.map(
          (r: { reference: string; number: number; confidential: boolean; language: string | null }) => [
            r.reference,
            r.number,
            r.confidential,
            r.language,
          ],
        ),
      ).toEqual([
        [letters.L1.reference, 1, false, 'en'],
        [letters.L1.reference, 2, true, null],
        [letters.L1.reference, 3, false, 'ar'],
      ]);
      expect(
        report.body.repliesToEarlierLetters.map((r: { reference: string; number: number }) => [r.reference, r.number]),
      ).toEqual([[letters.L5.reference, 2]]);
    });

    it('ends the June window on the last day of February, the 29th in a leap year', async () => {
      const june2024 = await pub('/public/communication-reports/2024/june');
      expect(june2024.body.lettersWindow).toEqual({ from: '2023-12-01', to: '2024-02-29' });
      expect(june2024.body.letters.map((l: { reference: string }) => l.reference)).toEqual([letters.L4.reference]);
      expect(june2024.body.replies).toEqual([]);
      const september2024 = await pub('/public/communication-reports/2024/september');
      expect(september2024.body.letters.map((l: { reference: string }) => l.reference)).toEqual([letters.L7.reference]);
      expect(september2024.body.repliesToEarlierLetters.map((r: { reference: string }) => r.reference)).toEqual([
        letters.L4.reference,
      ]);
      const june2026 = await pub('/public/communication-reports/2026/june');
      expect(june2026.body.letters.map((l: { reference: string }) => l.reference)).toEqual([
        letters.L3.reference,
        letters.L6.reference,
      ]);
      expect(june2026.body.replies.map((r: { reference: string }) => r.reference)).toEqual([letters.L3.reference]);
      const september2025 = await pub('/public/communication-reports/2025/september');
      expect(september2025.body.letters.map((l: { reference: string }) => l.reference)).toEqual([letters.L5.reference]);
      expect(september2025.body.replies.map((r: { receivedOn: string }) => r.receivedOn)).toEqual(['2025-07-31']);
    });

    it('gives the report as CSV, one line per letter and per reply with its section', async () => {
      const csv = await pub('/public/communication-reports/2026/march?format=csv');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="communications-report-2026-march.csv"');
      const lines = (csv.body as string).trim().split('\r\n');
      expect(lines[0]).toBe(
        'section,reference,url,type,recipient_code,recipient_name,mandates,joint,sent_on,reply_number,received_on,confidential_reply',
      );
      expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([
        'letter',
        'letter',
        'reply',
        'reply',
        'reply',
        'reply_to_earlier_letter',
      ]);
      expect(lines[1]).toContain(`${letters.L1.reference},http://localhost:3000/public/communications/`);
      expect((await pub('/public/communication-reports/2026/december')).status).toBe(400);
      expect((await pub('/public/communication-reports/1999/march')).status).toBe(400);
      expect((await pub('/public/communication-reports/2026/march?format=xml')).status).toBe(400);
    });
  });

  it('exports any search as CSV, published letters only, with formulas neutralised', async () => {
    const all = await pub('/public/communications/export.csv');
    expect(all.status).toBe(200);
    expect(all.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(all.headers['content-disposition']).toBe('attachment; filename="communications.csv"');
    const lines = (all.body as string).trim().split('\r\n');
    expect(lines[0]).toBe(
      'reference,url,type,recipient_code,recipient_name,recipient_kind,mandates,joint,sent_on,public_from,reply_status,replies,last_reply_on,subject,themes',
    );
    expect(lines).toHaveLength(8);
    expect(lines[1].startsWith(`${letters.L6.reference},`)).toBe(true);
    expect(all.body).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    const filtered = await pub(`/public/communications/export.csv?q=blogger&recipient=RUS`);
    expect(
      (filtered.body as string)
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual([letters.L7.reference, letters.L4.reference]);
    expect(
      (await pub(`/public/communications/export.csv?q=${UNPUBLISHED_WORD}`)).body.trim().split('\r\n'),
    ).toHaveLength(1);
  });

  it('rate-limits the public endpoints per address', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < 20; i++) {
      expect((await pub('/public/communications/UA-XXX-1-2000', ip)).status).toBe(404);
    }
    const limited = await pub('/public/communications?q=blogger', ip);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await pub('/public/communications?q=blogger')).status).toBe(200);
  });

  it('never showed the public a withheld name, a confidential reply or an unpublished letter', () => {
    const everything = publicOutput.join('\n');
    expect(publicOutput.length).toBeGreaterThan(60);
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
