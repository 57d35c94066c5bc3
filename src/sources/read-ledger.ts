import type { LedgerSourceSpec } from '../config/schema.js';
import { addMaybe, addOre, negOre, type MaybeOre, type Ore } from '../model/ore.js';
import { diag } from '../messages/index.js';
import type { Ledger, LedgerEntry, ReadResult, SourceInput } from '../model/records.js';
import { formatOreForMessage } from '../model/format.js';
import { tryReadLedgerFast } from '../io/fast-ledger.js';
import {
  AmountColumn,
  DiagnosticSink,
  PeriodColumn,
  normaliseHeader,
  readTable,
  type ReadOptions,
  type TableData,
  type TableRow, fileOf } from './table.js';

/**
 * The ledger (Raindance saldo export) → `Ledger`: one entry per ansvar × konto × period, in report sign.
 *
 * Rules, in the order they apply to a row:
 * 1. A *sum row* is a row whose ansvar or konto cell starts with "Summa"/"Totalt"/"Total", or a row with an empty
 *    ansvar or konto but an amount. It is left out (one warning with the count) and checked: its amounts must equal
 *    the detail rows it closes — the detail rows since the previous sum row, or those together with the groups
 *    closed by the immediately preceding sum rows (so "Summa ansvar" … "Totalt" nest). A mismatch is an error: the
 *    export is incomplete. The check is skipped once a detail row had an unreadable amount (already an error).
 * 2. A row with an empty ansvar or konto and no amounts is skipped with a warning (nothing to lose).
 * 3. Otherwise a *detail row*: codes as trimmed strings (leading zeros kept: "0100" ≠ "100"), period (one format
 *    per file), amounts — an empty cell is `null` (no value), never 0. Amounts are converted from ledger sign
 *    (debet positive) to report sign (income positive) here, once, when `sign: ledger`.
 * 4. Two detail rows with the same ansvar × konto × period: an error naming the first row (a saldo export has one
 *    line per key), or summed with one warning when `duplicates: sum`.
 *
 * Output is deterministic so a differential test can compare it with the CSV fast path: `costCentres` and
 * `accounts` are the distinct codes sorted by UTF-16 code units (not locale), entries sorted by ansvar code, konto
 * code, period; a key whose rows all had empty amounts is still an entry (all three amounts `null`).
 * `dataRows` counts detail rows (rule 3), including duplicates and rows with errors.
 *
 * The sign sanity check (income accounts summing the wrong way) needs the account groups and is done by the core,
 * from the report-sign entries and `sourceSign`.
 */
