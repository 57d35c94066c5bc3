/**
 * Grouping of employees: gender, age group (age on a configurable reference day) and sub-unit.
 */
import type { Person } from '../../model/personnel.js';
import { ageOn, dayOf, lastDayOfMonth } from '../../model/calendar.js';
import type { Window } from './windows.js';

/** Index of the age group for upper bounds [29, 49]: ≤ 29 → 0, 30–49 → 1, ≥ 50 → 2. */
export function ageGroupIndex(bounds: readonly number[], age: number): number {
  for (let i = 0; i < bounds.length; i++) if (age <= bounds[i]!) return i;
  return bounds.length;
}

/** "29 år eller yngre", "30–49 år", "50 år eller äldre". */
export function ageGroupLabels(bounds: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i <= bounds.length; i++) {
    if (i === 0) out.push(`${bounds[0]} år eller yngre`);
    else if (i === bounds.length) out.push(`${bounds[i - 1]! + 1} år eller äldre`);
    else out.push(`${bounds[i - 1]! + 1}–${bounds[i]} år`);
  }
  return out;
}

/**
 * The day ages are taken on for a measured window: 31 December of the window's last year (`yearEnd`: the age one
 * turns during the year) or the window's last day (`periodEnd`).
 */
export function ageReferenceDay(w: Window, ageAt: 'yearEnd' | 'periodEnd'): number {
  return ageAt === 'yearEnd' ? dayOf(Math.trunc(w.to / 100), 12, 31) : lastDayOfMonth(w.to);
}

/** Age of a person on a day: from the birth date, else the age the extract gave; null when unknown. */
export function ageOf(p: Person | undefined, refDay: number): number | null {
  if (!p) return null;
  if (p.birthDay !== null) return ageOn(p.birthDay, refDay);
  return p.age;
}

/**
 * Age-group index per employee for a window (-1 = unknown age). The same persons, bounds and day give the same groups:
 * a batch asks for them once per unit and window, over the whole extract's persons, so they are kept per persons
 * array (the caller only reads them).
 */
export function ageGroupsFor(persons: readonly Person[], bounds: readonly number[], refDay: number): Readonly<Int16Array> {
  let byKey = ageGroupMemo.get(persons);
  if (!byKey) ageGroupMemo.set(persons, (byKey = new Map()));
  const key = `${bounds.join(',')}|${refDay}`;
  let out = byKey.get(key);
  if (!out) {
    out = new Int16Array(persons.length);
    for (let i = 0; i < persons.length; i++) {
      const age = ageOf(persons[i], refDay);
      out[i] = age === null ? -1 : ageGroupIndex(bounds, age);
    }
    byKey.set(key, out);
  }
  return out;
}

const ageGroupMemo = new WeakMap<readonly Person[], Map<string, Int16Array>>();

export interface Subunit {
  readonly id: string;
  readonly name: string;
  readonly costCentres: readonly string[];
}

/** Ansvar → index of the sub-unit holding it; ansvar in no sub-unit map to -1 ("Övriga"). */
export function subunitIndex(subunits: readonly Subunit[]): (costCentre: string) => number {
  const m = new Map<string, number>();
  subunits.forEach((s, i) => s.costCentres.forEach((c) => m.set(c, i)));
  return (c) => m.get(c) ?? -1;
}
