/**
 * Property tests (fast-check) for the economy core's invariants on generated ledgers: a parent's figures are the sums
 * of its children's; the rows of a section sum to the section total and the sections to the net; deviations are the
 * differences of the figures they compare, so they sum the same way. And for the personnel figures: suppression
 * never leaves a group of ten or fewer derivable, by itself or by subtraction. Fixed seed, shrinking on failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildHierarchy, type OrgNode } from '../../src/calc/hierarchy.js';
import { computeEconomy, prepareEconomy, type RowFigures, type SectionDef } from '../../src/calc/economy.js';
import type { AccountGroupRow, ForecastRecord, Ledger, LedgerEntry, OrgRow } from '../../src/model/records.js';
import type { MaybeOre, Ore } from '../../src/model/ore.js';
import { FigureSet } from '../../src/calc/personnel/privacy.js';

const sections: SectionDef[] = [
  { name: 'Verksamhetens intäkter', kind: 'income' },
  { name: 'Verksamhetens kostnader', kind: 'cost' },
];
const groups: AccountGroupRow[] = [
  { account: '3011', accountName: 'Patientavgifter', reportRow: 'Patientavgifter', section: 'Verksamhetens intäkter', row: 2 },
  { account: '3511', accountName: 'Statsbidrag', reportRow: 'Bidrag', section: 'Verksamhetens intäkter', row: 3 },
  { account: '4011', accountName: 'Löner', reportRow: 'Personal', section: 'Verksamhetens kostnader', row: 4 },
  { account: '4012', accountName: 'Löner timavlönade', reportRow: 'Personal', section: 'Verksamhetens kostnader', row: 5 },
  { account: '5111', accountName: 'Köpt vård', reportRow: 'Köpt vård', section: 'Verksamhetens kostnader', row: 6 },
];
const ACCOUNTS = groups.map((g) => g.account);
const COST_CENTRES = ['A1', 'A2', 'A3', 'A4', 'A5'];
// Two levels: A1, A2 under X; A3 under Y; A4, A5 under Z; X, Y under P; Z under Q.
const org: OrgRow[] = [
  { costCentre: 'A1', name: 'Ansvar 1', parents: ['X', 'P'], row: 2 },
  { costCentre: 'A2', name: 'Ansvar 2', parents: ['X', 'P'], row: 3 },
  { costCentre: 'A3', name: 'Ansvar 3', parents: ['Y', 'P'], row: 4 },
  { costCentre: 'A4', name: 'Ansvar 4', parents: ['Z', 'Q'], row: 5 },
  { costCentre: 'A5', name: 'Ansvar 5', parents: ['Z', 'Q'], row: 6 },
];
const hierarchy = buildHierarchy('Nämnden', ['Delområde', 'Område'], org);
const files = { ledger: 'huvudbok.csv', accountGroups: 'kontogrupper.csv' };

const amount: fc.Arbitrary<MaybeOre> = fc.option(fc.integer({ min: -50_000_000_00, max: 50_000_000_00 }) as fc.Arbitrary<MaybeOre>, { nil: null });
const entry = fc.record({
  cc: fc.constantFrom(...COST_CENTRES),
  account: fc.constantFrom(...ACCOUNTS),
  period: fc.constantFrom(...[2023, 2024].flatMap((y) => Array.from({ length: 12 }, (_, m) => y * 100 + m + 1))),
  actual: amount,
  budget: amount,
});

/** A ledger with one entry per key (the readers' contract), in report sign. */
function ledgerOf(rows: readonly { cc: string; account: string; period: number; actual: MaybeOre; budget: MaybeOre }[]): Ledger {
  const seen = new Set<string>();
  const unique = rows.filter((r) => !seen.has(`${r.cc}|${r.account}|${r.period}`) && seen.add(`${r.cc}|${r.account}|${r.period}`));
  const ccs = [...new Set(unique.map((r) => r.cc))].sort();
  const accts = [...new Set(unique.map((r) => r.account))].sort();
  const entries: LedgerEntry[] = unique.map((r) => ({ costCentre: ccs.indexOf(r.cc), account: accts.indexOf(r.account), period: r.period, actual: r.actual, budget: r.budget, forecast: null }));
  return { costCentres: ccs, accounts: accts, entries, costCentreNames: new Map(), accountNames: new Map(), dataRows: unique.length, sourceSign: 'report' };
}

/** Sum of maybe-öre: null only when every part is null (no data stays distinct from 0). */
function sum(values: readonly MaybeOre[]): MaybeOre {
  return values.some((v) => v !== null) ? (values.reduce<number>((a, v) => a + (v ?? 0), 0) as MaybeOre) : null;
}

const ADDITIVE = ['ackActual', 'ackBudget', 'prevAckActual', 'annualBudget', 'prevYearActual'] as const satisfies readonly (keyof RowFigures)[];

