import { Injectable, StreamableFile } from '@nestjs/common';
import { Actor, Role } from '@spcomms/access';
import { AppConfig } from '@spcomms/config';
import { statesInRegion } from './regions';
import { csvFile, toCsv, withoutConfidentialColumns } from './statistics-csv';
import { FigureCsvQueryDto } from './statistics.dto';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';
import { FIGURES, Figure, FigureKind } from './statistics-figures';
import { lettersUntil, resolvePeriod } from './statistics-period';
import { StatisticsRepository } from './statistics.repository';
import {
  InvitationCsvRow,
  LetterCsvRow,
  LetterSelection,
  ReplyCsvRow,
  VisitCsvRow,
  VisitRowsOf,
} from './statistics-rows';
import { PreparedQuery, StatisticsQueryService } from './statistics-query.service';

const LETTER_COLUMNS: Array<keyof LetterCsvRow & string> = [
  'reference',
  'type',
  'sent_on',
  'recipient_code',
  'recipient_name',
  'lead_mandate',
  'mandates',
  'joint',
  'individuals',
  'women',
  'reprisal',
  'first_reply_on',
  'days_to_reply',
  'replied_on_time',
  'followed_up_on',
  'imported',
];
const REPLY_COLUMNS: Array<keyof ReplyCsvRow & string> = [
  'reference',
  'type',
  'recipient_code',
  'sent_on',
  'reply_number',
  'received_on',
  'on_time',
  'days_after_sending',
];
/** What the Coordination Committee and administrators do not see of a letter not yet published (see withoutConfidentialColumns). */
const LETTER_WITHHELD: Array<keyof LetterCsvRow> = [
  'recipient_code',
  'recipient_name',
  'lead_mandate',
  'mandates',
  'reprisal',
];
const REPLY_WITHHELD: Array<keyof ReplyCsvRow> = ['recipient_code'];
const VISIT_COLUMNS: Array<keyof VisitCsvRow & string> = [
  'mandate',
  'state_code',
  'state_name',
  'requested_on',
  'status_at_cutoff',
  'scheduled_from',
  'scheduled_to',
];
/** The visits each visit figure lists. */
const VISIT_ROWS: Partial<Record<Figure, VisitRowsOf>> = {
  [Figure.VisitRequestsMade]: 'requested',
  [Figure.VisitRequestsAccepted]: 'accepted',
  [Figure.VisitsCarriedOut]: 'carried_out',
  [Figure.VisitRequestsPending]: 'pending',
};
const INVITATION_COLUMNS: Array<keyof InvitationCsvRow & string> = [
  'state_code',
  'state_name',
  'issued_on',
  'withdrawn_on',
];

/** For each letter figure: which letters of the selection it counts, in SQL over `l` with the cut-off as $1. */
function letterPredicate(figure: Figure, otherRecipientCode: string): string {
  switch (figure) {
    case Figure.LettersToStates:
      return `l.recipient_code <> '${otherRecipientCode}'`;
    case Figure.LettersToOtherRecipients:
      return `l.recipient_code = '${otherRecipientCode}'`;
    case Figure.JointLetters:
      return 'l.joint';
    case Figure.LettersWithIndividuals:
      return 'l.individuals > 0';
    case Figure.LettersWithWomen:
      return 'l.women > 0';
    case Figure.LettersReplied:
      return 'l.first_reply_on <= $1::date';
    case Figure.LettersRepliedOnTime:
      return 'l.on_time_reply_on <= $1::date';
    case Figure.LettersNotReplied:
      return 'NOT coalesce(l.first_reply_on <= $1::date, false)';
    case Figure.LettersFollowedUp:
      return 'l.followed_up_on <= $1::date';
    case Figure.ReprisalLetters:
      return 'l.reprisal';
    default:
      return 'TRUE';
  }
}

const REPLY_LETTERS: Partial<Record<Figure, 'any' | 'period' | 'earlier' | 'later'>> = {
  [Figure.RepliesReceived]: 'any',
  [Figure.RepliesToPeriodLetters]: 'period',
  [Figure.RepliesToEarlierLetters]: 'earlier',
  [Figure.RepliesToLaterLetters]: 'later',
};

/** The rows behind a figure, in the columns and order of its CSV. */
export interface FigureRows {
  kind: FigureKind;
  period: PreparedQuery['period'];
  columns: string[];
  rows: Array<Record<string, unknown>>;
}

