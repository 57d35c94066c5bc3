import { describe, expect, it } from 'vitest';
import { buildHierarchy } from '../../src/calc/hierarchy.js';
import { computeEconomy, prepareEconomy, type SectionDef } from '../../src/calc/economy.js';
import type { AccountGroupRow, Ledger, LedgerEntry, OrgRow } from '../../src/model/records.js';
import type { MaybeOre } from '../../src/model/ore.js';

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
  { costCentre: 'A1', name: 'Ansvar ett', parents: ['Delområde X', 'Område P'], row: 2 },
  { costCentre: 'A2', name: 'Ansvar två', parents: ['Delområde Y', 'Område P'], row: 3 },
];

type E = [cc: string, acct: string, period: number, actual: MaybeOre, budget: MaybeOre];
function ledgerOf(rows: E[], sign: 'ledger' | 'report' = 'ledger'): Ledger {
  const ccs = [...new Set(rows.map((r) => r[0]))].sort();
  const accts = [...new Set(rows.map((r) => r[1]))].sort();
  const entries: LedgerEntry[] = rows.map(([cc, a, p, actual, budget]) => ({
    costCentre: ccs.indexOf(cc), account: accts.indexOf(a), period: p, actual, budget, forecast: null,
  }));
  return { costCentres: ccs, accounts: accts, entries, costCentreNames: new Map(), accountNames: new Map(), dataRows: rows.length, sourceSign: sign };
}

const o = (n: number) => n as MaybeOre;
const base: E[] = [
  ['A1', '3011', 202301, o(10000), null],
  ['A1', '3011', 202302, o(20000), null],
  ['A1', '3011', 202401, o(15000), o(12000)],
  ['A1', '3011', 202402, o(16000), o(12000)],
  ['A1', '3011', 202403, null, o(12000)],
  ['A1', '4011', 202312, o(-30000), null],
  ['A1', '4011', 202401, o(-50000), o(-40000)],
  ['A1', '4011', 202402, o(-45000), o(-40000)],
  ['A2', '5111', 202301, o(-7000), null],
  ['A2', '4011', 202402, o(-1000), null],
];
const files = { ledger: 'huvudbok.csv', accountGroups: 'kontogrupper.csv' };

