import type { ForecastsSourceSpec } from '../config/schema.js';
import { negOre } from '../model/ore.js';
import { diag } from '../messages/index.js';
import type { ForecastRecord, ReadResult, SourceInput } from '../model/records.js';
import { AmountColumn, DiagnosticSink, PeriodColumn, normaliseHeader, readTable, readText, type ReadOptions, fileOf } from './table.js';

/**
 * Full-year forecasts (helårsprognoser) → `ForecastRecord[]` in file order, in report sign (flipped here when the
 * source says `sign: ledger`). The occasion column is a period (`202404`, `apr-24` …). Exactly one of
 * `columns.account` and `columns.reportRow` keys the forecast; with neither named, the file's "Rad" or "Konto"
 * does (one of them must be there, not both). The forecast amount is required: an empty cell is an
 * error, never 0. The same occasion × ansvar × key twice is an error.
 */
/** The key columns read when the config names neither: a report-row column or an account column. */
const DEFAULT_KEYS = { reportRow: 'Rad', account: 'Konto' } as const;

export async function readForecasts(input: SourceInput, spec: ForecastsSourceSpec, options: ReadOptions = {}): Promise<ReadResult<ForecastRecord[]>> {
  const file = input.displayName;
  const cols = spec.columns;
  const sink = new DiagnosticSink(options.maxDiagnosticsPerCode ?? 50);
  if (cols.account !== undefined && cols.reportRow !== undefined) {
    sink.add(diag('forecasts.key-columns', { detail: `båda (${cols.account}, ${cols.reportRow})` }, { file }));
    return { value: [], diagnostics: sink.finish(file) };
  }
  // Neither key named: the default names, "Rad" (report row) or "Konto" (account), whichever the file has.
  const named = cols.account ?? cols.reportRow;
  const read = await readTable(
    input,
    {
      ...fileOf(spec),
      required: [cols.occasion, cols.costCentre, ...(named !== undefined ? [named] : []), cols.forecast],
      ...(named === undefined ? { optional: [DEFAULT_KEYS.reportRow, DEFAULT_KEYS.account] } : {}),
    },
    options,
  );
  sink.addAll(read.diagnostics);
  const table = read.value;
  let keyColumn: string;
  let byAccount: boolean;
  if (named !== undefined) {
    keyColumn = named;
    byAccount = cols.account !== undefined;
  } else {
    const row = table.has(DEFAULT_KEYS.reportRow);
    const account = table.has(DEFAULT_KEYS.account);
    if (row === account) {
      if (table.headerRow !== 0) {
        const detail = row
          ? `ingen, och filen har både ${DEFAULT_KEYS.reportRow} och ${DEFAULT_KEYS.account}`
          : `ingen, och filen har varken ${DEFAULT_KEYS.reportRow} eller ${DEFAULT_KEYS.account}`;
        sink.add(diag('forecasts.key-columns', { detail }, { file }));
      }
      return { value: [], diagnostics: sink.finish(file) };
    }
    keyColumn = row ? DEFAULT_KEYS.reportRow : DEFAULT_KEYS.account;
    byAccount = account;
  }
  const amount = new AmountColumn(table, cols.forecast, { profile: spec.amounts, unit: spec.unit }, true, sink);
  // Occasions are labels of forecast rounds, not ledger months: "apr-24" and "202408" may be mixed.
  const occasions = new PeriodColumn(table, { period: cols.occasion }, sink, false);
  const out: ForecastRecord[] = [];
  const firstRow = new Map<string, number>();
  for (const row of table.rows) {
    const occasion = occasions.read(row);
    const costCentre = readText(table, row, cols.costCentre, true, sink);
    const key = readText(table, row, keyColumn, true, sink);
    const value = amount.read(row);
    if (occasion === undefined || costCentre === undefined || key === undefined || value === undefined || value === null) continue;
    const id = `${occasion}\u0000${costCentre}\u0000${key}`;
    const seen = firstRow.get(id);
    if (seen !== undefined) {
      sink.add(
        diag(
          'forecasts.duplicate',
          { occasion, costCentre, key: `${normaliseHeader(keyColumn)} ${key}`, firstRow: seen },
          table.at(row.row, normaliseHeader(keyColumn)),
          key,
        ),
      );
      continue;
    }
    firstRow.set(id, row.row);
    out.push({
      occasion,
      costCentre,
      ...(byAccount ? { account: key } : { reportRow: key }),
      forecast: spec.sign === 'ledger' ? negOre(value) : value,
      row: row.row,
    });
  }
  amount.finish();
  return { value: out, diagnostics: sink.finish(file) };
}
