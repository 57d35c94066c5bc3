/**
 * Calendar arithmetic on day numbers (whole days since 1970-01-01, UTC): no clock, no time zone, no Date objects
 * kept around. A month is YYYYMM as elsewhere in rapport.
 */

const MS_PER_DAY = 86_400_000;

export function dayOf(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Parses YYYY-MM-DD strictly (a real calendar date); null otherwise. */
export function parseIsoDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const n = dayOf(y, mo, d);
  const back = ymdOf(n);
  return back.year === y && back.month === mo && back.day === d ? n : null;
}

export function ymdOf(day: number): { year: number; month: number; day: number } {
  const dt = new Date(day * MS_PER_DAY);
  return { year: dt.getUTCFullYear(), month: dt.getUTCMonth() + 1, day: dt.getUTCDate() };
}

export function isoOf(day: number): string {
  const { year, month, day: d } = ymdOf(day);
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** YYYYMM of a day. */
export function monthOfDay(day: number): number {
  const { year, month } = ymdOf(day);
  return year * 100 + month;
}

export function firstDayOfMonth(ym: number): number {
  return dayOf(Math.trunc(ym / 100), ym % 100, 1);
}

export function lastDayOfMonth(ym: number): number {
  return dayOf(Math.trunc(ym / 100), (ym % 100) + 1, 1) - 1;
}

/** Adds months to YYYYMM: addMonths(202401, -1) = 202312. */
export function addMonths(ym: number, n: number): number {
  const idx = Math.trunc(ym / 100) * 12 + (ym % 100) - 1 + n;
  return Math.floor(idx / 12) * 100 + (((idx % 12) + 12) % 12) + 1;
}

/** Months from `from` to `to` inclusive, in order. */
export function monthsBetween(from: number, to: number): number[] {
  const out: number[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** Whole years between a birth day and a reference day (the age on the reference day). */
export function ageOn(birthDay: number, refDay: number): number {
  const b = ymdOf(birthDay);
  const r = ymdOf(refDay);
  let age = r.year - b.year;
  if (r.month < b.month || (r.month === b.month && r.day < b.day)) age--;
  return age;
}
