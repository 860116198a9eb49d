/** V4: `A/HRC/<session>/<n>` with an optional `/Add.<n>`, e.g. A/HRC/55/50/Add.1. */
export const REPORT_SYMBOL_PATTERN = /^A\/HRC\/([1-9][0-9]{0,2})\/([1-9][0-9]{0,3})(?:\/Add\.([1-9][0-9]{0,2}))?$/;

export interface ReportSymbol {
  session: number;
  number: number;
  addendum: number | null;
}

export function parseReportSymbol(symbol: string): ReportSymbol | null {
  const match = REPORT_SYMBOL_PATTERN.exec(symbol);
  if (!match) {
    return null;
  }
  return { session: Number(match[1]), number: Number(match[2]), addendum: match[3] ? Number(match[3]) : null };
}
