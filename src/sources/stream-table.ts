/**
 * A CSV table read in chunks: bytes → the header → one row at a time, handed to the caller while the file is read,
 * never the file's text or a table of all rows. The same rows, cell texts and table diagnostics as `readTable`
 * (table.ts) for the common case; anything else it hands over (`bail`), and the caller then reads the file with
 * `readTable`, so the result is always `readTable`'s. Used by the HR extracts (sources/heroma/read-hr.ts), whose rows
 * go straight into the personnel readers; `tests/personnel/hr-stream.test.ts` holds the two together.
 *
 * The pieces are the ledger fast path's (sources/ledger/fast-reader.ts): the streaming decoder (io/stream-decode.ts:
 * what `decodeText` would say, chunk by chunk), the byte tokenizer (io/fast-csv.ts, with `parseCsv`'s quirks from
 * io/csv-compat.ts), the header search and header names of header.ts. A cell's text is decoded from the bytes
 * only when a reader asks for it.
 *
 * What it does itself, as `readTable` does: encoding (declared, BOM, or `auto` with the Windows-1252 fallback
 * warning at the line of the first byte that is not UTF-8); the header among the first 30 lines; blank rows (in the
 * middle: warning; at the end: info); rows with extra fields that are all empty (cut to the header's width).
 *
 * What it hands over: anything `decodeText` would refuse or doubt (UTF-16, NUL bytes, invalid UTF-8 under a declared
 * UTF-8, mojibake, bytes undefined in Windows-1252, zip/CFB magic); no header; a header with any finding of
 * `checkHeaderNames` (normalised, duplicated, forbidden names); CSV syntax errors; short and long rows; repeated
 * headers and titles; a ,-file where some rows carry an empty extra field and others fit; no data rows; more than
 * 200 changes of field count; `maxRows` or `maxBytes`, when given, exceeded. Rows already handed to the caller before a hand-over
 * are then read again by `readTable`: the caller must start over (see read-hr.ts).
 *
 * One deliberate difference: no size limit. `readTable` refuses text over `maxBytes` (256 MiB) because it holds it
 * whole; this reader holds one chunk and one record, and applies `maxBytes` only when it is given.
 */
import type { Diagnostic, SourceLocation } from '../model/diagnostics.js';
import { DEFAULT_MAX_RECORD_SIZE, DELIMITERS, type Delimiter } from '../io/csv.js';
import { isWhitespaceOnlyLine, normaliseFieldText, ResumptionCounter } from '../io/csv-compat.js';
import type { DeclaredEncoding } from '../io/decode.js';
import { CsvTokenizer, FIELD_ESCAPED, FIELD_QUOTED, type CsvRecordView } from '../io/fast-csv.js';
import { StreamingDecoder } from '../io/stream-decode.js';
import type { CellKind } from '../io/xlsx.js';
import { checkHeaderNames, DEFAULT_HEADER_SEARCH_ROWS, firstLines, HeaderIndex, normaliseHeader, searchHeaderCsv } from './header.js';
import { blankLinesDiagnostic, trailingBlankLinesDiagnostic, type ReadOptions, type TableHead, type TableRow } from './table.js';

const STAGE_PREFIX = 0;
const STAGE_HEADER = 1;
const STAGE_ROWS = 2;
/** Prefix held while looking for the header; more than this without 30 lines is left to `readTable`. */
const MAX_PREFIX = 16 << 20;

export interface StreamTableSpec {
  readonly encoding?: DeclaredEncoding | undefined;
  readonly delimiter?: 'auto' | Delimiter | undefined;
  readonly required: readonly string[];
  readonly optional?: readonly string[];
}

/** Called once the header is known: returns what takes each data row (valid only during the call). */
export type OpenRows = (head: TableHead) => (row: TableRow) => void;

function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

export class StreamingTable implements TableHead {
  /** Why the file is left to `readTable`; null while this reader holds. */
  bail: string | null = null;
  /** Bytes fed so far. */
  total = 0;
  readonly format = 'csv' as const;
  readonly date1904 = false;
  header: readonly string[] = [];
  headerRow = 0;
  delimiter: Delimiter = ';';

