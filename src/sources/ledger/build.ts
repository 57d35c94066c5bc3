import type { Ore } from '../../model/ore.js';
import type { Ledger, LedgerColumns, LedgerEntry } from '../../model/records.js';
import { HAS_ACTUAL, HAS_BUDGET, HAS_FORECAST, periodOfMonth, TWO_32, type AggregateResult, type AggregatorSettings } from './aggregate.js';
import { compareCodes, toReportSign } from './rules.js';

/** What the `Ledger` is made of: the aggregation's table and the codes, names and counts the reader collected. */
export interface LedgerParts {
  /** The aggregation's result; its table is consumed (see `buildLedger`). */
  readonly aggregate: AggregateResult;
  readonly settings: AggregatorSettings;
  /** Codes by their interned number. */
  readonly costCentres: readonly string[];
  readonly accounts: readonly string[];
  readonly costCentreNames: ReadonlyMap<string, string>;
  readonly accountNames: ReadonlyMap<string, string>;
  readonly dataRows: number;
  readonly sign: 'ledger' | 'report';
}

/**
 * The aggregation's table → the `Ledger`: codes that have entries, sorted by UTF-16 code units; entries sorted by
 * ansvar, konto, period, in report sign; a key whose rows all had empty amounts is still an entry (all amounts
 * `null`). The entries are kept as columns (`Ledger.columns`, what the calculation core walks); the entry objects
 * are made from them only when someone reads `entries`.
 *
 * The table is consumed: its occupied slots are first moved to its front (`compact`), in place.
 *
 * Memory: on a small VM the first write to a fresh 4 KiB page costs ~11 µs, and this step used to write ~45 MB of
 * fresh arrays for the 1M-line bench ledger (~10 000 page faults, ~110 ms of its ~190). It now reads the keys from the
 * compacted table instead of unpacking them into arrays of their own, and the sort's arrays that are free once it is
 * done become the entry columns (`ArrayPool`): five fresh Int32Arrays instead of fourteen.
 */
export function buildLedger(parts: LedgerParts): Ledger {
  const { slots, size: n } = parts.aggregate;
  const stride = parts.settings.stride;
  compact(slots, stride);
  const keys = codesAndMonths(slots, n, stride, parts.costCentres, parts.accounts);
  const pool = new ArrayPool(n);
  const order = sortedOrder(slots, n, stride, keys, pool);
  const columns = entryColumns(parts, slots, keys, order, pool);
  let entries: LedgerEntry[] | null = null;
  const ledger: Ledger = {
    costCentres: keys.costCentres,
    accounts: keys.accounts,
    get entries() {
      return (entries ??= entryObjects(columns));
    },
    costCentreNames: parts.costCentreNames,
    accountNames: parts.accountNames,
    dataRows: parts.dataRows,
    sourceSign: parts.sign,
  };
  // Not enumerable: ledgers compare by codes, entries, names and counts (a Ledger made by hand has no columns).
  Object.defineProperty(ledger, 'columns', { value: columns, enumerable: false });
  return ledger;
}

/** Moves the occupied slots (key ≠ 0) to the front of the table, in table order. */
function compact(slots: Float64Array, stride: number): void {
  let w = 0;
  for (let o = 0; o < slots.length; o += stride) {
    if (slots[o] === 0) continue;
    if (w !== o) for (let f = 0; f < stride; f++) slots[w + f] = slots[o + f]!;
    w += stride;
  }
}

/** Int32Arrays of the entries' length: fresh ones, or ones given back once their contents are no longer needed. */
class ArrayPool {
  private readonly free: Int32Array[] = [];
  constructor(private readonly n: number) {}
  take(): Int32Array {
    return this.free.pop() ?? new Int32Array(this.n);
  }
  /** Arrays whose contents are no longer read; `take` hands them out again (to be overwritten in full). */
  give(...arrays: Int32Array[]): void {
    this.free.push(...arrays);
  }
}

