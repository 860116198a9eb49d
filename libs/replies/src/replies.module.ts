import { Module } from '@nestjs/common';
import { CommunicationsModule } from '@spcomms/communications';
import { DomainEventsModule } from '@spcomms/domain-events';
import { AttachmentDownloads } from './attachment-downloads';
import { AttachmentStorage } from './attachment-storage';
import { LocalAttachmentStorage } from './local-attachment-storage';
import { PortalRepliesService } from './portal-replies.service';
import { RepliesRepository } from './replies.repository';
import { RepliesService } from './replies.service';
import { ReplyFormReader } from './reply-form';
import { ReplyWriter } from './reply-writer';
import { UploadStaging } from './upload-staging';

/** Replies to letters (C10, C12), on the letters of the communications module. */
@Module({
  imports: [CommunicationsModule, DomainEventsModule],
  providers: [
    RepliesRepository,
    UploadStaging,
    ReplyFormReader,
    ReplyWriter,
    AttachmentDownloads,
    { provide: AttachmentStorage, useClass: LocalAttachmentStorage },
    PortalRepliesService,
    RepliesService,
  ],
  exports: [PortalRepliesService, RepliesService, RepliesRepository, ReplyWriter, UploadStaging, AttachmentStorage],
})
export class RepliesModule {}
