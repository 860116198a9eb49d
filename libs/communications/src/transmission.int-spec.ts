import { Client } from 'pg';
import { Role } from '@spcomms/access';
import { DomainEventBus, LetterSent } from '@spcomms/domain-events';
import { NotificationsRepository } from '@spcomms/notifications';
import { SchedulesService } from '@spcomms/schedules';
import { TestContext, createTestContext } from '@spcomms/testing';
import { MandateStaff, buildApprovedDraft, buildMandateStaff, buildUser } from '../test/letter-fixtures';
import { CommunicationsModule } from './communications.module';
import { CommunicationsRepository } from './communications.repository';
import { TransmissionService } from './transmission.service';
import { RecordingSubscriber } from '../../domain-events/test/recording-subscriber';

/**
 * Sending below HTTP: the real services and the letter's own subscribers (schedules, e-mails) against
 * the real database; publication is not in the module, a recording subscriber stands in for it.
 */
describe('TransmissionService', () => {
  let ctx: TestContext;
  let sut: TransmissionService;
  let staff: MandateStaff;
  let recorder: RecordingSubscriber<LetterSent>;

  beforeAll(async () => {
    ctx = await createTestContext({ imports: [CommunicationsModule] });
    sut = ctx.get(TransmissionService);
    staff = await buildMandateStaff(ctx, 'EXPRESSION');
    recorder = new RecordingSubscriber(ctx.get(DomainEventBus), LetterSent);
  });
  afterAll(() => ctx.close());
  beforeEach(() => {
    recorder.reset();
    ctx.clock.set('2026-03-02T09:00:00Z');
  });

  it('numbers the letter and publishes LetterSent with the facts its subscribers need', async () => {
    const focalPoint = await buildUser(ctx, { role: Role.Government, stateCode: 'KEN' });
    const id = await buildApprovedDraft(ctx, staff, { recipientStateCode: 'KEN' });

    const sent = await sut.transmit(staff.assistant, id);

    expect(sent.letters).toEqual([expect.objectContaining({ id, reference: 'UA KEN 1/2026', sentOn: '2026-03-02' })]);
    expect(sent.unreachableRecipients).toEqual([]);
    expect(recorder.heard).toHaveLength(1);
    expect(recorder.heard[0].groupId).toBeNull();
    expect(recorder.heard[0].letter).toEqual({
      id,
      type: 'UA',
      reference: 'UA KEN 1/2026',
      subject: 'Imminent execution of a journalist',
      recipientCode: 'KEN',
      otherRecipientId: null,
      leadMandateId: staff.assistant.mandateIds[0],
      mandateIds: [staff.assistant.mandateIds[0]],
      currentVersion: 1,
      sentOn: '2026-03-02',
      replyRequestedBy: sent.letters[0].replyRequestedBy,
      publicFrom: sent.letters[0].publicFrom,
    });
    // The letter's own subscribers ran in the same transaction: its reminders and the State's e-mail.
    const kinds = (await ctx.get(SchedulesService).listForSubject({ type: 'communication', id })).map((s) => s.kind);
    expect(kinds.sort()).toEqual([
      'letter.overdue',
      'letter.reminder.after',
      'letter.reminder.before',
      'letter.reminder.due',
    ]);
    const mails = await ctx.get(NotificationsRepository).findForSubject('communication', id);
    expect(mails.filter((m) => m.kind === 'letter.transmitted').map((m) => m.recipientUserId)).toEqual([
      focalPoint.userId,
    ]);
  });

  it('publishes one LetterSent per State of a group letter, with the group id', async () => {
    const id = await buildApprovedDraft(ctx, staff, { recipientStateCode: 'UGA', coRecipientStateCodes: ['TZA'] });

    const sent = await sut.transmit(staff.assistant, id);

    expect(recorder.heard.map((event) => [event.letter.recipientCode, event.groupId])).toEqual([
      ['UGA', id],
      ['TZA', id],
    ]);
    expect(recorder.heard.map((event) => event.letter.id)).toEqual(sent.letters.map((letter) => letter.id));
    // Nobody speaks for these States here: both are reported unreachable.
    expect(sent.unreachableRecipients.map((r) => r.recipientCode)).toEqual(['UGA', 'TZA']);
  });

  it("waits for one answer under the counter's lock: the e-mail, the deadlines and the audit event leave with the COMMIT", async () => {
    const focalPoint = await buildUser(ctx, { role: Role.Government, stateCode: 'GHA' });
    const id = await buildApprovedDraft(ctx, staff, { recipientStateCode: 'GHA' });
    // What each connection sends and when its answer comes, in order: the statements by their target.
    const wire: string[] = [];
    const labelOf = (text: string) =>
      /reference_counter/.test(text)
        ? 'number'
        : /^\s*COMMIT/.test(text)
          ? 'COMMIT'
          : (/^\s*(INSERT INTO \w+|WITH input|SELECT|UPDATE \w+|START TRANSACTION)/.exec(text)?.[1] ?? 'other');
    const query = Client.prototype.query;
    const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
      const first = args[0] as string | { text: string };
      const label = labelOf(typeof first === 'string' ? first : first.text);
      wire.push(`send ${label}`);
      const answer = (query as (...given: unknown[]) => Promise<unknown>).apply(this, args);
      void answer.then(
        () => wire.push(`answer ${label}`),
        () => wire.push(`answer ${label}`),
      );
      return answer;
    });
    try {
      await sut.transmit(staff.assistant, id);
    } finally {
      spy.mockRestore();
    }
    const locked = wire.slice(wire.indexOf('answer number') + 1);
    const sentWithCommit = locked.slice(0, locked.indexOf('send COMMIT') + 1);
    expect(sentWithCommit.sort()).toEqual(
      ['send COMMIT', 'send INSERT INTO outbox_message', 'send INSERT INTO schedule', 'send WITH input'].sort(),
    );
    const mails = await ctx.get(NotificationsRepository).findForSubject('communication', id);
    expect(mails.filter((mail) => mail.kind === 'letter.transmitted').map((mail) => mail.recipientUserId)).toEqual([
      focalPoint.user.id,
    ]);
  });

  it('rolls the whole sending back when a subscriber fails: still a draft, no number used, nothing planned', async () => {
    await buildUser(ctx, { role: Role.Government, stateCode: 'NGA' });
    const id = await buildApprovedDraft(ctx, staff, { recipientStateCode: 'NGA' });
    recorder.failWith = new Error('the publication could not be planned');

    await expect(sut.transmit(staff.assistant, id)).rejects.toThrow('the publication could not be planned');

    const letter = await ctx.get(CommunicationsRepository).findById(id);
    expect(letter).toMatchObject({ status: 'draft', reference: null, sentOn: null });
    expect(await ctx.get(SchedulesService).listForSubject({ type: 'communication', id })).toEqual([]);
    const transmitted = async () =>
      (await ctx.get(NotificationsRepository).findForSubject('communication', id)).filter(
        (mail) => mail.kind === 'letter.transmitted',
      );
    expect(await transmitted()).toEqual([]);
    recorder.failWith = null;
    const sent = await sut.transmit(staff.assistant, id);
    expect(sent.letters[0].reference).toBe('UA NGA 1/2026');
    expect(await transmitted()).toHaveLength(1);
  });
});
