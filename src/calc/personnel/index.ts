/**
 * The personnel figures of one report unit, purely: (HR records, rules, report period, the unit's ansvar) →
 * results with every privacy rule applied, plus diagnostics. No file system, no clock.
 *
 * Periods: the HR period is the report period minus the HR lag (`hrLag`). Year to date = January to the HR
 * period; compared with the same months a year earlier; R12 = the 12 months to the HR period, compared with the
 * 12 months to the same month a year earlier.
 */
import type { PersonnelRules } from '../../config/personnel-schema.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import { formatPeriod, monthName, type Period } from '../../model/period.js';
import type { PersonnelData } from '../../model/personnel.js';
import { addMonths, lastDayOfMonth, monthOfDay, monthsBetween } from '../../model/calendar.js';
import { subunitIndex, type Subunit } from './groups.js';
import { calculateSickLeave, type SickLeaveResult } from './sick-leave.js';
import { splitSickLeave, type Run, type SickPiece } from './spells.js';
import {
  calculateTurnover, headcountAt, rehabFigures, workEnvironmentFigures, workedTime,
  type Headcount, type RehabFigures, type TurnoverResult, type WorkEnvironmentFigures, type WorkedTime,
} from './staff.js';
import { hrPeriodFor, rolling12, shiftWindow, yearToDate, type Window } from './windows.js';

export type { Subunit } from './groups.js';
export type { Figure, SuppressionReason } from './privacy.js';
export type { SickLeaveResult, SickLeaveWindowFigures, MonthFigure, UnitSickLeave } from './sick-leave.js';
export type { Headcount, WorkedTime, TurnoverFigures, TurnoverResult, RehabFigures, WorkEnvironmentFigures, CountFigure } from './staff.js';
export type { Window } from './windows.js';

export interface PersonnelScope {
  /** The report (ledger) period. */
  readonly period: Period;
  /** The report unit's ansvar codes (all levels below it). */
  readonly unitCostCentres: readonly string[];
  /** Parts of the unit shown side by side in the sick-leave-per-unit table (e.g. its områden). */
  readonly subunits?: readonly Subunit[];
}

export interface PersonnelResults {
  readonly period: Period;
  /** Last month the HR figures cover (YYYYMM). */
  readonly hrPeriod: number;
  readonly rules: PersonnelRules;
  readonly windows: { readonly ytd: Window; readonly ytdPrev: Window; readonly r12: Window; readonly r12Prev: Window };
  readonly sickLeave: SickLeaveResult;
  readonly headcount: { readonly current: Headcount; readonly previous: Headcount };
  readonly workedTime: { readonly current: WorkedTime | null; readonly previous: WorkedTime | null };
  /** Whether the extracts have the optional inputs (rows of the report are left out otherwise). */
  readonly has: { readonly hired: boolean; readonly overtime: boolean; readonly hourlyPaid: boolean; readonly onCall: boolean };
  readonly turnover: TurnoverResult;
  readonly rehab: { readonly current: RehabFigures; readonly previous: RehabFigures } | null;
  readonly workEnvironment: {
    readonly current: WorkEnvironmentFigures;
    readonly previous: WorkEnvironmentFigures;
    /** The categories the table lists in this order (configured), or null: those found, by name. */
    readonly categories: readonly string[] | null;
  } | null;
}

function monthLabel(ym: number): string {
  return `${monthName(ym % 100)} ${Math.trunc(ym / 100)}`;
}

function hoursText(centihours: number): string {
  return (Math.round(centihours / 100)).toString();
}

/**
 * What every unit of a run shares, computed once: the HR period, the sick-leave spells cut into pieces, which
 * months the extract covers, and the run-level diagnostics (missing months, data after the HR period, sick leave
 * without scheduled time, leavers without a reason).
 */
export interface PreparedPersonnel {
  readonly data: PersonnelData;
  readonly rules: PersonnelRules;
  readonly period: Period;
  readonly hrPeriod: number;
  readonly monthsWithData: ReadonlySet<number>;
  /** Sick pieces with scheduled time on their ansvar and month, up to the HR period. */
  readonly pieces: readonly SickPiece[];
  readonly runsByEmployee: ReadonlyMap<number, readonly Run[]>;
}