const RUNS = { numRuns: 150, seed: 20241207 };
const input = fc.record({ rows: fc.array(entry, { minLength: 1, maxLength: 60 }), month: fc.integer({ min: 1, max: 12 }) });

function prepare(rows: Parameters<typeof ledgerOf>[0], month: number) {
  return prepareEconomy({ ledger: ledgerOf(rows), accountGroups: groups, sections, hierarchy, period: { year: 2024, month }, files }).prepared;
}

describe('economy core invariants', () => {
  it("a node's additive figures are the sums of its children's, row by row", () => {
    fc.assert(
      fc.property(input, ({ rows, month }) => {
        const p = prepare(rows, month);
        const check = (node: OrgNode): void => {
          if (node.children.length === 0) return;
          const parent = computeEconomy(p, node);
          const kids = node.children.map((c) => computeEconomy(p, c));
          parent.sections.forEach((s, si) =>
            s.rows.forEach((r, ri) => {
              for (const k of ADDITIVE) expect(r.figures[k], `${node.id} ${r.name} ${k}`).toBe(sum(kids.map((c) => c.sections[si]!.rows[ri]!.figures[k])));
            }),
          );
          for (const k of ADDITIVE) expect(parent.net[k], `${node.id} net ${k}`).toBe(sum(kids.map((c) => c.net[k])));
          node.children.forEach(check);
        };
        check(hierarchy.root);
      }),
      RUNS,
    );
  });

  it('rows sum to their section, sections to the net; deviations are the differences they name', () => {
    fc.assert(
      fc.property(input, ({ rows, month }) => {
        const p = prepare(rows, month);
        const r = computeEconomy(p, hierarchy.root);
        for (const s of r.sections) for (const k of ADDITIVE) expect(s.total[k]).toBe(sum(s.rows.map((x) => x.figures[k])));
        for (const k of ADDITIVE) expect(r.net[k]).toBe(sum(r.sections.map((s) => s.total[k])));
        for (const f of [r.net, ...r.sections.map((s) => s.total), ...r.sections.flatMap((s) => s.rows.map((x) => x.figures))]) {
          if (f.ackDeviationPrevYear !== null) expect(f.ackDeviationPrevYear).toBe((f.ackActual ?? 0) - (f.prevAckActual ?? 0));
          if (f.ackDeviation !== null && f.ackActual !== null && f.ackBudget !== null) expect(f.ackDeviation).toBe(f.ackActual - f.ackBudget);
        }
        // Deviations sum like the figures they compare: the rows' ack avvikelse add up to the net's.
        const rowDeviations = r.sections.flatMap((s) => s.rows.map((x) => x.figures.ackDeviation));
        if (r.net.ackDeviation !== null && rowDeviations.every((d) => d !== null)) expect(r.net.ackDeviation).toBe(sum(rowDeviations));
      }),
      RUNS,
    );
  });
});

describe('helårsprognos in the December report', () => {
  const ROW_NAMES = ['Patientavgifter', 'Bidrag', 'Personal', 'Köpt vård'];
  const forecastRecord = fc.record({
    occasion: fc.constantFrom(202404, 202408, 202412),
    costCentre: fc.constantFrom(...COST_CENTRES),
    reportRow: fc.constantFrom(...ROW_NAMES),
    forecast: fc.integer({ min: -50_000_000_00, max: 50_000_000_00 }),
  });
  const withForecasts = fc.record({
    rows: fc.array(entry, { minLength: 1, maxLength: 60 }),
    forecasts: fc.array(forecastRecord, { minLength: 1, maxLength: 30 }),
    month: fc.integer({ min: 1, max: 12 }),
  });

  function prepareWith(rows: Parameters<typeof ledgerOf>[0], forecasts: readonly { occasion: number; costCentre: string; reportRow: string; forecast: number }[], month: number) {
    // One record per occasion × ansvar × row (the reader's contract: a duplicate is an error there).
    const seen = new Set<string>();
    const records: ForecastRecord[] = forecasts
      .filter((f) => !seen.has(`${f.occasion}|${f.costCentre}|${f.reportRow}`) && seen.add(`${f.occasion}|${f.costCentre}|${f.reportRow}`))
      .map((f, i) => ({ occasion: f.occasion, costCentre: f.costCentre, reportRow: f.reportRow, forecast: f.forecast as Ore, row: i + 2 }));
    const ledger = ledgerOf(rows);
    return {
      ledger,
      records,
      prepared: prepareEconomy({ ledger, accountGroups: groups, sections, hierarchy, period: { year: 2024, month }, forecasts: records, files: { ...files, forecasts: 'prognoser.csv' } }).prepared,
    };
  }

  it('a December forecast equals the outcome (utfall januari–december) once December has utfall; other months keep the forecast file', () => {
    fc.assert(
      fc.property(withForecasts, ({ rows, forecasts, month }) => {
        const { ledger, records, prepared } = prepareWith(rows, forecasts, month);
        const decemberActual = ledger.entries.some((e) => e.period === 202412 && e.actual !== null);
        const occasion = Math.max(...records.map((f) => f.occasion).filter((o) => o <= 202400 + month), 0);
        const check = (node: OrgNode): void => {
          const r = computeEconomy(prepared, node);
          r.sections.forEach((s) =>
            s.rows.forEach((row) => {
              const f = row.figures;
              if (month === 12 && decemberActual) {
                // The year is over: its forecast is its outcome, and the forecast deviation is outcome − årsbudget.
                expect(f.forecast, `${node.id} ${row.name}`).toBe(f.ackActual);
                if (f.forecast !== null) expect(f.forecastDeviation).toBe(f.forecast - (f.annualBudget ?? 0));
              } else {
                // Otherwise the forecast file's sum over the node's ansvar at the occasion (null when it has none).
                const own = records.filter((x) => x.occasion === occasion && x.reportRow === row.name && node.costCentres.includes(x.costCentre));
                expect(f.forecast, `${node.id} ${row.name}`).toBe(occasion === 0 ? null : sum(own.map((x) => x.forecast as MaybeOre)));
              }
            }),
          );
          if (month === 12 && decemberActual) {
            for (const s of r.sections) expect(s.total.forecast).toBe(s.total.ackActual);
            expect(r.net.forecast).toBe(r.net.ackActual);
          }
          node.children.forEach(check);
        };
        check(hierarchy.root);
      }),
      RUNS,
    );
  });
});

