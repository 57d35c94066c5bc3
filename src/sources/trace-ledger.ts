/**
 * The ledger's detail lines with their line numbers, for `rapport explain`: a second, separate pass over the export
 * that keeps the lines whose key a figure needs, instead of carrying line lists through the reading of every run.
 * It applies the ledger's rules through the same parts the readers use (the table layer, the amount and period
 * columns, `isSumLabel`, `toReportSign`): sum rows and rows without ansvar or konto are left out, amounts are in
 * report sign. It reports nothing itself; the run that made the figure has already read and checked the file.
 */
import type { LedgerSourceSpec } from '../config/schema.js';
import type { SourceInput } from '../model/records.js';
import type { TracedLedgerLine } from '../model/trace.js';
import { AmountColumn, DiagnosticSink, PeriodColumn, fileOf, readTable } from './table.js';
import { ledgerColumnMap } from './ledger/columns.js';
import { isSumLabel, toReportSign } from './ledger/rules.js';

/** The detail lines for which `keep(ansvar, konto, period)` is true, in file order. */
export async function traceLedgerLines(
  input: SourceInput,
  spec: LedgerSourceSpec,
  keep: (costCentre: string, account: string, period: number) => boolean,
): Promise<TracedLedgerLine[]> {
  const columns = ledgerColumnMap(spec);
  if (!columns) return [];
  const sink = new DiagnosticSink(1);
  const read = await readTable(input, { ...fileOf(spec), required: columns.required, optional: columns.optional });
  const table = read.value;
  if (table.headerRow === 0) return [];
  const amountOptions = { profile: spec.amounts, unit: spec.unit };
  const actual = new AmountColumn(table, columns.measures[0], amountOptions, false, sink);
  const budget = new AmountColumn(table, columns.measures[1], amountOptions, false, sink);
  const periods = new PeriodColumn(table, columns.period, sink);
  const ccIndex = table.columnIndex(columns.costCentre)!;
  const accIndex = table.columnIndex(columns.account)!;
  const out: TracedLedgerLine[] = [];
  for (const row of table.rows) {
    const cc = (row.cells[ccIndex] ?? '').trim();
    const acc = (row.cells[accIndex] ?? '').trim();
    if (isSumLabel(cc) || isSumLabel(acc) || cc === '' || acc === '') continue;
    const period = periods.read(row);
    if (period === undefined || !keep(cc, acc, period)) continue;
    const a = actual.read(row);
    const b = budget.read(row);
    out.push({
      file: input.displayName,
      ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
      row: row.row,
      costCentre: cc,
      account: acc,
      period,
      actual: a === null || a === undefined ? null : toReportSign(a, spec.sign),
      budget: b === null || b === undefined ? null : toReportSign(b, spec.sign),
    });
  }
  return out;
}