  private readonly required: readonly string[];
  private readonly optional: readonly string[];
  private readonly decoder: StreamingDecoder;
  private readonly resumptions: ResumptionCounter;
  private readonly searchRows: number;
  private readonly maxRows: number;
  private readonly maxBytes: number;
  private readonly maxRecordSize: number;
  private readonly delimiters: readonly Delimiter[];

  private stage = STAGE_PREFIX;
  private prefix: Uint8Array = new Uint8Array(1 << 16);
  private prefixLength = 0;
  private headerOffset = 0;
  private tokenizer: CsvTokenizer | null = null;
  private invalidLine = -1;

  private index = new HeaderIndex([]);
  private readonly columnCache = new Map<string, number | undefined>();
  private headerLength = 0;
  private requiredIdx: number[] = [];
  private take: ((row: TableRow) => void) | null = null;
  private readonly view = new StreamRow(this);
  /** The current row's decoded cells (`text`): valid where `cellSet[f] === cellGen`. */
  private cells: string[] = [];
  private cellSet = new Int32Array(0);
  private cellGen = 0;
  private cellsOf: CsvRecordView | null = null;
  private cellLine = 0;
  private bufferOf: Uint8Array | null = null;
  private buffer: Buffer | null = null;

  private dataRows = 0;
  private pendingBlanks = 0;
  private readonly pendingBlankRows: number[] = [];
  private middleBlanks = 0;
  private readonly middleBlankRows: number[] = [];
  private lastBlankWhitespaceLine = false;
  private lastRecordBlank = false;
  private exactRows = false;
  private extraBlankRows = false;

  constructor(
    readonly file: string,
    spec: StreamTableSpec,
    options: ReadOptions,
    private readonly open: OpenRows,
  ) {
    this.required = spec.required.map(normaliseHeader);
    this.optional = (spec.optional ?? []).map(normaliseHeader);
    this.decoder = new StreamingDecoder(spec.encoding ?? 'auto', options.acceptMojibake ?? false);
    this.resumptions = new ResumptionCounter(() => this.decoder.utf8);
    this.searchRows = options.headerSearchRows ?? DEFAULT_HEADER_SEARCH_ROWS;
    this.maxRows = options.maxRows ?? Infinity;
    this.maxBytes = options.maxBytes ?? Infinity;
    // `parseCsv` counts characters of the text (up to 3 UTF-8 bytes per Windows-1252 byte): a third of its limit in
    // raw bytes never accepts a record it refuses (as the ledger's fast path).
    this.maxRecordSize = Math.max(1, Math.floor((options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE) / 3));
    this.delimiters = !spec.delimiter || spec.delimiter === 'auto' ? DELIMITERS : [spec.delimiter];
  }

  // --- TableHead -----------------------------------------------------------------------------------------------

  columnIndex(column: string): number | undefined {
    if (this.columnCache.has(column)) return this.columnCache.get(column);
    const i = this.index.get(column);
    this.columnCache.set(column, i);
    return i;
  }

  has(column: string): boolean {
    return this.columnIndex(column) !== undefined;
  }

  at(row: number, column?: string): SourceLocation {
    return { file: this.file, ...(row > 0 ? { row } : {}), ...(column !== undefined ? { column: normaliseHeader(column) } : {}) };
  }

  // --- input ---------------------------------------------------------------------------------------------------

  feed(chunk: Uint8Array): void {
    if (this.bail !== null || chunk.length === 0) return;
    const at = this.total;
    this.total += chunk.length;
    if (this.total > this.maxBytes) return this.bailOut('file larger than maxBytes');
    const why = this.decoder.check(chunk, at);
    if (why !== null) return this.bailOut(why);
    if (this.stage === STAGE_PREFIX) {
      this.appendPrefix(chunk);
      if (this.prefixLines() >= this.searchRows) this.startRows();
      else if (this.prefixLength > MAX_PREFIX) this.bailOut('no header within the first 16 MiB');
      return;
    }
    this.tokenizer!.push(chunk);
    this.afterTokenizer();
  }