describe('suppression (personnel privacy)', () => {
  const RULES = { maxSuppressedGroupSize: 10, dominancePercent: 90 };
  const part = fc.record({
    population: fc.integer({ min: 0, max: 30 }),
    sick: fc.integer({ min: 0, max: 500 }),
    dominant: fc.boolean(),
    displayed: fc.boolean(),
  });
  // A total of 2–5 parts, the first of which is itself split into 2–4 sub-parts (nested partitions, as units in a
  // total and gender groups in a unit).
  const tree = fc.record({ parts: fc.array(part, { minLength: 2, maxLength: 5 }), subParts: fc.array(part, { minLength: 2, maxLength: 4 }) });

  it('no shown figure of ≤ 10 employees, and no hidden figure recomputable from a shown total and its shown parts', () => {
    fc.assert(
      fc.property(tree, ({ parts, subParts }) => {
        const set = new FigureSet(RULES);
        const input = (p: { population: number; sick: number; dominant: boolean }, displayed = true) => ({
          num: p.sick, den: p.population * 100, population: p.population, maxContribution: p.dominant ? p.sick : 0, covered: true, displayed,
        });
        // The first part's figures are the sums of its sub-parts; the total's the sums of its parts.
        const first = subParts.reduce((a, s) => ({ population: a.population + s.population, sick: a.sick + s.sick, dominant: false }), { population: 0, sick: 0, dominant: false });
        const all = [first, ...parts.slice(1)];
        const total = all.reduce((a, s) => ({ population: a.population + s.population, sick: a.sick + s.sick, dominant: false }), { population: 0, sick: 0, dominant: false });
        set.add('total', input(total));
        all.forEach((p, i) => set.add(`p${i}`, input(p, i === 0 ? true : parts[i]!.displayed)));
        subParts.forEach((s, j) => set.add(`p0.${j}`, input(s, s.displayed)));
        const partitions = [
          { parent: 'total', parts: all.map((_, i) => `p${i}`) },
          { parent: 'p0', parts: subParts.map((_, j) => `p0.${j}`) },
        ];
        for (const p of partitions) set.partition(p.parent, p.parts);
        set.resolve();
        const inputs = new Map<string, ReturnType<typeof input>>([['total', input(total)], ...all.map((p, i) => [`p${i}`, input(p, i === 0 ? true : parts[i]!.displayed)] as const), ...subParts.map((s, j) => [`p0.${j}`, input(s, s.displayed)] as const)]);
        const shown = (id: string): boolean => set.get(id).suppressed === null && inputs.get(id)!.displayed !== false;
        for (const [id, i] of inputs) if (shown(id)) expect(i.population, id).toBeGreaterThan(RULES.maxSuppressedGroupSize);
        for (const p of partitions) {
          if (!shown(p.parent)) continue;
          // Parts with people that the reader does not see: never exactly one that is hidden for privacy.
          const unseen = p.parts.filter((id) => inputs.get(id)!.population > 0 && set.get(id).suppressed !== 'empty' && !shown(id));
          const sensitive = unseen.filter((id) => set.get(id).suppressed !== null);
          expect(unseen.length === 1 && sensitive.length === 1, `${p.parent}: only ${unseen.join()} unseen`).toBe(false);
        }
      }),
      { numRuns: 500, seed: 20241207 },
    );
  });
});
