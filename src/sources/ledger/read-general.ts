import type { LedgerSourceSpec } from '../../config/schema.js';
import { OreOverflowError, type MaybeOre } from '../../model/ore.js';
import { diag } from '../../messages/index.js';
import type { Ledger, ReadResult, SourceInput } from '../../model/records.js';
import { normaliseHeader } from '../header.js';
import {
  AmountColumn,
  DiagnosticSink,
  PeriodColumn,
  fileOf,
  hasErrors,
  readTable,
  replayDiagnostics,
  streamCsvTable,
  type ByteChunks,
  type ReadOptions,
  type TableData,
  type TableRow,
  type TableRowSink,
} from '../table.js';
import { aggregatorSettings, EMPTY_CELL, MAX_ACCOUNTS, MAX_COST_CENTRES, monthIndex, RowBatches, type AggregatorSettings } from './aggregate.js';
import { buildLedger } from './build.js';
import { ledgerColumnMap, type LedgerColumnMap } from './columns.js';
import { codeName, duplicateKeyDiagnostic, duplicatesSummedDiagnostic, emptyKeyRowsDiagnostic, emptyLedger, isSumLabel, toReportSign } from './rules.js';
import { SumRowChecker } from './sum-rows.js';

/**
 * The general ledger reader: the table layer (`readTable`: any encoding, CSV or xlsx, every structural check) and
 * then the ledger's rules row by row. It is the definition the byte-level fast path (read-fast.ts) is held to, and
 * reads everything the fast path hands over. The rules, in the order they apply to a row, are described at
 * `readLedger` (sources/read-ledger.ts).
 */
export async function readLedgerGeneral(input: SourceInput, spec: LedgerSourceSpec, options: ReadOptions = {}): Promise<ReadResult<Ledger>> {
  const file = input.displayName;
  const sink = new DiagnosticSink(options.maxDiagnosticsPerCode ?? 50);
  const empty = (): ReadResult<Ledger> => ({ value: emptyLedger(spec.sign), diagnostics: sink.finish(file) });
  const columns = ledgerColumnMap(spec);
  if (!columns) {
    sink.add(diag('config.invalid', { path: 'sources.ledger.columns', detail: 'ange antingen period eller både year och month' }, { file }));
    return empty();
  }
  const read = await readTable(input, { ...fileOf(spec), required: columns.required, optional: columns.optional }, options);
  sink.addAll(read.diagnostics);
  const table = read.value;
  if (table.headerRow === 0) return empty();
  if (!columns.measures.some((m) => table.has(m))) {
    sink.add(noAmountColumn(table, columns));
    return empty();
  }
  const rows = new LedgerRows(table, columns, spec, sink, options.maxDiagnosticsPerCode ?? 50);
  for (const row of table.rows) rows.read(row);
  return { value: rows.finish(options.allowEmpty ?? false), diagnostics: sink.finish(file) };
}

/**
 * The general reader for a CSV ledger read in chunks, never held whole, of any size: `readLedgerGeneral`'s result,
 * diagnostic for diagnostic, with the table streamed (`streamCsvTable`) and each row going straight into the same
 * rules and aggregation. Memory is the aggregation's (the distinct keys, codes and names), not the file's. `chunks`
 * gives the file's bytes from the start each time it is called: a file whose encoding or CSV structure turns out to
 * need it is read again (see `streamCsvTable`).
 */
