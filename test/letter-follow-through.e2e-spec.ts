import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { draftBody, editBody } from './support/letters';
import { TestApp, createTestApp } from './support/test-app';

/**
 * What a letter's people are told and can do around it: recipients no e-mail reaches, the approvals
 * asked of every mandate on the letter per version, abandoning a draft, finding a letter by its
 * reference, and what awaits a mandate-holder's decision.
 */
describe('letters: follow-through', () => {
  let sut: TestApp;
  const clock = new TestClock('2026-04-06T08:00:00Z');
  let assistant: string;
  let otherAssistant: string;
  let srExpression: { id: string; token: string };
  let srDefenders: { id: string; token: string };
  let srTorture: { id: string; token: string };
  let admin: string;

  beforeAll(async () => {
    sut = await createTestApp({ clock, env: { TOKEN_TTL_HOURS: '100000' } });
    assistant = (
      await sut.createUser({ username: 'ft.assistant', role: Role.Assistant, mandates: ['EXPRESSION', 'DEFENDERS'] })
    ).token;
    otherAssistant = (
      await sut.createUser({ username: 'ft.assistant.housing', role: Role.Assistant, mandates: ['HOUSING'] })
    ).token;
    srExpression = await sut.createUser({
      username: 'ft.sr.expression',
      role: Role.MandateHolder,
      mandates: ['EXPRESSION'],
    });
    srDefenders = await sut.createUser({
      username: 'ft.sr.defenders',
      role: Role.MandateHolder,
      mandates: ['DEFENDERS'],
    });
    srTorture = await sut.createUser({ username: 'ft.sr.torture', role: Role.MandateHolder, mandates: ['TORTURE'] });
    await sut.createUser({ username: 'ft.gov.irn', role: Role.Government, stateCode: 'IRN' });
    admin = (await sut.createUser({ username: 'ft.admin', role: Role.Admin })).token;
  });
  afterAll(() => sut.close());

  const draft = async (overrides: Record<string, unknown> = {}) => {
    const answer = await sut.post('/communications', draftBody(overrides), { token: assistant });
    expect(answer.status).toBe(201);
    return answer.body;
  };
  const decide = async (id: string, version: number, token: string, decision = 'approve') =>
    expect((await sut.post(`/communications/${id}/decisions`, { version, decision }, { token })).status).toBe(201);
  /** A single-mandate letter (lead EXPRESSION), approved and sent; answers the transmission. */
  const send = async (overrides: Record<string, unknown> = {}) => {
    const letter = await draft(overrides);
    await decide(letter.id, 1, srExpression.token);
    const sent = await sut.post(`/communications/${letter.id}/transmit`, {}, { token: assistant });
    expect(sent.status).toBe(200);
    return sent.body;
  };
  const asks = (
    communicationId: string,
  ): Promise<Array<{ kind: string; user: string; occasion: string; params: Record<string, string> }>> =>
    sut.dataSource().query(
      `SELECT kind, recipient_user_id AS "user", occasion, params FROM outbox_message
          WHERE subject_id = $1 AND kind LIKE 'approval.%' ORDER BY created_at, kind, recipient_user_id`,
      [communicationId],
    );

  describe('recipients no e-mail reaches (issue 17.10)', () => {
    it('says which recipients got no e-mail, in the answer, the list and the letter', async () => {
      clock.set('2026-04-06T08:00:00Z');
      const reachable = await send({ recipientStateCode: 'IRN' });
      expect(reachable.unreachableRecipients).toEqual([]);

      const group = await send({ recipientStateCode: 'IRN', coRecipientStateCodes: ['NOR'] });
      const norway = group.letters.find((letter: { recipientCode: string }) => letter.recipientCode === 'NOR');
      expect(group.unreachableRecipients).toEqual([
        {
          id: norway.id,
          reference: norway.reference,
          recipientCode: 'NOR',
          recipientName: 'Norway',
          reason: 'no_focal_point',
        },
      ]);

      const company = await sut.post(
        '/other-recipients',
        { name: 'Follow-through Mining Ltd', kind: 'company', countryCode: 'CAN' },
        { token: admin },
      );
      const toCompany = await send({ type: 'AL', recipientStateCode: undefined, otherRecipientId: company.body.id });
      expect(toCompany.unreachableRecipients).toEqual([
        expect.objectContaining({
          id: toCompany.letters[0].id,
          recipientCode: 'OTH',
          recipientName: 'Follow-through Mining Ltd',
          reason: 'non_state_recipient',
        }),
      ]);

      const list = await sut.get('/communications?status=sent&limit=200', { token: assistant });
      const flag = (id: string) => list.body.items.find((item: { id: string }) => item.id === id)?.recipientUnreachable;
      expect(flag(reachable.letters[0].id)).toBe(false);
      expect(flag(norway.id)).toBe(true);
      expect(flag(toCompany.letters[0].id)).toBe(true);
      expect((await sut.get(`/communications/${norway.id}`, { token: assistant })).body.recipientUnreachable).toBe(
        true,
      );
      expect(
        (await sut.get(`/communications/${reachable.letters[0].id}`, { token: assistant })).body.recipientUnreachable,
      ).toBe(false);
    });
  });

  describe('approvals asked per version (issue 17.12)', () => {
    it("asks the lead's holders, the invited mandates' holders, and everyone again after an edit, once per version", async () => {
      const letter = await draft({ type: 'AL' });
      expect(await asks(letter.id)).toEqual([
        {
          kind: 'approval.version',
          user: srExpression.id,
          occasion: 'v1',
          params: expect.objectContaining({ version: '1', mandate: 'EXPRESSION' }),
        },
      ]);

      await sut.post(`/communications/${letter.id}/invitations`, { mandates: ['DEFENDERS'] }, { token: assistant });
      await decide(letter.id, 1, srExpression.token);
      await decide(letter.id, 1, srDefenders.token);

      const approved = await sut.get(`/communications/${letter.id}`, { token: assistant });
      const edited = await sut.patch(
        `/communications/${letter.id}`,
        editBody(approved.body.revision, { type: 'AL', body: 'Corrected facts …' }),
        { token: assistant },
      );
      expect(edited.status).toBe(200);
      expect(edited.body.currentVersion.number).toBe(2);
      // The same text again makes no version and asks nobody.
      expect(
        (
          await sut.patch(
            `/communications/${letter.id}`,
            editBody(edited.body.revision, { type: 'AL', body: 'Corrected facts …' }),
            { token: assistant },
          )
        ).status,
      ).toBe(200);

      const rows = await asks(letter.id);
      const v2 = rows.filter((row) => row.occasion === 'v2');
      expect(v2.map((row) => [row.kind, row.user, row.params.mandate]).sort()).toEqual(
        [
          ['approval.version', srDefenders.id, 'DEFENDERS'],
          ['approval.version', srExpression.id, 'EXPRESSION'],
        ].sort(),
      );
      expect(rows.filter((row) => row.kind === 'approval.requested').map((row) => row.user)).toEqual([srDefenders.id]);
      expect(new Set(rows.map((row) => `${row.kind}|${row.user}|${row.occasion}`)).size).toBe(rows.length);
    });

    it('asks nobody who declined or was dropped', async () => {
      const letter = await draft({ type: 'AL' });
      await sut.post(`/communications/${letter.id}/invitations`, { mandates: ['DEFENDERS'] }, { token: assistant });
      await decide(letter.id, 1, srDefenders.token, 'decline');
      const current = await sut.get(`/communications/${letter.id}`, { token: assistant });
      await sut.patch(
        `/communications/${letter.id}`,
        editBody(current.body.revision, { type: 'AL', body: 'Second text' }),
        { token: assistant },
      );
      expect((await asks(letter.id)).filter((row) => row.occasion === 'v2').map((row) => row.user)).toEqual([
        srExpression.id,
      ]);
    });
  });

  describe('abandoning a draft (issue 17.13)', () => {
    it('abandons a draft with its reason, keeps it, audits it, and ends its sign-on deadlines', async () => {
      const letter = await draft();
      await sut.post(`/communications/${letter.id}/invitations`, { mandates: ['DEFENDERS'] }, { token: assistant });

      expect(
        (
          await sut.post(
            `/communications/${letter.id}/abandon`,
            { reason: 'Overtaken by events' },
            { token: srExpression.token },
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await sut.post(
            `/communications/${letter.id}/abandon`,
            { reason: 'Overtaken by events' },
            { token: otherAssistant },
          )
        ).status,
      ).toBe(404);
      expect((await sut.post(`/communications/${letter.id}/abandon`, {}, { token: assistant })).status).toBe(400);

      const abandoned = await sut.post(
        `/communications/${letter.id}/abandon`,
        { reason: 'The victim was released' },
        { token: assistant },
      );
      expect(abandoned.status).toBe(200);
      expect(abandoned.body).toMatchObject({
        status: 'abandoned',
        abandonReason: 'The victim was released',
        reference: null,
      });
      expect(abandoned.body.abandonedAt).toBe(clock.now().toISOString());

      const again = await sut.post(`/communications/${letter.id}/abandon`, { reason: 'Twice' }, { token: assistant });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('communication.not_draft');
      expect((await sut.post(`/communications/${letter.id}/transmit`, {}, { token: assistant })).body.code).toBe(
        'communication.not_draft',
      );
      expect(
        (
          await sut.post(
            `/communications/${letter.id}/decisions`,
            { version: 1, decision: 'approve' },
            { token: srDefenders.token },
          )
        ).status,
      ).toBe(409);

      const kept = await sut.get(`/communications?status=abandoned&limit=200`, { token: assistant });
      expect(kept.body.items.map((item: { id: string }) => item.id)).toContain(letter.id);
      const schedules = await sut.get(`/communications/${letter.id}/schedules`, { token: assistant });
      expect(schedules.body.length).toBeGreaterThan(0);
      expect(schedules.body.every((row: { state: string }) => row.state === 'cancelled')).toBe(true);
      const audit = await sut
        .dataSource()
        .query(`SELECT after FROM audit_event WHERE action = 'communication.abandon' AND subject_id = $1`, [letter.id]);
      expect(audit).toEqual([
        { after: expect.objectContaining({ status: 'abandoned', reason: 'The victim was released' }) },
      ]);
    });

    it('refuses to abandon a sent letter', async () => {
      const sent = await send();
      const answer = await sut.post(
        `/communications/${sent.letters[0].id}/abandon`,
        { reason: 'Too late' },
        { token: assistant },
      );
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('communication.not_draft');
    });
  });

  describe('finding a letter by its reference (issue 17.13)', () => {
    it('finds a letter however its reference is typed, and only for those who may see it', async () => {
      clock.set('2026-04-07T08:00:00Z');
      const sent = await send({ recipientStateCode: 'CAN' });
      const { id, reference } = sent.letters[0];
      const [, n] = /^UA CAN (\d+)\/2026$/.exec(reference) ?? [];
      expect(n).toBeDefined();
      for (const typed of [reference, `ua can ${n} 2026`, `UA-CAN-${n}-2026`, `CAN ${n}/2026`]) {
        const found = await sut.get(`/communications/by-reference/${encodeURIComponent(typed)}`, {
          token: srExpression.token,
        });
        expect([typed, found.status, found.body.id]).toEqual([typed, 200, id]);
      }
      expect((await sut.get(`/communications/by-reference/AL-CAN-${n}-2026`, { token: assistant })).status).toBe(404);
      expect((await sut.get(`/communications/by-reference/UA-CAN-${n}-2026`, { token: otherAssistant })).status).toBe(
        404,
      );
      expect((await sut.get(`/communications/by-reference/UA-CAN-${n}-2026`, { token: srTorture.token })).status).toBe(
        404,
      );
      expect((await sut.get('/communications/by-reference/UA-CAN-999-2026', { token: assistant })).status).toBe(404);
      const garbage = await sut.get('/communications/by-reference/not-a-reference', { token: assistant });
      expect(garbage.status).toBe(422);
      expect(garbage.body.code).toBe('communication.invalid_reference');
    });
  });

  describe('what awaits a mandate-holder (issue 17.13)', () => {
    it('lists the drafts awaiting a decision of their mandates, earliest sign-on deadline first, in pages', async () => {
      clock.set('2026-05-04T08:00:00Z');
      const later = await draft({ type: 'AL', subject: 'Later deadline' });
      const sooner = await draft({ type: 'UA', subject: 'Sooner deadline' });
      const decided = await draft({ type: 'AL', subject: 'Already approved' });
      for (const letter of [later, sooner, decided]) {
        await sut.post(`/communications/${letter.id}/invitations`, { mandates: ['TORTURE'] }, { token: assistant });
      }
      await decide(decided.id, 1, srTorture.token);

      const first = await sut.get('/communications/awaiting-my-decision?limit=1', { token: srTorture.token });
      expect(first.status).toBe(200);
      const second = await sut.get(`/communications/awaiting-my-decision?limit=1&cursor=${first.body.nextCursor}`, {
        token: srTorture.token,
      });
      const ids = [...first.body.items, ...second.body.items].map((item: { letter: { id: string } }) => item.letter.id);
      const all = await sut.get('/communications/awaiting-my-decision', { token: srTorture.token });
      expect(all.body.items.map((item: { letter: { id: string } }) => item.letter.id).slice(0, 2)).toEqual(ids);
      expect(ids).toEqual([sooner.id, later.id]);
      expect(all.body.items.map((item: { letter: { id: string } }) => item.letter.id)).not.toContain(decided.id);
      expect(first.body.items[0]).toMatchObject({
        mandate: 'TORTURE',
        participation: 'invited',
        version: 1,
        signOnDeadline: '2026-05-05T08:00:00.000Z',
      });
      expect(all.body.nextCursor).toBeNull();

      // The lead's holder: drafts of the lead with no deadline; decided ones leave the list.
      const lead = await sut.get('/communications/awaiting-my-decision?limit=200', { token: srExpression.token });
      expect(lead.body.items.map((item: { letter: { id: string } }) => item.letter.id)).toEqual(
        expect.arrayContaining([later.id, sooner.id, decided.id]),
      );
      expect(
        lead.body.items.every(
          (item: { participation: string; signOnDeadline: null }) =>
            item.participation === 'lead' && item.signOnDeadline === null,
        ),
      ).toBe(true);

      // An edit voids the approval: the letter awaits the decision again, on version 2.
      const current = await sut.get(`/communications/${decided.id}`, { token: assistant });
      await sut.patch(
        `/communications/${decided.id}`,
        editBody(current.body.revision, { type: 'AL', subject: 'Already approved', body: 'New facts' }),
        { token: assistant },
      );
      const after = await sut.get('/communications/awaiting-my-decision?limit=200', { token: srTorture.token });
      expect(after.body.items.find((item: { letter: { id: string } }) => item.letter.id === decided.id)).toMatchObject({
        version: 2,
      });

      expect((await sut.get('/communications/awaiting-my-decision', { token: assistant })).status).toBe(403);
      expect(
        (await sut.get('/communications/awaiting-my-decision?cursor=bad', { token: srTorture.token })).status,
      ).toBe(422);
    });
  });
});