/** The codes and months the entries use, and where each interned code and month index ranks among them. */
interface Keys {
  /** The codes that have entries, sorted by UTF-16 code units. */
  readonly costCentres: string[];
  readonly accounts: string[];
  /** Interned code number → its position in `costCentres` / `accounts`. */
  readonly costCentreRank: Int32Array;
  readonly accountRank: Int32Array;
  /** Month index → rank among the months used, and how many months are used. */
  readonly monthRank: Int32Array;
  readonly months: number;
}

/** The key of the compacted table's entry at offset `o`, unpacked: [interned ansvar, interned konto, month index]. */
const unpacked = new Int32Array(3);
function unpack(slots: Float64Array, o: number): void {
  const key = slots[o]! - 1;
  const c = Math.floor(key / TWO_32);
  const rest = key - c * TWO_32;
  const a = Math.floor(rest / 4096);
  unpacked[0] = c;
  unpacked[1] = a;
  unpacked[2] = rest - a * 4096;
}

function codesAndMonths(slots: Float64Array, n: number, stride: number, costCentres: readonly string[], accounts: readonly string[]): Keys {
  const ccSeen = new Uint8Array(costCentres.length);
  const accSeen = new Uint8Array(accounts.length);
  const monthUsed = new Uint8Array(4096);
  for (let i = 0, o = 0; i < n; i++, o += stride) {
    unpack(slots, o);
    ccSeen[unpacked[0]!] = 1;
    accSeen[unpacked[1]!] = 1;
    monthUsed[unpacked[2]!] = 1;
  }
  const cc = rankCodes(costCentres, ccSeen);
  const acc = rankCodes(accounts, accSeen);
  const monthRank = new Int32Array(4096);
  let months = 0;
  for (let m = 0; m < 4096; m++) if (monthUsed[m]) monthRank[m] = months++;
  return { costCentres: cc.codes, accounts: acc.codes, costCentreRank: cc.rank, accountRank: acc.rank, monthRank, months };
}

/** The codes marked in `seen`, sorted by UTF-16 code units, and each interned code's rank among them. */
function rankCodes(codes: readonly string[], seen: Uint8Array): { codes: string[]; rank: Int32Array } {
  const ids: number[] = [];
  for (let i = 0; i < codes.length; i++) if (seen[i]) ids.push(i);
  ids.sort((x, y) => compareCodes(codes[x]!, codes[y]!));
  const rank = new Int32Array(codes.length);
  ids.forEach((id, r) => (rank[id] = r));
  return { codes: ids.map((id) => codes[id]!), rank };
}

/**
 * The sorted position of every entry (ansvar, konto, month): stable counting sorts, least significant digit first —
 * (konto, month) as one digit when that is small, else month then konto — then ansvar. Each pass moves the digits
 * still to come along with the order, so every pass reads its digit in sequence: reading `digit[order[j]]` would
 * miss the cache on almost every entry of a large, randomly ordered table. Every array but the order goes back to
 * the pool when done.
 */
