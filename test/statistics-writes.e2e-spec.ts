import { randomBytes } from 'node:crypto';
import { Role } from '@spcomms/access';
import { draftBody } from './support/letters';
import { TestApp, createTestApp } from './support/test-app';

/**
 * The fact tables follow the application's own writes (drafting, co-signing, transmission of a group
 * letter, follow-ups, replies and their corrections), in the writing transaction, and always equal
 * what statistics_rebuild() computes from the record.
 */
describe('statistics kept up to date by the writes', () => {
  let sut: TestApp;
  let assistant: string;
  let expression: string;
  let torture: string;
  let committee: string;

  function form(fields: Record<string, string>): { payload: Buffer; headers: Record<string, string> } {
    const boundary = `----stats${randomBytes(6).toString('hex')}`;
    const parts = Object.entries(fields).map(
      ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    return {
      payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  }

  async function recordReply(id: string, fields: Record<string, string>): Promise<string> {
    const { payload, headers } = form({
      language: 'en',
      channel: 'note_verbale',
      text: 'Reply of the Government',
      ...fields,
    });
    const answer = await sut.request('POST', `/communications/${id}/replies`, payload, { token: assistant, headers });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  }

  async function send(
    body: Record<string, unknown>,
    cosigner?: { code: string; token: string },
  ): Promise<Array<{ id: string; reference: string }>> {
    const draft = await sut.post('/communications', draftBody(body), { token: assistant });
    expect(draft.status).toBe(201);
    if (cosigner) {
      expect(
        (
          await sut.post(
            `/communications/${draft.body.id}/invitations`,
            { mandates: [cosigner.code] },
            { token: assistant },
          )
        ).status,
      ).toBe(201);
      expect(
        (
          await sut.post(
            `/communications/${draft.body.id}/decisions`,
            { version: 1, decision: 'approve' },
            { token: cosigner.token },
          )
        ).status,
      ).toBe(201);
    }
    expect(
      (
        await sut.post(
          `/communications/${draft.body.id}/decisions`,
          { version: 1, decision: 'approve' },
          { token: torture },
        )
      ).status,
    ).toBe(201);
    const sent = await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: assistant });
    expect(sent.status).toBe(200);
    return sent.body.letters;
  }

  async function facts(): Promise<unknown[]> {
    const letters = await sut.dataSource().query(`SELECT * FROM statistics_letter ORDER BY communication_id`);
    const replies = await sut.dataSource().query(`SELECT * FROM statistics_reply ORDER BY reply_id`);
    const rollup = await sut
      .dataSource()
      .query(`SELECT * FROM statistics_letter_rollup ORDER BY mandate_id, grain, period_start, dimension, value`);
    const replyRollup = await sut
      .dataSource()
      .query(`SELECT * FROM statistics_reply_rollup ORDER BY mandate_id, grain, period_start, letter_month`);
    return [letters, replies, rollup, replyRollup];
  }

  beforeAll(async () => {
    sut = await createTestApp();
    assistant = (await sut.createUser({ username: 'writes.assistant', role: Role.Assistant, mandates: ['TORTURE'] }))
      .token;
    torture = (await sut.createUser({ username: 'writes.torture', role: Role.MandateHolder, mandates: ['TORTURE'] }))
      .token;
    expression = (
      await sut.createUser({ username: 'writes.expression', role: Role.MandateHolder, mandates: ['EXPRESSION'] })
    ).token;
    committee = (await sut.createUser({ username: 'writes.committee', role: Role.Committee })).token;
  });
  afterAll(() => sut.close());

  it('counts a joint group letter sent through the API, its follow-up and its replies', async () => {
    const group = await send(
      { leadMandate: 'TORTURE', recipientStateCode: 'IRN', coRecipientStateCodes: ['IRQ'] },
      { code: 'EXPRESSION', token: expression },
    );
    expect(group).toHaveLength(2);
    const iran = group.find((letter) => letter.reference.includes('IRN'))!;
    const drafts = await sut.get('/statistics', { token: committee });
    expect(drafts.body.letters.sent.value).toBe(2);
    expect(drafts.body.letters.joint.value).toBe(2);
    expect(drafts.body.letters.individuals.value).toBe(4);
    expect(drafts.body.letters.women.value).toBe(2);

    await sut.post('/communications', draftBody({ leadMandate: 'TORTURE', recipientStateCode: 'CHN' }), {
      token: assistant,
    });
    const followUp = await send({
      leadMandate: 'TORTURE',
      recipientStateCode: 'IRN',
      type: 'AL',
      followsUp: [iran.id],
    });
    const first = await recordReply(iran.id, {});
    await recordReply(iran.id, { correctsReplyId: first, text: 'Corrected reply' });

    const { body } = await sut.get('/statistics', { token: committee });
    expect(body.letters.sent.value).toBe(3);
    expect(body.letters.joint.value).toBe(2);
    expect(body.letters.followedUp.value).toBe(1);
    expect(body.replies.lettersReplied.value).toBe(1);
    expect(body.replies.lettersRepliedOnTime.value).toBe(1);
    expect(body.replies.received.value).toBe(1);
    expect(body.replies.medianDaysToReply).toBe(0);
    // The letter is not published yet: its staff see its reference in the CSV (the committee a key instead).
    const csv = (await sut.get(body.letters.followedUp.csv, { token: assistant })).body as string;
    expect(csv).toContain(iran.reference);
    expect(csv).not.toContain(followUp[0].reference);
  });

  it('keeps the fact tables equal to a rebuild from the record', async () => {
    const kept = await facts();
    await sut.dataSource().query('SELECT statistics_rebuild()');
    expect(await facts()).toEqual(kept);
  });
});
