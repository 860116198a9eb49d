import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@spcomms/database';

/** A fact of the domain, published inside the transaction that made it true. */
export abstract class DomainEvent {}

/** The class of an event: what subscribers subscribe to and what `publish` delivers by. */
export type DomainEventClass<E extends DomainEvent> = abstract new (...args: never[]) => E;

export type DomainEventHandler<E extends DomainEvent> = (event: E) => Promise<void>;

interface Subscription {
  name: string;
  handle: DomainEventHandler<DomainEvent>;
}

/**
 * Delivers the domain's events to their subscribers synchronously, inside the transaction that
 * publishes them: a subscriber writes with the same EntityManager (through TransactionHost), before
 * COMMIT, and one that throws rolls the whole transaction back. Subscribers register per event class
 * when their module starts (`onModuleInit`), in the order the modules start; they run in that order.
 */
@Injectable()
export class DomainEventBus {
  private readonly subscriptions = new Map<DomainEventClass<DomainEvent>, Subscription[]>();

  constructor(private readonly tx: TransactionHost) {}

  /** `name` says who subscribes (e.g. `PublicationSubscriber`), for errors and `subscribersOf`. */
  subscribe<E extends DomainEvent>(type: DomainEventClass<E>, name: string, handle: DomainEventHandler<E>): void {
    const list = this.subscriptions.get(type) ?? [];
    if (list.some((subscription) => subscription.name === name)) {
      throw new Error(`${name} already subscribes to ${type.name}`);
    }
    list.push({ name, handle: handle as DomainEventHandler<DomainEvent> });
    this.subscriptions.set(type, list);
  }

  /** Runs every subscriber of the event's class, one after the other; must run inside a transaction. */
  async publish(event: DomainEvent): Promise<void> {
    if (!this.tx.inTransaction) {
      throw new Error(`${event.constructor.name} must be published inside a transaction (TransactionHost.run)`);
    }
    for (const subscription of this.subscriptions.get(event.constructor as DomainEventClass<DomainEvent>) ?? []) {
      await subscription.handle(event);
    }
  }

  /** The names of the subscribers of an event class, in delivery order. */
  subscribersOf(type: DomainEventClass<DomainEvent>): string[] {
    return (this.subscriptions.get(type) ?? []).map((subscription) => subscription.name);
  }
}
