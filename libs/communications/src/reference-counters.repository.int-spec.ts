import { TransactionHost } from '@spcomms/database';
import { ReferenceRepository } from '@spcomms/reference';
import { TestContext, createTestContext } from '@spcomms/testing';
import { CommunicationEntity } from './communication.entity';
import { CommunicationsRepository } from './communications.repository';
import { LetterSending, ReferenceCountersRepository } from './reference-counters.repository';
import { formatReference } from './reference-number';

describe('ReferenceCountersRepository', () => {
  let ctx: TestContext;
  let sut: ReferenceCountersRepository;
  let letters: CommunicationsRepository;
  let tx: TransactionHost;
  let leadMandateId: string;

  beforeAll(async () => {
    ctx = await createTestContext({
      providers: [CommunicationsRepository, ReferenceCountersRepository, ReferenceRepository],
    });
    sut = ctx.get(ReferenceCountersRepository);
    letters = ctx.get(CommunicationsRepository);
    tx = ctx.get(TransactionHost);
    leadMandateId = (await ctx.get(ReferenceRepository).findMandateByCode('TORTURE'))!.id;
  });
  afterAll(() => ctx.close());

  /** A draft to `code`, then sent in `year` under the next number of its counter. */
  const send = (code: string, year: number, then?: () => Promise<void>) =>
    tx.run(async () => {
      const now = new Date(`${year}-03-02T09:00:00Z`);
      const draft = await letters.insert(
        Object.assign(new CommunicationEntity(), {
          type: 'AL',
          status: 'draft',
          leadMandateId,
          recipientCode: code,
          language: 'en',
          subject: 'Counter',
          createdAt: now,
          updatedAt: now,
        }),
      );
      const sending: LetterSending = {
        type: 'AL',
        code,
        year,
        groupId: null,
        sentAt: now,
        sentOn: `${year}-03-02`,
        replyRequestedBy: `${year}-05-01`,
        publicFrom: `${year}-05-01`,
        unreachable: false,
      };
      const { number, reference } = await sut.sendUnderNextNumber(draft.id, sending);
      await then?.();
      const sent = (await letters.findById(draft.id))!;
      expect(reference).toBe(formatReference('AL', code, number, year));
      expect([sent.status, sent.reference, sent.refNumber, sent.revision]).toEqual([
        'sent',
        reference,
        number,
        draft.revision + 1,
      ]);
      return number;
    });

  it('gives a number back when the sending transaction rolls back, so there is no hole', async () => {
    expect(await send('KEN', 2026)).toBe(1);
    await expect(
      send('KEN', 2026, async () => {
        throw new Error('the audit append failed');
      }),
    ).rejects.toThrow('the audit append failed');
    expect(await send('KEN', 2026)).toBe(2);
  });

  it('keeps separate counters per code and year', async () => {
    expect(await send('KEN', 2027)).toBe(1);
    expect(await send('UGA', 2026)).toBe(1);
  });

  it('raises a counter past imported numbers, never lowers it', async () => {
    await tx.run(() => sut.raiseReferenceCounter('TZA', 2019, 41));
    await tx.run(() => sut.raiseReferenceCounter('TZA', 2019, 7));
    expect(await send('TZA', 2019)).toBe(42);
  });

  it('refuses to number a letter that is not there, and takes no number', async () => {
    await expect(
      tx.run(() =>
        sut.sendUnderNextNumber('00000000-0000-4000-8000-000000000000', {
          type: 'AL',
          code: 'RWA',
          year: 2026,
          groupId: null,
          sentAt: new Date(),
          sentOn: '2026-03-02',
          replyRequestedBy: '2026-05-01',
          publicFrom: '2026-05-01',
          unreachable: false,
        }),
      ),
    ).rejects.toThrow('was not found');
    expect(await send('RWA', 2026)).toBe(1);
  });
});
