/**
 * What the goal readers share on top of the table layer (`../table.ts`): the table spec from a source's config,
 * a note for optional columns the file lacks, and text cells as `string | null`.
 */
import { diag } from '../../messages/index.js';
import { normaliseHeader, readText, type DiagnosticSink, type TableData, type TableRow, type TableSpec } from '../table.js';

/** The file options every goal source has (a subset of the config's source). */
export interface FileOptions {
  readonly format?: 'auto' | 'csv' | 'xlsx';
  readonly encoding?: 'auto' | 'utf-8' | 'windows-1252';
  readonly sheet?: string | undefined;
  readonly delimiter?: 'auto' | ';' | ',' | '\t';
}

export type ColumnMap<K extends string> = Readonly<Record<K, string>>;

/** Required columns identify the header row; optional ones ("" = not read) are read when present. */
export function tableSpec<K extends string>(source: FileOptions, columns: ColumnMap<K>, required: readonly K[]): TableSpec {
  const req = required.map((k) => columns[k]);
  const optional = (Object.keys(columns) as K[]).filter((k) => !required.includes(k) && columns[k] !== '').map((k) => columns[k]);
  return {
    ...(source.format !== undefined ? { format: source.format } : {}),
    ...(source.encoding !== undefined ? { encoding: source.encoding } : {}),
    ...(source.sheet !== undefined ? { sheet: source.sheet } : {}),
    ...(source.delimiter !== undefined ? { delimiter: source.delimiter } : {}),
    required: req,
    optional,
  };
}

/** One info line per optional column that is named in the config but not in the file (likely a misspelling). */
export function noteMissingOptional<K extends string>(table: TableData, columns: ColumnMap<K>, required: readonly K[], sink: DiagnosticSink): void {
  if (table.headerRow === 0) return;
  for (const k of Object.keys(columns) as K[]) {
    const name = columns[k];
    if (required.includes(k) || name === '' || table.has(name)) continue;
    sink.add(diag('goals.optional-column-missing', { column: normaliseHeader(name) }, table.at(table.headerRow)));
  }
}

/** A text cell, trimmed and NFC-normalised; null when empty or when the column is not read. */
export function cellText(table: TableData, row: TableRow, column: string, sink: DiagnosticSink): string | null {
  if (column === '') return null;
  const t = readText(table, row, column, false, sink) ?? '';
  return t === '' ? null : t;
}

/** A required text cell: reported (`table.missing-value`) and undefined when empty. */
export function requiredText(table: TableData, row: TableRow, column: string, sink: DiagnosticSink): string | undefined {
  return readText(table, row, column, true, sink);
}
