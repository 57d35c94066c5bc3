import { Diagnostics, type Diagnostic, type SourceLocation } from '../model/diagnostics.js';
import type { Ore } from '../model/ore.js';
import { diag } from '../messages/index.js';
import { decodeText, sniffFormat, type DeclaredEncoding } from '../io/decode.js';
import {
  DELIMITERS,
  guessDelimiter,
  normaliseNewlines,
  parseCsv,
  splitLine,
  countLines,
  type Delimiter,
} from '../io/csv.js';
import { columnLetter, readXlsxSheet, type CellKind, type XlsxLimits } from '../io/xlsx.js';
import type { ReadResult, SourceInput } from '../model/records.js';
import { amountDiagnostic, isAmountIssue, parseAmount, type AmountOptions } from './parse-amount.js';
import { isPeriodIssue, parsePeriod, parseYearAndMonth, periodDiagnostic, type PeriodFormat, type PeriodParse } from './parse-period.js';

/**
 * The generic table layer every reader builds on: bytes → a header and rows of text cells, with the structural
 * checks done once for all sources.
 *
 * - Format: `format` from the config, or by extension and magic bytes (`resolveFormat`).
 * - CSV: decoded (`io/decode.ts`), line endings normalised, delimiter from the config or detected from the header
 *   line, parsed strictly (`io/csv.ts`). XLSX: one sheet (`io/xlsx.ts`).
 * - The header is the first row within the first `headerSearchRows` (30) rows that contains every required
 *   column, so report titles and metadata lines above it are skipped. Matching is exact after NFC, NBSP → space and
 *   trimming; a header that needed that normalisation gets a warning. No row with all required columns → error
 *   listing missing and found headers, with a hint when the header looks like one field joined by another
 *   delimiter.
 * - Header names `__proto__`, `constructor` and `prototype` are refused, and cells are looked up through a `Map`,
 *   so no header can reach an object key. A duplicated header is an error when the column is read (which of the two
 *   would be meant?), a warning otherwise.
 * - Rows: a short or long CSV row is an error naming the first missing column or the extra value (extra trailing
 *   fields that are all empty are tolerated: nothing is lost). Blank and delimiter-only rows in the middle are
 *   skipped with a warning (never a row of zeros); blank rows at the end are counted (info). A repeated header row
 *   (page breaks in report exports) is skipped with a warning. An xlsx error cell (#REF!) or a formula without a
 *   cached result in a column that is read is an error with its address, and the row is left out.
 * - A header without data rows is an error (a warning with `allowEmpty`).
 *
 * `readTable` always returns a `TableData`; when a diagnostic is an error the table may be empty or partial and
 * must not be used for figures. Check with `hasErrors(result.diagnostics)`.
 */

export type { CellKind } from '../io/xlsx.js';
export type TableFormat = 'csv' | 'xlsx';

export interface TableSpec {
  readonly format?: 'auto' | 'csv' | 'xlsx';
  readonly encoding?: DeclaredEncoding;
  /** Sheet name (xlsx); required when the workbook has more than one sheet. */
  readonly sheet?: string | undefined;
  readonly delimiter?: 'auto' | Delimiter;
  /** Columns that must be present (they also identify the header row). */
  readonly required: readonly string[];
  /** Columns read when present. */
  readonly optional?: readonly string[];
}

/** The file settings every source spec has (format, encoding, sheet, delimiter), as a TableSpec takes them. */
export function fileOf(spec: Pick<TableSpec, 'format' | 'encoding' | 'sheet' | 'delimiter'>): Pick<TableSpec, 'format' | 'encoding' | 'sheet' | 'delimiter'> {
  return { format: spec.format, encoding: spec.encoding, sheet: spec.sheet, delimiter: spec.delimiter };
}