export async function readLedgerGeneralStream(chunks: ByteChunks, displayName: string, spec: LedgerSourceSpec, options: ReadOptions = {}): Promise<ReadResult<Ledger>> {
  const file = displayName;
  const max = options.maxDiagnosticsPerCode ?? 50;
  const sink = new DiagnosticSink(max);
  const empty = (): ReadResult<Ledger> => ({ value: emptyLedger(spec.sign), diagnostics: sink.finish(file) });
  const columns = ledgerColumnMap(spec);
  if (!columns) {
    sink.add(diag('config.invalid', { path: 'sources.ledger.columns', detail: 'ange antingen period eller både year och month' }, { file }));
    return empty();
  }
  const tableSpec = { ...fileOf(spec), required: columns.required, optional: columns.optional };
  const read = await streamCsvTable(chunks, file, tableSpec, options, () => new LedgerRowSink(columns, spec, max));
  sink.addAll(read.diagnostics);
  const table = read.table;
  if (table.headerRow === 0 || !read.sink) return empty();
  const rows = read.sink;
  if (!rows.rows) {
    sink.add(noAmountColumn(table, columns));
    return empty();
  }
  if (read.thrown !== undefined) throw read.thrown;
  rows.diagnostics.before = hasErrors(read.diagnostics);
  const value = rows.rows.finish(options.allowEmpty ?? false);
  replayDiagnostics(rows.diagnostics, sink);
  return { value, diagnostics: sink.finish(file) };
}

/** The ledger's diagnostics while the table is streamed; `hasErrors` also counts the table's (`before`). */
class LedgerSink extends DiagnosticSink {
  before = false;
  override get hasErrors(): boolean {
    return this.before || super.hasErrors;
  }
}

/** Rows of a streamed table into the ledger's rules (`LedgerRows`), once the header shows an amount column. */
class LedgerRowSink implements TableRowSink {
  rows: LedgerRows | null = null;
  readonly diagnostics: LedgerSink;

  constructor(
    private readonly columns: LedgerColumnMap,
    private readonly spec: LedgerSourceSpec,
    private readonly max: number,
  ) {
    this.diagnostics = new LedgerSink(max);
  }

  start(table: TableData): boolean {
    if (!this.columns.measures.some((m) => table.has(m))) return false;
    this.rows = new LedgerRows(table, this.columns, this.spec, this.diagnostics, this.max);
    return true;
  }

  row(row: TableRow): void {
    this.rows!.read(row);
  }
}

function noAmountColumn(table: TableData, columns: LedgerColumnMap) {
  const measures = columns.measures;
  return diag(
    'table.missing-columns',
    {
      missing: measures.join(', '),
      expected: measures.join(', '),
      found: table.header.map((h) => `'${h}'`).join(', '),
      value: table.header.join(table.delimiter ?? ' | '),
      hint: ' Huvudboken behöver minst en beloppskolumn (utfall, budget eller prognos).',
    },
    table.at(table.headerRow, measures[0]),
  );
}

/** The ledger's rules over the rows of a table: sum rows, rows without codes, detail rows into the aggregation. */
class LedgerRows {
  private readonly amounts: AmountColumn[];
  private readonly periods: PeriodColumn;
  private readonly sums: SumRowChecker;
  private readonly detail: DetailRows;
  private readonly ccIndex: number;
  private readonly accIndex: number;
  private readonly ccNameIndex: number | undefined;
  private readonly accNameIndex: number | undefined;
  /** Rows without ansvar or konto and without amounts: how many, the first five. */
  private emptyKeyCount = 0;
  private readonly emptyKeyRows: number[] = [];

  constructor(
    private readonly table: TableData,
    private readonly columns: LedgerColumnMap,
    spec: LedgerSourceSpec,
    private readonly sink: DiagnosticSink,
    maxKept: number,
  ) {
    const amountOptions = { profile: spec.amounts, unit: spec.unit };
    this.amounts = columns.measures.map((m) => new AmountColumn(table, m, amountOptions, false, sink));
    this.periods = new PeriodColumn(table, columns.period, sink);
    this.sums = new SumRowChecker(table, [...columns.measures], sink);
    this.detail = new DetailRows(table, spec, sink, this.amounts.map((a) => a.present), maxKept, normaliseHeader(columns.account));
    this.ccIndex = table.columnIndex(columns.costCentre)!;
    this.accIndex = table.columnIndex(columns.account)!;
    this.ccNameIndex = table.columnIndex(columns.costCentreName);
    this.accNameIndex = table.columnIndex(columns.accountName);
  }

