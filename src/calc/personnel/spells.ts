/**
 * Sick-leave spells: the absence extract's intervals joined into spells per employee, then cut into pieces by month
 * and by duration band, with the hours shared out exactly.
 *
 * - A *run* is a stretch of consecutive calendar days with sick leave (overlapping or adjacent intervals merge;
 *   partial-day intervals count as sick days).
 * - A *spell* (sjukperiod) is one run, or several runs joined when re-sickness starts at most `rejoinWithinDays`
 *   days after the previous run ended (sjuklönelagens återinsjuknanderegel; next.from − prev.to ≤ 5). The days in
 *   between are not sick days and do not count towards the spell's length or day numbers.
 * - Day number: the n-th sick day of its spell. Bands and korttid/medellång/lång go by day number (seed 002:
 *   "varav dag 1–14"), or by the spell's whole length when `bandBasis: spellLength`.
 * - Långtid (SKR): every hour of a spell of `longTermDays` (60) days or more counts, including its first 59 days.
 * - Data after the HR period's last day is not used: spells are cut there, so a figure does not change with the
 *   day the extract was taken.
 *
 * An interval's hours are spread evenly over its calendar days and shared between pieces by the largest-remainder
 * method, so the pieces add up to the interval's hours exactly. An extract already split per month (as Heroma
 * can produce) is therefore taken as it is.
 */
import type { DayRange } from '../../config/personnel-schema.js';
import type { SickLeaveRecord } from '../../model/personnel.js';
import { firstDayOfMonth, addMonths, monthOfDay } from '../../model/calendar.js';

export interface SpellRules {
  readonly rejoinWithinDays: number;
  readonly longTermDays: number;
  readonly bands: readonly DayRange[];
  readonly classes: readonly DayRange[];
  readonly bandBasis: 'dayNumber' | 'spellLength';
}

/** Sick hours of one employee, ansvar, month, band and class. */
export interface SickPiece {
  readonly employee: number;
  readonly costCentre: string;
  /** YYYYMM */
  readonly period: number;
  /** Centihours. */
  readonly hours: number;
  readonly band: number;
  readonly cls: number;
  /** Part of a spell of `longTermDays` or more. */
  readonly longTerm: boolean;
}

export interface Run {
  readonly from: number;
  readonly to: number;
}

export interface Spell {
  readonly runs: readonly Run[];
  /** Sick days of the spell (days between joined runs excluded). */
  readonly length: number;
}

export interface SplitResult {
  readonly pieces: readonly SickPiece[];
  /** Sick calendar days per employee as disjoint runs (cut at the last day). */
  readonly runsByEmployee: ReadonlyMap<number, readonly Run[]>;
  readonly spellsByEmployee: ReadonlyMap<number, readonly Spell[]>;
  /** Hours (centihours) in the extract after the last day, left out. */
  readonly hoursAfterLastDay: number;
}

/** Index of the range holding day `n`. */
export function rangeIndex(ranges: readonly DayRange[], n: number): number {
  for (let i = ranges.length - 1; i >= 0; i--) if (n >= ranges[i]!.from) return i;
  return 0;
}

/** Merges intervals into runs of consecutive days. */
export function toRuns(intervals: readonly Run[]): Run[] {
  const sorted = [...intervals].sort((a, b) => a.from - b.from || a.to - b.to);
  const runs: { from: number; to: number }[] = [];
  for (const iv of sorted) {
    const last = runs[runs.length - 1];
    if (last && iv.from <= last.to + 1) last.to = Math.max(last.to, iv.to);
    else runs.push({ from: iv.from, to: iv.to });
  }
  return runs;
}

/** Joins runs into spells: re-sickness starting at most `rejoinWithinDays` after the previous run ended. */
export function toSpells(runs: readonly Run[], rejoinWithinDays: number): Spell[] {
  const spells: { runs: Run[]; length: number }[] = [];
  for (const r of runs) {
    const last = spells[spells.length - 1];
    const prevRun = last?.runs[last.runs.length - 1];
    const len = r.to - r.from + 1;
    if (last && prevRun && rejoinWithinDays > 0 && r.from - prevRun.to <= rejoinWithinDays) {
      last.runs.push(r);
      last.length += len;
    } else {
      spells.push({ runs: [r], length: len });
    }
  }
  return spells;
}

