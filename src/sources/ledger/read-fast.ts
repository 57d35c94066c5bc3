/**
 * The byte-level ledger reader: a Raindance CSV export → the `Ledger` aggregate, streaming, without a string per
 * field. It gives the same `Ledger` and the same diagnostics as the general reader (`readLedgerGeneral`,
 * read-general.ts), which stays the definition; `tests/fast/fast-ledger.test.ts` checks that on every ledger fixture
 * and on generated files. Both read with the same rules (see fast-reader.ts); what differs is how the bytes become
 * cells: here the streaming decoder and the byte tokenizer of io/, field by field, there the decoded text and
 * io/csv.ts, table by table.
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
 * is how `readLedger` can dispatch CSV to it. `readLedgerFast` then runs the general reader itself on the same bytes
 * (streamed, see "Size").
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
 * The ledger's rules are written once and used by both readers. What the fast path still has to mirror is how the
 * general reader's table layer turns bytes into cells: `decodeText` (io/stream-decode.ts) and `parseCsv`'s quirks
 * (io/csv-compat.ts: whitespace-only lines are emptied before parsing; a row with a different field count costs
 * io/csv.ts a "resumption" and more than 200 end the parse). When those change, the differential tests in tests/fast/
 * say so.
 *
 * ## What it hands to the general reader (returns null)
 *
 * XLSX; a declared encoding contradicted by a BOM, UTF-16, invalid UTF-8 under `encoding: utf-8`, NUL bytes, bytes
 * undefined in Windows-1252, anything that could be mojibake; no header; a header that needs normalising, is
 * duplicated or forbidden; CSV syntax errors (quotes, runaway records); short or long rows; repeated header rows; sum
 * rows and rows with an empty ansvar or konto; year + month in two columns; non-ASCII or quoted-quote codes; no data
 * rows; more rows than `maxRows` (when given); more than 200 changes of field count (io/csv.ts gives up); amounts whose sum
 * leaves the exact integer range (readLedger throws). With `encoding: auto`, a file that turns out not to be UTF-8
 * after non-ASCII text was already interpreted as UTF-8 is also handed over. The general reader then reads the same
 * bytes, so the result is its result.
 *
 * ## Size
 *
 * Neither reader holds the file: the fast path streams it, and a file it hands over is streamed again by the general
 * reader (`readLedgerGeneralStream`: re-opened from its path, or read in pieces of the bytes in memory), whatever the
 * size. `maxBytes` and `maxRows` apply only when they are given explicitly. Only a one-shot stream
 * (`AsyncIterable`), which cannot be read again, has its chunks kept for the hand-over, up to 256 MiB (or
 * `maxBytes`): beyond that the hand-over answers with `io.file-too-large`.
 *
 * ## Byte ranges in worker threads (`workers`)
 *
 * From a path, the rest of the file after its first MiB can be read by range readers in worker threads, split at
 * line breaks, and merged (`readRanges`, `FastLedgerReader.forRange`, `mergeAggregates`): the same result, to the
 * öre and to the line of every message. Off by default; see `FastLedgerOptions.workers`.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LedgerSourceSpec } from '../../config/schema.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import type { InputDigest, Ledger, ReadResult } from '../../model/records.js';
import { DEFAULT_MAX_TEXT_BYTES } from '../../io/decode.js';
import { ledgerColumnMap } from './columns.js';
import { FastLedgerReader, type FastReaderOptions, type RangeResult, type RangeStart } from './fast-reader.js';
import { readRange, type RangeJob } from './read-range.js';
import { readLedgerGeneralStream } from './read-general.js';
import type { ByteChunks } from '../table.js';
import { emptyLedger } from './rules.js';

export type LedgerByteSource = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export interface FastLedgerResult {
  readonly ledger: Ledger;
  readonly diagnostics: readonly Diagnostic[];
  /** Which reader produced the result. */
  readonly path: 'fast' | 'general';
  /** Why the fast path handed over, when it did. */
  readonly reason?: string;
  /** Byte ranges read by range readers (in worker threads) and merged; 0 when the file was read in one stream. */
  readonly ranges?: number;
  /**
   * Fast path only, in seconds: reading and parsing (with the aggregation alongside), waiting for the aggregation
   * to finish, and building the `Ledger` (sorting, objects).
   */
  readonly timings?: { readonly read: number; readonly aggregateWait: number; readonly build: number };
  /**
   * From a file path with `digest: true`, when the fast path read the whole file: its size and SHA-256, hashed from
   * the pieces as they were read (the ranges of range readers are hashed here while they read).
   */
  readonly digest?: InputDigest;
}

