/**
 * An export's bytes → grids of text cells with their header found, without knowing any column name in advance.
 * This is what `rapport init --from` looks at; the readers of src/sources do the real reading afterwards.
 *
 * Reused, not rewritten: text decoding (`io/decode.ts`: BOM, strict UTF-8, else Windows-1252), the CSV parser
 * (`io/csv.ts`) and the xlsx reader (`io/xlsx.ts`). What is added here is only the sniffing:
 *
 * - Delimiter (CSV): of `;`, tab and `,`, the one whose most common field count over the first lines is highest
 *   (at least 2); `;` wins ties, as Swedish exports use it with the decimal comma.
 * - Header row: the first of the first 30 rows with at least two non-empty cells, no cell that looks like an amount
 *   or a period, and at least 60 % of the table's width filled — so report titles and metadata lines above the
 *   header are skipped (they have one cell, or mostly empty cells).
 * - Workbooks: every sheet is a grid of its own (a goal export keeps mål, indikatorer, uppdrag … on separate sheets).
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { SourceInput } from '../model/records.js';
import { decodeText, type ActualEncoding } from '../io/decode.js';
import { DELIMITERS, normaliseNewlines, parseCsv, splitLine, type Delimiter } from '../io/csv.js';
import { readXlsxSheet, type CellKind } from '../io/xlsx.js';
import { normaliseHeader, resolveFormat } from '../sources/index.js';

export interface Grid {
  /** The file as named to the user (relative to the folder looked at). */
  readonly file: string;
  readonly format: 'csv' | 'xlsx';
  /** Sheet name (xlsx). */
  readonly sheet?: string;
  /** Whether the workbook has more than one sheet (the config must then name the sheet). */
  readonly manySheets?: boolean;
  readonly encoding?: ActualEncoding;
  readonly hadBom?: boolean;
  readonly delimiter?: Delimiter;
  /** Header names, normalised (NFC, NBSP → space, trimmed). */
  readonly header: readonly string[];
  /** Line (CSV) or Excel row of the header, 1-based. */
  readonly headerRow: number;
  /** Non-empty rows above the header (report titles). */
  readonly titleRows: number;
  /** Data rows, cells aligned with the header ('' for empty), blank rows left out. */
  readonly rows: readonly (readonly string[])[];
  /** xlsx: the kind of each cell, aligned with `rows`. */
  readonly kinds?: readonly (readonly CellKind[])[];
}

export interface GridRead {
  readonly grids: Grid[];
  /** Why a file or sheet gave no grid (decoding errors, no header …). */
  readonly problems: Diagnostic[];
}

const HEADER_SEARCH_ROWS = 30;
const SAMPLE_LINES = 200;

/** A cell that is data, not a header name: an amount, a code of digits, a period or a date. */
function looksLikeData(cell: string): boolean {
  const t = cell.trim();
  return /^[-−+]?[\d\s\u00a0]+([,.]\d+)?-?$/.test(t) || /^\d{4}-\d{2}(-\d{2})?$/.test(t);
}

/** Index of the header among rows, or -1. `width`: the table's usual number of cells. */
function findHeader(rows: readonly (readonly string[])[], width: number): number {
  for (let i = 0; i < rows.length && i < HEADER_SEARCH_ROWS; i++) {
    const cells = rows[i]!.map((c) => c.trim()).filter((c) => c !== '');
    if (cells.length < 2 || cells.length < Math.ceil(width * 0.6)) continue;
    if (cells.some(looksLikeData)) continue;
    return i;
  }
  return -1;
}

function mode(values: readonly number[]): { value: number; count: number } {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = { value: 0, count: 0 };
  for (const [value, count] of counts) if (count > best.count || (count === best.count && value > best.value)) best = { value, count };
  return best;
}

