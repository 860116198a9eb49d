import { Injectable } from '@nestjs/common';
import { auditHash } from './audit-hash';
import { AuditRepository } from './audit.repository';

export type AuditVerification =
  { ok: true; events: number } | { ok: false; events: number; brokenAt: string; reason: string };

/** Walks the audit chain from the first event and names the first one that does not hold. */
@Injectable()
export class AuditVerifierService {
  constructor(private readonly repository: AuditRepository) {}

  async verify(): Promise<AuditVerification> {
    let previous: { seq: bigint; hash: string } | null = null;
    let events = 0;
    for await (const event of this.repository.streamInOrder()) {
      events++;
      const seq: bigint = BigInt(event.seq);
      const expectedSeq: bigint = previous ? previous.seq + 1n : 1n;
      if (seq !== expectedSeq) {
        return {
          ok: false,
          events,
          brokenAt: event.seq,
          reason: `expected event ${expectedSeq}, found ${seq} (an event is missing)`,
        };
      }
      if (event.prevHash !== (previous?.hash ?? null)) {
        return {
          ok: false,
          events,
          brokenAt: event.seq,
          reason: 'its previous-hash does not match the event before it',
        };
      }
      if (auditHash(event) !== event.hash) {
        return {
          ok: false,
          events,
          brokenAt: event.seq,
          reason: 'its content does not match its hash (the event was altered)',
        };
      }
      previous = { seq, hash: event.hash };
    }
    return { ok: true, events };
  }
}
