import { Module } from '@nestjs/common';
import { ReferenceModule } from '@spcomms/reference';
import { SubmissionAccess } from './submission-access';
import { SubmissionDetailsService } from './submission-details.service';
import { SubmissionIntakeService } from './submission-intake.service';
import { SubmissionReferences } from './submission-references';
import { SubmissionRepository } from './submission.repository';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [ReferenceModule],
  providers: [
    SubmissionRepository,
    SubmissionAccess,
    SubmissionReferences,
    SubmissionDetailsService,
    SubmissionIntakeService,
    SubmissionsService,
  ],
  exports: [SubmissionsService],
})
export class SubmissionsModule {}
