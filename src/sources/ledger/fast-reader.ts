import type { LedgerSourceSpec } from '../../config/schema.js';
import type { SourceLocation } from '../../model/diagnostics.js';
import type { Ledger, ReadResult } from '../../model/records.js';
import { DEFAULT_MAX_RECORD_SIZE, DELIMITERS, type Delimiter } from '../../io/csv.js';
import { isWhitespaceOnlyLine, normaliseFieldText, ResumptionCounter } from '../../io/csv-compat.js';
import { CsvTokenizer, FIELD_ESCAPED, FIELD_QUOTED, type CsvRecordView } from '../../io/fast-csv.js';
import { StreamingDecoder, type DecoderState } from '../../io/stream-decode.js';
import { checkHeaderNames, DEFAULT_HEADER_SEARCH_ROWS, firstLines, HeaderIndex, normaliseHeader, searchHeaderCsv } from '../header.js';
import {
  amountDiagnostic,
  BYTES_EMPTY,
  BYTES_OK,
  BYTES_OTHER,
  isAmountIssue,
  parseAmount,
  parseAmountBytes,
  parsedAmount,
  UNIT_EXPONENT,
  type AmountOptions,
} from '../parse-amount.js';
import { PeriodFormats, parseYyyymmBytes } from '../parse-period.js';
import { blankLinesDiagnostic, DiagnosticSink, emptyAmountsDiagnostic, trailingBlankLinesDiagnostic, type ReadOptions } from '../table.js';
import {
  aggregatorSettings,
  EMPTY_CELL,
  mergeAggregates,
  MAX_ACCOUNTS,
  MAX_COST_CENTRES,
  monthIndex,
  PARALLEL_FROM_BYTES,
  RowBatches,
  type AggregateResult,
  type AggregatorSettings,
  type PartialAggregate,
} from './aggregate.js';
import { buildLedger } from './build.js';
import { CODE_EMPTY, CodeTable, isAsciiSpace } from './codes.js';
import { ledgerColumnMap, type LedgerColumnMap } from './columns.js';
import { RowDiagnostics } from './row-diagnostics.js';
import { codeName, duplicateKeyDiagnostic, duplicatesSummedDiagnostic } from './rules.js';
import { addsExactly } from './sum-rows.js';

/**
 * The byte-level ledger reader: the streaming state behind `readLedgerFast` (read-fast.ts). Bytes go through the
 * streaming decoder (io/stream-decode.ts) and the tokenizer (io/fast-csv.ts); the rules are the ledger's own, from
 * this folder and the files next to it, the same the general reader uses: the column mapping (columns.ts), the
 * header search and header names (header.ts), periods (`parseYyyymmBytes` and `PeriodFormats`), amounts
 * (`parseAmountBytes` and `parseAmount`), codes, sum labels and names (codes.ts, rules.ts), blank lines and the
 * summary lines (table.ts), duplicate keys and the sign (the aggregation in aggregate.ts and build.ts).
 *
 * Whatever it does not read itself it hands over (`bail`): the caller then gives the bytes to the general reader,
 * so the result is always the general reader's result (see read-fast.ts for the list).
 */

const STAGE_PREFIX = 0;
const STAGE_HEADER = 1;
const STAGE_ROWS = 2;

/** Prefix held while looking for the header; more than this without 30 lines is left to the general reader. */
const MAX_PREFIX = 16 << 20;
/** An amount the byte path could not use (an error after `parseAmount`, reported). */
const SLOW = 1e300;

/**
 * What a reader of a later byte range of the file needs to know of its start (`FastLedgerReader.rangeStart`): the
 * header's columns, the table layout and the decoder's state. Plain data, so it can go to a worker thread.
 */
export interface RangeStart {
  readonly delimiter: Delimiter;
  readonly headerLength: number;
  /** Field indexes: ansvar, konto, period, the two name columns, the three amount columns (-1 = absent). */
  readonly columns: readonly number[];
  readonly settings: AggregatorSettings;
  readonly decoder: DecoderState;
}

/**
 * A range's reading (`FastLedgerReader.rangeResult`): its partial aggregation over its own code numbers and lines
 * (its first line is line 1), what the file's reader adds up from it, or why it is not clean (`bail`): then the file
 * is read on from the range's start by the file's reader, as if no range had been read.
 */
export interface RangeResult {
  readonly bail: string | null;
  readonly aggregate: AggregateResult | null;
  readonly costCentres: readonly string[];
  readonly accounts: readonly string[];
  /** The first non-empty name per code, in the order the codes got them: [code number, bytes, has doubled quotes]. */
  readonly costCentreNames: readonly (readonly [number, Uint8Array, boolean])[];
  readonly accountNames: readonly (readonly [number, Uint8Array, boolean])[];
  readonly dataRows: number;
  readonly empty: readonly number[];
  /** Per amount column, the sum of the absolute amounts (file sign). */
  readonly absolute: readonly number[];
  /** Lines in the range. */
  readonly lines: number;
  /** The range's last two bytes. */
  readonly lastTwo: readonly [number, number];
}

