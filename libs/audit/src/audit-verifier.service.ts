import { Injectable } from '@nestjs/common';
import { anchorHash, auditHash, chainHash, contentDigest, headsDigest } from './audit-hash';
import { AuditRepository } from './audit.repository';

export type AuditVerification =
  | { ok: true; events: number; anchors: number; unanchored: number }
  | { ok: false; events: number; brokenAt: string; reason: string };

type Broken = { brokenAt: string; reason: string };

/**
 * Checks the audit log and names the first thing that does not hold:
 * 1. the global chain of the events written before the subject chains (gapless seq, each linked to
 *    the one before, each hash its content's);
 * 2. each subject's chain (subject seq 1, 2, 3 … without gaps, each linked to the one before, each
 *    hash its content's and place's), and its head row at its last event;
 * 3. the anchor chain (gapless, linked, each hash over the heads it lists) and every anchored head
 *    matched by its subject's event: a chain cut or rewritten up to an anchored event no longer
 *    matches. Events after their subject's last anchor are checked by 2 only (`unanchored`).
 */
@Injectable()
export class AuditVerifierService {
  constructor(private readonly repository: AuditRepository) {}

  async verify(): Promise<AuditVerification> {
    let events = 0;
    const count = () => void events++;
    const broken =
      (await this.verifyGlobalChain(count)) ?? (await this.verifySubjectChains(count)) ?? (await this.verifyHeads());
    if (broken) {
      return { ok: false, events, ...broken };
    }
    const anchors = await this.verifyAnchors();
    if (typeof anchors !== 'number') {
      return { ok: false, events, ...anchors };
    }
    return { ok: true, events, anchors, unanchored: await this.repository.countUnanchored() };
  }

  private async verifyGlobalChain(count: () => void): Promise<Broken | null> {
    let previous: { seq: bigint; hash: string } | null = null;
    for await (const event of this.repository.streamGlobalChain()) {
      count();
      const seq = BigInt(event.seq);
      const expectedSeq: bigint = previous ? previous.seq + 1n : 1n;
      if (seq !== expectedSeq) {
        return { brokenAt: event.seq, reason: `expected event ${expectedSeq}, found ${seq} (an event is missing)` };
      }
      if (event.prevHash !== (previous?.hash ?? null)) {
        return { brokenAt: event.seq, reason: 'its previous-hash does not match the event before it' };
      }
      if (auditHash(event) !== event.hash) {
        return { brokenAt: event.seq, reason: 'its content does not match its hash (the event was altered)' };
      }
      previous = { seq, hash: event.hash };
    }
    return null;
  }

  private async verifySubjectChains(count: () => void): Promise<Broken | null> {
    let previous: { subject: string; subjectSeq: bigint; hash: string } | null = null;
    for await (const event of this.repository.streamSubjectChains()) {
      count();
      const subject = `${event.subjectType} ${event.subjectId}`;
      const before = previous?.subject === subject ? previous : null;
      const subjectSeq = BigInt(event.subjectSeq);
      const expected: bigint = before ? before.subjectSeq + 1n : 1n;
      if (subjectSeq !== expected) {
        return {
          brokenAt: event.seq,
          reason: `expected event ${expected} of ${subject}, found ${subjectSeq} (an event is missing)`,
        };
      }
      if (event.prevHash !== (before?.hash ?? null)) {
        return {
          brokenAt: event.seq,
          reason: `its previous-hash does not match the event before it of ${subject} (an event was moved or replaced)`,
        };
      }
      if (chainHash(event.prevHash, event.subjectSeq, contentDigest(event)) !== event.hash) {
        return { brokenAt: event.seq, reason: 'its content does not match its hash (the event was altered)' };
      }
      previous = { subject, subjectSeq, hash: event.hash };
    }
    return null;
  }

  private async verifyHeads(): Promise<Broken | null> {
    const mismatch = await this.repository.findHeadMismatch();
    if (!mismatch) {
      return null;
    }
    const subject = `${mismatch.subjectType} ${mismatch.subjectId}`;
    return {
      brokenAt: mismatch.eventSeq ?? `${subject}#${mismatch.headSeq}`,
      reason:
        mismatch.headSeq === null
          ? `${subject} has events but no head`
          : `the head of ${subject} is its event ${mismatch.headSeq}, its chain ends at ${mismatch.lastSubjectSeq ?? 'nothing'} (events were removed or added)`,
    };
  }

  /** How many anchors hold, or what broke. */
  private async verifyAnchors(): Promise<Broken | number> {
    let previous: { seq: bigint; hash: string } | null = null;
    let anchors = 0;
    for await (const { anchor, heads } of this.repository.streamAnchors()) {
      anchors++;
      const seq = BigInt(anchor.seq);
      const expectedSeq: bigint = previous ? previous.seq + 1n : 1n;
      const at = `anchor ${anchor.seq}`;
      if (seq !== expectedSeq) {
        return { brokenAt: at, reason: `expected anchor ${expectedSeq}, found ${seq} (an anchor is missing)` };
      }
      if (anchor.prevHash !== (previous?.hash ?? null)) {
        return { brokenAt: at, reason: 'its previous-hash does not match the anchor before it' };
      }
      if (
        heads.length !== anchor.heads ||
        headsDigest(heads) !== anchor.headsDigest ||
        anchorHash(anchor) !== anchor.hash
      ) {
        return { brokenAt: at, reason: 'its heads or content do not match its hash (the anchor was altered)' };
      }
      previous = { seq, hash: anchor.hash };
    }
    const unmatched = await this.repository.findAnchoredHeadMismatch();
    if (unmatched) {
      return {
        brokenAt: `anchor ${unmatched.anchorSeq}`,
        reason: `it sealed event ${unmatched.seq} of ${unmatched.subjectType} ${unmatched.subjectId}, which that chain no longer holds as sealed (the chain was cut or rewritten)`,
      };
    }
    return anchors;
  }
}
