import type { Ore } from '../../model/ore.js';
import type { Ledger, LedgerColumns, LedgerEntry } from '../../model/records.js';
import { HAS_ACTUAL, HAS_BUDGET, HAS_FORECAST, periodOfMonth, TWO_32, type AggregateResult, type AggregatorSettings } from './aggregate.js';
import { compareCodes, toReportSign } from './rules.js';

/** What the `Ledger` is made of: the aggregation's table and the codes, names and counts the reader collected. */
export interface LedgerParts {
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
 */
export function buildLedger(parts: LedgerParts): Ledger {
  const keys = unpackKeys(parts.aggregate.slots, parts.aggregate.size, parts.settings.stride);
  const costCentres = rankCodes(parts.costCentres, keys.costCentre);
  const accounts = rankCodes(parts.accounts, keys.account);
  const order = sortedOrder(keys, costCentres.length, accounts.length);
  const columns = entryColumns(parts, keys, order);
  let entries: LedgerEntry[] | null = null;
  const ledger: Ledger = {
    costCentres,
    accounts,
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

/** The occupied slots of the table, in table order, with their keys unpacked. */
interface Keys {
  readonly n: number;
  /** Offset of the slot. */
  readonly at: Int32Array;
  /** Interned code numbers; `rankCodes` turns them into positions in the sorted code lists. */
  readonly costCentre: Int32Array;
  readonly account: Int32Array;
  readonly month: Int32Array;
  /** Month index → rank among the months used. */
  readonly monthRank: Int32Array;
  readonly months: number;
}

function unpackKeys(slots: Float64Array, n: number, stride: number): Keys {
  const at = new Int32Array(n);
  const kc = new Int32Array(n);
  const ka = new Int32Array(n);
  const km = new Int32Array(n);
  const monthUsed = new Uint8Array(4096);
  for (let o = 0, i = 0; o < slots.length; o += stride) {
    const stored = slots[o]!;
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
  const monthRank = new Int32Array(4096);
  let months = 0;
  for (let m = 0; m < 4096; m++) if (monthUsed[m]) monthRank[m] = months++;
  return { n, at, costCentre: kc, account: ka, month: km, monthRank, months };
}

/** The codes that have entries, sorted by UTF-16 code units; `column` (code numbers) is rewritten to their ranks. */
function rankCodes(codes: readonly string[], column: Int32Array): string[] {
  const n = column.length;
  const seen = new Uint8Array(codes.length);
  for (let i = 0; i < n; i++) seen[column[i]!] = 1;
  const ids: number[] = [];
  for (let i = 0; i < codes.length; i++) if (seen[i]) ids.push(i);
  ids.sort((x, y) => compareCodes(codes[x]!, codes[y]!));
  const rank = new Int32Array(codes.length);
  ids.forEach((id, r) => (rank[id] = r));
  for (let i = 0; i < n; i++) column[i] = rank[column[i]!]!;
  return ids.map((id) => codes[id]!);
}

/**
 * The sorted position of every entry (ansvar, konto, month): stable counting sorts, least significant digit first —
 * (konto, month) as one digit when that is small, else month then konto — then ansvar. Each pass moves the digits
 * still to come along with the order, so every pass reads its digit in sequence: reading `digit[order[j]]` would
 * miss the cache on almost every entry of a large, randomly ordered table.
 */
function sortedOrder(keys: Keys, costCentres: number, accounts: number): Int32Array {
  const { n, monthRank, months } = keys;
  const ka = keys.account;
  const km = keys.month;
  const digits: Array<[Int32Array, number]> = [];
  if (accounts * months <= 1 << 16) {
    const kam = new Int32Array(n);
    for (let i = 0; i < n; i++) kam[i] = ka[i]! * months + monthRank[km[i]!]!;
    digits.push([kam, accounts * months]);
  } else {
    const kr = new Int32Array(n);
    for (let i = 0; i < n; i++) kr[i] = monthRank[km[i]!]!;
    digits.push([kr, months], [Int32Array.from(ka), accounts]);
  }
  digits.push([Int32Array.from(keys.costCentre), costCentres]);
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Int32Array(n);
  // The digits still to come, in the current order; `moved` receives them in the next order.
  const later: Int32Array[] = digits.map(([d]) => d);
  const moved: Int32Array[] = digits.map(() => new Int32Array(n));
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
  return order;
}

/**
 * The entries as columns in sorted order (typed arrays: compact), amounts in report sign. The table is read in its
 * own order (its slots one after the other) and each entry written to its sorted position: a scattered write does
 * not hold the loop up the way a scattered read of the table does.
 */
function entryColumns(parts: LedgerParts, keys: Keys, order: Int32Array): LedgerColumns {
  const rec = parts.aggregate.slots;
  const n = keys.n;
  const sign = parts.sign;
  const [sa, sb, sf] = parts.settings.slotOf as [number, number, number];
  const cols = {
    costCentre: new Int32Array(n), account: new Int32Array(n), period: new Int32Array(n),
    actual: new Float64Array(n), budget: new Float64Array(n), forecast: new Float64Array(n), has: new Uint8Array(n),
  };
  const position = new Int32Array(n);
  for (let j = 0; j < n; j++) position[order[j]!] = j;
  for (let i = 0; i < n; i++) {
    const j = position[i]!;
    const r = keys.at[i]!;
    const has = rec[r + 1]! % 8;
    cols.costCentre[j] = keys.costCentre[i]!;
    cols.account[j] = keys.account[i]!;
    cols.period[j] = periodOfMonth(keys.month[i]!);
    cols.has[j] = (has & HAS_ACTUAL ? 1 : 0) | (has & HAS_BUDGET ? 2 : 0) | (has & HAS_FORECAST ? 4 : 0);
    if (has & HAS_ACTUAL) cols.actual[j] = toReportSign(rec[r + sa]!, sign);
    if (has & HAS_BUDGET) cols.budget[j] = toReportSign(rec[r + sb]!, sign);
    if (has & HAS_FORECAST) cols.forecast[j] = toReportSign(rec[r + sf]!, sign);
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