/**
 * The rows behind each figure, as CSV: the letters (by reference) a letter figure counts, the replies a
 * reply figure counts, the visits and standing invitations. The same query and cut-off as the figures
 * give the same rows; their number (or the sum of their column, for individuals and women) is the figure.
 */
@Injectable()
export class StatisticsCsvService {
  constructor(
    private readonly queries: StatisticsQueryService,
    private readonly repository: StatisticsRepository,
    private readonly config: AppConfig,
  ) {}

  async figure(actor: Actor, figure: Figure, query: FigureCsvQueryDto): Promise<StreamableFile> {
    const { columns, rows, period } = await this.figureRows(actor, figure, query);
    return csvFile(`${figure}_${period.from}_${period.to}_cutoff-${period.cutoff}.csv`, toCsv(columns, rows));
  }

  /**
   * The rows behind a figure as the actor may read them, with their columns in CSV order: what the
   * CSV holds, line by line (the site lists them on its drill-down pages).
   */
  async figureRows(actor: Actor, figure: Figure, query: FigureCsvQueryDto): Promise<FigureRows> {
    const prepared = await this.queries.prepare(actor, query, (input, today) => resolvePeriod(input, today));
    const { kind } = FIGURES[figure];
    if (kind !== 'letters' && (query.type || query.state || query.region || query.mandateRole)) {
      throw new StatisticsException(
        StatisticsErrorCode.FilterNotApplicable,
        `type, state, region and mandateRole narrow letter figures only, not ${figure}`,
      );
    }
    if (query.mandateRole && !query.mandate) {
      throw new StatisticsException(StatisticsErrorCode.FilterNotApplicable, 'mandateRole needs a mandate');
    }
    const { period, scope } = prepared;
    const of = <T extends object>(columns: Array<keyof T & string>, rows: T[]): FigureRows => ({
      kind,
      period,
      columns: columns as string[],
      rows: rows as unknown as Array<Record<string, unknown>>,
    });
    switch (kind) {
      case 'letters':
        return of(
          LETTER_COLUMNS,
          this.forReader(
            actor,
            await this.repository.letterRows(
              this.narrow(prepared, query),
              letterPredicate(figure, this.config.rules.otherRecipientCode),
            ),
            LETTER_WITHHELD,
          ),
        );
      case 'replies':
        return of(
          REPLY_COLUMNS,
          this.forReader(
            actor,
            await this.repository.replyRows(this.queries.replySelection(prepared), REPLY_LETTERS[figure] ?? 'any'),
            REPLY_WITHHELD,
          ),
        );
      case 'visits':
        return of(
          VISIT_COLUMNS,
          await this.repository.visitRows(
            period.from,
            lettersUntil(period),
            period.cutoff,
            this.queries.endOf(period.cutoff),
            scope.mandateIds,
            VISIT_ROWS[figure] ?? 'carried_out',
            this.config.rules.timezone,
          ),
        );
      case 'invitations':
        return of(INVITATION_COLUMNS, await this.repository.invitationRows(period.cutoff));
    }
  }

  /**
   * The rows as the actor may read them: the staff of a letter's mandates (C14) everything about its
   * letters (their scope holds no other); the Coordination Committee and administrators, who count
   * every letter, no confidential column of a letter not yet published.
   */
  private forReader<T extends LetterCsvRow | ReplyCsvRow>(actor: Actor, rows: T[], withheld: Array<keyof T>): T[] {
    const staff = actor.kind === 'user' && (actor.role === Role.Assistant || actor.role === Role.MandateHolder);
    return staff ? rows : rows.map((row) => withoutConfidentialColumns(row, withheld));
  }

  /** The letters of the query, narrowed to the breakdown cell it names. */
  private narrow(prepared: PreparedQuery, query: FigureCsvQueryDto): LetterSelection {
    const selection = this.queries.letterSelection(prepared);
    let codes: string[] | undefined;
    if (query.region) {
      codes = statesInRegion(
        query.region,
        prepared.states.map((state) => state.code),
        this.config.rules.otherRecipientCode,
      );
    }
    if (query.state) {
      codes = codes ? codes.filter((code) => code === query.state) : [query.state];
    }
    const requested = prepared.scope.requested;
    return {
      ...selection,
      type: query.type,
      recipientCodes: codes,
      mandate: requested ? { id: requested.id, role: query.mandateRole } : undefined,
    };
  }
}
