/**
 * Sick leave: the seven legal KPIs (LKBR 11 kap., SKR's definitions), duration bands, korttid/medellång/lång, per
 * month, rolling 12 months and the share of employees with 0 and with at most 5 sick days.
 *
 * Definitions (all in hours, integer centihours, exact ratios):
 * - sjukfrånvaro (a group's) = the group's sick-leave hours / the group's own scheduled hours (ordinarie arbetstid).
 *   Example: 2 employees scheduled 160 h each, one sick 16 h → 16 / 320 = 5,00 %.
 * - andel långtidssjukfrånvaro = hours in spells of 60 days or more / all sick-leave hours (not / scheduled).
 * - a band's or a class's figure = its hours / the group's scheduled hours, so the bands add up to the total.
 * - R12 = Σ sick hours / Σ scheduled hours over the 12 months up to the HR period — not an average of monthly rates.
 * - andel med 0 (≤ 5) sjukdagar = employees with scheduled time in the window having 0 (at most 5) calendar days
 *   with any sick leave in the window / all employees with scheduled time in the window.
 * Only employees with scheduled time count: sick hours on an ansvar and month where the employee has no scheduled
 * hours are left out (and counted in a diagnostic). The employee's group (gender, age) is taken per window; the
 * unit from the row's ansvar.
 */
import type { PersonnelRules } from '../../config/personnel-schema.js';
import type { EmploymentMonth, Person } from '../../model/personnel.js';
import { addMonths, monthsBetween } from '../../model/calendar.js';
import { ageGroupsFor, ageReferenceDay, type Subunit } from './groups.js';
import { FigureSet, NO_DATA, type Figure } from './privacy.js';
import { sickDaysWithin, type Run, type SickPiece } from './spells.js';
import { rolling12, shiftWindow, windowFirstDay, windowLastDay, yearToDate, type Window } from './windows.js';

/** Sick-leave figures of one window. Figures not computed for the window are NO_DATA. */
export interface SickLeaveWindowFigures {
  readonly window: Window;
  readonly covered: boolean;
  readonly total: Figure;
  readonly longTermShare: Figure;
  readonly bands: readonly Figure[];
  readonly classes: readonly Figure[];
  readonly women: Figure;
  readonly men: Figure;
  readonly ageGroups: readonly Figure[];
  /** Share of employees with 0 sick days, and with at most `fewDays` (R12 windows only). */
  readonly zeroDays: Figure;
  readonly fewDays: Figure;
}

export interface UnitSickLeave {
  readonly id: string;
  readonly name: string;
  readonly ytd: Figure;
  readonly ytdPrev: Figure;
}

export interface MonthFigure {
  /** YYYYMM */
  readonly period: number;
  readonly figure: Figure;
}

export interface SickLeaveResult {
  readonly ytd: SickLeaveWindowFigures;
  readonly ytdPrev: SickLeaveWindowFigures;
  readonly r12: SickLeaveWindowFigures;
  readonly r12Prev: SickLeaveWindowFigures;
  /** January–December of the HR year (NO_DATA after the HR period) and of the year before. */
  readonly months: readonly MonthFigure[];
  readonly monthsPrev: readonly MonthFigure[];
  /** Sub-units (and "Övriga" for ansvar in none of them), year to date. Empty without sub-units. */
  readonly units: readonly UnitSickLeave[];
}

export interface SickLeaveInput {
  readonly persons: readonly Person[];
  /** Employment months of the unit up to the HR period. */
  readonly employments: readonly EmploymentMonth[];
  /** Sick pieces of the unit up to the HR period. */
  readonly pieces: readonly SickPiece[];
  /** Sick-day runs per employee (all ansvar: a person's sick days are the person's). */
  readonly runsByEmployee: ReadonlyMap<number, readonly Run[]>;
  /** Months present in the employment extract (any ansvar): a window is covered when all its months are. */
  readonly monthsWithData: ReadonlySet<number>;
  readonly hrPeriod: number;
  readonly subunits: readonly Subunit[];
  readonly subunitOf: (costCentre: string) => number;
}