/**
 * Shares `total` over parts by weight, exactly: floor of each share, then the remaining units to the largest
 * remainders (earlier parts first on ties). Example: share(100, [1, 1, 1]) = [34, 33, 33].
 */
export function share(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const base = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - base.reduce((a, b) => a + b, 0);
  const order = weights
    .map((w, i) => ({ i, rem: (total * w) % sum }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; left > 0 && k < order.length; k++, left--) base[order[k]!.i]! += 1;
  return base;
}

/** Splits all sick-leave records into pieces. `lastDay` is the last day of the HR period (inclusive). */
export function splitSickLeave(records: readonly SickLeaveRecord[], rules: SpellRules, lastDay: number): SplitResult {
  const byEmployee = new Map<number, SickLeaveRecord[]>();
  for (const r of records) {
    let list = byEmployee.get(r.employee);
    if (!list) byEmployee.set(r.employee, (list = []));
    list.push(r);
  }
  const pieces: SickPiece[] = [];
  const runsByEmployee = new Map<number, Run[]>();
  const spellsByEmployee = new Map<number, Spell[]>();
  let hoursAfterLastDay = 0;
  const thresholds = [...new Set([...rules.bands, ...rules.classes].map((r) => r.from).filter((f) => f > 1))];

  for (const [employee, recs] of byEmployee) {
    const cut = recs.filter((r) => r.from <= lastDay).map((r) => ({ from: r.from, to: Math.min(r.to, lastDay) }));
    const runs = toRuns(cut);
    const spells = toSpells(runs, rules.rejoinWithinDays);
    runsByEmployee.set(employee, runs);
    spellsByEmployee.set(employee, spells);
    // Each run's spell and the sick days of that spell before the run starts.
    const runInfo = new Map<number, { spell: Spell; offset: number }>();
    for (const s of spells) {
      let offset = 0;
      for (const r of s.runs) {
        runInfo.set(r.from, { spell: s, offset });
        offset += r.to - r.from + 1;
      }
    }
    const runOf = (day: number): Run | undefined => {
      // Runs are few per employee; a linear scan is enough.
      for (const r of runs) if (day >= r.from && day <= r.to) return r;
      return undefined;
    };

    for (const rec of recs) {
      const breaks = new Set<number>([rec.from]);
      for (let m = addMonths(monthOfDay(rec.from), 1); firstDayOfMonth(m) <= rec.to; m = addMonths(m, 1)) {
        breaks.add(firstDayOfMonth(m));
      }
      if (lastDay + 1 > rec.from && lastDay + 1 <= rec.to) breaks.add(lastDay + 1);
      const run = rec.from <= lastDay ? runOf(rec.from) : undefined;
      const info = run ? runInfo.get(run.from) : undefined;
      if (run && info && rules.bandBasis === 'dayNumber') {
        for (const t of thresholds) {
          const d = run.from + (t - 1 - info.offset);
          if (d > rec.from && d <= rec.to) breaks.add(d);
        }
      }
      const starts = [...breaks].sort((a, b) => a - b);
      const parts = starts.map((s, i) => ({ from: s, to: (starts[i + 1] ?? rec.to + 1) - 1 }));
      const hours = share(rec.hours, parts.map((p) => p.to - p.from + 1));
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i]!;
        const h = hours[i]!;
        if (p.from > lastDay || !run || !info) {
          hoursAfterLastDay += h;
          continue;
        }
        const dayNumber = info.offset + (p.from - run.from) + 1;
        const basis = rules.bandBasis === 'dayNumber' ? dayNumber : info.spell.length;
        pieces.push({
          employee,
          costCentre: rec.costCentre,
          period: monthOfDay(p.from),
          hours: h,
          band: rangeIndex(rules.bands, basis),
          cls: rangeIndex(rules.classes, basis),
          longTerm: info.spell.length >= rules.longTermDays,
        });
      }
    }
  }
  return { pieces, runsByEmployee, spellsByEmployee, hoursAfterLastDay };
}

/** Sick calendar days of the runs that fall within [from, to]. */
export function sickDaysWithin(runs: readonly Run[] | undefined, from: number, to: number): number {
  if (!runs) return 0;
  let n = 0;
  for (const r of runs) {
    const a = Math.max(r.from, from);
    const b = Math.min(r.to, to);
    if (b >= a) n += b - a + 1;
  }
  return n;
}
