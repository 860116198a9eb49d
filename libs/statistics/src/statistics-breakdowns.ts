import { MandateEntity, StateEntity } from '@spcomms/reference';
import { REGION_NAMES, REGIONS, Region, regionOf } from './regions';
import { Figure } from './statistics-figures';
import { median, ratio } from './statistics.mapper';
import { LetterAggregateRow, MandateAggregateRow } from './statistics-rows';
import { MandateRowDto, RegionRowDto, StateRowDto, TypeRowDto } from './statistics-response.dto';

const LETTER_TYPES = ['UA', 'AL', 'OL'];

/** The CSV link of a figure, narrowed by `extra` (a type, a State, a region, a mandate). */
export type FigureLink = (figure: Figure, extra?: Record<string, string>) => string;

export const EMPTY_AGGREGATE: LetterAggregateRow = {
  byType: false,
  byState: false,
  byOther: false,
  type: null,
  recipientCode: null,
  otherRecipientId: null,
  letters: 0,
  joint: 0,
  individuals: 0,
  women: 0,
  reprisals: 0,
  followedUp: 0,
  replied: 0,
  onTime: 0,
  medianDays: null,
};

/** The letters by type: UA, AL and OL always, then any other type found, alphabetically. */
export function byType(aggregates: LetterAggregateRow[], link: FigureLink): TypeRowDto[] {
  const rows = aggregates.filter((row) => row.byType && row.type !== null);
  const types = [
    ...LETTER_TYPES,
    ...rows
      .map((row) => row.type as string)
      .filter((type) => !LETTER_TYPES.includes(type))
      .sort(),
  ];
  return types.map((type) => {
    const row = rows.find((candidate) => candidate.type === type) ?? EMPTY_AGGREGATE;
    return {
      type,
      letters: row.letters,
      joint: row.joint,
      replied: row.replied,
      onTime: row.onTime,
      replyRate: ratio(row.replied, row.letters),
      csv: link(Figure.LettersSent, { type }),
    };
  });
}

/** The letters by recipient (States and the other-recipients code), most letters first. */
export function byState(
  rows: LetterAggregateRow[],
  stateOf: Map<string, StateEntity>,
  oth: string,
  link: FigureLink,
): StateRowDto[] {
  return rows
    .map((row): StateRowDto => {
      const code = row.recipientCode as string;
      const state = stateOf.get(code);
      return {
        code,
        name: state?.name ?? code,
        status: state?.status ?? 'pseudo',
        region: regionOf(code, oth),
        letters: row.letters,
        replied: row.replied,
        onTime: row.onTime,
        replyRate: ratio(row.replied, row.letters),
        onTimeRate: ratio(row.onTime, row.letters),
        medianDaysToReply: median(row.medianDays),
        csv: link(Figure.LettersSent, { state: code }),
      };
    })
    .sort((a, b) => b.letters - a.letters || a.name.localeCompare(b.name, 'en'));
}

/** The letters by region, every region listed; `otherRecipients` counts the other recipients addressed. */
export function byRegion(
  rows: LetterAggregateRow[],
  otherRecipients: number,
  oth: string,
  link: FigureLink,
): RegionRowDto[] {
  const totals = new Map<Region, { recipients: number; letters: number; replied: number; onTime: number }>();
  for (const row of rows) {
    const region = regionOf(row.recipientCode as string, oth);
    const total = totals.get(region) ?? { recipients: 0, letters: 0, replied: 0, onTime: 0 };
    total.recipients += 1;
    total.letters += row.letters;
    total.replied += row.replied;
    total.onTime += row.onTime;
    totals.set(region, total);
  }
  return REGIONS.map((region) => {
    const total = totals.get(region) ?? { recipients: 0, letters: 0, replied: 0, onTime: 0 };
    if (region === Region.OtherRecipients) {
      total.recipients = otherRecipients;
    }
    return {
      region,
      name: REGION_NAMES[region],
      ...total,
      replyRate: ratio(total.replied, total.letters),
      csv: link(Figure.LettersSent, { region }),
    };
  });
}

/** The letters of each mandate, led or joined, most letters first. */
export function byMandate(rows: MandateAggregateRow[], mandates: MandateEntity[], link: FigureLink): MandateRowDto[] {
  return rows
    .map((row): MandateRowDto => {
      const mandate = mandates.find((candidate) => candidate.id === row.mandateId);
      const code = mandate?.code ?? row.mandateId;
      const letters = row.led + row.joined;
      return {
        code,
        title: mandate?.title ?? '',
        letters,
        led: row.led,
        joined: row.joined,
        replied: row.replied,
        replyRate: ratio(row.replied, letters),
        csv: link(Figure.LettersSent, { mandate: code }),
      };
    })
    .sort((a, b) => b.letters - a.letters || a.code.localeCompare(b.code));
}
