import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { draftBody, editBody } from './support/letters';
import { TestApp, createTestApp } from './support/test-app';

describe('communications: drafting, co-signing and transmission', () => {
  let sut: TestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  let assistant: string;
  let otherAssistant: string;
  let srExpression: string;
  let srDefenders: string;
  let srIran: string;
  let srTorture: string;
  let govIran: string;
  let govBelarus: string;
  let committee: string;
  let admin: string;

  beforeAll(async () => {
    sut = await createTestApp({ clock, env: { TOKEN_TTL_HOURS: '100000' } });
    assistant = (
      await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION', 'DEFENDERS'] })
    ).token;
    otherAssistant = (
      await sut.createUser({ username: 'assistant.other', role: Role.Assistant, mandates: ['HOUSING'] })
    ).token;
    srExpression = (
      await sut.createUser({ username: 'sr.expression', role: Role.MandateHolder, mandates: ['EXPRESSION'] })
    ).token;
    srDefenders = (
      await sut.createUser({ username: 'sr.defenders', role: Role.MandateHolder, mandates: ['DEFENDERS'] })
    ).token;
    srIran = (await sut.createUser({ username: 'sr.iran', role: Role.MandateHolder, mandates: ['IRN'] })).token;
    srTorture = (await sut.createUser({ username: 'sr.torture', role: Role.MandateHolder, mandates: ['TORTURE'] }))
      .token;
    govIran = (await sut.createUser({ username: 'gov.irn', role: Role.Government, stateCode: 'IRN' })).token;
    govBelarus = (await sut.createUser({ username: 'gov.blr', role: Role.Government, stateCode: 'BLR' })).token;
    committee = (await sut.createUser({ username: 'committee', role: Role.Committee })).token;
    admin = (await sut.createUser({ username: 'admin', role: Role.Admin })).token;
  });
  afterAll(() => sut.close());

  async function approveAll(id: string, version: number, tokens: string[]): Promise<void> {
    for (const token of tokens) {
      const answer = await sut.post(`/communications/${id}/decisions`, { version, decision: 'approve' }, { token });
      expect(answer.status).toBe(201);
    }
  }

  it('walks a joint UA from draft through re-approval to its reference and dates', async () => {
    clock.set('2026-03-02T09:00:00Z');
    const draft = await sut.post('/communications', draftBody(), { token: assistant });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      status: 'draft',
      reference: null,
      leadMandate: 'EXPRESSION',
      currentVersion: { number: 1 },
    });
    const id = draft.body.id;

    const invited = await sut.post(
      `/communications/${id}/invitations`,
      { mandates: ['DEFENDERS', 'IRN'] },
      { token: assistant },
    );
    expect(invited.status).toBe(201);
    const deadline = invited.body.mandates.find((m: { code: string }) => m.code === 'IRN').signOnDeadline;
    expect(new Date(deadline).toISOString()).toBe('2026-03-03T09:00:00.000Z');

    await approveAll(id, 1, [srDefenders, srIran]);
    const approved = await sut.get(`/communications/${id}`, { token: assistant });
    expect(
      approved.body.mandates.filter((m: { approvedCurrentVersion: boolean }) => m.approvedCurrentVersion),
    ).toHaveLength(2);

    // The text changes: the two approvals no longer count (C6).
    const edited = await sut.patch(
      `/communications/${id}`,
      editBody(approved.body.revision, { body: 'Corrected facts …' }),
      { token: assistant },
    );
    expect(edited.status).toBe(200);
    expect(edited.body.currentVersion.number).toBe(2);
    expect(edited.body.currentVersion.contentHash).not.toBe(draft.body.currentVersion.contentHash);
    expect(edited.body.mandates.every((m: { approvedCurrentVersion: boolean }) => !m.approvedCurrentVersion)).toBe(
      true,
    );
    expect(edited.body.approvals.filter((a: { current: boolean }) => a.current)).toHaveLength(0);

    const early = await sut.post(`/communications/${id}/transmit`, {}, { token: assistant });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('communication.missing_approvals');
    expect(early.body.details.missing).toEqual(['DEFENDERS', 'EXPRESSION', 'IRN']);

    const stale = await sut.post(
      `/communications/${id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: srDefenders },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('communication.not_current_version');

    await approveAll(id, 2, [srExpression, srDefenders, srIran]);
    const sent = await sut.post(`/communications/${id}/transmit`, {}, { token: assistant });
    expect(sent.status).toBe(200);
    expect(sent.body.letters).toEqual([
      {
        id,
        reference: 'UA IRN 1/2026',
        recipientCode: 'IRN',
        sentOn: '2026-03-02',
        replyRequestedBy: '2026-05-01',
        publicFrom: '2026-05-01',
      },
    ]);

    const letter = await sut.get(`/communications/${id}`, { token: srIran });
    expect(letter.body).toMatchObject({ status: 'sent', reference: 'UA IRN 1/2026', joint: true });

    const again = await sut.patch(`/communications/${id}`, editBody(letter.body.revision), { token: assistant });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('communication.not_draft');

    // The Government of Iran sees the sent letter with the victims' names, nothing internal.
    const portal = await sut.get(`/portal/communications/${id}`, { token: govIran });
    expect(portal.status).toBe(200);
    expect(portal.body.reference).toBe('UA IRN 1/2026');
    expect(portal.body.victims.map((v: { name: string }) => v.name)).toEqual(['Reza Example', 'Maryam Example']);
    expect(portal.body.mandates).toHaveLength(3);
    for (const hidden of ['internalNotes', 'approvals', 'revision', 'currentVersion', 'status']) {
      expect(portal.body).not.toHaveProperty(hidden);
    }
    const belarus = await sut.get(`/portal/communications/${id}`, { token: govBelarus });
    expect(belarus.status).toBe(404);
    expect((await sut.get('/portal/communications', { token: govBelarus })).body.items).toEqual([]);
  });

  it('counts references per recipient and Geneva year across types', async () => {
    clock.set('2026-06-01T10:00:00Z');
    const al = await sendSingle({ type: 'AL', recipientStateCode: 'CAN' });
    const ua = await sendSingle({ type: 'UA', recipientStateCode: 'CAN' });
    expect(al.reference).toBe('AL CAN 1/2026');
    expect(ua.reference).toBe('UA CAN 2/2026');
  });

  it('numbers a letter sent at 23:30 UTC on 31 December in the next Geneva year', async () => {
    clock.set('2026-12-31T23:30:00Z');
    const letter = await sendSingle({ type: 'AL', recipientStateCode: 'NOR' });
    expect(letter).toMatchObject({ reference: 'AL NOR 1/2027', sentOn: '2027-01-01', replyRequestedBy: '2027-03-02' });
    clock.set('2026-03-02T09:00:00Z');
  });

  it('sends a letter to several States as a group, one reference per State', async () => {
    clock.set('2026-04-10T08:00:00Z');
    const draft = await sut.post(
      '/communications',
      draftBody({ type: 'AL', recipientStateCode: 'FRA', coRecipientStateCodes: ['DEU', 'BEL'] }),
      {
        token: assistant,
      },
    );
    await approveAll(draft.body.id, 1, [srExpression]);
    const sent = await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: assistant });
    expect(sent.status).toBe(200);
    expect(sent.body.groupId).toBe(draft.body.id);
    expect(sent.body.letters.map((l: { reference: string }) => l.reference)).toEqual([
      'AL FRA 1/2026',
      'AL BEL 1/2026',
      'AL DEU 1/2026',
    ]);
    const belgium = await sut.get(`/communications/${sent.body.letters[1].id}`, { token: assistant });
    expect(belgium.body).toMatchObject({
      status: 'sent',
      recipient: { code: 'BEL' },
      groupId: draft.body.id,
      coRecipientCodes: [],
    });
  });

  it('sends to a non-State recipient under OTH with its own counter', async () => {
    clock.set('2026-05-05T08:00:00Z');
    const company = await sut.post(
      '/other-recipients',
      { name: 'Example Mining Ltd', kind: 'company', countryCode: 'CAN' },
      { token: admin },
    );
    const letter = await sendSingle({ type: 'AL', recipientStateCode: undefined, otherRecipientId: company.body.id });
    expect(letter.reference).toBe('AL OTH 1/2026');
  });

  it('derives joint from the approving mandates and drops a declining co-signer', async () => {
    const draft = await sut.post('/communications', draftBody({ type: 'AL' }), { token: assistant });
    const id = draft.body.id;
    await sut.post(`/communications/${id}/invitations`, { mandates: ['TORTURE'] }, { token: assistant });
    const declined = await sut.post(
      `/communications/${id}/decisions`,
      { version: 1, decision: 'decline', note: 'Outside mandate' },
      { token: srTorture },
    );
    expect(declined.body.mandates.find((m: { code: string }) => m.code === 'TORTURE').participation).toBe('declined');
    await approveAll(id, 1, [srExpression]);
    const sent = await sut.post(`/communications/${id}/transmit`, {}, { token: assistant });
    expect(sent.status).toBe(200);
    expect((await sut.get(`/communications/${id}`, { token: assistant })).body.joint).toBe(false);
  });

  it('gives the second of two concurrent editors a 409, never a lost update', async () => {
    const draft = await sut.post('/communications', draftBody(), { token: assistant });
    const revision = draft.body.revision;
    const [first, second] = await Promise.all([
      sut.patch(`/communications/${draft.body.id}`, editBody(revision, { body: 'Editor one' }), { token: assistant }),
      sut.patch(`/communications/${draft.body.id}`, editBody(revision, { body: 'Editor two' }), { token: assistant }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const versions = await sut.get(`/communications/${draft.body.id}/versions`, { token: assistant });
    expect(versions.body).toHaveLength(2);
    const winner = first.status === 200 ? 'Editor one' : 'Editor two';
    expect(versions.body[1].content.body).toBe(winner);
  });

  it('hides letters from everyone whose mandates are not on them (404, not 403)', async () => {
    const draft = await sut.post('/communications', draftBody({ internalNotes: 'Source met in Geneva' }), {
      token: assistant,
    });
    const id = draft.body.id;
    expect((await sut.get(`/communications/${id}`, { token: otherAssistant })).status).toBe(404);
    expect((await sut.get(`/communications/${id}`, { token: srTorture })).status).toBe(404);
    expect((await sut.get(`/portal/communications/${id}`, { token: govIran })).status).toBe(404);
    expect((await sut.get(`/communications/${id}`, { token: committee })).status).toBe(403);
    expect((await sut.get(`/communications/${id}`, { token: admin })).status).toBe(403);
    expect((await sut.get(`/communications/${id}`)).status).toBe(401);
    const list = await sut.get('/communications', { token: otherAssistant });
    expect(list.body.items.some((item: { id: string }) => item.id === id)).toBe(false);
    const versions = await sut.get(`/communications/${id}/versions`, { token: otherAssistant });
    expect(versions.status).toBe(404);
    expect(JSON.stringify(versions.body)).not.toContain('Geneva');
  });

  it('refuses a draft for a mandate the assistant does not work for', async () => {
    const answer = await sut.post('/communications', draftBody({ leadMandate: 'HOUSING' }), { token: assistant });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('communication.not_your_mandate');
  });

  it('links follow-ups both ways', async () => {
    clock.set('2026-07-01T08:00:00Z');
    const earlier = await sendSingle({ type: 'AL', recipientStateCode: 'IRN' });
    const follow = await sut.post('/communications', draftBody({ type: 'AL', followsUp: [earlier.id] }), {
      token: assistant,
    });
    expect(follow.body.followsUp).toEqual([{ id: earlier.id, reference: earlier.reference }]);
    const back = await sut.get(`/communications/${earlier.id}`, { token: assistant });
    expect(back.body.followedUpBy).toEqual([{ id: follow.body.id, reference: null }]);
  });

  async function sendSingle(
    overrides: Record<string, unknown>,
  ): Promise<{ id: string; reference: string; sentOn: string; replyRequestedBy: string }> {
    const draft = await sut.post('/communications', draftBody(overrides), { token: assistant });
    expect(draft.status).toBe(201);
    await approveAll(draft.body.id, 1, [srExpression]);
    const sent = await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: assistant });
    expect(sent.status).toBe(200);
    return sent.body.letters[0];
  }
});
