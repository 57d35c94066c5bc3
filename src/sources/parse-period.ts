import type { Diagnostic, SourceLocation } from '../model/diagnostics.js';
import { SWEDISH_MONTHS } from '../model/period.js';
import { diag } from '../messages/index.js';
import { normaliseHeader } from './header.js';

/**
 * Periods in source files → YYYYMM numbers (202408 = augusti 2024).
 *
 * Accepted: `202408` (YYYYMM), `2024-08` and `2024-8`, `2408` (YYMM, 20YY), ISO dates `2024-08-31` (also what the
 * xlsx layer makes of date cells), Swedish month names in full or abbreviated to three or more letters with a two- or
 * four-digit year (`aug-24`, `aug. 24`, `Aug 2024`, `augusti 2024`, `maj 2024`, `okt-24`, `sept 2024`, `2024 augusti`),
 * Excel serial dates — only from numeric xlsx cells, only for years 2000–2100, with the workbook's 1900/1904 system —
 * and year + month in two columns (`parseYearAndMonth`).
 *
 * Refused: months and days that do not exist (`2024-13`, `2024-02-30`, `2023-02-29`), day/month dates
 * (`08/09/2024`: 8 September or August 9?), a year alone or a range (`2024`, `202401-202408`, `ack 202408`:
 * year-to-date rows do not belong in a monthly file), and anything else.
 */

export type PeriodFormat = 'yyyymm' | 'yyyy-mm' | 'yymm' | 'date' | 'month-name' | 'year-and-month';

export interface ParsedPeriod {
  /** YYYYMM */
  readonly period: number;
  /** How it was written; a column should use one format (mixed formats → `period.mixed-format`). */
  readonly format: PeriodFormat;
}

export type PeriodIssueCode =
  | 'period.unparseable'
  | 'period.invalid'
  | 'period.ambiguous'
  | 'period.not-a-month'
  | 'period.serial-out-of-range';

export interface PeriodIssue {
  readonly issue: PeriodIssueCode;
  /** Swedish detail for the message ("månad 13", "ett helt år"). */
  readonly detail?: string;
}

export type PeriodParse = ParsedPeriod | PeriodIssue;

export function isPeriodIssue(p: PeriodParse): p is PeriodIssue {
  return 'issue' in p;
}

