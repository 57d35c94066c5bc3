import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import type { ReadResult, SourceInput } from '../model/records.js';
import { sniffFormat } from './decode.js';
import { WORKER_SOURCE, type WorkerInput, type WorkerOutput } from './xlsx-worker.js';

/**
 * Excel workbooks → one sheet as rows of text cells with their kinds.
 *
 * exceljs 4.4.0 (the newest) has open advisories: crafted workbooks can exhaust memory or hang it, and cell notes
 * can pollute prototypes. So, in order:
 *
 * 1. `inspectZip` checks the container before exceljs sees it: the end-of-central-directory record (a truncated file
 *    has none), entry count, declared sizes and compression ratio, and then inflates every entry with a hard output
 *    cap, which catches sizes that lie. Worksheet, workbook and drawing XML is scanned for the crafted ranges of the
 *    advisories (row numbers past 1 048 576, columns past XFD, huge merge/validation ranges, huge sheet ids), and
 *    shared strings and cells are counted (limits `maxSharedStrings`, `maxCells`), so a workbook built to exhaust
 *    memory is refused with the same message under any load.
 * 2. exceljs runs in a `worker_thread` with `resourceLimits` and a timeout; a workbook that still exhausts them is
 *    terminated and reported, and the batch goes on.
 * 3. The raw values come back and are interpreted here: formula cells use their cached result (none → error with
 *    the address), error values (#REF!, #DIV/0!) are kept as `error` cells for the table layer to report when the
 *    column is read, dates become ISO dates (exceljs gives UTC dates, honouring the 1904 system), numbers become
 *    Swedish number text at Excel's 15 significant digits (so 0.1+0.2 is "0,3"), rich text and hyperlinks become
 *    plain text, merged ranges count once (at the master cell). Row numbers are Excel's.
 */

export type CellKind = 'empty' | 'text' | 'number' | 'date' | 'boolean' | 'error' | 'no-result' | 'unsupported';

export interface XlsxRow {
  /** Excel row number. */
  readonly row: number;
  readonly hidden: boolean;
  /** Cell texts by 0-based column; '' for empty. For `error` the error value (#REF!), for `no-result` the formula. */
  readonly cells: string[];
  readonly kinds: CellKind[];
}

export interface XlsxSheet {
  readonly name: string;
  readonly rows: XlsxRow[];
  readonly date1904: boolean;
}

export interface XlsxLimits {
  readonly maxFileBytes: number;
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio for entries above 1 MiB. */
  readonly maxRatio: number;
  /** Largest total area of merge and data-validation ranges in a sheet. */
  readonly maxRangeCells: number;
  /** Largest number of shared strings (`<si>` in xl/sharedStrings.xml), counted before parsing. */
  readonly maxSharedStrings: number;
  /** Largest number of cells (`<c>`) in all worksheets together, counted before parsing. */
  readonly maxCells: number;
  /** Wall-clock stop for the worker, a last resort: the counts above bound the work, and time also counts a busy machine's waits. */
  readonly timeoutMs: number;
  readonly maxOldGenerationSizeMb: number;
  readonly maxRows: number;
  readonly maxColumns: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
  maxRangeCells: 2_000_000,
  // What exceljs holds per shared string and per cell decides its memory: both are counted in the inflated XML
  // before the worker starts, so a workbook over them is refused with the same message however loaded the machine
  // is (a heap or time limit alone would answer "memory" or "time" depending on the load). The worker's heap limit
  // stays as the hard stop; with it the whole process stays under 512 MB RSS.
  maxSharedStrings: 1_000_000,
  maxCells: 500_000,
  timeoutMs: 600_000,
  maxOldGenerationSizeMb: 256,
  maxRows: 2_000_000,
  maxColumns: 1_000,
};

const EXCEL_MAX_ROW = 1_048_576;
const EXCEL_MAX_COL = 16_384;

export interface XlsxOptions {
  /** Sheet named in the config; required when the workbook has more than one sheet. */
  readonly sheet?: string | undefined;
  readonly limits?: Partial<XlsxLimits>;
}

