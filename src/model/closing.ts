/**
 * The closing calendar (bokslutskalender), purely: when each month's books are closed, which period is the latest
 * closed one on a given day, and the dates coming after a day. Days are day numbers (calendar.ts); months YYYYMM.
 * The clock is read by the command line only (cli/today.ts), never here.
 */
import { dayOf, isoOf, parseIsoDay } from './calendar.js';

/** The configuration's `calendar:` section, as far as this module needs it. */
export interface ClosingCalendar {
  readonly closing: { readonly dayOfNextMonth: number; readonly dates: Readonly<Record<string, string>> };
  readonly events: readonly { readonly date: string; readonly what: string }[];
}

const monthKey = (ym: number): string => `${Math.trunc(ym / 100)}-${String(ym % 100).padStart(2, '0')}`;

/**
 * The day month `ym` is closed: its exception date when the configuration lists one, else day `dayOfNextMonth` of the
 * next month. Example: dayOfNextMonth 10 → 2024-08 is closed on 2024-09-10; with "2024-07": "2024-08-20", July on
 * 20 August.
 */
export function closingDay(ym: number, cal: ClosingCalendar): number {
  const exception = cal.closing.dates[monthKey(ym)];
  if (exception !== undefined) {
    const d = parseIsoDay(exception);
    if (d !== null) return d;
  }
  const y = Math.trunc(ym / 100);
  const m = ym % 100;
  return m === 12 ? dayOf(y + 1, 1, cal.closing.dayOfNextMonth) : dayOf(y, m + 1, cal.closing.dayOfNextMonth);
}

/**
 * The latest month closed on or before `today` (a month closed on `today` counts): searched from today's month
 * back over three years, the first month whose closing day has come. null when none has.
 * Example: dayOfNextMonth 10; on 2024-09-09 the latest closed month is 2024-07, on 2024-09-10 it is 2024-08.
 */
export function latestClosedPeriod(today: number, cal: ClosingCalendar): number | null {
  const { year, month } = ymd(today);
  let ym = year * 100 + month;
  for (let i = 0; i < 36; i++) {
    if (closingDay(ym, cal) <= today) return ym;
    ym = ym % 100 === 1 ? ym - 89 : ym - 1;
  }
  return null;
}

function ymd(day: number): { year: number; month: number } {
  const [y, m] = isoOf(day).split('-').map(Number) as [number, number];
  return { year: y, month: m };
}

/** A coming date of the calendar: a month's closing or a configured event. */
export interface CalendarEntry {
  readonly day: number;
  /** "closing": the month `period` is closed; "event": a configured date. */
  readonly kind: 'closing' | 'event';
  readonly what: string;
  readonly period?: number;
}

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/**
 * The dates from `today` (inclusive) up to `months` months ahead: every month's closing and every configured event,
 * in date order (closings first on the same day).
 */
export function upcomingDates(today: number, cal: ClosingCalendar, months: number): CalendarEntry[] {
  const until = addDaysMonths(today, months);
  const out: CalendarEntry[] = [];
  const { year, month } = ymd(today);
  // Months closing in the window: from two months back (a late exception) to the window's end.
  let ym = year * 100 + month;
  for (let i = 0; i < 2; i++) ym = ym % 100 === 1 ? ym - 89 : ym - 1;
  for (let i = 0; i < months + 3; i++) {
    const d = closingDay(ym, cal);
    if (d >= today && d <= until) out.push({ day: d, kind: 'closing', what: `${capital(MONTHS[(ym % 100) - 1]!)} ${Math.trunc(ym / 100)} stängs (månadsbokslut)`, period: ym });
    ym = ym % 100 === 12 ? ym + 89 : ym + 1;
  }
  for (const e of cal.events) {
    const d = parseIsoDay(e.date);
    if (d !== null && d >= today && d <= until) out.push({ day: d, kind: 'event', what: e.what });
  }
  return out.sort((a, b) => a.day - b.day || (a.kind === b.kind ? 0 : a.kind === 'closing' ? -1 : 1));
}

function addDaysMonths(day: number, months: number): number {
  const { year, month } = ymd(day);
  const d = Number(isoOf(day).slice(8));
  const idx = year * 12 + month - 1 + months;
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  // The same day of the month `months` later (or the month's last day).
  const last = dayOf(y, m + 1, 1) - dayOf(y, m, 1);
  return dayOf(y, m, Math.min(d, last));
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const WEEKDAYS = ['mån', 'tis', 'ons', 'tors', 'fre', 'lör', 'sön'];

/** "tis 10 september 2024". Day 0 (1970-01-01) was a Thursday. */
export function swedishDate(day: number): string {
  const [y, m, d] = isoOf(day).split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[(((day + 3) % 7) + 7) % 7]!;
  return `${weekday} ${d} ${MONTHS[m - 1]} ${y}`;
}
