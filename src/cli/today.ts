/**
 * Today's date in Sweden, the one place rapport reads the clock (for `--period latest` and `rapport calendar`).
 * RAPPORT_TODAY=ÅÅÅÅ-MM-DD sets it instead: to rerun a batch as of a given day, and for tests.
 */
import { parseIsoDay } from '../model/calendar.js';
import { UsageError } from './usage-error.js';

export function todayInSweden(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.RAPPORT_TODAY;
  if (given !== undefined && given !== '') {
    const d = parseIsoDay(given);
    if (d === null) throw new UsageError(`Ogiltigt datum i RAPPORT_TODAY: "${given}". Ange ÅÅÅÅ-MM-DD.`);
    return d;
  }
  // sv-SE formats dates as ÅÅÅÅ-MM-DD; the time zone makes it Sweden's date whatever the machine's zone.
  const iso = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`Dagens datum gick inte att läsa: ${iso}`);
  return d;
}