export async function readXlsxSheet(input: SourceInput, options: XlsxOptions = {}): Promise<ReadResult<XlsxSheet | null>> {
  const file = input.displayName;
  const limits = { ...DEFAULT_XLSX_LIMITS, ...options.limits };
  const fail = (d: Diagnostic): ReadResult<XlsxSheet | null> => ({ value: null, diagnostics: [d] });

  if (input.bytes.length === 0) return fail(diag('io.empty-file', {}, { file }));
  if (input.bytes.length > limits.maxFileBytes) {
    return fail(diag('io.file-too-large', { size: input.bytes.length, limit: limits.maxFileBytes }, { file }));
  }
  const kind = sniffFormat(input.bytes);
  if (kind === 'cfb') return fail(diag('io.legacy-xls', {}, { file }));
  if (kind !== 'zip') return fail(diag('io.not-a-workbook', { file }, { file }));
  const problem = inspectZip(input.bytes, limits);
  if (problem) return fail(diag(problem.kind === 'corrupt' ? 'xlsx.corrupt' : 'xlsx.unsafe', { detail: problem.detail }, { file }));

  const wanted = options.sheet === undefined ? null : options.sheet.normalize('NFC').trim();
  let out: WorkerOutput;
  try {
    out = await parseWorkbook(input.bytes, limits);
  } catch (err) {
    if (err instanceof WorkerLimitError) {
      return fail(
        err.kind === 'timeout'
          ? diag('xlsx.timeout', { seconds: Math.round(limits.timeoutMs / 1000) }, { file })
          : diag('xlsx.resource-limit', { limit: Math.max(MIN_WORKER_HEAP_MB, limits.maxOldGenerationSizeMb) }, { file }),
      );
    }
    return fail(diag('xlsx.corrupt', { detail: err instanceof Error ? err.message : String(err) }, { file }));
  }
  if (out.kind === 'failed') return fail(diag('xlsx.corrupt', { detail: out.message }, { file }));

  const all = out.sheets;
  const picked = wanted !== null ? all.find((w) => w.name.normalize('NFC').trim() === wanted) : all.length === 1 ? all[0] : undefined;
  if (!picked) {
    const names = all.map((w) => `"${w.name}"`).join(', ');
    if (all.length === 0) return fail(diag('xlsx.no-sheets', {}, { file }));
    if (wanted === null) return fail(diag('xlsx.sheet-ambiguous', { sheets: names }, { file }));
    return fail(diag('xlsx.sheet-not-found', { sheet: options.sheet ?? '', sheets: names }, { file }, options.sheet));
  }
  if (picked.kind === 'too-large') {
    return fail(diag('xlsx.unsafe', { detail: picked.what === 'rows' ? `fler än ${picked.limit} rader` : `data i fler än ${picked.limit} kolumner` }, { file }));
  }
  const date1904 = out.date1904;

  const diagnostics: Diagnostic[] = [];
  const sheet = picked.name;
  if (picked.state !== 'visible') diagnostics.push(diag('xlsx.hidden-sheet', { sheet }, { file, sheet }));
  if (picked.autoFilter) diagnostics.push(diag('xlsx.autofilter', {}, { file, sheet }));
  const rows: XlsxRow[] = [];
  let hidden = 0;
  let firstHidden = 0;
  for (const raw of picked.rows) {
    const cells: string[] = [];
    const kinds: CellKind[] = [];
    for (let k = 0; k + 1 < raw.cells.length; k += 2) {
      const col = (raw.cells[k] as number) - 1;
      const converted = convertCell(raw.cells[k + 1]);
      while (cells.length < col) {
        cells.push('');
        kinds.push('empty');
      }
      cells[col] = converted.text;
      kinds[col] = converted.kind;
    }
    if (raw.hidden && kinds.some((k) => k !== 'empty')) {
      hidden++;
      if (!firstHidden) firstHidden = raw.r;
    }
    rows.push({ row: raw.r, hidden: raw.hidden, cells, kinds });
  }
  if (hidden > 0) diagnostics.push(diag('xlsx.hidden-rows', { count: hidden, example: firstHidden }, { file, sheet, row: firstHidden }));
  return { value: { name: sheet, rows, date1904 }, diagnostics };
}

