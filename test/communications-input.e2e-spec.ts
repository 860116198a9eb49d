import { Role } from '@spcomms/access';
import { draftBody, editBody } from './support/letters';
import { TestApp, createTestApp } from './support/test-app';

/** Invalid input to the letter endpoints: a clear 4xx, and nothing written. */
describe('communications: invalid input', () => {
  let sut: TestApp;
  let assistant: string;
  let holder: string;
  let draftId: string;
  let revision: number;

  const rowCounts = async () =>
    (
      await sut.dataSource().query(
        `SELECT (SELECT count(*) FROM communication)::int AS letters, (SELECT count(*) FROM communication_version)::int AS versions,
              (SELECT count(*) FROM communication_mandate)::int AS mandates, (SELECT count(*) FROM communication_approval)::int AS approvals,
              (SELECT count(*) FROM audit_event)::int AS events`,
      )
    )[0];

  beforeAll(async () => {
    sut = await createTestApp();
    assistant = (await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION'] })).token;
    holder = (await sut.createUser({ username: 'sr.expression', role: Role.MandateHolder, mandates: ['EXPRESSION'] }))
      .token;
    const draft = await sut.post('/communications', draftBody(), { token: assistant });
    draftId = draft.body.id;
    revision = draft.body.revision;
  });
  afterAll(() => sut.close());

  const createCases: Array<[string, Record<string, unknown>, number, string]> = [
    ['a missing victim', { victims: [] }, 422, 'communication.missing_victim'],
    ['a victim without a name', { victims: [{ nameConfidential: false }] }, 400, 'validation.failed'],
    ['a missing perpetrator', { perpetrators: [] }, 422, 'communication.missing_perpetrator'],
    ['an unknown mandate', { leadMandate: 'NOSUCHMANDATE' }, 422, 'communication.unknown_mandate'],
    ['a malformed mandate code', { leadMandate: 'expression' }, 400, 'validation.failed'],
    ['a wrong State code', { recipientStateCode: 'XYZ' }, 422, 'communication.unknown_recipient'],
    ['a malformed State code', { recipientStateCode: 'IR' }, 400, 'validation.failed'],
    ['OTH as a State', { recipientStateCode: 'OTH' }, 422, 'communication.invalid_recipient'],
    [
      'an unknown other recipient',
      { recipientStateCode: undefined, otherRecipientId: '6f1c9a9e-0a7e-4a4c-9c55-5d8b0f1f3c11' },
      422,
      'communication.unknown_recipient',
    ],
    ['an unknown further State', { coRecipientStateCodes: ['QQQ'] }, 422, 'communication.unknown_recipient'],
    ['a wrong type', { type: 'JUA' }, 400, 'validation.failed'],
    ['a wrong language', { language: 'ar' }, 400, 'validation.failed'],
    ['a number as subject', { subject: 42 }, 400, 'validation.failed'],
    ['an oversized body', { body: 'x'.repeat(200_001) }, 400, 'validation.failed'],
    ['an unknown field', { source: 'someone' }, 400, 'validation.failed'],
    ['a reprisal without consent', { reprisal: true }, 422, 'communication.reprisal_consent_required'],
    [
      'a follow-up of an unknown letter',
      { followsUp: ['6f1c9a9e-0a7e-4a4c-9c55-5d8b0f1f3c11'] },
      422,
      'communication.unknown_follow_up',
    ],
    [
      'an unknown submission',
      { submissionIds: ['6f1c9a9e-0a7e-4a4c-9c55-5d8b0f1f3c11'] },
      422,
      'communication.unknown_submission',
    ],
  ];

  it.each(createCases)('refuses a draft with %s', async (_, change, status, code) => {
    const before = await rowCounts();
    const answer = await sut.post('/communications', draftBody(change), { token: assistant });
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ statusCode: status, code, message: expect.any(String) });
    expect(await rowCounts()).toEqual(before);
  });

  it.each<[string, () => [string, string, unknown, string], number, string]>([
    [
      'an edit with a stale revision',
      () => ['PATCH', `/communications/${draftId}`, editBody(revision + 7), assistant],
      409,
      'communication.stale_revision',
    ],
    [
      'an edit without a revision',
      () => ['PATCH', `/communications/${draftId}`, { ...editBody(1), revision: undefined }, assistant],
      400,
      'validation.failed',
    ],
    [
      'an invitation of an unknown mandate',
      () => ['POST', `/communications/${draftId}/invitations`, { mandates: ['NOSUCHMANDATE'] }, assistant],
      422,
      'communication.unknown_mandate',
    ],
    [
      'an invitation of the lead itself',
      () => ['POST', `/communications/${draftId}/invitations`, { mandates: ['EXPRESSION'] }, assistant],
      409,
      'communication.already_on_letter',
    ],
    [
      'an invitation with a past deadline',
      () => [
        'POST',
        `/communications/${draftId}/invitations`,
        { mandates: ['TORTURE'], signOnDeadline: '2001-01-01T00:00:00Z' },
        assistant,
      ],
      422,
      'communication.invalid_deadline',
    ],
    [
      'a decision on a version that does not exist',
      () => ['POST', `/communications/${draftId}/decisions`, { version: 9, decision: 'approve' }, holder],
      409,
      'communication.not_current_version',
    ],
    [
      'a decision that is neither approve nor decline',
      () => ['POST', `/communications/${draftId}/decisions`, { version: 1, decision: 'maybe' }, holder],
      400,
      'validation.failed',
    ],
    [
      'a transmission without approvals',
      () => ['POST', `/communications/${draftId}/transmit`, {}, assistant],
      409,
      'communication.missing_approvals',
    ],
    ['a malformed id', () => ['GET', '/communications/not-a-uuid', undefined, assistant], 400, 'request.bad'],
    [
      'a malformed page cursor',
      () => ['GET', '/communications?cursor=zzz', undefined, assistant],
      422,
      'communication.invalid_cursor',
    ],
  ])('refuses %s', async (_, request, status, code) => {
    const [method, url, body, token] = request();
    const before = await rowCounts();
    const answer = await sut.request(method, url, body, { token });
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ statusCode: status, code });
    expect(await rowCounts()).toEqual(before);
  });
});
