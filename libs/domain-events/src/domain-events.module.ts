import { Module } from '@nestjs/common';
import { DomainEventBus } from './domain-event-bus';

/** The one bus of the application: every module that imports this shares it (Nest modules are singletons). */
@Module({ providers: [DomainEventBus], exports: [DomainEventBus] })
export class DomainEventsModule {}
