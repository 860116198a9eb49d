import { Injectable, StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { Actor } from '@spcomms/access';
import { addCalendarDays } from '@spcomms/clock';
import { AppConfig, publicAddress } from '@spcomms/config';
import { PublicCommunicationSummaryDto, mapPublishedSummary, publicUrl } from '@spcomms/publication';
import { CSV_CONTENT_TYPE, csvCell } from './csv-cells';
import { CommunicationsReportDto, ReportParamsDto, ReportQueryDto, ReportReplyDto } from './public-search.dto';
import { PublicSearchRepository } from './public-search.repository';
import { ReportReplyRow } from './search-queries';
import { reportWindows } from './report-windows';
import { OnReadConnection, TransactionHost } from '@spcomms/database';

const mapReply = (row: ReportReplyRow): ReportReplyDto => ({
  reference: row.reference,
  url: publicUrl(row.reference),
  type: row.type,
  mandates: row.mandateCodes,
  joint: row.joint,
  recipient: { code: row.recipientCode, name: row.recipientName, kind: row.recipientKind },
  sentOn: row.sentOn,
  number: Number(row.number),
  receivedOn: row.receivedOn,
  confidential: row.confidential,
  language: row.confidential ? null : row.language,
});

const CSV_HEADER = [
  'section',
  'reference',
  'url',
  'type',
  'recipient_code',
  'recipient_name',
  'mandates',
  'joint',
  'sent_on',
  'reply_number',
  'received_on',
  'confidential_reply',
];

/**
 * C16: the communications report to a regular session of the Human Rights Council — the published
 * letters sent in the session's window, the replies received in the window shifted by two months to
 * those letters, and, apart, the replies received in that window to letters of earlier windows.
 */
@Injectable()
export class PublicReportsService {
  constructor(
    private readonly repository: PublicSearchRepository,
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
  ) {}

  @OnReadConnection()
  async report(
    _actor: Actor,
    params: ReportParamsDto,
    query: ReportQueryDto,
  ): Promise<CommunicationsReportDto | StreamableFile> {
    const windows = reportWindows(params.year, params.session);
    const letters = (await this.repository.findLettersSent(windows.letters.from, windows.letters.to)).map(
      mapPublishedSummary,
    );
    const replies = (
      await this.repository.findRepliesReceived(
        windows.replies.from,
        windows.replies.to,
        windows.letters.from,
        windows.letters.to,
      )
    ).map(mapReply);
    const earlier = (
      await this.repository.findRepliesReceived(
        windows.replies.from,
        windows.replies.to,
        null,
        addCalendarDays(windows.letters.from, -1),
      )
    ).map(mapReply);
    const report: CommunicationsReportDto = {
      year: params.year,
      session: params.session,
      lettersWindow: windows.letters,
      repliesWindow: windows.replies,
      letters,
      replies,
      repliesToEarlierLetters: earlier,
    };
    return query.format === 'csv' ? this.csv(report) : report;
  }

  private csv(report: CommunicationsReportDto): StreamableFile {
    const letterCells = (letter: PublicCommunicationSummaryDto) => [
      letter.reference,
      publicAddress(this.config, letter.url),
      letter.type,
      letter.recipient.code,
      letter.recipient.name,
      letter.mandates.map((mandate) => mandate.code).join('; '),
      letter.joint,
      letter.sentOn,
    ];
    const replyCells = (section: string, reply: ReportReplyDto) => [
      section,
      reply.reference,
      publicAddress(this.config, reply.url),
      reply.type,
      reply.recipient.code,
      reply.recipient.name,
      reply.mandates.join('; '),
      reply.joint,
      reply.sentOn,
      reply.number,
      reply.receivedOn,
      reply.confidential,
    ];
    const rows = [
      CSV_HEADER,
      ...report.letters.map((letter) => ['letter', ...letterCells(letter), null, null, null]),
      ...report.replies.map((reply) => replyCells('reply', reply)),
      ...report.repliesToEarlierLetters.map((reply) => replyCells('reply_to_earlier_letter', reply)),
    ].map((row) => row.map((value) => csvCell(value as string | number | boolean | null)));
    const body = stringify(rows, { record_delimiter: 'windows' });
    return new StreamableFile(Buffer.from(body, 'utf8'), {
      type: CSV_CONTENT_TYPE,
      disposition: `attachment; filename="communications-report-${report.year}-${report.session}.csv"`,
    });
  }
}