interface PerEmployee {
  sick: number;
  long: number;
  bands: number[];
  classes: number[];
}

/** Sums of one group in one window. */
class Acc {
  readonly employees = new Set<number>();
  scheduled = 0;
  sick = 0;
  long = 0;
  readonly bands: number[];
  readonly classes: number[];
  readonly per = new Map<number, PerEmployee>();

  constructor(private readonly nBands: number, private readonly nClasses: number) {
    this.bands = new Array<number>(nBands).fill(0);
    this.classes = new Array<number>(nClasses).fill(0);
  }

  addScheduled(employee: number, hours: number): void {
    if (hours > 0) this.employees.add(employee);
    this.scheduled += hours;
  }

  addSick(p: SickPiece): void {
    this.sick += p.hours;
    this.bands[p.band]! += p.hours;
    this.classes[p.cls]! += p.hours;
    if (p.longTerm) this.long += p.hours;
    let e = this.per.get(p.employee);
    if (!e) {
      e = { sick: 0, long: 0, bands: new Array<number>(this.nBands).fill(0), classes: new Array<number>(this.nClasses).fill(0) };
      this.per.set(p.employee, e);
    }
    e.sick += p.hours;
    e.bands[p.band]! += p.hours;
    e.classes[p.cls]! += p.hours;
    if (p.longTerm) e.long += p.hours;
  }

  max(pick: (e: PerEmployee) => number): number {
    let m = 0;
    for (const e of this.per.values()) m = Math.max(m, pick(e));
    return m;
  }
}

interface WindowAccs {
  total: Acc;
  gender: Map<'K' | 'M' | 'U', Acc>;
  age: Map<number, Acc>;
  unit: Map<number, Acc>;
}

/** Rows bucketed by month, so a window reads only its own months. */
interface Buckets {
  readonly employments: ReadonlyMap<number, readonly EmploymentMonth[]>;
  readonly pieces: ReadonlyMap<number, readonly SickPiece[]>;
}

function bucket<T extends { readonly period: number }>(rows: readonly T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    let l = m.get(r.period);
    if (!l) m.set(r.period, (l = []));
    l.push(r);
  }
  return m;
}

function accumulate(input: SickLeaveInput, buckets: Buckets, rules: PersonnelRules, w: Window, groups: boolean): WindowAccs {
  const nb = rules.sickLeave.bands.length;
  const nc = rules.sickLeave.classes.length;
  const make = () => new Acc(nb, nc);
  const accs: WindowAccs = { total: make(), gender: new Map(), age: new Map(), unit: new Map() };
  const ages = groups ? ageGroupsFor(input.persons, rules.sickLeave.ageGroups, ageReferenceDay(w, rules.ageAt)) : null;
  const get = <K>(m: Map<K, Acc>, k: K): Acc => {
    let a = m.get(k);
    if (!a) m.set(k, (a = make()));
    return a;
  };
  const targets = (employee: number, costCentre: string): Acc[] => {
    if (!groups || !ages) return [accs.total];
    const g = input.persons[employee]?.gender ?? 'U';
    const a = ages[employee] ?? -1;
    return [accs.total, get(accs.gender, g), get(accs.age, a), get(accs.unit, input.subunitOf(costCentre))];
  };
  for (const m of monthsBetween(w.from, w.to)) {
    for (const e of buckets.employments.get(m) ?? []) {
      if (e.scheduled <= 0) continue;
      for (const acc of targets(e.employee, e.costCentre)) acc.addScheduled(e.employee, e.scheduled);
    }
    for (const p of buckets.pieces.get(m) ?? []) {
      for (const acc of targets(p.employee, p.costCentre)) acc.addSick(p);
    }
  }
  return accs;
}

