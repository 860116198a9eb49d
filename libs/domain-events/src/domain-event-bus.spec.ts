import { TransactionHost } from '@spcomms/database';
import { DomainEvent, DomainEventBus } from './domain-event-bus';

class Happened extends DomainEvent {
  constructor(readonly what: string) {
    super();
  }
}

class OtherHappened extends DomainEvent {}

describe('DomainEventBus', () => {
  let inTransaction: boolean;
  let sut: DomainEventBus;

  beforeEach(() => {
    inTransaction = true;
    sut = new DomainEventBus({
      get inTransaction() {
        return inTransaction;
      },
    } as TransactionHost);
  });

  it('delivers an event to the subscribers of its class only, in the order they subscribed', async () => {
    const heard: string[] = [];
    sut.subscribe(Happened, 'First', async (event) => void heard.push(`first ${event.what}`));
    sut.subscribe(Happened, 'Second', async (event) => void heard.push(`second ${event.what}`));
    sut.subscribe(OtherHappened, 'Other', async () => void heard.push('other'));

    await sut.publish(new Happened('sent'));

    expect(heard).toEqual(['first sent', 'second sent']);
    expect(sut.subscribersOf(Happened)).toEqual(['First', 'Second']);
  });

  it('runs subscribers one after the other, each awaited, and stops at the first that fails', async () => {
    const heard: string[] = [];
    sut.subscribe(Happened, 'Slow', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      heard.push('slow');
    });
    sut.subscribe(Happened, 'Failing', async () => {
      throw new Error('refused');
    });
    sut.subscribe(Happened, 'Never', async () => void heard.push('never'));

    await expect(sut.publish(new Happened('x'))).rejects.toThrow('refused');
    expect(heard).toEqual(['slow']);
  });

  it('refuses to publish outside a transaction', async () => {
    inTransaction = false;
    sut.subscribe(Happened, 'Any', async () => undefined);
    await expect(sut.publish(new Happened('x'))).rejects.toThrow(/inside a transaction/);
  });

  it('refuses the same subscriber twice for one event', () => {
    sut.subscribe(Happened, 'Twice', async () => undefined);
    expect(() => sut.subscribe(Happened, 'Twice', async () => undefined)).toThrow(/already subscribes/);
  });

  it('publishes an event without subscribers as nothing', async () => {
    await expect(sut.publish(new OtherHappened())).resolves.toBeUndefined();
  });
});
