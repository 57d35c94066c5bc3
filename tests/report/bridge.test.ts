/**
 * The budget-to-outcome bridge (seed 000, "Brygga budget mot utfall") on a small ledger, by hand, and how the Word
 * renderer turns a bridge into stacked columns (an invisible base, increases, decreases, totals).
 *
 * The ledger (report sign, öre; report 2024-02):
 * - A1 3011 Patientavgifter: utfall 15 000 + 16 000 = 31 000, budget 12 000 + 12 000 = 24 000 → avvikelse +7 000;
 * - A1 4011 Personal: utfall −50 000 − 45 000 = −95 000, budget −40 000 − 40 000 = −80 000 → avvikelse −15 000;
 * - A2 5111 Köpt vård: utfall −1 000 in February, no budget (counted as 0, as table 3.1 does) → avvikelse −1 000.
 */
import { describe, expect, it } from 'vitest';
import { buildHierarchy } from '../../src/calc/hierarchy.js';
import { computeEconomy, prepareEconomy, type SectionDef } from '../../src/calc/economy.js';
import { bridgeSteps, buildBridgeChart } from '../../src/report/modules.js';
import { waterfallAxis, waterfallSeries } from '../../src/render/docx/chart.js';
import type { AccountGroupRow, Ledger, LedgerEntry, OrgRow } from '../../src/model/records.js';
import type { Chart, Table } from '../../src/report/model.js';
import { formatCell } from '../../src/render/format.js';

const sections: SectionDef[] = [
  { name: 'Verksamhetens intäkter', kind: 'income' },
  { name: 'Verksamhetens kostnader', kind: 'cost' },
];
const groups: AccountGroupRow[] = [
  { account: '3011', accountName: 'Patientavgifter', reportRow: 'Patientavgifter', section: 'Verksamhetens intäkter', row: 2 },
  { account: '4011', accountName: 'Löner', reportRow: 'Personal', section: 'Verksamhetens kostnader', row: 3 },
  { account: '5111', accountName: 'Köpt vård', reportRow: 'Köpt vård', section: 'Verksamhetens kostnader', row: 4 },
];
const org: OrgRow[] = [
  { costCentre: 'A1', name: 'Ansvar ett', parents: ['Delområde X'], row: 2 },
  { costCentre: 'A2', name: 'Ansvar två', parents: ['Delområde Y'], row: 3 },
];
const rows: [string, string, number, number | null, number | null][] = [
  ['A1', '3011', 202401, 15000, 12000],
  ['A1', '3011', 202402, 16000, 12000],
  ['A1', '4011', 202401, -50000, -40000],
  ['A1', '4011', 202402, -45000, -40000],
  ['A2', '5111', 202402, -1000, null],
];
function ledger(): Ledger {
  const ccs = ['A1', 'A2'];
  const accts = ['3011', '4011', '5111'];
  const entries: LedgerEntry[] = rows.map(([cc, a, p, actual, budget]) => ({
    costCentre: ccs.indexOf(cc), account: accts.indexOf(a), period: p, actual: actual as never, budget: budget as never, forecast: null,
  }));
  return { costCentres: ccs, accounts: accts, entries, costCentreNames: new Map(), accountNames: new Map(), dataRows: rows.length, sourceSign: 'report' };
}

