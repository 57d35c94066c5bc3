import { nearestName } from '../model/nearest.js';
import type { Diagnostic, SourceLocation } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import { guessDelimiter, splitLine, type Delimiter } from '../io/csv.js';
import { columnLetter } from '../io/xlsx.js';
import type { TableFormat } from '../io/format.js';

/**
 * The header of a source table, for every reader (`readTable` and the ledger's byte-level fast path):
 *
 * - search: the header is the first row within the first `headerSearchRows` (30) rows that contains every required
 *   column, so report titles and metadata lines above it are skipped; for CSV each candidate line is split with each
 *   allowed delimiter. Matching is exact after `normaliseHeader`.
 * - names: normalised (a name that needed it gets a warning), `__proto__`, `constructor` and `prototype` refused,
 *   a duplicated name an error when the column is read (which of the two would be meant?), a warning otherwise.
 * - columns are looked up by name through a `Map` (first occurrence), so no header can reach an object key.
 */

/** NFC, no-break and narrow no-break spaces → space, trimmed. */
export function normaliseHeader(name: string): string {
  return name.normalize('NFC').replace(/[\u00a0\u202f\u2007\u2009]/g, ' ').trim();
}

export const DEFAULT_HEADER_SEARCH_ROWS = 30;
const FORBIDDEN_HEADERS = new Set(['__proto__', 'constructor', 'prototype']);

/** Where the search found the header, or the best candidate when no row has every required column. */
export interface HeaderSearch {
  readonly found: boolean;
  /** Line / Excel row; 0 when the file has no non-blank row at all. */
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

/** The first `n` lines of LF-normalised text with their 1-based numbers. */
export function firstLines(text: string, n: number): Array<{ line: number; text: string }> {
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

/** The header among the first lines of a CSV text (`required` normalised), trying each allowed delimiter. */
export function searchHeaderCsv(lines: ReadonlyArray<{ line: number; text: string }>, delimiters: readonly Delimiter[], required: readonly string[]): HeaderSearch {
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

/** The header among the first rows of a sheet (`required` normalised). */
export function searchHeader(rows: ReadonlyArray<{ row: number; fields: string[]; raw: string }>, required: readonly string[]): HeaderSearch {
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
  const first = rows.find((r) => r.fields.some((c) => c.trim() !== ''));
  return best ?? (first ? { found: false, ...first } : { found: false, row: 0, fields: [], raw: '' });
}

/** The header names of a table, normalised, and what was wrong with them (`requested`: the columns read). */
export function checkHeaderNames(
  raw: readonly string[],
  requested: ReadonlySet<string>,
  format: TableFormat,
  at: (column: string) => SourceLocation,
): { names: string[]; diagnostics: Diagnostic[] } {
  const names = raw.map(normaliseHeader);
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const original = raw[i]!;
    if (name !== original && name !== '') diagnostics.push(diag('table.header-normalised', { value: original, column: name }, at(name), original));
    if (FORBIDDEN_HEADERS.has(name)) diagnostics.push(diag('table.forbidden-header', { column: name }, at(name), original));
    if (name === '') return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else {
      const params = { column: name, first: columnName(format, first), second: columnName(format, i) };
      diagnostics.push(diag(requested.has(name) ? 'table.duplicate-header' : 'table.duplicate-header-unused', params, at(name), original));
    }
  });
  return { names, diagnostics };
}

/** Column name → index of its first occurrence among normalised header names; a column is looked up as given, then normalised. */
export class HeaderIndex {
  private readonly index = new Map<string, number>();

  constructor(names: readonly string[]) {
    names.forEach((name, i) => {
      if (name !== '' && !this.index.has(name)) this.index.set(name, i);
    });
  }

  /** Names asked for that are not a header as written: what they normalise to (readers ask once per row). */
  private readonly other = new Map<string, number | undefined>();

  get(column: string): number | undefined {
    const i = this.index.get(column);
    if (i !== undefined) return i;
    if (this.other.has(column)) return this.other.get(column);
    const n = normaliseHeader(column);
    const found = n === column ? undefined : this.index.get(n);
    this.other.set(column, found);
    return found;
  }
}

function columnName(format: TableFormat, index: number): string {
  return format === 'xlsx' ? columnLetter(index) : String(index + 1);
}

/** A value for a message: at most 120 characters. */
export function excerpt(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function showDelimiter(d: string): string {
  return d === '\t' ? 'tabb' : `'${d}'`;
}

/** No row has every required column: what is missing, what was found, and a hint when the delimiter looks wrong. */
export function missingColumnsDiagnostic(
  location: SourceLocation,
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
  // "Menade du …?": for each missing column, the nearest header of the file that the config does not already use.
  const unused = best.fields.map((f) => f.trim()).filter((f) => f !== '' && !required.includes(normaliseHeader(f)));
  for (const m of missing) {
    const near = nearestName(m, unused);
    if (near !== undefined) hint += ` Menade du '${near}' i stället för '${m}'?`;
  }
  return diag(
    'table.missing-columns',
    {
      missing: missing.join(', '),
      expected: required.join(', '),
      found: foundNames.map((f) => `'${f}'`).join(', '),
      value: excerpt(best.raw),
      hint,
    },
    { ...location, ...(best.row > 0 ? { row: best.row } : {}), ...(missing[0] !== undefined ? { column: missing[0] } : {}) },
    best.raw,
  );
}
