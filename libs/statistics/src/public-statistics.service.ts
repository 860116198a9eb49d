import { Injectable, StreamableFile } from '@nestjs/common';
import { Clock, calendarDateIn } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { ReferenceRepository } from '@spcomms/reference';
import { REGION_NAMES, REGIONS, Region, regionOf, statesInRegion } from './regions';
import { PublicFigure, PublicStatisticsDto, PublicYearDto } from './public-statistics.dto';
import { PublicLetterCsvRow, PublicLetterSelection, PublicStatisticsRepository } from './public-statistics.repository';
import { csvFile, toCsv } from './statistics-csv';
import { PublicFigureCsvQueryDto, PublicStatisticsQueryDto, PublicTrendQueryDto } from './statistics.dto';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';
import { ratio } from './statistics.mapper';
import { resolvePeriod } from './statistics-period';
import { OnReadConnection, TransactionHost } from '@spcomms/database';

const NOTE =
  'Published letters only: a letter is public 60 days after it was sent (C11) once its redaction is checked, with the replies received by then; ' +
  'later replies are published as they arrive. Recent months therefore fill in over time.';
const MAX_YEARS = 100;

const COLUMNS: Array<keyof PublicLetterCsvRow & string> = [
  'reference',
  'type',
  'sent_on',
  'recipient_code',
  'recipient_name',
  'lead_mandate',
  'mandates',
  'joint',
  'reply_status',
  'replies_published',
  'public_from',
];

/** Aggregate tables of the published letters, for anyone (rate-limited by the API). */
@Injectable()
export class PublicStatisticsService {
  constructor(
    private readonly repository: PublicStatisticsRepository,
    private readonly reference: ReferenceRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
  ) {}

  @OnReadConnection()
  async figures(query: PublicStatisticsQueryDto): Promise<PublicStatisticsDto> {
    const { from, to } = this.period(query);
    const selection = { from, to };
    const aggregates = await this.repository.aggregates(selection);
    const mandates = await this.repository.mandates(selection);
    const repliesPublished = await this.repository.repliesReceived(from, to);
    const states = await this.reference.findAllStates();
    const oth = this.config.rules.otherRecipientCode;

    const total = aggregates.find((row) => !row.byType && !row.byState && !row.byOther) ?? {
      letters: 0,
      joint: 0,
      withReply: 0,
    };
    const stateRows = aggregates.filter((row) => row.byState && row.recipientCode !== null);
    const toStates = stateRows.filter((row) => row.recipientCode !== oth);
    const toOthers = total.letters - toStates.reduce((sum, row) => sum + row.letters, 0);
    const members = new Set(states.filter((state) => state.status === 'member').map((state) => state.code));
    const memberStatesAddressed = toStates.filter((row) => members.has(row.recipientCode as string)).length;
    const otherRecipients = aggregates.filter((row) => row.byOther && row.otherName !== null).length;

    const regions = new Map<Region, { recipients: number; letters: number; withReply: number }>();
    for (const row of stateRows) {
      const region = regionOf(row.recipientCode as string, oth);
      const entry = regions.get(region) ?? { recipients: 0, letters: 0, withReply: 0 };
      entry.recipients += region === Region.OtherRecipients ? otherRecipients : 1;
      entry.letters += row.letters;
      entry.withReply += row.withReply;
      regions.set(region, entry);
    }

    return {
      from,
      to,
      lettersPublished: total.letters,
      lettersToStates: total.letters - toOthers,
      statesAddressed: toStates.length,
      memberStatesAddressed,
      memberStates: members.size,
      memberStateShare: ratio(memberStatesAddressed, members.size),
      lettersToOtherRecipients: toOthers,
      otherRecipients,
      joint: total.joint,
      jointShare: ratio(total.joint, total.letters),
      lettersWithReply: total.withReply,
      replyShare: ratio(total.withReply, total.letters),
      repliesPublished,
      byType: ['UA', 'AL', 'OL'].map((type) => {
        const row = aggregates.find((candidate) => candidate.byType && candidate.type === type);
        return { type, letters: row?.letters ?? 0, joint: row?.joint ?? 0, withReply: row?.withReply ?? 0 };
      }),
      byState: stateRows
        .map((row) => ({
          code: row.recipientCode as string,
          name: row.recipientCode === oth ? 'Other recipients' : (row.recipientName ?? (row.recipientCode as string)),
          region: regionOf(row.recipientCode as string, oth),
          letters: row.letters,
          withReply: row.withReply,
          replyShare: ratio(row.withReply, row.letters),
        }))
        .sort((a, b) => b.letters - a.letters || a.name.localeCompare(b.name, 'en')),
      byRegion: REGIONS.map((region) => ({
        region,
        name: REGION_NAMES[region],
        ...(regions.get(region) ?? { recipients: 0, letters: 0, withReply: 0 }),
      })),
      byMandate: mandates
        .map((row) => ({
          code: row.code,
          title: row.title ?? row.code,
          letters: row.led + row.joined,
          led: row.led,
          joined: row.joined,
        }))
        .sort((a, b) => b.letters - a.letters || a.code.localeCompare(b.code)),
      note: NOTE,
    };
  }