export interface ReadOptions {
  /** `--accept-mojibake` */
  readonly acceptMojibake?: boolean;
  /** `--allow-empty`: a header without data rows is a warning instead of an error. */
  readonly allowEmpty?: boolean;
  /** How many rows from the top may hold titles before the header. Default 30. */
  readonly headerSearchRows?: number;
  /** Largest number of data rows. Default 5 000 000. */
  readonly maxRows?: number;
  /** Largest CSV file in bytes. Default 256 MiB. */
  readonly maxBytes?: number;
  /** Ledger only: skip the CSV fast path and read with the table-based reader (the fast path's oracle in tests). */
  readonly generalReader?: boolean;
  /** Longest CSV record in characters. Default 1 MiB. */
  readonly maxRecordSize?: number;
  readonly xlsxLimits?: Partial<XlsxLimits>;
  /** Kept diagnostics per code before the rest are only counted. Default 50. */
  readonly maxDiagnosticsPerCode?: number;
}

/** One data row. */
export interface TableRow {
  /** Line in the text file where the row starts (1-based), or the Excel row number. */
  readonly row: number;
  /** Cell texts in header order; `''` for an empty cell. Raw: not trimmed, not normalised. */
  readonly cells: readonly string[];
  /**
   * The raw text of a column: `''` for an empty cell, `undefined` when the table has no such column. For xlsx cells:
   * numbers as Swedish text at Excel's 15-digit precision ("1234,5"), dates as ISO dates ("2024-08-31"), rich text
   * as plain text, booleans "true"/"false".
   */
  values(column: string): string | undefined;
  /** What the cell was in the source: always `text` or `empty` for CSV; `number`, `date` … for xlsx. */
  kind(column: string): CellKind | undefined;
}

export interface TableData {
  /** The file as named in messages (relative to the config file). */
  readonly file: string;
  readonly format: TableFormat;
  /** The sheet read (xlsx). */
  readonly sheet?: string;
  /** CSV delimiter used. */
  readonly delimiter?: Delimiter;
  /** Header names, normalised (NFC, NBSP → space, trimmed), in file order. */
  readonly header: readonly string[];
  /** Line / Excel row of the header. 0 when no header was found. */
  readonly headerRow: number;
  /** Data rows in file order, without title, header, blank, repeated-header and defective rows. */
  readonly rows: readonly TableRow[];
  /** The workbook uses the 1904 date system (for Excel serial numbers in text-free period columns). */
  readonly date1904: boolean;
  has(column: string): boolean;
  /** Index into `TableRow.cells` of a column (first occurrence), for readers that read many rows. */
  columnIndex(column: string): number | undefined;
  /** Location for a diagnostic: file, sheet, row and column. */
  at(row: number, column?: string): SourceLocation;
}

const FORBIDDEN_HEADERS = new Set(['__proto__', 'constructor', 'prototype']);
const DEFAULT_HEADER_SEARCH_ROWS = 30;
const DEFAULT_MAX_ROWS = 5_000_000;

