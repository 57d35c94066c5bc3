/**
 * Staff figures: antal anställda by form of employment, arbetad tid and årsarbetare (seed 002), personalomsättning
 * with its components (seed 003), rehabiliteringsärenden and arbetsmiljöavvikelser.
 */
import type { PersonnelRules } from '../../config/personnel-schema.js';
import type {
  EmploymentMonth, HiredStaffRecord, LeaveCategory, Person, RehabCase, WorkEnvironmentEvent,
} from '../../model/personnel.js';
import { lastDayOfMonth, monthOfDay, monthsBetween } from '../../model/calendar.js';
import { ageGroupsFor, ageReferenceDay } from './groups.js';
import { FigureSet, type Figure, type SuppressionReason } from './privacy.js';
import { inWindow, windowFirstDay, windowLastDay, windowMonths, type Window } from './windows.js';

// ---------------------------------------------------------------------------------------------------------------
// Antal anställda

export interface Headcount {
  /** YYYYMM whose last day the count is taken on. */
  readonly period: number;
  /** Per form with `headcount: true`, in config order. null = month not covered by the extract. */
  readonly forms: readonly { readonly label: string; readonly count: number | null }[];
  readonly total: number | null;
}

/** Active on the month's last day: started by then and not ended before it. */
export function activeAtMonthEnd(e: EmploymentMonth): boolean {
  const last = lastDayOfMonth(e.period);
  return (e.start === null || e.start <= last) && (e.end === null || e.end >= last);
}

/**
 * Antal anställda on the last day of a month: persons with an employment of a counted form, each person once, in
 * the first of its forms in config order (a tillsvidareanställd with extra hourly work counts as tillsvidare).
 * Example: A tillsvidare + timavlönad, B visstid → Tillsvidare 1, Visstid 1, total 2.
 */