export interface FastLedgerOptions extends FastReaderOptions {
  /** Bytes per read from a file path. Default 1 MiB. */
  readonly chunkSize?: number;
  /**
   * A file path only: readers of byte ranges of the file after its first MiB, each in a worker thread, their partial
   * aggregations merged (see `readRanges`). 0 = none. Default 0 — measured on 2 CPUs it costs more CPU time than it
   * saves wall time (each range's table holds nearly every key of a randomly ordered export, and the tables are
   * merged; docs/performance.md) — unless the environment has RAPPORT_LEDGER_WORKERS=auto: then one per CPU, at
   * most 4, for files of 32 MiB and more. Measured again on the 1M-line bench ledger (`generate --format json`,
   * 2 CPUs, three runs each way): with `auto` 0,7–1,5 s more CPU and a peak RSS of 217–246 MiB instead of
   * 153–170 MiB (each range's table and the merge), so it stays opt-in.
   */
  readonly workers?: number;
  /** A file path only: also hash the bytes read (`FastLedgerResult.digest`). */
  readonly digest?: boolean;
}

const DEFAULT_CHUNK = 1 << 20;
/** Files from this size on are read by range readers in worker threads (`workers` unset). */
export const RANGES_FROM_BYTES = 32 << 20;
const MAX_WORKERS = 4;

/** Range readers when `workers` is not given: see `FastLedgerOptions.workers`. */
function defaultWorkers(size: number): number {
  return process.env['RAPPORT_LEDGER_WORKERS'] === 'auto' && size >= RANGES_FROM_BYTES ? Math.min(MAX_WORKERS, availableParallelism()) : 0;
}

