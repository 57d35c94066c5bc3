import { REQUIRED_COLUMNS, type IndicatorsSourceSpec } from '../../config/goals-schema.js';
import { diag } from '../../messages/index.js';
import { formatPeriod, periodFromKey } from '../../model/period.js';
import { DiagnosticSink, normaliseHeader, PeriodColumn, openTable, type ReadOptions, type TableData, type TableRow } from '../table.js';
import type { ReadResult, SourceInput } from '../../model/records.js';
import { cellText, noteMissingOptional, tableSpec } from './columns.js';
import { parseDirection, parseOccasions, parseSwedishNumber, parseTarget } from './parse-values.js';
import { readAssessment, readId } from './read-goals.js';
import type { Direction, Indicator, Measurement, Occasion, Target } from '../../model/goals.js';

/** One row's view of an indicator's definition, compared across the rows of the same id. */
interface Definition {
  readonly row: number;
  readonly goalId: string;
  readonly name: string;
  readonly unit: string;
  readonly direction: Direction | null;
  readonly target: Target;
  readonly occasions: readonly Occasion[];
  readonly occasionsText: string;
}

interface Group {
  first: Definition;
  latest: Definition;
  latestPeriod: number;
  readonly measurements: Measurement[];
  readonly periods: Map<string, number>;
}

function targetIsNumeric(t: Target): boolean {
  return t.kind === 'value' || t.kind === 'comparison' || (t.kind === 'maintain' && t.reference !== null);
}

function targetNumber(t: Target): number | null {
  if (t.kind === 'value' || t.kind === 'comparison') return t.value;
  if (t.kind === 'maintain') return t.reference;
  return null;
}

/**
 * Indicators → `Indicator[]` in order of first appearance. The export may hold one row per indicator and period
 * (long form: a follow-up per period) or one row per indicator with the current outcome (no period column, or the
 * config's `period: ""`). Each row can carry the person's assessment and analysis for its period.
 *
 * Checks: an id on every row (ids are what keep an indicator when it is renamed); a name that changes between
 * rows of the same id is a warning (`goals.indicator-renamed`), other definition changes too
 * (`goals.definition-conflict`) — the latest period's definition is used; two outcomes for one period are an error;
 * an outcome that is not a number where the target is numeric is an error; an outcome formatted as an Excel
 * fraction (0,938 for a target of 90 %) is a warning.
 */
export async function readIndicators(input: SourceInput, spec: IndicatorsSourceSpec, options: ReadOptions = {}): Promise<ReadResult<Indicator[]>> {
  const cols = spec.columns;
  const required = REQUIRED_COLUMNS.indicators;
  const { table, sink } = await openTable(input, tableSpec(spec, cols, required), options);
  noteMissingOptional(table, cols, required, sink);
  const dated = cols.period !== '' && table.has(cols.period);
  const periods = dated ? new PeriodColumn(table, { period: cols.period }, sink) : null;
  const groups = new Map<string, Group>();

  for (const row of table.rows) {
    const id = readId(table, row, cols.id, 'Indikatorn', sink);
    const def = readDefinition(table, row, cols, sink);
    if (id === undefined || def === undefined) continue;
    const period = readPeriodCell(table, row, cols.period, periods, sink);
    if (period === undefined) continue;
    const m = readMeasurement(table, row, id, def, period, cols, sink);
    if (m === undefined) continue;

    let g = groups.get(id);
    if (!g) {
      g = { first: def, latest: def, latestPeriod: period ?? 0, measurements: [], periods: new Map() };
      groups.set(id, g);
    } else {
      compareDefinitions(table, id, g.latest, def, sink);
      if ((period ?? 0) >= g.latestPeriod) {
        g.latest = def;
        g.latestPeriod = period ?? 0;
      }
    }
    if (m === null) continue;
    const key = period === null ? 'aktuell' : String(period);
    const seen = g.periods.get(key);
    if (seen !== undefined) {
      const label = period === null ? 'utan period' : formatPeriod(periodFromKey(period));
      sink.add(diag('goals.duplicate-measurement', { id, period: label, firstRow: seen }, table.at(row.row, cols.period || cols.outcome)));
      continue;
    }
    g.periods.set(key, row.row);
    g.measurements.push(m);
  }

  const out: Indicator[] = [];
  for (const [id, g] of groups) {
    const d = g.latest;
    out.push({
      id,
      goalId: d.goalId,
      name: d.name,
      unit: d.unit,
      direction: d.direction,
      target: d.target,
      occasions: d.occasions,
      measurements: [...g.measurements].sort((a, b) => (a.period ?? 0) - (b.period ?? 0)),
      location: table.at(g.first.row),
    });
  }
  return { value: out, diagnostics: sink.finish(input.displayName) };
}

type Cols = IndicatorsSourceSpec['columns'];

