/**
 * The list-shaped goal exports: uppdrag, åtgärder, the project portfolio and intern kontroll. Each is one row per
 * record in file order; status words are parsed (an unknown word is an error with its value, never a guess).
 */
import {
  REQUIRED_COLUMNS,
  type InternalControlSourceSpec,
  type MeasuresSourceSpec,
  type ProjectsSourceSpec,
  type UppdragSourceSpec,
} from '../../config/goals-schema.js';
import { diag } from '../../messages/index.js';
import { excelSerialToIsoDate } from '../parse-period.js';
import { DiagnosticSink, normaliseHeader, openTable, type ReadOptions, type TableData, type TableRow } from '../table.js';
import type { ReadResult, SourceInput } from '../../model/records.js';
import { cellText, noteMissingOptional, requiredText, tableSpec, type ColumnMap } from './columns.js';
import { parseControlOutcome, parseOrigin, parseProgress, parseRag, parseSwedishNumber, parseTimelineEnd } from './parse-values.js';
import type { ControlOutcome, InternalControl, Measure, Progress, Project, Rag, Uppdrag } from '../../model/goals.js';

async function open<K extends string>(
  input: SourceInput,
  spec: { readonly columns: ColumnMap<K>; readonly format?: 'auto' | 'csv' | 'xlsx'; readonly encoding?: 'auto' | 'utf-8' | 'windows-1252'; readonly sheet?: string | undefined; readonly delimiter?: 'auto' | ';' | ',' | '\t' },
  required: readonly K[],
  options: ReadOptions,
): Promise<{ table: TableData; sink: DiagnosticSink }> {
  const { table, sink } = await openTable(input, tableSpec(spec, spec.columns, required), options);
  noteMissingOptional(table, spec.columns, required, sink);
  return { table, sink };
}

/** A parsed status word: the value, null for a blank cell, undefined for an unknown word (reported). */
function parseWord<T>(
  table: TableData,
  row: TableRow,
  column: string,
  parse: (t: string | null) => T | null | 'invalid',
  code: 'goals.progress-invalid' | 'goals.rag-invalid' | 'goals.control-invalid',
  sink: DiagnosticSink,
): { value: T | null; text: string } | undefined {
  const text = cellText(table, row, column, sink);
  const v = parse(text);
  if (v === 'invalid') {
    sink.add(diag(code, { value: text ?? '', column: normaliseHeader(column) }, table.at(row.row, column), text ?? ''));
    return undefined;
  }
  return { value: v, text: text ?? '' };
}

/** An end date: ISO date, YYYY-MM (last day), a year (31 December), or an xlsx date; undefined on error (reported). */
function readDate(table: TableData, row: TableRow, column: string, sink: DiagnosticSink): string | null | undefined {
  const text = cellText(table, row, column, sink);
  if (text === null) return null;
  let iso: string | null = null;
  if (table.format === 'xlsx' && row.kind(column) === 'number') {
    const n = parseSwedishNumber(text);
    if (n.ok) iso = excelSerialToIsoDate(n.value, table.date1904);
  } else {
    iso = parseTimelineEnd(text.replace(/[T ]\d{2}:\d{2}(:\d{2})?$/, ''));
  }
  if (iso === null) {
    sink.add(diag('goals.date-unparseable', { value: text, column: normaliseHeader(column) }, table.at(row.row, column), text));
    return undefined;
  }
  return iso;
}

/** Uppdrag with origin (fullmäktige / nämnd / other as written), status, analysis, periodicity and end date. */
export async function readUppdrag(input: SourceInput, spec: UppdragSourceSpec, options: ReadOptions = {}): Promise<ReadResult<Uppdrag[]>> {
  const cols = spec.columns;
  const { table, sink } = await open(input, spec, REQUIRED_COLUMNS.uppdrag, options);
  const out: Uppdrag[] = [];
  for (const row of table.rows) {
    const text = requiredText(table, row, cols.text, sink);
    const status = parseWord<Progress>(table, row, cols.status, parseProgress, 'goals.progress-invalid', sink);
    const endDate = readDate(table, row, cols.endDate, sink);
    if (text === undefined || status === undefined || endDate === undefined) continue;
    const originText = cellText(table, row, cols.origin, sink) ?? '';
    out.push({
      id: cellText(table, row, cols.id, sink),
      text,
      addressedTo: cellText(table, row, cols.addressedTo, sink),
      origin: parseOrigin(originText === '' ? null : originText),
      originText,
      progress: status.value,
      statusText: status.text,
      analysis: cellText(table, row, cols.analysis, sink),
      periodicity: cellText(table, row, cols.periodicity, sink),
      endDate,
      location: table.at(row.row),
    });
  }
  return { value: out, diagnostics: sink.finish(input.displayName) };
}

