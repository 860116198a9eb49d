import { Injectable } from '@nestjs/common';
import { Clock, calendarDateIn } from '@spcomms/clock';
import { parseReference } from '@spcomms/communications';
import { AppConfig } from '@spcomms/config';
import { OTHER_RECIPIENT_KINDS, OtherRecipientKind, ReferenceRepository } from '@spcomms/reference';
import { HistoryDocument, ImportProblem } from './history-csv';
import { ImportCheck } from './history.mapper';
import { HistoryRepository, ReferenceKey } from './history.repository';
import {
  KnownOtherRecipient,
  LetterPlan,
  ReplyPlan,
  RowContext,
  checkLetterRow,
  checkReplyRow,
  referenceKey,
} from './history-rows';

const isOtherRecipientKind = (kind: string): boolean => (OTHER_RECIPIENT_KINDS as readonly string[]).includes(kind);

/** A section whose header is wrong cannot be read row by row: only the header problems are reported. */
function headerBroken(problems: ImportProblem[], section: 'letters' | 'replies'): boolean {
  return problems.some((problem) => problem.section === section && problem.code.startsWith('column.'));
}

/**
 * Checks a whole import document: each row on its own against the reference data, then the
 * references across rows (no key twice in the file) and against the database (no key already taken).
 */
@Injectable()
export class HistoryCheckService {
  constructor(
    private readonly reference: ReferenceRepository,
    private readonly repository: HistoryRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async check(
    document: HistoryDocument,
    structural: ImportProblem[],
    replyChannels: readonly string[],
  ): Promise<ImportCheck> {
    const letterRows = document.letters.rows.length;
    const replyRows = document.replies.rows.length;
    if (headerBroken(structural, 'letters')) {
      return { letterRows, replyRows, letters: [], replies: [], problems: structural };
    }
    const context = await this.context(document);
    const problems = [...structural];
    const rejected = new Set(
      structural.filter((problem) => problem.row !== null).map((problem) => `${problem.section}:${problem.row}`),
    );
    const reject = (found: ImportProblem[]) => {
      problems.push(...found);
      found.forEach((problem) => rejected.add(`${problem.section}:${problem.row}`));
    };

    const letterPlans = new Map<number, LetterPlan>();
    for (const row of document.letters.rows) {
      const { plan, problems: own } = checkLetterRow(row, context);
      reject(own);
      if (plan) {
        letterPlans.set(row.row, plan);
      }
    }

    // The type-free key is unique (C7): not twice in the file, and not already held by a letter.
    const keys = new Map<string, { key: ReferenceKey; rows: number[] }>();
    for (const row of document.letters.rows) {
      const parsed = parseReference(row.values.reference ?? '');
      if (parsed) {
        const text = referenceKey(parsed);
        const entry = keys.get(text) ?? {
          key: { code: parsed.code, number: parsed.number, year: parsed.year },
          rows: [],
        };
        entry.rows.push(row.row);
        keys.set(text, entry);
      }
    }
    const taken = await this.repository.findTakenReferenceKeys([...keys.values()].map((entry) => entry.key));
    const lines = new Map(document.letters.rows.map((row) => [row.row, row.line]));
    for (const [text, entry] of keys) {
      if (taken.has(text)) {
        reject(
          entry.rows.map((row) => ({
            section: 'letters' as const,
            row,
            line: lines.get(row) ?? null,
            column: 'reference',
            code: 'reference.taken',
            reason: `A letter with the reference number ${text} already exists`,
          })),
        );
      }
      reject(
        entry.rows.slice(1).map((row) => ({
          section: 'letters' as const,
          row,
          line: lines.get(row) ?? null,
          column: 'reference',
          code: 'reference.duplicate_in_file',
          reason: `Row ${entry.rows[0]} already has the reference number ${text}`,
        })),
      );
    }

    const byReference = new Map<string, { row: number; plan: LetterPlan | null }>();
    for (const row of document.letters.rows) {
      const reference = (row.values.reference ?? '').trim();
      if (reference && !byReference.has(reference)) {
        const plan = letterPlans.get(row.row);
        byReference.set(reference, { row: row.row, plan: plan && !rejected.has(`letters:${row.row}`) ? plan : null });
      }
    }
    const replyPlans: ReplyPlan[] = [];
    if (!headerBroken(structural, 'replies')) {
      for (const row of document.replies.rows) {
        const { plan, problems: own } = checkReplyRow(row, context, byReference, replyChannels);
        reject(own);
        if (plan && !rejected.has(`replies:${row.row}`)) {
          replyPlans.push(plan);
        }
      }
    }

    // Every other recipient the file names that is neither registered nor given a kind, at once.
    const rowsByNumber = new Map(document.letters.rows.map((row) => [row.row, row]));
    const missing = problems
      .filter((problem) => problem.code === 'other_recipient.unknown' && problem.row !== null)
      .map((problem) => (rowsByNumber.get(problem.row as number)?.values.other_recipient ?? '').trim());

    return {
      letterRows,
      replyRows,
      letters: [...letterPlans.values()].filter((plan) => !rejected.has(`letters:${plan.row}`)),
      replies: replyPlans,
      problems,
      otherRecipients: {
        registered: [...context.otherRecipients.values()].filter((other) => other.id === null),
        missing: [...new Set(missing)],
      },
    };
  }

  private async context(document: HistoryDocument): Promise<RowContext> {
    const { rules } = this.config;
    // One query at a time: this also runs inside the import's transaction, on one connection.
    const states = await this.reference.findAllStates();
    const mandates = await this.reference.findAllMandates(true);
    // The other recipients the file names: registered, or registered by the import with the first
    // valid kind a row gives for the name (rows giving another kind are rejected).
    const otherRecipients = new Map<string, KnownOtherRecipient>();
    const named = document.letters.rows
      .filter((row) => (row.values.recipient ?? '').trim().toUpperCase() === rules.otherRecipientCode)
      .map((row) => ({
        name: (row.values.other_recipient ?? '').trim(),
        kind: (row.values.other_recipient_kind ?? '').trim().toLowerCase(),
      }))
      .filter(({ name }) => name !== '');
    for (const name of new Set(named.map((entry) => entry.name))) {
      const found = await this.reference.findOtherRecipientByName(name);
      const kind = named.find((entry) => entry.name === name && isOtherRecipientKind(entry.kind))?.kind as
        OtherRecipientKind | undefined;
      if (found) {
        otherRecipients.set(name, { id: found.id, name, kind: found.kind });
      } else if (kind) {
        otherRecipients.set(name, { id: null, name, kind });
      }
    }
    return {
      today: calendarDateIn(this.clock.now(), rules.timezone),
      otherRecipientCode: rules.otherRecipientCode,
      replyDays: rules.replyDays,
      publicationDays: rules.publicationDays,
      states: new Set(states.filter((state) => state.status !== 'pseudo').map((state) => state.code)),
      mandates: new Map(mandates.map((mandate) => [mandate.code, mandate])),
      otherRecipients,
    };
  }
}
