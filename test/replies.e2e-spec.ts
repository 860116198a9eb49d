import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { Role, systemActor } from '@spcomms/access';
import { CommunicationEntity } from '@spcomms/communications';
import { NewReply, ReplyWriter, UploadStaging } from '@spcomms/replies';
import { TestClock } from '@spcomms/testing';
import { windowsExecutable, zipOf } from '../libs/replies/test/zip-of';
import { draftBody } from './support/letters';
import { HttpAnswer, TestApp, createTestApp } from './support/test-app';

const MAX_BYTES = 64 * 1024;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface FilePart {
  field?: string;
  name: string;
  type: string;
  content: Buffer;
}

/** A multipart/form-data body as a browser or a Government system would send it. */
function multipart(
  fields: Record<string, string> | Array<[string, string]>,
  files: FilePart[] = [],
): { payload: Buffer; contentType: string } {
  const boundary = `----spcomms${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Array.isArray(fields) ? fields : Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'attachments'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function pdf(text: string, size = 0): Buffer {
  const body = Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Title (${text}) >>\nendobj\ntrailer\n<<>>\n%%EOF\n`, 'latin1');
  return size > body.length ? Buffer.concat([body, Buffer.alloc(size - body.length, 0x20)]) : body;
}

const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const exe = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), randomBytes(200)]);

/** A minimal Word document: a ZIP whose central directory names the parts of a DOCX. */
function docx(): Buffer {
  const names = ['[Content_Types].xml', '_rels/.rels', 'word/document.xml'];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const bytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(bytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(bytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, bytes);
    centrals.push(central, bytes);
    offset += local.length + bytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

function expectErrorShape(answer: HttpAnswer, status: number, code?: string): void {
  expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code: code ?? answer.body?.code });
  expect(answer.body).toEqual(
    expect.objectContaining({ statusCode: status, code: expect.any(String), message: expect.any(String) }),
  );
}

