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

/** What an event of a subject chain says, without its place in the chain. */
export type ContentFields = Omit<HashedFields, 'seq' | 'prevHash'>;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** An event's content as hashed: the keys are sorted when stringified, so their order here is free. */
const canonicalContent = (event: ContentFields) => ({
  occurredAt: event.occurredAt.toISOString(),
  actorType: event.actorType,
  actorId: event.actorId,
  actorLabel: event.actorLabel,
  action: event.action,
  subjectType: event.subjectType,
  subjectId: event.subjectId,
  before: event.before ?? null,
  after: event.after ?? null,
});

/** The hash of an event: SHA-256 over a canonical (key-sorted) JSON of its fields and the previous hash. */
export function auditHash(event: HashedFields): string {
  return sha256(stringify({ seq: String(event.seq), ...canonicalContent(event), prevHash: event.prevHash }) ?? '');
}

/** The digest of an event's content: SHA-256 over a canonical (key-sorted) JSON of its fields. */
export function contentDigest(event: ContentFields): string {
  return sha256(stringify(canonicalContent(event)) ?? '');
}

/**
 * The hash of an event of a subject chain: SHA-256 of `<previous hash>:<subject seq>:<content digest>`
 * (the previous hash empty for the first event). AuditRepository.append computes the same in SQL, in
 * the statement that takes the subject's head.
 */
export function chainHash(prevHash: string | null, subjectSeq: string, content: string): string {
  return sha256(`${prevHash ?? ''}:${String(subjectSeq)}:${content}`);
}

export interface AnchoredHead {
  subjectType: string;
  subjectId: string;
  seq: string;
  hash: string;
}

/** Orders heads by the bytes of their subject (PostgreSQL's COLLATE "C"), as the digest lists them. */
export function compareHeads(a: AnchoredHead, b: AnchoredHead): number {
  return (
    Buffer.compare(Buffer.from(a.subjectType), Buffer.from(b.subjectType)) ||
    Buffer.compare(Buffer.from(a.subjectId), Buffer.from(b.subjectId))
  );
}

/** The digest of the heads an anchor seals, given in compareHeads order. */
export function headsDigest(heads: AnchoredHead[]): string {
  return sha256(heads.map((head) => `${head.subjectType}\t${head.subjectId}\t${head.seq}\t${head.hash}\n`).join(''));
}

/** The hash of an anchor: SHA-256 of `<previous anchor hash>:<seq>:<time>:<heads>:<heads digest>`. */
export function anchorHash(anchor: {
  seq: string;
  anchoredAt: Date;
  heads: number;
  headsDigest: string;
  prevHash: string | null;
}): string {
  return sha256(
    `${anchor.prevHash ?? ''}:${String(anchor.seq)}:${anchor.anchoredAt.toISOString()}:${anchor.heads}:${anchor.headsDigest}`,
  );
}