function windowsFor(hr: number) {
  return {
    ytd: yearToDate(hr),
    ytdPrev: shiftWindow(yearToDate(hr), -12),
    r12: rolling12(hr),
    r12Prev: shiftWindow(rolling12(hr), -12),
  };
}

function isCovered(w: Window, hr: number, months: ReadonlySet<number>): boolean {
  return w.to <= hr && monthsBetween(w.from, w.to).every((m) => months.has(m));
}

/** Run-level preparation and checks. Call once per run; then `computePersonnel` per unit. */
export function preparePersonnel(data: PersonnelData, rules: PersonnelRules, period: Period): { prepared: PreparedPersonnel; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const hr = hrPeriodFor(period, rules.hrLag);
  const lastDay = lastDayOfMonth(hr);
  const monthsWithData = new Set<number>();
  for (const e of data.employments) monthsWithData.add(e.period);

  const later = data.employments.filter((e) => e.period > hr).length;
  if (later > 0) diagnostics.push(diag('personnel.employments.afterHrPeriod', { count: later, month: monthLabel(hr) }));
  const split = splitSickLeave(data.sickLeave, rules.sickLeave, lastDay);
  if (split.hoursAfterLastDay > 0) {
    diagnostics.push(diag('personnel.sick.afterHrPeriod', { hours: hoursText(split.hoursAfterLastDay), month: monthLabel(hr) }));
  }
  // Only employees with scheduled time count: a piece needs scheduled hours on its ansvar and month.
  const scheduledKeys = new Set<string>();
  for (const e of data.employments) if (e.scheduled > 0 && e.period <= hr) scheduledKeys.add(`${e.employee}|${e.period}|${e.costCentre}`);
  const pieces: SickPiece[] = [];
  let withoutSchedule = 0;
  let withoutScheduleCases = 0;
  for (const p of split.pieces) {
    if (!scheduledKeys.has(`${p.employee}|${p.period}|${p.costCentre}`)) {
      withoutSchedule += p.hours;
      withoutScheduleCases++;
      continue;
    }
    pieces.push(p);
  }
  if (withoutScheduleCases > 0) {
    diagnostics.push(diag('personnel.sick.noSchedule', { hours: hoursText(withoutSchedule), count: withoutScheduleCases }));
  }

  const windows = windowsFor(hr);
  const names = [['perioden', windows.ytd], ['jämförelseperioden', windows.ytdPrev], ['rullande 12 månader', windows.r12], ['rullande 12 månader föregående år', windows.r12Prev]] as const;
  for (const [name, w] of names) {
    if (isCovered(w, hr, monthsWithData)) continue;
    const missing = monthsBetween(w.from, w.to).filter((m) => !monthsWithData.has(m)).map((m) => formatPeriod({ year: Math.trunc(m / 100), month: m % 100 }));
    diagnostics.push(diag('personnel.window.incomplete', {
      window: `${name} (${monthLabel(w.from)}–${monthLabel(w.to)})`,
      missing: missing.length > 3 ? `${missing.slice(0, 3).join(', ')} m.fl.` : missing.join(', '),
    }));
  }

  // Leavers of the turnover forms without a reason (counted as external).
  const scope = new Set(rules.turnover.forms);
  const noReason = data.employments.filter((e) => scope.has(e.form) && e.end !== null && e.leaveCategory === null && monthOfDay(e.end) === e.period && e.period <= hr).length;
  if (noReason > 0) diagnostics.push(diag('personnel.turnover.noReason', { count: noReason }));

  return {
    prepared: { data, rules, period, hrPeriod: hr, monthsWithData, pieces, runsByEmployee: split.runsByEmployee },
    diagnostics,
  };
}

/**
 * The rows of a unit's ansvar, in the extract's order: what `rows.filter((r) => unit.has(r.costCentre))` gives,
 * without walking every row of the extract for every unit of a batch (the rows are indexed by ansvar once).
 */
