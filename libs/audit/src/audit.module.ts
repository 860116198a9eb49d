import { Global, Module } from '@nestjs/common';
import { AuditAnchorService } from './audit-anchor.service';
import { AuditVerifierService } from './audit-verifier.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  providers: [AuditRepository, AuditService, AuditVerifierService, AuditAnchorService],
  exports: [AuditService, AuditVerifierService, AuditAnchorService],
})
export class AuditModule {}
