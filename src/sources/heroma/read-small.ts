/**
 * The small personnel inputs: hired-staff hours (or costs and an hour price), rehabiliteringsärenden and
 * arbetsmiljöavvikelser. Typically kept by hand or exported from other systems; read through the same table layer.
 * Any personal columns they carry are never read, and never quoted in messages.
 */
import type { HiredStaffSourceSpec, RehabSourceSpec, WorkEnvironmentSourceSpec } from '../../config/personnel-schema.js';
import { diag } from '../../messages/index.js';
import { roundDiv } from '../../model/ore.js';
import type { LoadedSource, ReadResult, SourceInput } from '../../model/records.js';
import { DiagnosticSink, PeriodColumn, normaliseHeader, openTable, readText, type ReadOptions, type TableData, fileOf } from '../table.js';
import { readDate, readHours, readKronor, wordMap } from './cells.js';
import { redactDiagnostics } from './identity.js';
import { readRows, type RowsResult } from './rows.js';
import type { HiredStaffRecord, RehabCase, WorkEnvironmentEvent } from '../../model/personnel.js';

function personalValues(table: TableData, columns: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const row of table.rows) {
    for (const c of columns) {
      const v = row.values(c)?.trim();
      if (v) out.add(v);
    }
  }
  return out;
}

function finish(sink: DiagnosticSink, file: string, table: TableData, personal: readonly string[], required: readonly string[]) {
  return redactDiagnostics(sink.finish(file), new Set(personal.map(normaliseHeader)), personalValues(table, personal), required);
}

/**
 * Hired staff per month and ansvar. Hours as given, or cost / hour price: 52 000 kr at 650 kr/h = 80 h. A CSV file is
 * read in chunks, row by row, as the large extracts are (rows.ts).
 */
export async function readHiredStaff(input: LoadedSource, spec: HiredStaffSourceSpec, options: ReadOptions = {}): Promise<RowsResult<HiredStaffRecord[]>> {
  const c = spec.columns;
  const measure = c.hours ?? c.cost;
  const required = [c.period, c.costCentre, ...(measure ? [measure] : [])];
  return readRows(input, { ...fileOf(spec), required, optional: spec.personalColumns }, options, (table, sink) => {
    const out: HiredStaffRecord[] = [];
    const personal = new Set<string>();
    const periods = new PeriodColumn(table, { period: c.period }, sink);
    // Öre per hour, exactly (hourPrice may have decimals: 652,50 kr).
    const priceOre = spec.hourPrice !== undefined ? Math.round(spec.hourPrice * 100) : null;
    if (c.cost !== undefined && priceOre === null) sink.add(diag('personnel.hired.noHourPrice', {}, { file: input.displayName }));
    return {
      row: (row) => {
        for (const col of spec.personalColumns) {
          const v = row.values(col)?.trim();
          if (v) personal.add(v);
        }
        const period = periods.read(row);
        const costCentre = readText(table, row, c.costCentre, true, sink);
        let hours: number | null | undefined;
        if (c.hours !== undefined) hours = readHours(table, row, c.hours, true, sink);
        else if (c.cost !== undefined && priceOre !== null) {
          const cost = readKronor(table, row, c.cost, sink);
          hours = cost === undefined ? undefined : Number(roundDiv(BigInt(cost) * 100n, BigInt(priceOre)));
        }
        if (period === undefined || costCentre === undefined || hours === undefined || hours === null) return;
        out.push({ period, costCentre, hours, row: row.row });
      },
      finish: () => undefined,
      result: (diagnostics) => ({
        value: out,
        diagnostics: redactDiagnostics(diagnostics, new Set(spec.personalColumns.map(normaliseHeader)), personal, required),
      }),
    };
  });
}

/** Rehabiliteringsärenden: ansvar, start date, end date (blank while open). */
export async function readRehab(input: SourceInput, spec: RehabSourceSpec, options: ReadOptions = {}): Promise<ReadResult<RehabCase[]>> {
  const c = spec.columns;
  const required = [c.costCentre, c.opened];
  const { table, sink } = await openTable(input, { ...fileOf(spec), required, optional: [c.closed, ...spec.personalColumns] }, options);
  const out: RehabCase[] = [];
  for (const row of table.rows) {
    const costCentre = readText(table, row, c.costCentre, true, sink);
    const opened = readDate(table, row, c.opened, true, sink);
    const closed = readDate(table, row, c.closed, false, sink);
    if (costCentre === undefined || opened === undefined || opened === null || closed === undefined) continue;
    out.push({ costCentre, opened, closed, row: row.row });
  }
  return { value: out, diagnostics: finish(sink, input.displayName, table, spec.personalColumns, required) };
}

/** Arbetsmiljöavvikelser: ansvar, date, kind (händelse or risk, by the configured words), and the category when configured. */
export async function readWorkEnvironment(input: SourceInput, spec: WorkEnvironmentSourceSpec, options: ReadOptions = {}): Promise<ReadResult<WorkEnvironmentEvent[]>> {
  const c = spec.columns;
  // A category column named in the configuration must be there: a misspelt one would otherwise count nothing.
  const required = [c.costCentre, c.date, c.kind, ...(c.category ? [c.category] : [])];
  const optional = spec.personalColumns;
  const { table, sink } = await openTable(input, { ...fileOf(spec), required, optional }, options);
  const kindOf = wordMap<'incident' | 'risk'>([
    ...spec.incidentKinds.map((k) => [k, 'incident'] as const),
    ...spec.riskKinds.map((k) => [k, 'risk'] as const),
  ]);
  const out: WorkEnvironmentEvent[] = [];
  for (const row of table.rows) {
    const costCentre = readText(table, row, c.costCentre, true, sink);
    const day = readDate(table, row, c.date, true, sink);
    const kindRaw = readText(table, row, c.kind, true, sink);
    const kind = kindRaw === undefined ? undefined : kindOf(kindRaw);
    if (kindRaw !== undefined && kind === undefined) {
      sink.add(diag('personnel.workEnvironment.kind.unknown', { value: kindRaw }, table.at(row.row, normaliseHeader(c.kind)), kindRaw));
    }
    const category = c.category ? (readText(table, row, c.category, false, sink) || null) : null;
    if (costCentre === undefined || day === undefined || day === null || kind === undefined) continue;
    out.push({ costCentre, day, kind, category, row: row.row });
  }
  return { value: out, diagnostics: finish(sink, input.displayName, table, spec.personalColumns, required) };
}