  read(row: TableRow): void {
    const cc = (row.cells[this.ccIndex] ?? '').trim();
    const acc = (row.cells[this.accIndex] ?? '').trim();
    if (isSumLabel(cc) || isSumLabel(acc) || cc === '' || acc === '') {
      this.sumOrEmptyRow(row, cc, acc);
      return;
    }
    this.detail.dataRows++;
    const period = this.periods.read(row);
    const amounts = this.amounts.map((c) => c.read(row));
    if (period === undefined || amounts.some((a) => a === undefined)) {
      this.sums.taint();
      return;
    }
    const values = amounts as MaybeOre[];
    this.sums.detail(values, row.row);
    this.detail.add(row.row, cc, acc, period, values);
    if (this.ccNameIndex !== undefined) this.detail.nameCostCentre(cc, row.cells[this.ccNameIndex] ?? '');
    if (this.accNameIndex !== undefined) this.detail.nameAccount(acc, row.cells[this.accNameIndex] ?? '');
  }

  /**
   * A row labelled "Summa"/"Totalt" or with an empty ansvar or konto: a sum row (checked against the rows it closes)
   * when it has amounts, else a row without a key (skipped, counted).
   */
  private sumOrEmptyRow(row: TableRow, cc: string, acc: string): void {
    const amounts = this.amounts.map((c) => c.read(row));
    const labelled = isSumLabel(cc) || isSumLabel(acc);
    if (!labelled && amounts.every((a) => a === null)) {
      if (this.emptyKeyCount++ < 5) this.emptyKeyRows.push(row.row);
      return;
    }
    const label = labelled ? (isSumLabel(cc) ? cc : acc) : this.sumRowLabel(row);
    // An unlabelled row that matches no group is a detail row missing its code, not a wrong total.
    const missingCode = labelled ? null : normaliseHeader(cc === '' ? this.columns.costCentre : this.columns.account);
    this.sums.sumRow(row, label, amounts, missingCode);
  }

  private sumRowLabel(row: TableRow): string {
    const names = [this.ccNameIndex, this.accNameIndex].map((i) => (i === undefined ? '' : (row.cells[i] ?? '').trim())).filter((s) => s !== '');
    return names[0] ?? row.cells.filter((c) => c.trim() !== '').slice(0, 3).join(' ');
  }

  /** The summary lines, and the `Ledger`. */
  finish(allowEmpty: boolean): Ledger {
    for (const a of this.amounts) a.finish();
    this.sums.finish();
    const ledger = this.detail.finish();
    if (ledger.dataRows === 0 && !this.sink.hasErrors) {
      // Only sum rows or rows without codes: as empty as a header without data, never zero rows silently.
      this.sink.add(diag(allowEmpty ? 'table.no-data-allowed' : 'table.no-data', {}, this.table.at(this.table.headerRow)));
    }
    const rows = this.emptyKeyRows;
    if (this.emptyKeyCount > 0) this.sink.add(emptyKeyRowsDiagnostic(this.emptyKeyCount, rows, this.table.at(rows[0]!)));
    return ledger;
  }
}

/**
 * Detail rows into the aggregation the fast path uses (aggregate.ts), one row at a time, so that a duplicate key is
 * reported at its row and an amount that leaves the exact range throws where it always did: codes interned to
 * numbers here, names kept (the first non-empty per code).
 */
class DetailRows {
  dataRows = 0;
  private readonly costCentres = new CodeList();
  private readonly accounts = new CodeList();
  private readonly costCentreNames = new Map<string, string>();
  private readonly accountNames = new Map<string, string>();
  private readonly settings: AggregatorSettings;
  private readonly rows: RowBatches;
  private duplicatesSeen = 0;
  private lastDuplicate: ReturnType<typeof duplicateKeyDiagnostic> | null = null;

