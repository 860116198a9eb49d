import { Module } from '@nestjs/common';
import { CommunicationsModule } from '@spcomms/communications';
import { PublicationModule } from '@spcomms/publication';
import { ReferenceModule } from '@spcomms/reference';
import { RepliesModule } from '@spcomms/replies';
import { HistoryCheckService } from './history-check.service';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';
import { HistoryWriterService } from './history-writer.service';

/** Import of historical letters and their replies (C8), written through the letters' and the replies' own code. */
@Module({
  imports: [ReferenceModule, CommunicationsModule, RepliesModule, PublicationModule],
  providers: [HistoryRepository, HistoryCheckService, HistoryWriterService, HistoryService],
  exports: [HistoryService],
})
export class HistoryModule {}