function sortedOrder(slots: Float64Array, n: number, stride: number, keys: Keys, pool: ArrayPool): Int32Array {
  const { costCentreRank, accountRank, monthRank, months } = keys;
  const accounts = keys.accounts.length;
  const combined = accounts * months <= 1 << 16;
  const digits: Array<[Int32Array, number]> = [];
  const first = pool.take();
  const second = combined ? null : pool.take();
  const last = pool.take();
  for (let i = 0, o = 0; i < n; i++, o += stride) {
    unpack(slots, o);
    const a = accountRank[unpacked[1]!]!;
    const m = monthRank[unpacked[2]!]!;
    if (second) {
      first[i] = m;
      second[i] = a;
    } else first[i] = a * months + m;
    last[i] = costCentreRank[unpacked[0]!]!;
  }
  digits.push([first, combined ? accounts * months : months]);
  if (second) digits.push([second, accounts]);
  digits.push([last, keys.costCentres.length]);
  let order = pool.take();
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = pool.take();
  // The digits still to come, in the current order; `moved` receives them in the next order.
  const later: Int32Array[] = digits.map(([d]) => d);
  const moved: (Int32Array | null)[] = digits.map((_, p) => (p === 0 ? null : pool.take()));
  for (let p = 0; p < digits.length; p++) {
    const digit = later[p]!;
    const buckets = digits[p]![1];
    const count = new Int32Array(buckets + 1);
    for (let j = 0; j < n; j++) count[digit[j]! + 1]!++;
    for (let d = 0; d < buckets; d++) count[d + 1]! += count[d]!;
    const next1 = p + 1 < digits.length ? later[p + 1]! : null;
    const next2 = p + 2 < digits.length ? later[p + 2]! : null;
    const to1 = next1 ? moved[p + 1]! : null;
    const to2 = next2 ? moved[p + 2]! : null;
    for (let j = 0; j < n; j++) {
      const at = count[digit[j]!]!++;
      spare[at] = order[j]!;
      if (to1) to1[at] = next1![j]!;
      if (to2) to2[at] = next2![j]!;
    }
    [order, spare] = [spare, order];
    if (to1) [later[p + 1], moved[p + 1]] = [to1, next1!];
    if (to2) [later[p + 2], moved[p + 2]] = [to2, next2!];
  }
  pool.give(spare, ...later, ...moved.filter((m): m is Int32Array => m !== null));
  return order;
}

/**
 * The entries as columns in sorted order (typed arrays: compact), amounts in report sign. The table is read in its
 * own order (its entries one after the other) and each entry written to its sorted position: a scattered write does
 * not hold the loop up the way a scattered read of the table does.
 */
function entryColumns(parts: LedgerParts, slots: Float64Array, keys: Keys, order: Int32Array, pool: ArrayPool): LedgerColumns {
  const n = parts.aggregate.size;
  const stride = parts.settings.stride;
  const sign = parts.sign;
  const { costCentreRank, accountRank } = keys;
  const [sa, sb, sf] = parts.settings.slotOf as [number, number, number];
  const position = pool.take();
  for (let j = 0; j < n; j++) position[order[j]!] = j;
  pool.give(order);
  // Every position is written below: arrays from the pool need no clearing. The amount columns are fresh (zero where
  // an entry has no value); one for a column the file lacks is never written, so never takes memory.
  const cols = {
    costCentre: pool.take(), account: pool.take(), period: pool.take(),
    actual: new Float64Array(n), budget: new Float64Array(n), forecast: new Float64Array(n), has: new Uint8Array(n),
  };
  for (let i = 0, r = 0; i < n; i++, r += stride) {
    const j = position[i]!;
    unpack(slots, r);
    const has = slots[r + 1]! % 8;
    cols.costCentre[j] = costCentreRank[unpacked[0]!]!;
    cols.account[j] = accountRank[unpacked[1]!]!;
    cols.period[j] = periodOfMonth(unpacked[2]!);
    cols.has[j] = (has & HAS_ACTUAL ? 1 : 0) | (has & HAS_BUDGET ? 2 : 0) | (has & HAS_FORECAST ? 4 : 0);
    if (has & HAS_ACTUAL) cols.actual[j] = toReportSign(slots[r + sa]!, sign);
    if (has & HAS_BUDGET) cols.budget[j] = toReportSign(slots[r + sb]!, sign);
    if (has & HAS_FORECAST) cols.forecast[j] = toReportSign(slots[r + sf]!, sign);
  }
  return cols;
}

/** The `entries` objects the Ledger interface promises, made from the columns (once, when first read). */
function entryObjects(cols: LedgerColumns): LedgerEntry[] {
  const n = cols.costCentre.length;
  const made = new Array<LedgerEntry>(n);
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
}
