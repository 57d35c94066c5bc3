/**
 * Readers of the Heroma-shaped extracts: employments (one row per employment and month) and absence (one row per
 * absence interval; only sick leave is kept). Both pseudonymise the employee on read, record gender and birth date
 * once per person, and return records plus diagnostics that never show an identity, a name or a birth date.
 *
 * Each reader is a function of the file and the config. A CSV extract is read in chunks and each row goes straight
 * into the reader (rows.ts, through `streamCsvTable` of sources/table.ts): memory holds the records and the per-person state, never the
 * file's text or a table of its rows, and there is no size limit.
 */
import type { AbsenceSourceSpec, EmploymentsSourceSpec, PersonnelRules } from '../../config/personnel-schema.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import { isoOf } from '../../model/calendar.js';
import type { LoadedSource, ReadResult } from '../../model/records.js';
import { DiagnosticSink, PeriodColumn, normaliseHeader, readText, type ReadOptions, type TableHead, type TableRow, fileOf } from '../table.js';
import { readAge, readDate, readGender, readHours, readPercent, wordMap } from './cells.js';
import { PersonRegistry, Pseudonymiser, redactDiagnostics } from './identity.js';
import { readRows, type Checkpoint, type RowReader, type RowsResult } from './rows.js';
import type { EmploymentMonth, LeaveCategory, SickLeaveRecord } from '../../model/personnel.js';

/** Shared by the readers of one run: the same person gets the same pseudonym in every file. */
export interface HrReadContext {
  readonly pseudonymiser: Pseudonymiser;
  readonly persons: PersonRegistry;
  readonly rules: PersonnelRules;
  readonly options?: ReadOptions;
}

/** The run's pseudonyms and persons saved, to be put back when a file must be read again (rows.ts). */
function shared(ctx: HrReadContext): Checkpoint {
  return {
    checkpoint: () => {
      const ids = ctx.pseudonymiser.checkpoint();
      const persons = ctx.persons.checkpoint();
      return () => {
        ids();
        persons();
      };
    },
  };
}

export function newHrReadContext(rules: PersonnelRules, options?: ReadOptions, key?: Uint8Array): HrReadContext {
  return { pseudonymiser: new Pseudonymiser(key), persons: new PersonRegistry(), rules, ...(options ? { options } : {}) };
}

interface PersonColumns {
  readonly employee: string;
  readonly gender: string;
  readonly birthDate: string;
  readonly age?: string | undefined;
}

/** Identity handling common to both extracts. */
class IdentityReader {
  readonly identities = new Set<string>();
  readonly personalColumns: Set<string>;
  private readonly unknownGenders = new Set<string>();
  private readonly conflictsReported = new Set<string>();
  private readonly collected = new Set<string>();
  private readonly identityColumns: readonly string[];

  constructor(
    private readonly table: TableHead,
    private readonly cols: PersonColumns,
    private readonly extraPersonal: readonly string[],
    private readonly ctx: HrReadContext,
    private readonly sink: DiagnosticSink,
  ) {
    this.personalColumns = new Set([cols.employee, cols.birthDate, ...extraPersonal].map(normaliseHeader));
    this.identityColumns = [cols.employee, cols.birthDate, ...extraPersonal];
  }

  /**
   * Collects the row's identity strings (for scrubbing messages) before anything else reads it. They are used only
   * when the diagnostics are finished, so collecting them row by row, as the rows are read, is enough.
   */
  collect(row: TableRow): void {
    for (const c of this.identityColumns) {
      const v = row.values(c)?.trim();
      // A text already taken apart (an id repeats on every row of its employment) adds nothing new.
      if (v && !this.collected.has(v)) {
        this.collected.add(v);
        this.identities.add(v);
        // Personnummer are also written without the hyphen or century.
        const digits = v.replace(/\D/g, '');
        if (digits.length >= 10) {
          this.identities.add(digits);
          this.identities.add(digits.slice(-10));
        }
        for (const part of v.split(/[\s,]+/)) if (part.length >= 4) this.identities.add(part);
      }
    }
  }