/** "A", "B", … "Z", "AA" for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// --- cell values -------------------------------------------------------------------------------------------

interface Converted {
  readonly kind: CellKind;
  readonly text: string;
}

const EMPTY: Converted = { kind: 'empty', text: '' };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * A number as Swedish text at Excel's precision (15 significant digits): 1234.5 → "1234,5",
 * 0.30000000000000004 → "0,3". Very large or small numbers keep exponent notation, which the amount parser refuses.
 */
export function excelNumberText(n: number): string {
  const s = String(Number(n.toPrecision(15)));
  return s.replace('.', ',');
}

function dateText(d: Date): Converted {
  const t = d.getTime();
  if (Number.isNaN(t)) return { kind: 'unsupported', text: '' };
  const iso = d.toISOString();
  return { kind: 'date', text: iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19) };
}

function richTextOf(v: unknown): string | null {
  if (!isRecord(v) || !Array.isArray(v['richText'])) return null;
  let s = '';
  for (const run of v['richText'] as unknown[]) if (isRecord(run) && typeof run['text'] === 'string') s += run['text'];
  return s;
}

export function convertCell(v: unknown): Converted {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return v === '' ? EMPTY : { kind: 'text', text: v };
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', text: excelNumberText(v) } : { kind: 'unsupported', text: String(v) };
  if (typeof v === 'boolean') return { kind: 'boolean', text: v ? 'true' : 'false' };
  if (v instanceof Date) return dateText(v);
  if (!isRecord(v)) return { kind: 'unsupported', text: '' };
  const rich = richTextOf(v);
  if (rich !== null) return rich === '' ? EMPTY : { kind: 'text', text: rich };
  if (typeof v['error'] === 'string') return { kind: 'error', text: v['error'] };
  if ('formula' in v || 'sharedFormula' in v) {
    const formula = String(v['formula'] ?? v['sharedFormula'] ?? '');
    const result = v['result'];
    if (result === undefined || result === null) return { kind: 'no-result', text: formula };
    return convertCell(result);
  }
  if ('hyperlink' in v || 'text' in v) {
    const text = v['text'];
    if (typeof text === 'string') return text === '' ? EMPTY : { kind: 'text', text };
    const r = richTextOf(text);
    if (r !== null) return r === '' ? EMPTY : { kind: 'text', text: r };
  }
  return { kind: 'unsupported', text: '' };
}

// --- the worker --------------------------------------------------------------------------------------------

/**
 * Workbooks parsed in this process, by content hash: the goal export keeps six sources on six sheets of one file,
 * and each would otherwise cost a worker start and a full parse (about a second each). Bounded, so a batch over
 * many files does not keep them all.
 */
const parsedWorkbooks = new Map<string, Promise<WorkerOutput>>();
const MAX_CACHED_WORKBOOKS = 8;

function parseWorkbook(bytes: Uint8Array, limits: XlsxLimits): Promise<WorkerOutput> {
  const key = `${createHash('sha256').update(bytes).digest('hex')}:${limits.maxRows}:${limits.maxColumns}`;
  let p = parsedWorkbooks.get(key);
  if (!p) {
    p = runWorker({ exceljsPath: createRequire(import.meta.url).resolve('exceljs'), bytes, maxRows: limits.maxRows, maxColumns: limits.maxColumns }, limits);
    parsedWorkbooks.set(key, p);
    // A failure is not cached: the next source reading the same file reports it afresh.
    p.catch(() => parsedWorkbooks.delete(key));
    if (parsedWorkbooks.size > MAX_CACHED_WORKBOOKS) parsedWorkbooks.delete(parsedWorkbooks.keys().next().value!);
  }
  return p;
}

class WorkerLimitError extends Error {
  constructor(readonly kind: 'timeout' | 'memory') {
    super(kind);
  }
}

/**
 * The smallest old-generation limit a worker gets. Below what a V8 isolate needs to start, Node 22 and later do not
 * fail the worker but abort the whole process ("Fatal JavaScript out of memory: GC during deserialization"); with
 * this floor a workbook that needs too much memory still ends in `xlsx.resource-limit`.
 */