  constructor(
    private readonly table: TableData,
    private readonly spec: LedgerSourceSpec,
    private readonly sink: DiagnosticSink,
    present: readonly boolean[],
    maxKept: number,
    /** Column named in duplicate-key messages. */
    private readonly keyColumn: string,
  ) {
    // At least one duplicate kept: the later ones are only counted (and the sink keeps the same number).
    this.settings = aggregatorSettings(present, spec.duplicates === 'sum', Math.max(1, maxKept), 0);
    this.rows = new RowBatches(false, this.settings);
  }

  /** A detail row: amounts in file sign (`null`: empty cell). */
  add(line: number, costCentre: string, account: string, period: number, amounts: readonly MaybeOre[]): void {
    const cc = this.costCentres.id(costCentre);
    const acc = this.accounts.id(account);
    if (cc >= MAX_COST_CENTRES || acc >= MAX_ACCOUNTS) {
      throw new RangeError(`Huvudboken har fler än ${MAX_COST_CENTRES} ansvar eller ${MAX_ACCOUNTS} konton.`);
    }
    const rows = this.rows;
    const j = rows.next;
    rows.cc[j] = cc;
    rows.acc[j] = acc;
    rows.month[j] = monthIndex(period);
    rows.period[j] = period;
    rows.line[j] = line;
    for (let m = 0; m < 3; m++) rows.values[j * 3 + m] = amounts[m] ?? EMPTY_CELL;
    rows.next++;
    const aggregator = rows.localAggregator!;
    if (!rows.flush()) throw new OreOverflowError(toReportSign(aggregator.result().overflowValue, this.spec.sign));
    if (aggregator.duplicatesSoFar() > this.duplicatesSeen) this.noteDuplicate(aggregator.result().duplicates, line);
  }

  /** The row just added repeats a key (duplicates: error). Beyond the kept ones a duplicate is only counted. */
  private noteDuplicate(kept: readonly number[], line: number): void {
    this.duplicatesSeen++;
    if (kept.length / 5 === this.duplicatesSeen) {
      const i = kept.length - 5;
      const key = {
        costCentre: this.costCentres.codes[kept[i + 1]!]!,
        account: this.accounts.codes[kept[i + 2]!]!,
        period: kept[i + 3]!,
        firstRow: kept[i + 4]!,
      };
      this.lastDuplicate = duplicateKeyDiagnostic(key, this.table.at(line, this.keyColumn));
    }
    this.sink.add(this.lastDuplicate!);
  }

  nameCostCentre(code: string, cell: string): void {
    nameOnce(this.costCentreNames, code, cell);
  }

  nameAccount(code: string, cell: string): void {
    nameOnce(this.accountNames, code, cell);
  }

  finish(): Ledger {
    const aggregate = this.rows.localAggregator!.result();
    if (aggregate.summed > 0) {
      this.sink.add(duplicatesSummedDiagnostic(aggregate.summed, aggregate.summedRows, this.table.at(aggregate.summedRows[0]!)));
    }
    return buildLedger({
      aggregate,
      settings: this.settings,
      costCentres: this.costCentres.codes,
      accounts: this.accounts.codes,
      costCentreNames: this.costCentreNames,
      accountNames: this.accountNames,
      dataRows: this.dataRows,
      sign: this.spec.sign,
    });
  }
}

function nameOnce(names: Map<string, string>, code: string, cell: string): void {
  if (names.has(code)) return;
  const name = codeName(cell);
  if (name !== null) names.set(code, name);
}

/** Codes interned to numbers in the order they are met. */
class CodeList {
  readonly codes: string[] = [];
  private readonly ids = new Map<string, number>();

  id(code: string): number {
    let id = this.ids.get(code);
    if (id === undefined) {
      id = this.codes.length;
      this.codes.push(code);
      this.ids.set(code, id);
    }
    return id;
  }
}