function rowsOfUnit<T extends { readonly costCentre: string }>(rows: readonly T[], unit: ReadonlySet<string>): T[] {
  let index = rowIndex.get(rows) as Map<string, number[]> | undefined;
  if (!index) {
    index = new Map();
    for (let i = 0; i < rows.length; i++) {
      const c = rows[i]!.costCentre;
      const at = index.get(c);
      if (at) at.push(i);
      else index.set(c, [i]);
    }
    rowIndex.set(rows, index);
  }
  const picked: number[] = [];
  for (const c of unit) {
    const at = index.get(c);
    if (at) for (const i of at) picked.push(i);
  }
  picked.sort((a, b) => a - b);
  return picked.map((i) => rows[i]!);
}

const rowIndex = new WeakMap<readonly unknown[], Map<string, number[]>>();

/** The figures of one unit (pure; privacy rules applied). */
export function computePersonnel(prepared: PreparedPersonnel, scope: Omit<PersonnelScope, 'period'>): PersonnelResults {
  const { data, rules, hrPeriod: hr, monthsWithData } = prepared;
  const unit = new Set(scope.unitCostCentres);
  const subunits = (scope.subunits ?? []).map((s) => ({ ...s, costCentres: s.costCentres.filter((c) => unit.has(c)) }));
  const subunitOf = subunitIndex(subunits);
  const unitEmployments = rowsOfUnit(data.employments, unit);
  const employments = unitEmployments.filter((e) => e.period <= hr);
  const pieces = rowsOfUnit(prepared.pieces, unit);
  const windows = windowsFor(hr);
  const covered = (w: Window): boolean => isCovered(w, hr, monthsWithData);

  const sickLeave = calculateSickLeave({
    persons: data.persons, employments, pieces, runsByEmployee: prepared.runsByEmployee, monthsWithData,
    hrPeriod: hr, subunits, subunitOf,
  }, rules);

  const headcount = {
    current: headcountAt(employments, rules, hr, monthsWithData.has(hr)),
    previous: headcountAt(employments, rules, addMonths(hr, -12), monthsWithData.has(addMonths(hr, -12))),
  };

  const hired = data.hiredStaff ? rowsOfUnit(data.hiredStaff, unit) : null;
  const worked = {
    current: workedTime(employments, hired, rules, windows.ytd, covered(windows.ytd)),
    previous: workedTime(employments, hired, rules, windows.ytdPrev, covered(windows.ytdPrev)),
  };

  const turnover = calculateTurnover({ persons: data.persons, employments: unitEmployments, monthsWithData }, rules, {
    current: windows.r12, previous: windows.r12Prev,
  });

  const rehabCases = data.rehab ? data.rehab.filter((c) => unit.has(c.costCentre)) : null;
  const rehab = rehabCases
    ? {
        current: rehabFigures(rehabCases, windows.ytd, sickLeave.ytd.total.population, rules, covered(windows.ytd)),
        previous: rehabFigures(rehabCases, windows.ytdPrev, sickLeave.ytdPrev.total.population, rules, covered(windows.ytdPrev)),
      }
    : null;
  const events = data.workEnvironment ? data.workEnvironment.filter((e) => unit.has(e.costCentre)) : null;
  const workEnvironment = events
    ? {
        current: workEnvironmentFigures(events, windows.ytd, covered(windows.ytd)),
        previous: workEnvironmentFigures(events, windows.ytdPrev, covered(windows.ytdPrev)),
        categories: data.workEnvironmentCategories ?? null,
      }
    : null;

  const has = { hired: hired !== null, ...data.columns };
  return { period: prepared.period, hrPeriod: hr, rules, windows, sickLeave, headcount, workedTime: worked, has, turnover, rehab, workEnvironment };
}

/** Prepare and compute in one step (one unit, e.g. in tests): run-level diagnostics included. */
export function calculatePersonnel(
  data: PersonnelData,
  rules: PersonnelRules,
  scope: PersonnelScope,
): { results: PersonnelResults; diagnostics: Diagnostic[] } {
  const { prepared, diagnostics } = preparePersonnel(data, rules, scope.period);
  return { results: computePersonnel(prepared, scope), diagnostics };
}