/** NFC, no-break and narrow no-break spaces → space, trimmed. */
export function normaliseHeader(name: string): string {
  return name.normalize('NFC').replace(/[\u00a0\u202f\u2007\u2009]/g, ' ').trim();
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** A reader's diagnostics (the one collector, `Diagnostics`); `finish` adds one `source.more-diagnostics` line per code that overflowed. */
export class DiagnosticSink extends Diagnostics {
  finish(file: string): Diagnostic[] {
    return [...this.all, ...this.overflow().map((o) => diag('source.more-diagnostics', { count: o.suppressed, code: o.code }, { file }, undefined, o.severity))];
  }
}

class Row implements TableRow {
  constructor(
    readonly row: number,
    readonly cells: string[],
    private readonly kinds: CellKind[] | null,
    private readonly table: Table,
  ) {}

  values(column: string): string | undefined {
    const i = this.table.columnIndex(column);
    return i === undefined ? undefined : (this.cells[i] ?? '');
  }

  kind(column: string): CellKind | undefined {
    const i = this.table.columnIndex(column);
    if (i === undefined) return undefined;
    if (this.kinds) return this.kinds[i] ?? 'empty';
    return (this.cells[i] ?? '') === '' ? 'empty' : 'text';
  }
}

class Table implements TableData {
  readonly rows: Row[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    readonly file: string,
    readonly format: TableFormat,
    readonly header: readonly string[],
    readonly headerRow: number,
    readonly date1904: boolean,
    readonly sheet?: string,
    readonly delimiter?: Delimiter,
  ) {
    header.forEach((name, i) => {
      if (name !== '' && !this.index.has(name)) this.index.set(name, i);
    });
  }

  columnIndex(column: string): number | undefined {
    const i = this.index.get(column);
    if (i !== undefined) return i;
    const n = normaliseHeader(column);
    return n === column ? undefined : this.index.get(n);
  }

  has(column: string): boolean {
    return this.columnIndex(column) !== undefined;
  }

  at(row: number, column?: string): SourceLocation {
    return {
      file: this.file,
      ...(this.sheet !== undefined ? { sheet: this.sheet } : {}),
      ...(row > 0 ? { row } : {}),
      ...(column !== undefined ? { column: normaliseHeader(column) } : {}),
    };
  }
}

function emptyTable(file: string, format: TableFormat, sheet?: string): Table {
  return new Table(file, format, [], 0, false, sheet);
}

/**
 * The format to read a source as. `auto`: `.xlsx`/`.xlsm` → xlsx, `.csv`/`.txt`/`.tsv`/`.skv` → csv (an xlsx
 * renamed .csv is then reported by the decoder, not silently read), otherwise by magic bytes.
 */
export function resolveFormat(input: SourceInput, declared: 'auto' | 'csv' | 'xlsx' = 'auto'): TableFormat {
  if (declared !== 'auto') return declared;
  const ext = /\.([^./\\]+)$/.exec(input.displayName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv' || ext === 'skv') return 'csv';
  return sniffFormat(input.bytes) === 'zip' ? 'xlsx' : 'csv';
}

interface RawRow {
  readonly row: number;
  readonly cells: string[];
  readonly kinds: CellKind[] | null;
}

interface HeaderSearch {
  readonly found: boolean;
  readonly row: number;
  readonly fields: string[];
  readonly raw: string;
  readonly delimiter?: Delimiter;
}

function countMatches(fields: readonly string[], required: readonly string[]): number {
  const set = new Set(fields.map(normaliseHeader));
  let n = 0;
  for (const r of required) if (set.has(r)) n++;
  return n;
}

/**
 * How every reader starts: the table read, and a diagnostics sink that already holds the table's own findings
 * (encoding, header, Summa rows…), capped per code as the options say.
 */
export async function openTable(input: SourceInput, spec: TableSpec, options: ReadOptions = {}): Promise<{ table: TableData; sink: DiagnosticSink }> {
  const read = await readTable(input, spec, options);
  const sink = new DiagnosticSink(options.maxDiagnosticsPerCode ?? 50);
  sink.addAll(read.diagnostics);
  return { table: read.value, sink };
}

export async function readTable(input: SourceInput, spec: TableSpec, options: ReadOptions = {}): Promise<ReadResult<TableData>> {
  const file = input.displayName;
  const sink = new DiagnosticSink(options.maxDiagnosticsPerCode ?? 50);
  const format = resolveFormat(input, spec.format ?? 'auto');
  const required = spec.required.map(normaliseHeader);
  const optional = (spec.optional ?? []).map(normaliseHeader);
  const searchRows = options.headerSearchRows ?? DEFAULT_HEADER_SEARCH_ROWS;
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const done = (table: Table): ReadResult<TableData> => ({ value: table, diagnostics: sink.finish(file) });

  let rawRows: RawRow[];
  let blankLines: number[] = [];
  /** Title lines above a CSV header; report exports repeat them after page breaks. */
  const titles = new Set<string>();
  let header: HeaderSearch;
  let sheet: string | undefined;
  let date1904 = false;

  if (format === 'xlsx') {
    const xl = await readXlsxSheet(input, { sheet: spec.sheet, limits: options.xlsxLimits ?? {} });
    sink.addAll(xl.diagnostics);
    if (!xl.value) return done(emptyTable(file, 'xlsx'));
    sheet = xl.value.name;
    date1904 = xl.value.date1904;
    const rows = xl.value.rows;
    if (rows.length > maxRows + searchRows) {
      sink.add(diag('table.too-many-rows', { limit: maxRows }, { file, sheet }));
      return done(emptyTable(file, 'xlsx', sheet));
    }
    const firstRow = rows[0]?.row ?? 1;
    const candidates = rows.filter((r) => r.row < firstRow + searchRows);
    header = searchHeader(
      candidates.map((r) => ({ row: r.row, fields: r.cells, raw: r.cells.join(' | ') })),
      required,
    );
    const headerIndex = rows.findIndex((r) => r.row === header.row);
    rawRows = header.found ? rows.slice(headerIndex) : [];
  } else {
    const decoded = decodeText(input, {
      encoding: spec.encoding ?? 'auto',
      ...(options.acceptMojibake !== undefined ? { acceptMojibake: options.acceptMojibake } : {}),
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    });
    sink.addAll(decoded.diagnostics);
    if (!decoded.value) return done(emptyTable(file, 'csv'));
    const text = normaliseNewlines(decoded.value.text);
    const lines = firstLines(text, searchRows);
    const delimiters: readonly Delimiter[] = !spec.delimiter || spec.delimiter === 'auto' ? DELIMITERS : [spec.delimiter];
    header = searchHeaderCsv(lines, delimiters, required);
    if (header.found) {
      for (const l of lines) if (l.line < header.row && l.text.trim() !== '') titles.add(l.text.trim());
      const lineCount = countLines(text);
      if (lineCount - header.row > maxRows) {
        sink.add(diag('table.too-many-rows', { limit: maxRows }, { file }));
        return done(emptyTable(file, 'csv'));
      }
      const csv = parseCsv(text, {
        delimiter: header.delimiter!,
        displayName: file,
        startLine: header.row,
        ...(options.maxRecordSize !== undefined ? { maxRecordSize: options.maxRecordSize } : {}),
      });
      sink.addAll(csv.diagnostics);
      rawRows = csv.records.map((r) => ({ row: r.line, cells: r.fields, kinds: null }));
      blankLines = csv.blankLines;
      if (rawRows[0]?.row !== header.row) {
        // The strict parser did not see the header where the search did (a quote problem on that line).
        if (!sink.hasErrors) sink.add(diag('csv.parse-error', { code: 'HEADER', detail: 'rubrikraden går inte att läsa' }, { file, row: header.row }));
        return done(emptyTable(file, 'csv'));
      }
    } else rawRows = [];
  }

  if (!header.found) {
    sink.add(missingColumnsDiagnostic(file, sheet, header, required, spec.delimiter ?? 'auto', format));
    return done(emptyTable(file, format, sheet));
  }

  // --- header ---------------------------------------------------------------------------------------------
  const headerRaw = rawRows[0]!.cells;
  const names = headerRaw.map(normaliseHeader);
  const requested = new Set([...required, ...optional]);
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const raw = headerRaw[i]!;
    if (name !== raw && name !== '') sink.add(diag('table.header-normalised', { value: raw, column: name }, loc(file, sheet, header.row, name), raw));
    if (FORBIDDEN_HEADERS.has(name)) sink.add(diag('table.forbidden-header', { column: name }, loc(file, sheet, header.row, name), raw));
    if (name === '') return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else {
      const params = { column: name, first: columnName(format, first), second: columnName(format, i) };
      sink.add(diag(requested.has(name) ? 'table.duplicate-header' : 'table.duplicate-header-unused', params, loc(file, sheet, header.row, name), raw));
    }
  });
  const table = new Table(file, format, names, header.row, date1904, sheet, header.delimiter);

  // Columns whose xlsx error cells matter.
  const readIndexes = [...requested].map((c) => table.columnIndex(c)).filter((i): i is number => i !== undefined);

  // --- rows -----------------------------------------------------------------------------------------------
  const requiredIdx = required.map((c) => table.columnIndex(c)!);
  const blanks: number[] = [...blankLines];
  const repeated: number[] = [];
  let lastDataLine = header.row;
  for (let r = 1; r < rawRows.length; r++) {
    const raw = rawRows[r]!;
    let cells = raw.cells;
    if (isBlank(cells)) {
      blanks.push(raw.row);
      continue;
    }
    lastDataLine = raw.row;
    if (format === 'csv') {
      if (cells.length < names.length && titles.size > 0 && titles.has(cells.join(header.delimiter ?? ';').trim())) {
        repeated.push(raw.row); // a title line repeated after a page break
        continue;
      }
      if (cells.length < names.length) {
        const column = names[cells.length] || `kolumn ${cells.length + 1}`;
        const value = excerpt(cells.join(header.delimiter ?? ';'));
        sink.add(diag('table.row-too-short', { count: cells.length, expected: names.length, column, value }, loc(file, sheet, raw.row, column), value));
        continue;
      }
      if (cells.length > names.length) {
        const extra = cells.slice(names.length);
        if (extra.some((c) => c.trim() !== '')) {
          const column = names[names.length - 1] ?? '';
          const value = extra.find((c) => c.trim() !== '')!;
          sink.add(diag('table.row-too-long', { count: cells.length, expected: names.length, column, value }, loc(file, sheet, raw.row, column), value));
          continue;
        }
        cells = cells.slice(0, names.length);
      }
    }
    if (requiredIdx.every((i, k) => normaliseHeader(cells[i] ?? '') === required[k])) {
      repeated.push(raw.row);
      continue;
    }
    if (raw.kinds && !cellsReadable(raw, readIndexes, names, table, sink)) continue;
    table.rows.push(new Row(raw.row, cells, raw.kinds, table));
    if (table.rows.length > maxRows) {
      sink.add(diag('table.too-many-rows', { limit: maxRows }, loc(file, sheet, raw.row)));
      return done(emptyTable(file, format, sheet));
    }
  }

  blanks.sort((a, b) => a - b);
  const middle = blanks.filter((l) => l < lastDataLine && l > header.row);
  const trailing = blanks.filter((l) => l > lastDataLine);
  if (middle.length > 0) {
    sink.add(diag('table.blank-lines', { count: middle.length, rows: middle.slice(0, 5).join(', ') }, loc(file, sheet, middle[0]!)));
  }
  if (trailing.length > 0) {
    sink.add(diag('table.trailing-blank-lines', { count: trailing.length }, loc(file, sheet, trailing[0]!)));
  }
  if (repeated.length > 0) {
    sink.add(diag('table.repeated-header', { count: repeated.length, rows: repeated.slice(0, 5).join(', ') }, loc(file, sheet, repeated[0]!)));
  }
  if (table.rows.length === 0 && !sink.hasErrors) {
    sink.add(diag(options.allowEmpty ? 'table.no-data-allowed' : 'table.no-data', {}, loc(file, sheet, header.row)));
  }
  return done(table);
}

