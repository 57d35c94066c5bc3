import { Worker } from 'node:worker_threads';

/**
 * The aggregation behind both ledger readers: detail rows (ansvar and konto as interned numbers, period, line, three
 * amounts in file sign) → one entry per ansvar × konto × period, with the duplicate rule applied (`error`: the
 * first row's amounts stay and the later row is noted; `sum`: amounts summed, "no value" kept apart from 0).
 * Rows go in through `RowBatches`; the result is a typed-array table that `buildLedger` (build.ts) turns into the
 * `Ledger`. It knows nothing of files, text or messages: the rules in front of it decide what a detail row is.
 *
 * The worker thread (for inputs of 16 MiB and more) can be started before the ledger is read and prepare its table
 * (`prestartAggregation`, `prepareAggregation`), and it can also hash the bytes the reader gives it, in its idle time
 * (`RowBatches.hash`: the manifest's SHA-256 of the file, off the reading thread).
 *
 * Keys: ansvar < 2^21, konto < 2^20 distinct codes per file, periods 1900-01 … 2199-12 (what `parsePeriod` accepts).
 */

/** An empty cell in the rows' amount columns. */
export const EMPTY_CELL = -1e300;
/** Most distinct codes per column the keys can hold. */
export const MAX_COST_CENTRES = 1 << 21;
export const MAX_ACCOUNTS = 1 << 20;

/** YYYYMM (1900–2199) → the month index used in keys (0 = 1900-01). */
export function monthIndex(period: number): number {
  const year = (period / 100) | 0;
  return (year - 1900) * 12 + (period - year * 100) - 1;
}

/** The month index of a key → YYYYMM. */
export function periodOfMonth(month: number): number {
  return (1900 + Math.floor(month / 12)) * 100 + (month % 12) + 1;
}

export const HAS_ACTUAL = 1;
export const HAS_BUDGET = 2;
export const HAS_FORECAST = 4;
export const TWO_32 = 4294967296;

/** What the aggregation hands back: the table, and what it found for the diagnostics. */
export interface AggregateResult {
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
  /** A summed amount left the exact integer range (the general reader throws there) … */
  readonly overflow: boolean;
  /** … and the sum that did, in file sign. */
  readonly overflowValue: number;
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
export function makeAggregator(
  stride: number,
  bits: number,
  sumDuplicates: boolean,
  slotOf: readonly number[],
  maxKept: number,
  table?: Float64Array,
) {
  const TWO32 = 4294967296;
  const EMPTY_CELL = -1e300;
  const flags = [1, 2, 4];
  // An empty table of the right size may be given (its pages already touched: see `workerSource`).
  let slots = table !== undefined && table.length === (1 << bits) * stride ? table : new Float64Array((1 << bits) * stride);
  let mask = (1 << bits) - 1;
  let size = 0;
  let summed = 0;
  const summedRows: number[] = [];
  const duplicates: number[] = [];
  let duplicateCount = 0;
  let overflow = false;
  let overflowValue = 0;
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
            overflowValue = r[o]!;
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
    return { slots, size, summed, summedRows, duplicates, duplicateCount, overflow, overflowValue };
  }

  /** Duplicate keys so far (duplicates: error); the first `maxKept` are in `result().duplicates`. */
  function duplicatesSoFar(): number {
    return duplicateCount;
  }

  return { add, result, duplicatesSoFar };
}

export type Aggregator = ReturnType<typeof makeAggregator>;

/**
 * How the table is laid out: `stride` numbers per slot (4 for up to two amount columns, else 8), 2^`bits` slots to
 * start with, the duplicate rule, the slot offset of each amount column (-1: the file lacks it), and how many
 * duplicate keys are kept for messages.
 */
export interface AggregatorSettings {
  readonly stride: number;
  readonly bits: number;
  readonly sumDuplicates: boolean;
  readonly slotOf: readonly number[];
  readonly maxKept: number;
}