export interface PeriodOptions {
  /** The cell is a number in an xlsx sheet: a five-digit value may be an Excel serial date. */
  readonly numericCell?: boolean;
  /** The workbook uses the 1904 date system (serial 0 = 1904-01-01). */
  readonly date1904?: boolean;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthPeriod(year: number, month: number, format: PeriodFormat): PeriodParse {
  if (year < MIN_YEAR || year > MAX_YEAR) return { issue: 'period.invalid', detail: `året ${year} är orimligt` };
  if (month < 1 || month > 12) return { issue: 'period.invalid', detail: `månad ${month} finns inte` };
  return { period: year * 100 + month, format };
}

/** Month number for a Swedish month name or an abbreviation of at least three letters ("aug", "sept"), else 0. */
export function swedishMonth(token: string): number {
  const t = token.toLowerCase().normalize('NFC');
  if (t.length < 3) return 0;
  let found = 0;
  for (let m = 0; m < 12; m++) {
    if (SWEDISH_MONTHS[m]!.startsWith(t)) {
      if (found) return 0; // ambiguous prefix (cannot happen from three letters, kept for safety)
      found = m + 1;
    }
  }
  return found;
}

function twoOrFourDigitYear(text: string): number {
  const n = Number(text);
  return text.length === 2 ? 2000 + n : n;
}

const YYYYMM = /^(\d{4})(\d{2})$/;
const YYYY_MM = /^(\d{4})-(\d{1,2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const YYMM = /^(\d{2})(\d{2})$/;
const NAME_YEAR = /^([a-zåäö]+)\.?[\s\-/]*(\d{4}|\d{2})$/i;
const YEAR_NAME = /^(\d{4})[\s\-/]+([a-zåäö]+)\.?$/i;
const DAY_MONTH_YEAR = /^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$/;
const RANGE = /^(?:\d{4}-\d{2}|\d{4,6}|[a-zåäö]+\.?)\s*(?:[-–]{1,2}|\s+till\s+)\s*(?:\d{4}-\d{2}|\d{4,6}|[a-zåäö]+\.?(?:\s*\d{2,4})?)$/i;
const YTD_WORDS = /\b(?:ack|ackumulerat|helår|totalt|summa|tom|t\.o\.m\.?)\b/i;
const SERIAL = /^\d{5}(?:[.,]\d+)?$/;

/** Parses one period cell. Example: parsePeriod('aug-24') → { period: 202408, format: 'month-name' }. */
export function parsePeriod(raw: string, options: PeriodOptions = {}): PeriodParse {
  const text = raw.trim().replace(/[\u00a0\u202f]/g, ' ');
  if (text === '') return { issue: 'period.unparseable' };
  let m: RegExpExecArray | null;

  if ((m = YYYYMM.exec(text))) return monthPeriod(Number(m[1]), Number(m[2]), 'yyyymm');
  if ((m = YYYY_MM.exec(text))) return monthPeriod(Number(m[1]), Number(m[2]), 'yyyy-mm');
  if ((m = ISO_DATE.exec(text))) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const p = monthPeriod(year, month, 'date');
    if (isPeriodIssue(p)) return p;
    if (day < 1 || day > daysInMonth(year, month)) {
      return { issue: 'period.invalid', detail: `dag ${day} finns inte i ${SWEDISH_MONTHS[month - 1]} ${year}` };
    }
    return p;
  }
  if (options.numericCell && SERIAL.test(text)) return fromSerial(Number(text.replace(',', '.')), options.date1904 ?? false);
  if ((m = YYMM.exec(text))) {
    const yy = Number(m[1]);
    const mm = Number(m[2]);
    const asYear = Number(text);
    // "2024" is a year, not month 24 of 2020: a column of whole years is year-to-date data.
    if ((mm < 1 || mm > 12) && asYear >= MIN_YEAR && asYear <= MAX_YEAR) return { issue: 'period.not-a-month', detail: `hela året ${asYear}` };
    return monthPeriod(2000 + yy, mm, 'yymm');
  }
  if (YTD_WORDS.test(text)) return { issue: 'period.not-a-month', detail: 'en ackumulerad period' };
  if ((m = NAME_YEAR.exec(text))) {
    const month = swedishMonth(m[1]!);
    if (!month) return { issue: 'period.unparseable' };
    return monthPeriod(twoOrFourDigitYear(m[2]!), month, 'month-name');
  }
  if ((m = YEAR_NAME.exec(text))) {
    const month = swedishMonth(m[2]!);
    if (!month) return { issue: 'period.unparseable' };
    return monthPeriod(Number(m[1]), month, 'month-name');
  }
  if (DAY_MONTH_YEAR.test(text)) return { issue: 'period.ambiguous' };
  if (/^\d{4}$/.test(text)) return { issue: 'period.not-a-month', detail: `hela året ${text}` };
  if (RANGE.test(text)) return { issue: 'period.not-a-month', detail: 'ett intervall av månader' };
  return { issue: 'period.unparseable' };
}

/**
 * Year and month from two columns: year `2024` (or `24`), month `8`, `08` or a Swedish month name.
 * Example: parseYearAndMonth('2024', '8') → { period: 202408, format: 'year-and-month' }.
 */
export function parseYearAndMonth(yearRaw: string, monthRaw: string): PeriodParse {
  const y = yearRaw.trim();
  const mo = monthRaw.trim();
  if (!/^(\d{4}|\d{2})$/.test(y)) return { issue: 'period.unparseable' };
  const year = twoOrFourDigitYear(y);
  let month: number;
  if (/^\d{1,2}$/.test(mo)) month = Number(mo);
  else {
    month = swedishMonth(mo.replace(/\.$/, ''));
    if (!month) return { issue: 'period.unparseable' };
  }
  return monthPeriod(year, month, 'year-and-month');
}

/**
 * Excel serial date → ISO date (UTC, so no time-zone shift). In the 1900 system serial 60 is the non-existent
 * 1900-02-29 (Lotus compatibility); days from 61 on are counted from 1899-12-30. The 1904 system counts from
 * 1904-01-01, which is 1462 days later. Example: 45535 → "2024-08-31".
 */
export function excelSerialToIsoDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  if (!date1904 && days < 61) return null; // before 1900-03-01: never a period of ours
  const ms = (days - 25569) * 86_400_000; // 25569 = 1970-01-01
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().slice(0, 10);
}

function fromSerial(serial: number, date1904: boolean): PeriodParse {
  const iso = excelSerialToIsoDate(serial, date1904);
  if (!iso) return { issue: 'period.serial-out-of-range' };
  const year = Number(iso.slice(0, 4));
  if (year < 2000 || year > 2100) return { issue: 'period.serial-out-of-range' };
  return { period: year * 100 + Number(iso.slice(5, 7)), format: 'date' };
}

export function periodDiagnostic(p: PeriodIssue, raw: string, location: SourceLocation): Diagnostic {
  return diag(p.issue, { value: raw, column: location.column ?? '', detail: p.detail ?? '' }, location, raw);
}

/**
 * `parsePeriod`'s first shape from the bytes of a CSV field, without making a string (the ledger's hot path):
 * `YYYYMM`, six ASCII digits, a real month of 1900–2199 → the number (format `yyyymm`), else 0 (decode the text and
 * use `parsePeriod`).
 */
export function parseYyyymmBytes(b: Uint8Array, s: number, e: number): number {
  if (e - s !== 6) return 0;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = b[i]! - 0x30;
    if (c < 0 || c > 9) return 0;
    v = v * 10 + c;
  }
  const year = Math.floor(v / 100);
  const month = v - year * 100;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return 0;
  return v;
}

