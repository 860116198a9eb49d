import { Module } from '@nestjs/common';
import { CommunicationsModule } from '@spcomms/communications';
import { PublicSearchModule } from '@spcomms/public-search';
import { ReferenceModule } from '@spcomms/reference';
import { LetterDocumentsService } from './letter-documents.service';

/**
 * Letters as documents (PDF): rendered on request from the same services and access checks as the
 * letter's JSON, for the staff, the addressed Government and the public (redacted). No table of its own.
 */
@Module({
  imports: [CommunicationsModule, PublicSearchModule, ReferenceModule],
  providers: [LetterDocumentsService],
  exports: [LetterDocumentsService],
})
export class DocumentsModule {}