function covered(input: SickLeaveInput, w: Window): boolean {
  if (w.to > input.hrPeriod) return false;
  return monthsBetween(w.from, w.to).every((m) => input.monthsWithData.has(m));
}

const EMPTY_ACC_INPUT = { num: 0, den: 0, population: 0, maxContribution: 0 };

/** Computes every sick-leave figure of a unit, with suppression applied across all of them. */
export function calculateSickLeave(input: SickLeaveInput, rules: PersonnelRules): SickLeaveResult {
  const sl = rules.sickLeave;
  const hr = input.hrPeriod;
  const windows = {
    ytd: yearToDate(hr),
    ytdPrev: shiftWindow(yearToDate(hr), -12),
    r12: rolling12(hr),
    r12Prev: shiftWindow(rolling12(hr), -12),
  } as const;
  type WKey = keyof typeof windows;
  const fs = new FigureSet(rules.privacy);
  const cov = new Map<WKey, boolean>();
  const buckets: Buckets = { employments: bucket(input.employments), pieces: bucket(input.pieces) };

  const addAcc = (id: string, acc: Acc | undefined, isCovered: boolean, displayed = true): void => {
    if (!acc) {
      fs.add(id, { ...EMPTY_ACC_INPUT, covered: isCovered, displayed });
      return;
    }
    fs.add(id, {
      num: acc.sick, den: acc.scheduled, population: acc.employees.size,
      maxContribution: acc.max((e) => e.sick), covered: isCovered, displayed,
    });
  };

  // Months: every month any window (or the chart) needs, so month partitions are complete.
  const januaryLastYear = (Math.trunc(hr / 100) - 1) * 100 + 1;
  const firstMonth = Math.min(windows.r12Prev.from, januaryLastYear);
  const chartMonths = new Set(monthsBetween(januaryLastYear, hr));
  for (const m of monthsBetween(firstMonth, hr)) {
    const w = { from: m, to: m };
    const accs = accumulate(input, buckets, rules, w, false);
    addAcc(`m.${m}`, accs.total, covered(input, w), chartMonths.has(m));
  }

  for (const key of Object.keys(windows) as WKey[]) {
    const w = windows[key];
    const isCovered = covered(input, w);
    cov.set(key, isCovered);
    const accs = accumulate(input, buckets, rules, w, true);
    const t = accs.total;
    const isR12 = key === 'r12' || key === 'r12Prev';
    addAcc(`${key}.total`, t, isCovered);
    fs.add(`${key}.long`, {
      num: t.long, den: t.sick, population: t.employees.size,
      maxContribution: t.max((e) => e.long), covered: isCovered,
      // With no sick hours there is no share to show; "empty" handles a zero denominator.
    });
    const bandIds = sl.bands.map((_, i) => `${key}.band.${i}`);
    sl.bands.forEach((_, i) => fs.add(bandIds[i]!, {
      num: t.bands[i]!, den: t.scheduled, population: t.employees.size,
      maxContribution: t.max((e) => e.bands[i]!), covered: isCovered, displayed: !isR12,
    }));
    fs.partition(`${key}.total`, bandIds);
    const classIds = sl.classes.map((_, i) => `${key}.class.${i}`);
    sl.classes.forEach((_, i) => fs.add(classIds[i]!, {
      num: t.classes[i]!, den: t.scheduled, population: t.employees.size,
      maxContribution: t.max((e) => e.classes[i]!), covered: isCovered, displayed: isR12,
    }));
    fs.partition(`${key}.total`, classIds);

    addAcc(`${key}.gender.K`, accs.gender.get('K'), isCovered);
    addAcc(`${key}.gender.M`, accs.gender.get('M'), isCovered);
    addAcc(`${key}.gender.U`, accs.gender.get('U'), isCovered, false);
    fs.partition(`${key}.total`, [`${key}.gender.K`, `${key}.gender.M`, `${key}.gender.U`]);

    const ageIds = [...sl.ageGroups, 0].map((_, i) => `${key}.age.${i}`);
    ageIds.forEach((id, i) => addAcc(id, accs.age.get(i), isCovered));
    addAcc(`${key}.age.U`, accs.age.get(-1), isCovered, false);
    fs.partition(`${key}.total`, [...ageIds, `${key}.age.U`]);

    if (input.subunits.length > 0 && !isR12) {
      const unitIds = input.subunits.map((_, i) => `${key}.unit.${i}`);
      unitIds.forEach((id, i) => addAcc(id, accs.unit.get(i), isCovered));
      addAcc(`${key}.unit.rest`, accs.unit.get(-1), isCovered);
      fs.partition(`${key}.total`, [...unitIds, `${key}.unit.rest`]);
    }

    fs.partition(`${key}.total`, monthsBetween(w.from, w.to).map((m) => `m.${m}`));

    if (isR12) {
      const from = windowFirstDay(w);
      const to = windowLastDay(w);
      let zero = 0;
      let few = 0;
      for (const e of t.employees) {
        const days = sickDaysWithin(input.runsByEmployee.get(e), from, to);
        if (days === 0) zero++;
        if (days <= sl.fewDays) few++;
      }
      const pop = t.employees.size;
      fs.add(`${key}.zero`, { num: zero, den: pop, population: pop, maxContribution: 0, covered: isCovered });
      fs.add(`${key}.few`, { num: few, den: pop, population: pop, maxContribution: 0, covered: isCovered });
    }
  }

  fs.resolve();

  const windowFigures = (key: WKey): SickLeaveWindowFigures => {
    const isR12 = key === 'r12' || key === 'r12Prev';
    return {
      window: windows[key],
      covered: cov.get(key) ?? false,
      total: fs.get(`${key}.total`),
      longTermShare: fs.get(`${key}.long`),
      bands: sl.bands.map((_, i) => (isR12 ? NO_DATA : fs.get(`${key}.band.${i}`))),
      classes: sl.classes.map((_, i) => (isR12 ? fs.get(`${key}.class.${i}`) : NO_DATA)),
      women: fs.get(`${key}.gender.K`),
      men: fs.get(`${key}.gender.M`),
      ageGroups: [...sl.ageGroups, 0].map((_, i) => fs.get(`${key}.age.${i}`)),
      zeroDays: isR12 ? fs.get(`${key}.zero`) : NO_DATA,
      fewDays: isR12 ? fs.get(`${key}.few`) : NO_DATA,
    };
  };

  const year = Math.trunc(hr / 100);
  const monthList = (y: number): MonthFigure[] =>
    Array.from({ length: 12 }, (_, i) => {
      const m = y * 100 + i + 1;
      return { period: m, figure: m <= hr && fs.has(`m.${m}`) ? fs.get(`m.${m}`) : NO_DATA };
    });

  const units: UnitSickLeave[] = [];
  if (input.subunits.length > 0) {
    input.subunits.forEach((s, i) => {
      units.push({ id: s.id, name: s.name, ytd: fs.get(`ytd.unit.${i}`), ytdPrev: fs.get(`ytdPrev.unit.${i}`) });
    });
    const rest = { ytd: fs.get('ytd.unit.rest'), ytdPrev: fs.get('ytdPrev.unit.rest') };
    if (rest.ytd.population > 0 || rest.ytdPrev.population > 0) units.push({ id: 'ovriga', name: 'Övriga', ...rest });
  }

  return {
    ytd: windowFigures('ytd'),
    ytdPrev: windowFigures('ytdPrev'),
    r12: windowFigures('r12'),
    r12Prev: windowFigures('r12Prev'),
    months: monthList(year),
    monthsPrev: monthList(year - 1),
    units,
  };
}

/** Months needed before the HR period for every sick-leave window (R12 a year ago starts 23 months earlier). */
export function earliestMonthNeeded(hr: number): number {
  return addMonths(hr, -23);
}