export function headcountAt(employments: readonly EmploymentMonth[], rules: PersonnelRules, ym: number, covered: boolean): Headcount {
  const forms = rules.staff.forms.filter((f) => f.headcount);
  if (!covered) return { period: ym, forms: forms.map((f) => ({ label: f.label, count: null })), total: null };
  const rank = new Map(rules.staff.forms.map((f, i) => [f.label, i]));
  const best = new Map<number, number>();
  for (const e of employments) {
    if (e.period !== ym || !activeAtMonthEnd(e)) continue;
    const r = rank.get(e.form);
    if (r === undefined || !rules.staff.forms[r]!.headcount) continue;
    const prev = best.get(e.employee);
    if (prev === undefined || r < prev) best.set(e.employee, r);
  }
  const counts = new Map<number, number>();
  for (const r of best.values()) counts.set(r, (counts.get(r) ?? 0) + 1);
  return {
    period: ym,
    forms: forms.map((f) => ({ label: f.label, count: counts.get(rank.get(f.label)!) ?? 0 })),
    total: best.size,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Arbetad tid (seed 002)

/** Hours are centihours. `null` = the window is not covered by the extracts. */
export interface WorkedTime {
  readonly window: Window;
  /** Utförd arbetstid egen personal (including overtime/mertid and hourly-paid). */
  readonly own: number;
  readonly overtime: number;
  readonly hourlyPaid: number;
  /** Utförd arbetstid externt inhyrd personal; null when no hired-staff input is configured. */
  readonly hired: number | null;
  /** Arbetad tid inkl jour/beredskap = own + hired. */
  readonly inclOnCall: number;
  /** Avdrag arbetad tid under jour/beredskap (positive hours, shown negative). */
  readonly onCall: number;
  /** Arbetad tid exkl jour/beredskap = inclOnCall − onCall. */
  readonly exclOnCall: number;
  /**
   * Årsarbetare = arbetad tid exkl jour/beredskap / (yearly norm × months / 12), as an exact ratio of hours.
   * Example: 150 954 h over 7 months with norm 1 700 → 150 954 × 12 / (1 700 × 7) = 152,2.
   */
  readonly fullTimeEquivalents: { readonly num: number; readonly den: number };
}

export function workedTime(
  employments: readonly EmploymentMonth[],
  hired: readonly HiredStaffRecord[] | null,
  rules: PersonnelRules,
  w: Window,
  covered: boolean,
): WorkedTime | null {
  if (!covered) return null;
  let own = 0;
  let overtime = 0;
  let hourlyPaid = 0;
  let onCall = 0;
  for (const e of employments) {
    if (!inWindow(e.period, w)) continue;
    own += e.worked;
    overtime += e.overtime;
    hourlyPaid += e.hourlyPaid;
    onCall += e.onCall;
  }
  let hiredHours: number | null = null;
  if (hired) {
    hiredHours = 0;
    for (const h of hired) if (inWindow(h.period, w)) hiredHours += h.hours;
  }
  const inclOnCall = own + (hiredHours ?? 0);
  const exclOnCall = inclOnCall - onCall;
  return {
    window: w, own, overtime, hourlyPaid, hired: hiredHours, inclOnCall, onCall, exclOnCall,
    fullTimeEquivalents: { num: exclOnCall * 12, den: rules.staff.yearlyNormHours * 100 * windowMonths(w) },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Personalomsättning (seed 003)

export interface TurnoverFigures {
  readonly window: Window;
  readonly covered: boolean;
  /** Leavers × 12 / Σ headcount at the 12 month-ends (= leavers / average headcount). */
  readonly total: Figure;
  readonly pension: Figure;
  readonly internal: Figure;
  readonly external: Figure;
  readonly women: Figure;
  readonly men: Figure;
  readonly ageGroups: readonly Figure[];
  /** Leavers and average headcount (for the reader's check; not printed for a suppressed total). */
  readonly leavers: number;
  readonly averageHeadcount: { readonly num: number; readonly den: number };
}

export interface TurnoverResult {
  readonly current: TurnoverFigures;
  readonly previous: TurnoverFigures;
  /** Leavers of the windows without a reason for leaving, counted as external. */
  readonly leaversWithoutReason: number;
}

interface TurnoverInput {
  readonly persons: readonly Person[];
  /** The unit's employment months, including any after the HR period (they tell whether a leaver moved on within the unit). */
  readonly employments: readonly EmploymentMonth[];
  readonly monthsWithData: ReadonlySet<number>;
}

/**
 * Personalomsättning over a rolling 12-month window = leavers / average headcount, where
 * - headcount = persons with an employment of the turnover forms (tillsvidare by default) on each month's last day,
 *   averaged over the window's months;
 * - a leaver = such an employment ending within the window whose reason is pension, internal (another job within
 *   the region) or external; an employment followed by another of the turnover forms within the unit the next day
 *   (a move between its own ansvar) is not a leaver; reasons listed as `none` are not either.
 * Each component, gender and age group is over its own average headcount (age on the configured reference day).
 * Example: 12 leavers, headcount 100 every month → 12 × 12 / 1 200 = 12,00 %.
 */
export function calculateTurnover(input: TurnoverInput, rules: PersonnelRules, windows: { current: Window; previous: Window }): TurnoverResult {
  const scope = new Set(rules.turnover.forms);
  const inScope = input.employments.filter((e) => scope.has(e.form));
  const fs = new FigureSet({ ...rules.privacy });
  let withoutReason = 0;
  type Counts = Pick<TurnoverFigures, 'window' | 'covered' | 'leavers' | 'averageHeadcount'>;
  const counts = new Map<'current' | 'previous', Counts>();

  const byPeriod = new Map<number, EmploymentMonth[]>();
  for (const e of inScope) {
    let l = byPeriod.get(e.period);
    if (!l) byPeriod.set(e.period, (l = []));
    l.push(e);
  }
  // Who continues within the unit: employee → months with an in-scope employment active after a given day.
  const byEmployeeMonth = new Map<string, EmploymentMonth[]>();
  for (const e of inScope) {
    const k = `${e.employee}|${e.period}`;
    let l = byEmployeeMonth.get(k);
    if (!l) byEmployeeMonth.set(k, (l = []));
    l.push(e);
  }
  /** Another turnover-form employment in the unit active the day after `end`: a move, not a leaver. */
  const continues = (e: EmploymentMonth, end: number): boolean => {
    const next = end + 1;
    const rows = byEmployeeMonth.get(`${e.employee}|${monthOfDay(next)}`) ?? [];
    return rows.some((r) => r !== e && (r.start === null || r.start <= next) && (r.end === null || r.end >= next));
  };

  for (const key of ['current', 'previous'] as const) {
    const w = windows[key];
    const months = monthsBetween(w.from, w.to);
    const isCovered = months.every((m) => input.monthsWithData.has(m));
    const ages = ageGroupsFor(input.persons, rules.turnover.ageGroups, ageReferenceDay(w, rules.ageAt));
    const nAges = rules.turnover.ageGroups.length + 1;
    // Σ month-end headcounts and the persons counted, per group.
    const groupKeys = (emp: number): string[] => {
      const g = input.persons[emp]?.gender ?? 'U';
      const a = ages[emp] ?? -1;
      return ['total', `gender.${g}`, `age.${a < 0 ? 'U' : a}`];
    };
    const headSum = new Map<string, number>();
    const people = new Map<string, Set<number>>();
    for (const m of months) {
      const seen = new Set<number>();
      for (const e of byPeriod.get(m) ?? []) {
        if (!activeAtMonthEnd(e) || seen.has(e.employee)) continue;
        seen.add(e.employee);
        for (const k of groupKeys(e.employee)) {
          headSum.set(k, (headSum.get(k) ?? 0) + 1);
          let s = people.get(k);
          if (!s) people.set(k, (s = new Set()));
          s.add(e.employee);
        }
      }
    }
    // Leavers: distinct (employee, end day).
    const first = windowFirstDay(w);
    const last = windowLastDay(w);
    const leaverKeys = new Set<string>();
    const leaves = new Map<string, number>();
    for (const e of months.flatMap((m) => byPeriod.get(m) ?? [])) {
      if (e.end === null || e.end < first || e.end > last) continue;
      if (monthOfDay(e.end) !== e.period) continue; // count the row of the month the employment ends in
      const cat: LeaveCategory = e.leaveCategory ?? 'external';
      if (cat === 'none') continue;
      const lk = `${e.employee}|${e.end}`;
      if (leaverKeys.has(lk)) continue;
      if (continues(e, e.end)) continue;
      leaverKeys.add(lk);
      if (e.leaveCategory === null) withoutReason++;
      for (const k of [...groupKeys(e.employee), `cat.${cat}`]) leaves.set(k, (leaves.get(k) ?? 0) + 1);
    }
    const add = (id: string, group: string, leaversKey = group): void => {
      const den = headSum.get(group) ?? 0;
      fs.add(`${key}.${id}`, {
        num: (leaves.get(leaversKey) ?? 0) * months.length, den,
        population: people.get(group)?.size ?? 0, maxContribution: 0, covered: isCovered, displayed: id !== 'gender.U' && id !== 'age.U',
      });
    };
    add('total', 'total');
    add('pension', 'total', 'cat.pension');
    add('internal', 'total', 'cat.internal');
    add('external', 'total', 'cat.external');
    add('gender.K', 'gender.K');
    add('gender.M', 'gender.M');
    add('gender.U', 'gender.U');
    fs.partition(`${key}.total`, [`${key}.gender.K`, `${key}.gender.M`, `${key}.gender.U`]);
    const ageIds: string[] = [];
    for (let i = 0; i < nAges; i++) {
      add(`age.${i}`, `age.${i}`);
      ageIds.push(`${key}.age.${i}`);
    }
    add('age.U', 'age.U');
    fs.partition(`${key}.total`, [...ageIds, `${key}.age.U`]);
    counts.set(key, {
      window: w, covered: isCovered, leavers: leaverKeys.size,
      averageHeadcount: { num: headSum.get('total') ?? 0, den: months.length },
    });
  }
  fs.resolve();
  const figures = (key: 'current' | 'previous'): TurnoverFigures => {
    return {
      ...counts.get(key)!,
      total: fs.get(`${key}.total`),
      pension: fs.get(`${key}.pension`),
      internal: fs.get(`${key}.internal`),
      external: fs.get(`${key}.external`),
      women: fs.get(`${key}.gender.K`),
      men: fs.get(`${key}.gender.M`),
      ageGroups: Array.from({ length: rules.turnover.ageGroups.length + 1 }, (_, i) => fs.get(`${key}.age.${i}`)),
    };
  };
  return { current: figures('current'), previous: figures('previous'), leaversWithoutReason: withoutReason };
}

// ---------------------------------------------------------------------------------------------------------------
// Rehabiliteringsärenden and arbetsmiljöavvikelser (seed 002)

/** A count that may be withheld (health data about a small group). */
export interface CountFigure {
  readonly value: number | null;
  readonly suppressed: SuppressionReason | null;
}

export interface RehabFigures {
  readonly window: Window;
  /** Cases open at some time in the window (ack). */
  readonly cases: CountFigure;
  /** Of which closed within the window. */
  readonly closed: CountFigure;
}

/**
 * Rehabiliteringsärenden (ack): cases open at any time in the window, and those closed in it. Withheld when the
 * unit has `maxSuppressedGroupSize` employees or fewer in the window (health data).
 */
export function rehabFigures(cases: readonly RehabCase[], w: Window, population: number, rules: PersonnelRules, covered: boolean): RehabFigures {
  if (!covered) return { window: w, cases: { value: null, suppressed: null }, closed: { value: null, suppressed: null } };
  if (population <= rules.privacy.maxSuppressedGroupSize) {
    const reason: SuppressionReason = population === 0 ? 'empty' : 'smallGroup';
    return { window: w, cases: { value: null, suppressed: reason }, closed: { value: null, suppressed: reason } };
  }
  const first = windowFirstDay(w);
  const last = windowLastDay(w);
  let open = 0;
  let closed = 0;
  for (const c of cases) {
    if (c.opened > last || (c.closed !== null && c.closed < first)) continue;
    open++;
    if (c.closed !== null && c.closed <= last) closed++;
  }
  return { window: w, cases: { value: open, suppressed: null }, closed: { value: closed, suppressed: null } };
}

export interface WorkEnvironmentFigures {
  readonly window: Window;
  readonly incidents: number | null;
  readonly risks: number | null;
  readonly total: number | null;
  /** Per category (e.g. "Hot och våld", "Stickskada"), sorted by name; empty without a category column. */
  readonly categories: readonly { readonly name: string; readonly count: number }[];
}

/** Arbetsmiljöavvikelser (ack): händelser and risker reported in the window. */
export function workEnvironmentFigures(events: readonly WorkEnvironmentEvent[], w: Window, covered: boolean): WorkEnvironmentFigures {
  if (!covered) return { window: w, incidents: null, risks: null, total: null, categories: [] };
  const first = windowFirstDay(w);
  const last = windowLastDay(w);
  let incidents = 0;
  let risks = 0;
  const cats = new Map<string, number>();
  for (const e of events) {
    if (e.day < first || e.day > last) continue;
    if (e.kind === 'incident') incidents++;
    else risks++;
    if (e.category) cats.set(e.category, (cats.get(e.category) ?? 0) + 1);
  }
  const categories = [...cats.entries()].sort((a, b) => a[0].localeCompare(b[0], 'sv')).map(([name, count]) => ({ name, count }));
  return { window: w, incidents, risks, total: incidents + risks, categories };
}
