/**
 * Cell readers shared by the HR readers: hours, percentages, dates, gender. Each reports its own diagnostic with
 * the file, row and column, and returns `undefined` for a cell in error (the row is then left out), `null` for an
 * empty optional cell. Cells of personal columns (birth date) are reported without their value.
 */
import type { PersonnelRules } from '../../config/personnel-schema.js';
import { diag } from '../../messages/index.js';
import { parseIsoDay } from '../../model/calendar.js';
import { isAmountIssue, parseAmount, type AmountOptions } from '../parse-amount.js';
import { excelSerialToIsoDate } from '../parse-period.js';
import { normaliseHeader, type DiagnosticSink, type TableHead, type TableRow } from '../table.js';
import type { Gender } from '../../model/personnel.js';

/** Hours and percentages are written like amounts: decimal comma, space grouping, at most two decimals. */
const DECIMAL: AmountOptions = {
  profile: { trailingMinus: false, parenthesesNegative: false, periodThousands: false, stripCurrency: false },
  unit: 'kr',
};

function at(table: TableHead, row: TableRow, column: string) {
  return table.at(row.row, normaliseHeader(column));
}

/** Hours as centihours (7,60 → 760). Negative hours are an error. */
export function readHours(table: TableHead, row: TableRow, column: string | undefined, required: boolean, sink: DiagnosticSink): number | null | undefined {
  if (column === undefined || !table.has(column)) return null;
  const raw = row.values(column) ?? '';
  const p = parseAmount(raw, DECIMAL, required);
  if (p === null) return null;
  if (isAmountIssue(p)) {
    if (p.issue === 'amount.missing') sink.add(diag('table.missing-value', { column: normaliseHeader(column) }, at(table, row, column), raw));
    else sink.add(diag('personnel.hours.invalid', { value: raw }, at(table, row, column), raw));
    return undefined;
  }
  if (p < 0) {
    sink.add(diag('personnel.hours.negative', { value: raw }, at(table, row, column), raw));
    return undefined;
  }
  return p;
}

/** Kronor as öre (for hired-staff costs). */
export function readKronor(table: TableHead, row: TableRow, column: string, sink: DiagnosticSink): number | undefined {
  const raw = row.values(column) ?? '';
  const p = parseAmount(raw, DECIMAL, true);
  if (p === null || isAmountIssue(p)) {
    sink.add(diag('personnel.amount.invalid', { value: raw }, at(table, row, column), raw));
    return undefined;
  }
  return p;
}

/** A percentage 0–100 ("50", "37,5", "100 %") as hundredths of a percent (50 % → 5000). */
export function readPercent(
  table: TableHead, row: TableRow, column: string | undefined, code: 'personnel.extent.invalid' | 'personnel.rate.invalid', sink: DiagnosticSink,
): number | null | undefined {
  if (column === undefined || !table.has(column)) return null;
  const raw = row.values(column) ?? '';
  const text = raw.replace(/%\s*$/, '').trim();
  const p = parseAmount(text, DECIMAL, false);
  if (p === null) return null;
  if (isAmountIssue(p) || p < 0 || p > 10000) {
    sink.add(diag(code, { value: raw }, at(table, row, column), raw));
    return undefined;
  }
  return p;
}

/**
 * Day numbers of date texts already parsed (text cells only): an HR extract repeats the same birth and start dates
 * on every month of an employment. Bounded: emptied when it holds `DATE_CACHE_SIZE` texts.
 */
const dateCache = new Map<string, number | null>();
const DATE_CACHE_SIZE = 100_000;

/** A date as a day number: YYYY-MM-DD (also with a time), YYYYMMDD, or an xlsx date / serial number. */
export function parseDateCell(raw: string, numeric: boolean, date1904: boolean): number | null {
  if (numeric) return parseDateText(raw, true, date1904);
  const known = dateCache.get(raw);
  if (known !== undefined) return known;
  const d = parseDateText(raw, false, date1904);
  if (dateCache.size >= DATE_CACHE_SIZE) dateCache.clear();
  dateCache.set(raw, d);
  return d;
}

function parseDateText(raw: string, numeric: boolean, date1904: boolean): number | null {
  const t = raw.trim();
  let iso: string | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(t))) iso = `${m[1]}-${m[2]}-${m[3]}`;
  else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(t))) iso = `${m[1]}-${m[2]}-${m[3]}`;
  else if (numeric && /^\d{5}(?:[.,]\d+)?$/.test(t)) iso = excelSerialToIsoDate(Number(t.replace(',', '.')), date1904);
  if (iso === null) return null;
  const d = parseIsoDay(iso);
  if (d === null) return null;
  const year = Number(iso.slice(0, 4));
  return year >= 1900 && year <= 2200 ? d : null;
}

/**
 * Reads a date cell. `personal`: a birth date — the message never shows the value.
 */
export function readDate(
  table: TableHead, row: TableRow, column: string | undefined, required: boolean, sink: DiagnosticSink, personal = false,
): number | null | undefined {
  if (column === undefined || !table.has(column)) return null;
  const raw = row.values(column) ?? '';
  if (raw.trim() === '') {
    if (!required) return null;
    sink.add(diag(personal ? 'personnel.birthDate.invalid' : 'personnel.date.missing', {}, at(table, row, column)));
    return undefined;
  }
  const d = parseDateCell(raw, row.kind(column) === 'number', table.date1904);
  if (d === null) {
    if (personal) sink.add(diag('personnel.birthDate.invalid', {}, at(table, row, column)));
    else sink.add(diag('personnel.date.invalid', { value: raw }, at(table, row, column), raw));
    return undefined;
  }
  return d;
}

/** An age in whole years (14–100). */
export function readAge(table: TableHead, row: TableRow, column: string | undefined, sink: DiagnosticSink): number | null | undefined {
  if (column === undefined || !table.has(column)) return null;
  const raw = (row.values(column) ?? '').trim();
  if (raw === '') return null;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 14 || Number(raw) > 100) {
    sink.add(diag('personnel.age.invalid', {}, at(table, row, column)));
    return undefined;
  }
  return Number(raw);
}

/** Gender from the configured words; an unknown word is a warning and the person has no gender. */
export function readGender(
  table: TableHead, row: TableRow, column: string | undefined, rules: PersonnelRules, sink: DiagnosticSink, seenUnknown: Set<string>,
): Gender | null {
  if (column === undefined || !table.has(column)) return null;
  const raw = (row.values(column) ?? '').trim();
  if (raw === '') return null;
  const key = raw.toLowerCase();
  if (rules.gender.women.some((w) => w.toLowerCase() === key)) return 'K';
  if (rules.gender.men.some((w) => w.toLowerCase() === key)) return 'M';
  if (!seenUnknown.has(key)) {
    seenUnknown.add(key);
    sink.add(diag('personnel.gender.unknown', { value: raw }, at(table, row, column), raw));
  }
  return null;
}

/** Lookup of configured words, case- and space-insensitive. */
export function wordMap<T>(entries: Iterable<readonly [string, T]>): (raw: string) => T | undefined {
  const m = new Map<string, T>();
  for (const [k, v] of entries) m.set(normaliseWord(k), v);
  return (raw) => m.get(normaliseWord(raw));
}

export function normaliseWord(s: string): string {
  return s.normalize('NFC').replace(/[\s\u00a0\u202f]+/g, ' ').trim().toLowerCase();
}
