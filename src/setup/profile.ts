/**
 * What a column's cells are, from the data alone: periods (202408, 2024-08, 24-08), years, month numbers, amounts
 * (Swedish decimal comma, minus signs), codes (digits, with leading zeros kept), dates, or text. `init --from` uses
 * these shares to confirm a header's meaning, to choose between readings of one header ("Månad" holding 2024-08 is
 * a period, holding 8 a month number), and to place a column whose header it does not know.
 */
import type { CellKind } from '../io/xlsx.js';
import { isAmountIssue, isPeriodIssue, parseAmount, parsePeriod } from '../sources/index.js';
import type { Grid } from './grid.js';

export interface ColumnProfile {
  readonly index: number;
  readonly header: string;
  /** Non-empty cells looked at. */
  readonly filled: number;
  /** Rows looked at. */
  readonly rows: number;
  readonly distinct: number;
  /** Shares of the non-empty cells (0–1). */
  readonly period: number;
  readonly year: number;
  readonly month: number;
  readonly amount: number;
  /** Cells with a decimal part or a minus sign: amounts, not codes. */
  readonly fractional: number;
  readonly code: number;
  readonly date: number;
  readonly text: number;
  /** A code column keeps leading zeros ("0100"): it must be read as text. */
  readonly leadingZero: boolean;
  /** Any amount with öre (a non-zero decimal part): the amounts are kronor, not tkr or mnkr. */
  readonly hasOre: boolean;
  /** Smallest and largest period (YYYYMM), 0 when none. */
  readonly minPeriod: number;
  readonly maxPeriod: number;
}

/** Years a period column may plausibly hold; keeps six-digit ansvar codes (110101) from passing as periods. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
/** Enough cells to know a column; a large ledger is sampled evenly. */
const MAX_SAMPLE = 20_000;
const AMOUNT_OPTIONS = {
  profile: { trailingMinus: false, parenthesesNegative: false, periodThousands: false, stripCurrency: true },
  unit: 'kr',
} as const;

function plausiblePeriod(raw: string, kind: CellKind | undefined): number {
  const p = parsePeriod(raw, { numericCell: kind === 'number' });
  // Only full periods: "3011" as YYMM would make every four-digit account a period, and a text date is a date
  // (Fr.o.m.); an Excel date cell in a month column is a period, as the ledger reader takes it.
  if (isPeriodIssue(p)) return 0;
  if (p.format !== 'yyyymm' && p.format !== 'yyyy-mm' && !(p.format === 'date' && kind === 'date')) return 0;
  const year = Math.floor(p.period / 100);
  return year >= MIN_YEAR && year <= MAX_YEAR ? p.period : 0;
}

/** Profiles one column of a grid. */
export function profileColumn(grid: Grid, index: number): ColumnProfile {
  const step = Math.max(1, Math.ceil(grid.rows.length / MAX_SAMPLE));
  const seen = new Set<string>();
  let filled = 0, rows = 0, period = 0, year = 0, month = 0, amount = 0, fractional = 0, code = 0, date = 0, text = 0;
  let leadingZero = false, hasOre = false, minPeriod = 0, maxPeriod = 0;
  for (let r = 0; r < grid.rows.length; r += step) {
    rows++;
    const raw = (grid.rows[r]![index] ?? '').trim();
    if (raw === '') continue;
    const kind = grid.kinds?.[r]?.[index];
    filled++;
    if (seen.size < 100_000) seen.add(raw);
    const p = plausiblePeriod(raw, kind);
    if (p > 0) {
      period++;
      if (minPeriod === 0 || p < minPeriod) minPeriod = p;
      if (p > maxPeriod) maxPeriod = p;
    }
    if (/^\d{4}$/.test(raw) && +raw >= MIN_YEAR && +raw <= MAX_YEAR) year++;
    if (/^\d{1,2}$/.test(raw) && +raw >= 1 && +raw <= 12) month++;
    if (kind === 'date' || /^\d{4}-\d{2}-\d{2}$/.test(raw) || /^\d{8}$/.test(raw) && plausibleDate(raw)) date++;
    const a = parseAmount(raw, AMOUNT_OPTIONS, false);
    if (a !== null && !(isAmountIssue(a) && a.value === null)) {
      amount++;
      if (/[,.]\d|^[-−]|-$/.test(raw)) fractional++;
      if (/[,.]\d*[1-9]/.test(raw)) hasOre = true;
    }
    if (/^[0-9][0-9A-Za-z\-_.]*$/.test(raw) && !/[,]/.test(raw)) {
      code++;
      if (/^0\d/.test(raw)) leadingZero = true;
    }
    if (/\p{L}/u.test(raw)) text++;
  }
  const share = (n: number): number => (filled === 0 ? 0 : n / filled);
  return {
    index,
    header: grid.header[index] ?? '',
    filled,
    rows,
    distinct: seen.size,
    period: share(period),
    year: share(year),
    month: share(month),
    amount: share(amount),
    fractional: share(fractional),
    code: share(code),
    date: share(date),
    text: share(text),
    leadingZero,
    hasOre,
    minPeriod,
    maxPeriod,
  };
}

function plausibleDate(raw: string): boolean {
  const y = +raw.slice(0, 4), m = +raw.slice(4, 6), d = +raw.slice(6, 8);
  return y >= 1900 && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

export function profileGrid(grid: Grid): ColumnProfile[] {
  return grid.header.map((_, i) => profileColumn(grid, i));
}

/** The kinds of data a column role expects, checked against a profile. */
export type ValueKind = 'code' | 'text' | 'name' | 'period' | 'year' | 'month' | 'amount' | 'number' | 'date' | 'any';

/** Nearly all cells must fit: a few odd cells (a "Summa" row) do not hide a column's nature. */
const FIT = 0.95;

/** Whether a column's data fits the kind of value a role expects. */
export function fits(p: ColumnProfile, kind: ValueKind): boolean {
  if (p.filled === 0) return kind === 'amount' || kind === 'any' || kind === 'number' || kind === 'date';
  switch (kind) {
    case 'period':
      return p.period >= FIT;
    case 'year':
      return p.year >= FIT;
    case 'month':
      return p.month >= FIT;
    case 'amount':
    case 'number':
      return p.amount >= FIT;
    case 'date':
      return p.date >= FIT;
    case 'code':
      // Codes are digits (or letters and digits) without spaces; an amount column has decimals or signs.
      return p.fractional < 0.05 && (p.code >= FIT || p.text < 1);
    case 'name':
    case 'text':
      return p.text >= 0.5;
    case 'any':
      return true;
  }
}