function loc(file: string, sheet: string | undefined, row: number, column?: string): SourceLocation {
  return { file, ...(sheet !== undefined ? { sheet } : {}), ...(row > 0 ? { row } : {}), ...(column !== undefined ? { column } : {}) };
}

function columnName(format: TableFormat, index: number): string {
  return format === 'xlsx' ? columnLetter(index) : String(index + 1);
}

function excerpt(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/** Reports xlsx cells that cannot be read in columns that are read; false when the row must be left out. */
function cellsReadable(raw: RawRow, readIndexes: readonly number[], names: readonly string[], table: Table, sink: DiagnosticSink): boolean {
  let ok = true;
  for (const i of readIndexes) {
    const kind = raw.kinds![i];
    if (kind !== 'error' && kind !== 'no-result' && kind !== 'unsupported') continue;
    const address = `${table.sheet ?? ''}!${columnLetter(i)}${raw.row}`;
    const location = table.at(raw.row, names[i]);
    const text = raw.cells[i] ?? '';
    if (kind === 'error') sink.add(diag('xlsx.error-cell', { address, value: text }, location, text));
    else if (kind === 'no-result') sink.add(diag('xlsx.formula-without-result', { address, formula: text }, location, `=${text}`));
    else sink.add(diag('xlsx.unsupported-cell', { address }, location, text));
    ok = false;
  }
  return ok;
}

/** The first `n` lines of LF-normalised text with their 1-based numbers. */
function firstLines(text: string, n: number): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  let offset = 0;
  for (let line = 1; line <= n && offset < text.length; line++) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    out.push({ line, text: text.slice(offset, end) });
    offset = end + 1;
  }
  return out;
}