/** Reads a ledger with the fast path, or with the general reader when the fast path hands over. */
export async function readLedgerFast(
  source: LedgerByteSource,
  spec: LedgerSourceSpec,
  displayName: string,
  options: FastLedgerOptions = {},
): Promise<FastLedgerResult> {
  const attempt = await attemptFast(source, spec, displayName, options);
  if ('result' in attempt) {
    return {
      ledger: attempt.result.value, diagnostics: attempt.result.diagnostics, path: 'fast', timings: attempt.timings, ranges: attempt.ranges,
      ...(attempt.digest ? { digest: attempt.digest } : {}),
    };
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
type Attempt = { result: ReadResult<Ledger>; timings: Timings; ranges: number; digest: InputDigest | null } | { bail: string; kept: Uint8Array[] | null; streamed: number };

async function attemptFast(
  source: LedgerByteSource,
  spec: LedgerSourceSpec,
  displayName: string,
  options: FastLedgerOptions,
): Promise<Attempt> {
  const why = unsupportedSpec(spec, displayName);
  if (why) return { bail: why, kept: null, streamed: 0 };
  const size = typeof source === 'string' ? (await stat(source)).size : source instanceof Uint8Array ? source.length : 0;
  const workers = typeof source === 'string' ? (options.workers ?? defaultWorkers(size)) : 0;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  // The file's hash is made in the aggregation thread when there is one, unless range readers may read the rest.
  const hashPieces = typeof source === 'string' && options.digest && workers === 0 ? chunkSize : 0;
  const reader = new FastLedgerReader(spec, displayName, { ...options, hashPieces });
  reader.times[0] = performance.now();
  reader.sizeHint = size;
  const maxBytes = options.maxBytes ?? Infinity;
  // Chunks of a one-shot stream are kept (copied: a producer may reuse its buffer) so the general reader can get
  // the bytes if the fast path hands over — up to the general reader's size limit, beyond which its answer is the
  // size error anyway.
  let kept: Uint8Array[] | null = null;
  let streamed = 0;
  let ranges = 0;
  let digest: InputDigest | null = null;
  // Read to the end here, its hash made here or in the aggregation thread: known once the reading has ended.
  let pending: { readonly bytes: number; readonly hash: FileDigest } | null = null;
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
    let ahead: { readonly into: Uint8Array; readonly read: Promise<{ bytesRead: number }> } | null = null;
    try {
      const size = chunkSize;
      const buf = new Uint8Array(size);
      // The manifest's hash of the file, from the pieces as they are read: bytes [0, pos) are in it.
      let hash: FileDigest | null = options.digest ? new FileDigest(reader, hashPieces > 0) : null;
      let pos = 0;
      let rangesTried = workers === 0 || maxBytes !== Infinity;
      // Reading ahead: once the file is read on in one stream, the next piece is read into a second buffer while this
      // thread parses the current one (each read of 1 MiB otherwise left it waiting ~0,5 ms: ~40 ms per 86 MB).
      const spare = new Uint8Array(size);
      try {
        for (;;) {
          let target: Uint8Array;
          let bytesRead: number;
          if (ahead) {
            ({ bytesRead } = await ahead.read);
            target = ahead.into;
            ahead = null;
          } else {
            // The first piece (the header search), and the second when range readers were tried and not taken.
            target = buf;
            ({ bytesRead } = await fh.read(target, 0, size, pos));
          }
          if (bytesRead === 0) break;
          // The first piece up to its last line break; from there, the rest may go to range readers.
          let n = bytesRead;
          if (!rangesTried) {
            const lf = target.subarray(0, bytesRead).lastIndexOf(0x0a);
            if (lf >= 0) n = lf + 1;
          } else {
            const into = target === spare ? buf : spare;
            ahead = { into, read: fh.read(into, 0, size, pos + n) };
          }
          reader.feed(target.subarray(0, n));
          // After the piece is fed: the first one may start the rows, and with them the thread that hashes.
          hash?.add(target.subarray(0, n));
          pos += n;
          if (reader.total > maxBytes) reader.bailOut('file larger than maxBytes');
          if (reader.bail !== null) break;
          if (!rangesTried) {
            rangesTried = true;
            const start = reader.rangeStart();
            if (start) {
              // While the range readers read the rest, this thread hashes it (a copy of the hash so far: if the
              // ranges are not adopted, this thread reads on and hashes as it goes).
              const rest = hash ? hashFrom(fh, pos, hash.copy(), size) : null;
              ranges = await readRanges(reader, source, pos, start, workers, spec, displayName, options);
              const hashed = rest ? await rest : null;
              if (ranges > 0) {
                if (hashed) digest = hashed;
                hash = null;
                break;
              }
            }
          }
        }
      } finally {
        // A piece read ahead and not used (handed over, or an error) is waited for before the file is closed.
        if (ahead) await ahead.read.catch(() => undefined);
      }
      if (hash && reader.bail === null) pending = { bytes: pos, hash };
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
  if (result && pending) digest = { bytes: pending.bytes, sha256: pending.hash.sha256() };
  if (result) {
    const [t0, t1, t2, t3] = reader.times as [number, number, number, number];
    return { result, timings: { read: (t1 - t0) / 1000, aggregateWait: (t2 - t1) / 1000, build: (t3 - t2) / 1000 }, ranges, digest };
  }
  reader.bailOut('handed over'); // stops the worker, if any
  return { bail: reader.bail ?? 'unknown', kept, streamed };
}

/**
 * The manifest's SHA-256 of a ledger read from its path, made from the pieces as they are read — in the aggregation
 * thread when the rows are summed there (`inWorker`; it hashes while this thread parses: ~50 ms of this thread's time
 * for 86 MB), else here. Where is known once the rows start (`FastLedgerReader.hashWhere`); the pieces before that
 * (the first MiB, typically) are kept, copied, until then.
 */
class FileDigest {
  private hash: Hash | null;
  private early: Uint8Array[] | null;

  constructor(
    private readonly reader: FastLedgerReader,
    inWorker: boolean,
  ) {
    this.hash = inWorker ? null : createHash('sha256');
    this.early = inWorker ? [] : null;
  }

  /** The next piece of the file. */
  add(bytes: Uint8Array): void {
    if (this.early !== null) {
      const where = this.reader.hashWhere();
      if (where === 'undecided') {
        this.early.push(bytes.slice());
        return;
      }
      this.settle(where);
    }
    this.put(bytes);
  }

  /** A copy of the hash so far, to be continued elsewhere (the pieces are hashed here: see `inWorker`). */
  copy(): Hash {
    if (this.early !== null) this.settle('here');
    return this.hash!.copy();
  }

  /** After the reader's end: the SHA-256 of every piece added. */
  sha256(): string {
    if (this.early !== null) this.settle('here');
    const hex = this.hash ? this.hash.digest('hex') : this.reader.workerSha256;
    if (hex === null) throw new Error('the aggregation thread made no hash');
    return hex;
  }

  private settle(where: 'worker' | 'here'): void {
    const early = this.early!;
    this.early = null;
    if (where === 'here') this.hash = createHash('sha256');
    for (const piece of early) this.put(piece);
  }

  private put(bytes: Uint8Array): void {
    if (this.hash) this.hash.update(bytes);
    else this.reader.hashPiece(bytes);
  }
}

/** `hash` (of the file's bytes before `from`) continued to the file's end: its size and SHA-256. */
async function hashFrom(fh: FileHandle, from: number, hash: Hash, chunk: number): Promise<InputDigest> {
  const buf = new Uint8Array(Math.max(chunk, 1 << 16));
  let pos = from;
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) break;
    hash.update(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
  return { bytes: pos, sha256: hash.digest('hex') };
}

/**
 * The rest of the file from `from` (a line start), read by `workers` range readers at once — byte ranges split at
 * line breaks, each read in a worker thread into its own aggregation — then adopted by `reader`, which merges them
 * when it finishes: the same result, to the öre and to the line of every message, as reading on here. A range
 * reader takes plain rows only (no quotes, so no line break inside a field can fool the split; no blank lines,
 * nothing to report); if any range is not plain, or a worker fails, nothing is adopted (0) and the caller reads
 * on from `from` itself. The number of ranges adopted.
 */
async function readRanges(
  reader: FastLedgerReader,
  file: string,
  from: number,
  start: RangeStart,
  workers: number,
  spec: LedgerSourceSpec,
  displayName: string,
  options: FastLedgerOptions,
): Promise<number> {
  const size = (await stat(file)).size;
  if (size <= from) return 0;
  const bounds = await lineBounds(file, from, size, workers);
  if (!bounds) return 0;
  const { workers: _w, parallel: _p, ...readerOptions } = options;
  const jobs: RangeJob[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    jobs.push({ path: file, start: bounds[i]!, end: bounds[i + 1]!, spec, displayName, options: readerOptions, rangeStart: start, chunkSize: options.chunkSize ?? DEFAULT_CHUNK });
  }
  let results: RangeResult[];
  try {
    results = await Promise.all(jobs.map(runRange));
  } catch {
    return 0;
  }
  if (results.some((r) => r.bail !== null)) return 0;
  return reader.adoptRanges(results, size - from) ? results.length : 0;
}

/** One range in a worker thread (from dist/), or in this thread when running from the TypeScript sources. */
function runRange(job: RangeJob): Promise<RangeResult> {
  if (import.meta.url.endsWith('.ts')) return readRange(job);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./range-worker.js', import.meta.url), { workerData: job });
    worker.once('message', (r: RangeResult) => {
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`range worker exited (${code})`)));
  });
}

