/**
 * The last reconciliation before publishing: each rendered document's total rows, read back from the file's bytes,
 * must equal the report model's. The renderers print from the model, so a difference means a renderer, a template or
 * a file between rendering and publishing went wrong; the set is then not published (`reconcile.rendered-total`).
 *
 * Kept cheap: only the rows with emphasis `total` are checked, and only the parts that hold them are unpacked
 * (the Word file's `word/document.xml`, the workbook's worksheets and shared strings). What "equal" means per format:
 * - json: the row's cells are the model's cells, value for value (öre, exact ratios).
 * - md and docx: each cell's text is the model cell printed as the renderer prints it (`render/format.ts`): the
 *   Markdown table with a plain space for grouping, Word with a no-break space.
 * - xlsx: each cell holds the number `excelValue` writes (money in the table's unit, a percent as a fraction), or
 *   the text; the number format is not read.
 * A total row is found by its label (first cell). The default renderers print every table, so a total row missing
 * from their file is a finding too; an organisation's Word template chooses its tables, so there only the total rows
 * it prints are checked. PDF is made from the checked Word file and is not read back.
 */
import { unzipSync } from 'fflate';
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import { decodeXmlText } from '../io/xml-text.js';
import type { OutputFile } from '../io/atomic-write.js';
import type { Cell, ReportModel, Table } from '../report/model.js';
import { formatCell } from '../render/format.js';
import { NBSP } from '../model/format.js';

/** A total row of the model: its table, its label and its cells. */
interface ExpectedTotal {
  readonly table: Table;
  readonly label: string;
  readonly cells: readonly Cell[];
}

/** A row as read back from a file: its cells as text (json: the cells themselves, serialised). */
interface ReadRow {
  readonly cells: readonly string[];
}

/** The formats whose files are read back. */
export const READ_BACK_FORMATS = ['json', 'md', 'docx', 'xlsx'] as const;

function tablesOf(model: ReportModel): Table[] {
  const out: Table[] = [];
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) for (const v of o) walk(v);
    else if (o && typeof o === 'object') {
      if ((o as { type?: unknown }).type === 'table' && Array.isArray((o as Table).rows)) out.push(o as Table);
      else for (const v of Object.values(o)) walk(v);
    }
  };
  walk(model.sections);
  return out;
}

function expectedTotals(model: ReportModel): ExpectedTotal[] {
  const out: ExpectedTotal[] = [];
  for (const table of tablesOf(model)) {
    for (const row of table.rows) {
      const first = row.cells[0];
      if (row.emphasis !== 'total' || !first || first.kind !== 'text') continue;
      out.push({ table, label: first.text.trim(), cells: row.cells });
    }
  }
  return out;
}

/** How a format prints a model cell, as the read-back text of that cell. */
type Printer = (cell: Cell) => string;

const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