export const MIN_WORKER_HEAP_MB = 16;

function runWorker(data: WorkerInput, limits: XlsxLimits): Promise<WorkerOutput> {
  return new Promise<WorkerOutput>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: data,
      resourceLimits: {
        maxOldGenerationSizeMb: Math.max(MIN_WORKER_HEAP_MB, limits.maxOldGenerationSizeMb),
        maxYoungGenerationSizeMb: 16,
        stackSizeMb: 8,
      },
    });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(new WorkerLimitError('timeout'))), limits.timeoutMs);
    worker.on('message', (m: WorkerOutput) => finish(() => resolve(m)));
    worker.on('error', (err: Error & { code?: string }) =>
      finish(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new WorkerLimitError('memory') : err)),
    );
    worker.on('exit', (code) => finish(() => reject(new Error(`arbetstråden avslutades (kod ${code})`))));
  });
}

// --- the zip pre-check -------------------------------------------------------------------------------------

export interface ZipProblem {
  readonly kind: 'corrupt' | 'unsafe';
  /** Swedish detail for the message. */
  readonly detail: string;
}

/**
 * Checks an xlsx container before parsing it. Returns null when it looks sound.
 * See the module comment for what is checked.
 */
export function inspectZip(bytes: Uint8Array, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): ZipProblem | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  const corrupt = (detail: string): ZipProblem => ({ kind: 'corrupt', detail });
  const unsafe = (detail: string): ZipProblem => ({ kind: 'unsafe', detail });

  let eocd = -1;
  for (let p = n - 22; p >= Math.max(0, n - 22 - 65_535); p--) {
    if (view.getUint32(p, true) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return corrupt('zip-katalogen i slutet av filen saknas; filen är troligen avkortad');
  const entries = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return unsafe('ZIP64-arkiv stöds inte');
  if (entries > limits.maxEntries) return unsafe(`${entries} delar i arkivet (gräns ${limits.maxEntries})`);
  if (cdOffset + cdSize > eocd) return corrupt('zip-katalogen pekar utanför filen');

  let total = 0;
  let cells = 0;
  let p = cdOffset;
  for (let e = 0; e < entries; e++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) return corrupt('zip-katalogen är skadad');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + p + 46, nameLen).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;

    if (flags & 1) return unsafe(`delen ${name} är krypterad`);
    if (size > limits.maxEntryBytes) return unsafe(`delen ${name} är ${size} byte okomprimerad (gräns ${limits.maxEntryBytes})`);
    total += size;
    if (total > limits.maxTotalBytes) return unsafe(`arkivet är mer än ${limits.maxTotalBytes} byte okomprimerat`);
    if (size > 1024 * 1024 && size / Math.max(compSize, 1) > limits.maxRatio) {
      return unsafe(`delen ${name} packas upp ${Math.round(size / Math.max(compSize, 1))} gånger (gräns ${limits.maxRatio}); möjlig dekomprimeringsbomb`);
    }
    if (localOffset + 30 > cdOffset || view.getUint32(localOffset, true) !== 0x04034b50) return corrupt(`delen ${name} saknas eller är skadad`);
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compSize > cdOffset) return corrupt(`delen ${name} är avkortad`);
    const compressed = Buffer.from(bytes.buffer, bytes.byteOffset + dataStart, compSize);
    let data: Buffer;
    if (method === 0) {
      if (compSize !== size) return corrupt(`delen ${name} har fel storlek`);
      data = compressed;
    } else if (method === 8) {
      try {
        data = inflateRawSync(compressed, { maxOutputLength: Math.max(size, 1) });
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) return unsafe(`delen ${name} är större än arkivet anger`);
        return corrupt(`delen ${name} går inte att packa upp`);
      }
      if (data.length !== size) return corrupt(`delen ${name} har fel storlek`);
    } else {
      return unsafe(`delen ${name} använder komprimeringsmetod ${method}`);
    }
    if (/^xl\/(worksheets|drawings)\/[^/]+\.xml$/.test(name) || name === 'xl/workbook.xml') {
      const problem = scanXml(name, data.toString('latin1'), limits);
      if (problem) return unsafe(problem);
    }
    if (name === 'xl/sharedStrings.xml') {
      const strings = countTags(data, 'si');
      if (strings > limits.maxSharedStrings) return unsafe(`${strings} delade textsträngar (gräns ${limits.maxSharedStrings})`);
    }
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      cells += countTags(data, 'c');
      if (cells > limits.maxCells) return unsafe(`fler än ${limits.maxCells} celler`);
    }
  }
  return null;
}