/** The layout for the amount columns a file has (`present`: utfall, budget, prognos) and its expected size. */
export function aggregatorSettings(present: readonly boolean[], sumDuplicates: boolean, maxKept: number, sizeHint: number): AggregatorSettings {
  const slotOf = [-1, -1, -1];
  let slot = 2;
  for (let m = 0; m < 3; m++) if (present[m]) slotOf[m] = slot++;
  // Slots for about one key per 40 bytes of input at load ≤ 0.75, at most 2^20 to start with.
  const expected = sizeHint > 0 ? sizeHint / 40 : 0;
  let bits = 12;
  while (bits < 20 && (1 << bits) * 0.75 < expected) bits++;
  return { stride: slot <= 4 ? 4 : 8, bits, sumDuplicates, slotOf, maxKept };
}

/** Rows per batch handed to the aggregator. */
const BATCH = 4096;
/** Batches in the ring shared with the worker: the reader runs up to this far ahead. */
const RING = 16;
/** Inputs from this size on are aggregated in a worker thread (when `parallel` is 'auto'). */
export const PARALLEL_FROM_BYTES = 16 << 20;
// Control words of the ring (the worker's program is given them in its order: its source stands alone).
const C_WRITTEN = 0; // batches written
const C_READ = 1; // batches read
const C_DONE = 2;
const C_FAILED = 3; // set by the worker when it fails: the reader stops waiting for it
const C_EVENTS = 4; // counts every batch and piece of file handed over: what the worker waits on
const C_ROWS = 5; // + batch index: rows in that batch
const WORDS = [C_WRITTEN, C_READ, C_DONE, C_FAILED, C_EVENTS, C_ROWS] as const;

/** Pieces of the file the worker may be behind in hashing (see `RowBatches.hash`). */
const HASH_SLOTS = 4;
// Control words of the pieces to hash: pieces written, pieces hashed, then each slot's length.
const H_WRITTEN = 0;
const H_HASHED = 1;
const H_LENGTH = 2;

/** What the worker is sent when it is given its work: the ring, the table's layout, and the pieces to hash, if any. */
interface WorkerOrder extends AggregatorSettings {
  readonly shared: SharedArrayBuffer;
  readonly ring: number;
  readonly batch: number;
  readonly words: typeof WORDS;
  readonly hash: { readonly shared: SharedArrayBuffer; readonly slots: number; readonly slotSize: number; readonly offset: number } | null;
}

/** The worker's answer: the aggregation, and the SHA-256 of the pieces it hashed (null when it hashed none). */
interface WorkerResult {
  readonly result: AggregateResult;
  readonly sha256: string | null;
}

/**
 * The worker's program, once it has its order (the ring and the table's layout): waits for batches in the ring,
 * aggregates them, and posts the result (its table transferred, not copied) when the reader says it is done. Given
 * pieces of the file to hash (the manifest's SHA-256), it hashes each as soon as it is handed over, before the next
 * batch: the reader reuses a piece's slot only once it is hashed. It is given the `parentPort` of
 * `node:worker_threads` and `createHash` of `node:crypto` rather than calling `require` itself: its source is
 * evaluated on its own (`workerSource`), and a bundler may rename a `require` written here.
 */
