import { Diagnostics, type Diagnostic, type SourceLocation } from '../model/diagnostics.js';
import type { Ore } from '../model/ore.js';
import { diag } from '../messages/index.js';
import { decodeText, type DeclaredEncoding } from '../io/decode.js';
import { resolveFormat, type TableFormat } from '../io/format.js';
import { CsvStream, DELIMITERS, normaliseNewlines, offsetOfLine, parseCsv, countLines, type Delimiter } from '../io/csv.js';
import { TextStreamDecoder, type NotUtf8 } from '../io/text-stream.js';
import { columnLetter, readXlsxSheet, type CellKind, type XlsxLimits } from '../io/xlsx.js';
import type { ReadResult, SourceInput } from '../model/records.js';
import { amountDiagnostic, isAmountIssue, parseAmount, type AmountOptions } from './parse-amount.js';
import { parseYearAndMonth, PeriodFormats, type PeriodParse } from './parse-period.js';
import {
  checkHeaderNames,
  DEFAULT_HEADER_SEARCH_ROWS,
  excerpt,
  firstLines,
  HeaderIndex,
  missingColumnsDiagnostic,
  normaliseHeader,
  searchHeader,
  searchHeaderCsv,
  type HeaderSearch,
} from './header.js';

/**
 * The generic table layer every reader builds on: bytes → a header and rows of text cells, with the structural
 * checks done once for all sources.
 *
 * - Format: `format` from the config, or by extension and magic bytes (`resolveFormat`).
 * - CSV: decoded (`io/decode.ts`), line endings normalised, delimiter from the config or detected from the header
 *   line, parsed strictly (`io/csv.ts`). XLSX: one sheet (`io/xlsx.ts`).
 * - The header (header.ts) is the first row within the first `headerSearchRows` (30) rows that contains every
 *   required column, so report titles and metadata lines above it are skipped. Matching is exact after NFC, NBSP → space and
 *   trimming; a header that needed that normalisation gets a warning. No row with all required columns → error
 *   listing missing and found headers, with a hint when the header looks like one field joined by another
 *   delimiter.
 * - Header names `__proto__`, `constructor` and `prototype` are refused, and cells are looked up through a `Map`,
 *   so no header can reach an object key. A duplicated header is an error when the column is read (which of the two
 *   would be meant?), a warning otherwise.
 * - Rows: a short or long CSV row is an error naming the first missing column or the extra value (extra trailing
 *   fields that are all empty are tolerated: nothing is lost — except in a ,-separated file whose other rows fit
 *   the header, where an unquoted decimal comma splits a value in two and the extra field is the row's own empty
 *   last one: `1001,Löner,5000,50,` would read utfall 5000 and budget 50, so such a row is an error). Blank and delimiter-only rows in the middle are
 *   skipped with a warning (never a row of zeros); blank rows at the end are counted (info). A repeated header row
 *   (page breaks in report exports) is skipped with a warning. An xlsx error cell (#REF!) or a formula without a
 *   cached result in a column that is read is an error with its address, and the row is left out.
 * - A header without data rows is an error (a warning with `allowEmpty`).
 *
 * `readTable` always returns a `TableData`; when a diagnostic is an error the table may be empty or partial and
 * must not be used for figures. Check with `hasErrors(result.diagnostics)`.
 */

export type { CellKind } from '../io/xlsx.js';
export { resolveFormat, type TableFormat } from '../io/format.js';
export { normaliseHeader } from './header.js';

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
  /** Accept mojibake-like text as it is (library option; no command-line flag). */
  readonly acceptMojibake?: boolean;
  /** A header without data rows is a warning instead of an error (library option; no command-line flag). */
  readonly allowEmpty?: boolean;
  /** How many rows from the top may hold titles before the header. Default 30. */
  readonly headerSearchRows?: number;
  /** Largest number of data rows. Default: none for CSV (its size limit bounds it), 5 000 000 for xlsx. */
  readonly maxRows?: number;
  /** Largest CSV file in bytes. Default 256 MiB for `readTable`; none for a streamed table (the ledger, the HR extracts) unless given. */
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

/**
 * A table's header and what its cell readers need of it — everything of `TableData` but the rows, so a reader that
 * gets its rows one by one (from `streamCsvTable`: the HR extracts, the general ledger reader) can use the same cell
 * readers.
 */