export interface FastReaderOptions extends ReadOptions {
  /** Aggregate in a second thread: 'auto' for inputs known to be 16 MiB or more, 'always', or 'never'. */
  readonly parallel?: 'auto' | 'always' | 'never';
  /**
   * When the rows are aggregated in a second thread, that thread also hashes the pieces of the file given to
   * `hashPiece`, each of at most this many bytes (see `hashWhere`). 0 (default): never.
   */
  readonly hashPieces?: number;
}

export class FastLedgerReader {
  /** Why the file is left to the general reader; null while the fast path holds. */
  bail: string | null = null;
  /** Bytes fed so far. */
  total = 0;
  /** Expected input size, if known (sizes the key table, decides on the worker thread). */
  sizeHint = 0;
  /** performance.now() at the start, the end of reading, the end of the aggregation and the end of building. */
  readonly times = [0, 0, 0, 0];

  private readonly file: string;
  private readonly columns: LedgerColumnMap;
  private readonly periodColumn: string;
  private readonly sink: DiagnosticSink;
  private readonly rowDiags: RowDiagnostics;
  private readonly maxKept: number;
  private readonly maxRows: number;
  private readonly searchRows: number;
  private readonly maxRecordSize: number;
  private readonly amountOptions: AmountOptions;
  private readonly maxDec: number;
  private readonly parallel: 'auto' | 'always' | 'never';
  private readonly hashPieces: number;
  private readonly decoder: StreamingDecoder;
  private readonly resumptions: ResumptionCounter;

  // Stages.
  private stage = STAGE_PREFIX;
  private prefix: Uint8Array = new Uint8Array(1 << 16);
  private prefixLength = 0;
  private headerRow = 0;
  private headerOffset = 0;
  private tokenizer: CsvTokenizer | null = null;
  /** Under `auto`, the line of the first byte that is not UTF-8, once known. */
  private invalidLine = -1;

  // Columns (field indexes; -1 = absent).
  private headerLength = 0;
  private delimiter: Delimiter = ';';
  private ccCol = -1;
  private accCol = -1;
  private periodCol = -1;
  private ccNameCol = -1;
  private accNameCol = -1;
  private readonly measureCols = [-1, -1, -1];
  private maxKeyCol = 0;

  // Rows.
  private readonly costCentres: CodeTable;
  private readonly accounts: CodeTable;
  private readonly periods = new PeriodFormats(true);
  private rows: RowBatches | null = null;
  private settings: AggregatorSettings | null = null;
  private dataRows = 0;
  private readonly empty = [0, 0, 0];
  /** Per amount column: the running total of the detail rows, in file sign (`SumRowChecker.detail`). */
  private readonly totals = [0, 0, 0];
  /** Per amount column: the sum of the absolute amounts (what bounds every running total, also across ranges). */
  private readonly absolute = [0, 0, 0];
  /** Reading a byte range after the file's start (see `forRange`): anything but a plain detail row hands it back. */
  private rangeMode = false;
  /** Ranges read by other readers after this one's bytes (`adoptRanges`), merged in `finish`. */
  private ranges: { parts: PartialAggregate[]; lines: number } | null = null;
  private pendingBlanks = 0;
  private readonly pendingBlankRows: number[] = [];
  private middleBlanks = 0;
  private readonly middleBlankRows: number[] = [];
  private lastBlankWhitespaceLine = false;
  private lastRecordBlank = false;
  /** Data rows that fit the header, and rows with extra fields that are all empty (both: table.row-extra-empty-field). */
  private exactRows = false;
  private extraBlankRows = false;
  private delimiterIsComma = false;

  constructor(
    private readonly spec: LedgerSourceSpec,
    file: string,
    options: FastReaderOptions,
  ) {
    this.file = file;
    const columns = ledgerColumnMap(spec);
    if (!columns || !('period' in columns.period)) throw new RangeError('the fast path reads one period column');
    this.columns = columns;
    this.periodColumn = columns.period.period;
    const max = options.maxDiagnosticsPerCode ?? 50;
    this.sink = new DiagnosticSink(max);
    this.rowDiags = new RowDiagnostics(max);
    this.maxKept = max;
    // No row limit of its own: memory does not grow with the rows (only with the distinct keys). A limit is applied
    // only when one is given.
    this.maxRows = options.maxRows ?? Infinity;
    this.searchRows = options.headerSearchRows ?? DEFAULT_HEADER_SEARCH_ROWS;
    // The general reader counts characters of the text re-encoded as UTF-8 (up to 3 bytes per Windows-1252 byte);
    // a third of its limit in raw bytes makes sure we never accept a record it refuses.
    this.maxRecordSize = Math.max(1, Math.floor((options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE) / 3));
    this.amountOptions = { profile: spec.amounts, unit: spec.unit };
    this.maxDec = 2 + UNIT_EXPONENT[spec.unit];
    this.parallel = options.parallel ?? 'auto';
    this.hashPieces = options.hashPieces ?? 0;
    this.decoder = new StreamingDecoder(spec.encoding, options.acceptMojibake ?? false);
    this.resumptions = new ResumptionCounter(() => this.decoder.utf8);
    this.costCentres = new CodeTable(normaliseHeader(columns.costCentre));
    this.accounts = new CodeTable(normaliseHeader(columns.account));
  }

