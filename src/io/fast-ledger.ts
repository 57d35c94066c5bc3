/**
 * The byte-level ledger reader: a Raindance CSV export → the `Ledger` aggregate, streaming, without a string per
 * field. It gives the same `Ledger` and the same diagnostics as the general reader `readLedger`
 * (src/sources/read-ledger.ts), which stays the definition; `tests/fast/fast-ledger.test.ts` checks that on every
 * ledger fixture and on generated files.
 *
 * ## API
 *
 * ```ts
 * readLedgerFast(source, spec, displayName, options?) → Promise<{ ledger, diagnostics, path: 'fast' | 'general' }>
 * tryReadLedgerFast(source, spec, displayName, options?) → Promise<ReadResult<Ledger> | null>  // null: not handled
 * ```
 * - `source`: a file path, the whole file as bytes, or its chunks (`Iterable`/`AsyncIterable<Uint8Array>`).
 *   A path is read in 1 MiB pieces and never held whole.
 * - `spec`: the ledger source from the config (`LedgerSourceSpec`); `displayName`: the file as named in messages.
 * - `options`: the general reader's `ReadOptions` (header search rows, row limit, record size, diagnostics per code).
 *
 * `tryReadLedgerFast` returns null when the file needs something the fast path leaves to the general reader; that
 * is how `readLedger` can dispatch CSV to it. `readLedgerFast` then runs `readLedger` itself on the same bytes.
 *
 * ## What the fast path does itself (the common case, byte for byte as `readLedger`)
 *
 * Encoding (declared, BOM, or `auto`: UTF-8 when the whole file is valid UTF-8, else Windows-1252 with the
 * `io.decoded-windows-1252` warning); the header among the first 30 lines (same matching as `readTable`); blank lines
 * (warning in the middle, info at the end) and trailing empty extra fields; codes (trimmed strings, interned to
 * small integers straight from the bytes); periods (`YYYYMM` from bytes, anything else through `parsePeriod`, with
 * the one-format-per-column rule); amounts (`[-|−]digits` with space/NBSP/U+202F thousands groups and a decimal comma
 * parsed from bytes into integer öre, anything else through `parseAmount`, with its diagnostics); "no value" (empty
 * cell) kept apart from 0 and counted; sign flip; duplicate keys (error or sum); names (first non-empty per code).
 * Aggregation uses numeric keys in an open-addressing table over typed arrays — no string keys — and, for inputs of
 * 16 MiB and more, runs in a worker thread fed through shared memory while this thread reads and parses.
 *
 * ## Keeping in step with the general reader
 *
 * The fast path mirrors `readLedger`, `readTable`, `io/csv.ts` and `io/decode.ts` as they are, including their
 * quirks (whitespace-only lines are emptied before parsing; a row with a different field count costs io/csv.ts a
 * "resumption" and more than 200 end the parse). When those change, the differential tests in tests/fast/ say so.
 *
 * ## What it hands to the general reader (returns null)
 *
 * XLSX; a declared encoding contradicted by a BOM, UTF-16, invalid UTF-8 under `encoding: utf-8`, NUL bytes, bytes
 * undefined in Windows-1252, anything that could be mojibake; no header; a header that needs normalising, is
 * duplicated or forbidden; CSV syntax errors (quotes, runaway records); short or long rows; repeated header rows; sum
 * rows and rows with an empty ansvar or konto; year + month in two columns; non-ASCII or quoted-quote codes; no data
 * rows; more rows than `maxRows`; more than 200 changes of field count (io/csv.ts gives up); amounts whose sum
 * leaves the exact integer range (readLedger throws). With `encoding: auto`, a file that turns out not to be UTF-8
 * after non-ASCII text was already interpreted as UTF-8 is also handed over. The general reader then reads the same
 * bytes, so the result is its result.
 *
 * ## One deliberate difference
 *
 * The general reader refuses files over `maxBytes` (256 MiB) because it holds the text in memory; the fast path
 * streams and only applies `maxBytes` when it is given explicitly. When such a file needs the general reader, the
 * result is the general reader's `io.file-too-large` error.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { Worker } from 'node:worker_threads';
import type { LedgerSourceSpec } from '../config/schema.js';
import type { Diagnostic, SourceLocation } from '../model/diagnostics.js';
import type { MaybeOre, Ore } from '../model/ore.js';
import { diag } from '../messages/index.js';
import type { Ledger, LedgerEntry, ReadResult } from '../model/records.js';
import { isSumLabel, readLedger } from '../sources/read-ledger.js';
import { DiagnosticSink, normaliseHeader, type ReadOptions } from '../sources/table.js';
import { amountDiagnostic, isAmountIssue, parseAmount, UNIT_EXPONENT, type AmountOptions } from '../sources/parse-amount.js';
import { isPeriodIssue, parsePeriod, periodDiagnostic, type PeriodFormat, type PeriodParse } from '../sources/parse-period.js';
import { DEFAULT_MAX_RECORD_SIZE, DELIMITERS, splitLine, type Delimiter } from './csv.js';
import { DEFAULT_MAX_TEXT_BYTES, firstInvalidUtf8 } from './decode.js';
import { CsvTokenizer, FIELD_ESCAPED, FIELD_QUOTED, decodeCp1252, decodeUtf8, type CsvRecordView } from './fast-csv.js';

export type LedgerByteSource = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export interface FastLedgerResult {
  readonly ledger: Ledger;
  readonly diagnostics: readonly Diagnostic[];
  /** Which reader produced the result. */
  readonly path: 'fast' | 'general';
  /** Why the fast path handed over, when it did. */
  readonly reason?: string;
  /**
   * Fast path only, in seconds: reading and parsing (with the aggregation alongside), waiting for the aggregation
   * to finish, and building the `Ledger` (sorting, objects).
   */
  readonly timings?: { readonly read: number; readonly aggregateWait: number; readonly build: number };
}

export interface FastLedgerOptions extends ReadOptions {
  /** Bytes per read from a file path. Default 1 MiB. */
  readonly chunkSize?: number;
  /**
   * Aggregate in a second thread while this one reads and parses: 'auto' (default) for inputs known to be 16 MiB or
   * more, 'always', or 'never'. The result is the same either way.
   */
  readonly parallel?: 'auto' | 'always' | 'never';
}

const DEFAULT_CHUNK = 1 << 20;
const DEFAULT_HEADER_SEARCH_ROWS = 30;
const DEFAULT_MAX_ROWS = 5_000_000;
/** Prefix held while looking for the header; more than this without 30 lines is left to the general reader. */
const MAX_PREFIX = 16 << 20;

/** Reads a ledger with the fast path, or with the general reader when the fast path hands over. */
export async function readLedgerFast(
  source: LedgerByteSource,
  spec: LedgerSourceSpec,
  displayName: string,
  options: FastLedgerOptions = {},
): Promise<FastLedgerResult> {
  const attempt = await attemptFast(source, spec, displayName, options);
  if ('result' in attempt) {
    return { ledger: attempt.result.value, diagnostics: attempt.result.diagnostics, path: 'fast', timings: attempt.timings };
  }
  const general = await readGeneral(source, attempt.kept, attempt.streamed, spec, displayName, options);
  return { ledger: general.value, diagnostics: general.diagnostics, path: 'general', reason: attempt.bail };
}

/**
 * The fast path alone: the result, or null when the file needs the general reader (for a one-shot stream the
 * bytes are then consumed: use `readLedgerFast`, which keeps them for the hand-over).
 */
export async function tryReadLedgerFast(
  source: LedgerByteSource,
  spec: LedgerSourceSpec,
  displayName: string,
  options: FastLedgerOptions = {},
): Promise<ReadResult<Ledger> | null> {
  const attempt = await attemptFast(source, spec, displayName, options);
  return 'result' in attempt ? attempt.result : null;
}

type Timings = { read: number; aggregateWait: number; build: number };
type Attempt = { result: ReadResult<Ledger>; timings: Timings } | { bail: string; kept: Uint8Array[] | null; streamed: number };

