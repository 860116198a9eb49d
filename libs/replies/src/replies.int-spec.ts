import { Role } from '@spcomms/access';
import { CommunicationsRepository, CommunicationsModule } from '@spcomms/communications';
import { DomainEventBus, ReplyRecorded } from '@spcomms/domain-events';
import { NotificationsRepository } from '@spcomms/notifications';
import { SchedulesService } from '@spcomms/schedules';
import { TestContext, createTestContext } from '@spcomms/testing';
import { MandateStaff, buildMandateStaff, buildSentLetter, buildUser } from '../../communications/test/letter-fixtures';
import { PortalRepliesService } from './portal-replies.service';
import { RepliesModule } from './replies.module';
import { RepliesRepository } from './replies.repository';
import { RepliesService } from './replies.service';
import { RecordingSubscriber } from '../../domain-events/test/recording-subscriber';

/**
 * Recording a reply below HTTP: the real services and the letter's own subscribers against the real
 * database; publication is not in the module, a recording subscriber stands in for it.
 */
describe('recording a reply', () => {
  let ctx: TestContext;
  let staff: MandateStaff;
  let recorder: RecordingSubscriber<ReplyRecorded>;

  beforeAll(async () => {
    ctx = await createTestContext({ imports: [CommunicationsModule, RepliesModule] });
    staff = await buildMandateStaff(ctx, 'HOUSING');
    recorder = new RecordingSubscriber(ctx.get(DomainEventBus), ReplyRecorded);
  });
  afterAll(() => ctx.close());
  beforeEach(() => {
    recorder.reset();
    ctx.clock.set('2026-03-02T09:00:00Z');
  });

  const pendingDeadlines = async (id: string) =>
    (await ctx.get(SchedulesService).listForSubject({ type: 'communication', id }))
      .filter((row) => row.state === 'pending')
      .map((row) => row.kind)
      .sort();
  const mailKinds = async (id: string) =>
    (await ctx.get(NotificationsRepository).findForSubject('communication', id)).map((mail) => mail.kind).sort();

  it('publishes ReplyRecorded with the reply and the letter as they are in the transaction', async () => {
    const letter = (await buildSentLetter(ctx, staff, { recipientStateCode: 'KEN' })).letters[0];
    ctx.clock.set('2026-03-09T09:00:00Z');

    const reply = await ctx.get(RepliesService).record(staff.assistant, letter.id, {
      kind: 'json',
      body: { text: 'Our answer', language: 'fr', channel: 'note_verbale', receivedOn: '2026-03-05' },
    });

    expect(recorder.heard).toHaveLength(1);
    expect(recorder.heard[0].letter).toMatchObject({
      id: letter.id,
      reference: letter.reference,
      replyRequestedBy: letter.replyRequestedBy,
      leadMandateId: staff.assistant.mandateIds[0],
      mandateIds: staff.assistant.mandateIds,
    });
    expect(recorder.heard[0].reply).toEqual({
      id: reply.id,
      communicationId: letter.id,
      number: 1,
      receiptCode: expect.stringMatching(/^R-[0-9A-Z]{12}$/),
      receivedOn: '2026-03-05',
      language: 'fr',
      text: 'Our answer',
      confidential: false,
      channel: 'note_verbale',
      correctsNumber: null,
    });
    expect(recorder.heard[0].attachments).toEqual([]);
    // The letter's subscribers ran: the reminders are cancelled.
    expect(await pendingDeadlines(letter.id)).toEqual([]);
  });

  it('names the reply a correction corrects, by its number', async () => {
    const letter = (await buildSentLetter(ctx, staff, { recipientStateCode: 'UGA' })).letters[0];
    const body = { language: 'en', channel: 'email' };
    const first = await ctx
      .get(RepliesService)
      .record(staff.assistant, letter.id, { kind: 'json', body: { ...body, text: 'First' } });
    await ctx.get(RepliesService).record(staff.assistant, letter.id, {
      kind: 'json',
      body: { ...body, text: 'Corrected', correctsReplyId: first.id },
    });
    expect(recorder.heard.map((event) => [event.reply.number, event.reply.correctsNumber])).toEqual([
      [1, null],
      [2, 1],
    ]);
  });

  it("announces a reply submitted on the portal: the receipt and the assistants' e-mail follow", async () => {
    const focalPoint = await buildUser(ctx, { role: Role.Government, stateCode: 'TZA' });
    const letter = (await buildSentLetter(ctx, staff, { recipientStateCode: 'TZA' })).letters[0];

    await ctx.get(PortalRepliesService).submit(focalPoint, letter.id, {
      kind: 'json',
      body: { text: 'Submitted on the portal', language: 'en' },
    });

    expect(recorder.heard.map((event) => event.reply.channel)).toEqual(['portal']);
    expect(await mailKinds(letter.id)).toEqual([
      'approval.version',
      'letter.transmitted',
      'reply.receipt',
      'reply.received',
    ]);
  });

  it('keeps nothing of the reply when a subscriber fails: no row, no number used, reminders still pending', async () => {
    const letter = (await buildSentLetter(ctx, staff, { recipientStateCode: 'RWA' })).letters[0];
    const pending = await pendingDeadlines(letter.id);
    recorder.failWith = new Error('the reply could not be published');

    await expect(
      ctx.get(RepliesService).record(staff.assistant, letter.id, {
        kind: 'json',
        body: { text: 'Lost', language: 'en', channel: 'letter' },
      }),
    ).rejects.toThrow('the reply could not be published');

    expect(await ctx.get(RepliesRepository).findRepliesOf(letter.id)).toEqual([]);
    expect(await pendingDeadlines(letter.id)).toEqual(pending);
    expect(pending).toHaveLength(4);
    recorder.failWith = null;
    const kept = await ctx.get(RepliesService).record(staff.assistant, letter.id, {
      kind: 'json',
      body: { text: 'Kept', language: 'en', channel: 'letter' },
    });
    expect(kept.number).toBe(1);
    expect((await ctx.get(CommunicationsRepository).findById(letter.id))?.status).toBe('sent');
  });
});