function aggregatorWorkerMain(
  parentPort: import('node:worker_threads').MessagePort,
  createHash: typeof import('node:crypto').createHash,
  w: WorkerOrder,
  table: Float64Array | undefined,
): void {
  const [WRITTEN, READ, DONE, , EVENTS, ROWS] = w.words;
  const agg = makeAggregator(w.stride, w.bits, w.sumDuplicates, w.slotOf, w.maxKept, table);
  const rows = w.ring * w.batch;
  const control = new Int32Array(w.shared, 0, ROWS + w.ring);
  let offset = (ROWS + w.ring) * 4;
  offset += (8 - (offset % 8)) % 8;
  const values = new Float64Array(w.shared, offset, rows * 3);
  offset += rows * 3 * 8;
  const cc = new Int32Array(w.shared, offset, rows);
  const acc = new Int32Array(w.shared, offset + rows * 4, rows);
  const month = new Int32Array(w.shared, offset + rows * 8, rows);
  const period = new Int32Array(w.shared, offset + rows * 12, rows);
  const line = new Int32Array(w.shared, offset + rows * 16, rows);
  const h = w.hash;
  const pieces = h ? new Int32Array(h.shared, 0, 2 + h.slots) : null;
  const bytes = h ? new Uint8Array(h.shared, h.offset, h.slots * h.slotSize) : null;
  const hasher = h ? createHash('sha256') : null;
  let hashed = 0;
  let read = 0;
  let ok = true;
  for (;;) {
    // Read before looking for work: a hand-over after this changes it, and the wait below returns at once.
    const events = Atomics.load(control, EVENTS);
    if (pieces !== null && hashed < Atomics.load(pieces, 0)) {
      const at = (hashed % h!.slots) * h!.slotSize;
      hasher!.update(bytes!.subarray(at, at + Atomics.load(pieces, 2 + (hashed % h!.slots))));
      hashed++;
      Atomics.store(pieces, 1, hashed);
      Atomics.notify(pieces, 1);
      continue;
    }
    const written = Atomics.load(control, WRITTEN);
    if (read === written) {
      // Every piece is handed over before the reader says it is done.
      if (Atomics.load(control, DONE) !== 0 && (pieces === null || hashed === Atomics.load(pieces, 0))) break;
      Atomics.wait(control, EVENTS, events, 1000);
      continue;
    }
    const b = read % w.ring;
    if (ok) ok = agg.add(cc, acc, month, period, line, values, b * w.batch, Atomics.load(control, ROWS + b));
    read++;
    Atomics.store(control, READ, read);
    Atomics.notify(control, READ);
  }
  const r = agg.result();
  const answer: WorkerResult = { result: r, sha256: hasher ? hasher.digest('hex') : null };
  parentPort.postMessage(answer, [r.slots.buffer as ArrayBuffer]);
}

/**
 * Slots of the table a ledger of 16 MiB and more starts with when it has at most two amount columns (stride 4):
 * `aggregatorSettings` gives such a file 2^20 slots, 32 MiB.
 */
const PREPARED_TABLE = (1 << 20) * 4;

/**
 * The worker: the aggregator's and the loop's source, evaluated as a CommonJS script (works from dist/, from the
 * bundle and from TS). It boots, then waits for its order (a message), so it can be started before the ledger is
 * found (`prestartAggregation`). Should it fail, it says so in the control words before the error ends the thread, so
 * that a reader waiting for room in the ring stops (see `RowBatches.flush`) instead of waiting for ever.
 *
 * Started ahead and told the ledger is large (`prepareAggregation`), it also touches the pages of the table it will
 * most likely need while it waits, a few MiB at a time so that an order arriving meanwhile is taken at once: on a small
 * VM the first write to a fresh page costs ~11 µs, ~90 ms for the 32 MiB table, which the first batches of rows
 * otherwise pay while the reader waits for room in the ring. The table is empty either way; a file that needs another
 * size gets a fresh one.
 */
function workerSource(): string {
  return `'use strict';
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const makeAggregator = ${makeAggregator.toString()};
let prepared;
function prepare() {
  const table = new Float64Array(${PREPARED_TABLE});
  prepared = table;
  let at = 0;
  const touch = () => {
    if (prepared !== table) return;
    const end = Math.min(table.length, at + (1 << 19));
    for (; at < end; at += 512) table[at] = 0;
    if (at < table.length) setImmediate(touch);
  };
  setImmediate(touch);
}
const onMessage = (message) => {
  if (message === 'prepare') {
    if (prepared === undefined) prepare();
    return;
  }
  parentPort.off('message', onMessage);
  const order = message;
  const table = prepared;
  prepared = null;
  try {
    (${aggregatorWorkerMain.toString()})(parentPort, createHash, order, table || undefined);
  } catch (e) {
    const control = new Int32Array(order.shared, 0, ${C_ROWS});
    Atomics.store(control, ${C_FAILED}, 1);
    Atomics.notify(control, ${C_READ});
    if (order.hash) Atomics.notify(new Int32Array(order.hash.shared, 0, 2), ${H_HASHED});
    throw e;
  }
};
parentPort.on('message', onMessage);
`;
}

/** A worker started ahead (`prestartAggregation`) and not yet given work; null when none or when it has ended. */
let spare: Worker | null = null;

function startWorker(): Worker {
  const worker = new Worker(workerSource(), { eval: true });
  worker.unref(); // never keeps the process alive, whatever happens to the reader
  // Until it is given work, an error or an early end only makes it unusable (a reader then starts its own).
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    if (spare === worker) spare = null;
  });
  return worker;
}