  /** Pseudonym of the row's employee, and what the row says of the person; undefined when the row is unusable. */
  read(row: TableRow): number | undefined {
    const raw = row.values(this.cols.employee) ?? '';
    const employee = this.ctx.pseudonymiser.id(raw);
    if (employee === null) {
      this.sink.add(diag('personnel.identity.missing', {}, this.table.at(row.row, normaliseHeader(this.cols.employee))));
      return undefined;
    }
    const gender = readGender(this.table, row, this.cols.gender, this.ctx.rules, this.sink, this.unknownGenders);
    const birth = this.cols.age ? null : readDate(this.table, row, this.cols.birthDate, false, this.sink, true);
    const age = this.cols.age ? readAge(this.table, row, this.cols.age, this.sink) : null;
    if (birth === undefined || age === undefined) return undefined;
    const conflict = this.ctx.persons.note(employee, gender, birth, age);
    if (conflict && !this.conflictsReported.has(conflict)) {
      this.conflictsReported.add(conflict);
      this.sink.add(diag('personnel.person.conflict', { what: conflict, first: 'första raden' }, this.table.at(row.row)));
    }
    return employee;
  }

  finish(diagnostics: readonly Diagnostic[], required: readonly string[]): Diagnostic[] {
    return redactDiagnostics(diagnostics, this.personalColumns, this.identities, required);
  }
}

/** The columns of an employment extract that the reader needs. */
function employmentColumns(spec: EmploymentsSourceSpec): { required: string[]; optional: string[] } {
  const c = spec.columns;
  const required = [c.employee, c.costCentre, c.period, c.form, c.scheduledHours, c.workedHours, c.gender, c.age ?? c.birthDate];
  const optional = [c.employmentRate, c.start, c.end, c.endReason, c.overtimeHours, c.hourlyPaidHours, c.onCallHours, ...spec.personalColumns]
    .filter((x): x is string => x !== undefined);
  return { required, optional };
}

export interface EmploymentsRead {
  readonly employments: EmploymentMonth[];
  readonly columns: { readonly overtime: boolean; readonly hourlyPaid: boolean; readonly onCall: boolean };
}

/**
 * The employment extract → one record per employment and month. Form codes map to the configured forms (an
 * unknown code is an error: a new form must be placed by a person); reasons for leaving map to pension / internal
 * / external / none (unknown: external with a warning, or an error, by config).
 */
export async function readEmployments(input: LoadedSource, spec: EmploymentsSourceSpec, ctx: HrReadContext): Promise<RowsResult<EmploymentsRead>> {
  const cols = employmentColumns(spec);
  return readRows(input, { ...fileOf(spec), ...cols }, ctx.options ?? {}, (table, sink) => employmentsReader(table, sink, spec, ctx), shared(ctx));
}