  @OnReadConnection()
  async years(query: PublicTrendQueryDto): Promise<PublicYearDto[]> {
    const toYear = query.toYear ?? Number(this.today().slice(0, 4));
    const fromYear = query.fromYear ?? toYear - 9;
    if (fromYear > toYear) {
      throw new StatisticsException(
        StatisticsErrorCode.InvalidPeriod,
        `fromYear (${fromYear}) is after toYear (${toYear})`,
      );
    }
    if (toYear - fromYear + 1 > MAX_YEARS) {
      throw new StatisticsException(StatisticsErrorCode.TooManyPoints, `At most ${MAX_YEARS} years at once`);
    }
    const rows = new Map((await this.repository.years(fromYear, toYear)).map((row) => [row.year, row]));
    const years: PublicYearDto[] = [];
    for (let year = fromYear; year <= toYear; year++) {
      const row = rows.get(year) ?? { letters: 0, states: 0, toOthers: 0, joint: 0, withReply: 0 };
      years.push({
        year,
        lettersPublished: row.letters,
        statesAddressed: row.states,
        lettersToOtherRecipients: row.toOthers,
        joint: row.joint,
        jointShare: ratio(row.joint, row.letters),
        lettersWithReply: row.withReply,
        replyShare: ratio(row.withReply, row.letters),
      });
    }
    return years;
  }

  @OnReadConnection()
  async figureCsv(figure: PublicFigure, query: PublicFigureCsvQueryDto): Promise<StreamableFile> {
    const { from, to } = this.period(query);
    const oth = this.config.rules.otherRecipientCode;
    let codes: string[] | undefined;
    if (query.region) {
      codes = statesInRegion(
        query.region,
        (await this.reference.findAllStates()).map((state) => state.code),
        oth,
      );
    }
    if (query.state) {
      codes = codes ? codes.filter((code) => code === query.state) : [query.state];
    }
    const selection: PublicLetterSelection = {
      from,
      to,
      type: query.type,
      recipientCodes: codes,
      mandateCode: query.mandate,
    };
    const predicate = {
      [PublicFigure.LettersPublished]: 'TRUE',
      [PublicFigure.LettersToStates]: `p.recipient_kind = 'state'`,
      [PublicFigure.LettersToOtherRecipients]: `p.recipient_kind = 'other'`,
      [PublicFigure.JointLetters]: 'p.joint',
      [PublicFigure.LettersWithReply]: `p.reply_status <> 'not_replied'`,
    }[figure];
    return csvFile(
      `public_${figure}_${from}_${to}.csv`,
      toCsv(COLUMNS, await this.repository.letterRows(selection, predicate)),
    );
  }

  private today(): string {
    return calendarDateIn(this.clock.now(), this.config.rules.timezone);
  }

  /** A calendar year by default (this year); the public figures are those published now. */
  private period(query: PublicStatisticsQueryDto): { from: string; to: string } {
    const { from, to } = resolvePeriod({ year: query.year, from: query.from, to: query.to }, this.today());
    return { from, to };
  }
}