export interface TableHead {
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
  /** The workbook uses the 1904 date system (for Excel serial numbers in text-free period columns). */
  readonly date1904: boolean;
  has(column: string): boolean;
  /** Index into `TableRow.cells` of a column (first occurrence), for readers that read many rows. */
  columnIndex(column: string): number | undefined;
  /** Location for a diagnostic: file, sheet, row and column. */
  at(row: number, column?: string): SourceLocation;
}

export interface TableData extends TableHead {
  /** Data rows in file order, without title, header, blank, repeated-header and defective rows. */
  readonly rows: readonly TableRow[];
}

const DEFAULT_MAX_ROWS = 5_000_000;

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
  private readonly index: HeaderIndex;

  constructor(
    readonly file: string,
    readonly format: TableFormat,
    readonly header: readonly string[],
    readonly headerRow: number,
    readonly date1904: boolean,
    readonly sheet?: string,
    readonly delimiter?: Delimiter,
  ) {
    this.index = new HeaderIndex(header);
  }

  columnIndex(column: string): number | undefined {
    return this.index.get(column);
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

/** A table without header or rows (a file that could not be read at all). */
export function emptyTableData(file: string, format: TableFormat = 'csv'): TableData {
  return emptyTable(file, format);
}

interface RawRow {
  readonly row: number;
  readonly cells: string[];
  readonly kinds: CellKind[] | null;
}

/** The file's rows from the header on, as the first step of `readTable` finds them. */
interface RawTable {
  readonly header: HeaderSearch;
  /** Rows from the header row on; empty when no header was found. */
  readonly rows: readonly RawRow[];
  /** Lines the CSV parser found blank (not in `rows`). */
  readonly blankLines: readonly number[];
  /** Title lines above a CSV header; report exports repeat them after page breaks. */
  readonly titles: ReadonlySet<string>;
  readonly sheet?: string;
  readonly date1904: boolean;
}

/** What the steps of one `readTable` share. */
interface TableRead {
  readonly file: string;
  readonly format: TableFormat;
  readonly sink: DiagnosticSink;
  /** Required and optional columns, normalised. */
  readonly required: readonly string[];
  readonly optional: readonly string[];
  readonly searchRows: number;
  readonly maxRows: number;
  readonly allowEmpty: boolean;
}

/** What the row step leaves for the summary lines. */
interface RowFindings {
  /** Blank lines and blank rows, in no particular order. */
  readonly blanks: number[];
  /** Repeated header and title rows. */
  readonly repeated: number[];
  readonly lastDataLine: number;
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

/** Bytes → header and rows: the sheet or the CSV text, the header, the rows, then the summary lines. */
export async function readTable(input: SourceInput, spec: TableSpec, options: ReadOptions = {}): Promise<ReadResult<TableData>> {
  const read: TableRead = {
    file: input.displayName,
    format: resolveFormat(input, spec.format ?? 'auto'),
    sink: new DiagnosticSink(options.maxDiagnosticsPerCode ?? 50),
    required: spec.required.map(normaliseHeader),
    optional: (spec.optional ?? []).map(normaliseHeader),
    searchRows: options.headerSearchRows ?? DEFAULT_HEADER_SEARCH_ROWS,
    maxRows: options.maxRows ?? (resolveFormat(input, spec.format ?? 'auto') === 'xlsx' ? DEFAULT_MAX_ROWS : Infinity),
    allowEmpty: options.allowEmpty ?? false,
  };
  const done = (table: Table): ReadResult<TableData> => ({ value: table, diagnostics: read.sink.finish(read.file) });

  const raw = read.format === 'xlsx' ? await xlsxRows(read, input, spec, options) : csvRows(read, input, spec, options);
  if (raw instanceof Table) return done(raw);
  if (!raw.header.found) {
    const location = loc(read.file, raw.sheet, 0);
    read.sink.add(missingColumnsDiagnostic(location, raw.header, read.required, spec.delimiter ?? 'auto', read.format));
    return done(emptyTable(read.file, read.format, raw.sheet));
  }
  const table = headerTable(read, raw);
  const findings = collectRows(read, raw, table);
  if (!findings) return done(emptyTable(read.file, read.format, raw.sheet));
  reportSkippedRows(read, raw, table, findings);
  return done(table);
}

/** Step 1 (xlsx): the sheet's rows and the header among its first rows; an empty table when there is nothing to read. */
async function xlsxRows(read: TableRead, input: SourceInput, spec: TableSpec, options: ReadOptions): Promise<RawTable | Table> {
  const { file, sink } = read;
  const xl = await readXlsxSheet(input, { sheet: spec.sheet, limits: options.xlsxLimits ?? {} });
  sink.addAll(xl.diagnostics);
  if (!xl.value) return emptyTable(file, 'xlsx');
  const sheet = xl.value.name;
  const rows = xl.value.rows;
  if (rows.length > read.maxRows + read.searchRows) {
    sink.add(diag('table.too-many-rows', { limit: read.maxRows }, { file, sheet }));
    return emptyTable(file, 'xlsx', sheet);
  }
  const firstRow = rows[0]?.row ?? 1;
  const candidates = rows.filter((r) => r.row < firstRow + read.searchRows);
  const header = searchHeader(
    candidates.map((r) => ({ row: r.row, fields: r.cells, raw: r.cells.join(' | ') })),
    read.required,
  );
  const headerIndex = rows.findIndex((r) => r.row === header.row);
  return { header, rows: header.found ? rows.slice(headerIndex) : [], blankLines: [], titles: new Set(), sheet, date1904: xl.value.date1904 };
}

/**
 * Step 1 (CSV): decoded, line endings normalised, the header among the first lines (with the delimiter from the
 * config or the one that finds it), then the records from the header on; an empty table when there is nothing to read.
 */
function csvRows(read: TableRead, input: SourceInput, spec: TableSpec, options: ReadOptions): RawTable | Table {
  const { file, sink } = read;
  const decoded = decodeText(input, {
    encoding: spec.encoding ?? 'auto',
    ...(options.acceptMojibake !== undefined ? { acceptMojibake: options.acceptMojibake } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
  });
  sink.addAll(decoded.diagnostics);
  if (!decoded.value) return emptyTable(file, 'csv');
  const text = normaliseNewlines(decoded.value.text);
  const lines = firstLines(text, read.searchRows);
  const delimiters: readonly Delimiter[] = !spec.delimiter || spec.delimiter === 'auto' ? DELIMITERS : [spec.delimiter];
  const header = searchHeaderCsv(lines, delimiters, read.required);
  const titles = new Set<string>();
  if (!header.found) return { header, rows: [], blankLines: [], titles, date1904: false };
  for (const l of lines) if (l.line < header.row && l.text.trim() !== '') titles.add(l.text.trim());
  if (countLines(text) - header.row > read.maxRows) {
    sink.add(diag('table.too-many-rows', { limit: read.maxRows }, { file }));
    return emptyTable(file, 'csv');
  }
  const csv = parseCsv(text, {
    delimiter: header.delimiter!,
    displayName: file,
    startLine: header.row,
    ...(options.maxRecordSize !== undefined ? { maxRecordSize: options.maxRecordSize } : {}),
  });
  sink.addAll(csv.diagnostics);
  const rows = csv.records.map((r) => ({ row: r.line, cells: r.fields, kinds: null }));
  if (rows[0]?.row !== header.row) {
    // The strict parser did not see the header where the search did (a quote problem on that line).
    if (!sink.hasErrors) sink.add(diag('csv.parse-error', { code: 'HEADER', detail: 'rubrikraden går inte att läsa' }, { file, row: header.row }));
    return emptyTable(file, 'csv');
  }
  return { header, rows, blankLines: csv.blankLines, titles, date1904: false };
}

/** Step 2: the header names checked (header.ts), and the table they define. */
function headerTable(read: TableRead, raw: RawTable): Table {
  const requested = new Set([...read.required, ...read.optional]);
  const at = (column: string): SourceLocation => loc(read.file, raw.sheet, raw.header.row, column);
  const { names, diagnostics } = checkHeaderNames(raw.rows[0]!.cells, requested, read.format, at);
  read.sink.addAll(diagnostics);
  return new Table(read.file, read.format, names, raw.header.row, raw.date1904, raw.sheet, raw.header.delimiter);
}

/**
 * Step 3: the data rows into the table — blank rows, repeated headers and titles, rows of the wrong length and
 * unreadable xlsx cells left out. Null when there are more rows than `maxRows` (reported).
 */
function collectRows(read: TableRead, raw: RawTable, table: Table): RowFindings | null {
  const { required, sink } = read;
  // Columns whose xlsx error cells matter.
  const readIndexes = [...new Set([...required, ...read.optional])].map((c) => table.columnIndex(c)).filter((i): i is number => i !== undefined);
  const requiredIdx = required.map((c) => table.columnIndex(c)!);
  const found: RowFindings = { blanks: [...raw.blankLines], repeated: [], lastDataLine: raw.header.row };
  let lastDataLine = raw.header.row;
  const mixed = read.format === 'csv' && raw.header.delimiter === ',' && mixedTrailingFields(raw, table.header.length);
  for (let r = 1; r < raw.rows.length; r++) {
    const row = raw.rows[r]!;
    if (isBlank(row.cells)) {
      found.blanks.push(row.row);
      continue;
    }
    lastDataLine = row.row;
    let cells = row.cells;
    if (read.format === 'csv') {
      const fitted = fitCsvCells(row.cells, table.header, raw.header.delimiter ?? ';', raw.titles, mixed, read.sink, { file: read.file, sheet: raw.sheet, row: row.row });
      if (fitted === 'title') found.repeated.push(row.row);
      if (typeof fitted !== 'object') continue;
      cells = fitted;
    }
    if (requiredIdx.every((i, k) => normaliseHeader(cells[i] ?? '') === required[k])) {
      found.repeated.push(row.row);
      continue;
    }
    if (row.kinds && !cellsReadable(row, readIndexes, table.header, table, sink)) continue;
    table.rows.push(new Row(row.row, cells, row.kinds, table));
    if (table.rows.length > read.maxRows) {
      sink.add(diag('table.too-many-rows', { limit: read.maxRows }, loc(read.file, raw.sheet, row.row)));
      return null;
    }
  }
  return { ...found, lastDataLine };
}

/**
 * A CSV record against the header: its cells (extra trailing empty fields dropped: nothing is lost), `title` for a
 * title line repeated after a page break, or `short`/`long` for a row with missing or extra values (reported into
 * `sink` at `row` of `file`). The whole-file reader and the streaming one (`CsvTableStream`) both fit rows here.
 */
function fitCsvCells(
  cells: string[],
  names: readonly string[],
  delimiter: string,
  titles: ReadonlySet<string>,
  mixed: boolean,
  sink: DiagnosticSink,
  at: { readonly file: string; readonly sheet: string | undefined; readonly row: number },
): string[] | 'title' | 'short' | 'long' {
  const where = (column: string) => loc(at.file, at.sheet, at.row, column);
  if (cells.length < names.length && titles.size > 0 && titles.has(cells.join(delimiter).trim())) return 'title';
  if (cells.length < names.length) {
    const column = names[cells.length] || `kolumn ${cells.length + 1}`;
    const value = excerpt(cells.join(delimiter));
    sink.add(diag('table.row-too-short', { count: cells.length, expected: names.length, column, value }, where(column), value));
    return 'short';
  }
  if (cells.length > names.length) {
    const extra = cells.slice(names.length);
    const column = names[names.length - 1] ?? '';
    if (extra.some((c) => c.trim() !== '')) {
      const value = extra.find((c) => c.trim() !== '')!;
      sink.add(diag('table.row-too-long', { count: cells.length, expected: names.length, column, value }, where(column), value));
      return 'long';
    }
    if (mixed) {
      const value = excerpt(cells.join(delimiter));
      sink.add(diag('table.row-extra-empty-field', { count: cells.length, expected: names.length, column, value }, where(column), value));
      return 'long';
    }
    return cells.slice(0, names.length);
  }
  return cells;
}

/**
 * Whether some data rows fit the header exactly while others carry extra fields that are all empty: then the extra
 * field is not a trailing delimiter of the export but a value shifted by one column.
 */
function mixedTrailingFields(raw: RawTable, width: number): boolean {
  let exact = false;
  let extra = false;
  for (let r = 1; r < raw.rows.length; r++) {
    const cells = raw.rows[r]!.cells;
    if (isBlank(cells)) continue;
    if (cells.length === width) exact = true;
    else if (cells.length > width && cells.slice(width).every((c) => c.trim() === '')) extra = true;
    if (exact && extra) return true;
  }
  return false;
}

/** Step 4: one line each for blank rows (in the middle, at the end), repeated headers, and a table without data. */
function reportSkippedRows(read: TableRead, raw: RawTable, table: Table, found: RowFindings): void {
  const { file, sink } = read;
  const headerRow = raw.header.row;
  const blanks = [...found.blanks].sort((a, b) => a - b);
  const middle = blanks.filter((l) => l < found.lastDataLine && l > headerRow);
  const trailing = blanks.filter((l) => l > found.lastDataLine);
  if (middle.length > 0) sink.add(blankLinesDiagnostic(middle.length, middle, loc(file, raw.sheet, middle[0]!)));
  if (trailing.length > 0) sink.add(trailingBlankLinesDiagnostic(trailing.length, loc(file, raw.sheet, trailing[0]!)));
  const repeated = found.repeated;
  if (repeated.length > 0) {
    sink.add(diag('table.repeated-header', { count: repeated.length, rows: repeated.slice(0, 5).join(', ') }, loc(file, raw.sheet, repeated[0]!)));
  }
  if (table.rows.length === 0 && !sink.hasErrors) {
    sink.add(diag(read.allowEmpty ? 'table.no-data-allowed' : 'table.no-data', {}, loc(file, raw.sheet, headerRow)));
  }
}

/** Blank rows between the header and the last data row, skipped: how many, the first five, at the first. */
export function blankLinesDiagnostic(count: number, firstRows: readonly number[], location: SourceLocation): Diagnostic {
  return diag('table.blank-lines', { count, rows: firstRows.slice(0, 5).join(', ') }, location);
}

/** Blank rows after the last data row. */
export function trailingBlankLinesDiagnostic(count: number, location: SourceLocation): Diagnostic {
  return diag('table.trailing-blank-lines', { count }, location);
}

function loc(file: string, sheet: string | undefined, row: number, column?: string): SourceLocation {
  return { file, ...(sheet !== undefined ? { sheet } : {}), ...(row > 0 ? { row } : {}), ...(column !== undefined ? { column } : {}) };
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

// --- column readers shared by the source readers --------------------------------------------------------------

/** Empty cells of an amount column, read as "no value" (never 0): one line with the count. */
export function emptyAmountsDiagnostic(count: number, column: string, location: SourceLocation): Diagnostic {
  return diag('table.empty-amounts', { count, column }, location);
}

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
    if (this.empty > 0) this.sink.add(emptyAmountsDiagnostic(this.empty, column, this.table.at(0, column)));
    if (this.textNumbers > 0 && this.textExample) {
      const e = this.textExample;
      this.sink.add(diag('xlsx.number-as-text', { count: this.textNumbers, column, example: e.value, exampleRow: e.row }, this.table.at(e.row, column), e.value));
    }
  }
}

/**
 * Reads the period of each row from one column (`period`) or two (`year` + `month`), with the column's period rules
 * (`PeriodFormats`: parsed once per distinct text, one format throughout the column).
 */
export class PeriodColumn {
  errors = 0;
  private readonly formats: PeriodFormats;
  private readonly label: string;

  constructor(
    private readonly table: TableHead,
    private readonly columns: { readonly period: string } | { readonly year: string; readonly month: string },
    private readonly sink: DiagnosticSink,
    /** Require one format in the column (ledgers: mixed formats hint at mixed month and year-to-date rows). */
    oneFormat = true,
  ) {
    this.formats = new PeriodFormats(oneFormat);
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
      p = this.formats.parse(raw, numeric ? `#${raw}` : raw, { numericCell: numeric, date1904: this.table.date1904 });
    } else {
      column = this.columns.year;
      const y = row.values(this.columns.year) ?? '';
      const m = row.values(this.columns.month) ?? '';
      raw = `${y} ${m}`;
      p = parseYearAndMonth(y, m);
      if ('issue' in p && y.trim() !== '' && /^\d{2,4}$/.test(y.trim())) column = this.columns.month;
    }
    const period = this.formats.check(p, raw, row.row, this.table.at(row.row, column), column);
    if (typeof period === 'number') return period;
    this.errors++;
    this.sink.add(period);
    return undefined;
  }

  get columnLabel(): string {
    return this.label;
  }
}

/**
 * A code or text cell: trimmed and NFC-normalised. With `required`, an empty cell is reported
 * (`table.missing-value`) and `undefined` returned.
 */
export function readText(table: TableHead, row: TableRow, column: string, required: boolean, sink: DiagnosticSink): string | undefined {
  const raw = row.values(column);
  const text = raw === undefined ? '' : raw.trim().normalize('NFC');
  if (text === '' && required) {
    sink.add(diag('table.missing-value', { column: normaliseHeader(column) }, table.at(row.row, column), raw ?? ''));
    return undefined;
  }
  return text;
}

// --- the CSV table streamed -----------------------------------------------------------------------------------

/** A file's bytes, from the start each time it is called (a streamed table may need to read the file again). */
export type ByteChunks = () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** What a streamed table hands its rows to: told the table once its header is read, then given the rows one by one. */
export interface TableRowSink {
  /** The header is read (`table.rows` stays empty). False: no rows are wanted (the table is still read and checked). */
  start(table: TableData): boolean;
  row(row: TableRow): void;
}

/** What a reading of the file has learnt that the next reading must know from its start. */
interface StreamFacts {
  /** Under `auto`, the file is not UTF-8 (io/text-stream.ts). */
  readonly windows1252?: NotUtf8;
  /** The CSV needs csv-parse (`parseCsv` would not take the byte tokenizer's reading). */
  readonly strict: boolean;
  /** A ,-file mixes rows that fit the header with rows that carry an extra empty field (`mixedTrailingFields`). */
  readonly mixed: boolean;
}

/** The result of `streamCsvTable`: the table (no rows kept), `readTable`'s diagnostics, and the sink that got the rows. */
export interface StreamedTable<S extends TableRowSink> {
  readonly table: TableData;
  readonly diagnostics: Diagnostic[];
  /** The sink of the reading that counts, or null when no table was found (then it got nothing). */
  readonly sink: S | null;
  /** `sink.row` threw (an error the sink cannot report, like amounts beyond the exact range): rethrow it. */
  readonly thrown?: unknown;
}

/**
 * `readTable` for a CSV file read in chunks and never held whole: the same table and the same diagnostics, with the
 * rows handed to a sink one by one instead of kept (`TableData.rows` stays empty). Memory is what the sink keeps,
 * plus the first lines while the header is looked for and one record at a time.
 *
 * What `readTable` decides on the whole text before reading a row, or looking at all rows, is known here only at the
 * end; when it turns out to differ from what the reading assumed, the file is read again from the start with a new
 * sink, knowing it (at most three readings, and only for such files): the encoding under `auto` (a byte that is not
 * UTF-8 makes the file Windows-1252), whether csv-parse must read it (quote errors and the like; the byte tokenizer
 * reads everything else, as `parseCsv` does), and whether a ,-file mixes rows that fit the header with rows that
 * have an extra empty field. A file `readTable` refuses as a whole (decoding, no header, too many lines) gives its
 * diagnostics and an empty table, and the rows a sink got then do not count.
 */
export async function streamCsvTable<S extends TableRowSink>(
  chunks: ByteChunks,
  file: string,
  spec: TableSpec,
  options: ReadOptions,
  makeSink: () => S,
): Promise<StreamedTable<S>> {
  let facts: StreamFacts = { strict: false, mixed: false };
  for (;;) {
    const pass = new CsvTablePass(file, spec, options, facts, makeSink);
    const source = chunks();
    if (Symbol.asyncIterator in source) {
      for await (const chunk of source) if (!pass.push(chunk)) break;
    } else {
      for (const chunk of source) if (!pass.push(chunk)) break;
    }
    const again = pass.restart ?? pass.end();
    if (again) {
      facts = again;
      continue;
    }
    return pass.result();
  }
}

const STAGE_HEAD = 0;
const STAGE_ROWS = 1;
const STAGE_OFF = 2;

/** One reading of the file for `streamCsvTable`. */
class CsvTablePass<S extends TableRowSink> {
  /** The file must be read again, knowing this. */
  restart: StreamFacts | null = null;
  private readonly decoder: TextStreamDecoder;
  private readonly required: readonly string[];
  private readonly optional: readonly string[];
  private readonly searchRows: number;
  private stage = STAGE_HEAD;
  /** The first lines (LF-normalised) while the header is looked for. */
  private head = '';
  private headLines = 0;
  private header: HeaderSearch | null = null;
  private titles = new Set<string>();
  private csv: CsvStream | null = null;
  private table: Table | null = null;
  private sink: S | null = null;
  private wantRows = false;
  private thrown: unknown = undefined;
  private firstRecord = true;
  private headerMismatch = false;
  private headerDiagnostics: Diagnostic[] = [];
  private readonly rowDiagnostics: DiagnosticSink;
  private requiredIdx: number[] = [];
  private width = 0;
  // Rows.
  private rowCount = 0;
  private lastDataLine = 0;
  private pendingBlanks = 0;
  private pendingFirst = 0;
  /** The first five blank lines since the last non-blank row. */
  private readonly pendingRows: number[] = [];
  private middleBlanks = 0;
  private readonly middleRows: number[] = [];
  private repeated = 0;
  private readonly repeatedRows: number[] = [];
  private exactSeen = false;
  private extraSeen = false;
  private extraTaken = false;

  constructor(
    private readonly file: string,
    private readonly spec: TableSpec,
    private readonly options: ReadOptions,
    private readonly facts: StreamFacts,
    private readonly makeSink: () => S,
  ) {
    this.decoder = new TextStreamDecoder(file, {
      encoding: spec.encoding ?? 'auto',
      acceptMojibake: options.acceptMojibake ?? false,
      windows1252: facts.windows1252,
    });
    this.required = spec.required.map(normaliseHeader);
    this.optional = (spec.optional ?? []).map(normaliseHeader);
    this.searchRows = options.headerSearchRows ?? DEFAULT_HEADER_SEARCH_ROWS;
    this.rowDiagnostics = new DiagnosticSink(options.maxDiagnosticsPerCode ?? 50);
  }

  /** The next chunk; false when reading on is of no use (the file must be read again). */
  push(chunk: Uint8Array): boolean {
    this.text(this.decoder.push(chunk));
    this.checkRestart();
    return this.restart === null;
  }

  /** End of input: facts for another reading, or null when this reading is the result. */
  end(): StreamFacts | null {
    this.text(this.decoder.end());
    this.checkRestart();
    if (this.restart) return this.restart;
    if (this.stage === STAGE_HEAD && !this.decoder.refused) this.findHeader();
    this.csv?.end();
    this.checkRestart();
    return this.restart;
  }

  private checkRestart(): void {
    if (this.restart) return;
    if (this.decoder.restart) this.restart = { ...this.facts, windows1252: this.decoder.restart };
    else if (this.csv?.failed) this.restart = { ...this.facts, strict: true };
    else if (this.extraTaken && this.exactSeen && !this.facts.mixed) this.restart = { ...this.facts, mixed: true };
  }

  private text(piece: string): void {
    if (piece === '') return;
    if (this.stage === STAGE_HEAD) {
      this.head += piece;
      for (let i = piece.indexOf('\n'); i >= 0; i = piece.indexOf('\n', i + 1)) this.headLines++;
      if (this.headLines >= this.searchRows) this.findHeader();
      return;
    }
    this.csv?.push(piece);
  }

  /** The header among the first lines, as `csvRows` finds it; then the records from its line on. */
  private findHeader(): void {
    const text = this.head;
    this.head = '';
    const lines = firstLines(text, this.searchRows);
    const delimiters: readonly Delimiter[] = !this.spec.delimiter || this.spec.delimiter === 'auto' ? DELIMITERS : [this.spec.delimiter];
    const header = searchHeaderCsv(lines, delimiters, this.required);
    this.header = header;
    if (!header.found) {
      this.stage = STAGE_OFF;
      return;
    }
    for (const l of lines) if (l.line < header.row && l.text.trim() !== '') this.titles.add(l.text.trim());
    this.stage = STAGE_ROWS;
    this.csv = new CsvStream(
      {
        delimiter: header.delimiter!,
        displayName: this.file,
        startLine: header.row,
        ...(this.options.maxRecordSize !== undefined ? { maxRecordSize: this.options.maxRecordSize } : {}),
      },
      this.facts.strict,
      { record: (line, fields) => this.record(line, fields), blank: (line) => this.blank(line) },
    );
    this.csv.push(text.slice(offsetOfLine(text, header.row)));
  }

  private blank(line: number): void {
    if (this.pendingBlanks++ === 0) this.pendingFirst = line;
    if (this.pendingRows.length < 5) this.pendingRows.push(line);
  }

  private record(line: number, cells: string[]): void {
    if (this.firstRecord) {
      this.firstRecord = false;
      if (line !== this.header!.row) this.headerMismatch = true;
      else this.startTable(cells);
      return;
    }
    if (this.headerMismatch) return;
    // Blank lines before a non-blank row are in the middle.
    if (this.pendingBlanks > 0) {
      for (const r of this.pendingRows) if (this.middleRows.length < 5) this.middleRows.push(r);
      this.middleBlanks += this.pendingBlanks;
      this.pendingBlanks = 0;
      this.pendingRows.length = 0;
    }
    this.lastDataLine = line;
    const width = this.width;
    if (cells.length === width) this.exactSeen = true;
    else if (cells.length > width && cells.slice(width).every((c) => c.trim() === '')) this.extraSeen = true;
    const mixed = this.header!.delimiter === ',' && (this.facts.mixed || (this.exactSeen && this.extraSeen));
    const fitted = fitCsvCells(cells, this.table!.header, this.header!.delimiter ?? ';', this.titles, mixed, this.rowDiagnostics, { file: this.file, sheet: undefined, row: line });
    if (fitted === 'title') this.noteRepeated(line);
    if (typeof fitted !== 'object') return;
    if (fitted !== cells && !mixed && this.header!.delimiter === ',') this.extraTaken = true;
    const required = this.required;
    if (this.requiredIdx.every((i, k) => normaliseHeader(fitted[i] ?? '') === required[k])) {
      this.noteRepeated(line);
      return;
    }
    this.rowCount++;
    if (!this.wantRows || this.thrown !== undefined) return;
    try {
      this.sink!.row(new Row(line, fitted, null, this.table!));
    } catch (e) {
      this.thrown = e;
    }
  }

  private noteRepeated(line: number): void {
    if (this.repeated++ < 5) this.repeatedRows.push(line);
  }

  /** The header record: its names checked (`headerTable`), the table, and the sink told. */
  private startTable(cells: string[]): void {
    const header = this.header!;
    const requested = new Set([...this.required, ...this.optional]);
    const at = (column: string): SourceLocation => loc(this.file, undefined, header.row, column);
    const { names, diagnostics } = checkHeaderNames(cells, requested, 'csv', at);
    this.headerDiagnostics = diagnostics;
    this.table = new Table(this.file, 'csv', names, header.row, false, undefined, header.delimiter);
    this.width = names.length;
    this.lastDataLine = header.row;
    this.requiredIdx = this.required.map((c) => this.table!.columnIndex(c)!);
    this.sink = this.makeSink();
    this.wantRows = this.sink.start(this.table);
  }

  /** `readTable`'s result: its diagnostics in its order, and the table (empty when it refuses the file). */
  result(): StreamedTable<S> {
    const file = this.file;
    const out = new DiagnosticSink(this.options.maxDiagnosticsPerCode ?? 50);
    const done = (table: Table, sink: S | null): StreamedTable<S> => ({
      table,
      diagnostics: out.finish(file),
      sink,
      ...(sink && this.thrown !== undefined ? { thrown: this.thrown } : {}),
    });
    const decoded = this.decoder.result();
    out.addAll(decoded.diagnostics);
    if (!decoded.ok) return done(emptyTable(file, 'csv'), null);
    const header = this.header!;
    if (!header.found) {
      out.add(missingColumnsDiagnostic(loc(file, undefined, 0), header, this.required, this.spec.delimiter ?? 'auto', 'csv'));
      return done(emptyTable(file, 'csv'), null);
    }
    const maxRows = this.options.maxRows ?? Infinity;
    if (this.csv!.lineCount - header.row > maxRows) {
      out.add(diag('table.too-many-rows', { limit: maxRows }, { file }));
      return done(emptyTable(file, 'csv'), null);
    }
    out.addAll(this.csv!.diagnostics);
    if (this.headerMismatch || this.firstRecord) {
      // The strict parser did not see the header where the search did (a quote problem on that line).
      if (!out.hasErrors) out.add(diag('csv.parse-error', { code: 'HEADER', detail: 'rubrikraden går inte att läsa' }, { file, row: header.row }));
      return done(emptyTable(file, 'csv'), null);
    }
    out.addAll(this.headerDiagnostics);
    replayDiagnostics(this.rowDiagnostics, out);
    // Step 4 of readTable: blank rows in the middle and at the end, repeated headers, no data.
    if (this.middleBlanks > 0) out.add(blankLinesDiagnostic(this.middleBlanks, this.middleRows, loc(file, undefined, this.middleRows[0]!)));
    if (this.pendingBlanks > 0) out.add(trailingBlankLinesDiagnostic(this.pendingBlanks, loc(file, undefined, this.pendingFirst)));
    if (this.repeated > 0) {
      out.add(diag('table.repeated-header', { count: this.repeated, rows: this.repeatedRows.join(', ') }, loc(file, undefined, this.repeatedRows[0]!)));
    }
    if (this.rowCount === 0 && !out.hasErrors) {
      out.add(diag(this.options.allowEmpty ? 'table.no-data-allowed' : 'table.no-data', {}, loc(file, undefined, header.row)));
    }
    return done(this.table!, this.sink);
  }
}

/**
 * Adds what one sink collected to another as if each had been added there: the kept diagnostics in order, then the
 * ones only counted (as copies of the first kept one of their code, which the target counts but does not keep).
 */
export function replayDiagnostics(from: DiagnosticSink, to: DiagnosticSink): void {
  const kept = new Map<string, { n: number; sample: Diagnostic }>();
  for (const d of from.all) {
    to.add(d);
    const k = kept.get(d.code);
    if (k) k.n++;
    else kept.set(d.code, { n: 1, sample: d });
  }
  for (const [code, count] of from.counts) {
    const k = kept.get(code)!;
    for (let i = k.n; i < count; i++) to.add(k.sample);
  }
}