/** Start tags `<name>` or `<name …>` in XML bytes (not `<name2`, not end tags): a count without parsing. */
function countTags(xml: Buffer, name: string): number {
  const open = Buffer.from(`<${name}`);
  let n = 0;
  for (let i = xml.indexOf(open); i >= 0; i = xml.indexOf(open, i + open.length)) {
    const next = xml[i + open.length];
    if (next === 0x3e || next === 0x20 || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) n++;
  }
  return n;
}

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** Area of an A1 range list such as "A1:C3 E5"; `$` allowed. Whole rows/columns without numbers are skipped. */
function rangeArea(ref: string): number {
  let area = 0;
  for (const part of ref.trim().split(/\s+/)) {
    const m = /^\$?([A-Z]{1,7})\$?(\d{1,12})(?::\$?([A-Z]{1,7})\$?(\d{1,12}))?$/.exec(part.replace(/^.*!/, ''));
    if (!m) continue;
    const c1 = colNumber(m[1]!);
    const r1 = Number(m[2]);
    const c2 = m[3] ? colNumber(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : r1;
    area += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return area;
}

function scanXml(name: string, xml: string, limits: XlsxLimits): string | null {
  if (name === 'xl/workbook.xml') {
    for (const m of xml.matchAll(/<sheet\b[^>]*\bsheetId="(\d+)"/g)) {
      if (Number(m[1]) > 65_535) return `orimligt blad-id ${m[1]}`;
    }
    for (const m of xml.matchAll(/<definedName\b[^>]*>([^<]*)<\/definedName>/g)) {
      if (rangeArea(m[1]!.replace(/,/g, ' ')) > limits.maxRangeCells) return `namngivet område ${m[1]!.slice(0, 60)} är orimligt stort`;
    }
    return null;
  }
  if (name.startsWith('xl/drawings/')) {
    for (const m of xml.matchAll(/<xdr:(row|col)>(\d+)<\/xdr:\1>/g)) {
      const v = Number(m[2]);
      if ((m[1] === 'row' && v > EXCEL_MAX_ROW) || (m[1] === 'col' && v > EXCEL_MAX_COL)) return `bildankare utanför bladet i ${name}`;
    }
    return null;
  }
  for (const m of xml.matchAll(/<row\b[^>]*?\br="(\d+)"/g)) {
    if (Number(m[1]) > EXCEL_MAX_ROW) return `radnummer ${m[1]} i ${name} är större än Excels största`;
  }
  for (const m of xml.matchAll(/<c\b[^>]*?\br="([A-Z]+)(\d+)"/g)) {
    if (colNumber(m[1]!) > EXCEL_MAX_COL || Number(m[2]) > EXCEL_MAX_ROW) return `cellen ${m[1]}${m[2]} i ${name} ligger utanför Excels blad`;
  }
  for (const m of xml.matchAll(/<col\b[^>]*?\bmax="(\d+)"/g)) {
    if (Number(m[1]) > EXCEL_MAX_COL) return `kolumnintervall till ${m[1]} i ${name}`;
  }
  let area = 0;
  for (const m of xml.matchAll(/<mergeCell\b[^>]*?\bref="([^"]+)"/g)) area += rangeArea(m[1]!);
  for (const m of xml.matchAll(/\bsqref="([^"]+)"/g)) area += rangeArea(m[1]!);
  if (area > limits.maxRangeCells) return `sammanfogade celler eller datavalidering täcker ${area} celler i ${name}`;
  return null;
}
