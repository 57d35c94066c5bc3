/**
 * The example fixtures modelled on seed 002 (Region Västmanland, FDS, delårsrapport 2023-08) and seed 003 (Region
 * Halland, Regionkontoret, uppföljningsrapport 1 2023): constructed data that reproduce the seeds' published tables.
 * Every published cell (the expected tables in each fixture's README) is checked twice:
 * - against the core's figures (calc, through the pipeline every command uses), rounded as the publication rounds;
 * - against the JSON report model the CLI writes today, for every figure that model holds (exact öre).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { runPipeline, type LoadedData } from '../../src/pipeline/run.js';
import { computeEconomy, type EconomyResult, type RowFigures } from '../../src/calc/economy.js';
import { computeInvestments, type InvestmentResult } from '../../src/calc/investments.js';
import { formatMoney } from '../../src/model/format.js';
import type { DisplayUnit } from '../../src/model/figures.js';
import type { OrgNode } from '../../src/calc/hierarchy.js';
import type { ReportModel, Table } from '../../src/report/model.js';
import { main } from '../../src/cli/main.js';
import { parseMarkdownTables, plainCell, type MdTable } from '../helpers/markdown-tables.js';

const FDS = path.resolve('fixtures/vastmanland-fds-2023-08');
const HALLAND = path.resolve('fixtures/halland-regionkontoret-2023-04');

/** A money figure as the publication prints it: unit, decimals, each figure rounded on its own; blank for no data. */
function fmt(ore: number | null, unit: DisplayUnit, decimals: number): string {
  return formatMoney(ore, unit, decimals, ' ');
}

async function expectedTables(dir: string): Promise<MdTable[]> {
  return parseMarkdownTables(await readFile(path.join(dir, 'README.md'), 'utf8'));
}

function table(tables: MdTable[], heading: string): MdTable {
  const t = tables.find((x) => x.heading.startsWith(heading));
  if (!t) throw new Error(`README has no table under "${heading}"`);
  return t;
}

async function pipeline(dir: string, period: { year: number; month: number }): Promise<LoadedData> {
  const loaded = await loadConfig(path.join(dir, 'rapport.config.yaml'));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  const r = await runPipeline(loaded.value, period);
  expect(r.diagnostics.errors()).toEqual([]);
  return r.data!;
}

async function generateJson(dir: string, period: string): Promise<ReportModel> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'rapport-seed-'));
  const code = await main(['node', 'rapport', 'generate', '--period', period, '--config', path.join(dir, 'rapport.config.yaml'), '--out', out, '--format', 'json']);
  expect(code).toBe(0);
  const files = await readdir(out);
  expect(files).toHaveLength(1);
  return JSON.parse(await readFile(path.join(out, files[0]!), 'utf8')) as ReportModel;
}

function modelTable(m: ReportModel, id: string): Table {
  const walk = (sections: ReportModel['sections']): Table | undefined => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.type === 'table' && b.id === id) return b;
      const t = walk(s.sections);
      if (t) return t;
    }
    return undefined;
  };
  const t = walk(m.sections);
  if (!t) throw new Error(`model has no table ${id}`);
  return t;
}

/** The öre of a model table's money cell in the row labelled `label` (the `nth` such row) and the column `header`. */
function modelOre(t: Table, label: string, header: string, nth = 0): number | null {
  const col = t.columns.findIndex((c) => c.header === header);
  if (col < 0) throw new Error(`table ${t.id} has no column "${header}": ${t.columns.map((c) => c.header).join(' | ')}`);
  const rows = t.rows.filter((r) => r.cells[0]!.kind === 'text' && (r.cells[0] as { text: string }).text === label);
  const cell = rows[nth]?.cells[col];
  if (!cell || cell.kind !== 'money') throw new Error(`table ${t.id}: no money cell at "${label}" × "${header}"`);
  return cell.ore;
}

// ---------------------------------------------------------------------------------------------------------------
// Seed 002: the nine-column förenklad resultaträkning in mnkr with one decimal

/** Published column → the core's measure. */
const FDS_COLUMNS: Record<string, keyof RowFigures> = {
  'Ack utfall Inn år': 'ackActual',
  'Ack Budget Inn år': 'ackBudget',
  'Ack avv från budget': 'ackDeviation',
  'Ack Utfall Fg år': 'prevAckActual',
  'Helår Prognos': 'forecast',
  'Helår Budget': 'annualBudget',
  'Avv Bud mot Prog': 'forecastDeviation',
  'Bokslut Utf Fg år': 'prevYearActual',
  'Ack Avv Fg år': 'ackDeviationPrevYear',
};

/** The same measures in today's default table 3.1 (the two others are not in the default layout). */
const FDS_MODEL_HEADERS: Partial<Record<keyof RowFigures, string>> = {
  ackActual: 'Ack utfall innev år',
  ackBudget: 'Ack budget innev år',
  ackDeviation: 'Ack avvikelse',
  prevAckActual: 'Ack utfall föreg år',
  forecast: 'Helårsprognos',
  annualBudget: 'Årsbudget',
  forecastDeviation: 'Prognosavvikelse',
};

