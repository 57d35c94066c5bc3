/**
 * Swedish public holidays and working days, computed (never listed): the allmänna helgdagar of lagen (1989:253) and
 * the eves that are days off under the collective agreements of regions and the state (midsommarafton, julafton,
 * nyårsafton). Easter by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). Day numbers as in calendar.ts.
 */
import { dayOf } from './calendar.js';

/** Easter Sunday of a Gregorian year as [month, day]. Example: 2024 → [3, 31]; 2025 → [4, 20]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

/** Weekday of a day number: 0 Monday … 6 Sunday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The first day from `from` (inclusive) that falls on `wd` (0 Monday … 6 Sunday). */
function firstWeekdayFrom(from: number, wd: number): number {
  return from + ((wd - weekday(from) + 7) % 7);
}

/** The year's holidays and days off, by day number, with their Swedish names. */
export function swedishDaysOff(year: number): Map<number, string> {
  const [em, ed] = easterSunday(year);
  const easter = dayOf(year, em, ed);
  const days: [number, string][] = [
    [dayOf(year, 1, 1), 'nyårsdagen'],
    [dayOf(year, 1, 6), 'trettondedag jul'],
    [easter - 2, 'långfredagen'],
    [easter, 'påskdagen'],
    [easter + 1, 'annandag påsk'],
    [dayOf(year, 5, 1), 'första maj'],
    [easter + 39, 'Kristi himmelsfärdsdag'],
    [easter + 49, 'pingstdagen'],
    [dayOf(year, 6, 6), 'Sveriges nationaldag'],
    // Midsommardagen: the Saturday 20–26 June; midsommarafton the day before.
    [firstWeekdayFrom(dayOf(year, 6, 20), 5), 'midsommardagen'],
    [firstWeekdayFrom(dayOf(year, 6, 20), 5) - 1, 'midsommarafton'],
    // Alla helgons dag: the Saturday 31 October – 6 November.
    [firstWeekdayFrom(dayOf(year, 10, 31), 5), 'alla helgons dag'],
    [dayOf(year, 12, 24), 'julafton'],
    [dayOf(year, 12, 25), 'juldagen'],
    [dayOf(year, 12, 26), 'annandag jul'],
    [dayOf(year, 12, 31), 'nyårsafton'],
  ];
  return new Map(days);
}

/** Working days (Monday–Friday, not a holiday or day off) in each month of the year, January first. */
export function workingDaysPerMonth(year: number): number[] {
  const off = swedishDaysOff(year);
  const out: number[] = [];
  for (let m = 1; m <= 12; m++) {
    let n = 0;
    for (let d = dayOf(year, m, 1); d < dayOf(year, m + 1, 1); d++) if (weekday(d) < 5 && !off.has(d)) n++;
    out.push(n);
  }
  return out;
}