function searchHeaderCsv(lines: ReadonlyArray<{ line: number; text: string }>, delimiters: readonly Delimiter[], required: readonly string[]): HeaderSearch {
  let best: HeaderSearch | null = null;
  let bestCount = 0;
  let firstNonBlank: { line: number; text: string } | null = null;
  for (const l of lines) {
    if (l.text.trim() === '') continue;
    firstNonBlank ??= l;
    for (const d of delimiters) {
      const fields = splitLine(l.text, d);
      const count = countMatches(fields, required);
      if (count === required.length) return { found: true, row: l.line, fields, raw: l.text, delimiter: d };
      if (count > bestCount) {
        bestCount = count;
        best = { found: false, row: l.line, fields, raw: l.text, delimiter: d };
      }
    }
  }
  if (best) return best;
  if (!firstNonBlank) return { found: false, row: 0, fields: [], raw: '' };
  const d = delimiters.length === 1 ? delimiters[0]! : (guessDelimiter(firstNonBlank.text) ?? ';');
  return { found: false, row: firstNonBlank.line, fields: splitLine(firstNonBlank.text, d), raw: firstNonBlank.text, delimiter: d };
}

function searchHeader(rows: ReadonlyArray<{ row: number; fields: string[]; raw: string }>, required: readonly string[]): HeaderSearch {
  let best: HeaderSearch | null = null;
  let bestCount = 0;
  for (const r of rows) {
    const count = countMatches(r.fields, required);
    if (count === required.length) return { found: true, ...r };
    if (count > bestCount) {
      bestCount = count;
      best = { found: false, ...r };
    }
  }
  const first = rows.find((r) => !isBlank(r.fields));
  return best ?? (first ? { found: false, ...first } : { found: false, row: 0, fields: [], raw: '' });
}