function fdsFigures(r: EconomyResult, label: string): RowFigures {
  if (label === 'Summa Intäkter') return r.sections.find((s) => s.name === 'Intäkter')!.total;
  if (label === 'Summa Kostnader') return r.sections.find((s) => s.name === 'Kostnader')!.total;
  if (label === 'Resultat') return r.net;
  for (const s of r.sections) {
    const row = s.rows.find((x) => x.name === label);
    if (row) return row.figures;
  }
  throw new Error(`no report row ${label}`);
}

/** Today's table 3.1 labels: the section totals are "Total" (first = Intäkter, second = Kostnader), the net "Total (netto)". */
function fdsModelRow(label: string): { label: string; nth: number } {
  if (label === 'Summa Intäkter') return { label: 'Total', nth: 0 };
  if (label === 'Summa Kostnader') return { label: 'Total', nth: 1 };
  if (label === 'Resultat') return { label: 'Total (netto)', nth: 0 };
  return { label, nth: 0 };
}

describe('seed 002 example: Region Västmanland, FDS, delårsrapport 2023-08', () => {
  let expected: MdTable[];
  let data: LoadedData;
  let model: ReportModel;
  beforeAll(async () => {
    expected = await expectedTables(FDS);
    data = await pipeline(FDS, { year: 2023, month: 8 });
    model = await generateJson(FDS, '2023-08');
  });

  it('the core computes every cell of the förenklad resultaträkning (16 rows × 9 columns, mnkr, one decimal)', () => {
    const t = table(expected, 'Förenklad resultaträkning');
    const r = computeEconomy(data.prepared, data.hierarchy.root);
    const measures = t.header.slice(1).map((h) => FDS_COLUMNS[plainCell(h)]!);
    expect(measures.every(Boolean)).toBe(true);
    expect(t.rows).toHaveLength(16);
    const got = t.rows.map((row) => [row[0]!, ...measures.map((m) => fmt(fdsFigures(r, row[0]!)[m] as number | null, 'mnkr', 1))]);
    expect(got).toEqual(t.rows.map((row) => row.map(plainCell)));
  });

  it('the JSON report model holds the exact figures of the seven columns today\'s table 3.1 shows', () => {
    const t = table(expected, 'Förenklad resultaträkning');
    const resultat = modelTable(model, 'resultat');
    let checked = 0;
    for (const row of t.rows) {
      t.header.slice(1).forEach((h, i) => {
        const header = FDS_MODEL_HEADERS[FDS_COLUMNS[plainCell(h)]!];
        if (!header) return;
        const at = fdsModelRow(row[0]!);
        expect(fmt(modelOre(resultat, at.label, header, at.nth), 'mnkr', 1), `${row[0]} × ${h}`).toBe(plainCell(row[i + 1]!));
        checked++;
      });
    }
    expect(checked).toBe(16 * 7);
  });

  it('the investment line (mnkr, one decimal): core and JSON model', () => {
    const t = table(expected, 'Investeringar');
    const inv = computeInvestments(data.investments!, data.hierarchy.root, true)!;
    const area = inv.areas.find((a) => a.area === 'Utrustning')!.figures;
    const want = t.rows[0]!.map(plainCell);
    expect([t.rows[0]![0], fmt(area.budget, 'mnkr', 1), fmt(area.actual, 'mnkr', 1), fmt(area.forecast, 'mnkr', 1)]).toEqual(want);
    const m = modelTable(model, 'investeringar');
    expect(fmt(modelOre(m, 'Utrustning', 'Årsbudget 2023'), 'mnkr', 1)).toBe(want[1]);
    expect(fmt(modelOre(m, 'Utrustning', 'Utfall ack aug 2023'), 'mnkr', 1)).toBe(want[2]);
    expect(fmt(modelOre(m, 'Utrustning', 'Prognos 2023'), 'mnkr', 1)).toBe(want[3]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Seed 003: per uppdrag in mnkr with one decimal, summary lines in tkr, investments per project

function child(root: OrgNode, name: string): OrgNode {
  const c = root.children.find((n) => n.name === name);
  if (!c) throw new Error(`no uppdrag ${name}`);
  return c;
}

describe('seed 003 example: Region Halland, Regionkontoret, uppföljningsrapport 1 2023', () => {
  let expected: MdTable[];
  let data: LoadedData;
  let model: ReportModel;
  let root: EconomyResult;
  let inv: InvestmentResult;
  beforeAll(async () => {
    expected = await expectedTables(HALLAND);
    data = await pipeline(HALLAND, { year: 2023, month: 4 });
    model = await generateJson(HALLAND, '2023-04');
    root = computeEconomy(data.prepared, data.hierarchy.root);
    inv = computeInvestments(data.investments!, data.hierarchy.root, true)!;
  });

  it('5.1 and 5.2: the summary lines in tkr (core and the JSON model\'s table 3.1 net row)', () => {
    const a = table(expected, '5.1 Ackumulerad').rows[0]!.map(plainCell);
    expect(['Ackumulerad budgetavvikelse', fmt(root.net.ackActual, 'tkr', 0), fmt(root.net.ackBudget, 'tkr', 0), fmt(root.net.ackDeviation, 'tkr', 0)]).toEqual(a);
    const f = table(expected, '5.2 Prognos').rows[0]!.map(plainCell);
    expect(['Prognos budgetavvikelse', fmt(root.net.forecast, 'tkr', 0), fmt(root.net.annualBudget, 'tkr', 0), fmt(root.net.forecastDeviation, 'tkr', 0)]).toEqual(f);
    const t = modelTable(model, 'resultat');
    const net = (h: string) => fmt(modelOre(t, 'Total (netto)', h), 'tkr', 0);
    expect([net('Ack utfall innev år'), net('Ack budget innev år'), net('Ack avvikelse')]).toEqual(a.slice(1));
    expect([net('Helårsprognos'), net('Årsbudget'), net('Prognosavvikelse')]).toEqual(f.slice(1));
  });

  it('5.1.1: utfall, budget, budgetavvikelse and budgetavvikelse prognos per uppdrag (mnkr, one decimal)', () => {
    const t = table(expected, '5.1.1');
    const got = t.rows.map((row) => {
      const f = row[0] === 'Totalt' ? root.net : computeEconomy(data.prepared, child(data.hierarchy.root, row[0]!)).net;
      return [row[0]!, fmt(f.ackActual, 'mnkr', 1), fmt(f.ackBudget, 'mnkr', 1), fmt(f.ackDeviation, 'mnkr', 1), fmt(f.forecastDeviation, 'mnkr', 1)];
    });
    expect(got).toEqual(t.rows.map((r) => r.map(plainCell)));
  });

  it('5.1.1 in the JSON model: utfall, budgetavvikelse and prognosavvikelse of table 3.2 (budget = utfall − avvikelse, exact)', () => {
    const t = table(expected, '5.1.1');
    const m = modelTable(model, 'nettokostnad');
    for (const row of t.rows) {
      const label = row[0] === 'Totalt' ? 'Verksamhetens nettokostnader' : row[0]!;
      const actual = modelOre(m, label, 'Utfall apr 2023')!;
      const deviation = modelOre(m, label, 'Budgetavvikelse')!;
      const got = [fmt(actual, 'mnkr', 1), fmt(actual - deviation, 'mnkr', 1), fmt(deviation, 'mnkr', 1), fmt(modelOre(m, label, 'Prognosavvikelse'), 'mnkr', 1)];
      expect(got, row[0]).toEqual(row.slice(1).map(plainCell));
    }
  });

  it('the forecast change since February (seed text 5.2.1): +24,7 in all, Förtroendevalda +0,7, Utvecklingsmedel +24,0', () => {
    expect(fmt(root.net.forecastChange, 'mnkr', 1)).toBe('24,7');
    expect(fmt(computeEconomy(data.prepared, child(data.hierarchy.root, 'Förtroendevalda')).net.forecastChange, 'mnkr', 1)).toBe('0,7');
    expect(fmt(computeEconomy(data.prepared, child(data.hierarchy.root, 'Utvecklingsmedel')).net.forecastChange, 'mnkr', 1)).toBe('24,0');
    expect(fmt(computeEconomy(data.prepared, child(data.hierarchy.root, 'Regionkontoret')).net.forecastChange, 'mnkr', 1)).toBe('0,0');
  });

  it('5.3: the investment table per project (mnkr, one decimal), core and JSON model', () => {
    const t = table(expected, '5.3 Investeringar');
    const m = modelTable(model, 'investeringar');
    for (const row of t.rows) {
      const f = row[0] === 'Summa' ? inv.total : inv.areas.find((a) => a.area === row[0])!.figures;
      const want = row.slice(1).map(plainCell);
      expect([fmt(f.actual, 'mnkr', 1), fmt(f.budget, 'mnkr', 1), fmt(f.forecast, 'mnkr', 1), fmt(f.forecastDeviation, 'mnkr', 1)], row[0]).toEqual(want);
      const label = row[0] === 'Summa' ? 'Totalt' : row[0]!;
      const cell = (h: string) => fmt(modelOre(m, label, h), 'mnkr', 1);
      expect([cell('Utfall ack apr 2023'), cell('Årsbudget 2023'), cell('Prognos 2023'), cell('Prognosavvikelse')], row[0]).toEqual(want);
    }
    expect(t.rows).toHaveLength(7);
  });

  it('5.3.1: the investment forecast line in tkr', () => {
    const want = table(expected, '5.3.1').rows[0]!.map(plainCell);
    expect([fmt(inv.total.forecast, 'tkr', 0), fmt(inv.total.budget, 'tkr', 0), fmt(inv.total.forecastDeviation, 'tkr', 0)]).toEqual(want);
  });

  it('the uppdrag named like the root is told apart: the report warns and titles it with its level', () => {
    const rk = child(data.hierarchy.root, 'Regionkontoret');
    expect(rk.title).toBe('Regionkontoret (uppdrag)');
    expect(rk.id).toBe('regionkontoret-uppdrag');
    expect(data.hierarchy.root.id).toBe('regionkontoret');
    expect(model.meta.unit).toBe('Regionkontoret');
  });
});
