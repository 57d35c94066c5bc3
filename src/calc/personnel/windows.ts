/**
 * The periods personnel figures are measured over, all derived from the HR period (the report period minus the
 * HR lag): year to date, the same months last year, rolling 12 months (R12) now and a year ago.
 */
import type { Period } from '../../model/period.js';
import { addMonths, lastDayOfMonth, firstDayOfMonth } from '../../model/calendar.js';

/** Months `from`..`to` inclusive, as YYYYMM. */
export interface Window {
  readonly from: number;
  readonly to: number;
}

export interface HrLag {
  readonly months: number;
  readonly noLagInDecember: boolean;
}

/**
 * The last month HR figures cover for a report period: one month behind the ledger by default ("1 mån släp": the
 * August report shows sick leave to July); the December report (årsredovisning) has no lag when configured so.
 * Example: 2024-08 → 202407; 2024-12 → 202412.
 */
export function hrPeriodFor(period: Period, lag: HrLag): number {
  const ym = period.year * 100 + period.month;
  if (period.month === 12 && lag.noLagInDecember) return ym;
  return addMonths(ym, -lag.months);
}

export function yearToDate(hr: number): Window {
  return { from: Math.trunc(hr / 100) * 100 + 1, to: hr };
}

export function rolling12(hr: number): Window {
  return { from: addMonths(hr, -11), to: hr };
}

export function shiftWindow(w: Window, months: number): Window {
  return { from: addMonths(w.from, months), to: addMonths(w.to, months) };
}

export function windowMonths(w: Window): number {
  return (Math.trunc(w.to / 100) - Math.trunc(w.from / 100)) * 12 + (w.to % 100) - (w.from % 100) + 1;
}

export function inWindow(ym: number, w: Window): boolean {
  return ym >= w.from && ym <= w.to;
}

export function windowFirstDay(w: Window): number {
  return firstDayOfMonth(w.from);
}

export function windowLastDay(w: Window): number {
  return lastDayOfMonth(w.to);
}