/**
 * `parts` ranges of about equal size over [from, size), each starting at a line start (after an LF): the
 * boundaries, or null when a line is too long to find its end in 64 KiB.
 */
async function lineBounds(file: string, from: number, size: number, parts: number): Promise<number[] | null> {
  const bounds = [from];
  const fh = await open(file, 'r');
  try {
    const probe = new Uint8Array(1 << 16);
    for (let i = 1; i < parts; i++) {
      const nominal = Math.max(from + Math.floor(((size - from) * i) / parts), bounds[bounds.length - 1]!);
      const { bytesRead } = await fh.read(probe, 0, probe.length, nominal);
      const lf = probe.subarray(0, bytesRead).indexOf(0x0a);
      if (lf < 0) return bytesRead < probe.length ? bounds.concat(size) : null;
      const at = nominal + lf + 1;
      if (at >= size) break;
      if (at > bounds[bounds.length - 1]!) bounds.push(at);
    }
  } finally {
    await fh.close();
  }
  bounds.push(size);
  return bounds;
}

/**
 * The general reader on the same bytes, streamed (`readLedgerGeneralStream`): a path is opened again and read in
 * pieces (as often as the general reader needs), bytes in memory are read in pieces of them; only a one-shot stream,
 * which cannot be read again, has had its chunks kept — up to the general reader's old size limit.
 */
