/**
 * `rapport calendar`: the closing calendar from the configuration — the latest closed period (what
 * `--period latest` picks) and the coming dates: each month's closing and the configured events. Also the resolver
 * of `--period latest` for the other commands.
 */
import { latestClosedPeriod, swedishDate, upcomingDates, closingDay, type ClosingCalendar } from '../../model/closing.js';
import { isoOf, parseIsoDay } from '../../model/calendar.js';
import { Diagnostics } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import { todayInSweden } from '../today.js';
import { createReporter, printJson } from '../output.js';
import { EXIT, exitCode, type ExitCode } from '../exit-codes.js';
import { resolveConfig, UsageError } from '../common.js';

export interface CalendarOptions {
  config?: string;
  date?: string;
  months?: string;
  json?: boolean;
}

const monthText = (ym: number): string => `${Math.trunc(ym / 100)}-${String(ym % 100).padStart(2, '0')}`;

export async function calendar(opts: CalendarOptions): Promise<ExitCode> {
  const rep = createReporter(!!opts.json);
  const today = opts.date !== undefined ? parseIsoDay(opts.date) : todayInSweden();
  if (today === null) throw new UsageError(`Ogiltigt datum "${opts.date}". Ange ÅÅÅÅ-MM-DD.`);
  const months = opts.months !== undefined ? Number(opts.months) : 3;
  if (!Number.isInteger(months) || months < 1 || months > 24) throw new UsageError(`--months ska vara ett heltal 1–24 (fick "${opts.months}").`);
  const cfg = await resolveConfig(opts.config);
  if (!cfg.ok) {
    rep.summary(cfg.diagnostics);
    return cfg.exit;
  }
  const cal = cfg.value.config.calendar;
  if (!cal) return noCalendar(rep, cfg.value.file);
  const latest = latestClosedPeriod(today, cal);
  const entries = upcomingDates(today, cal, months);
  if (rep.json) {
    printJson({
      command: 'calendar', status: 'ok', exitCode: EXIT.ok, today: isoOf(today),
      latestClosed: latest === null ? null : { period: monthText(latest), closed: isoOf(closingDay(latest, cal)) },
      upcoming: entries.map((e) => ({ date: isoOf(e.day), kind: e.kind, what: e.what, ...(e.period !== undefined ? { period: monthText(e.period) } : {}) })),
      diagnostics: [], counts: {},
    });
    return EXIT.ok;
  }
  rep.result(`Bokslutskalender för ${cfg.value.config.organisation.name}, från ${swedishDate(today)}:`);
  rep.result(latest === null
    ? 'Ingen period är stängd ännu enligt kalendern.'
    : `Senast stängda period: ${monthText(latest)} (stängdes ${swedishDate(closingDay(latest, cal))}). "rapport generate --period latest" gör rapporten för ${monthText(latest)}.`);
  if (entries.length === 0) rep.result(`Inga datum de närmaste ${months} månaderna.`);
  else {
    rep.result(`Kommande datum, ${months} ${months === 1 ? 'månad' : 'månader'} framåt:`);
    for (const e of entries) rep.result(`  ${swedishDate(e.day)}: ${e.what}`);
  }
  return EXIT.ok;
}

function noCalendar(rep: ReturnType<typeof createReporter>, file: string): ExitCode {
  const d = new Diagnostics();
  d.add(diag('config.calendar-missing', { file }, { file }));
  rep.summary(d);
  if (rep.json) printJson({ command: 'calendar', status: 'error', exitCode: EXIT.config, diagnostics: d.all, counts: {} });
  return exitCode({ diagnostics: d.all });
}

/**
 * `--period latest` for generate, validate, explain and --check: the latest period closed by today (or
 * RAPPORT_TODAY), as "ÅÅÅÅ-MM"; or the exit code when the configuration has no calendar or nothing is closed yet.
 */
export async function resolveLatestPeriod(configOption: string | undefined): Promise<string | ExitCode> {
  const rep = createReporter(false);
  const cfg = await resolveConfig(configOption);
  if (!cfg.ok) {
    rep.summary(cfg.diagnostics);
    return cfg.exit;
  }
  const cal: ClosingCalendar | undefined = cfg.value.config.calendar;
  if (!cal) return noCalendar(rep, cfg.value.file);
  const today = todayInSweden();
  const latest = latestClosedPeriod(today, cal);
  if (latest === null) throw new UsageError(`Ingen period är stängd ${isoOf(today)} enligt kalendern i ${cfg.value.file}.`);
  rep.info(`--period latest: ${monthText(latest)}, senast stängda period ${isoOf(today)} (stängdes ${isoOf(closingDay(latest, cal))}).`);
  return monthText(latest);
}
