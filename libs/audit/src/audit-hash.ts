import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';

export interface HashedFields {
  seq: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
  prevHash: string | null;
}

/** The hash of an event: SHA-256 over a canonical (key-sorted) JSON of its fields and the previous hash. */
export function auditHash(event: HashedFields): string {
  const canonical = stringify({
    seq: String(event.seq),
    occurredAt: event.occurredAt.toISOString(),
    actorType: event.actorType,
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    before: event.before ?? null,
    after: event.after ?? null,
    prevHash: event.prevHash,
  });
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}