  /**
   * A reader for the byte range of the file that starts at offset `at`, at a line start, after the part read by the
   * reader whose `rangeStart()` is `start`. It reads plain detail rows only — no quotes, blank lines, rows of another
   * length, unusual periods or amounts, nothing to report — and hands anything else back (`bail`), so a clean
   * range's reading is exactly what the file's reader would have made of it.
   */
  static forRange(spec: LedgerSourceSpec, file: string, options: FastReaderOptions, start: RangeStart, at: number): FastLedgerReader {
    const r = new FastLedgerReader(spec, file, { ...options, parallel: 'never' });
    r.rangeMode = true;
    r.total = at;
    r.decoder.resume(start.decoder);
    r.periods.noteFirst('yyyymm', '', 0);
    r.headerLength = start.headerLength;
    [r.ccCol, r.accCol, r.periodCol, r.ccNameCol, r.accNameCol] = start.columns as [number, number, number, number, number];
    for (let m = 0; m < 3; m++) r.measureCols[m] = start.columns[5 + m]!;
    r.maxKeyCol = Math.max(r.ccCol, r.accCol, r.periodCol);
    r.settings = start.settings;
    r.rows = new RowBatches(false, start.settings);
    r.stage = STAGE_ROWS;
    r.tokenizer = new CsvTokenizer(
      { delimiter: start.delimiter, recordDelimiter: 'any', relaxColumnCount: true, skipEmptyLines: false, bom: false, maxRecordSize: r.maxRecordSize, startLine: 1 },
      (rec) => r.onRow(rec),
    );
    return r;
  }

  /**
   * What a reader of a later range needs, when the bytes fed so far end at a line start in the rows, with every row
   * plain so far: null when the rest of the file must be read here (the header not yet found, an open quoted field,
   * a period column not in YYYYMM, a row limit, a first non-UTF-8 byte to locate …).
   */
  rangeStart(): RangeStart | null {
    if (this.bail !== null || this.stage !== STAGE_ROWS || !this.tokenizer?.atLineStart) return null;
    if (this.periods.columnFormat !== 'yyyymm' || this.maxRows !== Infinity || this.decoder.invalidAt >= 0) return null;
    if (!this.resumptions.canChangeOnce) return null;
    return {
      delimiter: this.delimiter,
      headerLength: this.headerLength,
      columns: [this.ccCol, this.accCol, this.periodCol, this.ccNameCol, this.accNameCol, ...this.measureCols],
      settings: this.settings!,
      decoder: this.decoder.state(),
    };
  }

  /**
   * The rest of the file was read by range readers, all clean: their results, in file order, become part of this
   * reader's (merged in `finish`). False — nothing taken — when the amounts could leave the exact range when summed
   * in another order than the file's; the caller then reads the ranges here.
   */
  adoptRanges(results: readonly RangeResult[], bytes: number): boolean {
    for (let m = 0; m < 3; m++) {
      let abs = this.absolute[m]!;
      for (const r of results) abs += r.absolute[m]!;
      if (!(abs <= Number.MAX_SAFE_INTEGER)) return false;
    }
    let line = this.tokenizer!.lineCount;
    const parts: PartialAggregate[] = [];
    for (const r of results) {
      const ccMap = this.mapCodes(this.costCentres, r.costCentres, r.costCentreNames);
      const accMap = this.mapCodes(this.accounts, r.accounts, r.accountNames);
      if (!ccMap || !accMap) return this.fail('code of a range not interned');
      parts.push({ result: r.aggregate!, costCentreMap: ccMap, accountMap: accMap, lineOffset: line });
      line += r.lines;
      if (r.dataRows > 0) this.onDataRow(0);
      this.dataRows += Math.max(0, r.dataRows - 1);
      for (let m = 0; m < 3; m++) {
        this.empty[m]! += r.empty[m]!;
        this.absolute[m]! += r.absolute[m]!;
      }
      this.decoder.noteEnd(r.lastTwo);
    }
    this.total += bytes;
    this.ranges = { parts, lines: line };
    return true;
  }

