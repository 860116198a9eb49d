import { Module } from '@nestjs/common';
import { CommunicationAccess, CommunicationsRepository } from '@spcomms/communications';
import { AttachmentDownloads } from './attachment-downloads';
import { AttachmentStorage } from './attachment-storage';
import { LocalAttachmentStorage } from './local-attachment-storage';
import { PortalRepliesService } from './portal-replies.service';
import { RepliesRepository } from './replies.repository';
import { RepliesService } from './replies.service';
import { ReplyFormReader } from './reply-form';
import { ReplyWriter } from './reply-writer';
import { UploadStaging } from './upload-staging';

/**
 * Replies to letters (C10, C12). The letter lookups it needs (CommunicationsRepository,
 * CommunicationAccess) are stateless and provided here, so that this module does not depend on how
 * the application wires the communications module.
 */
@Module({
  providers: [
    CommunicationsRepository,
    CommunicationAccess,
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