  /** End of input: the table's own diagnostics (as `readTable` gives them before the reader's), or null: handed over. */
  end(): Diagnostic[] | null {
    if (this.bail !== null) return null;
    const why = this.decoder.end(this.total);
    if (why) return this.fail(why) || null;
    if (this.stage === STAGE_PREFIX) this.startRows();
    if (this.bail !== null) return null;
    this.tokenizer!.end();
    this.afterTokenizer();
    if (this.bail !== null) return null;
    if (this.stage !== STAGE_ROWS) return this.fail('no header record') || null;
    if (this.dataRows === 0) return this.fail('no data rows') || null;
    if (!this.decoder.utf8 && this.decoder.sensitive) return this.fail('encoding guessed wrongly') || null;
    if (this.tokenizer!.lineCount - this.headerRow > this.maxRows) return this.fail('too many rows') || null;
    if (this.decoder.invalidAt >= 0 && this.invalidLine < 0) return this.fail('first non-UTF-8 byte not located') || null;
    return this.tableDiagnostics();
  }

  bailOut(reason: string): void {
    if (this.bail === null) this.bail = reason;
    this.tokenizer = null;
    this.take = null;
  }

  private fail(reason: string): false {
    this.bailOut(reason);
    return false;
  }

  private afterTokenizer(): void {
    const err = this.tokenizer?.error;
    if (err) this.bailOut(`csv ${err.code} at line ${err.line}`);
  }

  // --- header (as the ledger's fast path finds it) ---------------------------------------------------------------

  private appendPrefix(chunk: Uint8Array): void {
    const need = this.prefixLength + chunk.length;
    if (need > this.prefix.length) {
      let cap = this.prefix.length;
      while (cap < need) cap *= 2;
      const p = new Uint8Array(cap);
      p.set(this.prefix.subarray(0, this.prefixLength));
      this.prefix = p;
    }
    this.prefix.set(chunk, this.prefixLength);
    this.prefixLength = need;
  }

  private prefixLines(): number {
    const b = this.prefix;
    let n = 0;
    for (let i = 0; i < this.prefixLength; i++) {
      const c = b[i];
      if (c === 0x0a) n++;
      else if (c === 0x0d && b[i + 1] !== 0x0a) n++;
    }
    return n;
  }

  private startRows(): void {
    const all = this.prefix.subarray(0, this.prefixLength);
    const bomLength = this.decoder.bomLength(all);
    if (bomLength === null) return this.bailOut('BOM contradicts the declared encoding');
    const b = all.subarray(bomLength);
    this.decoder.noteText(b, 0, b.length);
    let upTo = 0;
    for (let lines = 0; upTo < b.length && lines < this.searchRows; upTo++) {
      const c = b[upTo];
      if (c === 0x0a) lines++;
      else if (c === 0x0d) {
        if (b[upTo + 1] === 0x0a) upTo++;
        lines++;
      }
    }
    const text = this.decoder.decode(b, 0, upTo).replace(/\r\n?/g, '\n');
    const header = searchHeaderCsv(firstLines(text, this.searchRows), this.delimiters, this.required);
    if (!header.found) return this.bailOut('no header');
    this.headerRow = header.row;
    let offset = 0;
    for (let line = 1; line < this.headerRow; line++) {
      while (offset < b.length && b[offset] !== 0x0a && b[offset] !== 0x0d) offset++;
      if (b[offset] === 0x0d && b[offset + 1] === 0x0a) offset++;
      offset++;
    }
    this.headerOffset = bomLength + offset;
    const invalidAt = this.decoder.invalidAt;
    if (invalidAt >= 0 && invalidAt < this.prefixLength) this.invalidLine = this.lineInPrefix(invalidAt);
    this.delimiter = header.delimiter!;
    this.tokenizer = new CsvTokenizer(
      {
        delimiter: header.delimiter!,
        recordDelimiter: 'any',
        relaxColumnCount: true,
        skipEmptyLines: false,
        bom: false,
        maxRecordSize: this.maxRecordSize,
        startLine: this.headerRow,
      },
      (rec) => this.onRecord(rec),
    );
    this.stage = STAGE_HEADER;
    this.tokenizer.push(this.prefix.subarray(this.headerOffset, this.prefixLength));
    this.prefix = new Uint8Array(0);
    this.afterTokenizer();
  }