function showDelimiter(d: string): string {
  return d === '\t' ? 'tabb' : `'${d}'`;
}

function missingColumnsDiagnostic(
  file: string,
  sheet: string | undefined,
  best: HeaderSearch,
  required: readonly string[],
  declaredDelimiter: 'auto' | Delimiter,
  format: TableFormat,
): Diagnostic {
  const foundNames = best.fields.map(normaliseHeader).filter((f) => f !== '');
  const foundSet = new Set(foundNames);
  const missing = required.filter((r) => !foundSet.has(r));
  let hint = '';
  if (format === 'csv' && best.raw !== '') {
    const looks = guessDelimiter(best.raw);
    if (looks && looks !== best.delimiter && foundNames.length <= Math.max(1, required.length - 1)) {
      hint = ` Avgränsaren ser ut att vara ${showDelimiter(looks)}${declaredDelimiter === 'auto' ? '' : ` men källan anger ${showDelimiter(declaredDelimiter)}`}; ange delimiter: ${looks === '\t' ? '"\\t"' : `"${looks}"`} för källan.`;
    }
  }
  if (best.row === 0) hint += ' Ingen rad i filen har några kolumnrubriker.';
  return diag(
    'table.missing-columns',
    {
      missing: missing.join(', '),
      expected: required.join(', '),
      found: foundNames.map((f) => `'${f}'`).join(', '),
      value: excerpt(best.raw),
      hint,
    },
    loc(file, sheet, best.row, missing[0]),
    best.raw,
  );
}

// --- column readers shared by the source readers --------------------------------------------------------------

/**
 * Reads one amount column row by row: parses with the source's profile and unit, reports issues with the row's
 * location, counts empty cells (one info line) and xlsx numbers stored as text (one warning line).
 */
export class AmountColumn {
  /** Rows whose cell could not be read. */
  errors = 0;
  private empty = 0;
  private textNumbers = 0;
  private textExample: { value: string; row: number } | null = null;
  private readonly index: number | undefined;
  readonly present: boolean;

  constructor(
    private readonly table: TableData,
    readonly column: string,
    private readonly options: AmountOptions,
    private readonly required: boolean,
    private readonly sink: DiagnosticSink,
  ) {
    this.index = table.columnIndex(column);
    this.present = this.index !== undefined;
  }

