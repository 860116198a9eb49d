import { DomainEvent } from './domain-event-bus';

/** What subscribers know of a visit request. */
export interface VisitFacts {
  id: string;
  mandateId: string;
  stateCode: string;
  requestedOn: string;
}

/** A mandate asked a State for a visit (V1). */
export class VisitRequested extends DomainEvent {
  constructor(readonly visit: VisitFacts) {
    super();
  }
}
