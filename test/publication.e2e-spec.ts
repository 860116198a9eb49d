import { Role } from '@spcomms/access';
import { startOfCalendarDate } from '@spcomms/clock';
import { NAME_WITHHELD, PublicationService } from '@spcomms/publication';
import { ScheduleRunner } from '@spcomms/schedules';
import { SmtpTestServer, TestClock } from '@spcomms/testing';
import { InProcessWorker } from './faults/support';
import { draftBody, editBody } from './support/letters';
import { SentLetter, insertReply, planPublication } from './support/publication';
import { TestApp } from './support/test-app';
import { WorkerApp, startWorkerApp } from './support/worker-app';

const ZURICH = 'Europe/Zurich';

/** C11, C12, C14 with the real worker running the publication schedule on a moved clock. */
describe('publication: redaction check, publication at public-from, replies', () => {
  let harness: WorkerApp;
  let sut: TestApp;
  let worker: InProcessWorker;
  let smtp: SmtpTestServer;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  let assistant: string;
  let assistantTorture: string;
  let srExpression: string;
  let srDefenders: string;
  let govIran: string;
  let admin: string;

  const db = () => sut.dataSource();
  /** The projection row as JSON (dates as text), with its search vector. */
  const publishedRow = async (id: string) => {
    const [found] = await db().query(
      `SELECT to_jsonb(p) - 'search_vector' AS row, p.search_vector::text AS vector FROM published_communication p WHERE communication_id = $1`,
      [id],
    );
    return found ? { ...found.row, vector: found.vector } : undefined;
  };
  const publishedReplies = async (id: string) =>
    (await db().query(
      `SELECT r.number, r.confidential, r.language, r.text, r.received_on::text AS "receivedOn",
              coalesce(json_agg(a.file_name ORDER BY a.position) FILTER (WHERE a.id IS NOT NULL), '[]') AS files
         FROM published_reply r LEFT JOIN published_attachment a ON a.reply_id = r.id
        WHERE r.communication_id = $1 GROUP BY r.id ORDER BY r.number`,
      [id],
    )) as Array<{
      number: number;
      confidential: boolean;
      language: string | null;
      text: string | null;
      receivedOn: string;
      files: string[];
    }>;
  const outbox = async (id: string, kind: string) =>
    (await db().query(
      `SELECT recipient_address AS "to", template, params FROM outbox_message WHERE subject_id = $1 AND kind = $2 ORDER BY recipient_address`,
      [id, kind],
    )) as Array<{ to: string; template: string; params: Record<string, string> }>;
  const auditActions = async (id: string) =>
    (
      (await db().query(`SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY seq`, [id])) as Array<{
        action: string;
      }>
    ).map((row) => row.action);

  /** Moves the clock, lets the reconciler enqueue what is due, and waits until the due rows are done and the outbox drained. */
  const moveTo = (instant: string | Date): Promise<void> => harness.moveTo(instant);

  async function send(
    overrides: Record<string, unknown> = {},
    cosigners: Array<{ code: string; token: string }> = [],
  ): Promise<SentLetter> {
    const draft = await sut.post('/communications', draftBody(overrides), { token: assistant });
    expect(draft.status).toBe(201);
    if (cosigners.length > 0) {
      await sut.post(
        `/communications/${draft.body.id}/invitations`,
        { mandates: cosigners.map((c) => c.code) },
        { token: assistant },
      );
    }
    for (const token of [srExpression, ...cosigners.map((c) => c.token)]) {
      expect(
        (await sut.post(`/communications/${draft.body.id}/decisions`, { version: 1, decision: 'approve' }, { token }))
          .status,
      ).toBe(201);
    }
    const sent = await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: assistant });
    expect(sent.status).toBe(200);
    const letter = sent.body.letters[0] as SentLetter;
    await planPublication(sut, letter);
    return letter;
  }

  const check = (id: string, body: Record<string, unknown> = {}, token = assistant) =>
    sut.post(`/communications/${id}/redaction-check`, body, { token });
  const publicFromStart = (letter: SentLetter) => startOfCalendarDate(letter.publicFrom, ZURICH);

  beforeAll(async () => {
    harness = await startWorkerApp(clock);
    ({ sut, worker, smtp } = harness);
    assistant = (
      await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION', 'DEFENDERS'] })
    ).token;
    await sut.createUser({ username: 'assistant.second', role: Role.Assistant, mandates: ['EXPRESSION'] });
    assistantTorture = (
      await sut.createUser({ username: 'assistant.torture', role: Role.Assistant, mandates: ['TORTURE'] })
    ).token;
    srExpression = (
      await sut.createUser({ username: 'sr.expression', role: Role.MandateHolder, mandates: ['EXPRESSION'] })
    ).token;
    srDefenders = (
      await sut.createUser({ username: 'sr.defenders', role: Role.MandateHolder, mandates: ['DEFENDERS'] })
    ).token;
    govIran = (await sut.createUser({ username: 'gov.irn', role: Role.Government, stateCode: 'IRN' })).token;
    admin = (await sut.createUser({ username: 'admin', role: Role.Admin })).token;
  });

  afterAll(() => harness?.close());

  it('publishes at public-from, not before, redacted, with the replies received so far; publishing twice changes nothing', async () => {
    clock.set('2026-03-02T09:00:00Z');
    const letter = await send(
      {
        subject: 'Detention of Maryam Example, a journalist',
        body: 'We have received information concerning Ms. Maryam Example and Mr. Reza Sample. Ms. Example was arrested on 1 February.',
        victims: [
          { name: 'Reza Sample', gender: 'male', ageGroup: 'adult', nameConfidential: false },
          { name: 'Maryam Example', gender: 'female', ageGroup: 'adult', nameConfidential: true },
        ],
        themes: ['freedom of expression', 'journalists'],
      },
      [{ code: 'DEFENDERS', token: srDefenders }],
    );
    expect(letter.publicFrom).toBe('2026-05-01');

    // The check may come long before public-from; nothing is published then.
    const checked = await check(letter.id, { notes: 'Name of the second victim withheld' });
    expect(checked.status).toBe(201);
    expect(checked.body).toMatchObject({
      status: 'scheduled',
      publicFrom: '2026-05-01',
      redactionCheck: { versionNumber: 1, notes: 'Name of the second victim withheld' },
    });
    expect(JSON.stringify(checked.body.preview)).not.toMatch(/Maryam|Example/);

    clock.set('2026-03-20T10:00:00Z');
    await insertReply(
      db(),
      letter.id,
      {
        number: 1,
        receivedOn: '2026-03-20',
        text: 'Ms. Maryam Example was released on bail. Mr. Reza Sample remains in custody.',
        attachments: [{ fileName: 'Maryam Example - court decision.pdf' }, { fileName: 'annex.pdf' }],
      },
      clock.now(),
    );
    await insertReply(
      db(),
      letter.id,
      {
        number: 2,
        receivedOn: '2026-04-02',
        text: 'Secret details about the investigation.',
        confidential: true,
        attachments: [{ fileName: 'secret-annex.pdf' }],
      },
      clock.now(),
    );

    // The evening before public-from in Geneva: not yet.
    await moveTo('2026-04-30T21:59:00Z');
    expect(await publishedRow(letter.id)).toBeUndefined();
    expect((await sut.get(`/communications/${letter.id}/publication`, { token: assistant })).body.status).toBe(
      'scheduled',
    );

    // Midnight in Geneva on public-from.
    await moveTo(publicFromStart(letter));
    const row = await publishedRow(letter.id);
    expect(row).toMatchObject({
      reference: letter.reference,
      type: 'UA',
      recipient_code: 'IRN',
      recipient_kind: 'state',
      recipient_name: 'Iran (Islamic Republic of)',
      lead_mandate_code: 'EXPRESSION',
      mandate_codes: ['EXPRESSION', 'DEFENDERS'],
      joint: true,
      subject: `Detention of ${NAME_WITHHELD}, a journalist`,
      body: `We have received information concerning Ms. ${NAME_WITHHELD} and Mr. Reza Sample. Ms. ${NAME_WITHHELD} was arrested on 1 February.`,
      victims: [
        { name: 'Reza Sample', group: false },
        { name: NAME_WITHHELD, group: false },
      ],
      themes: ['freedom of expression', 'journalists'],
      reply_status: 'replied',
      reply_count: 2,
    });
    expect(row.mandates.map((mandate: { code: string; title: string }) => mandate.code)).toEqual([
      'EXPRESSION',
      'DEFENDERS',
    ]);
    expect(row.mandates[0].title).toMatch(/expression/i);
    // Nothing internal is copied: no notes, no source, no approvals, no perpetrators' table, no drafts.
    for (const column of [
      'internal_notes',
      'approvals',
      'source',
      'revision',
      'status',
      'perpetrators',
      'current_version',
    ]) {
      expect(row).not.toHaveProperty(column);
    }
    expect(row.vector).toContain("'journalist'");
    expect(row.vector).not.toMatch(/maryam|exampl/i);
    expect(await publishedReplies(letter.id)).toEqual([
      {
        number: 1,
        confidential: false,
        language: 'en',
        text: `Ms. ${NAME_WITHHELD} was released on bail. Mr. Reza Sample remains in custody.`,
        receivedOn: '2026-03-20',
        files: [`${NAME_WITHHELD} - court decision.pdf`, 'annex.pdf'],
      },
      // C12: the confidential reply is only a placeholder: no text, no language, no attachment, no file name.
      { number: 2, confidential: true, language: null, text: null, receivedOn: '2026-04-02', files: [] },
    ]);
    expect(JSON.stringify(await db().query(`SELECT * FROM published_attachment`))).not.toContain('secret-annex');

    const status = await sut.get(`/communications/${letter.id}/publication`, { token: srDefenders });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      status: 'published',
      blockedReason: null,
      publishedAt: publicFromStart(letter).toISOString(),
    });
    expect(status.body.preview.replies[1]).toEqual({
      number: 2,
      receivedOn: '2026-04-02',
      confidential: true,
      language: null,
      text: null,
      notice: 'A reply was received on 2026-04-02. It is confidential at the request of its author.',
      correctsNumber: null,
      attachments: [],
    });
    expect(await auditActions(letter.id)).toEqual(
      expect.arrayContaining(['communication.redaction_check', 'communication.publish']),
    );

    // Publishing again, by a stray run of the schedule or a direct call, changes nothing.
    const before =
      JSON.stringify(await db().query(`SELECT * FROM published_communication`)) +
      JSON.stringify(await publishedReplies(letter.id));
    clock.advance({ days: 3 });
    await expect(sut.app.get(PublicationService).publishDue(letter.id)).resolves.toBe('already_published');
    const [schedule] = await db().query(
      `SELECT id FROM schedule WHERE subject_id = $1 AND kind = 'communication.publish'`,
      [letter.id],
    );
    await expect(worker.get(ScheduleRunner).run(schedule.id)).resolves.toBe('not_pending');
    expect(
      JSON.stringify(await db().query(`SELECT * FROM published_communication`)) +
        JSON.stringify(await publishedReplies(letter.id)),
    ).toBe(before);
    expect((await auditActions(letter.id)).filter((action) => action === 'communication.publish')).toHaveLength(1);
  });

  it('blocks and flags a letter whose redaction was not checked, e-mails its assistants once, and publishes it when checked', async () => {
    clock.set('2026-06-01T08:00:00Z');
    const letter = await send({ type: 'AL', recipientStateCode: 'EGY', subject: 'Arbitrary detention of a blogger' });

    // A week before public-from, the assistants of the lead mandate are asked to check (PublicationDue).
    await moveTo('2026-07-24T06:00:00Z');
    expect(await outbox(letter.id, 'publication.due')).toEqual([
      {
        to: 'assistant.second@test.local',
        template: 'publication.due',
        params: expect.objectContaining({ reference: letter.reference, publicOn: '2026-07-31' }),
      },
      {
        to: 'assistant@test.local',
        template: 'publication.due',
        params: expect.objectContaining({ reference: letter.reference, publicOn: '2026-07-31' }),
      },
    ]);

    await moveTo(publicFromStart(letter));
    expect(await publishedRow(letter.id)).toBeUndefined();
    const blocked = await sut.get(`/communications/${letter.id}/publication`, { token: assistant });
    expect(blocked.body).toMatchObject({
      status: 'blocked',
      blockedReason: 'redaction_check_missing',
      publishedAt: null,
      redactionCheck: null,
    });
    const [flag] = await db().query(
      `SELECT state, blocked_reason FROM communication_publication WHERE communication_id = $1`,
      [letter.id],
    );
    expect(flag).toEqual({ state: 'blocked', blocked_reason: 'redaction_check_missing' });
    const mails = await outbox(letter.id, 'publication.redaction_check_missing');
    expect(mails.map((mail) => mail.to)).toEqual(['assistant.second@test.local', 'assistant@test.local']);
    expect(mails[0]).toMatchObject({
      template: 'publication.redaction_check_missing',
      params: { reference: letter.reference, publicOn: '2026-07-31' },
    });
    expect(
      smtp.received.filter(
        (mail) => mail.subject.includes('waiting for the redaction check') && mail.subject.includes(letter.reference),
      ),
    ).toHaveLength(2);

    // Running it again the next day neither e-mails again nor publishes.
    clock.advance({ days: 1 });
    await expect(sut.app.get(PublicationService).publishDue(letter.id)).resolves.toBe('blocked');
    expect(await outbox(letter.id, 'publication.redaction_check_missing')).toHaveLength(2);
    expect(
      (await auditActions(letter.id)).filter((action) => action === 'communication.publication_blocked'),
    ).toHaveLength(1);

    // Only an assistant of the letter's mandates may check; others learn nothing about it.
    expect((await check(letter.id, {}, assistantTorture)).status).toBe(404);
    expect((await check(letter.id, {}, srExpression)).status).toBe(403);
    expect((await check(letter.id, {}, govIran)).status).toBe(403);
    expect((await sut.post(`/communications/${letter.id}/redaction-check`, {})).status).toBe(401);
    expect(await publishedRow(letter.id)).toBeUndefined();

    // The check, after public-from: published at once.
    const checked = await check(letter.id);
    expect(checked.status).toBe(201);
    expect(checked.body).toMatchObject({ status: 'published', blockedReason: null });
    expect(await publishedRow(letter.id)).toMatchObject({
      reference: letter.reference,
      reply_status: 'not_replied',
      reply_count: 0,
    });
    const again = await check(letter.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('publication.already_checked');
  });

  it('publishes a reply that arrives after its letter on arrival, a confidential one as a placeholder only', async () => {
    clock.set('2026-02-02T09:00:00Z');
    const letter = await send({
      type: 'AL',
      recipientStateCode: 'IRN',
      subject: 'Forced eviction',
      body: 'Houses were demolished.',
    });
    expect((await check(letter.id)).status).toBe(201);
    await moveTo(publicFromStart(letter));
    expect(await publishedRow(letter.id)).toMatchObject({ reply_status: 'not_replied' });
    const publication = sut.app.get(PublicationService);

    clock.set('2026-06-15T10:00:00Z');
    const confidential = await insertReply(
      db(),
      letter.id,
      {
        number: 1,
        receivedOn: '2026-06-15',
        text: 'Confidential answer about the demolitions.',
        confidential: true,
        attachments: [{ fileName: 'confidential-annex.pdf' }],
      },
      clock.now(),
    );
    expect(await publishedReplies(letter.id)).toEqual([]);
    await expect(publication.publishReply(confidential)).resolves.toBe('published');
    expect(await publishedReplies(letter.id)).toEqual([
      { number: 1, confidential: true, language: null, text: null, receivedOn: '2026-06-15', files: [] },
    ]);
    let row = await publishedRow(letter.id);
    expect(row).toMatchObject({ reply_status: 'confidential', reply_count: 1, last_reply_on: '2026-06-15' });
    expect(row.vector).not.toMatch(/confidenti|answer/);

    const late = await insertReply(
      db(),
      letter.id,
      {
        number: 2,
        receivedOn: '2026-06-20',
        language: 'fr',
        text: 'Les expulsions ont été suspendues par le tribunal.',
        attachments: [{ fileName: 'décision.pdf' }],
      },
      clock.now(),
    );
    await expect(publication.publishReply(late)).resolves.toBe('published');
    await expect(publication.publishReply(late)).resolves.toBe('already_published');
    expect((await publishedReplies(letter.id))[1]).toEqual({
      number: 2,
      confidential: false,
      language: 'fr',
      text: 'Les expulsions ont été suspendues par le tribunal.',
      receivedOn: '2026-06-20',
      files: ['décision.pdf'],
    });
    row = await publishedRow(letter.id);
    expect(row).toMatchObject({ reply_status: 'replied', reply_count: 2, last_reply_on: '2026-06-20' });
    // The French reply is searchable with French stemming.
    const [found] = await db().query(
      `SELECT count(*)::int AS n FROM published_communication WHERE communication_id = $1 AND search_vector @@ websearch_to_tsquery('french', 'expulsion suspendue')`,
      [letter.id],
    );
    expect(found.n).toBe(1);

    // A reply to a letter not yet public waits for the letter.
    clock.set('2026-06-20T10:00:00Z');
    const unpublished = await send({ type: 'AL', recipientStateCode: 'IRN', subject: 'Another letter' });
    const early = await insertReply(db(), unpublished.id, { number: 1, receivedOn: '2026-06-21' }, clock.now());
    await expect(publication.publishReply(early)).resolves.toBe('letter_not_published');
    expect(await db().query(`SELECT id FROM published_reply WHERE id = $1`, [early])).toEqual([]);
    await expect(publication.publishReply('00000000-0000-4000-8000-000000000000')).resolves.toBe('missing');
  });

  it('publishes an OL of a mandate that publishes legislation at once on the day it is sent, after a check of the draft', async () => {
    const mandates = (await sut.get('/mandates', { token: admin })).body as Array<{ id: string; code: string }>;
    const expression = mandates.find((mandate) => mandate.code === 'EXPRESSION')!;
    expect(
      (await sut.patch(`/mandates/${expression.id}`, { publishLegislationAtOnce: true }, { token: admin })).status,
    ).toBe(200);
    try {
      clock.set('2026-09-07T07:30:00Z');
      const draft = await sut.post(
        '/communications',
        draftBody({
          type: 'OL',
          subject: 'Draft media law',
          victims: [],
          lawOrPolicy: 'Bill 12 on the press',
          perpetrators: [],
        }),
        {
          token: assistant,
        },
      );
      expect(draft.status).toBe(201);
      // Checked as version 1, then the text changes: the check no longer counts, a stale version is refused.
      expect((await check(draft.body.id, { version: 1 })).body).toMatchObject({
        status: 'draft',
        redactionCheck: { versionNumber: 1 },
      });
      const edited = await sut.patch(
        `/communications/${draft.body.id}`,
        editBody(draft.body.revision, {
          type: 'OL',
          subject: 'Draft media law',
          victims: [],
          lawOrPolicy: 'Bill 12 on the press, as amended',
          perpetrators: [],
        }),
        { token: assistant },
      );
      expect(edited.status).toBe(200);
      const stale = await check(draft.body.id, { version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('publication.not_current_version');
      expect((await check(draft.body.id, { version: 2 })).body).toMatchObject({
        status: 'draft',
        redactionCheck: { versionNumber: 2 },
      });
      await sut.post(
        `/communications/${draft.body.id}/decisions`,
        { version: 2, decision: 'approve' },
        { token: srExpression },
      );
      const sent = await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: assistant });
      const letter = sent.body.letters[0] as SentLetter;
      expect(letter.publicFrom).toBe(letter.sentOn);
      await planPublication(sut, letter);
      await moveTo('2026-09-07T07:30:01Z');
      expect(await publishedRow(letter.id)).toMatchObject({
        type: 'OL',
        law_or_policy: 'Bill 12 on the press, as amended',
        public_from: letter.sentOn,
      });
    } finally {
      await sut.patch(`/mandates/${expression.id}`, { publishLegislationAtOnce: false }, { token: admin });
    }
  });

  it('links follow-up letters both ways, only once both are published', async () => {
    clock.set('2026-10-01T08:00:00Z');
    const earlier = await send({ type: 'AL', subject: 'First letter on the case' });
    const draft = await sut.post(
      '/communications',
      draftBody({ type: 'AL', subject: 'Follow-up on the case', followsUp: [earlier.id] }),
      { token: assistant },
    );
    await sut.post(
      `/communications/${draft.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: srExpression },
    );
    const later = (await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: assistant })).body
      .letters[0] as SentLetter;
    await planPublication(sut, later);
    // Only the later letter is checked: it is published, the earlier one is blocked, so no link yet.
    expect((await check(later.id)).status).toBe(201);
    await moveTo(publicFromStart(later));
    expect(await publishedRow(later.id)).toBeDefined();
    expect(await publishedRow(earlier.id)).toBeUndefined();
    expect(
      (await sut.get(`/communications/${later.id}/publication`, { token: assistant })).body.preview.followsUp,
    ).toEqual([]);
    expect(await db().query(`SELECT * FROM published_follow_up`)).toEqual([]);

    expect((await check(earlier.id)).status).toBe(201);
    expect(
      await db().query(`SELECT communication_id AS later, follows_up_id AS earlier FROM published_follow_up`),
    ).toEqual([{ later: later.id, earlier: earlier.id }]);
    const status = await sut.get(`/communications/${earlier.id}/publication`, { token: assistant });
    expect(status.body.preview.followedUpBy).toEqual([
      { reference: later.reference, url: `/public/communications/${later.reference.replace(/[ /]/g, '-')}` },
    ]);
  });

  it('shows the publication state only to the staff of the letter', async () => {
    clock.set('2026-11-02T08:00:00Z');
    const letter = await send({ type: 'AL', subject: 'Access test' });
    expect((await sut.get(`/communications/${letter.id}/publication`, { token: srExpression })).status).toBe(200);
    expect((await sut.get(`/communications/${letter.id}/publication`, { token: assistantTorture })).status).toBe(404);
    expect((await sut.get(`/communications/${letter.id}/publication`, { token: govIran })).status).toBe(403);
    expect((await sut.get(`/communications/${letter.id}/publication`)).status).toBe(401);
    expect(
      (await sut.get(`/communications/00000000-0000-4000-8000-000000000000/publication`, { token: assistant })).status,
    ).toBe(404);
    const bad = await check(letter.id, { notes: 'x'.repeat(2001) });
    expect(bad.status).toBe(400);
    expect(await db().query(`SELECT id FROM redaction_check WHERE communication_id = $1`, [letter.id])).toEqual([]);
  });
});
