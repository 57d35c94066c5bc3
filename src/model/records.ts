import type { MaybeOre, Ore } from './ore.js';
import type { Diagnostic } from './diagnostics.js';

/**
 * What the readers hand to the calculation core. Readers turn bytes into these typed records plus diagnostics;
 * nothing downstream ever sees a raw string amount or a file path.
 */

/** One source file's bytes and the name to use for it in messages (path relative to the config file). */
export interface SourceInput {
  readonly bytes: Uint8Array;
  readonly displayName: string;
}

/**
 * A source read in chunks rather than held whole (the ledger: any size): the input edge (`io/read-source.ts`) has
 * found the file, checked that it is a readable file and not a workbook, and hands its reader this handle. Only
 * io/ opens it (`io/read-source.ts` `openChunks` and friends); `path` is for that and for reader threads.
 */
export interface StreamedInput {
  readonly displayName: string;
  /** Absolute path of the file. */
  readonly path: string;
  /** Size in bytes when it was checked. */
  readonly size: number;
  /** Once its reader has read it (on the copy the pipeline hands on): what was read, for the manifest. */
  readonly digest?: InputDigest;
}

/**
 * What a streamed source's reader read: its size and SHA-256, taken from the bytes as they streamed by (so the
 * manifest names exactly what the figures were made from, and the file is not read a second time to hash it).
 */
export interface InputDigest {
  readonly bytes: number;
  readonly sha256: string;
}

/** A source as the input edge hands it over: bytes, or a file to stream. */
export type LoadedSource = SourceInput | StreamedInput;

/** Whether a loaded source is streamed (has no bytes). */
export function isStreamed(input: LoadedSource): input is StreamedInput {
  return !('bytes' in input);
}

export interface ReadResult<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

/** Amounts of one ledger key, already in report sign (income positive, costs negative). null = no value. */
export interface LedgerAmounts {
  actual: MaybeOre;
  budget: MaybeOre;
  forecast: MaybeOre;
}

/**
 * The ledger export aggregated per ansvar × konto × period. Codes are kept as strings (leading zeros) and interned:
 * `costCentre` and `account` index into `costCentres` and `accounts`.
 */
export interface LedgerEntry extends LedgerAmounts {
  readonly costCentre: number;
  readonly account: number;
  /** YYYYMM */
  readonly period: number;
}

/**
 * The same entries as columns, in the same order: what the calculation core walks. Readers that have their data in
 * arrays already (the CSV fast path) provide it, which spares a million small objects their cache misses.
 * `has`: bit 1 actual, 2 budget, 4 forecast present (an absent amount is 0 in its column).
 */
export interface LedgerColumns {
  readonly costCentre: Int32Array;
  readonly account: Int32Array;
  readonly period: Int32Array;
  readonly actual: Float64Array;
  readonly budget: Float64Array;
  readonly forecast: Float64Array;
  readonly has: Uint8Array;
}

export interface Ledger {
  readonly costCentres: readonly string[];
  readonly accounts: readonly string[];
  readonly entries: readonly LedgerEntry[];
  /** Optional columnar view of `entries` (same order and values). */
  readonly columns?: LedgerColumns;
  /** Names from the text columns ("Ansvar (T)", "Konto (T)") where the export has them. */
  readonly costCentreNames: ReadonlyMap<string, string>;
  readonly accountNames: ReadonlyMap<string, string>;
  /** Data rows read (excluding header, title, blank and sum rows). */
  readonly dataRows: number;
  /** Sign mode the amounts were converted from. */
  readonly sourceSign: 'ledger' | 'report';
}

/** Columns made from entry objects, per ledger that has none of its own (a ledger is immutable once read). */
const madeColumns = new WeakMap<Ledger, LedgerColumns>();

/**
 * The ledger's entries as columns: the reader's own when it has them (the CSV fast path), else made once from the
 * entry objects and kept for the ledger. Walking the columns spares the fast path's ledger its million entry objects,
 * which it makes only when `entries` is read.
 */
export function ledgerColumns(ledger: Ledger): LedgerColumns {
  if (ledger.columns) return ledger.columns;
  const known = madeColumns.get(ledger);
  if (known) return known;
  const entries = ledger.entries;
  const n = entries.length;
  const c = {
    costCentre: new Int32Array(n), account: new Int32Array(n), period: new Int32Array(n),
    actual: new Float64Array(n), budget: new Float64Array(n), forecast: new Float64Array(n), has: new Uint8Array(n),
  };
  for (let k = 0; k < n; k++) {
    const e = entries[k]!;
    c.costCentre[k] = e.costCentre;
    c.account[k] = e.account;
    c.period[k] = e.period;
    c.has[k] = (e.actual !== null ? 1 : 0) | (e.budget !== null ? 2 : 0) | (e.forecast !== null ? 4 : 0);
    c.actual[k] = e.actual ?? 0;
    c.budget[k] = e.budget ?? 0;
    c.forecast[k] = e.forecast ?? 0;
  }
  madeColumns.set(ledger, c);
  return c;
}

/** One row of the organisation file: an ansvar and its parents, lowest level first (Delområde, Område, …). */
export interface OrgRow {
  readonly costCentre: string;
  readonly name: string;
  readonly parents: readonly string[];
  readonly row: number;
}

/** One row of the account grouping ("kontogrupper"): every account maps to exactly one report row. */
export interface AccountGroupRow {
  readonly account: string;
  readonly accountName: string;
  readonly reportRow: string;
  readonly section: string;
  readonly row: number;
}

/** One investment project. Amounts are expenditure, positive as exported. */
export interface InvestmentRecord {
  readonly project: string;
  readonly projectName: string;
  readonly area: string;
  /** Ansvar owning the project, where the export has it (used to pick a unit's investments). */
  readonly costCentre?: string;
  readonly actual: MaybeOre;
  readonly forecast: MaybeOre;
  /** Årsbudget including överförda medel (budget carried over from earlier years). */
  readonly budget: MaybeOre;
  readonly row: number;
}

/**
 * A full-year forecast (helårsprognos) made at a forecast occasion, per ansvar and either account or report row,
 * in report sign.
 */
export interface ForecastRecord {
  /** The forecast occasion as YYYYMM (e.g. 202404 for the April forecast). */
  readonly occasion: number;
  readonly costCentre: string;
  readonly account?: string;
  readonly reportRow?: string;
  readonly forecast: Ore;
  readonly row: number;
}