/** The employment extract's rules, row by row (see `readEmployments`). */
function employmentsReader(table: TableHead, sink: DiagnosticSink, spec: EmploymentsSourceSpec, ctx: HrReadContext): RowReader<EmploymentsRead> {
  const c = spec.columns;
  const cols = employmentColumns(spec);
  const ids = new IdentityReader(table, c, spec.personalColumns, ctx, sink);
  const formOf = wordMap(ctx.rules.staff.forms.flatMap((f) => f.codes.map((code) => [code, f.label] as const)));
  const reasons = ctx.rules.turnover.reasons;
  const reasonOf = wordMap<LeaveCategory>([
    ...reasons.pension.map((r) => [r, 'pension'] as const),
    ...reasons.internal.map((r) => [r, 'internal'] as const),
    ...reasons.external.map((r) => [r, 'external'] as const),
    ...reasons.none.map((r) => [r, 'none'] as const),
  ]);
  const periods = new PeriodColumn(table, { period: c.period }, sink);
  const unknownForms = new Set<string>();
  const unknownReasons = new Set<string>();
  const out: EmploymentMonth[] = [];
  // One row per employment and month: a person may have two employments in a month (a new one from the 15th, or a
  // second form), but the same person, month, ansvar, form and start date twice is the same row twice.
  const firstRowOf = new Map<string, number>();

  const row = (row: TableRow): void => {
    ids.collect(row);
    const employee = ids.read(row);
    const period = periods.read(row);
    const costCentre = readText(table, row, c.costCentre, true, sink);
    const formRaw = readText(table, row, c.form, true, sink);
    let form: string | undefined;
    if (formRaw !== undefined) {
      form = formOf(formRaw);
      if (form === undefined) {
        if (!unknownForms.has(formRaw)) sink.add(diag('personnel.form.unknown', { value: formRaw }, table.at(row.row, normaliseHeader(c.form)), formRaw));
        unknownForms.add(formRaw);
      }
    }
    const scheduled = readHours(table, row, c.scheduledHours, true, sink);
    const worked = readHours(table, row, c.workedHours, true, sink);
    const overtime = readHours(table, row, c.overtimeHours, false, sink);
    const hourlyPaid = readHours(table, row, c.hourlyPaidHours, false, sink);
    const onCall = readHours(table, row, c.onCallHours, false, sink);
    const rate = readPercent(table, row, c.employmentRate, 'personnel.rate.invalid', sink);
    const start = readDate(table, row, c.start, false, sink);
    const end = readDate(table, row, c.end, false, sink);
    let leaveCategory: LeaveCategory | null = null;
    const reasonRaw = table.has(c.endReason) ? readText(table, row, c.endReason, false, sink) ?? '' : '';
    if (reasonRaw !== '') {
      const cat = reasonOf(reasonRaw);
      if (cat !== undefined) leaveCategory = cat;
      else {
        const asError = ctx.rules.turnover.unknownReason === 'error';
        if (!unknownReasons.has(reasonRaw)) {
          sink.add(diag(asError ? 'personnel.reason.unknownError' : 'personnel.reason.unknown', { value: reasonRaw }, table.at(row.row, normaliseHeader(c.endReason)), reasonRaw));
        }
        unknownReasons.add(reasonRaw);
        leaveCategory = 'external';
      }
    }
    if (start !== null && start !== undefined && end !== null && end !== undefined && start > end) {
      sink.add(diag('personnel.dateRange.reversed', { from: isoOf(start), to: isoOf(end) }, table.at(row.row, normaliseHeader(c.start))));
      return;
    }
    if (
      employee === undefined || period === undefined || costCentre === undefined || form === undefined || scheduled === undefined
      || worked === undefined || overtime === undefined || hourlyPaid === undefined || onCall === undefined || rate === undefined
      || start === undefined || end === undefined || scheduled === null || worked === null
    ) return;
    const key = `${employee}|${period}|${costCentre}|${form}|${start ?? ''}`;
    const firstRow = firstRowOf.get(key);
    if (firstRow !== undefined) {
      sink.add(diag('personnel.employments.duplicate', { period: monthText(period), costCentre, form: formRaw ?? form, firstRow }, table.at(row.row, normaliseHeader(c.period))));
      return;
    }
    firstRowOf.set(key, row.row);
    out.push({
      employee, period, costCentre, form, employmentRate: rate, start, end, leaveCategory: end === null ? null : leaveCategory,
      scheduled, worked, overtime: overtime ?? 0, hourlyPaid: hourlyPaid ?? 0, onCall: onCall ?? 0, row: row.row,
    });
  };
  return {
    row,
    finish: () => undefined,
    result: (diagnostics) => ({
      value: {
        employments: out,
        columns: {
          overtime: c.overtimeHours !== undefined && table.has(c.overtimeHours),
          hourlyPaid: c.hourlyPaidHours !== undefined && table.has(c.hourlyPaidHours),
          onCall: c.onCallHours !== undefined && table.has(c.onCallHours),
        },
      },
      diagnostics: ids.finish(diagnostics, cols.required),
    }),
  };
}

function absenceColumns(spec: AbsenceSourceSpec): { required: string[]; optional: string[] } {
  const c = spec.columns;
  return {
    required: [c.employee, c.costCentre, c.type, c.from, c.to],
    optional: [c.gender, c.age ?? c.birthDate, c.extent, c.scheduledHours, c.absenceHours, ...spec.personalColumns]
      .filter((x): x is string => x !== undefined),
  };
}

/**
 * The absence extract → sick-leave intervals. Rows of other absence types are counted and skipped. Hours: the
 * absence-hours column, or scheduled hours × extent when it is blank (partial-day sick leave: 40 h scheduled at
 * 50 % → 20 h); both present but different by more than a rounding → warning, the absence hours are used.
 */
