import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, Role, hasRole, requireRole } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { TransactionHost, isUniqueViolation } from '@spcomms/database';
import { ReferenceRepository } from '@spcomms/reference';
import { HistoryCheckService } from './history-check.service';
import { HistoryDocument, HistoryDocumentError, ImportProblem, readHistoryDocument } from './history-csv';
import { HistoryImportQueryDto, HistoryImportReportDto } from './history.dto';
import { HistoryErrorCode, HistoryException } from './history.exception';
import { ImportCheck, ReportContext, mapReport } from './history.mapper';
import { HistoryUpload, readHistoryUpload } from './history-upload';
import { HistoryWriterService, IMPORTED_REPLY_CHANNELS } from './history-writer.service';

/** Largest import file accepted, as a text/csv body or a multipart file. */
export const HISTORY_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Rows per section: one import is one transaction and one request, which must stay short (split larger archives). */
export const HISTORY_IMPORT_MAX_LETTERS = 2000;
export const HISTORY_IMPORT_MAX_REPLIES = 10000;

/**
 * Import of historical letters and their replies from CSV (C8). The whole file is checked first;
 * if any row is rejected nothing is written, otherwise every letter is written in one transaction
 * as a sent legacy letter with its reference as given, and the reference counters are raised.
 */
@Injectable()
export class HistoryService {
  constructor(
    private readonly checker: HistoryCheckService,
    private readonly writer: HistoryWriterService,
    private readonly reference: ReferenceRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async importLetters(
    actor: Actor,
    upload: HistoryUpload,
    query: HistoryImportQueryDto,
  ): Promise<HistoryImportReportDto> {
    requireRole(actor, Role.Admin, Role.Assistant);
    const csv = await readHistoryUpload(upload, HISTORY_IMPORT_MAX_BYTES);
    const dryRun = query.dryRun ?? false;
    const sha256 = createHash('sha256').update(csv).digest('hex');
    const context: ReportContext = { importId: null, dryRun, applied: false, sha256 };

    let read: { document: HistoryDocument; problems: ImportProblem[] };
    try {
      read = readHistoryDocument(csv);
    } catch (error) {
      if (error instanceof HistoryDocumentError) {
        return this.rejected(
          { letterRows: 0, replyRows: 0, letters: [], replies: [], problems: error.problems },
          context,
        );
      }
      throw error;
    }
    const { document, problems } = read;
    this.requireSize(document);
    await this.authorize(actor, document);
    if (dryRun) {
      return mapReport(await this.checker.check(document, problems, IMPORTED_REPLY_CHANNELS), context);
    }

    try {
      return await this.tx.run(async () => {
        await this.writer.raiseReferenceCounters(document);
        const check = await this.checker.check(document, problems, IMPORTED_REPLY_CHANNELS);
        if (check.problems.length > 0) {
          return this.rejected(check, context);
        }
        const importId = randomUUID();
        const written = await this.writer.write(actor, importId, check);
        await this.audit.record(actor, {
          action: 'history.import',
          subject: { type: 'history_import', id: importId },
          after: { sha256, letters: check.letters.length, replies: check.replies.length },
        });
        return mapReport(check, {
          ...context,
          importId,
          applied: true,
          ids: written.letters,
          otherRecipientIds: written.otherRecipients,
        });
      });
    } catch (error) {
      if (
        isUniqueViolation(error, 'uq_communication_reference_key') ||
        isUniqueViolation(error, 'uq_communication_reference')
      ) {
        throw new HistoryException(
          HistoryErrorCode.ReferenceTaken,
          'A reference of the file was taken while importing; check the file again',
        );
      }
      throw error;
    }
  }

  /** A dry run answers the report; a real import refuses with the report, having written nothing. */
  private rejected(check: ImportCheck, context: ReportContext): HistoryImportReportDto {
    const report = mapReport(check, context);
    if (context.dryRun) {
      return report;
    }
    const { missing } = report.otherRecipients;
    const unregistered =
      missing.length > 0
        ? `; other recipients not registered (register them, or give their other_recipient_kind): ${missing.map((name) => `"${name}"`).join(', ')}`
        : '';
    throw new HistoryException(
      HistoryErrorCode.ImportRejected,
      `Nothing was imported: ${report.letters.rejected} of ${report.letters.rows} letter rows and ` +
        `${report.replies.rejected} of ${report.replies.rows} reply rows are rejected (${report.problems.length} problems)${unregistered}`,
      report,
    );
  }

  private requireSize(document: HistoryDocument): void {
    const letters = document.letters.rows.length;
    const replies = document.replies.rows.length;
    if (letters > HISTORY_IMPORT_MAX_LETTERS || replies > HISTORY_IMPORT_MAX_REPLIES) {
      throw new HistoryException(
        HistoryErrorCode.TooManyRows,
        `An import holds at most ${HISTORY_IMPORT_MAX_LETTERS} letters and ${HISTORY_IMPORT_MAX_REPLIES} replies; split the file`,
        { letters, replies },
      );
    }
  }

  /** An assistant imports only letters led by one of their mandates; an admin imports any. */
  private async authorize(actor: Actor, document: HistoryDocument): Promise<void> {
    if (!hasRole(actor, Role.Assistant)) {
      return;
    }
    const codeOf = (value: string | undefined) => (value ?? '').trim().toUpperCase();
    const codes = [
      ...new Set(document.letters.rows.map((row) => codeOf(row.values.lead_mandate)).filter((code) => code !== '')),
    ];
    const mandates = new Map(
      (await this.reference.findMandatesByCode(codes)).map((mandate) => [mandate.code, mandate]),
    );
    const refused = document.letters.rows
      .map((row) => ({ row: row.row, line: row.line, leadMandate: codeOf(row.values.lead_mandate) }))
      .filter(({ leadMandate }) => {
        const mandate = mandates.get(leadMandate);
        return mandate !== undefined && !actor.mandateIds.includes(mandate.id);
      });
    if (refused.length > 0) {
      throw new HistoryException(
        HistoryErrorCode.NotYourMandate,
        `You may import only letters led by your mandates; ${refused.length} row(s) name another lead mandate`,
        { rows: refused },
      );
    }
  }
}
