import type { InvestmentsSourceSpec } from '../config/schema.js';
import { diag } from '../messages/index.js';
import type { InvestmentRecord, ReadResult, SourceInput } from '../model/records.js';
import { AmountColumn, normaliseHeader, openTable, readText, type ReadOptions, fileOf } from './table.js';

/**
 * Investment projects → `InvestmentRecord[]` in file order. Amounts are expenditure, positive as exported (no sign
 * flip); an empty amount cell is `null` (no value), never 0. Project, name and area are required; the ansvar
 * column only when the config names one. A project listed twice is an error.
 */
export async function readInvestments(input: SourceInput, spec: InvestmentsSourceSpec, options: ReadOptions = {}): Promise<ReadResult<InvestmentRecord[]>> {
  const file = input.displayName;
  const cols = spec.columns;
  const { table, sink } = await openTable(
    input,
    {
      ...fileOf(spec),
      required: [cols.project, cols.projectName, cols.area, cols.actual, cols.forecast, cols.budget, ...(cols.costCentre ? [cols.costCentre] : [])],
    },
    options,
  );
  const amountOptions = { profile: spec.amounts, unit: spec.unit };
  const actual = new AmountColumn(table, cols.actual, amountOptions, false, sink);
  const forecast = new AmountColumn(table, cols.forecast, amountOptions, false, sink);
  const budget = new AmountColumn(table, cols.budget, amountOptions, false, sink);
  const out: InvestmentRecord[] = [];
  const firstRow = new Map<string, number>();
  for (const row of table.rows) {
    const project = readText(table, row, cols.project, true, sink);
    const projectName = readText(table, row, cols.projectName, false, sink) ?? '';
    const area = readText(table, row, cols.area, true, sink);
    const costCentre = cols.costCentre ? readText(table, row, cols.costCentre, true, sink) : '';
    const a = actual.read(row);
    const f = forecast.read(row);
    const b = budget.read(row);
    if (project === undefined || area === undefined || costCentre === undefined || a === undefined || f === undefined || b === undefined) continue;
    const seen = firstRow.get(project);
    if (seen !== undefined) {
      sink.add(diag('investments.duplicate-project', { value: project, firstRow: seen }, table.at(row.row, normaliseHeader(cols.project)), project));
      continue;
    }
    firstRow.set(project, row.row);
    out.push({
      project,
      projectName,
      area,
      ...(cols.costCentre ? { costCentre } : {}),
      actual: a,
      forecast: f,
      budget: b,
      row: row.row,
    });
  }
  actual.finish();
  forecast.finish();
  budget.finish();
  return { value: out, diagnostics: sink.finish(file) };
}
