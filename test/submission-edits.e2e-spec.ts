import { randomUUID } from 'node:crypto';
import { Role } from '@spcomms/access';
import { SCREENING_CRITERIA } from '@spcomms/submissions';
import { draftBody } from './support/letters';
import { TestApp, createTestApp } from './support/test-app';

let sources = 0;
/** Information an assistant records (received by e-mail), complete for C1, with a source found nowhere else. */
function information(overrides: Record<string, unknown> = {}) {
  sources++;
  return {
    channel: 'email',
    stateCode: 'IRN',
    mandates: ['TORTURE'],
    victims: [{ kind: 'person', name: 'Narges Victimname', gender: 'female', ageGroup: 'adult' }],
    perpetrators: [{ kind: 'state', description: 'Officers of the Ministry of Intelligence' }],
    source: {
      name: `Editsource Quxley-${sources}`,
      email: `edit-source-${sources}@example.org`,
      relation: 'family',
    },
    occurredFrom: '2026-01-10',
    occurredTo: '2026-01-12',
    place: 'Evin prison, Tehran',
    description: 'She was held incommunicado and beaten during interrogation on three consecutive days in January.',
    ...overrides,
  };
}

describe('editing a submission and linking it to a draft (PATCH /submissions/{id}, POST /communications/{id}/submissions)', () => {
  let sut: TestApp;
  const tokens: Record<string, string> = {};
  const users = {
    assistant: { role: Role.Assistant, mandates: ['TORTURE'] },
    assistantFood: { role: Role.Assistant, mandates: ['FOOD'] },
    holder: { role: Role.MandateHolder, mandates: ['TORTURE'] },
    government: { role: Role.Government, stateCode: 'IRN' },
  } as const;
  type Who = keyof typeof users;
  const as = (who: Who) => ({ token: tokens[who] });

  const record = async (who: Who = 'assistant', overrides: Record<string, unknown> = {}) => {
    const answer = await sut.post('/submissions', information(overrides), as(who));
    expect(answer.status).toBe(201);
    return answer.body as { id: string; source: { name: string } };
  };
  const screened = async (who: Who = 'assistant', overrides: Record<string, unknown> = {}) => {
    const submission = await record(who, overrides);
    const criteria = SCREENING_CRITERIA.map((criterion) => ({ criterion, passed: true }));
    expect((await sut.post(`/submissions/${submission.id}/screening`, { criteria }, as(who))).body.status).toBe(
      'screened',
    );
    return submission;
  };
  const draft = async (who: Who = 'assistant', leadMandate = 'TORTURE') => {
    const answer = await sut.post('/communications', draftBody({ leadMandate }), as(who));
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  };
  const audit = async (id: string) =>
    (await sut
      .dataSource()
      .query(
        `SELECT action, before, after FROM audit_event WHERE subject_type = 'submission' AND subject_id = $1 ORDER BY seq`,
        [id],
      )) as Array<{ action: string; before: unknown; after: Record<string, unknown> }>;
  const row = async (id: string) =>
    (
      await sut
        .dataSource()
        .query('SELECT place, description, occurred_to::text AS occurred_to FROM submission WHERE id = $1', [id])
    )[0];

  beforeAll(async () => {
    sut = await createTestApp();
    for (const [who, scope] of Object.entries(users)) {
      tokens[who] = (
        await sut.createUser({
          username: `edit.${who.toLowerCase()}`,
          ...scope,
          mandates: 'mandates' in scope ? [...scope.mandates] : undefined,
        })
      ).token;
    }
  });
  afterAll(() => sut.close());

  describe('PATCH /submissions/{id}', () => {
    it('corrects the facts given, keeps the others, clears a nullable one with null, and audits the field names only', async () => {
      const submission = await record();
      const answer = await sut.patch(
        `/submissions/${submission.id}`,
        {
          place: '  Qarchak prison, Varamin ',
          occurredTo: null,
          victims: [
            { kind: 'person', name: 'Narges Victimname', gender: 'female', ageGroup: 'adult' },
            { kind: 'group', description: 'Her two cellmates' },
          ],
          perpetrators: [{ kind: 'state', description: 'Prison guards' }],
        },
        as('assistant'),
      );

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        id: submission.id,
        status: 'received',
        place: 'Qarchak prison, Varamin',
        occurredFrom: '2026-01-10',
        occurredTo: null,
        description: information().description,
        victims: [
          { kind: 'person', name: 'Narges Victimname', description: null, gender: 'female', ageGroup: 'adult' },
          { kind: 'group', name: null, description: 'Her two cellmates', gender: null, ageGroup: null },
        ],
        perpetrators: [{ kind: 'state', description: 'Prison guards' }],
        source: { name: submission.source.name },
      });
      expect(await row(submission.id)).toEqual({
        place: 'Qarchak prison, Varamin',
        description: information().description,
        occurred_to: null,
      });
      const events = await audit(submission.id);
      expect(events.map((event) => event.action)).toEqual(['submission.receive', 'submission.edit']);
      expect(events[1].after).toEqual({ fields: ['victims', 'perpetrators', 'occurredTo', 'place'] });
      const logged = JSON.stringify(events);
      expect(logged).not.toContain('Qarchak');
      expect(logged).not.toContain('cellmates');
      expect(logged).not.toContain(submission.source.name);

      // The same values again: nothing changes, nothing is audited.
      const same = await sut.patch(
        `/submissions/${submission.id}`,
        { place: 'Qarchak prison, Varamin' },
        as('assistant'),
      );
      expect(same.status).toBe(200);
      expect(await audit(submission.id)).toHaveLength(2);
    });

    it('edits a screened submission, keeping its screening; an inadmissible or rejected one is final (409)', async () => {
      const submission = await screened();
      const edited = await sut.patch(`/submissions/${submission.id}`, { occurredFrom: '2026-01-09' }, as('assistant'));
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ status: 'screened', occurredFrom: '2026-01-09' });
      expect(edited.body.screening.pendingCriteria).toEqual([]);

      const rejected = await record();
      expect(
        (await sut.post(`/submissions/${rejected.id}/reject`, { reason: 'Outside every mandate' }, as('assistant')))
          .status,
      ).toBe(200);
      const refused = await sut.patch(`/submissions/${rejected.id}`, { place: 'Somewhere else' }, as('assistant'));
      expect(refused).toMatchObject({ status: 409, body: { code: 'submission.invalid_status' } });
      expect((await row(rejected.id)).place).toBe('Evin prison, Tehran');
    });

    it.each<[string, Record<string, unknown>, number, string]>([
      ['an empty body', {}, 422, 'submission.empty_edit'],
      ['a short description', { description: 'Too short.' }, 400, 'validation.failed'],
      ['a blank place', { place: '   ' }, 400, 'validation.failed'],
      ['null for a required fact', { place: null }, 400, 'validation.failed'],
      ['no perpetrator', { perpetrators: [] }, 400, 'validation.failed'],
      ['a malformed date', { occurredFrom: '2026-02-30' }, 400, 'validation.failed'],
      ['an unknown field', { source: { name: 'Someone else' } }, 400, 'validation.failed'],
      ['the end before the start', { occurredTo: '2026-01-01' }, 422, 'submission.incomplete'],
      ['events after today', { occurredFrom: '2099-01-01', occurredTo: null }, 422, 'submission.incomplete'],
      ['no victims and no law or policy', { victims: [] }, 422, 'submission.incomplete'],
      ['no State and no other recipient', { stateCode: null }, 422, 'submission.incomplete'],
      ['an unknown State', { stateCode: 'XYZ' }, 422, 'state.unknown'],
    ])('refuses %s, changing nothing', async (_what, body, status, code) => {
      const submission = await record();
      const answer = await sut.patch(`/submissions/${submission.id}`, body, as('assistant'));
      expect(answer.status).toBe(status);
      expect(answer.body.code).toBe(code);
      expect(await row(submission.id)).toEqual({
        place: 'Evin prison, Tehran',
        description: information().description,
        occurred_to: '2026-01-12',
      });
      expect((await audit(submission.id)).map((event) => event.action)).toEqual(['submission.receive']);
    });

    it('answers 404 to another mandate’s assistant (as for an unknown id), 403 to other roles, 401 without login', async () => {
      const submission = await record();
      const other = await sut.patch(`/submissions/${submission.id}`, { place: 'Elsewhere' }, as('assistantFood'));
      const unknown = await sut.patch(`/submissions/${randomUUID()}`, { place: 'Elsewhere' }, as('assistantFood'));
      expect(other).toMatchObject({ status: 404, body: { code: 'submission.not_found' } });
      expect(unknown.body.code).toBe(other.body.code);
      expect(JSON.stringify(other.body)).not.toContain(submission.source.name);
      expect((await sut.patch(`/submissions/${submission.id}`, { place: 'Elsewhere' }, as('holder'))).status).toBe(403);
      expect((await sut.patch(`/submissions/${submission.id}`, { place: 'Elsewhere' }, as('government'))).status).toBe(
        403,
      );
      expect((await sut.patch(`/submissions/${submission.id}`, { place: 'Elsewhere' })).status).toBe(401);
      expect((await row(submission.id)).place).toBe('Evin prison, Tehran');
    });
  });

  describe('POST /communications/{id}/submissions', () => {
    it('links a screened submission to a draft of the mandate, once, and audits it', async () => {
      const submission = await screened();
      const letter = await draft();
      const answer = await sut.post(
        `/communications/${letter}/submissions`,
        { submissionId: submission.id },
        as('assistant'),
      );
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: letter, status: 'draft' });
      expect(JSON.stringify(answer.body)).not.toContain(submission.source.name);
      const again = await sut.post(
        `/communications/${letter}/submissions`,
        { submissionId: submission.id },
        as('assistant'),
      );
      expect(again.status).toBe(200);

      expect((await sut.get(`/submissions/${submission.id}`, as('assistant'))).body.communicationIds).toEqual([letter]);
      const events = await audit(submission.id);
      expect(events.filter((event) => event.action === 'submission.link').map((event) => event.after)).toEqual([
        { communicationId: letter },
      ]);
    });

    it('refuses a submission not screened (409), unknown or another mandate’s (422), and a malformed id (400)', async () => {
      const letter = await draft();
      const received = await record();
      const foreign = await screened('assistantFood', { mandates: ['FOOD'] });
      const link = (submissionId: unknown) =>
        sut.post(`/communications/${letter}/submissions`, { submissionId }, as('assistant'));

      expect(await link(received.id)).toMatchObject({ status: 409, body: { code: 'submission.not_screened' } });
      const other = await link(foreign.id);
      expect(other).toMatchObject({ status: 422, body: { code: 'communication.unknown_submission' } });
      expect(JSON.stringify(other.body)).not.toContain(foreign.source.name);
      expect(await link(randomUUID())).toMatchObject({
        status: 422,
        body: { code: 'communication.unknown_submission' },
      });
      expect((await link('not-an-id')).status).toBe(400);
      expect((await sut.post(`/communications/${letter}/submissions`, {}, as('assistant'))).status).toBe(400);
      const [{ count }] = await sut
        .dataSource()
        .query('SELECT count(*)::int AS count FROM submission_communication WHERE communication_id = $1', [letter]);
      expect(count).toBe(0);
    });

    it('answers 404 for another mandate’s draft, 409 for a letter that is no longer a draft', async () => {
      const submission = await screened();
      const foreignLetter = await draft('assistantFood', 'FOOD');
      const other = await sut.post(
        `/communications/${foreignLetter}/submissions`,
        { submissionId: submission.id },
        as('assistant'),
      );
      expect(other.status).toBe(404);
      const unknown = await sut.post(
        `/communications/${randomUUID()}/submissions`,
        { submissionId: submission.id },
        as('assistant'),
      );
      expect(unknown.body.code).toBe(other.body.code);

      const abandoned = await draft();
      expect(
        (await sut.post(`/communications/${abandoned}/abandon`, { reason: 'Superseded' }, as('assistant'))).status,
      ).toBe(200);
      expect(
        await sut.post(`/communications/${abandoned}/submissions`, { submissionId: submission.id }, as('assistant')),
      ).toMatchObject({ status: 409, body: { code: 'communication.not_draft' } });
      expect(
        (await sut.post(`/communications/${abandoned}/submissions`, { submissionId: submission.id }, as('holder')))
          .status,
      ).toBe(403);
      expect((await sut.get(`/submissions/${submission.id}`, as('assistant'))).body.communicationIds).toEqual([]);
    });
  });
});
