import { Global, Module } from '@nestjs/common';
import { AuditVerifierService } from './audit-verifier.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  providers: [AuditRepository, AuditService, AuditVerifierService],
  exports: [AuditService, AuditVerifierService],
})
export class AuditModule {}
