/**
 * The Kolada comparison, purely: the configured key ratios (`kolada.kpis`) for the own region, the regions it is
 * compared with and Kolada's average (Riket), each for one year, from the values of the downloaded file.
 *
 * - Names: every KPI id and region id the configuration names must be in the file; one that is not is an error with
 *   the nearest id the file has (a misspelt id would otherwise print an empty row).
 * - Year, per key ratio: `kolada.year` when set; otherwise the latest year not after the report year for which the
 *   own region has a value; when it has none, the latest such year any compared region has a value for.
 * - A value Kolada does not have (no post, or `value: null`) stays null: printed blank, never 0.
 * - Riket (`kolada.average`) is a column only when the file has at least one value for it in the years shown.
 */
import type { KoladaConfig, KoladaKpi } from '../config/kolada-schema.js';
import type { KoladaData, KoladaValue } from '../model/kolada.js';
import type { Diagnostic, SourceLocation } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import { didYouMean } from '../messages/suggest.js';

export type KoladaRole = 'own' | 'compare' | 'average';

export interface KoladaRegion {
  readonly id: string;
  readonly name: string;
  readonly role: KoladaRole;
}

export interface KoladaRow {
  readonly kpi: KoladaKpi;
  /** The year compared; null when no compared region has any value up to the report year. */
  readonly year: number | null;
  /** One value per region of `KoladaComparison.regions`, in that order; null = no value. */
  readonly values: readonly (number | null)[];
  /** Where each value is in the file (null for no post). */
  readonly locations: readonly (SourceLocation | null)[];
}

export interface KoladaComparison {
  readonly file: string;
  readonly gender: KoladaValue['gender'];
  readonly regions: readonly KoladaRegion[];
  readonly rows: readonly KoladaRow[];
}

export function compareKolada(
  data: KoladaData,
  config: KoladaConfig,
  reportYear: number,
  configFile = 'rapport.config.yaml',
): { comparison: KoladaComparison | null; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const at = { file: configFile };
  const kpisInFile = [...new Set(data.values.map((v) => v.kpi))].sort();
  const regionsInFile = [...new Set(data.values.map((v) => v.region))].sort();
  const list = (xs: readonly string[]) => xs.slice(0, 30).join(', ') + (xs.length > 30 ? ' …' : '');

  const seenKpi = new Set<string>();
  for (const k of config.kpis) {
    if (seenKpi.has(k.id)) out.push(diag('kolada.duplicate-setting', { what: 'Nyckeltalet', id: k.id, setting: 'kolada.kpis' }, at, k.id));
    seenKpi.add(k.id);
    if (!kpisInFile.includes(k.id)) {
      out.push(diag('kolada.unknown-kpi', { kpi: k.id, file: data.file, suggestion: didYouMean(k.id, kpisInFile), known: list(kpisInFile) }, at, k.id));
    }
  }
  const wanted: { id: string; role: KoladaRole; setting: string }[] = [
    { id: config.region, role: 'own', setting: 'kolada.region' },
    ...config.compare.map((id) => ({ id, role: 'compare' as const, setting: 'kolada.compare' })),
    ...(config.average !== undefined ? [{ id: config.average, role: 'average' as const, setting: 'kolada.average' }] : []),
  ];
  const seenRegion = new Set<string>();
  for (const w of wanted) {
    if (seenRegion.has(w.id)) out.push(diag('kolada.duplicate-setting', { what: 'Regionen', id: w.id, setting: w.setting }, at, w.id));
    seenRegion.add(w.id);
    // Riket may be missing from a file (not every KPI has an average): it is then left out, not an error.
    if (w.role !== 'average' && !regionsInFile.includes(w.id)) {
      out.push(diag('kolada.unknown-region', { region: w.id, setting: w.setting, file: data.file, suggestion: didYouMean(w.id, regionsInFile), known: list(regionsInFile) }, at, w.id));
    }
  }
  const ids = wanted.map((w) => w.id);
  for (const id of Object.keys(config.names).sort()) {
    if (!ids.includes(id)) out.push(diag('kolada.unknown-name', { region: id, suggestion: didYouMean(id, ids), known: ids.join(', ') }, at, id));
  }
  const regions: KoladaRegion[] = [];
  for (const w of wanted) {
    const name = config.names[w.id] ?? data.names.get(w.id) ?? (w.role === 'average' && w.id === '0000' ? 'Riket' : undefined);
    if (name === undefined) {
      out.push(diag('kolada.no-name', { region: w.id, file: data.file }, at, w.id));
      continue;
    }
    regions.push({ id: w.id, name, role: w.role });
  }
  if (out.some((d) => d.severity === 'error')) return { comparison: null, diagnostics: out };

  const byKey = new Map<string, KoladaValue>();
  for (const v of data.values) if (v.gender === config.gender) byKey.set(`${v.kpi}\u0000${v.region}\u0000${v.year}`, v);
  const find = (kpi: string, region: string, year: number) => byKey.get(`${kpi}\u0000${region}\u0000${year}`);
  const compared = regions.filter((r) => r.role !== 'average').map((r) => r.id);

  const rows: KoladaRow[] = config.kpis.map((kpi) => {
    const year = config.year ?? pickYear(data.values, kpi.id, config.region, compared, config.gender, reportYear);
    if (year === null) {
      out.push(diag('kolada.no-values', { kpi: kpi.id, years: `till och med ${reportYear}`, file: data.file }, at, kpi.id));
      return { kpi, year, values: regions.map(() => null), locations: regions.map(() => null) };
    }
    const posts = regions.map((r) => find(kpi.id, r.id, year));
    if (posts.every((p, i) => regions[i]!.role === 'average' || p?.value === null || p === undefined)) {
      out.push(diag('kolada.no-values', { kpi: kpi.id, years: `år ${year}`, file: data.file }, at, kpi.id));
    }
    return { kpi, year, values: posts.map((p) => p?.value ?? null), locations: posts.map((p) => p?.location ?? null) };
  });
  // Riket only as a column when it has a value somewhere in the table.
  const avg = regions.findIndex((r) => r.role === 'average');
  if (avg >= 0 && rows.every((r) => r.values[avg] === null)) {
    return {
      comparison: {
        file: data.file, gender: config.gender, regions: regions.filter((_, i) => i !== avg),
        rows: rows.map((r) => ({ ...r, values: r.values.filter((_, i) => i !== avg), locations: r.locations.filter((_, i) => i !== avg) })),
      },
      diagnostics: out,
    };
  }
  return { comparison: { file: data.file, gender: config.gender, regions, rows }, diagnostics: out };
}

/** The latest year ≤ the report year with a value for the own region, else for any compared region; null if none. */
function pickYear(values: readonly KoladaValue[], kpi: string, own: string, compared: readonly string[], gender: string, reportYear: number): number | null {
  let ownYear: number | null = null;
  let anyYear: number | null = null;
  for (const v of values) {
    if (v.kpi !== kpi || v.gender !== gender || v.value === null || v.year > reportYear || !compared.includes(v.region)) continue;
    if (v.region === own && (ownYear === null || v.year > ownYear)) ownYear = v.year;
    if (anyYear === null || v.year > anyYear) anyYear = v.year;
  }
  return ownYear ?? anyYear;
}
