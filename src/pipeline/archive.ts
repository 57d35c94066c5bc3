/**
 * The archive of published figures: `.rapport/arkiv.jsonl` in the output folder, one JSON object per line, one line
 * per published unit and report row (see docs/publication.md for the format and why JSON lines). Every run that
 * publishes appends its lines (the archive is part of the published set, so a failed run adds nothing). The next
 * run reads it to
 *
 * - warn when a month already reported on (a closed period) now has a different utfall than the one published
 *   (bad-input case 81: a restatement must not go unnoticed), and
 * - give the previous report's helårsprognos per row (`previousReportForecasts`), for "prognosförändring sedan
 *   föregående rapport".
 */
import type { Diagnostic } from '../model/diagnostics.js';
import { formatPeriod, periodKey, type Period } from '../model/period.js';
import { formatOreForMessage } from '../model/format.js';
import { diag } from '../messages/index.js';
import { computeEconomy, rowMonthlyActuals, type PreparedEconomy } from '../calc/economy.js';
import type { OrgNode } from '../calc/hierarchy.js';
import { SCALE_RATIO } from '../calc/reconcile.js';

export const ARCHIVE_FILE = 'arkiv.jsonl';
export const ARCHIVE_VERSION = 1;

/** One line of the archive: one report row of one unit as one run published it. Amounts in öre; null = no data. */
export interface ArchiveRecord {
  readonly v: number;
  /** The run's id (its manifest's `run`). */
  readonly run: string;
  /** When the set was published (ISO 8601, UTC). */
  readonly published: string;
  /** The report period, YYYY-MM. */
  readonly period: string;
  readonly unit: string;
  readonly unitName: string;
  readonly section: string;
  readonly row: string;
  /** Ack utfall, ack budget, årsbudget and helårsprognos of the report period, as the report printed them. */
  readonly ackActual: number | null;
  readonly ackBudget: number | null;
  readonly annualBudget: number | null;
  readonly forecast: number | null;
  /** The forecast occasion the helårsprognos is from (YYYYMM), or null. */
  readonly forecastOccasion: number | null;
  /** Utfall per month, YYYY-MM → öre: the previous year's twelve months and the report year's up to the period. */
  readonly actualByMonth: Readonly<Record<string, number | null>>;
}

/** The archive lines of a run: every row of every section for each unit the run reports on. */
export function archiveRecords(prepared: PreparedEconomy, units: readonly OrgNode[], run: string, published: string): ArchiveRecord[] {
  const period = prepared.period;
  const out: ArchiveRecord[] = [];
  for (const node of units) {
    const result = computeEconomy(prepared, node);
    [...result.sections, ...(result.financing ?? [])].forEach((section) => {
      // computeEconomy lists a section's rows in the order of prepared.rows: the same indices, in the same order.
      const si = prepared.sections.findIndex((s) => s.name === section.name);
      const indices = prepared.rows.flatMap((r, ri) => (r.section === si ? [ri] : []));
      section.rows.forEach((row, k) => {
        const monthly = rowMonthlyActuals(prepared, node, indices[k]!);
        const actualByMonth: Record<string, number | null> = {};
        for (let m = 1; m <= 12; m++) actualByMonth[formatPeriod({ year: period.year - 1, month: m })] = monthly[m - 1] ?? null;
        for (let m = 1; m <= period.month; m++) actualByMonth[formatPeriod({ year: period.year, month: m })] = monthly[11 + m] ?? null;
        const f = row.figures;
        out.push({
          v: ARCHIVE_VERSION, run, published, period: formatPeriod(period), unit: node.id, unitName: node.name,
          section: section.name, row: row.name,
          ackActual: f.ackActual, ackBudget: f.ackBudget, annualBudget: f.annualBudget, forecast: f.forecast,
          forecastOccasion: result.forecastOccasion, actualByMonth,
        });
      });
    });
  }
  return out;
}

export function serializeArchive(records: readonly ArchiveRecord[]): string {
  return records.map((r) => JSON.stringify(r) + '\n').join('');
}

const isAmount = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isSafeInteger(v));

/** Reads the archive's text; a line that is not a valid record is skipped with a warning naming it. */
export function parseArchive(text: string, file: string): { records: ArchiveRecord[]; diagnostics: Diagnostic[] } {
  const records: ArchiveRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let r: Partial<ArchiveRecord>;
    try {
      r = JSON.parse(line) as Partial<ArchiveRecord>;
    } catch {
      r = {};
    }
    const ok =
      r.v === ARCHIVE_VERSION && typeof r.run === 'string' && typeof r.published === 'string' && typeof r.period === 'string' &&
      typeof r.unit === 'string' && typeof r.row === 'string' && typeof r.section === 'string' &&
      isAmount(r.ackActual) && isAmount(r.forecast) && typeof r.actualByMonth === 'object' && r.actualByMonth !== null &&
      Object.values(r.actualByMonth).every(isAmount);
    if (ok) records.push(r as ArchiveRecord);
    else if (diagnostics.length === 0) diagnostics.push(diag('output.archive-unreadable', { file, line: i + 1 }, { file, row: i + 1 }));
  });
  return { records, diagnostics };
}

const key = (unit: string, section: string, row: string): string => `${unit}\u0000${section}\u0000${row}`;

