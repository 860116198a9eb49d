import { Injectable } from '@nestjs/common';
import { AnchorResult, AuditAnchorService } from '@spcomms/audit';
import { JobHandler, JobName } from '@spcomms/queue';

/** Seals the subjects' audit chains that moved into the anchor chain (AUDIT_ANCHOR_INTERVAL_MS). */
@Injectable()
export class AuditAnchorProcessor implements JobHandler<JobName.AuditAnchor> {
  readonly jobName = JobName.AuditAnchor;

  constructor(private readonly anchors: AuditAnchorService) {}

  handle(): Promise<AnchorResult> {
    return this.anchors.anchor();
  }
}
