import { Injectable } from '@nestjs/common';
import { Clock } from '@spcomms/clock';
import { TransactionHost } from '@spcomms/database';
import { AuditAnchorEntity } from './audit-chain.entity';
import { anchorHash, compareHeads, headsDigest } from './audit-hash';
import { AuditRepository } from './audit.repository';

export interface AnchorResult {
  /** The new anchor's seq, or null when no subject's chain moved since the last one. */
  seq: string | null;
  heads: number;
}

/**
 * Seals the subjects' chains into the global anchor chain: one anchor lists the head of every subject
 * whose chain moved since the anchor before, and is hash-linked to it. The worker runs it every
 * AUDIT_ANCHOR_INTERVAL_MS; an event is thereby sealed within that time of its commit. Appends never
 * wait for an anchor, except those to a subject whose head the anchor is taking (until it commits).
 */
@Injectable()
export class AuditAnchorService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly tx: TransactionHost,
    private readonly clock: Clock,
  ) {}

  anchor(): Promise<AnchorResult> {
    return this.tx.run(async () => {
      const last = await this.repository.lockAnchorHead();
      const heads = (await this.repository.takeUnanchoredHeads()).sort(compareHeads);
      if (heads.length === 0) {
        return { seq: null, heads: 0 };
      }
      const anchor = Object.assign(new AuditAnchorEntity(), {
        seq: String(last ? BigInt(last.seq) + 1n : 1n),
        anchoredAt: this.clock.now(),
        heads: heads.length,
        headsDigest: headsDigest(heads),
        prevHash: last?.hash ?? null,
      });
      anchor.hash = anchorHash(anchor);
      await this.repository.insertAnchor(anchor, heads);
      return { seq: anchor.seq, heads: heads.length };
    });
  }
}