export async function readAbsence(input: LoadedSource, spec: AbsenceSourceSpec, ctx: HrReadContext): Promise<RowsResult<SickLeaveRecord[]>> {
  const cols = absenceColumns(spec);
  return readRows(input, { ...fileOf(spec), ...cols }, ctx.options ?? {}, (table, sink) => absenceReader(table, sink, spec, ctx), shared(ctx));
}

/** The absence extract's rules, row by row (see `readAbsence`). */
function absenceReader(table: TableHead, sink: DiagnosticSink, spec: AbsenceSourceSpec, ctx: HrReadContext): RowReader<SickLeaveRecord[]> {
  const c = spec.columns;
  const cols = absenceColumns(spec);
  const ids = new IdentityReader(table, c, spec.personalColumns, ctx, sink);
  const isSick = wordMap(spec.sickTypes.map((t) => [t, true] as const));
  const otherTypes = new Map<string, number>();
  const out: SickLeaveRecord[] = [];
  // The same sick-leave interval of the same person at the same ansvar twice would count its hours twice.
  const firstRowOf = new Map<string, number>();

  const row = (row: TableRow): void => {
    ids.collect(row);
    const type = readText(table, row, c.type, true, sink);
    if (type === undefined) return;
    if (!isSick(type)) {
      otherTypes.set(type, (otherTypes.get(type) ?? 0) + 1);
      return;
    }
    const employee = ids.read(row);
    const costCentre = readText(table, row, c.costCentre, true, sink);
    const from = readDate(table, row, c.from, true, sink);
    const to = readDate(table, row, c.to, true, sink);
    const extent = readPercent(table, row, c.extent, 'personnel.extent.invalid', sink);
    const scheduled = readHours(table, row, c.scheduledHours, false, sink);
    const absence = readHours(table, row, c.absenceHours, false, sink);
    if (employee === undefined || costCentre === undefined || from === undefined || to === undefined || from === null || to === null
      || extent === undefined || scheduled === undefined || absence === undefined) return;
    if (from > to) {
      sink.add(diag('personnel.dateRange.reversed', { from: isoOf(from), to: isoOf(to) }, table.at(row.row, normaliseHeader(c.from))));
      return;
    }
    let hours: number;
    const expected = scheduled !== null ? Math.round((scheduled * (extent ?? 10000)) / 10000) : null;
    if (absence !== null) {
      hours = absence;
      // A difference of more than 1 centihour per day is not rounding.
      if (expected !== null && extent !== null && Math.abs(expected - absence) > to - from + 1) {
        sink.add(diag('personnel.absence.hoursMismatch', { hours: centi(absence), expected: centi(expected) }, table.at(row.row, normaliseHeader(c.absenceHours))));
      }
    } else if (expected !== null) {
      hours = expected;
    } else {
      sink.add(diag('personnel.absence.hoursMissing', {}, table.at(row.row, normaliseHeader(c.absenceHours))));
      return;
    }
    const key = `${employee}|${costCentre}|${from}|${to}`;
    const firstRow = firstRowOf.get(key);
    if (firstRow !== undefined) {
      sink.add(diag('personnel.absence.duplicate', { costCentre, from: isoOf(from), to: isoOf(to), firstRow }, table.at(row.row, normaliseHeader(c.from))));
      return;
    }
    firstRowOf.set(key, row.row);
    out.push({ employee, costCentre, from, to, extent, hours, row: row.row });
  };
  return {
    row,
    finish: () => {
      if (otherTypes.size > 0) {
        const count = [...otherTypes.values()].reduce((a, b) => a + b, 0);
        const types = [...otherTypes.keys()].slice(0, 5).join(', ') + (otherTypes.size > 5 ? ' m.fl.' : '');
        sink.add(diag('personnel.absence.otherTypes', { count, types }, table.at(0)));
      }
    },
    result: (diagnostics) => ({ value: out, diagnostics: ids.finish(diagnostics, cols.required) }),
  };
}

/** 202408 → "2024-08". */
function monthText(period: number): string {
  return `${Math.trunc(period / 100)}-${String(period % 100).padStart(2, '0')}`;
}

function centi(n: number): string {
  const s = String(n).padStart(3, '0');
  return `${s.slice(0, -2)},${s.slice(-2)}`;
}
