/** A calendar month. `month` is 1–12. Periods are compared as `year * 100 + month` (YYYYMM). */
export interface Period {
  readonly year: number;
  readonly month: number;
}

export const SWEDISH_MONTHS = [
  'januari', 'februari', 'mars', 'april', 'maj', 'juni',
  'juli', 'augusti', 'september', 'oktober', 'november', 'december',
] as const;

export function periodKey(p: Period): number {
  return p.year * 100 + p.month;
}

export function periodFromKey(key: number): Period {
  return { year: Math.trunc(key / 100), month: key % 100 };
}

export function formatPeriod(p: Period): string {
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** Parses the CLI's `--period YYYY-MM`. Returns null when the text is not a valid month. */
export function parsePeriodArg(text: string): Period | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || year < 1900 || year > 2200) return null;
  return { year, month };
}

export function monthName(month: number): string {
  return SWEDISH_MONTHS[month - 1] ?? String(month);
}

/** Abbreviated Swedish month as printed in table headers: "aug". */
export function monthAbbrev(month: number): string {
  return monthName(month).slice(0, 3);
}

/** Kind of report by the closing month (seed 004: delår per april and augusti, årsredovisning in december). */
export type ReportKind = 'tertial1' | 'tertial2' | 'annual' | 'monthly';

export function reportKindFor(p: Period): ReportKind {
  if (p.month === 4) return 'tertial1';
  if (p.month === 8) return 'tertial2';
  if (p.month === 12) return 'annual';
  return 'monthly';
}

/** Last day of the month, as an ISO date (the report date of a closing period). */
export function lastDayOfPeriod(p: Period): string {
  const day = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return `${formatPeriod(p)}-${String(day).padStart(2, '0')}`;
}

/**
 * How many calendar years of ledger months a rolling-12 comparison needs, ending with the report year: the twelve
 * months up to the report month against the same twelve a year earlier reach into year − 2 for any report month but
 * December (2024-08 compares 2023-09…2024-08 with 2022-09…2023-08); in December both are whole years (2).
 */
export function yearsForRolling12(p: Period): number {
  return p.month === 12 ? 2 : 3;
}
