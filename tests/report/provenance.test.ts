/**
 * The provenance the JSON report model carries (report/provenance.ts, docs/report-model.md), on the golden case
 * (fixtures/vasterbotten-rs-2024-08, Region Västerbotten's published tables) and one forecast figure of the example
 * region: for several published figures it names the right inputs — the ledger file, the unit, the report rows or
 * investment area, the formula and the months of each term — and `rapport explain`, which now traces a figure from
 * that provenance, lists lines that lie inside those inputs and sum exactly to the figure. The JSON is byte-stable.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unitModels } from '../helpers/example-models.js';
import { runCli } from '../helpers/run-cli.js';
import { renderJson } from '../../src/render/json.js';
import { findTable, type ReportModel, type Table } from '../../src/report/model.js';
import { figureProvenance, type FigureProvenance } from '../../src/report/provenance.js';
import { reportModelSchema } from '../../src/report/model-schema.js';

const DIR = 'fixtures/vasterbotten-rs-2024-08';
const CONFIG = path.join(DIR, 'rapport.config.yaml');
const organisation = readFileSync(path.join(DIR, 'organisation.csv'), 'latin1').split(/\r?\n/);
const groups = readFileSync(path.join(DIR, 'kontogrupper.csv'), 'latin1').split(/\r?\n/);

let golden: ReportModel | undefined;
async function goldenModel(): Promise<ReportModel> {
  golden ??= (await unitModels(path.resolve(CONFIG)))[0]!;
  return golden;
}

/** The cell of a table by its first-cell label (the first match) and column header. */
function cellAt(t: Table, label: string, header: string): { row: number; column: number } {
  const row = t.rows.findIndex((r) => r.cells[0]?.kind === 'text' && r.cells[0].text === label);
  const column = t.columns.findIndex((c) => c.header === header);
  expect(row, `${t.id}: row ${label}`).toBeGreaterThanOrEqual(0);
  expect(column, `${t.id}: column ${header}`).toBeGreaterThan(0);
  return { row, column };
}

interface Line { file: string; costCentre: string; account?: string; period?: number; project?: string; amount: number }
interface Explained {
  figure: { cell: { kind: string; ore?: number; ratio?: { num: number; den: number } } };
  terms: { sign: 1 | -1; sum: number | null; lines: Line[] }[];
}