/** The published utfall per unit × section × row and month; the latest publication of each month wins. */
function publishedMonths(previous: readonly ArchiveRecord[]): Map<string, Map<string, { value: number | null; published: string }>> {
  const published = new Map<string, Map<string, { value: number | null; published: string }>>();
  for (const r of previous) {
    const k = key(r.unit, r.section, r.row);
    let months = published.get(k);
    if (!months) published.set(k, (months = new Map()));
    for (const [month, value] of Object.entries(r.actualByMonth)) months.set(month, { value, published: r.published });
  }
  return published;
}

/**
 * Case 81: months before the report period whose utfall was published (the latest publication of each month wins)
 * and now differs. One warning per unit and row, naming the earliest month that changed. Months the earlier report
 * had no entry for and now have count as changed too; a row no longer reported is not compared.
 */
export function closedPeriodChanges(previous: readonly ArchiveRecord[], current: readonly ArchiveRecord[], period: Period): Diagnostic[] {
  const limit = periodKey(period);
  const published = publishedMonths(previous);
  const out: Diagnostic[] = [];
  for (const r of current) {
    const months = published.get(key(r.unit, r.section, r.row));
    if (!months) continue;
    const changed = Object.entries(r.actualByMonth)
      .filter(([month]) => Number(month.replace('-', '')) < limit)
      .sort(([a], [b]) => a.localeCompare(b))
      .find(([month, value]) => months.has(month) && months.get(month)!.value !== value);
    if (!changed) continue;
    const [month, now] = changed;
    const then = months.get(month)!;
    out.push({
      ...diag('output.closed-period-changed', {
        unit: r.unitName, row: r.row, period: month, measure: 'utfallet',
        now: now === null ? 'tomt' : formatOreForMessage(now),
        then: then.value === null ? 'tomt' : formatOreForMessage(then.value),
        published: then.published.slice(0, 10),
      }),
      unit: r.unit,
    });
  }
  return out;
}

/**
 * Case 80 against the archive: the utfall of the closed months both the published reports and this run have (same
 * unit, section, row, month; the latest publication of each month), summed as absolute values on each side. About a
 * thousandfold apart (ratio ≥ SCALE_RATIO, as calc/reconcile.ts) is a wrong `unit` on the ledger now or then, which
 * the sources alone cannot show when every measure of the ledger is scaled alike and there is no forecast file.
 * A warning (bad-input.md case 80: "~1000× deviation vs prior period → W").
 */
export function scaleChange(previous: readonly ArchiveRecord[], current: readonly ArchiveRecord[], period: Period, ledger: { readonly file: string; readonly unit: string }): Diagnostic[] {
  const limit = periodKey(period);
  const published = publishedMonths(previous);
  let now = 0;
  let then = 0;
  let latest = '';
  for (const r of current) {
    const months = published.get(key(r.unit, r.section, r.row));
    if (!months) continue;
    for (const [month, value] of Object.entries(r.actualByMonth)) {
      const old = months.get(month);
      if (value === null || !old || old.value === null || Number(month.replace('-', '')) >= limit) continue;
      now += Math.abs(value);
      then += Math.abs(old.value);
      if (old.published > latest) latest = old.published;
    }
  }
  if (now === 0 || then === 0) return [];
  const ratio = Math.max(now, then) / Math.min(now, then);
  if (ratio < SCALE_RATIO) return [];
  return [
    diag(
      'reconcile.scale-changed',
      {
        ratio: Math.round(ratio), direction: now > then ? 'större' : 'mindre', published: latest.slice(0, 10),
        now: formatOreForMessage(now), then: formatOreForMessage(then), unit: ledger.unit, file: ledger.file,
      },
      { file: ledger.file },
    ),
  ];
}

/** The previous report's helårsprognos of one row: what it was, for which report period, published when. */
export interface PreviousForecast {
  readonly forecast: number | null;
  readonly forecastOccasion: number | null;
  readonly period: string;
  readonly published: string;
}

/**
 * "Prognosförändring sedan föregående rapport": per row (`section` + NUL + `row`, as `forecastKey` makes it) of one
 * unit, the helårsprognos of the latest published report of that unit for an earlier period of the same year (the
 * forecasts of another year are of another year's outcome). Empty when there is none.
 */
export function previousReportForecasts(records: readonly ArchiveRecord[], unit: string, period: Period): Map<string, PreviousForecast> {
  const current = periodKey(period);
  let best: { period: number; published: string } | null = null;
  for (const r of records) {
    if (r.unit !== unit) continue;
    const p = Number(r.period.replace('-', ''));
    if (p >= current || Math.trunc(p / 100) !== period.year) continue;
    if (!best || p > best.period || (p === best.period && r.published > best.published)) best = { period: p, published: r.published };
  }
  const out = new Map<string, PreviousForecast>();
  if (!best) return out;
  for (const r of records) {
    if (r.unit !== unit || r.published !== best.published || Number(r.period.replace('-', '')) !== best.period) continue;
    out.set(forecastKey(r.section, r.row), { forecast: r.forecast, forecastOccasion: r.forecastOccasion, period: r.period, published: r.published });
  }
  return out;
}

export function forecastKey(section: string, row: string): string {
  return `${section}\u0000${row}`;
}