export async function readLedger(input: SourceInput, spec: LedgerSourceSpec, options: ReadOptions = {}): Promise<ReadResult<Ledger>> {
  // Single entry point. CSV exports go to the byte-level fast path first (src/io/fast-ledger.ts, ~20× faster, flat
  // memory); it gives the same Ledger and diagnostics as the table-based reading below (tests/fast/ compares them
  // on every fixture and on generated files) and hands anything unusual back here (null).
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  if (!options.generalReader && input.bytes.length <= maxBytes) {
    const fast = await tryReadLedgerFast(input.bytes, spec, input.displayName, options);
    if (fast) return fast;
  }
  const file = input.displayName;
  const cols = spec.columns;
  const sink = new DiagnosticSink(options.maxDiagnosticsPerCode ?? 50);
  const empty = emptyLedger(spec.sign);

  const yearMonth = cols.period === '' || cols.period === undefined;
  if (yearMonth && !(cols.year && cols.month)) {
    sink.add(diag('config.invalid', { path: 'sources.ledger.columns', detail: 'ange antingen period eller både year och month' }, { file }));
    return { value: empty, diagnostics: sink.finish(file) };
  }
  const periodColumns = yearMonth ? [cols.year!, cols.month!] : [cols.period];
  const measures = [cols.actual, cols.budget, cols.forecast] as const;

  const read = await readTable(
    input,
    {
      ...fileOf(spec),
      required: [cols.costCentre, cols.account, ...periodColumns],
      optional: [cols.costCentreName, cols.accountName, ...measures],
    },
    options,
  );
  sink.addAll(read.diagnostics);
  const table = read.value;
  if (table.headerRow === 0) return { value: empty, diagnostics: sink.finish(file) };
  if (!measures.some((m) => table.has(m))) {
    sink.add(
      diag(
        'table.missing-columns',
        {
          missing: measures.join(', '),
          expected: measures.join(', '),
          found: table.header.map((h) => `'${h}'`).join(', '),
          value: table.header.join(table.delimiter ?? ' | '),
          hint: ' Huvudboken behöver minst en beloppskolumn (utfall, budget eller prognos).',
        },
        table.at(table.headerRow, cols.actual),
      ),
    );
    return { value: empty, diagnostics: sink.finish(file) };
  }

  const amountOptions = { profile: spec.amounts, unit: spec.unit };
  const amountColumns = measures.map((m) => new AmountColumn(table, m, amountOptions, false, sink));
  const periods = new PeriodColumn(table, yearMonth ? { year: cols.year!, month: cols.month! } : { period: cols.period }, sink);
  const builder = new LedgerBuilder(spec.sign, spec.duplicates, table, sink, normaliseHeader(cols.account));
  const sums = new SumRowChecker(table, amountColumns.map((a) => a.column), sink);
  const ccIndex = table.columnIndex(cols.costCentre)!;
  const accIndex = table.columnIndex(cols.account)!;
  const ccNameIndex = table.columnIndex(cols.costCentreName);
  const accNameIndex = table.columnIndex(cols.accountName);

  const emptyKeyRows: number[] = [];
  for (const row of table.rows) {
    const cc = (row.cells[ccIndex] ?? '').trim();
    const acc = (row.cells[accIndex] ?? '').trim();
    if (isSumLabel(cc) || isSumLabel(acc) || cc === '' || acc === '') {
      const amounts = readAmounts(amountColumns, row);
      const labelled = isSumLabel(cc) || isSumLabel(acc);
      if (!labelled && amounts.every((a) => a === null)) {
        emptyKeyRows.push(row.row);
        continue;
      }
      const label = labelled ? (isSumLabel(cc) ? cc : acc) : sumRowLabel(row, ccNameIndex, accNameIndex);
      // An unlabelled row that matches no group is a detail row missing its code, not a wrong total.
      const missingCode = labelled ? null : normaliseHeader(cc === '' ? cols.costCentre : cols.account);
      sums.sumRow(row, label, amounts, missingCode);
      continue;
    }
    builder.dataRows++;
    const period = periods.read(row);
    const amounts = readAmounts(amountColumns, row);
    if (period === undefined || amounts.some((a) => a === undefined)) {
      sums.taint();
      continue;
    }
    const values = amounts as MaybeOre[];
    sums.detail(values);
    builder.add(row, cc, acc, period, values);
    if (ccNameIndex !== undefined) builder.nameCostCentre(cc, row.cells[ccNameIndex] ?? '');
    if (accNameIndex !== undefined) builder.nameAccount(acc, row.cells[accNameIndex] ?? '');
  }
  for (const a of amountColumns) a.finish();
  sums.finish();
  builder.finish();
  if (builder.dataRows === 0 && !sink.hasErrors) {
    // Only sum rows or rows without codes: as empty as a header without data, never zero rows silently.
    sink.add(diag(options.allowEmpty ? 'table.no-data-allowed' : 'table.no-data', {}, table.at(table.headerRow)));
  }
  if (emptyKeyRows.length > 0) {
    sink.add(diag('ledger.empty-key-row', { count: emptyKeyRows.length, rows: emptyKeyRows.slice(0, 5).join(', ') }, table.at(emptyKeyRows[0]!)));
  }
  return { value: builder.build(), diagnostics: sink.finish(file) };
}

function emptyLedger(sign: 'ledger' | 'report'): Ledger {
  return { costCentres: [], accounts: [], entries: [], costCentreNames: new Map(), accountNames: new Map(), dataRows: 0, sourceSign: sign };
}

const SUM_LABEL = /^(?:summa|totalt?)(?:$|[\s:.,\-–])/i;

/** "Summa", "Summa 110100", "Totalt:", "Total" — the labels report exports put on sum rows. */
export function isSumLabel(text: string): boolean {
  return SUM_LABEL.test(text);
}