describe('budgetbrygga', () => {
  const hierarchy = buildHierarchy('Nämnden', ['Delområde'], org);
  const period = { year: 2024, month: 2 };
  const { prepared } = prepareEconomy({ ledger: ledger(), accountGroups: groups, sections, hierarchy, period, files: { ledger: 'l.csv', accountGroups: 'k.csv' } });
  const result = computeEconomy(prepared, hierarchy.root);

  it('runs from ack budget through each row\'s avvikelse to ack utfall, exactly', () => {
    const steps = bridgeSteps(result, period);
    // Budget: 24 000 − 80 000 = −56 000. Utfall: 31 000 − 95 000 − 1 000 = −65 000.
    // −56 000 + 7 000 = −49 000; − 15 000 = −64 000; − 1 000 = −65 000 = utfall.
    expect(steps.map((s) => [s.label, s.total, s.amount, s.level])).toEqual([
      ['Budget jan–feb 2024', true, -56000, -56000],
      ['Patientavgifter', false, 7000, -49000],
      ['Personal', false, -15000, -64000],
      ['Köpt vård', false, -1000, -65000],
      ['Utfall jan–feb 2024', true, -65000, -65000],
    ]);
  });

  it('gives a chart with Swedish alt text and a data table holding every step', () => {
    const [chart, table] = buildBridgeChart(result, period) as [Chart, Table];
    expect(chart.kind).toBe('waterfall');
    expect(chart.dataTableId).toBe(table.id);
    expect(chart.altText).toContain('sämre än budget'); // −9 000 in total
    expect(chart.altText).toContain('Störst negativ avvikelse: Personal.');
    expect(chart.altText).toContain('Störst positiv avvikelse: Patientavgifter.');
    // Chart unit tkr (all below 100 mnkr); −56 000 öre = −0,56 tkr.
    expect(table.rows.map((r) => r.cells.map((c) => formatCell(c, ' ')))).toEqual([
      ['Budget jan–feb 2024', '', '-1'],
      ['Patientavgifter', '0', '0'],
      ['Personal', '0', '-1'],
      ['Köpt vård', '0', '-1'],
      ['Utfall jan–feb 2024', '', '-1'],
    ]);
  });

  it('is left out without a budget', () => {
    const noBudget = rows.map((r) => [r[0], r[1], r[2], r[3], null] as typeof r);
    const l = { ...ledger(), entries: ledger().entries.map((e, i) => ({ ...e, budget: noBudget[i]![4] as never })) };
    const p = prepareEconomy({ ledger: l, accountGroups: groups, sections, hierarchy, period, files: { ledger: 'l.csv', accountGroups: 'k.csv' } }).prepared;
    expect(buildBridgeChart(computeEconomy(p, hierarchy.root), period)).toEqual([]);
  });
});

describe('a bridge in Word: stacked columns', () => {
  const chart = (values: number[]): Chart => ({
    type: 'chart', id: 'b', kind: 'waterfall', title: 't', altText: 'a', categories: values.map((_, i) => String(i)),
    series: [{ name: 'Belopp', values }], unit: 'mnkr', dataTableId: 'd',
  });

  it('lifts each step to the running level and splits a step that crosses zero', () => {
    // Levels: 100 → 70 (−30) → 120 (+50) → −30 (−150, crossing zero) → total −30.
    const s = waterfallSeries(chart([100, -30, 50, -150, -30]));
    const by = Object.fromEntries(s.map((x) => [x.name, x.values]));
    expect(by['Bas']).toEqual([null, 70, 70, null, null]);
    expect(by['Ökning']).toEqual([null, null, 50, null, null]);
    expect(by['Minskning']).toEqual([null, 30, null, 120, null]);
    expect(by['Minskning under noll']).toEqual([null, null, null, -30, null]);
    expect(by['Summa']).toEqual([100, null, null, null, -30]);
  });

  it('draws negative levels downwards from an invisible base, and zooms the axis when the levels are close', () => {
    // Seed 000's shape: budget −732, +300, −47 → −479.
    const s = waterfallSeries(chart([-732, 300, -47, -479]));
    const by = Object.fromEntries(s.map((x) => [x.name, x.values]));
    // −732 → −432 (an increase): the bar spans −732…−432; the invisible base runs from 0 to −432, the bar −300 below it.
    expect(by['Bas']).toEqual([null, -432, -432, null]);
    expect(by['Ökning']).toEqual([null, -300, null, null]);
    // −432 → −479: base −432, bar −47.
    expect(by['Minskning']).toEqual([null, null, -47, null]);
    // Levels span −732…−432 = 300 > 25 % of 732: the axis starts at zero.
    expect(waterfallAxis(s)).toBeUndefined();
    // Close levels (−8 833 … −8 936, span 103 ≤ 25 % of 8 936): zoomed by 30 % of the span (30,9) each side, to the
    // hundred outwards (step 10^⌊log10 103⌋ = 100): −8 936 − 30,9 = −8 966,9 → −9 000; −8 833 + 30,9 = −8 802,1 → −8 800.
    const close = waterfallSeries(chart([-8833, -103, -8936]));
    expect(waterfallAxis(close)).toEqual({ minimum: -9000, maximum: -8800 });
  });
});