describe('replies to letters (C10, C12)', () => {
  let sut: TestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const tokens: Record<string, string> = {};
  let assistantId: string;
  let govIranId: string;

  beforeAll(async () => {
    sut = await createTestApp({ clock, env: { TOKEN_TTL_HOURS: '100000', ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });
    const users: Array<[string, Role, { mandates?: string[]; stateCode?: string }]> = [
      ['assistant', Role.Assistant, { mandates: ['EXPRESSION'] }],
      ['assistant.torture', Role.Assistant, { mandates: ['TORTURE'] }],
      ['assistant.other', Role.Assistant, { mandates: ['HOUSING'] }],
      ['sr.expression', Role.MandateHolder, { mandates: ['EXPRESSION'] }],
      ['sr.torture', Role.MandateHolder, { mandates: ['TORTURE'] }],
      ['sr.housing', Role.MandateHolder, { mandates: ['HOUSING'] }],
      ['gov.irn', Role.Government, { stateCode: 'IRN' }],
      ['gov.blr', Role.Government, { stateCode: 'BLR' }],
      ['committee', Role.Committee, {}],
      ['admin', Role.Admin, {}],
    ];
    for (const [username, role, scope] of users) {
      const user = await sut.createUser({ username, role, ...scope });
      tokens[username] = user.token;
      if (username === 'assistant') {
        assistantId = user.id;
      }
      if (username === 'gov.irn') {
        govIranId = user.id;
      }
    }
  });
  afterAll(() => sut.close());

  // ---- helpers ----

  async function draft(overrides: Record<string, unknown> = {}): Promise<string> {
    const answer = await sut.post('/communications', draftBody(overrides), { token: tokens.assistant });
    expect(answer.status).toBe(201);
    return answer.body.id;
  }

  /** A letter drafted, approved and sent by EXPRESSION; answers its id and dates. */
  async function sendLetter(
    overrides: Record<string, unknown> = {},
  ): Promise<{ id: string; sentOn: string; replyRequestedBy: string; reference: string }> {
    const id = await draft(overrides);
    const approved = await sut.post(
      `/communications/${id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: tokens['sr.expression'] },
    );
    expect(approved.status).toBe(201);
    const sent = await sut.post(`/communications/${id}/transmit`, {}, { token: tokens.assistant });
    expect(sent.status).toBe(200);
    return sent.body.letters[0];
  }

  function postForm(
    url: string,
    form: { payload: Buffer; contentType: string },
    token?: string,
    headers: Record<string, string> = {},
  ) {
    return sut.post(url, form.payload, { token, headers: { 'content-type': form.contentType, ...headers } });
  }

  async function download(url: string, token: string) {
    const response = await sut.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload };
  }

  async function count(table: string): Promise<number> {
    const [row] = await sut.dataSource().query(`SELECT count(*)::int AS n FROM ${table}`);
    return row.n;
  }

  /** Every file under STORAGE_DIR (staging and stored objects), relative to it. */
  function storedFiles(): string[] {
    const root = sut.config.env.STORAGE_DIR;
    const walk = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? walk(join(folder, entry.name)) : [relative(root, join(folder, entry.name))],
      );
    return walk(root).sort();
  }

  // ---- the Government portal ----

  it('takes the Iran Government reply with a PDF to a sent UA and shows it on time to the letter staff', async () => {
    clock.set('2026-03-02T09:00:00Z');
    const letter = await sendLetter({ type: 'UA', recipientStateCode: 'IRN' });
    expect(letter.replyRequestedBy).toBe('2026-05-01');

    clock.set('2026-03-20T10:15:00Z');
    const note = pdf('Reply of the Islamic Republic of Iran');
    const answer = await postForm(
      `/portal/communications/${letter.id}/replies`,
      multipart(
        { text: 'The Government has the honour to transmit its reply …', language: 'en', confidential: 'false' },
        [{ name: 'reply.pdf', type: 'application/pdf', content: note }],
      ),
      tokens['gov.irn'],
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      replyId: expect.any(String),
      receiptCode: expect.stringMatching(/^R-[0-9A-HJKMNP-TV-Z]{12}$/),
      communicationId: letter.id,
      reference: letter.reference,
      number: 1,
      receivedOn: '2026-03-20',
      receivedAt: '2026-03-20T10:15:00.000Z',
      replyRequestedBy: '2026-05-01',
      onTime: true,
      attachments: [
        {
          id: expect.any(String),
          fileName: 'reply.pdf',
          mediaType: 'application/pdf',
          size: note.length,
          sha256: sha256(note),
        },
      ],
    });
    const { replyId } = answer.body;
    const attachmentId = answer.body.attachments[0].id;
    expect(storedFiles()).toContain(join('objects', sha256(note).slice(0, 2), sha256(note).slice(2, 4), sha256(note)));

    const staff = await sut.get(`/communications/${letter.id}/replies`, { token: tokens.assistant });
    expect(staff.status).toBe(200);
    expect(staff.body).toEqual([
      expect.objectContaining({
        id: replyId,
        communicationId: letter.id,
        number: 1,
        receiptCode: answer.body.receiptCode,
        receivedOn: '2026-03-20',
        language: 'en',
        text: 'The Government has the honour to transmit its reply …',
        confidential: false,
        channel: 'portal',
        requestedBy: '2026-05-01',
        onTime: true,
        correctsReplyId: null,
        correctedBy: [],
        recordedBy: govIranId,
        attachments: answer.body.attachments,
      }),
    ]);
    const holder = await sut.get(`/communications/${letter.id}/replies`, { token: tokens['sr.expression'] });
    expect(holder.body.map((reply: { id: string }) => reply.id)).toEqual([replyId]);

    for (const [url, token] of [
      [`/communications/${letter.id}/replies/${replyId}/attachments/${attachmentId}`, tokens.assistant],
      [`/communications/${letter.id}/replies/${replyId}/attachments/${attachmentId}`, tokens['sr.expression']],
      [`/portal/communications/${letter.id}/replies/${replyId}/attachments/${attachmentId}`, tokens['gov.irn']],
    ]) {
      const file = await download(url, token);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toContain('filename="reply.pdf"');
      expect(file.bytes.equals(note)).toBe(true);
    }

    // The Government sees its reply, but not who in the secretariat handled what.
    const own = await sut.get(`/portal/communications/${letter.id}/replies`, { token: tokens['gov.irn'] });
    expect(own.status).toBe(200);
    expect(own.body).toHaveLength(1);
    expect(own.body[0]).toMatchObject({ id: replyId, onTime: true, channel: 'portal' });
    expect(own.body[0]).not.toHaveProperty('recordedBy');
  });

  it('marks a reply received after the reply-requested date (Geneva calendar) late', async () => {
    clock.set('2026-03-02T09:00:00Z');
    const letter = await sendLetter({ type: 'AL', recipientStateCode: 'IRN' });
    expect(letter.replyRequestedBy).toBe('2026-05-01');

    // 23:30 in Geneva on the requested day: still on time.
    clock.set('2026-05-01T21:30:00Z');
    const last = await sut.post(
      `/portal/communications/${letter.id}/replies`,
      { text: 'Réponse partielle', language: 'fr' },
      { token: tokens['gov.irn'] },
    );
    expect(last.status).toBe(201);
    expect(last.body).toMatchObject({ receivedOn: '2026-05-01', onTime: true });

    // 00:30 in Geneva the next day: late.
    clock.set('2026-05-01T22:30:00Z');
    const late = await sut.post(
      `/portal/communications/${letter.id}/replies`,
      { text: 'Дополнительная информация', language: 'ru' },
      { token: tokens['gov.irn'] },
    );
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ number: 2, receivedOn: '2026-05-02', onTime: false });

    // Years later is still accepted (C10).
    clock.set('2029-01-15T09:00:00Z');
    const years = await sut.post(
      `/portal/communications/${letter.id}/replies`,
      { text: '后续答复', language: 'zh' },
      { token: tokens['gov.irn'] },
    );
    expect(years.status).toBe(201);

    const staff = await sut.get(`/communications/${letter.id}/replies`, { token: tokens.assistant });
    expect(
      staff.body.map((reply: { number: number; onTime: boolean; language: string }) => [
        reply.number,
        reply.onTime,
        reply.language,
      ]),
    ).toEqual([
      [1, true, 'fr'],
      [2, false, 'ru'],
      [3, false, 'zh'],
    ]);
  });

  it('answers 404 to another State and for drafts, and writes nothing', async () => {
    clock.set('2026-06-01T09:00:00Z');
    const letter = await sendLetter({ type: 'AL', recipientStateCode: 'IRN' });
    const draftId = await draft({ type: 'AL', recipientStateCode: 'IRN' });
    const before = { replies: await count('reply'), files: storedFiles() };

    const belarus = tokens['gov.blr'];
    expectErrorShape(await sut.get(`/portal/communications/${letter.id}`, { token: belarus }), 404);
    expectErrorShape(await sut.get(`/portal/communications/${letter.id}/replies`, { token: belarus }), 404);
    expectErrorShape(
      await sut.post(
        `/portal/communications/${letter.id}/replies`,
        { text: 'Not ours', language: 'ru' },
        { token: belarus },
      ),
      404,
    );
    const form = multipart({ text: 'Not ours', language: 'ru' }, [
      { name: 'x.pdf', type: 'application/pdf', content: pdf('x') },
    ]);
    expectErrorShape(await postForm(`/portal/communications/${letter.id}/replies`, form, belarus), 404);

    // A draft addressed to Iran does not exist for Iran.
    const toDraft = await sut.post(
      `/portal/communications/${draftId}/replies`,
      { text: 'Early', language: 'en' },
      { token: tokens['gov.irn'] },
    );
    expectErrorShape(toDraft, 404, 'communication.not_found');
    expectErrorShape(await sut.get(`/portal/communications/${draftId}/replies`, { token: tokens['gov.irn'] }), 404);
    // Staff cannot record one either.
    const staffDraft = await sut.post(
      `/communications/${draftId}/replies`,
      { text: 'Early', language: 'en', channel: 'email' },
      { token: tokens.assistant },
    );
    expectErrorShape(staffDraft, 409, 'reply.letter_not_sent');

    expect(await count('reply')).toBe(before.replies);
    expect(storedFiles()).toEqual(before.files);
  });

  it('records one reply for 50 concurrent identical submissions with one Idempotency-Key', async () => {
    clock.set('2026-06-10T09:00:00Z');
    const letter = await sendLetter({ type: 'UA', recipientStateCode: 'IRN' });
    const key = `reply-${randomBytes(6).toString('hex')}`;
    const body = { text: 'Reply sent once, delivered many times', language: 'en', confidential: true };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        sut.post(`/portal/communications/${letter.id}/replies`, body, {
          token: tokens['gov.irn'],
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(201));
    expect(new Set(answers.map((answer) => answer.body.replyId)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.body.receiptCode)).size).toBe(1);
    const [{ n }] = await sut
      .dataSource()
      .query('SELECT count(*)::int AS n FROM reply WHERE communication_id = $1', [letter.id]);
    expect(n).toBe(1);

    // The same key later, with the same body: the same receipt; with another body: 422, nothing written.
    clock.advance({ days: 1 });
    const again = await sut.post(`/portal/communications/${letter.id}/replies`, body, {
      token: tokens['gov.irn'],
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(answers[0].body);
    const other = await sut.post(
      `/portal/communications/${letter.id}/replies`,
      { ...body, text: 'Another reply' },
      { token: tokens['gov.irn'], headers: { 'idempotency-key': key } },
    );
    expectErrorShape(other, 422, 'reply.idempotency_key_reused');
    // The key is per user: another user's identical key is another request.
    const byAssistant = await sut.post(
      `/communications/${letter.id}/replies`,
      { text: 'Copy received by e-mail', language: 'en', channel: 'email' },
      { token: tokens.assistant, headers: { 'idempotency-key': key } },
    );
    expect(byAssistant.status).toBe(201);
    const [{ n: after }] = await sut
      .dataSource()
      .query('SELECT count(*)::int AS n FROM reply WHERE communication_id = $1', [letter.id]);
    expect(after).toBe(2);
    const list = await sut.get(`/communications/${letter.id}/replies`, { token: tokens.assistant });
    expect(list.body[0]).toMatchObject({ confidential: true, channel: 'portal' });
  });

  it('cancels the reminders still pending and e-mails a receipt that carries no content of the reply', async () => {
    clock.set('2026-03-02T09:00:00Z');
    const letter = await sendLetter({ type: 'AL', recipientStateCode: 'IRN' });
    const schedules = () =>
      sut
        .dataSource()
        .query(
          `SELECT kind, state FROM schedule WHERE subject_type = 'communication' AND subject_id = $1 AND kind LIKE 'letter.%' ORDER BY kind`,
          [letter.id],
        )
        .then((rows: Array<{ kind: string; state: string }>) => rows.map((row) => `${row.kind}:${row.state}`));
    expect(await schedules()).toEqual([
      'letter.overdue:pending',
      'letter.reminder.after:pending',
      'letter.reminder.before:pending',
      'letter.reminder.due:pending',
    ]);

    clock.set('2026-04-01T09:00:00Z');
    const text = `Reply ${randomBytes(4).toString('hex')}`;
    const headers = { 'idempotency-key': 'with-mail' };
    const reply = await sut.post(
      `/portal/communications/${letter.id}/replies`,
      { text, language: 'en' },
      { token: tokens['gov.irn'], headers },
    );
    expect(reply.status).toBe(201);
    expect(await schedules()).toEqual([
      'letter.overdue:cancelled',
      'letter.reminder.after:cancelled',
      'letter.reminder.before:cancelled',
      'letter.reminder.due:cancelled',
    ]);
    // A repeated request records nothing and sends nothing more.
    expect(
      (
        await sut.post(
          `/portal/communications/${letter.id}/replies`,
          { text, language: 'en' },
          { token: tokens['gov.irn'], headers },
        )
      ).status,
    ).toBe(201);
    const recorded = await sut.post(
      `/communications/${letter.id}/replies`,
      { text, language: 'en', channel: 'letter' },
      { token: tokens.assistant },
    );
    expect(recorded.status).toBe(201);

    const mails: Array<{ kind: string; recipient_user_id: string; occasion: string; params: Record<string, string> }> =
      await sut
        .dataSource()
        .query(
          `SELECT kind, recipient_user_id, occasion, params FROM outbox_message WHERE subject_id = $1 AND kind LIKE 'reply.%' ORDER BY created_at, kind`,
          [letter.id],
        );
    const sent = mails.map((mail) => [mail.kind, mail.recipient_user_id, mail.occasion]);
    expect(sent).toHaveLength(3);
    expect(sent).toEqual(
      expect.arrayContaining([
        ['reply.receipt', govIranId, reply.body.replyId],
        ['reply.received', assistantId, reply.body.replyId],
        ['reply.receipt', govIranId, recorded.body.id],
      ]),
    );
    expect(mails[0].params).toMatchObject({
      reference: letter.reference,
      receivedOn: '2026-04-01',
      receiptCode: reply.body.receiptCode,
    });
    expect(JSON.stringify(mails)).not.toContain(text);
  });

  it('replays a multipart submission with its attachment without storing anything twice', async () => {
    clock.set('2026-06-12T09:00:00Z');
    const letter = await sendLetter({ type: 'AL', recipientStateCode: 'IRN' });
    const scan = pdf(`Scan ${randomBytes(4).toString('hex')}`);
    const form = multipart({ language: 'ar' }, [{ name: 'scan.pdf', type: 'application/octet-stream', content: scan }]);
    const headers = { 'idempotency-key': 'scan-1' };
    const first = await postForm(`/portal/communications/${letter.id}/replies`, form, tokens['gov.irn'], headers);
    const files = storedFiles();
    const second = await postForm(`/portal/communications/${letter.id}/replies`, form, tokens['gov.irn'], headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    expect(first.body.attachments).toEqual([
      expect.objectContaining({ mediaType: 'application/pdf', sha256: sha256(scan) }),
    ]);
    expect(storedFiles()).toEqual(files);
    const [{ n }] = await sut
      .dataSource()
      .query('SELECT count(*)::int AS n FROM reply WHERE communication_id = $1', [letter.id]);
    expect(n).toBe(1);
  });

  describe('refuses invalid replies with 4xx in the error shape, writing nothing', () => {
    let letterId: string;
    let otherLetterReplyId: string;

    beforeAll(async () => {
      clock.set('2026-07-01T09:00:00Z');
      letterId = (await sendLetter({ type: 'AL', recipientStateCode: 'IRN' })).id;
      const other = (await sendLetter({ type: 'OL', recipientStateCode: 'IRN' })).id;
      const reply = await sut.post(
        `/portal/communications/${other}/replies`,
        { text: 'On another letter', language: 'en' },
        { token: tokens['gov.irn'] },
      );
      otherLetterReplyId = reply.body.replyId;
    });

    type Case = [string, () => { body: unknown; headers?: Record<string, string> }, number, string];
    const json =
      (body: unknown): (() => { body: unknown }) =>
      () => ({ body });
    const form =
      (fields: Record<string, string> | Array<[string, string]>, files: FilePart[] = []) =>
      () => {
        const { payload, contentType } = multipart(fields, files);
        return { body: payload, headers: { 'content-type': contentType } };
      };
    const goodPdf = (): FilePart => ({
      name: 'good.pdf',
      type: 'application/pdf',
      content: pdf(`good ${randomBytes(4).toString('hex')}`),
    });

    const portalCases: Case[] = [
      [
        'a DOCX carrying payload/evil.exe',
        form({ language: 'en', channel: 'email' }, [
          {
            name: 'note.docx',
            type: DOCX,
            content: zipOf(['[Content_Types].xml', 'word/document.xml', ['payload/evil.exe', windowsExecutable()]]),
          },
        ]),
        415,
        'reply.unsupported_media_type',
      ],
      [
        'a PDF carrying an executable',
        form({ language: 'en', channel: 'email' }, [
          { name: 'scan.pdf', type: 'application/pdf', content: Buffer.concat([pdf('scan'), windowsExecutable()]) },
        ]),
        415,
        'reply.unsupported_media_type',
      ],
      [
        'an attachment over ATTACHMENT_MAX_BYTES',
        form({ text: 'Big', language: 'en' }, [
          { name: 'big.pdf', type: 'application/pdf', content: pdf('big', MAX_BYTES + 1) },
        ]),
        413,
        'reply.attachment_too_large',
      ],
      [
        'a good file followed by one too large',
        form({ language: 'en' }, [
          goodPdf(),
          { name: 'big.pdf', type: 'application/pdf', content: pdf('big', MAX_BYTES * 2) },
        ]),
        413,
        'reply.attachment_too_large',
      ],
      [
        'an .exe renamed .pdf',
        form({ text: 'See file', language: 'en' }, [{ name: 'reply.pdf', type: 'application/pdf', content: exe() }]),
        415,
        'reply.unsupported_media_type',
      ],
      [
        'a good file followed by an .exe',
        form({ language: 'en' }, [goodPdf(), { name: 'annex.pdf', type: 'application/pdf', content: exe() }]),
        415,
        'reply.unsupported_media_type',
      ],
      [
        'a PNG declared as a PDF',
        form({ language: 'en' }, [{ name: 'photo.pdf', type: 'application/pdf', content: png() }]),
        415,
        'reply.unsupported_media_type',
      ],
      [
        'a text file',
        form({ language: 'en' }, [{ name: 'reply.txt', type: 'text/plain', content: Buffer.from('plain text') }]),
        415,
        'reply.unsupported_media_type',
      ],
      ['an unknown language (JSON)', json({ text: 'Antwort', language: 'de' }), 400, 'validation.failed'],
      ['an unknown language (form)', form({ text: 'Antwort', language: 'de' }, [goodPdf()]), 400, 'validation.failed'],
      ['no language', json({ text: 'Reply' }), 400, 'validation.failed'],
      ['no text and no attachment (JSON)', json({ language: 'en' }), 422, 'reply.empty'],
      ['blank text and no attachment', json({ text: '   ', language: 'en' }), 422, 'reply.empty'],
      ['no text and no attachment (form)', form({ language: 'en', confidential: 'true' }), 422, 'reply.empty'],
      ['an unknown field (JSON)', json({ text: 'Reply', language: 'en', channel: 'email' }), 400, 'validation.failed'],
      [
        'an unknown field (form)',
        form({ text: 'Reply', language: 'en', sender: 'Mission' }, [goodPdf()]),
        400,
        'validation.failed',
      ],
      [
        'a file under another field name',
        form({ text: 'Reply', language: 'en' }, [{ ...goodPdf(), field: 'file' }]),
        400,
        'validation.failed',
      ],
      [
        'a field given twice',
        form(
          [
            ['text', 'One'],
            ['language', 'en'],
            ['text', 'Two'],
          ],
          [goodPdf()],
        ),
        400,
        'validation.failed',
      ],
      ['text of the wrong type', json({ text: 42, language: 'en' }), 400, 'validation.failed'],
      [
        'confidential of the wrong type (JSON)',
        json({ text: 'Reply', language: 'en', confidential: 'yes' }),
        400,
        'validation.failed',
      ],
      [
        'confidential of the wrong type (form)',
        form({ text: 'Reply', language: 'en', confidential: 'maybe' }, [goodPdf()]),
        400,
        'validation.failed',
      ],
      ['language of the wrong type', json({ text: 'Reply', language: ['en'] }), 400, 'validation.failed'],
      [
        'a correctsReplyId that is not a UUID',
        json({ text: 'Reply', language: 'en', correctsReplyId: 'the first one' }),
        400,
        'validation.failed',
      ],
      ['a body that is not an object', json(['text', 'en']), 400, 'validation.failed'],
      [
        'a correction of an unknown reply',
        json({ text: 'Reply', language: 'en', correctsReplyId: '6f1f8a57-3b7c-4c0e-9d55-1f0f0f0f0f0f' }),
        422,
        'reply.unknown_corrected_reply',
      ],
      [
        'an Idempotency-Key that is too long',
        () => ({ body: { text: 'Reply', language: 'en' }, headers: { 'idempotency-key': 'k'.repeat(201) } }),
        400,
        'validation.failed',
      ],
    ];

    it.each(portalCases)('portal: %s', async (_name, build, status, code) => {
      const before = {
        replies: await count('reply'),
        attachments: await count('reply_attachment'),
        keys: await count('reply_idempotency_key'),
        files: storedFiles(),
      };
      const { body, headers } = build();
      const answer = await sut.post(`/portal/communications/${letterId}/replies`, body, {
        token: tokens['gov.irn'],
        headers: { 'idempotency-key': `k-${randomBytes(4).toString('hex')}`, ...headers },
      });
      expectErrorShape(answer, status, code);
      expect(await count('reply')).toBe(before.replies);
      expect(await count('reply_attachment')).toBe(before.attachments);
      expect(await count('reply_idempotency_key')).toBe(before.keys);
      expect(storedFiles()).toEqual(before.files);
    });

    it('portal: a correction of a reply to another letter', async () => {
      const before = await count('reply');
      const answer = await sut.post(
        `/portal/communications/${letterId}/replies`,
        { text: 'Correction', language: 'en', correctsReplyId: otherLetterReplyId },
        { token: tokens['gov.irn'] },
      );
      expectErrorShape(answer, 422, 'reply.unknown_corrected_reply');
      expect(await count('reply')).toBe(before);
    });

    const staffCases: Case[] = [
      ['the portal channel', json({ text: 'Reply', language: 'en', channel: 'portal' }), 400, 'validation.failed'],
      ['no channel', json({ text: 'Reply', language: 'en' }), 400, 'validation.failed'],
      ['an unknown channel', json({ text: 'Reply', language: 'en', channel: 'fax' }), 400, 'validation.failed'],
      [
        'a received date that does not exist',
        json({ text: 'Reply', language: 'en', channel: 'letter', receivedOn: '2026-02-30' }),
        400,
        'validation.failed',
      ],
      [
        'a received date in the future',
        json({ text: 'Reply', language: 'en', channel: 'letter', receivedOn: '2026-07-02' }),
        422,
        'reply.received_in_future',
      ],
      [
        'a received date before sending',
        json({ text: 'Reply', language: 'en', channel: 'letter', receivedOn: '2026-06-30' }),
        422,
        'reply.received_before_sending',
      ],
      ['no text and no attachment', json({ language: 'en', channel: 'email' }), 422, 'reply.empty'],
      [
        'an .exe renamed .pdf',
        form({ language: 'en', channel: 'email' }, [{ name: 'scan.pdf', type: 'application/pdf', content: exe() }]),
        415,
        'reply.unsupported_media_type',
      ],
      [
        'a DOCX carrying payload/evil.exe',
        form({ language: 'en', channel: 'email' }, [
          {
            name: 'note.docx',
            type: DOCX,
            content: zipOf(['[Content_Types].xml', 'word/document.xml', ['payload/evil.exe', windowsExecutable()]]),
          },
        ]),
        415,
        'reply.unsupported_media_type',
      ],
      [
        'a PDF carrying an executable',
        form({ language: 'en', channel: 'email' }, [
          { name: 'scan.pdf', type: 'application/pdf', content: Buffer.concat([pdf('scan'), windowsExecutable()]) },
        ]),
        415,
        'reply.unsupported_media_type',
      ],
      [
        'an attachment over ATTACHMENT_MAX_BYTES',
        form({ language: 'en', channel: 'email' }, [
          { name: 'big.pdf', type: 'application/pdf', content: pdf('big', MAX_BYTES + 10) },
        ]),
        413,
        'reply.attachment_too_large',
      ],
    ];

    it.each(staffCases)('assistant: %s', async (_name, build, status, code) => {
      const before = {
        replies: await count('reply'),
        attachments: await count('reply_attachment'),
        files: storedFiles(),
      };
      const { body, headers } = build();
      const answer = await sut.post(`/communications/${letterId}/replies`, body, { token: tokens.assistant, headers });
      expectErrorShape(answer, status, code);
      expect(await count('reply')).toBe(before.replies);
      expect(await count('reply_attachment')).toBe(before.attachments);
      expect(storedFiles()).toEqual(before.files);
    });

    it('leaves no staged upload behind after all of these', () => {
      expect(storedFiles().filter((file) => !file.startsWith('objects'))).toEqual([]);
    });
  });

  // ---- assistants record replies received by other channels ----

  it('stores and sends back a file name without its bidirectional controls', async () => {
    clock.set('2026-06-12T09:00:00Z');
    const letter = await sendLetter({ type: 'AL', recipientStateCode: 'IRN' });
    const form = multipart({ language: 'en' }, [
      { name: 'invoice\u202Efdp.exe', type: 'application/pdf', content: pdf('invoice') },
    ]);
    const answer = await postForm(`/portal/communications/${letter.id}/replies`, form, tokens['gov.irn']);
    expect(answer.status).toBe(201);
    expect(answer.body.attachments).toEqual([expect.objectContaining({ fileName: 'invoicefdp.exe' })]);
    const download = await sut.get(
      `/portal/communications/${letter.id}/replies/${answer.body.replyId}/attachments/${answer.body.attachments[0].id}`,
      {
        token: tokens['gov.irn'],
      },
    );
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="invoicefdp.exe"; filename*=UTF-8''invoicefdp.exe`,
    );
  });

  it('lets an assistant record replies received by note verbale or e-mail, with attachments and corrections', async () => {
    clock.set('2026-08-03T09:00:00Z');
    const letter = await sendLetter({ type: 'AL', recipientStateCode: 'IRN' });
    expect(letter.replyRequestedBy).toBe('2026-10-02');

    clock.set('2026-10-20T14:00:00Z');
    const word = docx();
    const recorded = await postForm(
      `/communications/${letter.id}/replies`,
      multipart(
        {
          text: 'Note verbale No. 123 of the Permanent Mission',
          language: 'en',
          channel: 'note_verbale',
          receivedOn: '2026-09-30',
        },
        [{ name: 'note-verbale.docx', type: DOCX, content: word }],
      ),
      tokens.assistant,
    );
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      number: 1,
      channel: 'note_verbale',
      receivedOn: '2026-09-30',
      receivedAt: null,
      requestedBy: '2026-10-02',
      onTime: true,
      recordedBy: assistantId,
      attachments: [{ fileName: 'note-verbale.docx', mediaType: DOCX, size: word.length, sha256: sha256(word) }],
    });

    const emailed = await sut.post(
      `/communications/${letter.id}/replies`,
      { text: 'Additional information by e-mail', language: 'es', channel: 'email', confidential: true },
      { token: tokens.assistant },
    );
    expect(emailed.status).toBe(201);
    expect(emailed.body).toMatchObject({
      number: 2,
      receivedOn: '2026-10-20',
      receivedAt: '2026-10-20T14:00:00.000Z',
      onTime: false,
      confidential: true,
    });

    // The Government corrects its first reply: a new reply, the first one stays as it was (C10).
    const correction = await sut.post(
      `/portal/communications/${letter.id}/replies`,
      { text: 'Corrected note verbale No. 123', language: 'en', correctsReplyId: recorded.body.id },
      { token: tokens['gov.irn'] },
    );
    expect(correction.status).toBe(201);

    const staff = await sut.get(`/communications/${letter.id}/replies`, { token: tokens['sr.expression'] });
    expect(staff.body.map((reply: { number: number; channel: string }) => [reply.number, reply.channel])).toEqual([
      [1, 'note_verbale'],
      [2, 'email'],
      [3, 'portal'],
    ]);
    expect(staff.body[0]).toMatchObject({
      text: 'Note verbale No. 123 of the Permanent Mission',
      correctedBy: [correction.body.replyId],
    });
    expect(staff.body[2]).toMatchObject({ correctsReplyId: recorded.body.id });

    // The Government sees the replies recorded on its behalf, and downloads their attachments.
    const portal = await sut.get(`/portal/communications/${letter.id}/replies`, { token: tokens['gov.irn'] });
    expect(portal.body.map((reply: { channel: string }) => reply.channel)).toEqual(['note_verbale', 'email', 'portal']);
    const file = await download(
      `/portal/communications/${letter.id}/replies/${recorded.body.id}/attachments/${recorded.body.attachments[0].id}`,
      tokens['gov.irn'],
    );
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe(DOCX);
    expect(file.bytes.equals(word)).toBe(true);

    // An attachment is reachable only through its own letter and reply.
    const other = await sendLetter({ type: 'AL', recipientStateCode: 'IRN' });
    const wrongLetter = await download(
      `/communications/${other.id}/replies/${recorded.body.id}/attachments/${recorded.body.attachments[0].id}`,
      tokens.assistant,
    );
    expect(wrongLetter.status).toBe(404);
    const wrongReply = await download(
      `/communications/${letter.id}/replies/${emailed.body.id}/attachments/${recorded.body.attachments[0].id}`,
      tokens.assistant,
    );
    expect(wrongReply.status).toBe(404);
  });

  it('refuses recording to the assistant of a mandate that declined the letter, which still sees its replies', async () => {
    clock.set('2026-08-10T09:00:00Z');
    const id = await draft({ type: 'AL', recipientStateCode: 'IRN' });
    expect(
      (await sut.post(`/communications/${id}/invitations`, { mandates: ['TORTURE'] }, { token: tokens.assistant }))
        .status,
    ).toBe(201);
    expect(
      (
        await sut.post(
          `/communications/${id}/decisions`,
          { version: 1, decision: 'decline' },
          { token: tokens['sr.torture'] },
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await sut.post(
          `/communications/${id}/decisions`,
          { version: 1, decision: 'approve' },
          { token: tokens['sr.expression'] },
        )
      ).status,
    ).toBe(201);
    expect((await sut.post(`/communications/${id}/transmit`, {}, { token: tokens.assistant })).status).toBe(200);

    const refused = await sut.post(
      `/communications/${id}/replies`,
      { text: 'Reply', language: 'en', channel: 'letter' },
      { token: tokens['assistant.torture'] },
    );
    expectErrorShape(refused, 403, 'reply.not_on_letter');
    const list = await sut.get(`/communications/${id}/replies`, { token: tokens['assistant.torture'] });
    expect(list.status).toBe(200);
  });

  // ---- authorization of every endpoint ----

  it('authorizes every replies endpoint for every role', async () => {
    clock.set('2026-09-01T09:00:00Z');
    const letter = await sendLetter({ type: 'UA', recipientStateCode: 'IRN' });
    const first = await postForm(
      `/portal/communications/${letter.id}/replies`,
      multipart({ text: 'Confidential reply', language: 'en', confidential: 'true' }, [
        { name: 'annex.png', type: 'image/png', content: png() },
      ]),
      tokens['gov.irn'],
    );
    expect(first.status).toBe(201);
    const replyId = first.body.replyId;
    const attachmentId = first.body.attachments[0].id;

    type Call = () => Promise<number>;
    const as = (token: string | undefined) => ({
      portalPost: () =>
        sut
          .post(`/portal/communications/${letter.id}/replies`, { text: 'Reply', language: 'en' }, { token })
          .then((a) => a.status),
      portalList: () => sut.get(`/portal/communications/${letter.id}/replies`, { token }).then((a) => a.status),
      portalFile: () =>
        sut
          .get(`/portal/communications/${letter.id}/replies/${replyId}/attachments/${attachmentId}`, { token })
          .then((a) => a.status),
      staffPost: () =>
        sut
          .post(`/communications/${letter.id}/replies`, { text: 'Reply', language: 'en', channel: 'email' }, { token })
          .then((a) => a.status),
      staffList: () => sut.get(`/communications/${letter.id}/replies`, { token }).then((a) => a.status),
      staffFile: () =>
        sut
          .get(`/communications/${letter.id}/replies/${replyId}/attachments/${attachmentId}`, { token })
          .then((a) => a.status),
    });
    const expected: Record<string, Record<keyof ReturnType<typeof as>, number>> = {
      anonymous: { portalPost: 401, portalList: 401, portalFile: 401, staffPost: 401, staffList: 401, staffFile: 401 },
      'gov.irn': { portalPost: 201, portalList: 200, portalFile: 200, staffPost: 403, staffList: 403, staffFile: 403 },
      'gov.blr': { portalPost: 404, portalList: 404, portalFile: 404, staffPost: 403, staffList: 403, staffFile: 403 },
      assistant: { portalPost: 403, portalList: 403, portalFile: 403, staffPost: 201, staffList: 200, staffFile: 200 },
      'assistant.other': {
        portalPost: 403,
        portalList: 403,
        portalFile: 403,
        staffPost: 404,
        staffList: 404,
        staffFile: 404,
      },
      'sr.expression': {
        portalPost: 403,
        portalList: 403,
        portalFile: 403,
        staffPost: 403,
        staffList: 200,
        staffFile: 200,
      },
      'sr.housing': {
        portalPost: 403,
        portalList: 403,
        portalFile: 403,
        staffPost: 403,
        staffList: 404,
        staffFile: 404,
      },
      committee: { portalPost: 403, portalList: 403, portalFile: 403, staffPost: 403, staffList: 403, staffFile: 403 },
      admin: { portalPost: 403, portalList: 403, portalFile: 403, staffPost: 403, staffList: 403, staffFile: 403 },
    };
    const actual: typeof expected = {};
    for (const who of Object.keys(expected)) {
      const calls = as(who === 'anonymous' ? undefined : tokens[who]);
      actual[who] = {} as (typeof expected)[string];
      for (const [name, call] of Object.entries(calls) as Array<[keyof typeof calls, Call]>) {
        actual[who][name] = await call();
      }
    }
    expect(actual).toEqual(expected);

    // Nobody outside the letter learns anything of the reply from an error.
    for (const token of [tokens['gov.blr'], tokens['assistant.other'], tokens['sr.housing']]) {
      const portal = await sut.get(`/portal/communications/${letter.id}/replies`, { token });
      const staff = await sut.get(`/communications/${letter.id}/replies`, { token });
      expect(JSON.stringify([portal.body, staff.body])).not.toContain('Confidential reply');
    }
  });

  // ---- storage: the file before the row, never a row without its file ----

  it('removes the stored bytes of a reply that fails after storing them, unless a recorded reply uses them', async () => {
    clock.set('2026-09-10T09:00:00Z');
    const writer = sut.app.get(ReplyWriter, { strict: false });
    const staging = sut.app.get(UploadStaging, { strict: false });
    const draftLetter = await sut
      .dataSource()
      .getRepository(CommunicationEntity)
      .findOneByOrFail({ id: await draft({ type: 'AL', recipientStateCode: 'IRN' }) });
    const input: NewReply = {
      kind: 'record',
      text: null,
      language: 'en',
      confidential: false,
      channel: 'other',
      receivedOn: null,
      correctsReplyId: null,
    };
    const object = (content: Buffer) =>
      join('objects', sha256(content).slice(0, 2), sha256(content).slice(2, 4), sha256(content));
    const failOnDraft = async (content: Buffer) => {
      const staged = await staging.stage(Readable.from([content]), 'annex.pdf', 'application/pdf');
      try {
        // The database refuses a reply to a draft after the bytes were stored: the transaction rolls back.
        await expect(
          writer.write(systemActor('test'), draftLetter, input, [{ ...staged, mediaType: 'application/pdf' }]),
        ).rejects.toThrow(/not sent/);
      } finally {
        await staging.discard([staged]);
      }
    };

    const fresh = pdf(`fresh ${randomBytes(4).toString('hex')}`);
    const before = await count('reply');
    await failOnDraft(fresh);
    expect(storedFiles()).not.toContain(object(fresh));
    expect(await count('reply')).toBe(before);

    // The same bytes already belong to a recorded reply: a failed request must leave them in place.
    const letter = await sendLetter({ type: 'AL', recipientStateCode: 'IRN' });
    const shared = pdf(`shared ${randomBytes(4).toString('hex')}`);
    const kept = await postForm(
      `/portal/communications/${letter.id}/replies`,
      multipart({ language: 'en' }, [{ name: 'annex.pdf', type: 'application/pdf', content: shared }]),
      tokens['gov.irn'],
    );
    expect(kept.status).toBe(201);
    await failOnDraft(shared);
    expect(storedFiles()).toContain(object(shared));
    const file = await download(
      `/portal/communications/${letter.id}/replies/${kept.body.replyId}/attachments/${kept.body.attachments[0].id}`,
      tokens['gov.irn'],
    );
    expect(file.bytes.equals(shared)).toBe(true);
  });

  // ---- audit and immutability ----

  it('audits every reply with ids, dates and flags only, and the database refuses to change one', async () => {
    clock.set('2026-09-15T09:00:00Z');
    const letter = await sendLetter({ type: 'AL', recipientStateCode: 'IRN' });
    const secret = `Secret text ${randomBytes(4).toString('hex')}`;
    const submitted = await postForm(
      `/portal/communications/${letter.id}/replies`,
      multipart({ text: secret, language: 'en', confidential: 'true' }, [
        { name: 'secret-annex.pdf', type: 'application/pdf', content: pdf(secret) },
      ]),
      tokens['gov.irn'],
    );
    expect(submitted.status).toBe(201);
    const recorded = await sut.post(
      `/communications/${letter.id}/replies`,
      { text: secret, language: 'fr', channel: 'letter' },
      { token: tokens.assistant },
    );
    expect(recorded.status).toBe(201);

    const events: Array<{
      action: string;
      subject_id: string;
      actor_id: string;
      before: unknown;
      after: Record<string, unknown>;
    }> = await sut
      .dataSource()
      .query(
        `SELECT action, subject_id, actor_id, before, after FROM audit_event WHERE subject_type = 'reply' AND subject_id = ANY($1) ORDER BY seq`,
        [[submitted.body.replyId, recorded.body.id]],
      );
    expect(events.map((event) => [event.action, event.subject_id, event.actor_id])).toEqual([
      ['reply.submit', submitted.body.replyId, govIranId],
      ['reply.record', recorded.body.id, assistantId],
    ]);
    expect(events[0].after).toEqual({
      communicationId: letter.id,
      number: 1,
      receivedOn: '2026-09-15',
      requestedBy: letter.replyRequestedBy,
      onTime: true,
      confidential: true,
      channel: 'portal',
      correctsReplyId: null,
      attachmentIds: [submitted.body.attachments[0].id],
    });
    const serialized = JSON.stringify(events);
    for (const leak of [secret, 'secret-annex', '"en"', '"fr"', submitted.body.attachments[0].sha256]) {
      expect(serialized).not.toContain(leak);
    }

    await expect(
      sut.dataSource().query(`UPDATE reply SET text = 'changed' WHERE id = $1`, [recorded.body.id]),
    ).rejects.toThrow(/immutable/);
    await expect(
      sut.dataSource().query('DELETE FROM reply_attachment WHERE reply_id = $1', [submitted.body.replyId]),
    ).rejects.toThrow(/immutable/);
    await expect(sut.dataSource().query('DELETE FROM reply WHERE id = $1', [recorded.body.id])).rejects.toThrow(
      /immutable/,
    );
    const draftId = await draft({ type: 'AL', recipientStateCode: 'IRN' });
    await expect(
      sut
        .dataSource()
        .query(
          `INSERT INTO reply (communication_id, number, receipt_code, received_on, language, channel, created_at) VALUES ($1, 1, 'R-TEST', '2026-09-15', 'en', 'email', now())`,
          [draftId],
        ),
    ).rejects.toThrow(/not sent/);
  });
});
