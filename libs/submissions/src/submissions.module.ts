import { Module } from '@nestjs/common';
import { ReferenceModule } from '@spcomms/reference';
import { SubmissionRepository } from './submission.repository';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [ReferenceModule],
  providers: [SubmissionRepository, SubmissionsService],
  exports: [SubmissionsService],
})
export class SubmissionsModule {}
