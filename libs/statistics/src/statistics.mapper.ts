import { RateDto } from './statistics-response.dto';

/** numerator ÷ denominator rounded to 4 decimals, null for 0 ÷ 0. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}

export function rate(numerator: number, denominator: number): RateDto {
  return {
    value: ratio(numerator, denominator),
    percent: denominator === 0 ? null : Math.round((numerator / denominator) * 100),
    numerator,
    denominator,
  };
}

/** A median from PostgreSQL's percentile_cont (days are whole, a median may end in .5). */
export function median(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/** The path and query of a CSV figure, with the parameters in a fixed order. */
export function csvPath(base: string, figure: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      search.set(key, value);
    }
  }
  return `${base}/${figure}.csv?${search.toString()}`;
}