  /** A range's codes → this reader's numbers; their names where this reader has none yet, in the range's order. */
  private mapCodes(table: CodeTable, codes: readonly string[], names: RangeResult['costCentreNames']): Int32Array | null {
    const map = new Int32Array(codes.length);
    for (let i = 0; i < codes.length; i++) {
      const bytes = Uint8Array.from(codes[i]!, (ch) => ch.charCodeAt(0));
      const id = table.intern(bytes, 0, bytes.length);
      if (id < 0) return null;
      map[i] = id;
    }
    for (const [code, bytes, escaped] of names) {
      const id = map[code]!;
      if (table.nameBytes[id] !== null) continue;
      table.nameBytes[id] = bytes;
      table.nameEscaped[id] = escaped;
      table.nameOrder.push(id);
    }
    return map;
  }

  /** A range reader's result, after `end()` (see `forRange`). */
  async rangeResult(): Promise<RangeResult> {
    const none = { aggregate: null, costCentres: [], accounts: [], costCentreNames: [], accountNames: [], dataRows: 0, empty: [], absolute: [], lines: 0, lastTwo: [-1, -1] as [number, number] };
    if (this.bail === null) {
      this.tokenizer!.end();
      this.afterTokenizer();
    }
    // Under `auto`, a byte that is not UTF-8 makes the whole file Windows-1252: the file's reader must see it.
    if (this.bail === null && (this.decoder.end(this.total) !== null || this.decoder.invalidAt >= 0)) this.bailOut('not UTF-8 in a range');
    if (this.bail !== null) return { bail: this.bail, ...none };
    const aggregate = await this.rows!.finish();
    if (aggregate.overflow) return { bail: 'amounts beyond the exact range', ...none };
    const names = (t: CodeTable): [number, Uint8Array, boolean][] => t.nameOrder.map((c) => [c, t.nameBytes[c]!, t.nameEscaped[c]!]);
    const last = this.decoder.lastByte;
    return {
      bail: null,
      aggregate,
      costCentres: this.costCentres.codes,
      accounts: this.accounts.codes,
      costCentreNames: names(this.costCentres),
      accountNames: names(this.accounts),
      dataRows: this.dataRows,
      empty: [...this.empty],
      absolute: [...this.absolute],
      lines: this.tokenizer!.lineCount,
      lastTwo: [this.decoder.tailBefore, last],
    };
  }

  bailOut(reason: string): void {
    if (this.bail === null) this.bail = reason;
    this.tokenizer = null;
    this.rows?.abandon();
  }

  private fail(reason: string): false {
    this.bailOut(reason);
    return false;
  }

  // --- input ---------------------------------------------------------------------------------------------------

  /**
   * Where the file's hash can be made (with `hashPieces`): in the aggregation thread once the rows are aggregated
   * there (`worker`: give it every piece, in order, with `hashPiece`), in the caller's thread (`here`), or not known
   * until the rows start (`undecided`).
   */
  hashWhere(): 'undecided' | 'worker' | 'here' {
    if (this.bail !== null) return 'here';
    if (this.stage !== STAGE_ROWS || this.rows === null) return 'undecided';
    return this.rows.hashing ? 'worker' : 'here';
  }

  /** The next piece of the file for the aggregation thread to hash (`hashWhere` is `worker`). */
  hashPiece(bytes: Uint8Array): void {
    if (this.bail === null && !this.rows!.hash(bytes)) this.bailOut('aggregation worker failed');
  }

  /** After `end()`: the SHA-256 of the pieces given to `hashPiece`, made in the aggregation thread. */
  get workerSha256(): string | null {
    return this.rows?.sha256 ?? null;
  }

  /** Room for `n` bytes straight in the tokenizer's buffer, once the rows are being read; else null (use `feed`). */
  writable(n: number): Uint8Array | null {
    return this.stage === STAGE_ROWS && this.tokenizer && this.bail === null ? this.tokenizer.reserve(n) : null;
  }

  /** `n` bytes were written into the view from `writable`. */
  written(view: Uint8Array, n: number): void {
    if (this.bail !== null || n === 0) return;
    if (!this.check(view.subarray(0, n))) return;
    this.tokenizer!.commit(n);
    this.afterTokenizer();
  }

  feed(chunk: Uint8Array): void {
    if (this.bail !== null || chunk.length === 0) return;
    if (!this.check(chunk)) return;
    if (this.stage === STAGE_PREFIX) {
      this.appendPrefix(chunk);
      if (this.prefixLines() >= this.searchRows) this.startRows();
      else if (this.prefixLength > MAX_PREFIX) this.bailOut('no header within the first 16 MiB');
      return;
    }
    this.tokenizer!.push(chunk);
    this.afterTokenizer();
  }

