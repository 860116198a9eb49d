import { Transform, pipeline } from 'node:stream';
import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { Actor } from '@spcomms/access';
import { AppConfig, publicAddress } from '@spcomms/config';
import { publicUrl } from '@spcomms/publication';
import { CSV_CONTENT_TYPE, csvCell } from './csv-cells';
import { PublicSearchFiltersDto } from './public-search.dto';
import { PublicSearchRepository } from './public-search.repository';
import { searchFilterOf } from './public-search.service';

interface ExportRow {
  reference: string;
  type: string;
  recipientCode: string;
  recipientKind: string;
  recipientName: string;
  mandateCodes: string[];
  joint: boolean;
  sentOn: string;
  publicFrom: string;
  replyStatus: string;
  replyCount: number;
  lastReplyOn: string | null;
  subject: string;
  themes: string[];
}

const COLUMNS = [
  'reference',
  'url',
  'type',
  'recipient_code',
  'recipient_name',
  'recipient_kind',
  'mandates',
  'joint',
  'sent_on',
  'public_from',
  'reply_status',
  'replies',
  'last_reply_on',
  'subject',
  'themes',
];

/**
 * Any search of the public database as CSV, newest first. The rows stream from a database cursor
 * through the CSV writer to the client: memory holds one batch whatever the size of the export, and
 * a client that goes away stops the query and frees the connection.
 */
@Injectable()
export class PublicExportService {
  private readonly logger = new Logger(PublicExportService.name);

  constructor(
    private readonly repository: PublicSearchRepository,
    private readonly config: AppConfig,
  ) {}

  async export(_actor: Actor, dto: PublicSearchFiltersDto): Promise<StreamableFile> {
    const filter = searchFilterOf(dto);
    const cursor = await this.repository.openExport(filter);
    const address = (path: string) => publicAddress(this.config, path);
    const toRecord = new Transform({
      objectMode: true,
      transform(row: ExportRow, _encoding, done) {
        done(
          null,
          [
            row.reference,
            address(publicUrl(row.reference)),
            row.type,
            row.recipientCode,
            row.recipientName,
            row.recipientKind,
            row.mandateCodes.join('; '),
            row.joint,
            row.sentOn,
            row.publicFrom,
            row.replyStatus,
            Number(row.replyCount),
            row.lastReplyOn,
            row.subject,
            row.themes.join('; '),
          ].map(csvCell),
        );
      },
    });
    const csv = stringify({ header: true, columns: COLUMNS, record_delimiter: 'windows' });
    pipeline(cursor.rows, toRecord, csv, (error) => {
      if (error && (error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        this.logger.warn({ err: error }, 'Public CSV export ended with an error');
      }
      void cursor.release();
    });
    return new StreamableFile(csv, {
      type: CSV_CONTENT_TYPE,
      disposition: 'attachment; filename="communications.csv"',
    });
  }
}
