/**
 * Budget periodisation through the configuration (budget.periodisation), report 2024-08, against values worked out
 * by hand; and the key named in the table note in every format. Each line's yearly budget is on January alone in
 * the ledger (a yearly budget export), so every monthly figure below comes from the key:
 *
 * - 100 Personal, −1 200 000, the main key `twelfths`: −100 000 a month; Jan–Aug −800 000, August −100 000.
 * - 200 Personal, −2 510 000, the ansvar rule `workingDays`: 2024 has 22, 21, 20, 21, 21, 18, 23, 22, 21, 23, 21, 18
 *   working days (251; tests/calc/periodise.test.ts counts them), so −10 000 a working day; Jan–Aug 168 days
 *   = −1 680 000, August 22 days = −220 000.
 * - 100 Intäkter, +1 000 000, the row rule `sommar` = [9, 9, 9, 9, 9, 7, 4, 8, 9, 9, 9, 9] (Σ 100): Jan–Aug
 *   9 × 5 + 7 + 4 + 8 = 64 % = +640 000, August 8 % = +80 000.
 * - 100 Köpt vård, −700 000, the row rule `previousYear`: Köpt vård's utfall 2023 is −10 000 a month and −30 000 in
 *   December (Σ −140 000), so Jan–Aug is 80 000 / 140 000 of the year: −400 000; August −700 000 × 10/140 = −50 000.
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
import { months, smallRegion, type Line } from './small-region.js';

afterEach(() => vi.restoreAllMocks());

const KR = 100;
const lines: Line[] = [
  ['100', '4011', 202401, -100_000, -1_200_000],
  ['200', '4011', 202401, -200_000, -2_510_000],
  ['100', '3011', 202401, 80_000, 1_000_000],
  ['100', '5011', 202401, -12_000, -700_000],
  ...months(2023, [-10_000, -10_000, -10_000, -10_000, -10_000, -10_000, -10_000, -10_000, -10_000, -10_000, -10_000, -30_000]).map(([p, v]): Line => ['100', '5011', p, v, null]),
  ...[2, 3, 4, 5, 6, 7, 8].flatMap((m): Line[] => [
    ['100', '4011', 202400 + m, -100_000, null],
    ['200', '4011', 202400 + m, -200_000, null],
    ['100', '3011', 202400 + m, 80_000, null],
    ['100', '5011', 202400 + m, -12_000, null],
  ]),
];
const PERIODISATION = `budget:
  periodisation:
    key: twelfths
    seasonalKeys:
      sommar: [9, 9, 9, 9, 9, 7, 4, 8, 9, 9, 9, 9]
    costCentres: { "200": workingDays }
    reportRows: { Intäkter: sommar, Köpt vård: previousYear }
`;
const NOTE =
  'Budgeten är periodiserad i tolftedelar. För Intäkter är budgeten periodiserad med säsongsnyckeln sommar. ' +
  'För Köpt vård är budgeten periodiserad efter utfallets fördelning per månad 2023. ' +
  'För ansvar 200 är budgeten periodiserad efter antalet arbetsdagar per månad 2024.';

describe('budget.periodisation through the configuration (report 2024-08)', () => {
  it('spreads each yearly budget by its key: twelfths, working days, a seasonal key, last year’s outcome, rules per ansvar and row', async () => {
    const r = await smallRegion({ lines, extra: PERIODISATION });
    const loaded = await loadConfig(r.config);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const run = await runPipeline(loaded.value, { year: 2024, month: 8 });
    expect(run.diagnostics.all.filter((d) => d.severity === 'error')).toEqual([]);
    const data = run.data!;
    const unit = (name: string) => computeEconomy(data.prepared, data.hierarchy.root.children.find((c) => c.name === name)!);
    const root = computeEconomy(data.prepared, data.hierarchy.root);
    const row = (name: string) => root.sections.flatMap((s) => s.rows).find((x) => x.name === name)!.figures;

    // Stab is ansvar 200 alone: working days.
    expect(unit('Stab').net.ackBudget).toBe(-1_680_000 * KR);
    expect(unit('Stab').monthly[7]!.budget).toBe(-220_000 * KR);
    expect(unit('Stab').budgetNote).toBe('För ansvar 200 är budgeten periodiserad efter antalet arbetsdagar per månad 2024.');
    // Intäkter: the seasonal key. Köpt vård: last year's pattern.
    expect(row('Intäkter').ackBudget).toBe(640_000 * KR);
    expect(row('Köpt vård').ackBudget).toBe(-400_000 * KR);
    // Personal: 100 by twelfths (−800 000) + 200 by working days (−1 680 000) = −2 480 000.
    expect(row('Personal').ackBudget).toBe(-2_480_000 * KR);
    // August alone: −100 000 − 220 000 + 80 000 − 50 000 = −290 000; Jan–Aug: −800 000 − 1 680 000 + 640 000 − 400 000 = −2 240 000.
    expect(root.monthly[7]!.budget).toBe(-290_000 * KR);
    expect(root.net.ackBudget).toBe(-2_240_000 * KR);
    // The årsbudget is what was budgeted: −1 200 000 − 2 510 000 + 1 000 000 − 700 000 = −3 410 000.
    expect(root.net.annualBudget).toBe(-3_410_000 * KR);
    // Ack avvikelse = ack utfall − ack budget: utfall 8 × (−100 000 − 200 000 + 80 000 − 12 000) = −1 856 000;
    // −1 856 000 − (−2 240 000) = +384 000.
    expect(root.net.ackActual).toBe(-1_856_000 * KR);
    expect(root.net.ackDeviation).toBe(384_000 * KR);
    expect(root.budgetNote).toBe(NOTE);
  });

  it('names the key under the budget tables in JSON, Markdown, Excel and Word', async () => {
    const r = await smallRegion({ lines, extra: PERIODISATION + 'units: { result: tkr, netCost: tkr }\n' });
    const g = await runCli(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out, '--format', 'json,md,xlsx,docx']);
    expect(g.code, g.err).toBe(0);
    const base = (await readdir(r.out)).find((f) => f.endsWith('.json'))!.replace(/\.json$/, '');
    const json = JSON.stringify(JSON.parse(await readFile(path.join(r.out, `${base}.json`), 'utf8')));
    // Tables 3.1 (resultat), 3.2 (nettokostnad) and the monthly chart's data table show the periodised budget.
    expect(json.split(JSON.stringify(NOTE)).length - 1).toBe(3);
    const md = await readFile(path.join(r.out, `${base}.md`), 'utf8');
    expect(md).toContain(`*${NOTE}*`);
    // The August budget deviation, in tkr: utfall −232 − budget −290 = +58 (−100 − 200 + 80 − 12 = −232).
    expect(md).toMatch(/\| \*\*Total \(netto\)\*\* \| \*\*58\*\* \|/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(r.out, `${base}.xlsx`));
    let noted = 0;
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { if (c.value === NOTE) noted++; })));
    expect(noted).toBeGreaterThanOrEqual(1);
    const zip = await JSZip.loadAsync(await readFile(path.join(r.out, `${base}.docx`)));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Budgeten är periodiserad i tolftedelar.');
    expect(xml).toContain('efter antalet arbetsdagar per månad 2024');
  });

  it('an unknown key is an error with the nearest name; a key that cannot spread a row names the row', async () => {
    const bad = await smallRegion({ lines, extra: 'budget:\n  periodisation:\n    key: twelths\n    seasonalKeys: { sommar: [9, 9, 9, 9, 9, 7, 4, 8, 9, 9, 9, 9] }\n    reportRows: { Intäkter: somar }\n' });
    const loaded = await loadConfig(bad.config);
    const messages = loaded.ok ? [] : loaded.diagnostics.map((d) => d.message);
    expect(messages).toEqual([
      expect.stringMatching(/^Periodiseringsnyckeln "twelths" i budget\.periodisation\.key finns inte\. Menade du "twelfths"\?/),
      expect.stringMatching(/^Periodiseringsnyckeln "somar" i budget\.periodisation\.reportRows\.Intäkter finns inte\. Menade du "sommar"\?/),
    ]);
    // Personal has no utfall 2023, so last year's pattern cannot spread its budget: an error, never a half-periodised budget.
    const noHistory = await smallRegion({ lines, extra: 'budget:\n  periodisation:\n    key: previousYear\n' });
    const ok = await loadConfig(noHistory.config);
    if (!ok.ok) throw new Error(JSON.stringify(ok.diagnostics));
    const run = await runPipeline(ok.value, { year: 2024, month: 8 });
    expect(run.data).toBeNull();
    expect(run.diagnostics.all.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'Budgeten för Intäkter kan inte periodiseras med nyckeln "previousYear" (budget.periodisation): raden har inget utfall 2023. Välj en annan nyckel för raden under budget.periodisation.reportRows eller costCentres.',
      'Budgeten för Personal kan inte periodiseras med nyckeln "previousYear" (budget.periodisation): raden har inget utfall 2023. Välj en annan nyckel för raden under budget.periodisation.reportRows eller costCentres.',
    ]);
  });
});