  /** öre; `null` for an empty optional cell or an absent column; `undefined` when the cell is in error (reported). */
  read(row: TableRow): Ore | null | undefined {
    if (this.index === undefined) return null;
    const raw = row.cells[this.index] ?? '';
    const p = parseAmount(raw, this.options, this.required);
    if (p === null) {
      this.empty++;
      return null;
    }
    if (!isAmountIssue(p)) {
      if (this.table.format === 'xlsx' && row.kind(this.column) === 'text') this.noteTextNumber(raw, row.row);
      return p;
    }
    this.sink.add(amountDiagnostic(p, raw, this.table.at(row.row, this.column), this.options));
    if (p.value === null) {
      this.errors++;
      return undefined;
    }
    return p.value;
  }

  private noteTextNumber(raw: string, row: number): void {
    this.textNumbers++;
    this.textExample ??= { value: raw, row };
  }

  /** Adds the summary lines. */
  finish(): void {
    const column = normaliseHeader(this.column);
    if (this.empty > 0) this.sink.add(diag('table.empty-amounts', { count: this.empty, column }, this.table.at(0, column)));
    if (this.textNumbers > 0 && this.textExample) {
      const e = this.textExample;
      this.sink.add(diag('xlsx.number-as-text', { count: this.textNumbers, column, example: e.value, exampleRow: e.row }, this.table.at(e.row, column), e.value));
    }
  }
}

/**
 * Reads the period of each row from one column (`period`) or two (`year` + `month`), caching by text (a ledger has
 * a few dozen distinct periods in thousands of rows) and requiring one format throughout the column.
 */
export class PeriodColumn {
  errors = 0;
  private readonly cache = new Map<string, PeriodParse>();
  private first: { format: PeriodFormat; value: string; row: number } | null = null;
  private readonly label: string;

  constructor(
    private readonly table: TableData,
    private readonly columns: { readonly period: string } | { readonly year: string; readonly month: string },
    private readonly sink: DiagnosticSink,
    /** Require one format in the column (ledgers: mixed formats hint at mixed month and year-to-date rows). */
    private readonly oneFormat = true,
  ) {
    this.label = 'period' in columns ? columns.period : `${columns.year}/${columns.month}`;
  }

  /** YYYYMM, or undefined when the cell is in error (reported). */
  read(row: TableRow): number | undefined {
    let raw: string;
    let p: PeriodParse;
    let column: string;
    if ('period' in this.columns) {
      column = this.columns.period;
      raw = row.values(column) ?? '';
      const numeric = this.table.format === 'xlsx' && row.kind(column) === 'number';
      const key = numeric ? `#${raw}` : raw;
      const cached = this.cache.get(key);
      if (cached) p = cached;
      else {
        p = parsePeriod(raw, { numericCell: numeric, date1904: this.table.date1904 });
        if (this.cache.size < 10_000) this.cache.set(key, p);
      }
    } else {
      column = this.columns.year;
      const y = row.values(this.columns.year) ?? '';
      const m = row.values(this.columns.month) ?? '';
      raw = `${y} ${m}`;
      p = parseYearAndMonth(y, m);
      if (isPeriodIssue(p) && y.trim() !== '' && /^\d{2,4}$/.test(y.trim())) column = this.columns.month;
    }
    const location = this.table.at(row.row, column);
    if (isPeriodIssue(p)) {
      this.errors++;
      this.sink.add(periodDiagnostic(p, raw, location));
      return undefined;
    }
    if (!this.first) this.first = { format: p.format, value: raw, row: row.row };
    else if (this.oneFormat && this.first.format !== p.format) {
      this.errors++;
      this.sink.add(
        diag('period.mixed-format', { value: raw, column: normaliseHeader(column), first: this.first.value, firstRow: this.first.row }, location, raw),
      );
      return undefined;
    }
    return p.period;
  }

  get columnLabel(): string {
    return this.label;
  }
}

/**
 * A code or text cell: trimmed and NFC-normalised. With `required`, an empty cell is reported
 * (`table.missing-value`) and `undefined` returned.
 */
export function readText(table: TableData, row: TableRow, column: string, required: boolean, sink: DiagnosticSink): string | undefined {
  const raw = row.values(column);
  const text = raw === undefined ? '' : raw.trim().normalize('NFC');
  if (text === '' && required) {
    sink.add(diag('table.missing-value', { column: normaliseHeader(column) }, table.at(row.row, column), raw ?? ''));
    return undefined;
  }
  return text;
}
