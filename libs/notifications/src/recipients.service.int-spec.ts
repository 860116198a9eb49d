import { randomBytes } from 'node:crypto';
import { Role } from '@spcomms/access';
import { AccountsRepository, UserEntity } from '@spcomms/accounts';
import { TransactionHost } from '@spcomms/database';
import { ReferenceRepository } from '@spcomms/reference';
import { TestContext, createTestContext } from '@spcomms/testing';
import { MailTemplate } from './mail-templates';
import { NotificationsModule } from './notifications.module';
import { NotificationsRepository } from './notifications.repository';
import { RecipientsService } from './recipients.service';

/** Who is told, against the real accounts. */
describe('RecipientsService', () => {
  let ctx: TestContext;
  let sut: RecipientsService;
  let tx: TransactionHost;
  const mandates = new Map<string, string>();

  beforeAll(async () => {
    ctx = await createTestContext({ imports: [NotificationsModule] });
    sut = ctx.get(RecipientsService);
    tx = ctx.get(TransactionHost);
    for (const code of ['HOUSING', 'WGAD', 'CHILDREN', 'CULTURE']) {
      mandates.set(code, (await ctx.get(ReferenceRepository).findMandateByCode(code))!.id);
    }
  });
  afterAll(() => ctx.close());

  const user = (role: Role, extra: { mandates?: string[]; stateCode?: string; disabled?: boolean } = {}) =>
    tx.run(async () => {
      const accounts = ctx.get(AccountsRepository);
      const username = `${role}-${randomBytes(4).toString('hex')}`;
      const saved = await accounts.saveUser(
        Object.assign(new UserEntity(), {
          username,
          displayName: username,
          email: `${username}@test.local`,
          role,
          stateCode: role === Role.Government ? extra.stateCode : null,
          language: 'en',
          passwordHash: '!',
          disabledAt: extra.disabled ? ctx.clock.now() : null,
        }),
      );
      await accounts.replaceUserMandates(
        saved.id,
        (extra.mandates ?? []).map((code) => mandates.get(code) as string),
      );
      return saved.id;
    });
  const ids = (users: UserEntity[]) => users.map((u) => u.id).sort();

  it('names the active government users of each State as its focal points', async () => {
    const ken = await user(Role.Government, { stateCode: 'KEN' });
    await user(Role.Government, { stateCode: 'KEN', disabled: true });
    const uga = await user(Role.Government, { stateCode: 'UGA' });
    await user(Role.Assistant, { mandates: ['HOUSING'] });

    const byState = await sut.focalPointsOf(['KEN', 'UGA', 'TZA']);

    expect(ids(byState.get('KEN')!)).toEqual([ken]);
    expect(ids(byState.get('UGA')!)).toEqual([uga]);
    expect(byState.get('TZA')).toEqual([]);
  });

  it("reads a State's focal points once in a transaction, and afresh in the next one", async () => {
    const first = await user(Role.Government, { stateCode: 'MWI' });
    const accounts = ctx.get(AccountsRepository);
    const read = jest.spyOn(accounts, 'findActiveGovernmentUsers');
    try {
      const [once, twice] = await tx.run(async () => {
        const a = await sut.focalPointsOf(['MWI']);
        a.get('MWI')!.length = 0; // a caller's change to its answer stays its own
        return [a, await sut.focalPointsOf(['MWI', 'BDI'])];
      });
      expect(once.get('MWI')).toEqual([]);
      expect(ids(twice.get('MWI')!)).toEqual([first]);
      expect(twice.get('BDI')).toEqual([]);
      expect(read.mock.calls.map(([codes]) => codes)).toEqual([['MWI'], ['BDI']]);

      const second = await user(Role.Government, { stateCode: 'MWI' });
      expect(ids((await tx.run(() => sut.focalPointsOf(['MWI']))).get('MWI')!)).toEqual([first, second].sort());
    } finally {
      read.mockRestore();
    }
  });

  it('answers a call made while the read of the same States runs with its rows, without reading again', async () => {
    const focal = await user(Role.Government, { stateCode: 'ZMB' });
    const accounts = ctx.get(AccountsRepository);
    const read = jest.spyOn(accounts, 'findActiveGovernmentUsers');
    try {
      const [first, second] = await tx.run(() =>
        Promise.all([sut.focalPointsOf(['ZMB', 'ZWE']), sut.focalPointsOf(['ZWE', 'ZMB'])]),
      );
      expect(ids(first.get('ZMB')!)).toEqual([focal]);
      expect(ids(second.get('ZMB')!)).toEqual([focal]);
      expect(second.get('ZWE')).toEqual([]);
      expect(read).toHaveBeenCalledTimes(1);
    } finally {
      read.mockRestore();
    }
  });

  it("names the lead mandate's assistants for a letter, and the other mandates' when the lead has none", async () => {
    const lead = await user(Role.Assistant, { mandates: ['WGAD'] });
    const cosigner = await user(Role.Assistant, { mandates: ['CHILDREN'] });
    await user(Role.MandateHolder, { mandates: ['WGAD'] });
    await user(Role.Assistant, { mandates: ['WGAD'], disabled: true });

    const wgad = mandates.get('WGAD')!;
    const children = mandates.get('CHILDREN')!;
    const culture = mandates.get('CULTURE')!;
    expect(ids(await sut.assistantsOf({ leadMandateId: wgad, mandateIds: [wgad, children] }))).toEqual([lead]);
    expect(ids(await sut.assistantsOf({ leadMandateId: culture, mandateIds: [culture, children] }))).toEqual([
      cosigner,
    ]);
    expect(await sut.assistantsOf({ leadMandateId: culture, mandateIds: [culture] })).toEqual([]);
  });

  it("names a mandate's holders, not its assistants", async () => {
    const holder = await user(Role.MandateHolder, { mandates: ['CULTURE'] });
    await user(Role.Assistant, { mandates: ['CULTURE'] });
    expect(ids(await sut.holdersOf(mandates.get('CULTURE')!))).toEqual([holder]);
  });

  it('queues one message per person told, once, with parameters per person', async () => {
    const first = await user(Role.Government, { stateCode: 'RWA' });
    const second = await user(Role.Government, { stateCode: 'RWA' });
    const told = (await sut.focalPointsOf(['RWA'])).get('RWA')!;
    const mail = {
      kind: 'visit.requested',
      subject: { type: 'visit', id: '00000000-0000-4000-8000-0000000000aa' },
      template: MailTemplate.VisitRequested,
      params: { mandate: 'Housing', requestedOn: '2026-03-02', state: '', link: 'http://localhost:3000/x' },
    };
    const paramsFor = (u: UserEntity) => ({ ...mail.params, state: `State for ${u.id}` });

    expect(await tx.run(() => sut.tell(told, mail, paramsFor))).toBe(2);
    expect(await tx.run(() => sut.tell(told, mail, paramsFor))).toBe(0);
    expect(await tx.run(() => sut.tell([], mail))).toBe(0);

    const rows = await ctx.get(NotificationsRepository).findForSubject('visit', mail.subject.id);
    expect(rows.map((row) => [row.recipientUserId, row.params.state]).sort()).toEqual(
      [
        [first, `State for ${first}`],
        [second, `State for ${second}`],
      ].sort(),
    );
  });
});
