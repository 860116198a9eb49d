import { ImportProblem } from './history-csv';
import { HistoryImportReportDto, ImportProblemDto, ImportedLetterDto } from './history.dto';
import { KnownOtherRecipient, LetterPlan, ReplyPlan } from './history-rows';

/** The outcome of checking a whole document: the plans of the rows that passed, and every problem. */
export interface ImportCheck {
  letterRows: number;
  replyRows: number;
  letters: LetterPlan[];
  replies: ReplyPlan[];
  problems: ImportProblem[];
  /** Other recipients the import registers (kind given in the file), and those it names without either. */
  otherRecipients?: { registered: KnownOtherRecipient[]; missing: string[] };
}

export interface ReportContext {
  importId: string | null;
  dryRun: boolean;
  applied: boolean;
  sha256: string;
  /** Ids of the written letters by row. */
  ids?: ReadonlyMap<number, string>;
  /** Ids of the other recipients registered by the import, by name. */
  otherRecipientIds?: ReadonlyMap<string, string>;
}

const SECTION_ORDER = { file: 0, letters: 1, replies: 2 } as const;

export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return [...problems].sort(
    (a, b) => SECTION_ORDER[a.section] - SECTION_ORDER[b.section] || (a.row ?? 0) - (b.row ?? 0),
  );
}

function mapProblem(problem: ImportProblem): ImportProblemDto {
  return {
    section: problem.section,
    row: problem.row,
    line: problem.line,
    column: problem.column,
    code: problem.code,
    reason: problem.reason,
  };
}

export function mapImportedLetter(plan: LetterPlan, replies: number, id: string | null): ImportedLetterDto {
  return {
    row: plan.row,
    id,
    reference: plan.reference,
    type: plan.type,
    legacyType: plan.legacyType,
    recipientCode: plan.recipientCode,
    sentOn: plan.sentOn,
    replyRequestedBy: plan.replyRequestedBy,
    publicFrom: plan.publicFrom,
    leadMandate: plan.lead.code,
    cosigningMandates: plan.cosigners.map((mandate) => mandate.code),
    replies,
  };
}

function rejectedRows(problems: ImportProblem[], section: 'letters' | 'replies', rows: number): number {
  if (
    problems.some(
      (problem) => problem.section === section && problem.row !== null && problem.code.startsWith('column.'),
    )
  ) {
    return rows;
  }
  return new Set(
    problems.filter((problem) => problem.section === section && problem.row !== null).map((problem) => problem.row),
  ).size;
}

export function mapReport(check: ImportCheck, context: ReportContext): HistoryImportReportDto {
  const repliesPerLetter = new Map<string, number>();
  for (const reply of check.replies) {
    repliesPerLetter.set(reply.reference, (repliesPerLetter.get(reply.reference) ?? 0) + 1);
  }
  const rejectedLetters = rejectedRows(check.problems, 'letters', check.letterRows);
  const rejectedReplies = rejectedRows(check.problems, 'replies', check.replyRows);
  return {
    importId: context.importId,
    dryRun: context.dryRun,
    applied: context.applied,
    sha256: context.sha256,
    letters: { rows: check.letterRows, accepted: check.letters.length, rejected: rejectedLetters },
    replies: { rows: check.replyRows, accepted: check.replies.length, rejected: rejectedReplies },
    problems: sortProblems(check.problems).map(mapProblem),
    otherRecipients: {
      registered: (check.otherRecipients?.registered ?? []).map((other) => ({
        id: context.otherRecipientIds?.get(other.name) ?? null,
        name: other.name,
        kind: other.kind,
      })),
      missing: check.otherRecipients?.missing ?? [],
    },
    imported: check.letters.map((plan) =>
      mapImportedLetter(plan, repliesPerLetter.get(plan.reference) ?? 0, context.ids?.get(plan.row) ?? null),
    ),
  };
}
