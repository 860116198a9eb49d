import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { draftBody } from './support/letters';
import { TestApp, createTestApp } from './support/test-app';

describe('reference numbering under concurrency (C7)', () => {
  let sut: TestApp;
  const clock = new TestClock('2026-09-15T12:00:00Z');
  let assistant: string;
  let holder: string;

  beforeAll(async () => {
    sut = await createTestApp({ clock });
    assistant = (await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['TORTURE'] })).token;
    holder = (await sut.createUser({ username: 'sr.torture', role: Role.MandateHolder, mandates: ['TORTURE'] })).token;
  });
  afterAll(() => sut.close());

  async function approvedDraft(recipient: string): Promise<string> {
    const draft = await sut.post(
      '/communications',
      draftBody({ type: 'AL', leadMandate: 'TORTURE', recipientStateCode: recipient }),
      {
        token: assistant,
      },
    );
    expect(draft.status).toBe(201);
    const decision = await sut.post(
      `/communications/${draft.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: holder },
    );
    expect(decision.status).toBe(201);
    return draft.body.id;
  }

  it('gives 50 concurrent transmissions to one State the numbers 1 to 50, no duplicate, no hole', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 50; index++) {
      ids.push(await approvedDraft('EGY'));
    }

    const answers = await Promise.all(
      ids.map((id) => sut.post(`/communications/${id}/transmit`, {}, { token: assistant })),
    );

    expect(answers.map((answer) => answer.status)).toEqual(ids.map(() => 200));
    const numbers = answers
      .map((answer) => Number(/^AL EGY (\d+)\/2026$/.exec(answer.body.letters[0].reference)?.[1]))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    const [counter] = await sut
      .dataSource()
      .query(`SELECT last_number FROM reference_counter WHERE code = 'EGY' AND year = 2026`);
    expect(counter.last_number).toBe(50);
  });

  it('does not move the counter when a transmission is refused', async () => {
    const id = await approvedDraft('PER');
    const sent = await sut.post(`/communications/${id}/transmit`, {}, { token: assistant });
    expect(sent.body.letters[0].reference).toBe('AL PER 1/2026');
    // A second transmission of the same letter is refused; the counter does not move.
    const again = await sut.post(`/communications/${id}/transmit`, {}, { token: assistant });
    expect(again.status).toBe(409);
    const next = await sut.post(`/communications/${await approvedDraft('PER')}/transmit`, {}, { token: assistant });
    expect(next.body.letters[0].reference).toBe('AL PER 2/2026');
  });

  it('keeps the type-free key unique in the database itself', async () => {
    const [letter] = await sut
      .dataSource()
      .query(`SELECT id, ref_code, ref_year, ref_number FROM communication WHERE reference = 'AL PER 1/2026'`);
    const other = await approvedDraft('PER');
    await expect(
      sut
        .dataSource()
        .query(
          `UPDATE communication SET status = 'sent', reference = 'UA PER 1/2026', ref_code = $2, ref_year = $3, ref_number = $4, sent_on = '2026-09-15' WHERE id = $1`,
          [other, letter.ref_code, letter.ref_year, letter.ref_number],
        ),
    ).rejects.toThrow(/uq_communication_reference_key/);
  });
});
