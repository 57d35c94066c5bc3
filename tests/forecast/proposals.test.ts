/**
 * Proposed forecasts through the configuration (forecast.propose), against values worked out by hand, and the mark
 * "(f)" with the note naming the method in every format.
 *
 * The small region (tests/forecast/small-region.ts), report period 2024-08, amounts in kronor:
 * - 100 Personal: utfall 2023 −100 000 a month, July −50 000 (year −1 150 000; Jan–Aug 7 × −100 000 − 50 000 =
 *   −750 000); utfall 2024 −110 000 a month, July −55 000 (Jan–Aug 7 × −110 000 − 55 000 = −825 000); budget 2024
 *   −100 000 every month.
 * - 200 Personal: no 2023; utfall 2024 −20 000 a month (Jan–Aug −160 000); budget 2024 −20 000 every month.
 * - 100 Intäkter: utfall 2023 +10 000 a month; utfall 2024 +12 000 a month; budget 2024 +10 000 a month.
 * Forecast file: April 100 Personal −1 210 000, 200 Personal −250 000, 100 Intäkter +118 000 (net −1 342 000);
 * August 100 Intäkter +140 000 (supplied, used as is and never marked).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { loadConfig } from '../../src/config/load-config.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { computeEconomy } from '../../src/calc/economy.js';
import { runCli } from '../helpers/run-cli.js';
import { months, smallRegion, type ForecastLine, type Line } from './small-region.js';

afterEach(() => vi.restoreAllMocks());

const lines: Line[] = [
  ...months(2023, [-100_000, -100_000, -100_000, -100_000, -100_000, -100_000, -50_000, -100_000, -100_000, -100_000, -100_000, -100_000]).map(([p, v]): Line => ['100', '4011', p, v, null]),
  ...months(2024, new Array(12).fill(-100_000)).map(([p, b]): Line => ['100', '4011', p, p <= 202408 ? (p === 202407 ? -55_000 : -110_000) : null, b]),
  ...months(2024, new Array(12).fill(-20_000)).map(([p, b]): Line => ['200', '4011', p, p <= 202408 ? -20_000 : null, b]),
  ...months(2023, new Array(12).fill(10_000)).map(([p, v]): Line => ['100', '3011', p, v, null]),
  ...months(2024, new Array(12).fill(10_000)).map(([p, b]): Line => ['100', '3011', p, p <= 202408 ? 12_000 : null, b]),
];
const forecasts: ForecastLine[] = [
  ['2024-04', '100', 'Personal', -1_210_000],
  ['2024-04', '200', 'Personal', -250_000],
  ['2024-04', '100', 'Intäkter', 118_000],
  ['2024-08', '100', 'Intäkter', 140_000],
];
const KR = 100; // öre per krona

async function figures(propose: string) {
  const r = await smallRegion({ lines, forecasts, extra: `forecast:\n  propose:\n${propose}` });
  const loaded = await loadConfig(r.config);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  const run = await runPipeline(loaded.value, { year: 2024, month: 8 });
  expect(run.diagnostics.all.filter((d) => d.severity === 'error')).toEqual([]);
  const data = run.data!;
  const root = computeEconomy(data.prepared, data.hierarchy.root);
  const row = (name: string) => root.sections.flatMap((s) => s.rows).find((x) => x.name === name)!.figures;
  const unit = (name: string) => computeEconomy(data.prepared, data.hierarchy.root.children.find((c) => c.name === name)!).net;
  return { root, row, unit };
}

describe('forecast.propose through the configuration (report 2024-08)', () => {
  it('remainingBudget: utfall so far + the budget of September–December', async () => {
    const { root, row, unit } = await figures('    method: remainingBudget\n');
    // 100 Personal: −825 000 + 4 × −100 000 = −1 225 000; 200 Personal: −160 000 + 4 × −20 000 = −240 000.
    expect(unit('Primärvård').forecast).toBe((140_000 - 1_225_000) * KR);
    expect(unit('Stab').forecast).toBe(-240_000 * KR);
    expect(row('Personal').forecast).toBe((-1_225_000 - 240_000) * KR);
    expect(row('Personal').forecastMethods).toEqual(['remainingBudget']);
    // Intäkter was supplied for August: 140 000 as given, not proposed.
    expect(row('Intäkter').forecast).toBe(140_000 * KR);
    expect(row('Intäkter').forecastMethods).toEqual([]);
    // Net: 140 000 − 1 225 000 − 240 000 = −1 325 000; the April forecast −1 342 000 is the previous one:
    // prognosförändring −1 325 000 − (−1 342 000) = +17 000.
    expect(root.forecastOccasion).toBe(202408);
    expect(root.previousForecastOccasion).toBe(202404);
    expect(root.net.forecast).toBe(-1_325_000 * KR);
    expect(root.net.previousForecast).toBe(-1_342_000 * KR);
    expect(root.net.forecastChange).toBe(17_000 * KR);
    // Prognosavvikelse against the årsbudget 12 × (10 000 − 100 000 − 20 000) = −1 320 000: −5 000.
    expect(root.net.forecastDeviation).toBe(-5_000 * KR);
  });

  it('seasonal: Jan–Aug utfall / the share of last year the same months stood for; no 2023 falls back to remainingBudget', async () => {
    const { root, row, unit } = await figures('    method: seasonal\n');
    // 100 Personal: −825 000 × −1 150 000 / −750 000 = −825 000 × 23/15 = −1 265 000.
    expect(unit('Primärvård').forecast).toBe((140_000 - 1_265_000) * KR);
    // 200 Personal has no 2023 utfall: remainingBudget, −240 000, and the note names both methods.
    expect(unit('Stab').forecast).toBe(-240_000 * KR);
    expect(unit('Stab').forecastMethods).toEqual(['remainingBudget']);
    expect(row('Personal').forecastMethods).toEqual(['remainingBudget', 'seasonal']);
    // 140 000 − 1 265 000 − 240 000 = −1 365 000.
    expect(root.net.forecast).toBe(-1_365_000 * KR);
  });

  it('previousForecast: the April forecast of each line, unchanged', async () => {
    const { root, row } = await figures('    method: previousForecast\n');
    expect(row('Personal').forecast).toBe((-1_210_000 - 250_000) * KR);
    expect(row('Personal').forecastMethods).toEqual(['previousForecast']);
    // 140 000 − 1 210 000 − 250 000 = −1 320 000; change from April: −1 320 000 − (−1 342 000) = +22 000 (Intäkter alone).
    expect(root.net.forecast).toBe(-1_320_000 * KR);
    expect(root.net.forecastChange).toBe(22_000 * KR);
  });

  it('a rule per ansvar wins over one per report row, which wins over the method', async () => {
    const { root, unit } = await figures('    method: remainingBudget\n    costCentres: { "200": previousForecast }\n    reportRows: { Personal: seasonal }\n');
    // 100 Personal by its row's rule (seasonal): −1 265 000; 200 Personal by its ansvar's (previousForecast): −250 000.
    expect(unit('Stab').forecast).toBe(-250_000 * KR);
    expect(unit('Stab').forecastMethods).toEqual(['previousForecast']);
    expect(root.net.forecast).toBe((140_000 - 1_265_000 - 250_000) * KR);
  });

  it('an unknown method, ansvar or report row is an error with the nearest name', async () => {
    const bad = await smallRegion({ lines, forecasts, extra: 'forecast:\n  propose:\n    method: seasonl\n    reportRows: { Personal: remainingBudet }\n' });
    const loaded = await loadConfig(bad.config);
    expect(loaded.ok).toBe(false);
    const messages = loaded.ok ? [] : loaded.diagnostics.map((d) => `${d.code}: ${d.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^config\.unknown-forecast-method: Prognosmetoden "seasonl" i forecast\.propose\.method finns inte\. Menade du "seasonal"\?/),
      expect.stringMatching(/^config\.unknown-forecast-method: Prognosmetoden "remainingBudet" i forecast\.propose\.reportRows\.Personal finns inte\. Menade du "remainingBudget"\?/),
    ]);
    const names = await smallRegion({ lines, forecasts, extra: 'forecast:\n  propose:\n    method: seasonal\n    costCentres: { "2000": seasonal }\n    reportRows: { Personl: seasonal }\n' });
    const ok = await loadConfig(names.config);
    const run = await runPipeline((ok as { ok: true; value: Parameters<typeof runPipeline>[0] }).value, { year: 2024, month: 8 });
    const errors = run.diagnostics.all.filter((d) => d.severity === 'error').map((d) => d.message);
    expect(errors).toEqual([
      'Ansvaret "2000" i forecast.propose.costCentres finns inte i organisationen. Menade du "200"?',
      'Raden "Personl" i forecast.propose.reportRows finns inte i kontogrupperingen (kontogrupper.csv). Menade du "Personal"?',
    ]);
  });

  it('marks every proposed figure "(f)" and names the method in Markdown, JSON, Excel and Word', async () => {
    const r = await smallRegion({ lines, forecasts, extra: 'forecast:\n  propose:\n    method: remainingBudget\nunits: { result: tkr, netCost: tkr }\n' });
    const g = await runCli(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out, '--format', 'json,md,xlsx,docx']);
    expect(g.code, g.err).toBe(0);
    const files = await readdir(r.out);
    const base = files.find((f) => f.endsWith('.json'))!.replace(/\.json$/, '');
    const note = '(f) = föreslagen helårsprognos: ingen prognos har lämnats för hela eller delar av beloppet, och rapport har beräknat den som utfallet hittills i år plus budgeten för årets återstående månader.';
    // JSON: the cells carry the mark, the table its note. Personal: −1 225 000 − 240 000 = −1 465 000 kr.
    const json = JSON.parse(await readFile(path.join(r.out, `${base}.json`), 'utf8'));
    const tables: { id: string; rows: { cells: { kind: string; text?: string; ore?: number; mark?: string }[] }[]; notes: string[]; columns: { header: string }[] }[] = [];
    const walk = (ss: { blocks: { type: string }[]; sections: unknown[] }[]) => {
      for (const s of ss) {
        for (const b of s.blocks) if (b.type === 'table') tables.push(b as never);
        walk(s.sections as never);
      }
    };
    walk(json.sections);
    const resultat = tables.find((t) => t.id === 'resultat')!;
    const col = resultat.columns.findIndex((c) => c.header === 'Helårsprognos');
    const personal = resultat.rows.find((x) => x.cells[0]!.text === 'Personal')!;
    expect(personal.cells[col]).toEqual({ kind: 'money', ore: -1_465_000 * KR, unit: 'tkr', mark: '(f)' });
    const intakter = resultat.rows.find((x) => x.cells[0]!.text === 'Intäkter')!;
    expect(intakter.cells[col]).toEqual({ kind: 'money', ore: 140_000 * KR, unit: 'tkr' });
    expect(resultat.notes).toContain(note);
    const prognos = tables.find((t) => t.id === 'prognos')!;
    expect(prognos.notes).toContain(note);
    // Markdown: the figure with its mark, the note, and the drafted sentence saying so.
    const md = await readFile(path.join(r.out, `${base}.md`), 'utf8');
    expect(md).toContain('| -1 465 (f) |');
    expect(md).toContain(`*${note}*`);
    expect(md).toContain('Helårsprognosen är helt eller delvis föreslagen.');
    expect(md).toContain('Helårsprognosen är helt eller delvis föreslagen av rapport (markerad (f) i tabellerna), inte lämnad av verksamheterna.');
    // The yearly chart's data table: the forecast as a positive net cost, 1 325 tkr, marked.
    expect(md).toContain('| Prognos 2024 | 1 325 (f) |');
    // Excel: still a number, with the mark in its number format; the note under the table.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(r.out, `${base}.xlsx`));
    const marked: string[] = [];
    let noted = false;
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => {
      if (typeof c.value === 'number' && c.numFmt?.includes('" (f)"')) marked.push(String(c.value));
      if (c.value === note) noted = true;
    })));
    expect(marked).toContain('-1465');
    expect(noted).toBe(true);
    // Word: the printed figure with a no-break space before the mark, and the note.
    const zip = await JSZip.loadAsync(await readFile(path.join(r.out, `${base}.docx`)));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('-1\u00a0465\u00a0(f)');
    expect(xml).toContain('ingen prognos har lämnats för hela eller delar av beloppet');
  });
});