/**
 * Starts the aggregation worker now, before the ledger is found: starting a thread costs 60–120 ms on a small VM
 * (measured: a worker started when the ledger's header was read made the reader wait ~140 ms for room in the ring
 * while it booted and its first batches paid for fresh memory). The next large ledger read (`RowBatches` with
 * `parallel`) takes it; if none comes, it only waits, and never keeps the process alive. At most one waits at a time.
 */
export function prestartAggregation(): void {
  if (spare) return;
  try {
    spare = startWorker();
  } catch {
    spare = null; // no worker here: the reader decides again when it needs one
  }
}

/**
 * A ledger of `bytes` is about to be read: if it is large enough to be aggregated in the worker, the worker started
 * ahead (`prestartAggregation`, started here if not yet) prepares its table meanwhile (see `workerSource`).
 */
export function prepareAggregation(bytes: number): void {
  if (bytes < PARALLEL_FROM_BYTES) return;
  prestartAggregation();
  spare?.postMessage('prepare');
}

/**
 * Where parsed rows go: batches for the aggregator, in this thread or in a worker fed through a ring of batches in
 * shared memory.
 */
export class RowBatches {
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
  private readonly worker: Worker | null;
  private readonly local: Aggregator | null;
  private readonly resultPromise: Promise<WorkerResult> | null;
  private failed = false;
  /** Pieces of the file for the worker to hash: their control words and slots (null: none are hashed there). */
  private readonly pieces: Int32Array | null = null;
  private readonly pieceBytes: Uint8Array | null = null;
  private readonly pieceSize: number = 0;
  private piecesWritten = 0;
  /** After `finish`: the SHA-256 of the pieces given to `hash`. */
  sha256: string | null = null;