/** The delimiter and table width of CSV text, from its first lines. */
export function sniffDelimiter(lines: readonly string[]): { delimiter: Delimiter; width: number } | null {
  let best: { delimiter: Delimiter; width: number; count: number } | null = null;
  for (const d of DELIMITERS) {
    const counts = lines.filter((l) => l.trim() !== '').map((l) => splitLine(l, d).length);
    const m = mode(counts);
    if (m.value < 2) continue;
    // More lines agreeing wins; then the wider table (a decimal comma splits amounts, but not every line alike).
    if (!best || m.count > best.count || (m.count === best.count && m.value > best.width && d !== ',')) {
      best = { delimiter: d, width: m.value, count: m.count };
    }
  }
  return best ? { delimiter: best.delimiter, width: best.width } : null;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

function fit<T>(cells: readonly T[], width: number, filler: T): T[] {
  const out = cells.slice(0, width);
  while (out.length < width) out.push(filler);
  return out;
}

async function readCsvGrid(input: SourceInput, problems: Diagnostic[]): Promise<Grid[]> {
  const decoded = decodeText(input, { encoding: 'auto' });
  // Windows-1252 is recorded in the configuration, so the decoder's note about it is not a problem here.
  problems.push(...decoded.diagnostics.filter((d) => d.code !== 'io.decoded-windows-1252'));
  if (!decoded.value) return [];
  const text = normaliseNewlines(decoded.value.text);
  const lines = text.split('\n', SAMPLE_LINES);
  const sniffed = sniffDelimiter(lines);
  if (!sniffed) return [];
  const split = lines.map((l) => splitLine(l, sniffed.delimiter));
  const at = findHeader(split, sniffed.width);
  if (at < 0) return [];
  const headerLine = at + 1;
  const csv = parseCsv(text, { delimiter: sniffed.delimiter, displayName: input.displayName, startLine: headerLine });
  problems.push(...csv.diagnostics);
  const [first, ...rest] = csv.records;
  if (!first || first.line !== headerLine) return [];
  const header = first.fields.map(normaliseHeader);
  return [
    {
      file: input.displayName,
      format: 'csv',
      encoding: decoded.value.encoding,
      hadBom: decoded.value.hadBom,
      delimiter: sniffed.delimiter,
      header,
      headerRow: headerLine,
      titleRows: split.slice(0, at).filter((c) => !isBlank(c)).length,
      rows: rest.filter((r) => !isBlank(r.fields)).map((r) => fit(r.fields, header.length, '')),
    },
  ];
}

/** The sheet names of a workbook with several sheets, from the reader's own message about them. */
function sheetNames(d: Diagnostic): string[] {
  return [...d.message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

async function readXlsxGrids(input: SourceInput, problems: Diagnostic[]): Promise<Grid[]> {
  const first = await readXlsxSheet(input, {});
  let sheets = first.value ? [first] : [];
  let many = false;
  const ambiguous = first.diagnostics.find((d) => d.code === 'xlsx.sheet-ambiguous');
  if (ambiguous) {
    many = true;
    sheets = [];
    for (const name of sheetNames(ambiguous)) sheets.push(await readXlsxSheet(input, { sheet: name }));
  } else problems.push(...first.diagnostics.filter((d) => d.severity === 'error'));
  const grids: Grid[] = [];
  for (const s of sheets) {
    if (!s.value) {
      problems.push(...s.diagnostics.filter((d) => d.severity === 'error'));
      continue;
    }
    const rows = s.value.rows.filter((r) => !isBlank(r.cells));
    const width = mode(rows.slice(0, SAMPLE_LINES).map((r) => r.cells.filter((c) => c.trim() !== '').length)).value;
    const at = findHeader(rows.map((r) => r.cells), width);
    if (at < 0) continue;
    const header = rows[at]!.cells.map(normaliseHeader);
    const data = rows.slice(at + 1);
    grids.push({
      file: input.displayName,
      format: 'xlsx',
      sheet: s.value.name,
      manySheets: many,
      header,
      headerRow: rows[at]!.row,
      titleRows: at,
      rows: data.map((r) => fit(r.cells, header.length, '')),
      kinds: data.map((r) => fit<CellKind>(r.kinds, header.length, 'empty')),
    });
  }
  return grids;
}

/** Every table in one export: one grid for a CSV file, one per sheet with a header for a workbook. */
export async function readGrids(input: SourceInput): Promise<GridRead> {
  const problems: Diagnostic[] = [];
  const grids = resolveFormat(input) === 'xlsx' ? await readXlsxGrids(input, problems) : await readCsvGrid(input, problems);
  return { grids, problems };
}
