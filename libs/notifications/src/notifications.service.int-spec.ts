import { randomBytes, randomUUID } from 'node:crypto';
import { Role } from '@spcomms/access';
import { AccountsRepository, UserEntity } from '@spcomms/accounts';
import { TransactionHost } from '@spcomms/database';
import { ReferenceRepository } from '@spcomms/reference';
import { TestContext, createTestContext } from '@spcomms/testing';
import { MailRelay } from './mail-relay.service';
import { MailTemplate } from './mail-templates';
import { NotificationsModule } from './notifications.module';
import { NotificationsRepository } from './notifications.repository';
import { EnqueueMail, NotificationsService } from './notifications.service';
import { RecipientsService } from './recipients.service';

/** Messages written with the COMMIT, and recipients handed over as read, against the real database. */
describe('NotificationsService', () => {
  let ctx: TestContext;
  let sut: NotificationsService;
  let tx: TransactionHost;
  let accounts: AccountsRepository;

  beforeAll(async () => {
    ctx = await createTestContext({ imports: [NotificationsModule] });
    sut = ctx.get(NotificationsService);
    tx = ctx.get(TransactionHost);
    accounts = ctx.get(AccountsRepository);
    // Focal points of this State read their e-mails in French, whatever their own language.
    await ctx.get(ReferenceRepository).setStateMailLanguage('SEN', 'fr');
  });
  afterAll(() => ctx.close());

  const focalPoint = (disabled = false) =>
    tx.run(async () => {
      const username = `gov-${randomBytes(4).toString('hex')}`;
      return accounts.saveUser(
        Object.assign(new UserEntity(), {
          username,
          displayName: username,
          email: `${username}@test.local`,
          role: Role.Government,
          stateCode: 'SEN',
          language: 'en',
          passwordHash: '!',
          disabledAt: disabled ? ctx.clock.now() : null,
        }),
      );
    });
  const mailTo = (to: EnqueueMail['to'], subjectId = randomUUID()): EnqueueMail => ({
    kind: 'visit.requested',
    subject: { type: 'visit', id: subjectId },
    to,
    template: MailTemplate.VisitRequested,
    params: { mandate: 'Housing', requestedOn: '2026-03-02', state: 'Senegal', link: 'http://localhost:3000/x' },
  });
  const messagesOf = (subjectId: string) => ctx.get(NotificationsRepository).findForSubject('visit', subjectId);

  it('writes the messages of enqueueAtCommit with the COMMIT, relays them once committed, and none on a rollback', async () => {
    const user = await focalPoint();
    const relay = jest.spyOn(ctx.get(MailRelay), 'relay');
    try {
      const subjectId = randomUUID();
      const queued = await tx.run(async () => {
        const count = await sut.enqueueAtCommit([mailTo({ userId: user.id }, subjectId)]);
        // Not written yet: the transaction's own reads do not see it.
        expect(await messagesOf(subjectId)).toEqual([]);
        expect(relay).not.toHaveBeenCalled();
        return count;
      });
      expect(queued).toBe(1);
      const [written] = await messagesOf(subjectId);
      expect(written).toMatchObject({ recipientUserId: user.id, recipientAddress: user.email, language: 'fr' });
      expect(relay.mock.calls.map(([rows]) => rows.map((row) => row.id))).toEqual([[written.id]]);

      const rolledBack = randomUUID();
      await expect(
        tx.run(async () => {
          await sut.enqueueAtCommit([mailTo({ userId: user.id }, rolledBack)]);
          throw new Error('the sending failed');
        }),
      ).rejects.toThrow('the sending failed');
      expect(await messagesOf(rolledBack)).toEqual([]);
      expect(relay).toHaveBeenCalledTimes(1);
    } finally {
      relay.mockRestore();
    }
  });

  it('takes a focal point as read with its State without reading it again; one without its State, or disabled, is read or skipped', async () => {
    const [active, disabled] = [await focalPoint(), await focalPoint(true)];
    const read = jest.spyOn(accounts, 'findUsersWithState');
    try {
      const subjectId = randomUUID();
      const [asRead] = (await tx.run(() => ctx.get(RecipientsService).focalPointsOf(['SEN'])))
        .get('SEN')!
        .filter((user) => user.id === active.id);
      expect(asRead.state?.code).toBe('SEN');
      await tx.run(() => sut.enqueueAtCommit([mailTo({ user: asRead }, subjectId)]));
      expect(read.mock.calls).toEqual([[[]]]);

      // The entity as saved has no State loaded: its language would be the person's, so it is read.
      const withoutState = await accounts.findUser(active.id);
      expect(withoutState?.state).toBeUndefined();
      const second = randomUUID();
      await tx.run(() => sut.enqueueAtCommit([mailTo({ user: withoutState! }, second)]));
      expect(read.mock.calls[1]).toEqual([[active.id]]);
      const disabledCount = await tx.run(() => sut.enqueueAtCommit([mailTo({ user: disabled }, second)]));

      expect(disabledCount).toBe(0);
      expect((await messagesOf(subjectId)).map((message) => message.language)).toEqual(['fr']);
      expect((await messagesOf(second)).map((message) => [message.recipientUserId, message.language])).toEqual([
        [active.id, 'fr'],
      ]);
    } finally {
      read.mockRestore();
    }
  });
});
