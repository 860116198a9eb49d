import { TransactionHost } from '@spcomms/database';
import { TestContext, createTestContext } from '@spcomms/testing';
import { DomainEvent, DomainEventBus } from './domain-event-bus';
import { DomainEventsModule } from './domain-events.module';

class Recorded extends DomainEvent {
  constructor(readonly id: string) {
    super();
  }
}

/** The bus against the real database: subscribers write in the publisher's transaction, or nothing is kept. */
describe('DomainEventBus in a transaction', () => {
  let ctx: TestContext;
  let sut: DomainEventBus;
  let tx: TransactionHost;
  let fail = false;

  const insert = (id: string, what: string) =>
    tx.manager.query('INSERT INTO event_probe (id, what) VALUES ($1, $2)', [id, what]);
  const rows = async (id: string) =>
    (
      (await ctx.dataSource.query('SELECT what FROM event_probe WHERE id = $1 ORDER BY seq', [id])) as Array<{
        what: string;
      }>
    ).map((row) => row.what);

  beforeAll(async () => {
    ctx = await createTestContext({ imports: [DomainEventsModule] });
    sut = ctx.get(DomainEventBus);
    tx = ctx.get(TransactionHost);
    await ctx.dataSource.query(
      'CREATE TABLE event_probe (seq serial PRIMARY KEY, id text NOT NULL, what text NOT NULL)',
    );
    sut.subscribe(Recorded, 'Follower', async (event) => {
      // The subscriber sees the publisher's uncommitted row: it runs in the same transaction.
      const seen: unknown[] = await tx.manager.query(`SELECT 1 FROM event_probe WHERE id = $1 AND what = 'published'`, [
        event.id,
      ]);
      await insert(event.id, `followed, saw ${seen.length}`);
    });
    sut.subscribe(Recorded, 'Failing', async () => {
      if (fail) {
        throw new Error('the subscriber failed');
      }
    });
  });
  afterAll(() => ctx.close());

  const publishOne = (id: string) =>
    tx.run(async () => {
      await insert(id, 'published');
      await sut.publish(new Recorded(id));
    });

  it('runs the subscribers inside the publishing transaction, before it commits', async () => {
    fail = false;
    await publishOne('kept');
    expect(await rows('kept')).toEqual(['published', 'followed, saw 1']);
  });

  it('rolls back the publisher and every subscriber when one subscriber fails', async () => {
    fail = true;
    await expect(publishOne('rolled-back')).rejects.toThrow('the subscriber failed');
    expect(await rows('rolled-back')).toEqual([]);
  });
});