async function attemptFast(
  source: LedgerByteSource,
  spec: LedgerSourceSpec,
  displayName: string,
  options: FastLedgerOptions,
): Promise<Attempt> {
  const why = unsupportedSpec(spec, displayName);
  if (why) return { bail: why, kept: null, streamed: 0 };
  const reader = new FastLedgerReader(spec, displayName, options);
  reader.times[0] = performance.now();
  reader.parallel = options.parallel ?? 'auto';
  if (source instanceof Uint8Array) reader.sizeHint = source.length;
  else if (typeof source === 'string') reader.sizeHint = (await stat(source)).size;
  const maxBytes = options.maxBytes ?? Infinity;
  // Chunks of a one-shot stream are kept (copied: a producer may reuse its buffer) so the general reader can get
  // the bytes if the fast path hands over — up to the general reader's size limit, beyond which its answer is the
  // size error anyway.
  let kept: Uint8Array[] | null = null;
  let streamed = 0;
  const feed = (chunk: Uint8Array, keep: boolean): boolean => {
    if (keep) {
      streamed += chunk.length;
      if (kept && streamed <= (options.maxBytes ?? DEFAULT_MAX_TEXT_BYTES)) kept.push(chunk.slice());
      else kept = null;
    }
    if (reader.bail !== null) return false;
    reader.feed(chunk);
    if (reader.total > maxBytes) reader.bailOut('file larger than maxBytes');
    return reader.bail === null;
  };

  if (typeof source === 'string') {
    const fh = await open(source, 'r');
    try {
      const size = options.chunkSize ?? DEFAULT_CHUNK;
      const buf = new Uint8Array(size);
      for (;;) {
        // Once the rows are being read, straight into the tokenizer's buffer (no copy).
        const direct = reader.writable(size);
        const target = direct ?? buf;
        const { bytesRead } = await fh.read(target, 0, size, null);
        if (bytesRead === 0) break;
        if (direct) reader.written(direct, bytesRead);
        else reader.feed(buf.subarray(0, bytesRead));
        if (reader.total > maxBytes) reader.bailOut('file larger than maxBytes');
        if (reader.bail !== null) break;
      }
    } finally {
      await fh.close();
    }
  } else if (source instanceof Uint8Array) {
    const size = options.chunkSize ?? DEFAULT_CHUNK;
    for (let i = 0; i < source.length; i += size) if (!feed(source.subarray(i, i + size), false)) break;
  } else {
    // After a hand-over the rest of a one-shot stream is still read, for the general reader.
    kept = [];
    if (Symbol.asyncIterator in source) {
      for await (const chunk of source) feed(chunk, true);
    } else {
      for (const chunk of source) feed(chunk, true);
    }
  }
  const result = reader.bail === null ? await reader.end() : null;
  if (result) {
    const [t0, t1, t2, t3] = reader.times as [number, number, number, number];
    return { result, timings: { read: (t1 - t0) / 1000, aggregateWait: (t2 - t1) / 1000, build: (t3 - t2) / 1000 } };
  }
  reader.bailOut('handed over'); // stops the worker, if any
  return { bail: reader.bail ?? 'unknown', kept, streamed };
}

/** The general reader on the same bytes (re-read from the path, or the kept chunks). */
async function readGeneral(
  source: LedgerByteSource,
  kept: Uint8Array[] | null,
  streamed: number,
  spec: LedgerSourceSpec,
  displayName: string,
  options: FastLedgerOptions,
): Promise<ReadResult<Ledger>> {
  const limit = options.maxBytes ?? DEFAULT_MAX_TEXT_BYTES;
  let bytes: Uint8Array;
  if (typeof source === 'string') {
    const size = (await stat(source)).size;
    if (size > limit) return tooLarge(size, limit, spec, displayName);
    bytes = await readFile(source);
  } else if (source instanceof Uint8Array) {
    bytes = source;
  } else {
    if (!kept) {
      // More than the general reader accepts was streamed; its answer is the size error.
      return tooLarge(streamed, limit, spec, displayName);
    }
    bytes = Buffer.concat(kept);
  }
  return readLedger({ bytes, displayName }, spec, { ...options, generalReader: true });
}

/** What `readLedger` returns for a file over its size limit (decodeText's check), without reading it. */
function tooLarge(size: number, limit: number, spec: LedgerSourceSpec, file: string): ReadResult<Ledger> {
  return {
    value: emptyLedger(spec.sign),
    diagnostics: [diag('io.file-too-large', { size, limit }, { file })],
  };
}

function emptyLedger(sign: 'ledger' | 'report'): Ledger {
  return { costCentres: [], accounts: [], entries: [], costCentreNames: new Map(), accountNames: new Map(), dataRows: 0, sourceSign: sign };
}

function unsupportedSpec(spec: LedgerSourceSpec, displayName: string): string | null {
  if (spec.format === 'xlsx') return 'xlsx';
  if (spec.format === 'auto') {
    const ext = /\.([^./\\]+)$/.exec(displayName)?.[1]?.toLowerCase() ?? '';
    if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  }
  const cols = spec.columns;
  if (cols.period === '' || cols.period === undefined) return 'year and month columns';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Bytes → values

const EMPTY = -1e300; // an empty cell
const SLOW = 1e300; // not the fast shape (or an error after parseAmount)
// parseOreBytes's answer: a status (small integer, never boxed) and the value in a Float64Array.
const OK = 0;
const IS_EMPTY = 1;
const IS_SLOW = 2;
const parsed = new Float64Array(1);
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `[-]d+[,d{1,maxDec}]` or with thousands groups `d{1,3}( d{3})+`, the group separator a space, NBSP (0xA0 in
 * Windows-1252; C2 A0 in UTF-8) or, in UTF-8, U+202F; the minus `-` or, in UTF-8, U+2212. Returns OK with the öre
 * in `parsed[0]`, IS_EMPTY, or IS_SLOW for anything else (including leading or trailing spaces): exactly the shapes
 * on which `parseAmount` gives the same value, so the fast path is a subset of the general one, never a variant.
 * `multiByte`: the encoding is known, so multi-byte separators and minus may be recognised.
 */
function parseOreBytes(b: Uint8Array, s: number, e: number, maxDec: number, utf8: boolean, multiByte: boolean): number {
  if (s === e) return IS_EMPTY;
  let i = s;
  let neg = false;
  let c = b[i]!;
  if (c === 0x2d) {
    neg = true;
    i++;
  } else if (c === 0xe2 && utf8 && multiByte && b[i + 1] === 0x88 && b[i + 2] === 0x92 && i + 3 <= e) {
    neg = true;
    i += 3;
  }
  let intPart = 0;
  let digits = 0;
  let run = 0;
  let groups = 0;
  for (; i < e; i++) {
    c = b[i]!;
    if (c >= 0x30 && c <= 0x39) {
      intPart = intPart * 10 + (c - 0x30);
      digits++;
      run++;
      continue;
    }
    let sl = 0;
    if (c === 0x20) sl = 1;
    else if (c >= 0x80 && multiByte) {
      if (!utf8) {
        if (c === 0xa0) sl = 1;
      } else if (c === 0xc2) {
        if (b[i + 1] === 0xa0 && i + 2 <= e) sl = 2;
      } else if (c === 0xe2 && b[i + 1] === 0x80 && b[i + 2] === 0xaf && i + 3 <= e) sl = 3;
    }
    if (sl === 0) break;
    if (run === 0 || (groups === 0 ? run > 3 : run !== 3)) return IS_SLOW;
    groups++;
    run = 0;
    i += sl - 1;
  }
  if (run === 0 || (groups > 0 && run !== 3)) return IS_SLOW;
  let frac = 0;
  let fd = 0;
  if (i < e) {
    if (b[i] !== 0x2c) return IS_SLOW;
    for (i++; i < e; i++) {
      c = b[i]!;
      if (c < 0x30 || c > 0x39) return IS_SLOW;
      frac = frac * 10 + (c - 0x30);
      fd++;
    }
    if (fd === 0 || fd > maxDec) return IS_SLOW;
  }
  if (digits > 15) return IS_SLOW;
  const v = intPart * POW10[maxDec]! + frac * POW10[maxDec - fd]!;
  if (v > Number.MAX_SAFE_INTEGER) return IS_SLOW;
  parsed[0] = neg && v !== 0 ? -v : v;
  return OK;
}

/** `YYYYMM` (six ASCII digits, a real month of 1900–2199) → the number, else 0. */
function parsePeriodBytes(b: Uint8Array, s: number, e: number): number {
  if (e - s !== 6) return 0;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = b[i]! - 0x30;
    if (c < 0 || c > 9) return 0;
    v = v * 10 + c;
  }
  const year = Math.floor(v / 100);
  const month = v - year * 100;
  if (year < 1900 || year > 2199 || month < 1 || month > 12) return 0;
  return v;
}

const CODE_EMPTY = -1;
const CODE_OTHER = -2; // not a plain ASCII code: leave the file to the general reader

function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function hasNonAscii(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i]! >= 0x80) return true;
  return false;
}

/**
 * A field's text as the general CSV layer (io/csv.ts) produces it: line breaks normalised to LF, and lines that
 * hold only spaces, tabs or NBSP emptied before parsing — inside a quoted multi-line field those are the interior
 * lines (the first and last line of the field also hold its quotes).
 */
function normaliseFieldText(t: string): string {
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  if (t.includes('\n')) t = t.replace(/(?<=\n)[ \t\u00a0]+(?=\n)/g, '');
  return t;
}

/** Bytes [s, e) are only spaces, tabs and NBSP (0xA0 in Windows-1252, C2 A0 in UTF-8), at least one. */
function isWhitespaceLine(b: Uint8Array, s: number, e: number, utf8: boolean): boolean {
  if (s >= e) return false;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === 0x20 || c === 0x09) continue;
    if (!utf8 && c === 0xa0) continue;
    if (utf8 && c === 0xc2 && b[i + 1] === 0xa0 && i + 1 < e) {
      i++;
      continue;
    }
    return false;
  }
  return true;
}

