import type { OrganisationSourceSpec } from '../config/schema.js';
import { diag } from '../messages/index.js';
import type { OrgRow, ReadResult, SourceInput } from '../model/records.js';
import { normaliseHeader, openTable, readText, type ReadOptions, fileOf } from './table.js';

/**
 * The organisation file → `OrgRow[]` in file order: each ansvar with its name and its parent levels, lowest first, in
 * the order `columns.levels` lists them (e.g. [Delområde, Område]). Codes keep leading zeros. An ansvar listed twice
 * is an error naming the first row (which parents would be right?); an empty ansvar or level is an error.
 */
export async function readOrganisation(input: SourceInput, spec: OrganisationSourceSpec, options: ReadOptions = {}): Promise<ReadResult<OrgRow[]>> {
  const file = input.displayName;
  const cols = spec.columns;
  const { table, sink } = await openTable(
    input,
    {
      ...fileOf(spec),
      required: [cols.costCentre, cols.name, ...cols.levels],
    },
    options,
  );
  const out: OrgRow[] = [];
  const firstRow = new Map<string, number>();
  for (const row of table.rows) {
    const costCentre = readText(table, row, cols.costCentre, true, sink);
    const name = readText(table, row, cols.name, false, sink) ?? '';
    const parents = cols.levels.map((level) => readText(table, row, level, true, sink));
    if (costCentre === undefined || parents.some((p) => p === undefined)) continue;
    const seen = firstRow.get(costCentre);
    if (seen !== undefined) {
      sink.add(diag('organisation.duplicate-cost-centre', { value: costCentre, firstRow: seen }, table.at(row.row, normaliseHeader(cols.costCentre)), costCentre));
      continue;
    }
    firstRow.set(costCentre, row.row);
    out.push({ costCentre, name, parents: parents as string[], row: row.row });
  }
  return { value: out, diagnostics: sink.finish(file) };
}