async function explain(config: string, figure: string): Promise<Explained> {
  const r = await runCli(['explain', '--period', '2024-08', '--config', config, '--figure', figure, '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Explained;
}

const ym = (p: number) => `${Math.trunc(p / 100)}-${String(p % 100).padStart(2, '0')}`;

/** The ansvar of a unit of the golden organisation file (a level column holding the unit's name), or all for the root. */
function costCentresOf(unitName: string | null): Set<string> {
  const rows = organisation.slice(1).filter((l) => l.trim() !== '').map((l) => l.split(';'));
  return new Set(rows.filter((r) => unitName === null || r.includes(unitName)).map((r) => r[0]!));
}

/** The accounts the account grouping maps to a report row (or a whole section). */
function accountsOf(section: string, row?: string): Set<string> {
  const rows = groups.slice(1).filter((l) => l.trim() !== '').map((l) => l.split(';'));
  return new Set(rows.filter((r) => r[3] === section && (row === undefined || r[2] === row)).map((r) => r[0]!));
}

/**
 * explain's lines against the provenance: the same number of terms with the same signs; every line from the term's
 * source file, within its months, of the unit's ansvar and of the rows' accounts; and the signed sums give the figure.
 */
function checkAgainst(e: Explained, p: FigureProvenance, ccs: Set<string>, accounts: Set<string> | null): void {
  expect(e.terms.map((t) => t.sign)).toEqual(p.terms!.map((t) => t.sign));
  e.terms.forEach((t, i) => {
    const term = p.terms![i]!;
    expect(t.lines.length).toBeGreaterThan(0);
    expect(t.lines.reduce((a, l) => a + l.amount, 0)).toBe(t.sum);
    for (const l of t.lines) {
      expect(l.file).toBe(term.source);
      expect(ccs.has(l.costCentre), l.costCentre).toBe(true);
      if (term.from !== undefined) {
        expect(ym(l.period!) >= term.from && ym(l.period!) <= term.to!, `${l.period} in ${term.from}–${term.to}`).toBe(true);
        if (accounts) expect(accounts.has(l.account!), l.account).toBe(true);
      }
    }
  });
}

const signedSum = (e: Explained) => e.terms.reduce((a, t) => a + t.sign * (t.sum ?? 0), 0);

describe('provenance on the golden case', () => {
  it('resultat / Personal / Ack utfall innev år (-768 426 tkr): the Personal row of the root, utfall January–August 2024', async () => {
    const t = findTable((await goldenModel()).sections, 'resultat')!;
    const at = cellAt(t, 'Personal', 'Ack utfall innev år');
    const p = figureProvenance(t, at.row, at.column)!;
    expect(p).toEqual({
      measure: 'ackUtfall', formula: 'ackActual', sources: ['raindance-saldo.csv'],
      terms: [{ sign: 1, source: 'raindance-saldo.csv', field: 'actual', from: '2024-01', to: '2024-08' }],
      unit: 'regionstyrelsen', rows: { kind: 'row', section: 'Verksamhetens kostnader', row: 'Personal' },
    });
    const e = await explain(CONFIG, 'resultat/Personal/Ack utfall innev år');
    checkAgainst(e, p, costCentresOf(null), accountsOf('Verksamhetens kostnader', 'Personal'));
    expect(signedSum(e)).toBe(e.figure.cell.ore);
    // -768 426 tkr as printed: the exact figure rounds to it (öre / 100 000).
    expect(Math.round(e.figure.cell.ore! / 1e5)).toBe(-768426);
  });

  it('resultat / Total (netto) / Ack avvikelse (-51 875 tkr): the net, utfall − budget January–August', async () => {
    const t = findTable((await goldenModel()).sections, 'resultat')!;
    const at = cellAt(t, 'Total (netto)', 'Ack avvikelse');
    const p = figureProvenance(t, at.row, at.column)!;
    expect(p.formula).toBe('ackDeviation');
    expect(p.rows).toEqual({ kind: 'net' });
    expect(p.terms).toEqual([
      { sign: 1, source: 'raindance-saldo.csv', field: 'actual', from: '2024-01', to: '2024-08' },
      { sign: -1, source: 'raindance-saldo.csv', field: 'budget', from: '2024-01', to: '2024-08' },
    ]);
    const e = await explain(CONFIG, 'resultat/Total (netto)/Ack avvikelse');
    checkAgainst(e, p, costCentresOf(null), null);
    expect(signedSum(e)).toBe(e.figure.cell.ore);
    expect(Math.round(e.figure.cell.ore! / 1e5)).toBe(-51875);
  });

  it('resultat / Vårdvalet primärvård / Augusti avvikelse: August only, one income row', async () => {
    const t = findTable((await goldenModel()).sections, 'resultat')!;
    const at = cellAt(t, 'Vårdvalet primärvård', 'Augusti avvikelse');
    const p = figureProvenance(t, at.row, at.column)!;
    expect(p.formula).toBe('monthDeviation');
    expect(p.rows).toEqual({ kind: 'row', section: 'Verksamhetens intäkter', row: 'Vårdvalet primärvård' });
    expect(p.terms!.map((x) => [x.field, x.from, x.to, x.sign])).toEqual([['actual', '2024-08', '2024-08', 1], ['budget', '2024-08', '2024-08', -1]]);
    const e = await explain(CONFIG, 'resultat/Verksamhetens intäkter / Vårdvalet primärvård/Augusti avvikelse');
    checkAgainst(e, p, costCentresOf(null), accountsOf('Verksamhetens intäkter', 'Vårdvalet primärvård'));
    expect(signedSum(e)).toBe(e.figure.cell.ore);
  });

  it('resultat / Total (netto) / Förändring utfall i %: this year against the same months last year', async () => {
    const t = findTable((await goldenModel()).sections, 'resultat')!;
    const at = cellAt(t, 'Total (netto)', 'Förändring utfall i %');
    const p = figureProvenance(t, at.row, at.column)!;
    expect(p.formula).toBe('change');
    expect(p.terms!.map((x) => [x.field, x.from, x.to, x.sign])).toEqual([['actual', '2024-01', '2024-08', 1], ['actual', '2023-01', '2023-08', -1]]);
    const e = await explain(CONFIG, 'resultat/Total (netto)/Förändring utfall i %');
    checkAgainst(e, p, costCentresOf(null), null);
    // Förändring = (a − b) / b with a, b the two sums: the ratio is the cell's exactly.
    const [a, b] = [e.terms[0]!.sum!, e.terms[1]!.sum!];
    const r = e.figure.cell.ratio!;
    expect(BigInt(r.num) * BigInt(b)).toBe(BigInt(a - b) * BigInt(r.den));
  });

  it('nettokostnad / Digitalisering / Budgetavvikelse (-32 mnkr): the child unit, its own ansvar only', async () => {
    const t = findTable((await goldenModel()).sections, 'nettokostnad')!;
    const at = cellAt(t, 'Digitalisering', 'Budgetavvikelse');
    const p = figureProvenance(t, at.row, at.column)!;
    expect(p.unit).not.toBe('regionstyrelsen');
    expect(p.rows).toEqual({ kind: 'net' });
    expect(p.formula).toBe('ackDeviation');
    const e = await explain(CONFIG, 'nettokostnad/Digitalisering/Budgetavvikelse');
    const ccs = costCentresOf('Digitalisering');
    expect(ccs.size).toBeLessThan(costCentresOf(null).size);
    checkAgainst(e, p, ccs, null);
    expect(signedSum(e)).toBe(e.figure.cell.ore);
  });

  it('investeringar / Fastighet / Prognosavvikelse (-60 mnkr): årsbudget − prognos of the area', async () => {
    const t = findTable((await goldenModel()).sections, 'investeringar')!;
    const at = cellAt(t, 'Fastighet', 'Prognosavvikelse');
    const p = figureProvenance(t, at.row, at.column)!;
    expect(p).toEqual({
      measure: 'prognosavvikelse', formula: 'investment.forecastDeviation', sources: ['investeringar.csv'],
      terms: [{ sign: 1, source: 'investeringar.csv', field: 'budget' }, { sign: -1, source: 'investeringar.csv', field: 'forecast' }],
      unit: 'regionstyrelsen', area: 'Fastighet',
    });
    const e = await explain(CONFIG, 'investeringar/Fastighet/Prognosavvikelse');
    expect(e.terms.map((x) => x.sign)).toEqual([1, -1]);
    for (const x of e.terms) for (const l of x.lines) expect(l.file).toBe('investeringar.csv');
    expect(signedSum(e)).toBe(e.figure.cell.ore);
    // The total row covers every area: no area in its provenance.
    const total = cellAt(t, 'Totalt', 'Prognosavvikelse');
    expect(figureProvenance(t, total.row, total.column)!.area).toBeUndefined();
  });

  it('section heading rows and label columns carry none; the JSON document validates and is byte-stable', async () => {
    const model = await goldenModel();
    const t = findTable(model.sections, 'resultat')!;
    const heading = t.rows.findIndex((r) => r.emphasis === 'section');
    expect(t.provenance!.rows[heading]).toBeNull();
    expect(t.provenance!.columns[0]).toBeNull();
    expect(t.provenance!.rows).toHaveLength(t.rows.length);
    expect(t.provenance!.columns).toHaveLength(t.columns.length);
    const json = renderJson(model);
    expect(reportModelSchema.safeParse(JSON.parse(json)).success).toBe(true);
    const again = (await unitModels(path.resolve(CONFIG)))[0]!;
    expect(renderJson(again)).toBe(json);
  });
});

describe('provenance of a forecast figure (the example region)', () => {
  it('prognos / Regionstyrelsen / Prognosförändring: the August forecast − the April one, from the forecasts file', async () => {
    const r = await runCli(['explain', '--period', '2024-08', '--config', 'rapport.config.yaml', '--figure', 'prognos/Regionstyrelsen/Prognosförändring', '--json']);
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out) as Explained & { figure: { table: string } };
    const model = JSON.parse(renderJson((await unitModels(path.resolve('rapport.config.yaml')))[0]!)) as ReportModel;
    const t = findTable(model.sections, 'prognos')!;
    const at = cellAt(t, 'Regionstyrelsen', 'Prognosförändring');
    const p = figureProvenance(t, at.row, at.column)!;
    expect(p).toEqual({
      measure: 'prognosforandring', formula: 'forecastChange', sources: ['fixtures/region-exempel/prognoser.csv'],
      terms: [
        { sign: 1, source: 'fixtures/region-exempel/prognoser.csv', field: 'forecast', occasion: '2024-08' },
        { sign: -1, source: 'fixtures/region-exempel/prognoser.csv', field: 'previousForecast', occasion: '2024-04' },
      ],
      unit: 'regionstyrelsen', rows: { kind: 'net' },
    });
    expect(e.terms.map((x) => x.sign)).toEqual([1, -1]);
    for (const x of e.terms) for (const l of x.lines) expect(l.file).toBe('fixtures/region-exempel/prognoser.csv');
    expect(signedSum(e)).toBe(e.figure.cell.ore);
  });
});

describe('provenance of a proposed forecast', () => {
  it('a row whose helårsprognos was proposed names the method; a supplied one does not', async () => {
    // As tests/forecast/proposals.test.ts: Personal has no August forecast (proposed as utfall + remaining budget),
    // Intäkter has one (140 000 kr, supplied).
    const { months, smallRegion } = await import('../forecast/small-region.js');
    const lines: [string, string, number, number | null, number | null][] = [
      ...months(2024, new Array(12).fill(-100_000)).map(([p, b]): [string, string, number, number | null, number | null] => ['100', '4011', p, p <= 202408 ? -110_000 : null, b]),
      ...months(2024, new Array(12).fill(10_000)).map(([p, b]): [string, string, number, number | null, number | null] => ['100', '3011', p, p <= 202408 ? 12_000 : null, b]),
    ];
    const r = await smallRegion({ lines, forecasts: [['2024-08', '100', 'Intäkter', 140_000]], extra: 'forecast:\n  propose:\n    method: remainingBudget\n' });
    const g = await runCli(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out, '--format', 'json']);
    expect(g.code, g.err).toBe(0);
    const { readdir, readFile } = await import('node:fs/promises');
    const file = (await readdir(r.out)).find((f) => f.endsWith('.json'))!;
    const model = JSON.parse(await readFile(path.join(r.out, file), 'utf8')) as ReportModel;
    const t = findTable(model.sections, 'resultat')!;
    const personal = cellAt(t, 'Personal', 'Helårsprognos');
    expect(figureProvenance(t, personal.row, personal.column)!.proposedForecast).toEqual(['remainingBudget']);
    const income = cellAt(t, 'Intäkter', 'Helårsprognos');
    const p = figureProvenance(t, income.row, income.column)!;
    expect(p.proposedForecast).toBeUndefined();
    expect(p.terms).toEqual([{ sign: 1, source: 'prognoser.csv', field: 'forecast', occasion: '2024-08' }]);
  });
});