describe('economy core', () => {
  const hierarchy = buildHierarchy('Nämnden', ['Delområde', 'Område'], org);
  const { prepared, diagnostics } = prepareEconomy({ ledger: ledgerOf(base), accountGroups: groups, sections, hierarchy, period: { year: 2024, month: 2 }, files });

  it('reports no diagnostics for consistent input', () => {
    expect(diagnostics).toEqual([]);
  });

  it('computes every measure of a row by hand (Patientavgifter, report 2024-02)', () => {
    const r = computeEconomy(prepared, hierarchy.root);
    const f = r.sections[0]!.rows[0]!.figures;
    expect(r.sections[0]!.rows[0]!.name).toBe('Patientavgifter');
    expect(f.ackActual).toBe(31000); // 15000 + 16000
    expect(f.ackBudget).toBe(24000); // 12000 + 12000, not 2/12 of 36000 by coincidence: March budget is excluded
    expect(f.ackDeviation).toBe(7000);
    expect(f.monthDeviation).toBe(4000); // 16000 − 12000
    expect(f.prevAckActual).toBe(30000);
    expect(f.change).toEqual({ num: 1000, den: 30000 });
    expect(f.annualBudget).toBe(36000);
    expect(f.prevYearActual).toBe(30000);
    expect(f.ackDeviationPrevYear).toBe(1000);
    expect(f.forecast).toBeNull();
    expect(f.forecastDeviation).toBeNull();
  });

  it('keeps no data distinct from zero and treats a vanished row as −100 %', () => {
    const r = computeEconomy(prepared, hierarchy.root);
    const cost = r.sections[1]!;
    const personal = cost.rows.find((x) => x.name === 'Personal')!.figures;
    expect(personal.ackActual).toBe(-96000); // −50000 − 45000 − 1000
    expect(personal.ackBudget).toBe(-80000);
    expect(personal.ackDeviation).toBe(-16000);
    expect(personal.monthDeviation).toBe(-6000); // (−45000 − 1000) − (−40000)
    expect(personal.prevAckActual).toBeNull(); // only December 2023 exists
    expect(personal.change).toBeNull();
    expect(personal.prevYearActual).toBe(-30000);
    const kopt = cost.rows.find((x) => x.name === 'Köpt vård')!.figures;
    expect(kopt.ackActual).toBeNull();
    expect(kopt.ackBudget).toBeNull();
    expect(kopt.ackDeviation).toBeNull();
    expect(kopt.monthDeviation).toBeNull();
    expect(kopt.annualBudget).toBeNull();
    expect(kopt.prevAckActual).toBe(-7000);
    expect(kopt.change).toEqual({ num: -7000, den: 7000 }); // −100 %
  });

  it('sums sections and the net, with förändring on signed values', () => {
    const r = computeEconomy(prepared, hierarchy.root);
    expect(r.sections[1]!.total.ackActual).toBe(-96000);
    expect(r.sections[1]!.total.prevAckActual).toBe(-7000);
    // (−96000 − (−7000)) / −7000: a growing cost is a positive change
    expect(r.sections[1]!.total.change).toEqual({ num: 89000, den: 7000 });
    expect(r.net.ackActual).toBe(-65000);
    expect(r.net.ackBudget).toBe(-56000);
    expect(r.net.ackDeviation).toBe(-9000);
    expect(r.net.prevAckActual).toBe(23000);
    expect(r.net.change).toEqual({ num: -88000, den: 23000 });
    expect(r.monthly[0]).toEqual({ month: 1, actual: -35000, budget: -28000, prevActual: 3000 });
    expect(r.monthly[1]).toEqual({ month: 2, actual: -30000, budget: -28000, prevActual: 20000 });
    expect(r.monthly[2]!.actual).toBeNull();
    expect(r.monthly[2]!.budget).toBe(12000);
  });

  it('computes any node of the tree from its own ansvar', () => {
    const leaf = hierarchy.leafByCostCentre.get('A2')!;
    const r = computeEconomy(prepared, leaf);
    const personal = r.sections[1]!.rows.find((x) => x.name === 'Personal')!.figures;
    expect(personal.ackActual).toBe(-1000);
    expect(personal.ackBudget).toBeNull();
    expect(personal.ackDeviation).toBe(-1000);
    const area = hierarchy.root.children[0]!;
    expect(area.name).toBe('Område P');
    expect(area.children.map((c) => c.name)).toEqual(['Delområde X', 'Delområde Y']);
    expect(computeEconomy(prepared, area).net.ackActual).toBe(-65000);
  });

  it('the sum of the units’ deviations is the total deviation', () => {
    const parts: number[] = hierarchy.root.children[0]!.children.map((c) => computeEconomy(prepared, c).net.ackDeviation ?? 0);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(computeEconomy(prepared, hierarchy.root).net.ackDeviation);
  });

  it('uses the latest forecast occasion and the one before it', () => {
    const { prepared: p, diagnostics: d } = prepareEconomy({
      ledger: ledgerOf(base), accountGroups: groups, sections, hierarchy, period: { year: 2024, month: 8 }, files,
      forecasts: [
        { occasion: 202404, costCentre: 'A1', reportRow: 'Personal', forecast: o(-500000)!, row: 2 },
        { occasion: 202408, costCentre: 'A1', reportRow: 'Personal', forecast: o(-520000)!, row: 3 },
        { occasion: 202408, costCentre: 'A2', account: '4011', forecast: o(-10000)!, row: 4 },
        { occasion: 202412, costCentre: 'A1', reportRow: 'Personal', forecast: o(-1)!, row: 5 },
      ],
    });
    expect(d).toEqual([]);
    const r = computeEconomy(p, hierarchy.root);
    const personal = r.sections[1]!.rows.find((x) => x.name === 'Personal')!.figures;
    expect(r.forecastOccasion).toBe(202408);
    expect(personal.forecast).toBe(-530000);
    expect(personal.previousForecast).toBe(-500000);
    expect(personal.forecastChange).toBe(-30000);
    expect(personal.forecastDeviation).toBe(-530000 - -80000);
  });

  it('reports unmapped accounts and unknown ansvar as errors, never as "Övrigt"', () => {
    const { diagnostics: d } = prepareEconomy({
      ledger: ledgerOf([...base, ['A1', '4999', 202401, o(123456), null], ['ZZ', '3011', 202401, o(100), null]]),
      accountGroups: groups, sections, hierarchy, period: { year: 2024, month: 2 }, files,
    });
    expect(d.map((x) => x.code).sort()).toEqual(['accounts.unmapped', 'org.unknown-cost-centre']);
    const unmapped = d.find((x) => x.code === 'accounts.unmapped')!;
    expect(unmapped.severity).toBe('error');
    expect(unmapped.value).toBe('4999');
    expect(unmapped.message).toContain('4999');
    expect(unmapped.message).toContain('1 234,56'); // 123456 öre
  });

  it('warns when the sign mode looks wrong', () => {
    const flipped = base.map(([cc, a, p, x, b]): E => [cc, a, p, x === null ? null : o(-x), b === null ? null : o(-b)]);
    const { diagnostics: d } = prepareEconomy({ ledger: ledgerOf(flipped), accountGroups: groups, sections, hierarchy, period: { year: 2024, month: 2 }, files });
    expect(d.map((x) => x.code)).toEqual(['ledger.sign-suspect']);
    expect(d[0]!.severity).toBe('warning');
  });

  it('warns that a Prognos column in the ledger is not used when forecasts come from no forecast source', () => {
    const l = ledgerOf(base);
    const withForecast = { ...l, entries: l.entries.map((e, i) => (i === 2 ? { ...e, forecast: o(99000) } : e)) };
    const { diagnostics: d } = prepareEconomy({ ledger: withForecast, accountGroups: groups, sections, hierarchy, period: { year: 2024, month: 2 }, files });
    expect(d.map((x) => [x.code, x.severity])).toEqual([['ledger.forecast-unused', 'warning']]);
    expect(d[0]!.message).toContain('1 rader');
  });

  it('warns when forecasts are given but none is for the report year', () => {
    const { prepared: p, diagnostics: d } = prepareEconomy({
      ledger: ledgerOf(base), accountGroups: groups, sections, hierarchy, period: { year: 2024, month: 2 }, files,
      forecasts: [{ occasion: 202308, costCentre: 'A1', reportRow: 'Personal', forecast: o(-1)!, row: 2 }],
    });
    expect(d.map((x) => [x.code, x.severity])).toEqual([['forecast.none-for-period', 'warning']]);
    expect(computeEconomy(p, hierarchy.root).net.forecast).toBeNull();
  });

  it('refuses a report period without utfall', () => {
    const { diagnostics: d } = prepareEconomy({ ledger: ledgerOf(base), accountGroups: groups, sections, hierarchy, period: { year: 2025, month: 8 }, files });
    expect(d.map((x) => x.code)).toEqual(['ledger.no-data-for-year']);
  });
});
