import { Role, UserActor } from '@spcomms/access';
import { TransactionHost } from '@spcomms/database';
import { NAME_WITHHELD, PublicationErrorCode, PublicationException, PublicationService } from '@spcomms/publication';
import { SCREENING_CRITERIA } from '@spcomms/submissions';
import { TestClock } from '@spcomms/testing';
import { draftBody, editBody } from './support/letters';
import { insertReply } from './support/publication';
import { TestApp, createTestApp } from './support/test-app';

/** C14: the source of a linked submission is never public, even where the drafter named it in the text. */
describe('publication: the sources of linked submissions are withheld', () => {
  let sut: TestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  let assistant: string;
  let assistantId: string;
  let srExpression: string;
  let outsider: string;

  const SOURCE = /Ivan|Informant|INFORMANT|Viasna/i;

  beforeAll(async () => {
    sut = await createTestApp({ clock, env: { TOKEN_TTL_HOURS: '100000' } });
    const created = await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION'] });
    assistant = created.token;
    assistantId = created.id;
    srExpression = (
      await sut.createUser({ username: 'sr.expression', role: Role.MandateHolder, mandates: ['EXPRESSION'] })
    ).token;
    outsider = (await sut.createUser({ username: 'assistant.torture', role: Role.Assistant, mandates: ['TORTURE'] }))
      .token;
  });

  afterAll(async () => {
    await sut?.close();
  });

  async function screenedSubmission(): Promise<string> {
    const created = await sut.post(
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
          email: 'ivan@viasna.example.org',
          phone: '+375 29 123-45-67',
          relation: 'witness',
        },
        occurredFrom: '2026-01-10',
        place: 'Evin prison, Tehran',
        description:
          'A journalist was arrested at her home and taken to an unknown place of detention without a warrant.',
        confidentialFields: ['victimNames'],
      },
      { token: assistant },
    );
    expect(created.status).toBe(201);
    const criteria = SCREENING_CRITERIA.map((criterion) => ({ criterion, passed: true }));
    expect(
      (await sut.post(`/submissions/${created.body.id}/screening`, { criteria }, { token: assistant })).status,
    ).toBe(200);
    return created.body.id as string;
  }

  it('withholds the source and its organisation from the preview, the public record and later replies, and lists what it withheld', async () => {
    const submissionId = await screenedSubmission();
    const draft = await sut.post(
      '/communications',
      draftBody({
        submissionIds: [submissionId],
        subject: 'Arrest of a journalist reported by Viasna Watch',
        body:
          'We have been informed by Ivan Informant of Viasna Watch that Ms. Maryam Example was arrested. Mr. Informant can be reached at ' +
          'press-office@example.org or +375 29 765-43-21; her passport MP1234567 was seized.',
      }),
      { token: assistant },
    );
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
    const letter = sent.body.letters[0] as { id: string; reference: string; publicFrom: string };

    const status = await sut.get(`/communications/${letter.id}/publication`, { token: srExpression });
    expect(status.status).toBe(200);
    expect(JSON.stringify(status.body.preview)).not.toMatch(SOURCE);
    expect(status.body.preview.body).toContain(
      `informed by ${NAME_WITHHELD} of ${NAME_WITHHELD} that Ms. ${NAME_WITHHELD} was arrested. Mr. ${NAME_WITHHELD} can`,
    );
    expect(status.body.redaction.withheld).toEqual([
      { name: 'Maryam Example', roles: ['victim'], occurrences: 2 },
      { name: 'Ivan Informant', roles: ['source'], occurrences: 2 },
      { name: 'Viasna Watch', roles: ['source_organisation'], occurrences: 2 },
    ]);
    // What redaction cannot know is left to the assistant, with a warning naming it.
    expect(status.body.redaction.warnings).toEqual([
      { kind: 'email', field: 'body', text: 'press-office@example.org' },
      { kind: 'phone', field: 'body', text: '+375 29 765-43-21' },
      { kind: 'passport_number', field: 'body', text: 'MP1234567' },
    ]);
    expect((await sut.get(`/communications/${letter.id}/publication`, { token: outsider })).status).toBe(404);

    // The text names the source and its organisation: the check is refused until each is confirmed.
    expect(status.body.redaction.issues.filter((issue: { blocking: boolean }) => issue.blocking)).toEqual([
      { key: 'source-0', kind: 'source_named', field: null, text: 'Ivan Informant', blocking: true },
      { key: 'source-1', kind: 'source_named', field: null, text: 'Viasna Watch', blocking: true },
    ]);
    clock.set(`${letter.publicFrom}T09:00:00Z`);
    const refused = await sut.post(
      `/communications/${letter.id}/redaction-check`,
      { confirmed: ['source-0'] },
      { token: assistant },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('publication.source_named');
    const checked = await sut.post(
      `/communications/${letter.id}/redaction-check`,
      { confirmed: ['source-0', 'source-1'] },
      { token: assistant },
    );
    expect(checked.status).toBe(201);
    expect(checked.body).toMatchObject({
      status: 'published',
      redaction: { warnings: status.body.redaction.warnings },
    });

    const page = `/public/communications/${letter.reference.replace(/[ /]/g, '-')}`;
    const published = await sut.get(page);
    expect(published.status).toBe(200);
    expect(JSON.stringify(published.body)).not.toMatch(SOURCE);

    const replyId = await insertReply(
      sut.dataSource(),
      letter.id,
      { number: 1, receivedOn: letter.publicFrom, text: 'The account of Mr. Ivan Informant is false.' },
      clock.now(),
    );
    expect(await sut.app.get(TransactionHost).run(() => sut.app.get(PublicationService).publishReply(replyId))).toBe(
      'published',
    );
    const withReply = await sut.get(page);
    expect(withReply.body.replies.map((reply: { text: string }) => reply.text)).toEqual([
      `The account of Mr. ${NAME_WITHHELD} is false.`,
    ]);
    expect(JSON.stringify(withReply.body)).not.toMatch(SOURCE);
  });

  it('refuses in the service the check of a text that names the source, until the name is removed or confirmed', async () => {
    const submissionId = await screenedSubmission();
    const draft = await sut.post(
      '/communications',
      draftBody({
        submissionIds: [submissionId],
        body: 'According to Ivan Informant, the journalist was arrested at her home.',
      }),
      { token: assistant },
    );
    expect(draft.status).toBe(201);
    const [{ id: expressionId }] = (await sut
      .dataSource()
      .query(`SELECT id FROM mandate WHERE code = 'EXPRESSION'`)) as Array<{ id: string }>;
    const actor: UserActor = {
      kind: 'user',
      userId: assistantId,
      sessionId: 'service-test',
      username: 'assistant',
      role: Role.Assistant,
      mandateIds: [expressionId!],
      stateCode: null,
    };
    const sut2 = sut.app.get(PublicationService);
    const refusal = await sut2.recordRedactionCheck(actor, draft.body.id, {}).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PublicationException);
    expect((refusal as PublicationException).code).toBe(PublicationErrorCode.SourceNamed);
    expect((refusal as PublicationException).details).toEqual({
      issues: [{ key: 'source-0', kind: 'source_named', field: null, text: 'Ivan Informant', blocking: true }],
    });
    // A confirmation of other issues does not count for the source's name.
    await expect(
      sut2.recordRedactionCheck(actor, draft.body.id, { confirmed: ['victim-0', 'email-0'] }),
    ).rejects.toThrow(PublicationException);
    const checks = await sut
      .dataSource()
      .query('SELECT 1 FROM redaction_check WHERE communication_id = $1', [draft.body.id]);
    expect(checks).toHaveLength(0);

    // The name taken out of the text: the check of the new version goes through without confirming anything.
    const edited = await sut.patch(
      `/communications/${draft.body.id}`,
      editBody(draft.body.revision, { body: 'According to a witness, the journalist was arrested at her home.' }),
      { token: assistant },
    );
    expect(edited.status).toBe(200);
    const status = await sut2.recordRedactionCheck(actor, draft.body.id, {});
    expect(status.redactionCheck).toMatchObject({ versionNumber: 2 });
    expect(status.redaction.issues.filter((issue) => issue.blocking)).toEqual([]);
    const [event] = (await sut
      .dataSource()
      .query(`SELECT after FROM audit_event WHERE action = 'communication.redaction_check' AND subject_id = $1`, [
        draft.body.id,
      ])) as Array<{ after: Record<string, unknown> }>;
    expect(JSON.stringify(event!.after)).not.toContain('Informant');
  });
});