/** Åtgärder with number, målområde, tidplan (its last day is read when the text allows), status and comment. */
export async function readMeasures(input: SourceInput, spec: MeasuresSourceSpec, options: ReadOptions = {}): Promise<ReadResult<Measure[]>> {
  const cols = spec.columns;
  const { table, sink } = await open(input, spec, REQUIRED_COLUMNS.measures, options);
  const out: Measure[] = [];
  for (const row of table.rows) {
    const number = requiredText(table, row, cols.number, sink);
    const text = requiredText(table, row, cols.text, sink);
    const status = parseWord<Progress>(table, row, cols.status, parseProgress, 'goals.progress-invalid', sink);
    if (number === undefined || text === undefined || status === undefined) continue;
    const timeline = cellText(table, row, cols.timeline, sink);
    const timelineEnd = parseTimelineEnd(timeline);
    if (timeline !== null && timelineEnd === null) {
      sink.add(diag('goals.timeline-unreadable', { value: timeline, number }, table.at(row.row, cols.timeline), timeline));
    }
    out.push({
      number,
      text,
      area: cellText(table, row, cols.area, sink),
      timeline,
      timelineEnd,
      progress: status.value,
      statusText: status.text,
      comment: cellText(table, row, cols.comment, sink),
      location: table.at(row.row),
    });
  }
  return { value: out, diagnostics: sink.finish(input.displayName) };
}

/** The project portfolio: priority, name, owner, Tid/Resurs/Kvalitet (green/yellow/red, blank = not reported), comment. */
export async function readProjects(input: SourceInput, spec: ProjectsSourceSpec, options: ReadOptions = {}): Promise<ReadResult<Project[]>> {
  const cols = spec.columns;
  const { table, sink } = await open(input, spec, REQUIRED_COLUMNS.projects, options);
  const out: Project[] = [];
  for (const row of table.rows) {
    const name = requiredText(table, row, cols.name, sink);
    const time = parseWord<Rag>(table, row, cols.time, parseRag, 'goals.rag-invalid', sink);
    const resource = parseWord<Rag>(table, row, cols.resource, parseRag, 'goals.rag-invalid', sink);
    const quality = parseWord<Rag>(table, row, cols.quality, parseRag, 'goals.rag-invalid', sink);
    const prioText = cellText(table, row, cols.priority, sink);
    let priority: number | null = null;
    if (prioText !== null) {
      const n = parseSwedishNumber(prioText);
      if (!n.ok || !Number.isInteger(n.value) || n.unit !== '') {
        sink.add(diag('goals.value-unparseable', { value: prioText, column: normaliseHeader(cols.priority) }, table.at(row.row, cols.priority), prioText));
        continue;
      }
      priority = n.value;
    }
    if (name === undefined || time === undefined || resource === undefined || quality === undefined) continue;
    out.push({
      priority,
      name,
      owner: cellText(table, row, cols.owner, sink),
      time: time.value,
      resource: resource.value,
      quality: quality.value,
      comment: cellText(table, row, cols.comment, sink),
      location: table.at(row.row),
    });
  }
  return { value: out, diagnostics: sink.finish(input.displayName) };
}

/** Intern kontroll: granskningsområde, regulation, method, result, åtgärder and the result's status. */
export async function readInternalControl(input: SourceInput, spec: InternalControlSourceSpec, options: ReadOptions = {}): Promise<ReadResult<InternalControl[]>> {
  const cols = spec.columns;
  const { table, sink } = await open(input, spec, REQUIRED_COLUMNS.internalControl, options);
  const out: InternalControl[] = [];
  for (const row of table.rows) {
    const area = requiredText(table, row, cols.area, sink);
    const status = parseWord<ControlOutcome>(table, row, cols.status, parseControlOutcome, 'goals.control-invalid', sink);
    if (area === undefined || status === undefined) continue;
    out.push({
      area,
      regulation: cellText(table, row, cols.regulation, sink),
      method: cellText(table, row, cols.method, sink),
      result: cellText(table, row, cols.result, sink),
      actions: cellText(table, row, cols.actions, sink),
      outcome: status.value,
      statusText: status.text,
      location: table.at(row.row),
    });
  }
  return { value: out, diagnostics: sink.finish(input.displayName) };
}