function sumRowLabel(row: TableRow, ccNameIndex: number | undefined, accNameIndex: number | undefined): string {
  const names = [ccNameIndex, accNameIndex].map((i) => (i === undefined ? '' : (row.cells[i] ?? '').trim())).filter((s) => s !== '');
  return names[0] ?? row.cells.filter((c) => c.trim() !== '').slice(0, 3).join(' ');
}

function readAmounts(columns: readonly AmountColumn[], row: TableRow): Array<Ore | null | undefined> {
  return columns.map((c) => c.read(row));
}

interface Accumulator {
  readonly costCentre: string;
  readonly account: string;
  readonly period: number;
  actual: MaybeOre;
  budget: MaybeOre;
  forecast: MaybeOre;
  readonly firstRow: number;
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Aggregates detail rows per ansvar × konto × period and builds the interned, sorted `Ledger`. */
class LedgerBuilder {
  dataRows = 0;
  private readonly byKey = new Map<string, Accumulator>();
  private readonly ccNames = new Map<string, string>();
  private readonly accNames = new Map<string, string>();
  private readonly summed: number[] = [];

  constructor(
    private readonly sign: 'ledger' | 'report',
    private readonly duplicates: 'error' | 'sum',
    private readonly table: TableData,
    private readonly sink: DiagnosticSink,
    /** Column named in duplicate-key messages. */
    private readonly keyColumn: string,
  ) {}

  add(row: TableRow, costCentre: string, account: string, period: number, amounts: readonly MaybeOre[]): void {
    const flip = this.sign === 'ledger';
    const [a, b, f] = amounts.map((v) => (v === null || v === undefined ? null : flip ? negOre(v) : v)) as [MaybeOre, MaybeOre, MaybeOre];
    const key = `${costCentre}\u0000${account}\u0000${period}`;
    const acc = this.byKey.get(key);
    if (!acc) {
      this.byKey.set(key, { costCentre, account, period, actual: a, budget: b, forecast: f, firstRow: row.row });
      return;
    }
    if (this.duplicates === 'error') {
      this.sink.add(
        diag(
          'ledger.duplicate-key',
          { costCentre, account, period, firstRow: acc.firstRow },
          this.table.at(row.row, this.keyColumn),
          account,
        ),
      );
      return;
    }
    acc.actual = addMaybe(acc.actual, a);
    acc.budget = addMaybe(acc.budget, b);
    acc.forecast = addMaybe(acc.forecast, f);
    this.summed.push(row.row);
  }

  nameCostCentre(code: string, name: string): void {
    if (!this.ccNames.has(code)) {
      const n = name.trim();
      if (n !== '') this.ccNames.set(code, n.normalize('NFC'));
    }
  }

  nameAccount(code: string, name: string): void {
    if (!this.accNames.has(code)) {
      const n = name.trim();
      if (n !== '') this.accNames.set(code, n.normalize('NFC'));
    }
  }

  finish(): void {
    if (this.summed.length > 0) {
      this.sink.add(diag('ledger.duplicates-summed', { count: this.summed.length, rows: this.summed.slice(0, 5).join(', ') }, this.table.at(this.summed[0]!)));
    }
  }

  build(): Ledger {
    const accs = [...this.byKey.values()].sort(
      (x, y) => compareCodes(x.costCentre, y.costCentre) || compareCodes(x.account, y.account) || x.period - y.period,
    );
    const costCentres = [...new Set(accs.map((a) => a.costCentre))].sort(compareCodes);
    const accounts = [...new Set(accs.map((a) => a.account))].sort(compareCodes);
    const ccIdx = new Map(costCentres.map((c, i) => [c, i]));
    const accIdx = new Map(accounts.map((c, i) => [c, i]));
    const entries: LedgerEntry[] = accs.map((a) => ({
      costCentre: ccIdx.get(a.costCentre)!,
      account: accIdx.get(a.account)!,
      period: a.period,
      actual: a.actual,
      budget: a.budget,
      forecast: a.forecast,
    }));
    return {
      costCentres,
      accounts,
      entries,
      costCentreNames: this.ccNames,
      accountNames: this.accNames,
      dataRows: this.dataRows,
      sourceSign: this.sign,
    };
  }
}

type Triple = [number, number, number];

/**
 * Checks sum rows against the detail rows they close (file sign; the flip does not change equality). Detail rows
 * since the last sum row form the open group; each accepted sum row closes a group. A sum row matches the open group
 * alone or together with the k groups closed just before it (a higher-level total), and the groups it matched are
 * merged into one.
 */
class SumRowChecker {
  private open: Triple = [0, 0, 0];
  private groups: Triple[] = [];
  private tainted = false;
  private readonly excluded: Array<{ row: number; label: string }> = [];