  /**
   * `hashPieces` > 0 with `parallel`: the worker also hashes the pieces of the file given to `hash`, each of at most
   * that many bytes (`hashing` says whether it does).
   */
  constructor(parallel: boolean, settings: AggregatorSettings, hashPieces = 0) {
    let worker: Worker | null = null;
    let shared: SharedArrayBuffer | null = null;
    let hash: WorkerOrder['hash'] = null;
    if (parallel) {
      try {
        let size = (C_ROWS + RING) * 4;
        size += (8 - (size % 8)) % 8;
        shared = new SharedArrayBuffer(size + RING * BATCH * (3 * 8 + 5 * 4));
        if (hashPieces > 0) {
          const offset = (H_LENGTH + HASH_SLOTS) * 4;
          hash = { shared: new SharedArrayBuffer(offset + HASH_SLOTS * hashPieces), slots: HASH_SLOTS, slotSize: hashPieces, offset };
        }
        worker = spare ?? startWorker();
        spare = null;
        const order: WorkerOrder = { shared, ring: RING, batch: BATCH, words: WORDS, hash, ...settings };
        worker.postMessage(order);
      } catch {
        // No worker here (resource limits, code generation disallowed …): aggregate in this thread.
        worker = null;
        shared = null;
        hash = null;
      }
    }
    const rows = worker ? RING * BATCH : BATCH;
    if (worker && shared) {
      if (hash) {
        this.pieces = new Int32Array(hash.shared, 0, H_LENGTH + HASH_SLOTS);
        this.pieceBytes = new Uint8Array(hash.shared, hash.offset, HASH_SLOTS * hash.slotSize);
        this.pieceSize = hash.slotSize;
      }
      let offset = (C_ROWS + RING) * 4;
      offset += (8 - (offset % 8)) % 8;
      this.control = new Int32Array(shared, 0, C_ROWS + RING);
      this.values = new Float64Array(shared, offset, rows * 3);
      offset += rows * 3 * 8;
      this.cc = new Int32Array(shared, offset, rows);
      this.acc = new Int32Array(shared, offset + rows * 4, rows);
      this.month = new Int32Array(shared, offset + rows * 8, rows);
      this.period = new Int32Array(shared, offset + rows * 12, rows);
      this.line = new Int32Array(shared, offset + rows * 16, rows);
      this.worker = worker;
      this.local = null;
      this.resultPromise = new Promise<WorkerResult>((resolve, reject) => {
        worker.once('message', (m: WorkerResult) => resolve(m));
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
    Atomics.add(control, C_EVENTS, 1);
    Atomics.notify(control, C_EVENTS);
    // The next batch's place must have been read by the worker.
    const nb = this.written % RING;
    for (;;) {
      const read = Atomics.load(control, C_READ);
      if (this.written - read < RING) break;
      // The worker's error itself arrives with `finish` (its result promise rejects).
      if (Atomics.load(control, C_FAILED) !== 0) throw new Error('aggregation worker failed');
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
    Atomics.add(this.control!, C_EVENTS, 1);
    Atomics.notify(this.control!, C_EVENTS);
    try {
      const answer = await this.resultPromise!;
      this.sha256 = answer.sha256;
      return answer.result;
    } finally {
      void this.worker!.terminate();
    }
  }

  /** Whether the worker hashes the pieces given to `hash` (see the constructor). */
  get hashing(): boolean {
    return this.pieces !== null;
  }

  /**
   * The next piece of the file for the worker to hash (copied into a free slot; waits while the worker is
   * `HASH_SLOTS` pieces behind). False when the worker has failed. Only when `hashing`.
   */
  hash(bytes: Uint8Array): boolean {
    const pieces = this.pieces!;
    const control = this.control!;
    for (let from = 0; from < bytes.length; from += this.pieceSize) {
      const piece = bytes.subarray(from, from + this.pieceSize);
      const k = this.piecesWritten;
      for (;;) {
        const hashed = Atomics.load(pieces, H_HASHED);
        if (k - hashed < HASH_SLOTS) break;
        if (Atomics.load(control, C_FAILED) !== 0) return false;
        Atomics.wait(pieces, H_HASHED, hashed, 1000);
      }
      const slot = k % HASH_SLOTS;
      this.pieceBytes!.set(piece, slot * this.pieceSize);
      Atomics.store(pieces, H_LENGTH + slot, piece.length);
      this.piecesWritten = k + 1;
      Atomics.store(pieces, H_WRITTEN, k + 1);
      Atomics.add(control, C_EVENTS, 1);
      Atomics.notify(control, C_EVENTS);
    }
    return true;
  }

  /** The aggregation in this thread (none when a worker does it). */
  get localAggregator(): Aggregator | null {
    return this.local;
  }

  /** Stops a worker that is no longer needed (the file is handed to the general reader). */
  abandon(): void {
    if (this.worker) void this.worker.terminate();
  }
}

/** A partial aggregation of a byte range of the file, read by another reader (see `mergeAggregates`). */
export interface PartialAggregate {
  readonly result: AggregateResult;
  /** The range's interned code numbers → the file's. */
  readonly costCentreMap: Int32Array;
  readonly accountMap: Int32Array;
  /** Added to the range's line numbers to make them the file's (the range's first line is its line 1). */
  readonly lineOffset: number;
}

/**
 * The aggregation of a whole file from the aggregation of its start (`base`) and of the byte ranges after it, in
 * file order — exactly what one aggregation over all the rows gives: a key's amounts are summed (`sum`) or the
 * first row's kept (`error`), its first row is the earliest, and the summed rows' count and first five lines, the
 * duplicate keys' count and first `maxKept`, are those of the whole file. Sums of integers are exact in any order as
 * long as no partial sum leaves the exact range; the caller makes sure of that (the sum of the absolute amounts of
 * the whole file stays within it). `base` is updated in place (its table may grow) and returned.
 */
export function mergeAggregates(base: AggregateResult, settings: AggregatorSettings, parts: readonly PartialAggregate[]): AggregateResult {
  const stride = settings.stride;
  const slotOf = settings.slotOf;
  let slots = base.slots;
  let mask = slots.length / stride - 1;
  let size = base.size;
  let summed = base.summed;
  const summedRows = [...base.summedRows];
  const duplicates: number[][] = [];
  for (let i = 0; i < base.duplicates.length; i += 5) duplicates.push(base.duplicates.slice(i, i + 5));
  let duplicateCount = base.duplicateCount;
  let overflow = base.overflow;
  let overflowValue = base.overflowValue;
  const find = (c: number, a: number, m: number, stored: number): number => {
    for (let i = keyHash(c, a, m) & mask; ; i = (i + 1) & mask) {
      const x = slots[i * stride]!;
      if (x === stored || x === 0) return i * stride;
    }
  };
  const grow = (): void => {
    const old = slots;
    const n = (old.length / stride) * 2;
    slots = new Float64Array(n * stride);
    mask = n - 1;
    for (let o = 0; o < old.length; o += stride) {
      const k = old[o]!;
      if (k === 0) continue;
      const [c, a, m] = unpackKey(k - 1);
      const t = find(c, a, m, k);
      for (let f = 0; f < stride; f++) slots[t + f] = old[o + f]!;
    }
  };
  for (const part of parts) {
    const r = part.result;
    const from = r.slots;
    const lines = part.lineOffset;
    // The range's own summed rows and duplicate keys, on the file's lines (a duplicate names its key's first row in
    // the file, which may lie in an earlier part).
    summed += r.summed;
    for (const row of r.summedRows) summedRows.push(row + lines);
    const localDuplicates = r.duplicates;
    duplicateCount += r.duplicateCount;
    for (let o = 0; o < from.length; o += stride) {
      const k = from[o]!;
      if (k === 0) continue;
      const [lc, la, m] = unpackKey(k - 1);
      const c = part.costCentreMap[lc]!;
      const a = part.accountMap[la]!;
      const stored = c * TWO_32 + a * 4096 + m + 1;
      const t = find(c, a, m, stored);
      const meta = from[o + 1]!;
      const firstRow = Math.floor(meta / 8) + lines;
      const has = meta % 8;
      if (slots[t] === 0) {
        slots[t] = stored;
        for (let f = 2; f < stride; f++) slots[t + f] = from[o + f]!;
        slots[t + 1] = firstRow * 8 + has;
        if (++size * 4 > (mask + 1) * 3) grow();
        continue;
      }
      // The key was met before: this part's first row of it is a later row of the same key.
      const baseMeta = slots[t + 1]!;
      const baseFirst = Math.floor(baseMeta / 8);
      if (!settings.sumDuplicates) {
        duplicateCount++;
        duplicates.push([firstRow, c, a, periodOfMonth(m), baseFirst]);
        // The part's own duplicates of this key name the file's first row of it.
        for (let i = 0; i < localDuplicates.length; i += 5) {
          if (part.costCentreMap[localDuplicates[i + 1]!] === c && part.accountMap[localDuplicates[i + 2]!] === a && localDuplicates[i + 3] === periodOfMonth(m)) {
            localDuplicates[i + 4] = baseFirst - lines;
          }
        }
        continue;
      }
      summed++;
      summedRows.push(firstRow);
      let merged = baseMeta % 8;
      for (let v = 0; v < 3; v++) {
        const flag = 1 << v;
        if ((has & flag) === 0 || slotOf[v]! < 0) continue;
        const at = t + slotOf[v]!;
        const x = from[o + slotOf[v]!]!;
        slots[at] = (merged & flag) !== 0 ? slots[at]! + x : x;
        merged |= flag;
        if (!Number.isSafeInteger(slots[at]!) && !overflow) {
          overflow = true;
          overflowValue = slots[at]!;
        }
      }
      slots[t + 1] = baseMeta - (baseMeta % 8) + merged;
    }
    for (let i = 0; i < localDuplicates.length; i += 5) {
      duplicates.push([
        localDuplicates[i]! + lines,
        part.costCentreMap[localDuplicates[i + 1]!]!,
        part.accountMap[localDuplicates[i + 2]!]!,
        localDuplicates[i + 3]!,
        localDuplicates[i + 4]! + lines,
      ]);
    }
  }
  summedRows.sort((x, y) => x - y);
  duplicates.sort((x, y) => x[0]! - y[0]!);
  return {
    slots,
    size,
    summed,
    summedRows: summedRows.slice(0, 5),
    duplicates: duplicates.slice(0, settings.maxKept).flat(),
    duplicateCount,
    overflow,
    overflowValue,
  };
}

/** The aggregation table's hash of a key (the same function as inside `makeAggregator`). */
function keyHash(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}

/** A stored key (without its + 1) → ansvar, konto, month index. */
function unpackKey(key: number): [number, number, number] {
  const c = Math.floor(key / TWO_32);
  const rest = key - c * TWO_32;
  const a = Math.floor(rest / 4096);
  return [c, a, rest - a * 4096];
}
