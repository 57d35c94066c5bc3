/**
 * The example fixtures modelled on seed 002 (Region Västmanland, FDS, delårsrapport 2023-08) and seed 003 (Region
 * Halland, Regionkontoret, uppföljningsrapport 1 2023): constructed data that reproduce the seeds' published tables.
 * Every published cell (the expected tables in each fixture's README) is checked against the core's figures (calc,
 * through the pipeline every command uses), rounded as the publication rounds. The printed reports (the bundled
 * layouts `resultatrakning` and `uppdrag`, in every format) are checked in seed-layouts.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { runPipeline, type LoadedData } from '../../src/pipeline/run.js';
import { computeEconomy, type EconomyResult, type RowFigures } from '../../src/calc/economy.js';
import { computeInvestments, type InvestmentResult } from '../../src/calc/investments.js';
import { formatMoney } from '../../src/model/format.js';
import type { DisplayUnit } from '../../src/model/figures.js';
import type { OrgNode } from '../../src/calc/hierarchy.js';
import { parseMarkdownTables, plainCell, type MdTable } from '../helpers/markdown-tables.js';
import { computePersonnel, type Figure, type PersonnelResults } from '../../src/calc/personnel/index.js';
import { ageGroupLabels } from '../../src/calc/personnel/groups.js';
import { formatPercent } from '../../src/model/format.js';

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

describe('seed 002 example: Region Västmanland, FDS, delårsrapport 2023-08', () => {
  let expected: MdTable[];
  let data: LoadedData;
  beforeAll(async () => {
    expected = await expectedTables(FDS);
    data = await pipeline(FDS, { year: 2023, month: 8 });
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

  it('the investment line (mnkr, one decimal)', () => {
    const t = table(expected, 'Investeringar');
    const inv = computeInvestments(data.investments!, data.hierarchy.root, true)!;
    const area = inv.areas.find((a) => a.area === 'Utrustning')!.figures;
    const want = t.rows[0]!.map(plainCell);
    expect([t.rows[0]![0], fmt(area.budget, 'mnkr', 1), fmt(area.actual, 'mnkr', 1), fmt(area.forecast, 'mnkr', 1)]).toEqual(want);
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
  let root: EconomyResult;
  let inv: InvestmentResult;
  beforeAll(async () => {
    expected = await expectedTables(HALLAND);
    data = await pipeline(HALLAND, { year: 2023, month: 4 });
    root = computeEconomy(data.prepared, data.hierarchy.root);
    inv = computeInvestments(data.investments!, data.hierarchy.root, true)!;
  });

  it('5.1 and 5.2: the summary lines in tkr', () => {
    const a = table(expected, '5.1 Ackumulerad').rows[0]!.map(plainCell);
    expect(['Ackumulerad budgetavvikelse', fmt(root.net.ackActual, 'tkr', 0), fmt(root.net.ackBudget, 'tkr', 0), fmt(root.net.ackDeviation, 'tkr', 0)]).toEqual(a);
    const f = table(expected, '5.2 Prognos').rows[0]!.map(plainCell);
    expect(['Prognos budgetavvikelse', fmt(root.net.forecast, 'tkr', 0), fmt(root.net.annualBudget, 'tkr', 0), fmt(root.net.forecastDeviation, 'tkr', 0)]).toEqual(f);
  });

  it('5.1.1: utfall, budget, budgetavvikelse and budgetavvikelse prognos per uppdrag (mnkr, one decimal)', () => {
    const t = table(expected, '5.1.1');
    const got = t.rows.map((row) => {
      const f = row[0] === 'Totalt' ? root.net : computeEconomy(data.prepared, child(data.hierarchy.root, row[0]!)).net;
      // The seed prints the forecast deviation with a plus sign above zero ("+0,7"), as the layout's `sign: plus` does.
      const plus = (x: string) => (/[1-9]/.test(x) && !x.startsWith('-') ? `+${x}` : x);
      return [row[0]!, fmt(f.ackActual, 'mnkr', 1), fmt(f.ackBudget, 'mnkr', 1), fmt(f.ackDeviation, 'mnkr', 1), plus(fmt(f.forecastDeviation, 'mnkr', 1))];
    });
    expect(got).toEqual(t.rows.map((r) => r.map(plainCell)));
  });

  it('the forecast change since February (seed text 5.2.1): +24,7 in all, Förtroendevalda +0,7, Utvecklingsmedel +24,0', () => {
    expect(fmt(root.net.forecastChange, 'mnkr', 1)).toBe('24,7');
    expect(fmt(computeEconomy(data.prepared, child(data.hierarchy.root, 'Förtroendevalda')).net.forecastChange, 'mnkr', 1)).toBe('0,7');
    expect(fmt(computeEconomy(data.prepared, child(data.hierarchy.root, 'Utvecklingsmedel')).net.forecastChange, 'mnkr', 1)).toBe('24,0');
    expect(fmt(computeEconomy(data.prepared, child(data.hierarchy.root, 'Regionkontoret')).net.forecastChange, 'mnkr', 1)).toBe('0,0');
  });

  it('5.3: the investment table per project (mnkr, one decimal)', () => {
    const t = table(expected, '5.3 Investeringar');
    for (const row of t.rows) {
      const f = row[0] === 'Summa' ? inv.total : inv.areas.find((a) => a.area === row[0])!.figures;
      const want = row.slice(1).map(plainCell);
      expect([fmt(f.actual, 'mnkr', 1), fmt(f.budget, 'mnkr', 1), fmt(f.forecast, 'mnkr', 1), fmt(f.forecastDeviation, 'mnkr', 1)], row[0]).toEqual(want);
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
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Seed 003, section 4 Medarbetare: from the generated Heroma extracts (heroma/, scripts/generate-halland-hr.mjs)

describe('seed 003 example: section 4 Medarbetare (personalomsättning and sjukfrånvaro)', () => {
  let expected: MdTable[];
  let r: PersonnelResults;
  beforeAll(async () => {
    expected = await expectedTables(HALLAND);
    const data = await pipeline(HALLAND, { year: 2023, month: 4 });
    r = computePersonnel(data.personnel!, { unitCostCentres: data.hierarchy.root.costCentres });
  });
  /** A shown figure as the seed prints it: percent with two decimals, rounded half away from zero. */
  const pct = (f: Figure): string => {
    expect(f.suppressed).toBeNull();
    return formatPercent(f.ratio, 2, ' ');
  };

  it('the HR figures cover March 2023 (one month behind the April ledger) and the rolling 12 months April 2022–March 2023', () => {
    expect(r.hrPeriod).toBe(202303);
    expect(r.turnover.current.window).toEqual({ from: 202204, to: 202303 });
    expect(r.turnover.current.covered).toBe(true);
    expect(r.sickLeave.ytd.window).toEqual({ from: 202301, to: 202303 });
  });

  it('4.1 and 4.2: utfall against målvärde (percent, utfall with two decimals)', () => {
    expect(['Personalomsättning', pct(r.turnover.current.total), '11']).toEqual(table(expected, '4.1 Personalomsättning').rows[0]!.map(plainCell));
    expect(['Sjukfrånvaro', pct(r.sickLeave.ytd.total), '5,2']).toEqual(table(expected, '4.2 Sjukfrånvaro').rows[0]!.map(plainCell));
    expect(r.rules.targets).toEqual({ personalomsattning: 11, sjukfranvaro: 5.2 });
  });

  it('the text of 4.1: pension, internal and external leavers (adding up to the total), women, men and 20–29 år', () => {
    const t = r.turnover.current;
    const labels = ageGroupLabels(r.rules.turnover.ageGroups);
    const young = labels.indexOf('20–29 år');
    const got: Record<string, string> = {
      Pensionsavgångar: pct(t.pension), 'Interna avgångar': pct(t.internal), 'Externa avgångar': pct(t.external),
      Kvinnor: pct(t.women), Män: pct(t.men), '20–29 år': pct(t.ageGroups[young]!),
    };
    const want = table(expected, 'Personalomsättningens delar').rows.map((row) => [plainCell(row[0]!), plainCell(row[1]!)]);
    expect(want.map(([label]) => [label, got[label!]])).toEqual(want);
    // The parts are fractions of one average headcount: they add up to the total exactly.
    expect(t.pension.ratio!.num + t.internal.ratio!.num + t.external.ratio!.num).toBe(t.total.ratio!.num);
  });

  it('20–29 år is small but above "högst tio", so its figure is shown; every other age group is below the 11 % target', () => {
    const t = r.turnover.current;
    const labels = ageGroupLabels(r.rules.turnover.ageGroups);
    const young = t.ageGroups[labels.indexOf('20–29 år')]!;
    expect(young.suppressed).toBeNull();
    expect(young.population).toBeGreaterThan(r.rules.privacy.maxSuppressedGroupSize);
    expect(young.population).toBeLessThan(30);
    // "19 år eller yngre" has nobody: empty, not shown.
    expect(t.ageGroups[0]!.suppressed).toBe('empty');
    for (const [i, f] of t.ageGroups.entries()) {
      if (i <= labels.indexOf('20–29 år')) continue;
      expect(f.suppressed, labels[i]).toBeNull();
      expect(f.ratio!.num * 100 < 11 * f.ratio!.den, labels[i]).toBe(true);
    }
  });
});