  private lineInPrefix(at: number): number {
    const b = this.prefix;
    let line = 1;
    for (let i = 0; i < at; i++) {
      const c = b[i];
      if (c === 0x0a) line++;
      else if (c === 0x0d && b[i + 1] !== 0x0a) line++;
    }
    return line;
  }

  /**
   * A field as `readTable` sees it: decoded, doubled quotes undone, line breaks normalised. An ASCII field (nearly
   * every cell of an HR extract) is the same text in every encoding and is sliced natively; the current row's cells
   * are kept once decoded, as readers ask for some of them twice.
   */
  text(rec: CsvRecordView, f: number): string {
    if (this.cellsOf === rec && this.cellLine === rec.line && this.cellSet[f] === this.cellGen) return this.cells[f]!;
    const b = rec.bytes;
    const s = rec.starts[f]!;
    const e = rec.ends[f]!;
    let ascii = true;
    for (let i = s; i < e; i++) {
      if (b[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    let t: string;
    if (ascii) {
      if (this.bufferOf !== b) {
        this.bufferOf = b;
        this.buffer = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      }
      t = this.buffer!.toString('latin1', s, e);
    } else {
      this.decoder.noteText(b, s, e);
      t = this.decoder.decode(b, s, e);
    }
    if ((rec.flags[f]! & FIELD_ESCAPED) !== 0) t = t.replaceAll('""', '"');
    t = normaliseFieldText(t);
    if (this.cellsOf !== rec || this.cellLine !== rec.line) {
      this.cellsOf = rec;
      this.cellLine = rec.line;
      this.cellGen++;
    }
    if (f < this.cellSet.length) {
      this.cells[f] = t;
      this.cellSet[f] = this.cellGen;
    }
    return t;
  }

  private onHeader(rec: CsvRecordView): boolean {
    const raw: string[] = [];
    for (let f = 0; f < rec.count; f++) raw.push(this.text(rec, f));
    const requested = new Set([...this.required, ...this.optional]);
    const { names, diagnostics } = checkHeaderNames(raw, requested, 'csv', (column) => this.at(this.headerRow, column));
    if (diagnostics.length > 0) return this.fail(`header: ${diagnostics[0]!.code}`);
    this.header = names;
    this.index = new HeaderIndex(names);
    this.columnCache.clear();
    this.headerLength = names.length;
    this.cells = new Array<string>(names.length).fill('');
    this.cellSet = new Int32Array(names.length);
    this.cellGen++;
    this.requiredIdx = this.required.map((c) => this.index.get(c)!);
    if (this.requiredIdx.some((i) => i === undefined)) return this.fail('header record differs from the header line');
    this.stage = STAGE_ROWS;
    this.take = this.open(this);
    return true;
  }

  // --- rows ----------------------------------------------------------------------------------------------------

  private onRecord(rec: CsvRecordView): boolean {
    if (this.bail !== null) return false;
    if (this.decoder.invalidAt >= 0 && this.invalidLine < 0) this.locateInvalid(rec);
    if (!this.resumptions.count(rec)) return this.fail('more than 200 changes of field count (csv.too-many-errors)');
    if (this.stage === STAGE_ROWS) return this.onRow(rec);
    return this.onHeader(rec);
  }

  private locateInvalid(rec: CsvRecordView): void {
    const rel = this.decoder.invalidAt - this.headerOffset - rec.offset;
    const start = rec.starts[0]! - ((rec.flags[0]! & FIELD_QUOTED) !== 0 ? 1 : 0);
    const last = rec.count - 1;
    const end = rec.ends[last]! + ((rec.flags[last]! & FIELD_QUOTED) !== 0 ? 1 : 0);
    if (rel < 0 || rel >= end - start) return;
    const b = rec.bytes;
    let line = rec.line;
    for (let i = start; i < start + rel; i++) {
      const c = b[i];
      if (c === 0x0a) line++;
      else if (c === 0x0d && b[i + 1] !== 0x0a) line++;
    }
    this.invalidLine = line;
  }

  private onRow(rec: CsvRecordView): boolean {
    const n = rec.count;
    if (this.isBlankField(rec, 0) && this.isBlankRecord(rec)) {
      this.onBlank(rec);
      return true;
    }
    if (n < this.headerLength) return this.fail('short row');
    if (n > this.headerLength) {
      for (let f = this.headerLength; f < n; f++) if (!this.isBlankField(rec, f)) return this.fail('long row');
      this.extraBlankRows = true;
    } else this.exactRows = true;
    // In a ,-file, rows with an empty extra field among rows that fit: maybe a value split by a decimal comma (table.ts).
    if (this.extraBlankRows && this.exactRows && this.delimiter === ',') return this.fail('empty extra field on some rows of a ,-file');
    if (this.isRepeatedHeader(rec)) return this.fail('repeated header');
    if (this.pendingBlanks > 0) {
      for (const r of this.pendingBlankRows) if (this.middleBlankRows.length < 5) this.middleBlankRows.push(r);
      this.middleBlanks += this.pendingBlanks;
      this.pendingBlanks = 0;
      this.pendingBlankRows.length = 0;
    }
    this.lastRecordBlank = false;
    this.dataRows++;
    this.view.rec = rec;
    this.take!(this.view);
    return this.bail === null;
  }

  /** Every required column holds its own name (a header repeated after a page break). */
  private isRepeatedHeader(rec: CsvRecordView): boolean {
    const req = this.required;
    for (let k = 0; k < req.length; k++) {
      const f = this.requiredIdx[k]!;
      // A cell of far fewer bytes than its name has characters cannot be the name (cheap test before decoding).
      if (rec.ends[f]! - rec.starts[f]! < req[k]!.length / 3) return false;
      if (normaliseHeader(this.text(rec, f)) !== req[k]) return false;
    }
    return true;
  }

  private isBlankField(rec: CsvRecordView, f: number): boolean {
    const b = rec.bytes;
    const e = rec.ends[f]!;
    let nonAscii = false;
    for (let i = rec.starts[f]!; i < e; i++) {
      const c = b[i]!;
      if (c >= 0x80) nonAscii = true;
      else if (!isAsciiSpace(c)) return false;
    }
    return !nonAscii || this.text(rec, f).trim() === '';
  }

  private isBlankRecord(rec: CsvRecordView): boolean {
    for (let f = 0; f < rec.count; f++) if (!this.isBlankField(rec, f)) return false;
    return true;
  }

  private onBlank(rec: CsvRecordView): void {
    if (this.pendingBlanks < 5) this.pendingBlankRows.push(rec.line);
    this.pendingBlanks++;
    // io/csv.ts empties whitespace-only lines first; one at the very end without a line break then disappears.
    this.lastBlankWhitespaceLine = isWhitespaceOnlyLine(rec, this.decoder.utf8);
    this.lastRecordBlank = true;
  }

  /** What `readTable` says before the reader's own: the decoding, then blank lines in the middle and at the end. */
  private tableDiagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [];
    const fallback = this.decoder.fallbackWarning(this.file, this.invalidLine);
    if (fallback) out.push(fallback);
    if (this.middleBlanks > 0) out.push(blankLinesDiagnostic(this.middleBlanks, this.middleBlankRows, this.at(this.middleBlankRows[0]!)));
    const last = this.decoder.lastByte;
    if (this.lastRecordBlank && this.lastBlankWhitespaceLine && last !== 0x0a && last !== 0x0d) {
      this.pendingBlanks--;
      if (this.pendingBlankRows.length > this.pendingBlanks) this.pendingBlankRows.pop();
    }
    if (this.pendingBlanks > 0) out.push(trailingBlankLinesDiagnostic(this.pendingBlanks, this.at(this.pendingBlankRows[0]!)));
    return out;
  }
}

/** The current record as a `TableRow`: cells decoded when asked for. One object, reused for every row. */
class StreamRow implements TableRow {
  rec!: CsvRecordView;

  constructor(private readonly table: StreamingTable) {}

  get row(): number {
    return this.rec.line;
  }

  get cells(): string[] {
    const out: string[] = [];
    for (let f = 0; f < this.table.header.length; f++) out.push(this.table.text(this.rec, f));
    return out;
  }

  values(column: string): string | undefined {
    const i = this.table.columnIndex(column);
    return i === undefined ? undefined : this.table.text(this.rec, i);
  }

  kind(column: string): CellKind | undefined {
    const v = this.values(column);
    return v === undefined ? undefined : v === '' ? 'empty' : 'text';
  }
}
