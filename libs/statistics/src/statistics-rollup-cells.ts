import { LetterAggregateRow, LetterCounts, MandateAggregateRow } from './statistics-rows';

/**
 * The cells of `statistics_letter_rollup` as StatisticsRollupRepository reads them, and what the
 * statistics are made of from them: the aggregates of a scope and the rows of its mandates.
 */

/** The scope key of the rollup rows that count every letter. */
export const ALL_LETTERS = '00000000-0000-0000-0000-000000000000';

export type RollupDimension = 'total' | 'type' | 'recipient' | 'other' | 'days' | 'recipient_days';

/** One cell of the rollup summed over a selection, as of its cut-off. */
export interface RollupCell extends LetterCounts {
  mandateId: string;
  dimension: RollupDimension;
  value: string;
  led: number;
}

/** The letter aggregates of a scope (totals, per type, recipient and non-State recipient) from its rollup cells. */
export function aggregatesOf(
  cells: RollupCell[],
  scope: string,
  medians: Map<string | null, number>,
): LetterAggregateRow[] {
  return cells
    .filter((cell) => cell.mandateId === scope && ['total', 'type', 'recipient', 'other'].includes(cell.dimension))
    .map((cell) => {
      const byState = cell.dimension === 'recipient';
      const median = cell.dimension === 'total' ? medians.get(null) : byState ? medians.get(cell.value) : undefined;
      return {
        byType: cell.dimension === 'type',
        byState,
        byOther: cell.dimension === 'other',
        type: cell.dimension === 'type' ? cell.value : null,
        recipientCode: byState ? cell.value : null,
        otherRecipientId: cell.dimension === 'other' ? cell.value : null,
        letters: cell.letters,
        joint: cell.joint,
        individuals: cell.individuals,
        women: cell.women,
        reprisals: cell.reprisals,
        followedUp: cell.followedUp,
        replied: cell.replied,
        onTime: cell.onTime,
        medianDays: median ?? null,
      };
    });
}

/** Per mandate of `mandates`: the letters it led, joined and that were replied, from its rollup totals. */
export function mandateRowsOf(cells: RollupCell[], mandates: string[]): MandateAggregateRow[] {
  return cells
    .filter((cell) => cell.dimension === 'total' && cell.mandateId !== ALL_LETTERS && mandates.includes(cell.mandateId))
    .map((cell) => ({
      mandateId: cell.mandateId,
      led: cell.led,
      joined: cell.letters - cell.led,
      replied: cell.replied,
    }));
}