async function readGeneral(
  source: LedgerByteSource,
  kept: Uint8Array[] | null,
  streamed: number,
  spec: LedgerSourceSpec,
  displayName: string,
  options: FastLedgerOptions,
): Promise<ReadResult<Ledger>> {
  const size = options.chunkSize ?? DEFAULT_CHUNK;
  let chunks: ByteChunks;
  if (typeof source === 'string') {
    if (options.maxBytes !== undefined) {
      const bytes = (await stat(source)).size;
      if (bytes > options.maxBytes) return tooLarge(bytes, options.maxBytes, spec, displayName);
    }
    chunks = () => fileChunks(source, size);
  } else if (source instanceof Uint8Array) {
    if (options.maxBytes !== undefined && source.length > options.maxBytes) return tooLarge(source.length, options.maxBytes, spec, displayName);
    chunks = () => pieces(source, size);
  } else {
    const limit = options.maxBytes ?? DEFAULT_MAX_TEXT_BYTES;
    // More than that was streamed (or than maxBytes): the size error, as before.
    if (!kept || streamed > limit) return tooLarge(streamed, limit, spec, displayName);
    const all = kept;
    chunks = () => all;
  }
  return readLedgerGeneralStream(chunks, displayName, spec, { ...options, generalReader: true });
}

/** A file from its start, in pieces of `size` bytes (each a fresh buffer). */
export async function* fileChunks(file: string, size: number): AsyncGenerator<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    for (;;) {
      const buf = new Uint8Array(size);
      const { bytesRead } = await fh.read(buf, 0, size, null);
      if (bytesRead === 0) return;
      yield bytesRead === size ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** Bytes in memory in pieces of `size`. */
function* pieces(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** What `readLedger` returns for a file over its size limit (decodeText's check), without reading it. */
function tooLarge(size: number, limit: number, spec: LedgerSourceSpec, file: string): ReadResult<Ledger> {
  return {
    value: emptyLedger(spec.sign),
    diagnostics: [diag('io.file-too-large', { size, limit }, { file })],
  };
}

/** A spec the fast path does not read: xlsx by config or name, and year + month in two columns. */
function unsupportedSpec(spec: LedgerSourceSpec, displayName: string): string | null {
  if (spec.format === 'xlsx') return 'xlsx';
  if (spec.format === 'auto') {
    const ext = /\.([^./\\]+)$/.exec(displayName)?.[1]?.toLowerCase() ?? '';
    if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  }
  const columns = ledgerColumnMap(spec);
  if (!columns || !('period' in columns.period)) return 'year and month columns';
  return null;
}