function hexByte(b: number): string {
  return `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Open-addressing map from positive int32 keys to int32 values (code interning: small, stays in cache). */
class IntMap {
  private keys: Int32Array;
  private values: Int32Array;
  private shift: number;
  private size = 0;

  constructor(bits = 10) {
    this.keys = new Int32Array(1 << bits);
    this.values = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }

  get(k: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let h = Math.imul(k, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & mask) {
      const x = keys[h]!;
      if (x === k) return this.values[h]!;
      if (x === 0) return -1;
    }
  }

  set(k: number, v: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = keys.length - 1;
    let h = Math.imul(k, 0x9e3779b1) >>> this.shift;
    while (keys[h] !== 0) h = (h + 1) & mask;
    keys[h] = k;
    this.values[h] = v;
    this.size++;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2);
    this.shift--;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.set(keys[i]!, values[i]!);
  }
}

/** Codes interned to small integers: pure-digit codes of up to 8 digits by number, others by string. */
class CodeTable {
  readonly codes: string[] = [];
  private readonly byNumber = new IntMap();
  private readonly byString = new Map<string, number>();
  private lastKey = -1;
  private lastIndex = -1;
  /** Raw bytes of the first non-empty name, per code; null while unnamed. */
  readonly nameBytes: (Uint8Array | null)[] = [];
  readonly nameEscaped: boolean[] = [];
  /** Codes in the order they got their name (the order of the general reader's Map). */
  readonly nameOrder: number[] = [];

  /** `reserved`: the column's header name; a code equal to it may be a repeated header row. */
  constructor(private readonly reserved: string) {}

  /** Index of the code in bytes [s, e) (ASCII whitespace trimmed), CODE_EMPTY, or CODE_OTHER. */
  intern(b: Uint8Array, s: number, e: number): number {
    // Fast path: 1–8 digits, nothing else.
    const len = e - s;
    if (len > 0 && len <= 8) {
      let v = 0;
      let i = s;
      for (; i < e; i++) {
        const c = b[i]! - 0x30;
        if (c < 0 || c > 9) break;
        v = v * 10 + c;
      }
      if (i === e) {
        const key = v * 10 + len; // "0100" and "100" differ by length
        if (key === this.lastKey) return this.lastIndex;
        const idx = this.byNumber.get(key);
        if (idx >= 0) {
          this.lastKey = key;
          this.lastIndex = idx;
          return idx;
        }
      }
    }
    return this.internSlow(b, s, e);
  }

  private internSlow(b: Uint8Array, s: number, e: number): number {
    while (s < e && isAsciiSpace(b[s]!)) s++;
    while (e > s && isAsciiSpace(b[e - 1]!)) e--;
    if (s === e) return CODE_EMPTY;
    const len = e - s;
    if (len <= 8) {
      let v = 0;
      let i = s;
      for (; i < e; i++) {
        const c = b[i]! - 0x30;
        if (c < 0 || c > 9) break;
        v = v * 10 + c;
      }
      if (i === e) {
        const key = v * 10 + len;
        let idx = this.byNumber.get(key);
        if (idx < 0) {
          idx = this.add(String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]));
          this.byNumber.set(key, idx);
        }
        return idx;
      }
    }
    for (let i = s; i < e; i++) {
      const c = b[i]!;
      if (c < 0x21 || c > 0x7e || c === 0x22) return CODE_OTHER;
    }
    const text = String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);
    const idx = this.byString.get(text);
    if (idx !== undefined) return idx;
    if (isSumLabel(text) || text === this.reserved) return CODE_OTHER;
    const id = this.add(text);
    this.byString.set(text, id);
    return id;
  }

  private add(code: string): number {
    this.codes.push(code);
    this.nameBytes.push(null);
    this.nameEscaped.push(false);
    return this.codes.length - 1;
  }
}

const HAS_ACTUAL = 1;
const HAS_BUDGET = 2;
const HAS_FORECAST = 4;
const TWO_32 = 4294967296;

/** What the aggregation hands back: the table, and what it found for the diagnostics. */
interface AggregateResult {
  /**
   * ansvar × konto × month → amounts, open addressing: `stride` numbers per slot — key + 1 (0 = empty, the key being
   * ansvar × 2^32 + konto × 4096 + month), firstRow × 8 + HAS_* flags, then one number per amount column present
   * (file sign).
   */
  readonly slots: Float64Array;
  readonly size: number;
  /** Rows summed into an earlier key (duplicates: sum): count and the first five lines. */
  readonly summed: number;
  readonly summedRows: number[];
  /** Duplicate keys (duplicates: error): the first `maxKept` as [line, ansvar, konto, period, firstRow] …, and the count. */
  readonly duplicates: number[];
  readonly duplicateCount: number;
  /** A summed amount left the exact integer range (the general reader throws there). */
  readonly overflow: boolean;
}

/**
 * The aggregation of ansvar × konto × period, as one self-contained function: it runs in the reader's thread for
 * small inputs and, for large ones, in a worker thread fed through shared memory (its source is the worker's code,
 * via `toString()`, so it must not use anything from outside its own body).
 *
 * The table: open addressing with linear probing, each entry inline in its slot of one Float64Array, 4 numbers
 * (32 bytes, two per cache line) for up to two amount columns, else 8 — finding a key and updating its amounts
 * touches one cache line. Rows come in batches; a first pass over a batch only reads each row's home slot: those
 * loads do not depend on one another, so the CPU overlaps their cache misses (~45 ns each instead of ~250 ns one
 * after the other on a small VM); the second pass finds the lines in cache. Rows keep their order.
 */
function makeAggregator(stride: number, bits: number, sumDuplicates: boolean, slotOf: readonly number[], maxKept: number) {
  const TWO32 = 4294967296;
  const EMPTY_CELL = -1e300;
  const flags = [1, 2, 4];
  let slots = new Float64Array((1 << bits) * stride);
  let mask = (1 << bits) - 1;
  let size = 0;
  let summed = 0;
  const summedRows: number[] = [];
  const duplicates: number[] = [];
  let duplicateCount = 0;
  let overflow = false;
  let touched = 0;

  function hash(a: number, b: number, c: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return h;
  }

  /** Doubles the table (quadruples while small); returns the new offset of the slot whose key is `stored`. */
  function grow(stored: number): number {
    const old = slots;
    const n = old.length / stride;
    const bigger = n < 1 << 20 ? n * 4 : n * 2;
    const next = new Float64Array(bigger * stride);
    const m = bigger - 1;
    let found = -1;
    for (let o = 0; o < old.length; o += stride) {
      const k = old[o]!;
      if (k === 0) continue;
      const key = k - 1;
      const c = Math.floor(key / TWO32);
      const rest = key - c * TWO32;
      const a = Math.floor(rest / 4096);
      let i = hash(c, a, rest - a * 4096) & m;
      while (next[i * stride] !== 0) i = (i + 1) & m;
      const t = i * stride;
      for (let f = 0; f < stride; f++) next[t + f] = old[o + f]!;
      if (k === stored) found = t;
    }
    slots = next;
    mask = m;
    return found;
  }

  /**
   * Rows [from, from + n) of the column arrays: ansvar, konto, month index, period (YYYYMM), line, and three amounts
   * per row (EMPTY_CELL for an empty cell). False once an amount sum leaves the exact range.
   */
  function add(
    cc: Int32Array,
    acc: Int32Array,
    month: Int32Array,
    period: Int32Array,
    line: Int32Array,
    values: Float64Array,
    from: number,
    n: number,
  ): boolean {
    const end = from + n;
    let t = touched;
    for (let j = from; j < end; j++) t += slots[(hash(cc[j]!, acc[j]!, month[j]!) & mask) * stride]!;
    touched = t;
    for (let j = from; j < end; j++) {
      const c = cc[j]!;
      const a = acc[j]!;
      const m = month[j]!;
      const stored = c * TWO32 + a * 4096 + m + 1;
      let k = -1;
      let created = false;
      for (let i = hash(c, a, m) & mask; ; i = (i + 1) & mask) {
        const o = i * stride;
        const x = slots[o]!;
        if (x === stored) {
          k = o;
          break;
        }
        if (x === 0) {
          slots[o] = stored;
          created = true;
          k = ++size * 4 > (mask + 1) * 3 ? grow(stored) : o;
          break;
        }
      }
      const r = slots;
      const row = line[j]!;
      if (created) {
        let has = 0;
        for (let v = 0; v < 3; v++) {
          const x = values[j * 3 + v]!;
          if (x !== EMPTY_CELL) {
            r[k + slotOf[v]!] = x;
            has |= flags[v]!;
          }
        }
        r[k + 1] = row * 8 + has;
      } else if (!sumDuplicates) {
        if (duplicateCount++ < maxKept) duplicates.push(row, c, a, period[j]!, Math.floor(r[k + 1]! / 8));
      } else {
        const meta = r[k + 1]!;
        let has = meta % 8;
        for (let v = 0; v < 3; v++) {
          const x = values[j * 3 + v]!;
          if (x === EMPTY_CELL) continue;
          const o = k + slotOf[v]!;
          r[o] = (has & flags[v]!) !== 0 ? r[o]! + x : x;
          has |= flags[v]!;
          if (!Number.isSafeInteger(r[o]!)) {
            overflow = true;
            return false;
          }
        }
        r[k + 1] = meta - (meta % 8) + has;
        if (summed++ < 5) summedRows.push(row);
      }
    }
    return true;
  }

  function result(): AggregateResult {
    return { slots, size, summed, summedRows, duplicates, duplicateCount, overflow };
  }

  return { add, result };
}

type Aggregator = ReturnType<typeof makeAggregator>;

/** Rows per batch handed to the aggregator. */
const BATCH = 4096;
/** Batches in the ring shared with the worker: the reader runs up to this far ahead. */
const RING = 16;
/** Inputs from this size on are aggregated in a worker thread (when `parallel` is 'auto'). */
const PARALLEL_FROM_BYTES = 16 << 20;
// Control words of the ring.
const C_WRITTEN = 0;
const C_READ = 1;
const C_DONE = 2;
const C_ROWS = 4; // + batch index: rows in that batch

/**
 * The worker's program: waits for batches in the ring, aggregates them, and posts the result (its table transferred,
 * not copied) when the reader says it is done.
 */
function aggregatorWorkerMain(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const w = workerData as {
    shared: SharedArrayBuffer;
    ring: number;
    batch: number;
    stride: number;
    bits: number;
    sumDuplicates: boolean;
    slotOf: number[];
    maxKept: number;
  };
  const agg = makeAggregator(w.stride, w.bits, w.sumDuplicates, w.slotOf, w.maxKept);
  const rows = w.ring * w.batch;
  const control = new Int32Array(w.shared, 0, 4 + w.ring);
  let offset = (4 + w.ring) * 4;
  offset += (8 - (offset % 8)) % 8;
  const values = new Float64Array(w.shared, offset, rows * 3);
  offset += rows * 3 * 8;
  const cc = new Int32Array(w.shared, offset, rows);
  const acc = new Int32Array(w.shared, offset + rows * 4, rows);
  const month = new Int32Array(w.shared, offset + rows * 8, rows);
  const period = new Int32Array(w.shared, offset + rows * 12, rows);
  const line = new Int32Array(w.shared, offset + rows * 16, rows);
  let read = 0;
  let ok = true;
  for (;;) {
    const written = Atomics.load(control, 0);
    if (read === written) {
      if (Atomics.load(control, 2) !== 0) break;
      Atomics.wait(control, 0, written, 1000);
      continue;
    }
    const b = read % w.ring;
    if (ok) ok = agg.add(cc, acc, month, period, line, values, b * w.batch, Atomics.load(control, 4 + b));
    read++;
    Atomics.store(control, 1, read);
    Atomics.notify(control, 1);
  }
  const r = agg.result();
  parentPort!.postMessage(r, [r.slots.buffer as ArrayBuffer]);
}

/** The worker: the aggregator's and the loop's source, evaluated as a CommonJS script (works from dist/ and from TS). */
function workerSource(): string {
  return `'use strict';\nconst makeAggregator = ${makeAggregator.toString()};\n(${aggregatorWorkerMain.toString()})();\n`;
}

/**
 * Where parsed rows go: batches for the aggregator, in this thread or in a worker fed through a ring of batches in
 * shared memory.
 */
class RowBatches {
  readonly cc: Int32Array;
  readonly acc: Int32Array;
  readonly month: Int32Array;
  readonly period: Int32Array;
  readonly line: Int32Array;
  readonly values: Float64Array;
  /** Next row to write (index into the arrays). */
  next = 0;
  private start = 0;
  private written = 0;
  private readonly control: Int32Array | null;
  private readonly worker: import('node:worker_threads').Worker | null;
  private readonly local: Aggregator | null;
  private readonly resultPromise: Promise<AggregateResult> | null;
  private failed = false;

  constructor(
    parallel: boolean,
    settings: { stride: number; bits: number; sumDuplicates: boolean; slotOf: number[]; maxKept: number },
    Worker: typeof import('node:worker_threads').Worker | null,
  ) {
    let worker: import('node:worker_threads').Worker | null = null;
    let shared: SharedArrayBuffer | null = null;
    if (parallel && Worker) {
      try {
        let size = (4 + RING) * 4;
        size += (8 - (size % 8)) % 8;
        shared = new SharedArrayBuffer(size + RING * BATCH * (3 * 8 + 5 * 4));
        worker = new Worker(workerSource(), { eval: true, workerData: { shared, ring: RING, batch: BATCH, ...settings } });
      } catch {
        // No worker here (resource limits, code generation disallowed …): aggregate in this thread.
        worker = null;
        shared = null;
      }
    }
    const rows = worker ? RING * BATCH : BATCH;
    if (worker && shared) {
      let offset = (4 + RING) * 4;
      offset += (8 - (offset % 8)) % 8;
      this.control = new Int32Array(shared, 0, 4 + RING);
      this.values = new Float64Array(shared, offset, rows * 3);
      offset += rows * 3 * 8;
      this.cc = new Int32Array(shared, offset, rows);
      this.acc = new Int32Array(shared, offset + rows * 4, rows);
      this.month = new Int32Array(shared, offset + rows * 8, rows);
      this.period = new Int32Array(shared, offset + rows * 12, rows);
      this.line = new Int32Array(shared, offset + rows * 16, rows);
      this.worker = worker;
      worker.unref(); // never keeps the process alive, whatever happens to the reader
      this.local = null;
      this.resultPromise = new Promise<AggregateResult>((resolve, reject) => {
        worker.once('message', (m: AggregateResult) => resolve(m));
        worker.once('error', reject);
        worker.once('exit', (code: number) => reject(new Error(`aggregation worker exited (${code})`)));
      });
      // Failing is handled by the caller (hand-over); an unobserved rejection must not crash the process.
      this.resultPromise.catch(() => undefined);
    } else {
      this.control = null;
      this.worker = null;
      this.resultPromise = null;
      this.local = makeAggregator(settings.stride, settings.bits, settings.sumDuplicates, settings.slotOf, settings.maxKept);
      this.cc = new Int32Array(rows);
      this.acc = new Int32Array(rows);
      this.month = new Int32Array(rows);
      this.period = new Int32Array(rows);
      this.line = new Int32Array(rows);
      this.values = new Float64Array(rows * 3);
    }
  }

  /** After writing row `next`: hands a full batch over. False when the aggregation failed (overflow). */
  commit(): boolean {
    if (++this.next - this.start < BATCH) return true;
    return this.flush();
  }

  /** Hands the rows written since the last batch over. */
  flush(): boolean {
    const n = this.next - this.start;
    if (n === 0) return !this.failed;
    if (this.local) {
      if (!this.local.add(this.cc, this.acc, this.month, this.period, this.line, this.values, this.start, n)) this.failed = true;
      this.next = this.start = 0;
      return !this.failed;
    }
    const control = this.control!;
    const b = this.written % RING;
    Atomics.store(control, C_ROWS + b, n);
    this.written++;
    Atomics.store(control, C_WRITTEN, this.written);
    Atomics.notify(control, C_WRITTEN);
    // The next batch's place must have been read by the worker.
    const nb = this.written % RING;
    for (;;) {
      const read = Atomics.load(control, C_READ);
      if (this.written - read < RING) break;
      Atomics.wait(control, C_READ, read, 1000);
    }
    this.next = this.start = nb * BATCH;
    return true;
  }

  /** All rows are in: the aggregation's result. */
  async finish(): Promise<AggregateResult> {
    this.flush();
    if (this.local) return this.local.result();
    Atomics.store(this.control!, C_DONE, 1);
    Atomics.notify(this.control!, C_WRITTEN);
    try {
      return await this.resultPromise!;
    } finally {
      void this.worker!.terminate();
    }
  }

  /** Stops a worker that is no longer needed (the file is handed to the general reader). */
  abandon(): void {
    if (this.worker) void this.worker.terminate();
  }
}

/**
 * Diagnostics of the row loop, bounded per code like DiagnosticSink, replayed into it at the end in the general
 * reader's order: by row, and within a row the parse diagnostics (period, amounts) before the aggregation's
 * (duplicate key), which the batched aggregation produces later. Each code comes from one phase, so "the first
 * `max` of a code" is the same in both readers.
 */
class RowDiagnostics {
  private readonly kept: Array<{ order: number; d: Diagnostic }> = [];
  private readonly counts = new Map<string, number>();
  constructor(private readonly max: number) {}
  add(row: number, phase: 0 | 1, d: Diagnostic): void {
    const n = (this.counts.get(d.code) ?? 0) + 1;
    this.counts.set(d.code, n);
    if (n <= this.max) this.kept.push({ order: row * 2 + phase, d });
  }
  /** `n` more diagnostics of a code beyond the kept ones (counted, not kept). */
  addUnkept(code: string, n: number): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + n);
  }
  replay(sink: DiagnosticSink): void {
    const kept = this.kept.sort((a, b) => a.order - b.order).map((k) => k.d);
    for (const d of kept) sink.add(d);
    for (const [code, n] of this.counts) {
      if (n <= this.max) continue;
      const sample = kept.find((d) => d.code === code)!;
      for (let i = this.max; i < n; i++) sink.add(sample);
    }
  }
}

const STAGE_PREFIX = 0;
const STAGE_HEADER = 1;
const STAGE_ROWS = 2;

const MOJIBAKE_UTF8_A = Buffer.from([0xc3, 0x82]);
const MOJIBAKE_UTF8_B = Buffer.from([0xc3, 0x83]);
const CP1252_UNDEFINED = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

class FastLedgerReader {
  /** Why the file is left to the general reader; null while the fast path holds. */
  bail: string | null = null;
  total = 0;

  private readonly file: string;
  private readonly sink: DiagnosticSink;
  private readonly rowDiags: RowDiagnostics;
  private readonly maxRows: number;
  private readonly searchRows: number;
  private readonly maxRecordSize: number;
  private readonly amountOptions: AmountOptions;
  private readonly maxDec: number;
  private readonly flip: boolean;
  private readonly sumDuplicates: boolean;

  // Encoding.
  private readonly declared: 'auto' | 'utf-8' | 'windows-1252';
  private utf8 = true;
  private encodingFinal = false;
  /** A decision was taken on non-ASCII text while the encoding was still a guess. */
  private sensitive = false;
  private bomLength = 0;
  /** Whether the file starts with a UTF-8 BOM; null until three bytes are in. */
  private bom: boolean | null = null;
  private readonly head: number[] = [];
  /** First byte that is not valid UTF-8 (auto), and its line once known. */
  private invalidAt = -1;
  private invalidByte = 0;
  private invalidLine = -1;
  private utf8Carry: number[] = [];
  private utf8CarryAt = 0;
  private seenC2C3 = false;
  private cp1252Undefined = false;
  private tail0 = -1;
  private tail1 = -1;

  // Stages.
  private stage = STAGE_PREFIX;
  private prefix: Uint8Array = new Uint8Array(1 << 16);
  private prefixLength = 0;
  private headerRow = 0;
  private delimiter: Delimiter = ';';
  private tokenizer: CsvTokenizer | null = null;
  private headerOffset = 0;

  // Columns (field indexes; -1 = absent).
  private headerLength = 0;
  private ccCol = -1;
  private accCol = -1;
  private periodCol = -1;
  private ccNameCol = -1;
  private accNameCol = -1;
  private readonly measureCols = [-1, -1, -1];
  private readonly measureNames: readonly string[];
  private maxKeyCol = 0;

  // Rows.
  private readonly costCentres: CodeTable;
  private readonly accounts: CodeTable;
  private rows: RowBatches | null = null;
  private stride = 4;
  private aggregate: AggregateResult | null = null;
  /** Aggregate in a worker thread: 'auto' for inputs of 16 MiB and more. */
  parallel: 'auto' | 'always' | 'never' = 'auto';
  private readonly maxKept: number;
  /** Offsets of the amount columns in a KeyTable slot (after key and meta); -1 when the file lacks the column. */
  private readonly measureSlot = [-1, -1, -1];
  /** Expected input size, if known (sizes the key table). */
  sizeHint = 0;
  private dataRows = 0;
  private readonly empty = [0, 0, 0];
  private summed = 0;
  private readonly summedRows: number[] = [];
  private lastDataLine = 0;
  private pendingBlanks = 0;
  private readonly pendingBlankRows: number[] = [];
  private middleBlanks = 0;
  private readonly middleBlankRows: number[] = [];
  private readonly periodCache = new Map<string, PeriodParse>();
  private firstPeriod: { format: PeriodFormat; value: string; row: number } | null = null;
  private readonly periodColumn: string;
  private readonly keyColumn: string;

  constructor(
    private readonly spec: LedgerSourceSpec,
    file: string,
    options: FastLedgerOptions,
  ) {
    this.file = file;
    const max = options.maxDiagnosticsPerCode ?? 50;
    this.sink = new DiagnosticSink(max);
    this.rowDiags = new RowDiagnostics(max);
    this.maxKept = max;
    this.maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
    this.searchRows = options.headerSearchRows ?? DEFAULT_HEADER_SEARCH_ROWS;
    // The general reader counts characters of the text re-encoded as UTF-8 (up to 3 bytes per Windows-1252 byte);
    // a third of its limit in raw bytes makes sure we never accept a record it refuses.
    this.maxRecordSize = Math.max(1, Math.floor((options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE) / 3));
    this.amountOptions = { profile: spec.amounts, unit: spec.unit };
    this.maxDec = 2 + UNIT_EXPONENT[spec.unit];
    this.flip = spec.sign === 'ledger';
    this.sumDuplicates = spec.duplicates === 'sum';
    this.declared = spec.encoding;
    if (spec.encoding === 'windows-1252') {
      this.utf8 = false;
      this.encodingFinal = true;
    } else if (spec.encoding === 'utf-8') this.encodingFinal = true;
    const cols = spec.columns;
    this.measureNames = [cols.actual, cols.budget, cols.forecast];
    this.periodColumn = cols.period;
    this.keyColumn = normaliseHeader(cols.account);
    this.costCentres = new CodeTable(normaliseHeader(cols.costCentre));
    this.accounts = new CodeTable(normaliseHeader(cols.account));
    this.acceptMojibake = options.acceptMojibake ?? false;
  }

  private readonly acceptMojibake: boolean;

  bailOut(reason: string): void {
    if (this.bail === null) this.bail = reason;
    this.tokenizer = null;
    this.rows?.abandon();
  }

  // --- input ---------------------------------------------------------------------------------------------------

  /** Room for `n` bytes straight in the tokenizer's buffer, once the rows are being read; else null (use `feed`). */
  writable(n: number): Uint8Array | null {
    return this.stage === STAGE_ROWS && this.tokenizer && this.bail === null ? this.tokenizer.reserve(n) : null;
  }

  /** `n` bytes were written into the view from `writable`. */
  written(view: Uint8Array, n: number): void {
    if (this.bail !== null || n === 0) return;
    const at = this.total;
    this.total += n;
    this.check(view.subarray(0, n), at);
    if (this.bail !== null) return;
    this.tokenizer!.commit(n);
    this.afterTokenizer();
  }

  feed(chunk: Uint8Array): void {
    if (this.bail !== null || chunk.length === 0) return;
    const at = this.total;
    this.total += chunk.length;
    this.check(chunk, at);
    if (this.bail !== null) return;
    if (this.stage === STAGE_PREFIX) {
      this.appendPrefix(chunk);
      if (this.prefixLines() >= this.searchRows) this.startRows(false);
      else if (this.prefixLength > MAX_PREFIX) this.bailOut('no header within the first 16 MiB');
      return;
    }
    this.tokenizer!.push(chunk);
    this.afterTokenizer();
  }

  async end(): Promise<ReadResult<Ledger> | null> {
    if (this.bail !== null) return null;
    this.checkEnd();
    if (this.bail !== null) return null;
    if (this.stage === STAGE_PREFIX) this.startRows(true);
    if (this.bail !== null) return null;
    this.tokenizer!.end();
    this.afterTokenizer();
    if (this.bail !== null) return null;
    return this.finish();
  }

  private afterTokenizer(): void {
    const err = this.tokenizer?.error;
    if (err) this.bailOut(`csv ${err.code} at line ${err.line}`);
  }

  // --- byte checks (what decodeText looks at) ------------------------------------------------------------------

  private check(chunk: Uint8Array, at: number): void {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.bom === null) {
      for (let i = 0; i < chunk.length && this.head.length < 3; i++) this.head.push(chunk[i]!);
      if (this.head.length === 3) {
        this.bom = this.head[0] === 0xef && this.head[1] === 0xbb && this.head[2] === 0xbf;
        if (this.bom && this.declared !== 'windows-1252') this.encodingFinal = true;
      }
    }
    if (at === 0) {
      if (chunk.length >= 4 && chunk[0] === 0x50 && chunk[1] === 0x4b && (chunk[2] === 0x03 || chunk[2] === 0x05) && (chunk[3] === 0x04 || chunk[3] === 0x06)) {
        return this.bailOut('zip');
      }
      if (chunk.length >= 4 && chunk[0] === 0xd0 && chunk[1] === 0xcf && chunk[2] === 0x11 && chunk[3] === 0xe0) return this.bailOut('cfb');
      if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) return this.bailOut('utf-16');
    }
    if (buf.indexOf(0) >= 0) return this.bailOut('NUL byte');

    // UTF-8 validity (not needed once the file is known to be Windows-1252).
    if (this.utf8) {
      const bad = this.validateUtf8(chunk, at);
      if (bad >= 0) {
        if (this.declared === 'utf-8' || this.bom === true) return this.bailOut('invalid UTF-8');
        // encoding auto: the file is Windows-1252.
        if (this.sensitive) return this.bailOut('encoding guessed wrongly');
        this.utf8 = false;
        this.encodingFinal = true;
        this.invalidAt = bad;
        this.invalidByte = this.byteAt(chunk, at, bad);
        // Everything before was valid UTF-8: a C2/C3 lead byte there reads as "Â"/"Ã" + a 0x80–0xBF byte now.
        if (this.seenC2C3 && !this.acceptMojibake) return this.bailOut('possible mojibake');
      }
    }

    if (!this.acceptMojibake) {
      if (this.utf8) {
        if (!this.seenC2C3 && (buf.indexOf(0xc2) >= 0 || buf.indexOf(0xc3) >= 0)) this.seenC2C3 = true;
        // "Â"/"Ã" (C3 82 / C3 83) followed by a non-ASCII character.
        if (this.utf8MojibakeIn(buf, chunk)) return this.bailOut('possible mojibake');
      } else if (this.cp1252MojibakeIn(buf, chunk)) return this.bailOut('possible mojibake');
    }
    if (!this.cp1252Undefined && (!this.utf8 || !this.encodingFinal)) {
      for (const u of CP1252_UNDEFINED) {
        if (buf.indexOf(u) >= 0) {
          this.cp1252Undefined = true;
          break;
        }
      }
    }
    if (this.cp1252Undefined && !this.utf8) return this.bailOut('byte undefined in Windows-1252');
    const n = chunk.length;
    if (n >= 2) {
      this.tail0 = chunk[n - 2]!;
      this.tail1 = chunk[n - 1]!;
    } else {
      this.tail0 = this.tail1;
      this.tail1 = chunk[0]!;
    }
  }

  private byteAt(chunk: Uint8Array, at: number, abs: number): number {
    if (abs >= at) return chunk[abs - at]!;
    return this.utf8Carry[abs - this.utf8CarryAt] ?? 0;
  }

  /**
   * The last two bytes of the previous chunks and the first two of this one, for patterns that straddle chunks.
   * A pattern cut by a chunk end is skipped inside the chunk and found here with the next chunk; at the end of the
   * file it is no pattern (the regex needs the following character).
   */
  private seam(chunk: Uint8Array): number[] {
    return [this.tail0, this.tail1, chunk[0] ?? -1, chunk[1] ?? -1];
  }

  /** "Â"/"Ã" (C3 82 / C3 83) followed by a non-ASCII character: decodeText's mojibake pattern, or more. */
  private utf8MojibakeIn(buf: Buffer, chunk: Uint8Array): boolean {
    for (const needle of [MOJIBAKE_UTF8_A, MOJIBAKE_UTF8_B]) {
      for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + 1)) {
        const next = chunk[i + 2];
        if (next !== undefined && next >= 0x80) return true;
      }
    }
    const s = this.seam(chunk);
    for (let k = 0; k < 2; k++) {
      if (s[k] === 0xc3 && (s[k + 1] === 0x82 || s[k + 1] === 0x83) && s[k + 2]! >= 0x80) return true;
    }
    return false;
  }

  /** 0xC2/0xC3 ("Â"/"Ã") followed by 0x80–0xBF in Windows-1252. */
  private cp1252MojibakeIn(buf: Buffer, chunk: Uint8Array): boolean {
    for (const lead of [0xc2, 0xc3]) {
      for (let i = buf.indexOf(lead); i >= 0; i = buf.indexOf(lead, i + 1)) {
        const next = chunk[i + 1];
        if (next !== undefined && next >= 0x80 && next <= 0xbf) return true;
      }
    }
    const s = this.seam(chunk);
    return (s[1] === 0xc2 || s[1] === 0xc3) && s[2]! >= 0x80 && s[2]! <= 0xbf;
  }

  /**
   * Incremental strict UTF-8 validation: the bulk with `isUtf8` (native), a sequence cut by the chunk end carried
   * over. Returns the offset of the first invalid byte, or -1.
   */
  private validateUtf8(chunk: Uint8Array, at: number): number {
    let i = 0;
    const n = chunk.length;
    if (this.utf8Carry.length > 0) {
      const lead = this.utf8Carry[0]!;
      const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      while (this.utf8Carry.length < need && i < n) this.utf8Carry.push(chunk[i++]!);
      if (this.utf8Carry.length < need) return -1;
      if (firstInvalidUtf8(new Uint8Array(this.utf8Carry), 0) >= 0) return this.utf8CarryAt;
      this.utf8Carry = [];
    }
    let tail = 0;
    for (let k = 1; k <= 3 && k <= n - i; k++) {
      const c = chunk[n - k]!;
      if ((c & 0xc0) === 0x80) continue;
      if (c >= 0xc2 && c <= 0xf4) {
        const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
        if (need > k) tail = k;
      }
      break;
    }
    const body = chunk.subarray(i, n - tail);
    if (!isUtf8(body)) return at + i + firstInvalidUtf8(body, 0);
    if (tail > 0) {
      this.utf8Carry = Array.from(chunk.subarray(n - tail));
      this.utf8CarryAt = at + n - tail;
    }
    return -1;
  }

  /** End of input: a UTF-8 sequence cut off by the end is invalid. */
  private checkEnd(): void {
    if (this.total === 0) return this.bailOut('empty file');
    if (this.utf8 && this.utf8Carry.length > 0) {
      if (this.declared === 'utf-8' || this.bom === true) return this.bailOut('invalid UTF-8');
      if (this.sensitive) return this.bailOut('encoding guessed wrongly');
      this.utf8 = false;
      this.invalidAt = this.utf8CarryAt;
      this.invalidByte = this.utf8Carry[0]!;
      if (this.seenC2C3 && !this.acceptMojibake) return this.bailOut('possible mojibake');
      if (!this.acceptMojibake && (this.utf8Carry[0] === 0xc2 || this.utf8Carry[0] === 0xc3)) {
        const next = this.utf8Carry[1];
        if (next === undefined || (next >= 0x80 && next <= 0xbf)) return this.bailOut('possible mojibake');
      }
      if (this.cp1252Undefined) return this.bailOut('byte undefined in Windows-1252');
    }
    this.encodingFinal = true;
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

  /** Finds the header in the prefix as `readTable` does, then starts the tokenizer at its line. */
  private startRows(final: boolean): void {
    let b = this.prefix.subarray(0, this.prefixLength);
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      if (this.declared === 'windows-1252') return this.bailOut('BOM contradicts the declared encoding');
      this.bomLength = 3;
      this.utf8 = true;
      this.encodingFinal = true;
      b = b.subarray(3);
    }
    if (this.utf8 && !this.encodingFinal && hasNonAscii(b, 0, b.length)) this.sensitive = true;
    // The first `searchRows` lines of the text, line breaks normalised.
    const text = this.decode(b, 0, b.length).replace(/\r\n?/g, '\n');
    const lines = text.split('\n').slice(0, this.searchRows);
    const cols = this.spec.columns;
    const required = [cols.costCentre, cols.account, cols.period].map(normaliseHeader);
    const delimiters: readonly Delimiter[] = this.spec.delimiter === 'auto' ? DELIMITERS : [this.spec.delimiter];
    let found = -1;
    search: for (let l = 0; l < lines.length; l++) {
      const line = lines[l]!;
      if (line.trim() === '') continue;
      for (const d of delimiters) {
        const names = new Set(splitLine(line, d).map(normaliseHeader));
        if (required.every((r) => names.has(r))) {
          found = l;
          this.delimiter = d;
          break search;
        }
      }
    }
    if (found < 0) return this.bailOut('no header');
    this.headerRow = found + 1;
    // Byte offset of the header line.
    let offset = 0;
    for (let line = 1; line < this.headerRow; line++) {
      while (offset < b.length && b[offset] !== 0x0a && b[offset] !== 0x0d) offset++;
      if (b[offset] === 0x0d && b[offset + 1] === 0x0a) offset++;
      offset++;
    }
    this.headerOffset = this.bomLength + offset;
    if (this.invalidAt >= 0 && this.invalidAt < this.prefixLength) this.invalidLine = this.lineInPrefix(this.invalidAt);

    this.tokenizer = new CsvTokenizer(
      {
        delimiter: this.delimiter,
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

  private decode(b: Uint8Array, s: number, e: number): string {
    return this.utf8 ? decodeUtf8(b, s, e) : decodeCp1252(b, s, e);
  }

  /** A field as the general reader sees it: decoded, doubled quotes undone, line breaks normalised. */
  private text(rec: CsvRecordView, f: number): string {
    const b = rec.bytes;
    const s = rec.starts[f]!;
    const e = rec.ends[f]!;
    if (!this.encodingFinal && hasNonAscii(b, s, e)) this.sensitive = true;
    let t = this.decode(b, s, e);
    if ((rec.flags[f]! & FIELD_ESCAPED) !== 0) t = t.replaceAll('""', '"');
    return normaliseFieldText(t);
  }

  private onHeader(rec: CsvRecordView): boolean {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let f = 0; f < rec.count; f++) {
      const raw = this.text(rec, f);
      const name = normaliseHeader(raw);
      if (name !== raw && name !== '') return this.fail('header needs normalising');
      if (name === '__proto__' || name === 'constructor' || name === 'prototype') return this.fail('forbidden header');
      if (name !== '') {
        if (seen.has(name)) return this.fail('duplicate header');
        seen.add(name);
      }
      names.push(name);
    }
    const index = (column: string): number => {
      const i = names.indexOf(column);
      return i >= 0 ? i : names.indexOf(normaliseHeader(column));
    };
    const cols = this.spec.columns;
    this.headerLength = names.length;
    this.ccCol = index(cols.costCentre);
    this.accCol = index(cols.account);
    this.periodCol = index(cols.period);
    this.ccNameCol = index(cols.costCentreName);
    this.accNameCol = index(cols.accountName);
    for (let m = 0; m < 3; m++) this.measureCols[m] = index(this.measureNames[m]!);
    if (this.ccCol < 0 || this.accCol < 0 || this.periodCol < 0) return this.fail('header record differs from the header line');
    if (this.measureCols.every((c) => c < 0)) return this.fail('no amount column');
    let slot = 2;
    for (let m = 0; m < 3; m++) if (this.measureCols[m]! >= 0) this.measureSlot[m] = slot++;
    // Slots for about one key per 40 bytes of input at load ≤ 0.75, at most 2^20 to start with.
    const expected = this.sizeHint > 0 ? this.sizeHint / 40 : 0;
    let bits = 12;
    while (bits < 20 && (1 << bits) * 0.75 < expected) bits++;
    const parallel = this.parallel === 'always' || (this.parallel === 'auto' && this.sizeHint >= PARALLEL_FROM_BYTES);
    this.stride = slot <= 4 ? 4 : 8;
    this.rows = new RowBatches(
      parallel,
      { stride: this.stride, bits, sumDuplicates: this.sumDuplicates, slotOf: [...this.measureSlot], maxKept: this.maxKept },
      parallel ? Worker : null,
    );
    this.maxKeyCol = Math.max(this.ccCol, this.accCol, this.periodCol);
    this.stage = STAGE_ROWS;
    return true;
  }

  private fail(reason: string): false {
    this.bailOut(reason);
    return false;
  }

  // --- rows ----------------------------------------------------------------------------------------------------

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
    const last = rec.count - 1;
    let quoted = false;
    for (let f = 0; f <= last; f++) if (rec.flags[f] !== 0) quoted = true;
    this.lastBlankWhitespaceLine = !quoted && rec.line === rec.endLine && isWhitespaceLine(rec.bytes, rec.starts[0]!, rec.ends[last]!, this.utf8);
    this.lastRecordBlank = true;
  }

  private lastBlankWhitespaceLine = false;
  private lastRecordBlank = false;
  /** Per amount column: the running sum of the detail rows, in file sign (SumRowChecker.detail's addOre). */
  private readonly openSums = [0, 0, 0];

  private at(row: number, column?: string): SourceLocation {
    return {
      file: this.file,
      ...(row > 0 ? { row } : {}),
      ...(column !== undefined ? { column: normaliseHeader(column) } : {}),
    };
  }

  /**
   * io/csv.ts parses with csv-parse in strict mode: the first record of a pass sets the field count, a record with
   * another count ends the pass and parsing resumes on the next line (a "resumption"); after 200 it gives up
   * (`csv.too-many-errors`). Empty and whitespace-only lines are not records there. Counted here the same way.
   */
  private countResumption(rec: CsvRecordView): boolean {
    const n = rec.count;
    const s = rec.starts[0]!;
    if (n === 1 && s === rec.ends[0]! && rec.flags[0] === 0) return true; // an empty line
    const c = rec.bytes[s];
    if (s === rec.ends[0] || c === 0x20 || c === 0x09 || c === 0xa0 || c === 0xc2) {
      let quoted = false;
      for (let f = 0; f < n; f++) if (rec.flags[f] !== 0) quoted = true;
      if (!quoted && rec.line === rec.endLine && isWhitespaceLine(rec.bytes, s, rec.ends[n - 1]!, this.utf8)) return true;
    }
    if (this.passFields < 0) this.passFields = n;
    else if (n !== this.passFields) {
      if (++this.resumptions > 200) return this.fail('more than 200 changes of field count (csv.too-many-errors)');
      this.passFields = -1;
    }
    return true;
  }

  private passFields = -1;
  private resumptions = 0;

  private onRecord(rec: CsvRecordView): boolean {
    if (this.invalidAt >= 0 && this.invalidLine < 0) this.locateInvalid(rec);
    if (!this.countResumption(rec)) return false;
    if (this.stage === STAGE_ROWS) return this.onRow(rec);
    return this.onHeader(rec);
  }

  /** The line of the first non-UTF-8 byte, when it lies in this record. */
  private locateInvalid(rec: CsvRecordView): void {
    const rel = this.invalidAt - this.headerOffset - rec.offset;
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
    const b = rec.bytes;
    const starts = rec.starts;
    const ends = rec.ends;
    const flags = rec.flags;
    const line = rec.line;

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
      if (cc === CODE_EMPTY || acc === CODE_EMPTY) {
        if (this.isBlankRecord(rec)) {
          this.onBlank(rec);
          return true;
        }
      }
      return this.fail('sum row, empty code or unusual code');
    }
    if ((flags[this.ccCol]! & FIELD_ESCAPED) !== 0 || (flags[this.accCol]! & FIELD_ESCAPED) !== 0) return this.fail('quoted quote in code');
    if (n !== this.headerLength) {
      if (n < this.headerLength) return this.fail('short row');
      for (let f = this.headerLength; f < n; f++) if (!this.isBlankField(rec, f)) return this.fail('long row');
    }
    // A data row: blank lines seen since the previous one were in the middle of the file.
    if (this.pendingBlanks > 0) {
      for (const r of this.pendingBlankRows) if (this.middleBlankRows.length < 5) this.middleBlankRows.push(r);
      this.middleBlanks += this.pendingBlanks;
      this.pendingBlanks = 0;
      this.pendingBlankRows.length = 0;
    }
    this.lastDataLine = line;
    this.lastRecordBlank = false;
    this.dataRows++;

    // Period.
    let period = parsePeriodBytes(b, starts[this.periodCol]!, ends[this.periodCol]!);
    if (period !== 0 && this.firstPeriod !== null && this.firstPeriod.format !== 'yyyymm') period = 0;
    if (period === 0) period = this.slowPeriod(rec, line);
    else if (this.firstPeriod === null) this.firstPeriod = { format: 'yyyymm', value: this.text(rec, this.periodCol), row: line };

    // Amounts, in file sign.
    const maxDec = this.maxDec;
    const multiByte = this.encodingFinal;
    let ok = period > 0;
    let actual = EMPTY;
    let budget = EMPTY;
    let forecast = EMPTY;
    for (let m = 0; m < 3; m++) {
      const col = this.measureCols[m]!;
      if (col < 0) continue;
      const status = (flags[col]! & FIELD_ESCAPED) !== 0 ? IS_SLOW : parseOreBytes(b, starts[col]!, ends[col]!, maxDec, this.utf8, multiByte);
      const v = status === OK ? parsed[0]! : status === IS_EMPTY ? EMPTY : this.slowAmount(rec, col, m, line);
      if (v === EMPTY) this.empty[m]!++;
      else if (v === SLOW) ok = false;
      if (m === 0) actual = v;
      else if (m === 1) budget = v;
      else forecast = v;
    }
    if (!ok) return true;
    // The general reader adds every detail row to a running sum per column with addOre, which throws when the sum
    // leaves the exact integer range; such a file is the general reader's to handle.
    const sums = this.openSums;
    if (actual !== EMPTY && !Number.isSafeInteger((sums[0] = sums[0]! + actual))) return this.fail('amounts beyond the exact range');
    if (budget !== EMPTY && !Number.isSafeInteger((sums[1] = sums[1]! + budget))) return this.fail('amounts beyond the exact range');
    if (forecast !== EMPTY && !Number.isSafeInteger((sums[2] = sums[2]! + forecast))) return this.fail('amounts beyond the exact range');

    // Aggregate, in batches.
    if (cc >= 1 << 21 || acc >= 1 << 20) return this.fail('too many distinct codes');
    const rows = this.rows!;
    const j = rows.next;
    const year = (period / 100) | 0;
    rows.cc[j] = cc;
    rows.acc[j] = acc;
    rows.month[j] = (year - 1900) * 12 + (period - year * 100) - 1;
    rows.period[j] = period;
    rows.line[j] = line;
    rows.values[j * 3] = actual;
    rows.values[j * 3 + 1] = budget;
    rows.values[j * 3 + 2] = forecast;
    if (!rows.commit()) return this.fail('amounts beyond the exact range');

    // Names: the first non-empty one per code.
    if (this.ccNameCol >= 0 && this.costCentres.nameBytes[cc] === null) this.takeName(this.costCentres, cc, rec, this.ccNameCol);
    if (this.accNameCol >= 0 && this.accounts.nameBytes[acc] === null) this.takeName(this.accounts, acc, rec, this.accNameCol);
    return true;
  }

  private takeName(table: CodeTable, code: number, rec: CsvRecordView, f: number): void {
    if (f >= rec.count || this.isBlankField(rec, f)) return;
    table.nameBytes[code] = rec.bytes.slice(rec.starts[f]!, rec.ends[f]!);
    table.nameEscaped[code] = (rec.flags[f]! & FIELD_ESCAPED) !== 0;
    table.nameOrder.push(code);
    if (!this.encodingFinal && hasNonAscii(rec.bytes, rec.starts[f]!, rec.ends[f]!)) this.sensitive = true;
  }

  /** `PeriodColumn.read`: cached parse by text, one format per column. Returns YYYYMM or 0 (error, reported). */
  private slowPeriod(rec: CsvRecordView, line: number): number {
    const raw = this.text(rec, this.periodCol);
    let p = this.periodCache.get(raw);
    if (!p) {
      p = parsePeriod(raw, { numericCell: false, date1904: false });
      if (this.periodCache.size < 10_000) this.periodCache.set(raw, p);
    }
    const location = this.at(line, this.periodColumn);
    if (isPeriodIssue(p)) {
      this.rowDiags.add(line, 0, periodDiagnostic(p, raw, location));
      return 0;
    }
    if (!this.firstPeriod) this.firstPeriod = { format: p.format, value: raw, row: line };
    else if (this.firstPeriod.format !== p.format) {
      const f = this.firstPeriod;
      this.rowDiags.add(
        line,
        0,
        diag('period.mixed-format', { value: raw, column: normaliseHeader(this.periodColumn), first: f.value, firstRow: f.row }, location, raw),
      );
      return 0;
    }
    return p.period;
  }

  /** `AmountColumn.read` through `parseAmount`: öre, EMPTY, or SLOW for an error (reported). */
  private slowAmount(rec: CsvRecordView, col: number, m: number, line: number): number {
    const raw = this.text(rec, col);
    const p = parseAmount(raw, this.amountOptions, false);
    if (p === null) return EMPTY;
    if (!isAmountIssue(p)) return p;
    this.rowDiags.add(line, 0, amountDiagnostic(p, raw, this.at(line, this.measureNames[m]!), this.amountOptions));
    return p.value === null ? SLOW : p.value;
  }

  // --- result --------------------------------------------------------------------------------------------------

  /** performance.now() at the start, the end of reading, the end of the aggregation and the end of building. */
  readonly times = [0, 0, 0, 0];

  private async finish(): Promise<ReadResult<Ledger> | null> {
    this.times[1] = performance.now();
    if (this.stage !== STAGE_ROWS) return this.fail('no header record') || null;
    let agg: AggregateResult;
    try {
      agg = await this.rows!.finish();
    } catch (e) {
      return this.fail(`aggregation worker failed: ${(e as Error).message}`) || null;
    }
    if (agg.overflow) return this.fail('amounts beyond the exact range') || null;
    this.aggregate = agg;
    this.times[2] = performance.now();
    // Duplicate keys, as the general reader reports them (duplicates: error).
    const d = agg.duplicates;
    for (let i = 0; i < d.length; i += 5) {
      const [line, cc, acc, period, firstRow] = [d[i]!, d[i + 1]!, d[i + 2]!, d[i + 3]!, d[i + 4]!];
      const costCentre = this.costCentres.codes[cc]!;
      const account = this.accounts.codes[acc]!;
      this.rowDiags.add(
        line,
        1,
        diag('ledger.duplicate-key', { costCentre, account, period, firstRow }, this.at(line, this.keyColumn), account),
      );
    }
    if (agg.duplicateCount > d.length / 5) this.rowDiags.addUnkept('ledger.duplicate-key', agg.duplicateCount - d.length / 5);
    this.summed = agg.summed;
    this.summedRows.push(...agg.summedRows);
    if (this.dataRows === 0) return this.fail('no data rows') || null;
    if (!this.utf8 && this.sensitive) return this.fail('encoding guessed wrongly') || null;
    // Lines in the file (a final line break does not start a line), as `countLines` counts them.
    const lineCount = this.tokenizer!.lineCount;
    if (lineCount - this.headerRow > this.maxRows) return this.fail('too many rows') || null;
    const file = this.file;
    const sink = this.sink;

    // readTable: decoding, then blank lines.
    if (this.declared === 'auto' && this.invalidAt >= 0) {
      if (this.invalidLine < 0) return this.fail('first non-UTF-8 byte not located') || null;
      const byte = hexByte(this.invalidByte);
      sink.add(diag('io.decoded-windows-1252', { line: this.invalidLine, byte }, { file, row: this.invalidLine }, byte));
    }
    if (this.middleBlanks > 0) {
      sink.add(diag('table.blank-lines', { count: this.middleBlanks, rows: this.middleBlankRows.join(', ') }, this.at(this.middleBlankRows[0]!)));
    }
    if (this.lastRecordBlank && this.lastBlankWhitespaceLine && this.tail1 !== 0x0a && this.tail1 !== 0x0d) {
      this.pendingBlanks--;
      if (this.pendingBlankRows.length > this.pendingBlanks) this.pendingBlankRows.pop();
    }
    if (this.pendingBlanks > 0) {
      sink.add(diag('table.trailing-blank-lines', { count: this.pendingBlanks }, this.at(this.pendingBlankRows[0]!)));
    }
    // readLedger: rows, then the column summaries.
    this.rowDiags.replay(sink);
    for (let m = 0; m < 3; m++) {
      if (this.measureCols[m]! < 0 || this.empty[m] === 0) continue;
      const column = normaliseHeader(this.measureNames[m]!);
      sink.add(diag('table.empty-amounts', { count: this.empty[m]!, column }, this.at(0, column)));
    }
    if (this.summed > 0) {
      sink.add(diag('ledger.duplicates-summed', { count: this.summed, rows: this.summedRows.join(', ') }, this.at(this.summedRows[0]!)));
    }
    const value = this.build();
    this.times[3] = performance.now();
    return { value, diagnostics: sink.finish(file) };
  }

  private build(): Ledger {
    const agg = this.aggregate!;
    const rec = agg.slots;
    const n = agg.size;
    const stride = this.stride;
    // The occupied slots in table order, their keys unpacked.
    const at = new Int32Array(n);
    const kc = new Int32Array(n);
    const ka = new Int32Array(n);
    const km = new Int32Array(n);
    const monthUsed = new Uint8Array(4096);
    for (let o = 0, i = 0; o < rec.length; o += stride) {
      const stored = rec[o]!;
      if (stored === 0) continue;
      const key = stored - 1;
      const c = Math.floor(key / TWO_32);
      const rest = key - c * TWO_32;
      const a = Math.floor(rest / 4096);
      const m = rest - a * 4096;
      at[i] = o;
      kc[i] = c;
      ka[i] = a;
      km[i] = m;
      monthUsed[m] = 1;
      i++;
    }
    // Codes that have entries, sorted by UTF-16 code units (the general reader's order); columns → ranks.
    const used = (codes: readonly string[], column: Int32Array): string[] => {
      const seen = new Uint8Array(codes.length);
      for (let i = 0; i < n; i++) seen[column[i]!] = 1;
      const ids: number[] = [];
      for (let i = 0; i < codes.length; i++) if (seen[i]) ids.push(i);
      ids.sort((x, y) => (codes[x]! < codes[y]! ? -1 : codes[x]! > codes[y]! ? 1 : 0));
      const rank = new Int32Array(codes.length);
      ids.forEach((id, r) => (rank[id] = r));
      for (let i = 0; i < n; i++) column[i] = rank[column[i]!]!;
      return ids.map((id) => codes[id]!);
    };
    const ccList = used(this.costCentres.codes, kc);
    const accList = used(this.accounts.codes, ka);
    const monthRank = new Int32Array(4096);
    let months = 0;
    for (let m = 0; m < 4096; m++) if (monthUsed[m]) monthRank[m] = months++;
    // Sorted position of every entry: stable counting sorts, least significant digit first — (konto, month) as one
    // digit when that is small, else month then konto — then ansvar.
    const digits: Array<[Int32Array, number]> = [];
    if (accList.length * months <= 1 << 16) {
      const kam = new Int32Array(n);
      for (let i = 0; i < n; i++) kam[i] = ka[i]! * months + monthRank[km[i]!]!;
      digits.push([kam, accList.length * months]);
    } else {
      const kr = new Int32Array(n);
      for (let i = 0; i < n; i++) kr[i] = monthRank[km[i]!]!;
      digits.push([kr, months], [ka, accList.length]);
    }
    digits.push([kc, ccList.length]);
    let order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    let spare = new Int32Array(n);
    for (const [digit, buckets] of digits) {
      const count = new Int32Array(buckets + 1);
      for (let j = 0; j < n; j++) count[digit[order[j]!]! + 1]!++;
      for (let d = 0; d < buckets; d++) count[d + 1]! += count[d]!;
      for (let j = 0; j < n; j++) {
        const i = order[j]!;
        spare[count[digit[i]!]!++] = i;
      }
      [order, spare] = [spare, order];
    }
    // The entries are kept as columns in sorted order (typed arrays: compact, written in order); the `entries`
    // objects the Ledger interface promises are made from them only when someone reads them — the calculation
    // core walks the columns instead (LedgerColumns).
    const flip = this.flip;
    const [sa, sb, sf] = this.measureSlot as [number, number, number];
    const cols = {
      costCentre: new Int32Array(n), account: new Int32Array(n), period: new Int32Array(n),
      actual: new Float64Array(n), budget: new Float64Array(n), forecast: new Float64Array(n), has: new Uint8Array(n),
    };
    const signed = (v: number): number => (flip ? (v === 0 ? 0 : -v) : v);
    for (let j = 0; j < n; j++) {
      const i = order[j]!;
      const r = at[i]!;
      const has = rec[r + 1]! % 8;
      const month = km[i]!;
      cols.costCentre[j] = kc[i]!;
      cols.account[j] = ka[i]!;
      cols.period[j] = (1900 + Math.floor(month / 12)) * 100 + (month % 12) + 1;
      cols.has[j] = (has & HAS_ACTUAL ? 1 : 0) | (has & HAS_BUDGET ? 2 : 0) | (has & HAS_FORECAST ? 4 : 0);
      if (has & HAS_ACTUAL) cols.actual[j] = signed(rec[r + sa]!);
      if (has & HAS_BUDGET) cols.budget[j] = signed(rec[r + sb]!);
      if (has & HAS_FORECAST) cols.forecast[j] = signed(rec[r + sf]!);
    }
    let made: LedgerEntry[] | null = null;
    const entriesOf = (): LedgerEntry[] => {
      if (made) return made;
      made = new Array<LedgerEntry>(n);
      for (let j = 0; j < n; j++) {
        const h = cols.has[j]!;
        made[j] = {
          costCentre: cols.costCentre[j]!,
          account: cols.account[j]!,
          period: cols.period[j]!,
          actual: h & 1 ? (cols.actual[j]! as Ore) : null,
          budget: h & 2 ? (cols.budget[j]! as Ore) : null,
          forecast: h & 4 ? (cols.forecast[j]! as Ore) : null,
        };
      }
      return made;
    };
    const ledger: Ledger = {
      costCentres: ccList,
      accounts: accList,
      get entries() {
        return entriesOf();
      },
      costCentreNames: this.names(this.costCentres),
      accountNames: this.names(this.accounts),
      dataRows: this.dataRows,
      sourceSign: this.spec.sign,
    };
    // Not enumerable: a Ledger read by the general reader has no columns, and the two must compare equal.
    Object.defineProperty(ledger, 'columns', { value: cols, enumerable: false });
    return ledger;
  }

  private names(table: CodeTable): Map<string, string> {
    const out = new Map<string, string>();
    for (const code of table.nameOrder) {
      const bytes = table.nameBytes[code]!;
      let t = this.decode(bytes, 0, bytes.length);
      if (table.nameEscaped[code]) t = t.replaceAll('""', '"');
      out.set(table.codes[code]!, normaliseFieldText(t).trim().normalize('NFC'));
    }
    return out;
  }
}