  constructor(
    private readonly table: TableData,
    private readonly columns: readonly string[],
    private readonly sink: DiagnosticSink,
  ) {}

  taint(): void {
    this.tainted = true;
  }

  detail(amounts: readonly MaybeOre[]): void {
    for (let m = 0; m < 3; m++) {
      const v = amounts[m];
      if (v !== null && v !== undefined) this.open[m] = addOre(this.open[m] as Ore, v);
    }
  }

  /**
   * A sum row. `missingCode`: the row has no "Summa"/"Totalt" label, only an empty code column (named); if it
   * matches no group it is reported as a row missing that code instead of as a wrong total.
   */
  sumRow(row: TableRow, label: string, amounts: ReadonlyArray<Ore | null | undefined>, missingCode: string | null): void {
    if (amounts.some((a) => a === undefined)) this.tainted = true;
    const compared = [0, 1, 2].filter((m) => amounts[m] !== null && amounts[m] !== undefined);
    if (this.tainted || compared.length === 0) {
      this.excluded.push({ row: row.row, label });
      this.close(0);
      return;
    }
    let acc: Triple = [...this.open];
    const candidates: Triple[] = [];
    for (let k = 0; k <= this.groups.length; k++) {
      if (k > 0) {
        const g = this.groups[this.groups.length - k]!;
        acc = [acc[0] + g[0], acc[1] + g[1], acc[2] + g[2]];
      }
      candidates.push(acc);
      if (compared.every((m) => acc[m] === amounts[m])) {
        this.excluded.push({ row: row.row, label });
        this.close(k);
        return;
      }
    }
    if (missingCode !== null) {
      this.sink.add(diag('ledger.missing-code', { column: missingCode, value: '' }, this.table.at(row.row, missingCode), ''));
      this.tainted = true; // its amounts belong to some group we cannot tell
      return;
    }
    this.excluded.push({ row: row.row, label });
    // No group matches: report against the closest candidate on the first differing measure.
    const m = compared.find((i) => candidates[0]![i] !== amounts[i]) ?? compared[0]!;
    const target = amounts[m] as number;
    let best = candidates[0]!;
    for (const c of candidates) if (Math.abs(c[m]! - target) < Math.abs(best[m]! - target)) best = c;
    const detailSum = best[m]!;
    const column = normaliseHeader(this.columns[m]!);
    this.sink.add(
      diag(
        'ledger.sum-mismatch',
        {
          label,
          column,
          value: formatOreForMessage(target),
          sum: formatOreForMessage(detailSum),
          diff: formatOreForMessage(target - detailSum),
        },
        this.table.at(row.row, column),
        row.values(column) ?? '',
      ),
    );
    this.close(0);
  }

  /** Closes the open group merged with the last k closed groups. */
  private close(k: number): void {
    let merged: Triple = [...this.open];
    for (let i = 0; i < k; i++) {
      const g = this.groups.pop()!;
      merged = [merged[0] + g[0], merged[1] + g[1], merged[2] + g[2]];
    }
    this.groups.push(merged);
    this.open = [0, 0, 0];
  }

  finish(): void {
    if (this.excluded.length === 0) return;
    const first = this.excluded[0]!;
    this.sink.add(
      diag(
        'ledger.sum-rows-excluded',
        { count: this.excluded.length, rows: this.excluded.slice(0, 5).map((e) => e.row).join(', '), example: first.label },
        this.table.at(first.row),
        first.label,
      ),
    );
  }
}

