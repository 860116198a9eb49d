import { Injectable, Logger } from '@nestjs/common';
import { AuditVerifierService } from '@spcomms/audit';
import { JobHandler, JobName } from '@spcomms/queue';

@Injectable()
export class AuditVerifyProcessor implements JobHandler<JobName.AuditVerify> {
  readonly jobName = JobName.AuditVerify;
  private readonly logger = new Logger(AuditVerifyProcessor.name);

  constructor(private readonly verifier: AuditVerifierService) {}

  async handle(): Promise<unknown> {
    const result = await this.verifier.verify();
    if (result.ok) {
      this.logger.log(
        `Audit chain intact: ${result.events} events, ${result.anchors} anchors, ${result.unanchored} not yet anchored`,
      );
    } else {
      this.logger.error(`Audit chain broken at event ${result.brokenAt}: ${result.reason}`);
    }
    return result;
  }
}