function readDefinition(table: TableData, row: TableRow, cols: Cols, sink: DiagnosticSink): Definition | undefined {
  const goalId = cellText(table, row, cols.goalId, sink);
  const name = cellText(table, row, cols.name, sink);
  if (goalId === null) sink.add(diag('table.missing-value', { column: normaliseHeader(cols.goalId) }, table.at(row.row, cols.goalId), ''));
  if (name === null) sink.add(diag('table.missing-value', { column: normaliseHeader(cols.name) }, table.at(row.row, cols.name), ''));
  const unit = cellText(table, row, cols.unit, sink) ?? '';
  const dirText = cellText(table, row, cols.direction, sink);
  const direction = parseDirection(dirText);
  if (direction === 'invalid') {
    sink.add(diag('goals.direction-invalid', { value: dirText ?? '', column: normaliseHeader(cols.direction) }, table.at(row.row, cols.direction), dirText ?? ''));
  }
  const target = parseTarget(cellText(table, row, cols.target, sink));
  const occasionsText = cellText(table, row, cols.occasions, sink) ?? '';
  const occ = parseOccasions(occasionsText === '' ? null : occasionsText);
  for (const u of occ.unknown) {
    sink.add(diag('goals.occasion-unknown', { value: u, column: normaliseHeader(cols.occasions) }, table.at(row.row, cols.occasions), u));
  }
  if (goalId === null || name === null || direction === 'invalid') return undefined;
  return { row: row.row, goalId, name, unit, direction, target, occasions: occ.occasions, occasionsText };
}

/** YYYYMM, null (no period column, or a blank cell: the current follow-up), or undefined (error, reported). */
function readPeriodCell(table: TableData, row: TableRow, column: string, periods: PeriodColumn | null, sink: DiagnosticSink): number | null | undefined {
  if (!periods) return null;
  if (cellText(table, row, column, sink) === null) return null;
  return periods.read(row);
}

/**
 * The row's follow-up: outcome, assessment, analysis. null when the row has none of them (a definition row, e.g. a
 * yearly indicator not yet measured); undefined when a cell is in error (reported).
 */
function readMeasurement(
  table: TableData,
  row: TableRow,
  id: string,
  def: Definition,
  period: number | null,
  cols: Cols,
  sink: DiagnosticSink,
): Measurement | null | undefined {
  const raw = cellText(table, row, cols.outcome, sink);
  const assessment = readAssessment(table, row, cols.assessment, sink);
  const analysis = cellText(table, row, cols.analysis, sink);
  if (assessment === undefined) return undefined;
  let value: number | null = null;
  let text: string | null = null;
  if (raw !== null) {
    const n = parseSwedishNumber(raw);
    if (n.ok && !/\s/.test(n.unit)) {
      value = n.value;
      noteFraction(table, row, id, def, value, cols, sink);
    } else if (targetIsNumeric(def.target) || table.format === 'xlsx' && row.kind(cols.outcome) === 'number') {
      sink.add(diag('goals.value-unparseable', { value: raw, column: normaliseHeader(cols.outcome) }, table.at(row.row, cols.outcome), raw));
      return undefined;
    } else {
      text = raw;
    }
  }
  if (value === null && text === null && assessment === null && analysis === null) return null;
  return { period, value, text, assessment, analysis, location: table.at(row.row) };
}

/** A percent cell in Excel holds 0,938 for 93,8 %: warn when a % indicator's outcome looks like a fraction. */
function noteFraction(table: TableData, row: TableRow, id: string, def: Definition, value: number, cols: Cols, sink: DiagnosticSink): void {
  const percent = def.unit.includes('%') || def.target.text.includes('%');
  const target = targetNumber(def.target);
  if (!percent || target === null || target <= 1 || value === 0 || Math.abs(value) >= 1) return;
  const raw = row.values(cols.outcome) ?? '';
  sink.add(diag('goals.percent-fraction', { value: raw, id, target: def.target.text }, table.at(row.row, cols.outcome), raw));
}

function compareDefinitions(table: TableData, id: string, before: Definition, after: Definition, sink: DiagnosticSink): void {
  if (before.name !== after.name) {
    sink.add(diag('goals.indicator-renamed', {
      id, before: before.name, after: after.name, where: `rad ${before.row} och rad ${after.row}`,
    }, table.at(after.row)));
  }
  const fields: [string, string, string][] = [
    ['delmål', before.goalId, after.goalId],
    ['enhet', before.unit, after.unit],
    ['målvärde', before.target.text, after.target.text],
    ['redovisningstillfällen', before.occasions.join(', '), after.occasions.join(', ')],
    ['riktning', before.direction ?? '', after.direction ?? ''],
  ];
  for (const [field, a, b] of fields) {
    if (a !== b) sink.add(diag('goals.definition-conflict', { id, field, first: a, second: b }, table.at(after.row)));
  }
}
