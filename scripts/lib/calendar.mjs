// Day numbers (days since 1970-01-01, UTC) and months as YYYYMM numbers, for the generators of the HR extracts.

export const DAY = 86_400_000;
export const dayOf = (y, m, d) => Math.round(Date.UTC(y, m - 1, d) / DAY);
/** YYYY-MM-DD of a day number. */
export const iso = (n) => new Date(n * DAY).toISOString().slice(0, 10);
/** Year, month and day of a day number. */
export const ymd = (n) => {
  const d = new Date(n * DAY);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};
/** The month (YYYYMM) a day number lies in. */
export const monthOf = (n) => {
  const d = new Date(n * DAY);
  return d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
};
export const firstDay = (ym) => dayOf(Math.trunc(ym / 100), ym % 100, 1);
export const lastDay = (ym) => dayOf(Math.trunc(ym / 100), (ym % 100) + 1, 1) - 1;
/** The month `n` months after `ym` (before it for a negative `n`). */
export const addMonths = (ym, n) => {
  const i = Math.trunc(ym / 100) * 12 + (ym % 100) - 1 + n;
  return Math.floor(i / 12) * 100 + (i % 12) + 1;
};
export const isWeekday = (n) => {
  const wd = new Date(n * DAY).getUTCDay();
  return wd !== 0 && wd !== 6;
};
/** Monday to Friday days from `from` to `to`, both included. */
export function weekdays(from, to) {
  let c = 0;
  for (let n = from; n <= to; n++) if (isWeekday(n)) c++;
  return c;
}
