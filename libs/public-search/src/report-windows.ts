import { addCalendarDays } from '@spcomms/clock';

/** The three regular sessions of the Human Rights Council. */
export const HRC_SESSIONS = ['march', 'june', 'september'] as const;
export type HrcSession = (typeof HRC_SESSIONS)[number];

export interface DateWindow {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export interface ReportWindows {
  /** Letters sent in this window are reported. */
  letters: DateWindow;
  /** Replies received in this window are reported: the letters' window shifted by two months. */
  replies: DateWindow;
}

const pad = (month: number) => String(month).padStart(2, '0');
const firstOf = (year: number, month: number) => `${year}-${pad(month)}-01`;
/** The last day of a month: the day before the first of the next (28 or 29 February). */
const lastOf = (year: number, month: number) =>
  addCalendarDays(month === 12 ? firstOf(year + 1, 1) : firstOf(year, month + 1), -1);

/**
 * C16: the windows of the communications report to a regular session of `year`.
 *
 * | session   | letters sent                         | replies received          |
 * | March     | 1 Jun – 30 Nov of the year before     | 1 Aug (year before) – 31 Jan |
 * | June      | 1 Dec (year before) – end of February | 1 Feb – 30 Apr            |
 * | September | 1 Mar – 31 May                        | 1 May – 31 Jul            |
 */
export function reportWindows(year: number, session: HrcSession): ReportWindows {
  switch (session) {
    case 'march':
      return {
        letters: { from: firstOf(year - 1, 6), to: lastOf(year - 1, 11) },
        replies: { from: firstOf(year - 1, 8), to: lastOf(year, 1) },
      };
    case 'june':
      return {
        letters: { from: firstOf(year - 1, 12), to: lastOf(year, 2) },
        replies: { from: firstOf(year, 2), to: lastOf(year, 4) },
      };
    case 'september':
      return {
        letters: { from: firstOf(year, 3), to: lastOf(year, 5) },
        replies: { from: firstOf(year, 5), to: lastOf(year, 7) },
      };
  }
}