/** Markdown table rows: cells split at unescaped pipes, bold markers and escapes removed. */
function markdownRows(text: string): ReadRow[] {
  const rows: ReadRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t.startsWith('|') || /^\|\s*:?-{3,}/.test(t)) continue;
    const inner = t.replace(/^\|/, '').replace(/\|$/, '');
    const cells = inner.split(/(?<!\\)\|/).map((c) =>
      plain(
        c
          .trim()
          .replace(/^\*\*(.*)\*\*$/, '$1')
          .replace(/\\([\\|*_`[\]])/g, '$1')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>'),
      ),
    );
    rows.push({ cells });
  }
  return rows;
}

/** Word table rows (`w:tr`) of the main document: each cell's text runs joined. Nested tables are not used. */
function docxRows(bytes: Uint8Array): ReadRow[] {
  const parts = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' });
  const xml = parts['word/document.xml'];
  if (!xml) return [];
  const doc = new TextDecoder().decode(xml);
  const rows: ReadRow[] = [];
  for (const tr of doc.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)) {
    const cells: string[] = [];
    for (const tc of tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>|<w:tc [\s\S]*?<\/w:tc>/g)) {
      let text = '';
      for (const t of tc[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)) text += decodeXmlText(t[1]!);
      cells.push(plain(text));
    }
    rows.push({ cells });
  }
  return rows;
}

/** Column index of a cell reference ("C12" → 2). */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Worksheet rows of a workbook: numbers as their XML text, strings resolved (shared or inline). */
function xlsxRows(bytes: Uint8Array): ReadRow[] {
  const parts = unzipSync(bytes, { filter: (f) => f.name === 'xl/sharedStrings.xml' || /^xl\/worksheets\/sheet\d+\.xml$/.test(f.name) });
  const dec = new TextDecoder();
  const shared: string[] = [];
  const sst = parts['xl/sharedStrings.xml'];
  if (sst) {
    for (const si of dec.decode(sst).matchAll(/<si>([\s\S]*?)<\/si>/g)) {
      let s = '';
      for (const t of si[1]!.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)) s += decodeXmlText(t[1]!);
      shared.push(s);
    }
  }
  const rows: ReadRow[] = [];
  for (const [name, data] of Object.entries(parts)) {
    if (name === 'xl/sharedStrings.xml') continue;
    for (const row of dec.decode(data).matchAll(/<row[ >][\s\S]*?<\/row>/g)) {
      const cells: string[] = [];
      for (const c of row[0].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const col = columnIndex(c[1]!);
        const type = /\bt="([^"]+)"/.exec(c[2]!)?.[1];
        const body = c[3] ?? '';
        const v = /<v>([^<]*)<\/v>/.exec(body)?.[1];
        let text = '';
        if (type === 's' && v !== undefined) text = shared[Number(v)] ?? '';
        else if (type === 'inlineStr') for (const t of body.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)) text += decodeXmlText(t[1]!);
        else if (v !== undefined) text = decodeXmlText(v);
        while (cells.length < col) cells.push('');
        cells[col] = plain(text);
      }
      rows.push({ cells });
    }
  }
  return rows;
}

/** The JSON document's total rows, cells serialised (the model's cells are compared the same way). */
function jsonRows(text: string): ReadRow[] {
  const rows: ReadRow[] = [];
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) for (const v of o) walk(v);
    else if (o && typeof o === 'object') {
      const t = o as { type?: unknown; rows?: unknown };
      if (t.type === 'table' && Array.isArray(t.rows)) {
        for (const r of t.rows as { cells?: unknown[] }[]) if (Array.isArray(r.cells)) rows.push({ cells: r.cells.map(jsonCell) });
      } else for (const v of Object.values(o)) walk(v);
    }
  };
  walk((JSON.parse(text) as { sections?: unknown }).sections);
  return rows;
}

/** A JSON cell as comparable text: its kind and figure, keys in a fixed order; a text cell is its text. */
function jsonCell(c: unknown): string {
  if (!c || typeof c !== 'object') return String(c);
  const o = c as Record<string, unknown>;
  if (o.kind === 'text') return plain(String(o.text));
  return JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
}

/** A money cell's value as the workbook holds it (render/xlsx.ts `excelValue`), as text to compare with the XML. */
const XLSX_DIVISOR: Record<string, number> = { kr: 100, tkr: 100_000, mnkr: 100_000_000 };
function xlsxCell(cell: Cell): string {
  switch (cell.kind) {
    case 'money':
      return cell.ore === null ? '' : String(cell.ore / XLSX_DIVISOR[cell.unit]!);
    case 'percent':
      return cell.ratio === null ? '' : String(cell.ratio.num / cell.ratio.den);
    case 'number':
      return cell.value === null || !Number.isFinite(cell.value) ? '' : String(cell.value);
    case 'count':
      return cell.value === null ? '' : String(cell.value);
    default:
      return plain(formatCell(cell, ' '));
  }
}

/** Numbers written by exceljs are JavaScript's shortest round-trip text; compare them as numbers. */
function sameXlsx(read: string, expected: string): boolean {
  if (read === expected) return true;
  if (read === '' || expected === '') return false;
  const a = Number(read);
  const b = Number(expected);
  return Number.isFinite(a) && Number.isFinite(b) && a === b;
}

const PRINTERS: Record<(typeof READ_BACK_FORMATS)[number], { rows: (bytes: Uint8Array) => ReadRow[]; print: Printer; same?: (a: string, b: string) => boolean }> = {
  json: { rows: (b) => jsonRows(new TextDecoder().decode(b)), print: jsonCell },
  md: { rows: (b) => markdownRows(new TextDecoder().decode(b)), print: (c) => plain(formatCell(c, ' ')) },
  docx: { rows: docxRows, print: (c) => plain(formatCell(c, NBSP)) },
  xlsx: { rows: xlsxRows, print: xlsxCell, same: sameXlsx },
};

/** The extension of a read-back format, or null (pdf and unknown formats are not read back). */
function formatOf(file: string): (typeof READ_BACK_FORMATS)[number] | null {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  return (READ_BACK_FORMATS as readonly string[]).includes(ext) ? (ext as (typeof READ_BACK_FORMATS)[number]) : null;
}

/**
 * One unit's rendered files against its model. `partial` (a Word file filled into the organisation's template) checks
 * only the total rows the file prints. Returns one finding per file and total row that differs or is missing.
 */
export function checkRenderedTotals(model: ReportModel, files: readonly OutputFile[], options: { readonly displayName: (file: string) => string; readonly partialDocx?: boolean }): Diagnostic[] {
  const expected = expectedTotals(model);
  if (expected.length === 0) return [];
  // Each finding names the report's unit (the `--json` reconciliation section lists it).
  return check(expected, files, options).map((d) => ({ ...d, unit: model.meta.unitId }));
}

function check(expected: readonly ExpectedTotal[], files: readonly OutputFile[], options: { readonly displayName: (file: string) => string; readonly partialDocx?: boolean }): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of files) {
    const format = formatOf(file.path);
    if (!format) continue;
    const p = PRINTERS[format];
    const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes;
    let rows: ReadRow[];
    try {
      rows = p.rows(bytes);
    } catch {
      out.push(diag('reconcile.rendered-unreadable', { file: options.displayName(file.path) }, { file: options.displayName(file.path) }));
      continue;
    }
    const same = p.same ?? ((a: string, b: string) => a === b);
    const byLabel = new Map<string, ReadRow[]>();
    for (const r of rows) {
      const label = r.cells[0];
      if (label === undefined || label === '') continue;
      const list = byLabel.get(label) ?? [];
      list.push(r);
      byLabel.set(label, list);
    }
    const partial = format === 'docx' && options.partialDocx === true;
    const wanted = expected.map((e) => ({ e, want: e.cells.map((c, i) => (i === 0 ? plain(e.label) : p.print(c))) }));
    const matches = (r: ReadRow, want: readonly string[]): boolean => want.every((w, i) => i === 0 || same(r.cells[i] ?? '', w));
    const name = options.displayName(file.path);
    const mismatch = (e: ExpectedTotal, want: readonly string[], r: ReadRow): Diagnostic => {
      const col = want.findIndex((w, i) => i > 0 && !same(r.cells[i] ?? '', w));
      return diag(
        'reconcile.rendered-total',
        { file: name, table: e.table.title, label: e.label, column: e.table.columns[col]?.header ?? String(col + 1), shown: shown(format, r.cells[col] ?? ''), expected: shown(format, want[col]!) },
        { file: name },
        r.cells[col] ?? '',
      );
    };
    if (partial) {
      // An organisation's template prints the tables it chooses: every total row it prints must be one of the
      // model's rows of that label (the nearest is named when none is).
      for (const [label, list] of byLabel) {
        const own = wanted.filter((w) => plain(w.e.label) === label);
        if (own.length === 0) continue;
        for (const r of list) {
          if (own.some((w) => matches(r, w.want))) continue;
          const near = own.reduce((best, w) => (diffCount(r, w.want, same) < diffCount(r, best.want, same) ? w : best));
          out.push(mismatch(near.e, near.want, r));
        }
      }
      continue;
    }
    for (const { e, want } of wanted) {
      const candidates = byLabel.get(plain(e.label)) ?? [];
      if (candidates.some((r) => matches(r, want))) continue;
      if (candidates.length === 0) {
        out.push(diag('reconcile.rendered-total-missing', { file: name, table: e.table.title, label: e.label }, { file: name }));
        continue;
      }
      // The nearest candidate (fewest differing cells) names the first column that differs.
      const r = candidates.reduce((best, c) => (diffCount(c, want, same) < diffCount(best, want, same) ? c : best));
      out.push(mismatch(e, want, r));
    }
  }
  return out;
}

function diffCount(r: ReadRow, want: readonly string[], same: (a: string, b: string) => boolean): number {
  let n = 0;
  for (let i = 1; i < want.length; i++) if (!same(r.cells[i] ?? '', want[i]!)) n++;
  return n;
}

/**
 * A cell's text for the message: md and docx as printed; xlsx as the number the sheet holds; json as the exact figure
 * (öre, or the ratio), since a difference of one öre prints the same in tkr.
 */
function shown(format: string, text: string): string {
  if (text === '') return '(tom)';
  if (format !== 'json' || !text.startsWith('[')) return text;
  try {
    const o = Object.fromEntries(JSON.parse(text) as [string, unknown][]) as Record<string, unknown>;
    if (o.kind === 'money') return o.ore === null ? '(tom)' : `${String(o.ore)} öre`;
    if (o.kind === 'percent') {
      const r = o.ratio as { num: number; den: number } | null;
      return r === null ? '(tom)' : `${r.num}/${r.den}`;
    }
    return o.value === null || o.value === undefined ? text : String(o.value);
  } catch {
    return text;
  }
}
