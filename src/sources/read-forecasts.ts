import type { ForecastsSourceSpec } from '../config/schema.js';
import { negOre } from '../model/ore.js';
import { diag } from '../messages/index.js';
import type { ForecastRecord, ReadResult, SourceInput } from '../model/records.js';
import { AmountColumn, DiagnosticSink, PeriodColumn, normaliseHeader, readTable, readText, type ReadOptions, fileOf } from './table.js';

/**
 * Full-year forecasts (helårsprognoser) → `ForecastRecord[]` in file order, in report sign (flipped here when the
 * source says `sign: ledger`). The occasion column is a period (`202404`, `apr-24` …). Exactly one of
 * `columns.account` and `columns.reportRow` keys the forecast. The forecast amount is required: an empty cell is an
 * error, never 0. The same occasion × ansvar × key twice is an error.
 */
export async function readForecasts(input: SourceInput, spec: ForecastsSourceSpec, options: ReadOptions = {}): Promise<ReadResult<ForecastRecord[]>> {
  const file = input.displayName;
  const cols = spec.columns;
  const sink = new DiagnosticSink(options.maxDiagnosticsPerCode ?? 50);
  const keyColumn = cols.account ?? cols.reportRow;
  if ((cols.account === undefined) === (cols.reportRow === undefined) || keyColumn === undefined) {
    const detail = cols.account && cols.reportRow ? `båda (${cols.account}, ${cols.reportRow})` : 'ingen';
    sink.add(diag('forecasts.key-columns', { detail }, { file }));
    return { value: [], diagnostics: sink.finish(file) };
  }
  const read = await readTable(
    input,
    {
      ...fileOf(spec),
      required: [cols.occasion, cols.costCentre, keyColumn, cols.forecast],
    },
    options,
  );
  sink.addAll(read.diagnostics);
  const table = read.value;
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
      ...(cols.account !== undefined ? { account: key } : { reportRow: key }),
      forecast: spec.sign === 'ledger' ? negOre(value) : value,
      row: row.row,
    });
  }
  amount.finish();
  return { value: out, diagnostics: sink.finish(file) };
}
