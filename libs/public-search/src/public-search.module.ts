import { Module } from '@nestjs/common';
import { RepliesModule } from '@spcomms/replies';
import { PublicExportService } from './public-export.service';
import { PublicReportsService } from './public-reports.service';
import { PublicSearchRepository } from './public-search.repository';
import { PublicSearchService } from './public-search.service';

/**
 * The public communications database: search, facets, record pages, attachments, CSV exports and the
 * communications reports (C16), all read from the published projection. The replies module gives
 * the attachment storage.
 */
@Module({
  imports: [RepliesModule],
  providers: [PublicSearchRepository, PublicSearchService, PublicExportService, PublicReportsService],
  exports: [PublicSearchService, PublicExportService, PublicReportsService],
})
export class PublicSearchModule {}
