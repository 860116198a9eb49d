import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { draftBody } from './support/letters';
import { HttpAnswer, TestApp, createTestApp } from './support/test-app';

const SAMPLE = readFileSync(join(__dirname, '..', 'docs', 'samples', 'history-letters.csv'), 'utf8');
const LETTER_HEADER =
  'reference,type,recipient,other_recipient,sent_on,reply_requested_by,public_from,lead_mandate,cosigning_mandates,subject,victims';
const TABLES = [
  'communication',
  'communication_version',
  'communication_mandate',
  'communication_approval',
  'reply',
  'reference_counter',
  'audit_event',
];

/** A letters row in the order of LETTER_HEADER; the subject and victims are filled in. */
function letterLine(
  reference: string,
  type: string,
  recipient: string,
  sentOn: string,
  lead: string,
  cosigners = '',
  extra: { other?: string } = {},
): string {
  return [
    reference,
    type,
    recipient,
    extra.other ?? '',
    sentOn,
    '',
    '',
    lead,
    cosigners,
    `Letter ${reference}`,
    'A victim|female|adult|true',
  ].join(',');
}

function multipart(parts: Array<{ name: string; filename?: string; content: string | Buffer; type?: string }>): {
  body: Buffer;
  contentType: string;
} {
  const boundary = `----spcomms${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    const type = part.filename ? `Content-Type: ${part.type ?? 'text/csv'}\r\n` : '';
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`),
      Buffer.from(part.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('history: import of historical letters from CSV (C8)', () => {
  let sut: TestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  let admin: string;
  let assistant: string;
  let housingAssistant: string;
  let srExpression: string;
  let srTorture: string;
  let govIran: string;
  let govBelarus: string;
  let committee: string;

  beforeAll(async () => {
    sut = await createTestApp({ clock, env: { TOKEN_TTL_HOURS: '100000' } });
    admin = (await sut.createUser({ username: 'admin', role: Role.Admin })).token;
    assistant = (
      await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION', 'DEFENDERS'] })
    ).token;
    housingAssistant = (
      await sut.createUser({ username: 'assistant.housing', role: Role.Assistant, mandates: ['HOUSING'] })
    ).token;
    srExpression = (
      await sut.createUser({ username: 'sr.expression', role: Role.MandateHolder, mandates: ['EXPRESSION'] })
    ).token;
    srTorture = (await sut.createUser({ username: 'sr.torture', role: Role.MandateHolder, mandates: ['TORTURE'] }))
      .token;
    govIran = (await sut.createUser({ username: 'gov.irn', role: Role.Government, stateCode: 'IRN' })).token;
    govBelarus = (await sut.createUser({ username: 'gov.blr', role: Role.Government, stateCode: 'BLR' })).token;
    committee = (await sut.createUser({ username: 'committee', role: Role.Committee })).token;
    const company = await sut.post(
      '/other-recipients',
      { name: 'Example Mining Ltd', kind: 'company', countryCode: 'CAN' },
      { token: admin },
    );
    if (company.status !== 201) {
      throw new Error(`Could not register the other recipient: ${company.status} ${JSON.stringify(company.body)}`);
    }
  });
  afterAll(() => sut?.close());

  function importCsv(
    csv: string | Buffer,
    token: string | undefined,
    options: { dryRun?: boolean; contentType?: string } = {},
  ): Promise<HttpAnswer> {
    const url = options.dryRun ? '/history/imports?dryRun=true' : '/history/imports';
    return sut.request('POST', url, csv, {
      token,
      headers: { 'content-type': options.contentType ?? 'text/csv; charset=utf-8' },
    });
  }

  async function counts(): Promise<Record<string, number>> {
    const columns = TABLES.map((table) => `(SELECT count(*)::int FROM "${table}") AS "${table}"`).join(', ');
    const [row] = await sut.dataSource().query(`SELECT ${columns}`);
    return row;
  }

  async function idOf(reference: string): Promise<string> {
    const [row] = await sut.dataSource().query('SELECT id FROM communication WHERE reference = $1', [reference]);
    return row.id;
  }

  it('imports the sample file: references kept as given, dates set, letters visible to their mandates and their State', async () => {
    const before = await counts();
    const answer = await importCsv(SAMPLE, admin);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      dryRun: false,
      applied: true,
      letters: { rows: 5, accepted: 5, rejected: 0 },
      replies: { rows: 3, accepted: 3, rejected: 0 },
      problems: [],
    });
    expect(answer.body.importId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body.imported.map((letter: { reference: string }) => letter.reference)).toEqual([
      'JUA IRN 5/2013',
      'JAL IRN 6/2013',
      'AL BLR 2/2014',
      'OL FRA 1/2015',
      'AL OTH 3/2016',
    ]);
    const after = await counts();
    expect(after.communication - before.communication).toBe(5);
    expect(after.communication_version - before.communication_version).toBe(5);
    expect(after.communication_approval - before.communication_approval).toBe(3 + 2 + 1 + 1 + 1);
    expect(after.reply - before.reply).toBe(3);

    // The JUA: a sent legacy UA with its reference as given, joint because every mandate approved version 1.
    const jua = answer.body.imported[0];
    const letter = await sut.get(`/communications/${jua.id}`, { token: srExpression });
    expect(letter.status).toBe(200);
    expect(letter.body).toMatchObject({
      status: 'sent',
      reference: 'JUA IRN 5/2013',
      type: 'JUA',
      legacy: true,
      joint: true,
      leadMandate: 'EXPRESSION',
      sentOn: '2013-02-14',
      replyRequestedBy: '2013-04-15',
      publicFrom: '2013-04-15',
      currentVersion: { number: 1 },
      recipient: { code: 'IRN' },
      victims: [{ name: 'Reza Example', gender: 'male', ageGroup: 'adult', nameConfidential: false, group: false }],
    });
    expect(letter.body.body).toBe(
      'We have received information concerning the arrest of a journalist in Tehran.\nHe is reportedly held incommunicado.',
    );
    expect(letter.body.mandates.map((m: { code: string; participation: string }) => [m.code, m.participation])).toEqual(
      [
        ['EXPRESSION', 'lead'],
        ['DEFENDERS', 'invited'],
        ['IRN', 'invited'],
      ],
    );
    expect(
      letter.body.approvals.every((a: { current: boolean; decision: string }) => a.current && a.decision === 'approve'),
    ).toBe(true);

    // Dates given in the file are kept; a single-mandate letter is not joint.
    const jal = await sut.get(`/communications/${answer.body.imported[1].id}`, { token: srTorture });
    expect(jal.body).toMatchObject({
      reference: 'JAL IRN 6/2013',
      type: 'JAL',
      joint: true,
      replyRequestedBy: '2013-05-30',
      publicFrom: '2013-05-30',
    });
    const other = await sut.get(`/communications/${answer.body.imported[4].id}`, { token: housingAssistant });
    expect(other.body).toMatchObject({
      reference: 'AL OTH 3/2016',
      type: 'AL',
      joint: false,
      recipient: { code: 'OTH', name: 'Example Mining Ltd' },
    });

    // Only the staff of the letter's mandates see it (404, not 403).
    expect((await sut.get(`/communications/${jua.id}`, { token: srTorture })).status).toBe(404);
    expect((await sut.get(`/communications/${jua.id}`, { token: housingAssistant })).status).toBe(404);

    // The Government of Iran sees its two letters in the portal; Belarus sees only its own.
    const portal = await sut.get(`/portal/communications/${jua.id}`, { token: govIran });
    expect(portal.status).toBe(200);
    expect(portal.body).toMatchObject({
      reference: 'JUA IRN 5/2013',
      type: 'JUA',
      sentOn: '2013-02-14',
      replyRequestedBy: '2013-04-15',
    });
    expect(portal.body.mandates).toHaveLength(3);
    expect(portal.body).not.toHaveProperty('internalNotes');
    const iranList = await sut.get('/portal/communications', { token: govIran });
    expect(iranList.body.items.map((item: { reference: string }) => item.reference)).toEqual([
      'JAL IRN 6/2013',
      'JUA IRN 5/2013',
    ]);
    expect((await sut.get(`/portal/communications/${jua.id}`, { token: govBelarus })).status).toBe(404);
    expect(
      (await sut.get('/portal/communications', { token: govBelarus })).body.items.map(
        (item: { reference: string }) => item.reference,
      ),
    ).toEqual(['AL BLR 2/2014']);

    // Replies: recorded with their dates, on time against the letter's date (C9), confidential kept (C12).
    const replies = await sut
      .dataSource()
      .query(
        'SELECT received_on::text AS "receivedOn", on_time AS "onTime", language, confidential, channel FROM reply WHERE communication_id = $1 ORDER BY number',
        [jua.id],
      );
    expect(replies).toEqual([
      { receivedOn: '2013-04-02', onTime: true, language: 'en', confidential: false, channel: 'note_verbale' },
      { receivedOn: '2013-09-15', onTime: false, language: 'en', confidential: false, channel: 'note_verbale' },
    ]);
    const [belarusReply] = await sut
      .dataSource()
      .query('SELECT language, confidential FROM reply WHERE communication_id = $1', [answer.body.imported[2].id]);
    expect(belarusReply).toEqual({ language: 'ru', confidential: true });

    // The statistics count them like any sent letter, once each.
    const facts = await sut
      .dataSource()
      .query('SELECT communication_id AS id, joint, legacy FROM statistics_letter WHERE communication_id = ANY($1)', [
        answer.body.imported.map((imported: { id: string }) => imported.id),
      ]);
    expect(facts).toHaveLength(5);
    expect(facts.find((fact: { id: string }) => fact.id === jua.id)).toEqual({ id: jua.id, joint: true, legacy: true });

    // Counters moved past the imported numbers; one audit event per import and per letter.
    const counters = await sut
      .dataSource()
      .query(
        "SELECT code, year, last_number AS number FROM reference_counter WHERE (code, year) IN (('IRN', 2013), ('BLR', 2014), ('OTH', 2016)) ORDER BY code",
      );
    expect(counters).toEqual([
      { code: 'BLR', year: 2014, number: 2 },
      { code: 'IRN', year: 2013, number: 6 },
      { code: 'OTH', year: 2016, number: 3 },
    ]);
    const audit = await sut
      .dataSource()
      .query(
        `SELECT action, subject_id AS "subjectId", after FROM audit_event WHERE action IN ('history.import', 'communication.import') ORDER BY seq`,
      );
    expect(
      audit
        .filter((event: { action: string }) => event.action === 'communication.import')
        .map((event: { subjectId: string }) => event.subjectId),
    ).toEqual(answer.body.imported.map((imported: { id: string }) => imported.id));
    expect(audit.filter((event: { action: string }) => event.action === 'history.import')).toEqual([
      {
        action: 'history.import',
        subjectId: answer.body.importId,
        after: { sha256: answer.body.sha256, letters: 5, replies: 3 },
      },
    ]);
  });

  it('answers a dry run with the report and writes nothing', async () => {
    const csv = [LETTER_HEADER, letterLine('AL CAN 1/2019', 'AL', 'CAN', '2019-05-02', 'EXPRESSION')].join('\n');
    const before = await counts();
    const answer = await importCsv(csv, admin, { dryRun: true });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      importId: null,
      dryRun: true,
      applied: false,
      letters: { rows: 1, accepted: 1, rejected: 0 },
      imported: [
        { row: 2, id: null, reference: 'AL CAN 1/2019', replyRequestedBy: '2019-07-01', publicFrom: '2019-07-01' },
      ],
    });
    expect(await counts()).toEqual(before);

    const bad = await importCsv(
      [LETTER_HEADER, letterLine('AL CAN 1/2019', 'AL', 'CAN', '2018-12-28', 'EXPRESSION')].join('\n'),
      admin,
      { dryRun: true },
    );
    expect(bad.status).toBe(200);
    expect(bad.body.problems).toEqual([
      expect.objectContaining({ row: 2, column: 'reference', code: 'reference.year_mismatch' }),
    ]);
    expect(await counts()).toEqual(before);
  });

  describe('a file with one bad row is rejected whole, writing nothing', () => {
    beforeAll(async () => {
      const answer = await importCsv(
        [LETTER_HEADER, letterLine('AL NOR 4/2018', 'AL', 'NOR', '2018-06-01', 'EXPRESSION')].join('\n'),
        admin,
      );
      if (answer.status !== 200) {
        throw new Error(
          `Could not import the letter the table collides with: ${answer.status} ${JSON.stringify(answer.body)}`,
        );
      }
    });

    const good = [
      letterLine('UA CAN 1/2019', 'UA', 'CAN', '2019-01-10', 'EXPRESSION'),
      letterLine('JAL CAN 2/2019', 'AL', 'CAN', '2019-02-11', 'EXPRESSION', 'DEFENDERS'),
    ];
    it.each([
      [
        'a bad reference format',
        letterLine('UA CAN 3-2019', 'UA', 'CAN', '2019-03-01', 'EXPRESSION'),
        'reference',
        'reference.format',
      ],
      [
        'a code that is not the recipient',
        letterLine('UA CAN 3/2019', 'UA', 'USA', '2019-03-01', 'EXPRESSION'),
        'reference',
        'reference.code_mismatch',
      ],
      [
        'a year after the year of sending',
        letterLine('UA CAN 3/2019', 'UA', 'CAN', '2018-12-30', 'EXPRESSION'),
        'reference',
        'reference.year_mismatch',
      ],
      [
        'an unknown State',
        letterLine('UA XYZ 3/2019', 'UA', 'XYZ', '2019-03-01', 'EXPRESSION'),
        'recipient',
        'state.unknown',
      ],
      [
        'an unknown mandate',
        letterLine('UA CAN 3/2019', 'UA', 'CAN', '2019-03-01', 'EXPRESSION', 'NOSUCHMANDATE'),
        'cosigning_mandates',
        'mandate.unknown',
      ],
      [
        'a date that does not exist',
        letterLine('UA CAN 3/2019', 'UA', 'CAN', '2019-02-30', 'EXPRESSION'),
        'sent_on',
        'date.invalid',
      ],
      [
        'a reference number twice in the file',
        letterLine('AL CAN 1/2019', 'AL', 'CAN', '2019-03-01', 'EXPRESSION'),
        'reference',
        'reference.duplicate_in_file',
      ],
      [
        'a reference already in the database',
        letterLine('UA NOR 4/2018', 'UA', 'NOR', '2018-07-01', 'EXPRESSION'),
        'reference',
        'reference.taken',
      ],
    ])('%s', async (_what, badLine, column, code) => {
      const before = await counts();
      const answer = await importCsv([LETTER_HEADER, ...good, badLine].join('\n'), admin);
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ statusCode: 422, code: 'history.import_rejected' });
      expect(answer.body.message).toContain('1 of 3 letter rows');
      expect(answer.body.details).toMatchObject({
        applied: false,
        importId: null,
        letters: { rows: 3, accepted: 2, rejected: 1 },
      });
      expect(answer.body.details.problems).toEqual([
        { section: 'letters', row: 4, line: 4, column, code, reason: expect.any(String) },
      ]);
      expect(await counts()).toEqual(before);
    });

    it('rejects a reply to a letter that is not in the file, or received before its letter was sent', async () => {
      const before = await counts();
      const csv = [
        LETTER_HEADER,
        ...good,
        '[replies]',
        'reference,received_on,language,confidential,text',
        'UA CAN 1/2019,2019-02-01,fr,false,Réponse',
        'UA CAN 9/2019,2019-02-01,fr,false,Réponse',
        'JAL CAN 2/2019,2019-01-01,en,true,Reply',
      ].join('\n');
      const answer = await importCsv(csv, admin);
      expect(answer.status).toBe(422);
      expect(answer.body.details).toMatchObject({
        letters: { rows: 2, accepted: 2, rejected: 0 },
        replies: { rows: 3, accepted: 1, rejected: 2 },
      });
      expect(answer.body.details.problems).toEqual([
        expect.objectContaining({ section: 'replies', row: 7, column: 'reference', code: 'reply.unknown_letter' }),
        expect.objectContaining({ section: 'replies', row: 8, column: 'received_on', code: 'date.before_sent' }),
      ]);
      expect(await counts()).toEqual(before);
    });

    it('reports every bad row at once, header problems alone, and text that is not CSV', async () => {
      const many = await importCsv(
        [
          LETTER_HEADER,
          good[0],
          letterLine('UA CAN 2/2019', 'UA', 'CAN', '2019-13-01', 'EXPRESSION'),
          letterLine('UA IRN 1/2019', 'UA', 'IRN', '2019-01-01', 'NOPE'),
        ].join('\n'),
        admin,
      );
      expect(many.status).toBe(422);
      expect(many.body.details.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
        [3, 'date.invalid'],
        [4, 'mandate.unknown'],
      ]);
      const header = await importCsv('reference,type,recipient\nUA CAN 1/2019,UA,CAN', admin);
      expect(header.status).toBe(422);
      expect(
        header.body.details.problems.map((p: { column: string; code: string }) => `${p.code} ${p.column}`),
      ).toEqual(['column.missing sent_on', 'column.missing lead_mandate', 'column.missing subject']);
      const unreadable = await importCsv(`${LETTER_HEADER}\n"UA CAN 1/2019,UA`, admin);
      expect(unreadable.status).toBe(422);
      expect(unreadable.body.details.problems).toEqual([
        expect.objectContaining({ section: 'file', code: 'csv.malformed' }),
      ]);
    });
  });

  it('numbers a letter sent after the import next after the imported numbers of the State and year', async () => {
    clock.set('2026-03-02T09:00:00Z');
    // A letter sent in February 2026 with a number of 2025, assigned before it went out (C8): kept as given.
    const csv = [
      LETTER_HEADER,
      letterLine('JUA IRN 7/2026', 'JUA', 'IRN', '2026-01-12', 'EXPRESSION', 'IRN'),
      letterLine('AL IRN 9/2026', 'AL', 'IRN', '2026-02-20', 'DEFENDERS'),
      letterLine('AL IRN 31/2025', 'AL', 'IRN', '2026-02-16', 'DEFENDERS'),
    ].join('\n');
    const imported = await importCsv(csv, assistant);
    expect(imported.status).toBe(200);
    expect(imported.body.imported.map((letter: { replyRequestedBy: string }) => letter.replyRequestedBy)).toEqual([
      '2026-03-13',
      '2026-04-21',
      '2026-04-17',
    ]);
    const early = await sut.get(`/communications/${imported.body.imported[2].id}`, { token: assistant });
    expect(early.body).toMatchObject({ reference: 'AL IRN 31/2025', sentOn: '2026-02-16' });
    // Each counter is raised past the numbers of its own year: 2025 to 31, 2026 to 9 (not to 31).
    const counters = await sut
      .dataSource()
      .query(
        "SELECT year, last_number AS number FROM reference_counter WHERE code = 'IRN' AND year IN (2025, 2026) ORDER BY year",
      );
    expect(counters).toEqual([
      { year: 2025, number: 31 },
      { year: 2026, number: 9 },
    ]);

    const draft = await sut.post('/communications', draftBody({ type: 'UA', recipientStateCode: 'IRN' }), {
      token: assistant,
    });
    expect(draft.status).toBe(201);
    expect(
      (
        await sut.post(
          `/communications/${draft.body.id}/decisions`,
          { version: 1, decision: 'approve' },
          { token: srExpression },
        )
      ).status,
    ).toBe(201);
    const sent = await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: assistant });
    expect(sent.status).toBe(200);
    expect(sent.body.letters[0].reference).toBe('UA IRN 10/2026');
  });

  describe('other recipients not yet registered', () => {
    const header = 'reference,type,recipient,other_recipient,other_recipient_kind,sent_on,lead_mandate,subject';
    const otherLine = (reference: string, name: string, kind: string) =>
      `${reference},AL,OTH,${name},${kind},2020-05-04,EXPRESSION,Letter ${reference}`;
    const registered = async () =>
      ((await sut.get('/other-recipients', { token: admin })).body as Array<{ name: string; kind: string }>)
        .map(({ name, kind }) => `${name} (${kind})`)
        .sort();

    it('refuses a file naming recipients neither registered nor given a kind, naming every one at once', async () => {
      const before = await counts();
      const csv = [
        header,
        otherLine('AL OTH 1/2020', 'Gulf Shipping Co', ''),
        otherLine('AL OTH 2/2020', 'Regional Development Bank', ''),
        otherLine('AL OTH 3/2020', 'Gulf Shipping Co', ''),
        otherLine('AL OTH 4/2020', 'Example Mining Ltd', ''),
      ].join('\n');
      const answer = await importCsv(csv, admin);
      expect(answer.status).toBe(422);
      expect(answer.body.message).toContain('"Gulf Shipping Co", "Regional Development Bank"');
      expect(answer.body.details.otherRecipients).toEqual({
        registered: [],
        missing: ['Gulf Shipping Co', 'Regional Development Bank'],
      });
      expect(answer.body.details.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
        [2, 'other_recipient.unknown'],
        [3, 'other_recipient.unknown'],
        [4, 'other_recipient.unknown'],
      ]);
      expect(await counts()).toEqual(before);
      expect(await registered()).toEqual(['Example Mining Ltd (company)']);
    });

    it('registers them with the kind given in the file, once per name, in the import', async () => {
      const csv = [
        header,
        otherLine('AL OTH 1/2020', 'Gulf Shipping Co', 'company'),
        otherLine('AL OTH 2/2020', 'Regional Development Bank', 'international_organisation'),
        otherLine('AL OTH 3/2020', 'Gulf Shipping Co', ''),
      ].join('\n');
      const dry = await importCsv(csv, assistant, { dryRun: true });
      expect(dry.status).toBe(200);
      expect(dry.body.otherRecipients).toEqual({
        registered: [
          { id: null, name: 'Gulf Shipping Co', kind: 'company' },
          { id: null, name: 'Regional Development Bank', kind: 'international_organisation' },
        ],
        missing: [],
      });
      expect(await registered()).toEqual(['Example Mining Ltd (company)']);

      const conflicting = await importCsv(
        `${csv}\n${otherLine('AL OTH 4/2020', 'Gulf Shipping Co', 'non_state_actor')}`,
        assistant,
      );
      expect(conflicting.status).toBe(422);
      expect(conflicting.body.details.problems).toEqual([
        expect.objectContaining({ row: 5, column: 'other_recipient_kind', code: 'other_recipient_kind.mismatch' }),
      ]);
      expect(await registered()).toEqual(['Example Mining Ltd (company)']);

      const answer = await importCsv(csv, assistant);
      expect(answer.status).toBe(200);
      expect(await registered()).toEqual([
        'Example Mining Ltd (company)',
        'Gulf Shipping Co (company)',
        'Regional Development Bank (international_organisation)',
      ]);
      const [gulf, bank] = answer.body.otherRecipients.registered as Array<{ id: string; name: string }>;
      expect(gulf).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Gulf Shipping Co', kind: 'company' });
      const letters = await Promise.all(
        (answer.body.imported as Array<{ id: string }>).map(
          async ({ id }) => (await sut.get(`/communications/${id}`, { token: assistant })).body.recipient,
        ),
      );
      expect(letters).toEqual([
        expect.objectContaining({ code: 'OTH', otherRecipientId: gulf.id, name: 'Gulf Shipping Co' }),
        expect.objectContaining({ code: 'OTH', otherRecipientId: bank.id, name: 'Regional Development Bank' }),
        expect.objectContaining({ code: 'OTH', otherRecipientId: gulf.id, name: 'Gulf Shipping Co' }),
      ]);
      const audit = await sut
        .dataSource()
        .query(
          `SELECT subject_id AS id FROM audit_event WHERE action = 'other_recipient.create' AND subject_id = ANY($1)`,
          [[gulf.id, bank.id]],
        );
      expect(audit).toHaveLength(2);
    });
  });

  it('takes the file as a multipart form too, and refuses other bodies', async () => {
    const csv = [LETTER_HEADER, letterLine('OL DEU 1/2017', 'OL', 'DEU', '2017-09-01', 'EXPRESSION')].join('\r\n');
    const form = multipart([{ name: 'file', filename: 'letters.csv', content: csv }]);
    const answer = await importCsv(form.body, admin, { contentType: form.contentType });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      applied: true,
      imported: [{ reference: 'OL DEU 1/2017', type: 'OL', legacyType: null }],
    });
    expect((await sut.get(`/communications/${await idOf('OL DEU 1/2017')}`, { token: assistant })).body.status).toBe(
      'sent',
    );

    const before = await counts();
    const noFile = multipart([{ name: 'note', content: 'hello' }]);
    const refused = await importCsv(noFile.body, admin, { contentType: noFile.contentType });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('history.unexpected_part');
    const json = await sut.post('/history/imports', { reference: 'UA CAN 1/2019' }, { token: admin });
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('history.unsupported_media');
    const latin1 = Buffer.concat([
      Buffer.from(`${LETTER_HEADER}\n`),
      Buffer.from('UA CAN 5/2019,UA,CAN,,2019-01-01,,,EXPRESSION,,Caf\xe9,', 'latin1'),
    ]);
    const notUtf8 = await importCsv(latin1, admin);
    expect(notUtf8.status).toBe(422);
    expect(notUtf8.body.code).toBe('history.not_utf8');
    const huge = `${LETTER_HEADER}\n${'x'.repeat(5 * 1024 * 1024)}`;
    expect((await importCsv(huge, admin)).status).toBe(413);
    const hugeForm = multipart([{ name: 'file', filename: 'huge.csv', content: huge }]);
    expect((await importCsv(hugeForm.body, admin, { contentType: hugeForm.contentType })).status).toBe(413);
    const rows = Array.from({ length: 2001 }, (_, index) =>
      letterLine(`AL ESP ${index + 1}/2015`, 'AL', 'ESP', '2015-05-05', 'EXPRESSION'),
    );
    const tooMany = await importCsv([LETTER_HEADER, ...rows].join('\n'), admin, { dryRun: true });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toMatchObject({ code: 'history.too_many_rows', details: { letters: 2001, replies: 0 } });
    expect(await counts()).toEqual(before);
  });

  describe('who may import', () => {
    const csv = [
      LETTER_HEADER,
      letterLine('AL ITA 1/2016', 'AL', 'ITA', '2016-03-01', 'HOUSING'),
      letterLine('AL ITA 2/2016', 'AL', 'ITA', '2016-03-02', 'EXPRESSION'),
    ].join('\n');

    it('refuses Governments, the committee, mandate-holders and the public', async () => {
      const before = await counts();
      for (const token of [govIran, committee, srExpression]) {
        const answer = await importCsv(csv, token);
        expect(answer.status).toBe(403);
        expect(answer.body.code).toBe('access.denied');
      }
      expect((await importCsv(csv, undefined)).status).toBe(401);
      expect(await counts()).toEqual(before);
    });

    it('refuses an assistant the rows led by a mandate that is not theirs, even in a dry run', async () => {
      const before = await counts();
      for (const dryRun of [false, true]) {
        const answer = await importCsv(csv, housingAssistant, { dryRun });
        expect(answer.status).toBe(403);
        expect(answer.body).toMatchObject({
          code: 'history.not_your_mandate',
          details: { rows: [{ row: 3, line: 3, leadMandate: 'EXPRESSION' }] },
        });
      }
      expect(await counts()).toEqual(before);

      const own = await importCsv(
        [LETTER_HEADER, letterLine('AL ITA 1/2016', 'AL', 'ITA', '2016-03-01', 'HOUSING', 'EXPRESSION')].join('\n'),
        housingAssistant,
      );
      expect(own.status).toBe(200);
      expect(own.body.letters.accepted).toBe(1);
    });
  });
});
