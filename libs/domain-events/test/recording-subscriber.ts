import { DomainEvent, DomainEventBus, DomainEventClass } from '../src/domain-event-bus';

/** A subscriber for tests: keeps every event of one class it hears, and throws when told to. */
export class RecordingSubscriber<E extends DomainEvent> {
  readonly heard: E[] = [];
  /** When set, the subscriber throws it, as a failing subscriber would (the transaction rolls back). */
  failWith: Error | null = null;

  constructor(bus: DomainEventBus, type: DomainEventClass<E>) {
    bus.subscribe(type, 'RecordingSubscriber', async (event) => {
      if (this.failWith) {
        throw this.failWith;
      }
      this.heard.push(event);
    });
  }

  /** Forgets what was heard and stops failing (for a beforeEach). */
  reset(): void {
    this.heard.length = 0;
    this.failWith = null;
  }
}
