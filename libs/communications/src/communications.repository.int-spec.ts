import { TransactionHost } from '@spcomms/database';
import { TestContext, createTestContext } from '@spcomms/testing';
import { CommunicationsRepository } from './communications.repository';

describe('CommunicationsRepository reference counters', () => {
  let ctx: TestContext;
  let sut: CommunicationsRepository;
  let tx: TransactionHost;

  beforeAll(async () => {
    ctx = await createTestContext({ providers: [CommunicationsRepository] });
    sut = ctx.get(CommunicationsRepository);
    tx = ctx.get(TransactionHost);
  });
  afterAll(() => ctx.close());

  it('gives a number back when the sending transaction rolls back, so there is no hole', async () => {
    expect(await tx.run(() => sut.nextReferenceNumber('KEN', 2026))).toBe(1);
    await expect(
      tx.run(async () => {
        expect(await sut.nextReferenceNumber('KEN', 2026)).toBe(2);
        throw new Error('the audit append failed');
      }),
    ).rejects.toThrow('the audit append failed');
    expect(await tx.run(() => sut.nextReferenceNumber('KEN', 2026))).toBe(2);
  });

  it('keeps separate counters per code and year', async () => {
    expect(await tx.run(() => sut.nextReferenceNumber('KEN', 2027))).toBe(1);
    expect(await tx.run(() => sut.nextReferenceNumber('UGA', 2026))).toBe(1);
  });

  it('raises a counter past imported numbers, never lowers it', async () => {
    await tx.run(() => sut.raiseReferenceCounter('TZA', 2019, 41));
    await tx.run(() => sut.raiseReferenceCounter('TZA', 2019, 7));
    expect(await tx.run(() => sut.nextReferenceNumber('TZA', 2019))).toBe(42);
  });
});