  /** End of input: the result, or null when the file is the general reader's. */
  async end(): Promise<ReadResult<Ledger> | null> {
    if (this.bail !== null) return null;
    const why = this.decoder.end(this.total);
    if (why) return this.fail(why) || null;
    if (this.stage === STAGE_PREFIX) this.startRows();
    if (this.bail !== null) return null;
    this.tokenizer!.end();
    this.afterTokenizer();
    if (this.bail !== null) return null;
    return this.finish();
  }

  /** What `decodeText` would say of the chunk (io/stream-decode.ts); false when the file is handed over. */
  private check(chunk: Uint8Array): boolean {
    const at = this.total;
    this.total += chunk.length;
    const why = this.decoder.check(chunk, at);
    return why === null || this.fail(why);
  }

  private afterTokenizer(): void {
    const err = this.tokenizer?.error;
    if (err) this.bailOut(`csv ${err.code} at line ${err.line}`);
  }

  // --- header --------------------------------------------------------------------------------------------------

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

  /** Complete lines in the prefix (a CR at its very end counts: its line is complete either way). */
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

  /** Finds the header in the prefix as `readTable` does (header.ts), then starts the tokenizer at its line. */
  private startRows(): void {
    const all = this.prefix.subarray(0, this.prefixLength);
    const bomLength = this.decoder.bomLength(all);
    if (bomLength === null) return this.bailOut('BOM contradicts the declared encoding');
    const b = all.subarray(bomLength);
    this.decoder.noteText(b, 0, b.length);
    // The first `searchRows` lines of the text, line breaks normalised. Only their bytes are decoded (the prefix is the
    // whole first piece read, a MiB: decoding it all cost more than the search). LF, CR LF and CR each end a line, as
    // the normalisation below has it; neither byte occurs inside a UTF-8 or Windows-1252 character.
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
    const delimiters: readonly Delimiter[] = this.spec.delimiter === 'auto' ? DELIMITERS : [this.spec.delimiter];
    const required = this.columns.required.map(normaliseHeader);
    const header = searchHeaderCsv(firstLines(text, this.searchRows), delimiters, required);
    if (!header.found) return this.bailOut('no header');
    this.headerRow = header.row;
    // Byte offset of the header line.
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
    this.delimiterIsComma = header.delimiter === ',';
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

  /** Line of an offset in the prefix (LF, CR LF and CR each end a line; the BOM is on line 1). */
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

  /** A field as the general reader sees it: decoded, doubled quotes undone, line breaks normalised. */
  private text(rec: CsvRecordView, f: number): string {
    const b = rec.bytes;
    const s = rec.starts[f]!;
    const e = rec.ends[f]!;
    this.decoder.noteText(b, s, e);
    let t = this.decoder.decode(b, s, e);
    if ((rec.flags[f]! & FIELD_ESCAPED) !== 0) t = t.replaceAll('""', '"');
    return normaliseFieldText(t);
  }

  /** The header record: names checked as `readTable` checks them (any finding → hand over), columns found. */
  private onHeader(rec: CsvRecordView): boolean {
    const raw: string[] = [];
    for (let f = 0; f < rec.count; f++) raw.push(this.text(rec, f));
    const cols = this.columns;
    const requested = new Set([...cols.required, ...cols.optional].map(normaliseHeader));
    const { names, diagnostics } = checkHeaderNames(raw, requested, 'csv', (column) => this.at(this.headerRow, column));
    if (diagnostics.length > 0) return this.fail(`header: ${diagnostics[0]!.code}`);
    const index = new HeaderIndex(names);
    const col = (column: string): number => index.get(column) ?? -1;
    this.headerLength = names.length;
    this.ccCol = col(cols.costCentre);
    this.accCol = col(cols.account);
    this.periodCol = col(this.periodColumn);
    this.ccNameCol = col(cols.costCentreName);
    this.accNameCol = col(cols.accountName);
    for (let m = 0; m < 3; m++) this.measureCols[m] = col(cols.measures[m]!);
    if (this.ccCol < 0 || this.accCol < 0 || this.periodCol < 0) return this.fail('header record differs from the header line');
    if (this.measureCols.every((c) => c < 0)) return this.fail('no amount column');
    this.settings = aggregatorSettings(
      this.measureCols.map((c) => c >= 0),
      this.spec.duplicates === 'sum',
      this.maxKept,
      this.sizeHint,
    );
    const parallel = this.parallel === 'always' || (this.parallel === 'auto' && this.sizeHint >= PARALLEL_FROM_BYTES);
    this.rows = new RowBatches(parallel, this.settings, this.hashPieces);
    this.maxKeyCol = Math.max(this.ccCol, this.accCol, this.periodCol);
    this.stage = STAGE_ROWS;
    return true;
  }

  // --- rows ----------------------------------------------------------------------------------------------------

  private onRecord(rec: CsvRecordView): boolean {
    if (this.decoder.invalidAt >= 0 && this.invalidLine < 0) this.locateInvalid(rec);
    if (!this.resumptions.count(rec)) return this.fail('more than 200 changes of field count (csv.too-many-errors)');
    if (this.stage === STAGE_ROWS) return this.onRow(rec);
    return this.onHeader(rec);
  }

  /** The line of the first non-UTF-8 byte, when it lies in this record. */
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

  /**
   * One record after the header: a blank line, a detail row (read and aggregated), or something the general reader
   * reads (false: handed over).
   */
  private onRow(rec: CsvRecordView): boolean {
    const n = rec.count;
    const b = rec.bytes;
    const starts = rec.starts;
    const ends = rec.ends;
    const flags = rec.flags;
    const line = rec.line;

    if (this.rangeMode) {
      if (this.bail !== null) return false;
      if (n !== this.headerLength) return this.fail('a row of another length in a range');
      for (let f = 0; f < n; f++) if (flags[f] !== 0) return this.fail('quotes in a range');
    }
    if (n <= this.maxKeyCol) {
      if (this.isBlankRecord(rec)) {
        this.onBlank(rec);
        return true;
      }
      return this.fail('short row');
    }
    const cc = this.costCentres.intern(b, starts[this.ccCol]!, ends[this.ccCol]!);
    const acc = cc >= 0 ? this.accounts.intern(b, starts[this.accCol]!, ends[this.accCol]!) : CODE_EMPTY;
    if (cc < 0 || acc < 0) {
      if ((cc === CODE_EMPTY || acc === CODE_EMPTY) && this.isBlankRecord(rec)) {
        this.onBlank(rec);
        return true;
      }
      return this.fail('sum row, empty code or unusual code');
    }
    if ((flags[this.ccCol]! & FIELD_ESCAPED) !== 0 || (flags[this.accCol]! & FIELD_ESCAPED) !== 0) return this.fail('quoted quote in code');
    if (n !== this.headerLength) {
      if (n < this.headerLength) return this.fail('short row');
      for (let f = this.headerLength; f < n; f++) if (!this.isBlankField(rec, f)) return this.fail('long row');
      this.extraBlankRows = true;
    } else this.exactRows = true;
    // In a ,-file, rows with an empty extra field among rows that fit: maybe a value split by a decimal comma (table.ts).
    if (this.extraBlankRows && this.exactRows && this.delimiterIsComma) return this.fail('empty extra field on some rows of a ,-file');
    this.onDataRow(line);

    const period = this.period(rec, line);
    // Amounts, in file sign.
    const maxDec = this.maxDec;
    const utf8 = this.decoder.utf8;
    const multiByte = this.decoder.encodingFinal;
    let ok = period > 0;
    let actual = EMPTY_CELL;
    let budget = EMPTY_CELL;
    let forecast = EMPTY_CELL;
    for (let m = 0; m < 3; m++) {
      const col = this.measureCols[m]!;
      if (col < 0) continue;
      const status = (flags[col]! & FIELD_ESCAPED) !== 0 ? BYTES_OTHER : parseAmountBytes(b, starts[col]!, ends[col]!, maxDec, utf8, multiByte);
      const v = status === BYTES_OK ? parsedAmount[0]! : status === BYTES_EMPTY ? EMPTY_CELL : this.slowAmount(rec, col, m, line);
      if (v === EMPTY_CELL) this.empty[m]!++;
      else if (v === SLOW) ok = false;
      if (m === 0) actual = v;
      else if (m === 1) budget = v;
      else forecast = v;
    }
    if (!ok) return this.bail === null;
    // The general reader keeps running totals of the detail rows (sum-rows.ts), which throw when a total leaves the
    // exact integer range; such a file is the general reader's to handle.
    const totals = this.totals;
    const absolute = this.absolute;
    if (actual !== EMPTY_CELL) absolute[0]! += Math.abs(actual);
    if (budget !== EMPTY_CELL) absolute[1]! += Math.abs(budget);
    if (forecast !== EMPTY_CELL) absolute[2]! += Math.abs(forecast);
    if (actual !== EMPTY_CELL && !addsExactly(totals, 0, actual)) return this.fail('amounts beyond the exact range');
    if (budget !== EMPTY_CELL && !addsExactly(totals, 1, budget)) return this.fail('amounts beyond the exact range');
    if (forecast !== EMPTY_CELL && !addsExactly(totals, 2, forecast)) return this.fail('amounts beyond the exact range');
    if (!this.aggregate(cc, acc, period, line, actual, budget, forecast)) return false;

    // Names: the first non-empty one per code.
    if (this.ccNameCol >= 0 && this.costCentres.nameBytes[cc] === null) this.takeName(this.costCentres, cc, rec, this.ccNameCol);
    if (this.accNameCol >= 0 && this.accounts.nameBytes[acc] === null) this.takeName(this.accounts, acc, rec, this.accNameCol);
    return true;
  }

  /** A detail row: blank lines seen since the previous one were in the middle of the file. */
  private onDataRow(line: number): void {
    if (this.pendingBlanks > 0) {
      for (const r of this.pendingBlankRows) if (this.middleBlankRows.length < 5) this.middleBlankRows.push(r);
      this.middleBlanks += this.pendingBlanks;
      this.pendingBlanks = 0;
      this.pendingBlankRows.length = 0;
    }
    this.lastRecordBlank = false;
    this.dataRows++;
  }

  /** The row's period: YYYYMM from the bytes while the column is YYYYMM, else through `PeriodFormats`; 0 = error. */
  private period(rec: CsvRecordView, line: number): number {
    let period = parseYyyymmBytes(rec.bytes, rec.starts[this.periodCol]!, rec.ends[this.periodCol]!);
    const format = this.periods.columnFormat;
    if (period !== 0 && format !== null && format !== 'yyyymm') period = 0;
    if (period === 0) return this.slowPeriod(rec, line);
    if (format === null) this.periods.noteFirst('yyyymm', this.text(rec, this.periodCol), line);
    return period;
  }

  /** Into the aggregation (in batches); false when it failed (handed over). */
  private aggregate(cc: number, acc: number, period: number, line: number, actual: number, budget: number, forecast: number): boolean {
    if (cc >= MAX_COST_CENTRES || acc >= MAX_ACCOUNTS) return this.fail('too many distinct codes');
    const rows = this.rows!;
    const j = rows.next;
    rows.cc[j] = cc;
    rows.acc[j] = acc;
    rows.month[j] = monthIndex(period);
    rows.period[j] = period;
    rows.line[j] = line;
    rows.values[j * 3] = actual;
    rows.values[j * 3 + 1] = budget;
    rows.values[j * 3 + 2] = forecast;
    return rows.commit() || this.fail('amounts beyond the exact range');
  }

  private takeName(table: CodeTable, code: number, rec: CsvRecordView, f: number): void {
    if (f >= rec.count || this.isBlankField(rec, f)) return;
    table.nameBytes[code] = rec.bytes.slice(rec.starts[f]!, rec.ends[f]!);
    table.nameEscaped[code] = (rec.flags[f]! & FIELD_ESCAPED) !== 0;
    table.nameOrder.push(code);
    this.decoder.noteText(rec.bytes, rec.starts[f]!, rec.ends[f]!);
  }

  /** A period cell that is not YYYYMM in a YYYYMM column: `PeriodColumn.read` on its text. YYYYMM, or 0 (reported). */
  private slowPeriod(rec: CsvRecordView, line: number): number {
    if (this.rangeMode) return this.fail('a period that is not YYYYMM in a range') || 0;
    const raw = this.text(rec, this.periodCol);
    const p = this.periods.parse(raw, raw, { numericCell: false, date1904: false });
    const period = this.periods.check(p, raw, line, this.at(line, this.periodColumn), this.periodColumn);
    if (typeof period === 'number') return period;
    this.rowDiags.add(line, 0, period);
    return 0;
  }

  /** `AmountColumn.read` through `parseAmount`: öre, EMPTY_CELL, or SLOW for an error (reported). */
  private slowAmount(rec: CsvRecordView, col: number, m: number, line: number): number {
    if (this.rangeMode) return this.fail('an unusual amount in a range') || SLOW;
    const raw = this.text(rec, col);
    const p = parseAmount(raw, this.amountOptions, false);
    if (p === null) return EMPTY_CELL;
    if (!isAmountIssue(p)) return p;
    this.rowDiags.add(line, 0, amountDiagnostic(p, raw, this.at(line, this.columns.measures[m]!), this.amountOptions));
    return p.value === null ? SLOW : p.value;
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
    if (this.rangeMode) {
      this.fail('a blank line in a range');
      return;
    }
    if (this.pendingBlanks < 5) this.pendingBlankRows.push(rec.line);
    this.pendingBlanks++;
    // io/csv.ts empties whitespace-only lines first; one at the very end without a line break then disappears.
    this.lastBlankWhitespaceLine = isWhitespaceOnlyLine(rec, this.decoder.utf8);
    this.lastRecordBlank = true;
  }

  private at(row: number, column?: string): SourceLocation {
    return {
      file: this.file,
      ...(row > 0 ? { row } : {}),
      ...(column !== undefined ? { column: normaliseHeader(column) } : {}),
    };
  }

  // --- result --------------------------------------------------------------------------------------------------

  private async finish(): Promise<ReadResult<Ledger> | null> {
    this.times[1] = performance.now();
    if (this.stage !== STAGE_ROWS) return this.fail('no header record') || null;
    let agg: AggregateResult;
    try {
      agg = await this.rows!.finish();
    } catch (e) {
      return this.fail(`aggregation worker failed: ${(e as Error).message}`) || null;
    }
    if (this.ranges) agg = mergeAggregates(agg, this.settings!, this.ranges.parts);
    if (agg.overflow) return this.fail('amounts beyond the exact range') || null;
    this.times[2] = performance.now();
    this.noteDuplicates(agg);
    if (this.dataRows === 0) return this.fail('no data rows') || null;
    if (!this.decoder.utf8 && this.decoder.sensitive) return this.fail('encoding guessed wrongly') || null;
    // Lines in the file (a final line break does not start a line), as `countLines` counts them.
    const lineCount = this.ranges ? this.ranges.lines : this.tokenizer!.lineCount;
    if (lineCount - this.headerRow > this.maxRows) return this.fail('too many rows') || null;
    if (this.decoder.invalidAt >= 0 && this.invalidLine < 0) return this.fail('first non-UTF-8 byte not located') || null;
    this.tableDiagnostics();
    this.ledgerDiagnostics(agg);
    const value = buildLedger({
      aggregate: agg,
      settings: this.settings!,
      costCentres: this.costCentres.codes,
      accounts: this.accounts.codes,
      costCentreNames: this.names(this.costCentres),
      accountNames: this.names(this.accounts),
      dataRows: this.dataRows,
      sign: this.spec.sign,
    });
    this.times[3] = performance.now();
    return { value, diagnostics: this.sink.finish(this.file) };
  }

  /** Duplicate keys (duplicates: error), among the row diagnostics at their rows. */
  private noteDuplicates(agg: AggregateResult): void {
    const d = agg.duplicates;
    for (let i = 0; i < d.length; i += 5) {
      const [line, cc, acc, period, firstRow] = [d[i]!, d[i + 1]!, d[i + 2]!, d[i + 3]!, d[i + 4]!];
      const key = { costCentre: this.costCentres.codes[cc]!, account: this.accounts.codes[acc]!, period, firstRow };
      this.rowDiags.add(line, 1, duplicateKeyDiagnostic(key, this.at(line, this.columns.account)));
    }
    if (agg.duplicateCount > d.length / 5) this.rowDiags.addUnkept('ledger.duplicate-key', agg.duplicateCount - d.length / 5);
  }

  /** What `readTable` says first: the decoding, then blank lines in the middle and at the end. */
  private tableDiagnostics(): void {
    const sink = this.sink;
    const fallback = this.decoder.fallbackWarning(this.file, this.invalidLine);
    if (fallback) sink.add(fallback);
    if (this.middleBlanks > 0) sink.add(blankLinesDiagnostic(this.middleBlanks, this.middleBlankRows, this.at(this.middleBlankRows[0]!)));
    const last = this.decoder.lastByte;
    if (this.lastRecordBlank && this.lastBlankWhitespaceLine && last !== 0x0a && last !== 0x0d) {
      this.pendingBlanks--;
      if (this.pendingBlankRows.length > this.pendingBlanks) this.pendingBlankRows.pop();
    }
    if (this.pendingBlanks > 0) sink.add(trailingBlankLinesDiagnostic(this.pendingBlanks, this.at(this.pendingBlankRows[0]!)));
  }

  /** What `readLedger` says after the table's lines: the rows' own, then the column summaries. */
  private ledgerDiagnostics(agg: AggregateResult): void {
    const sink = this.sink;
    this.rowDiags.replay(sink);
    for (let m = 0; m < 3; m++) {
      if (this.measureCols[m]! < 0 || this.empty[m] === 0) continue;
      const column = normaliseHeader(this.columns.measures[m]!);
      sink.add(emptyAmountsDiagnostic(this.empty[m]!, column, this.at(0, column)));
    }
    if (agg.summed > 0) sink.add(duplicatesSummedDiagnostic(agg.summed, agg.summedRows, this.at(agg.summedRows[0]!)));
  }

  /** The names of the codes (rules.ts `codeName`), in the order the codes got them. */
  private names(table: CodeTable): Map<string, string> {
    const out = new Map<string, string>();
    for (const code of table.nameOrder) {
      const bytes = table.nameBytes[code]!;
      let t = this.decoder.decode(bytes, 0, bytes.length);
      if (table.nameEscaped[code]) t = t.replaceAll('""', '"');
      const name = codeName(normaliseFieldText(t));
      if (name !== null) out.set(table.codes[code]!, name);
    }
    return out;
  }
}

