import { REQUIRED_COLUMNS, type GoalsSourceSpec } from '../../config/goals-schema.js';
import { diag } from '../../messages/index.js';
import type { SourceLocation } from '../../model/diagnostics.js';
import { DiagnosticSink, normaliseHeader, openTable, type ReadOptions, type TableData, type TableRow } from '../table.js';
import type { ReadResult, SourceInput } from '../../model/records.js';
import { cellText, noteMissingOptional, requiredText, tableSpec } from './columns.js';
import { parseAssessment } from './parse-values.js';
import type { Goal, PersonAssessment } from '../../model/goals.js';

/**
 * A person's assessment cell → `PersonAssessment` (null when blank); an unknown word is an error with the value.
 * Shared by the goal and indicator readers.
 */
export function readAssessment(table: TableData, row: TableRow, column: string, sink: DiagnosticSink): PersonAssessment | null | undefined {
  const text = cellText(table, row, column, sink);
  if (text === null) return null;
  const status = parseAssessment(text);
  if (status === null) return null;
  if (status === 'invalid') {
    sink.add(diag('goals.assessment-invalid', { value: text, column: normaliseHeader(column) }, table.at(row.row, column), text));
    return undefined;
  }
  return { status, text };
}

/** The id cell of a record that must have one; reported with the kind of record when empty. */
export function readId(table: TableData, row: TableRow, column: string, kind: 'Delmålet' | 'Indikatorn', sink: DiagnosticSink): string | undefined {
  const id = cellText(table, row, column, sink);
  if (id === null) {
    sink.add(diag('goals.id-missing', { kind, kind2: kind === 'Delmålet' ? 'delmål' : 'indikator', column: normaliseHeader(column) }, table.at(row.row, column), ''));
    return undefined;
  }
  return id;
}

/**
 * The goal hierarchy → `Goal[]` in file order: one row per delmål with its regionmål (or fokusområde), an
 * optional person's assessment (prognos) and analysis. The delmål id is required and unique: indicators refer to it.
 */
export async function readGoals(input: SourceInput, spec: GoalsSourceSpec, options: ReadOptions = {}): Promise<ReadResult<Goal[]>> {
  const cols = spec.columns;
  const required = REQUIRED_COLUMNS.goals;
  const { table, sink } = await openTable(input, tableSpec(spec, cols, required), options);
  noteMissingOptional(table, cols, required, sink);
  const out: Goal[] = [];
  const firstRow = new Map<string, number>();
  for (const row of table.rows) {
    const id = readId(table, row, cols.id, 'Delmålet', sink);
    const topGoal = requiredText(table, row, cols.topGoal, sink);
    const name = requiredText(table, row, cols.name, sink);
    const assessment = readAssessment(table, row, cols.assessment, sink);
    const analysis = cellText(table, row, cols.analysis, sink);
    const unit = cellText(table, row, cols.unit, sink);
    if (id === undefined || topGoal === undefined || name === undefined || assessment === undefined) continue;
    const seen = firstRow.get(id);
    if (seen !== undefined) {
      sink.add(diag('goals.duplicate-id', { kind: 'Delmålet', id, firstRow: seen }, table.at(row.row, cols.id), id));
      continue;
    }
    firstRow.set(id, row.row);
    const location: SourceLocation = table.at(row.row);
    out.push({ id, topGoal, name, assessment, analysis, ...(unit !== null ? { unit } : {}), location });
  }
  return { value: out, diagnostics: sink.finish(input.displayName) };
}