/**
 * The period rules of one column, for every reader of periods: cell text parsed once per distinct text (a ledger
 * has a few dozen periods in thousands of rows), and — with `oneFormat` — one format throughout the column (ledgers:
 * mixed formats hint at mixed month and year-to-date rows). `PeriodColumn` (table.ts) reads table cells with it;
 * the ledger's byte-level reader reads field text with it, and cells that `parseYyyymmBytes` reads with
 * `columnFormat` / `noteFirst`.
 */
export class PeriodFormats {
  private readonly cache = new Map<string, PeriodParse>();
  private first: { format: PeriodFormat; value: string; row: number } | null = null;

  constructor(private readonly oneFormat = true) {}

  /** `parsePeriod(raw, options)`, cached by `key` (the text, or the text marked as a numeric cell). */
  parse(raw: string, key: string, options: PeriodOptions): PeriodParse {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const p = parsePeriod(raw, options);
    if (this.cache.size < 10_000) this.cache.set(key, p);
    return p;
  }

  /**
   * The period (YYYYMM) of a cell from its parse, or the diagnostic why not: the parse's issue, or
   * `period.mixed-format` when the column began in another format. `column`: the column as the config names it.
   */
  check(p: PeriodParse, raw: string, row: number, location: SourceLocation, column: string): number | Diagnostic {
    if (isPeriodIssue(p)) return periodDiagnostic(p, raw, location);
    if (!this.first) this.noteFirst(p.format, raw, row);
    else if (this.oneFormat && this.first.format !== p.format) {
      const first = this.first;
      return diag('period.mixed-format', { value: raw, column: normaliseHeader(column), first: first.value, firstRow: first.row }, location, raw);
    }
    return p.period;
  }

  /** The format the column began in; null before its first period. */
  get columnFormat(): PeriodFormat | null {
    return this.first === null ? null : this.first.format;
  }

  /** The column's first period, read without `check`. */
  noteFirst(format: PeriodFormat, raw: string, row: number): void {
    this.first = { format, value: raw, row };
  }
}
