import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@spcomms/database';
import {
  CosignersInvited,
  DeadlineExtended,
  DomainEvent,
  DomainEventBus,
  DomainEventClass,
  LetterAbandoned,
  LetterEdited,
  LetterSent,
  ReplyRecorded,
} from '@spcomms/domain-events';
import { SchedulesService } from '@spcomms/schedules';
import { TestContext, createTestContext } from '@spcomms/testing';
import { sentLetterFactsFor } from '../test/letter-fixtures';
import { CommunicationsModule } from './communications.module';
import { LetterSchedulesService, cosignerSubject } from './letter-schedules.service';

/** The letter schedules as a subscriber on its own: each event handled directly, rows read back. */
describe('LetterSchedulesService (subscriber)', () => {
  let ctx: TestContext;
  let sut: LetterSchedulesService;
  let schedules: SchedulesService;
  let tx: TransactionHost;

  beforeAll(async () => {
    ctx = await createTestContext({ imports: [CommunicationsModule] });
    sut = ctx.get(LetterSchedulesService);
    schedules = ctx.get(SchedulesService);
    tx = ctx.get(TransactionHost);
  });
  afterAll(() => ctx.close());

  const rowsOf = async (subject: { type: string; id: string }) =>
    (await schedules.listForSubject(subject))
      .map((row) => ({ kind: row.kind, dueAt: row.dueAt, state: row.state }))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const letterRows = (id: string) => rowsOf({ type: 'communication', id });

  it('plans the reminders and the overdue mark of a sent letter, in Geneva time', async () => {
    const letter = sentLetterFactsFor({ replyRequestedBy: '2026-04-20' });
    await tx.run(() => sut.letterSent(new LetterSent(letter, null, [])));
    expect(await letterRows(letter.id)).toEqual([
      { kind: 'letter.reminder.before', dueAt: '2026-04-06T06:00:00.000Z', state: 'pending' },
      { kind: 'letter.reminder.due', dueAt: '2026-04-20T06:00:00.000Z', state: 'pending' },
      { kind: 'letter.overdue', dueAt: '2026-04-20T22:00:00.000Z', state: 'pending' },
      { kind: 'letter.reminder.after', dueAt: '2026-05-20T06:00:00.000Z', state: 'pending' },
    ]);
  });

  it('cancels what is still pending when a reply is recorded', async () => {
    const letter = sentLetterFactsFor({ replyRequestedBy: '2026-04-20' });
    await tx.run(() => sut.letterSent(new LetterSent(letter, null, [])));
    await tx.run(() =>
      sut.replyRecorded(
        new ReplyRecorded(
          letter,
          {
            id: randomUUID(),
            communicationId: letter.id,
            number: 1,
            receiptCode: 'R-TEST',
            receivedOn: '2026-03-10',
            language: 'en',
            text: 'Our answer',
            confidential: false,
            channel: 'portal',
            correctsNumber: null,
          },
          [],
        ),
      ),
    );
    expect((await letterRows(letter.id)).map((row) => row.state)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
  });

  it('moves the reminders with an extended reply date', async () => {
    const letter = sentLetterFactsFor({ replyRequestedBy: '2026-04-20' });
    await tx.run(() => sut.letterSent(new LetterSent(letter, null, [])));
    await tx.run(() =>
      sut.deadlineExtended(
        new DeadlineExtended({ ...letter, replyRequestedBy: '2026-06-01' }, '2026-04-20', 'More time asked'),
      ),
    );
    const pending = (await letterRows(letter.id)).filter((row) => row.state === 'pending');
    expect(pending.map((row) => [row.kind, row.dueAt])).toEqual([
      ['letter.reminder.before', '2026-05-18T06:00:00.000Z'],
      ['letter.reminder.due', '2026-06-01T06:00:00.000Z'],
      ['letter.overdue', '2026-06-01T22:00:00.000Z'],
      ['letter.reminder.after', '2026-07-01T06:00:00.000Z'],
    ]);
  });

  it('plans a sign-on deadline and a half-way reminder per invited co-signer', async () => {
    ctx.clock.set('2026-03-02T09:00:00Z');
    const letter = sentLetterFactsFor();
    const mandateId = randomUUID();
    await tx.run(() =>
      sut.cosignersInvited(new CosignersInvited(letter, [mandateId], new Date('2026-03-04T09:00:00Z'))),
    );
    expect(await rowsOf(cosignerSubject(letter.id, mandateId))).toEqual([
      { kind: 'letter.approval_reminder', dueAt: '2026-03-03T09:00:00.000Z', state: 'pending' },
      { kind: 'letter.sign_on_deadline', dueAt: '2026-03-04T09:00:00.000Z', state: 'pending' },
    ]);
  });

  it('ends the invitations of the co-signers the sending names, in one go, and no others', async () => {
    ctx.clock.set('2026-03-02T09:00:00Z');
    const letter = sentLetterFactsFor();
    const [signed, declined, elsewhere] = [randomUUID(), randomUUID(), randomUUID()];
    const signOnBy = new Date('2026-03-04T09:00:00Z');
    await tx.run(() => sut.cosignersInvited(new CosignersInvited(letter, [signed, declined, elsewhere], signOnBy)));
    await tx.run(() => sut.letterSent(new LetterSent(letter, null, [signed, declined])));
    const states = async (mandateId: string) =>
      (await rowsOf(cosignerSubject(letter.id, mandateId))).map((row) => row.state);
    expect(await states(signed)).toEqual(['cancelled', 'cancelled']);
    expect(await states(declined)).toEqual(['cancelled', 'cancelled']);
    expect(await states(elsewhere)).toEqual(['pending', 'pending']);
  });

  it('subscribes to the facts it follows, and only those', () => {
    const bus = ctx.get(DomainEventBus);
    const subscribes = (type: DomainEventClass<DomainEvent>) =>
      bus.subscribersOf(type).includes(LetterSchedulesService.name);
    expect(
      [LetterSent, ReplyRecorded, DeadlineExtended, CosignersInvited, LetterAbandoned, LetterEdited].map(subscribes),
    ).toEqual([true, true, true, true, true, false]);
  });
});
