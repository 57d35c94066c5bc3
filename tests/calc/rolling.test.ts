/**
 * Bruttokostnadsutveckling over 12 rolling months (seed 000) on a small dedicated ledger, computed by hand, and the
 * years a run keeps: the ledger read by the general reader, the fast CSV path, the streamed path and from a workbook
 * gives the same entries for all three years, and `prepareEconomy` with `years: 3` sums year − 2 where it needs it.
 *
 * The ledger (ledger sign, kronor; report 2024-03, so the windows are 2023-04…2024-03 and 2022-04…2023-03):
 * - A1 4011 Löner: 1 000,00 kr every month 2022-04…2023-03, 1 100,00 kr every month 2023-04…2024-03;
 * - A1 7811 Avskrivningar 2023-06: 5 000,00 (a cost section's row, but avskrivningar: not gross cost);
 * - A1 8411 Räntekostnader 2023-10: 50,00 (grouped under the cost section here, but class 8: not gross cost);
 * - A1 3011 Patientavgifter −200,00 every month 2023-04…2024-03 (income: not netted against gross cost);
 * - A2 5111 Köpt vård 2023-01: 300,00 and 2024-01: 600,00;
 * - A1 4011 2018-12: 999,00 (more than five years back: an error whatever the years kept).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { buildHierarchy, type OrgNode } from '../../src/calc/hierarchy.js';
import { computeEconomy, prepareEconomy, yearsForRolling12, type SectionDef } from '../../src/calc/economy.js';
import { reconcile } from '../../src/calc/reconcile.js';
import { ledgerSourceSchema } from '../../src/config/schema.js';
import { loadStreamedSource } from '../../src/io/read-source.js';
import { readLedger } from '../../src/sources/read-ledger.js';
import { readLedgerFast } from '../../src/sources/ledger/read-fast.js';
import type { AccountGroupRow, Ledger, OrgRow } from '../../src/model/records.js';
import { formatPercent } from '../../src/model/format.js';

const sections: SectionDef[] = [
  { name: 'Verksamhetens intäkter', kind: 'income' },
  { name: 'Verksamhetens kostnader', kind: 'cost' },
];
const groups: AccountGroupRow[] = [
  { account: '3011', accountName: 'Patientavgifter', reportRow: 'Patientavgifter', section: 'Verksamhetens intäkter', row: 2 },
  { account: '4011', accountName: 'Löner', reportRow: 'Personal', section: 'Verksamhetens kostnader', row: 3 },
  { account: '5111', accountName: 'Köpt vård', reportRow: 'Köpt vård', section: 'Verksamhetens kostnader', row: 4 },
  { account: '7811', accountName: 'Avskrivningar', reportRow: 'Avskrivningar', section: 'Verksamhetens kostnader', row: 5 },
  { account: '8411', accountName: 'Räntekostnader', reportRow: 'Finansiella kostnader', section: 'Verksamhetens kostnader', row: 6 },
];
const org: OrgRow[] = [
  { costCentre: 'A1', name: 'Ansvar ett', parents: ['Delområde X', 'Område P'], row: 2 },
  { costCentre: 'A2', name: 'Ansvar två', parents: ['Delområde Y', 'Område P'], row: 3 },
];
const period = { year: 2024, month: 3 };
const files = { ledger: 'huvudbok.csv', accountGroups: 'kontogrupper.csv' };

/** YYYYMM from `from` to `to`, inclusive. */
function months(from: number, to: number): number[] {
  const out: number[] = [];
  for (let p = from; p <= to; p = p % 100 === 12 ? p + 89 : p + 1) out.push(p);
  return out;
}

type Line = [cc: string, account: string, period: number, utfall: string];
function lines(skip: readonly number[] = []): Line[] {
  return [
    ['A1', '4011', 201812, '999,00'],
    ...months(202204, 202303).filter((p) => !skip.includes(p)).map((p): Line => ['A1', '4011', p, '1000,00']),
    ...months(202304, 202403).map((p): Line => ['A1', '4011', p, '1100,00']),
    ['A1', '7811', 202306, '5000,00'],
    ['A1', '8411', 202310, '50,00'],
    ...months(202304, 202403).map((p): Line => ['A1', '3011', p, '-200,00']),
    ['A2', '5111', 202301, '300,00'],
    ['A2', '5111', 202401, '600,00'],
  ];
}

function csv(ls: readonly Line[]): Buffer {
  return Buffer.from(['Ansvar;Konto;Period;Utfall;Budget', ...ls.map(([cc, a, p, u]) => `${cc};${a};${p};${u};`)].join('\r\n') + '\r\n', 'latin1');
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rolling åäö '));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csvSpec = (file: string) => ledgerSourceSchema.parse({ file, encoding: 'windows-1252', delimiter: ';', sign: 'ledger' });

function prepare(ledger: Ledger, years?: number) {
  const hierarchy = buildHierarchy('Nämnden', ['Delområde', 'Område'], org);
  const { prepared, diagnostics } = prepareEconomy({ ledger, accountGroups: groups, sections, hierarchy, period, files, ...(years !== undefined ? { years } : {}) });
  expect(diagnostics).toEqual([]);
  const find = (name: string): OrgNode => {
    const walk = (n: OrgNode): OrgNode | undefined => (n.name === name ? n : n.children.map(walk).find(Boolean));
    return walk(hierarchy.root)!;
  };
  return { prepared, hierarchy, find };
}

describe('the ledger keeps every year it is given, on every reading path', () => {
  it('general reader, fast CSV path, streamed file and workbook give the same entries for 2018–2024', async () => {
    const bytes = csv(lines());
    const file = join(dir, 'huvudbok 2022–2024.csv');
    writeFileSync(file, bytes);
    const spec = csvSpec(file);
    const general = await readLedger({ bytes: new Uint8Array(bytes), displayName: 'huvudbok.csv' }, spec, { generalReader: true });
    const fast = await readLedgerFast(new Uint8Array(bytes), spec, 'huvudbok.csv');
    expect(fast.path).toBe('fast');
    expect(fast.ledger).toEqual(general.value);
    const loaded = await loadStreamedSource(dir, spec);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const streamed = await readLedger(loaded.input, spec);
    expect(streamed.value).toEqual(general.value);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    ws.getRow(1).values = ['Ansvar', 'Konto', 'Period', 'Utfall', 'Budget'];
    lines().forEach(([cc, a, p, u], i) => {
      ws.getRow(i + 2).values = [cc, a, p, Number(u.replace(',', '.')), null];
    });
    const xbytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const xspec = ledgerSourceSchema.parse({ file: 'huvudbok.xlsx', sign: 'ledger' });
    const xlsx = await readLedger({ bytes: xbytes, displayName: 'huvudbok.xlsx' }, xspec);
    expect(xlsx.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const view = (l: Ledger) => l.entries.map((e) => [l.costCentres[e.costCentre], l.accounts[e.account], e.period, e.actual]);
    expect(view(xlsx.value)).toEqual(view(general.value));
    // 1 + 12 + 12 + 1 + 1 + 12 + 2 = 41 lines, 9 of them in 2022 and one in 2018: nothing is cut by year.
    expect(general.value.entries.length).toBe(41);
    expect(general.value.entries.filter((e) => Math.trunc(e.period / 100) === 2022).length).toBe(9);
  });
});

describe('bruttokostnadsutveckling, rullande 12 månader (report 2024-03)', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    const bytes = csv(lines());
    ledger = (await readLedger({ bytes: new Uint8Array(bytes), displayName: 'huvudbok.csv' }, csvSpec('huvudbok.csv'), { generalReader: true })).value;
  });

  it('needs year − 2 for any month but December', () => {
    expect(yearsForRolling12({ year: 2024, month: 3 })).toBe(3);
    expect(yearsForRolling12({ year: 2024, month: 8 })).toBe(3);
    expect(yearsForRolling12({ year: 2024, month: 12 })).toBe(2);
  });

  it('the root: current and previous twelve months and the change, by hand', () => {
    const { prepared, hierarchy } = prepare(ledger, 3);
    const g = computeEconomy(prepared, hierarchy.root).grossCost!;
    expect(g.from).toBe(202304);
    expect(g.to).toBe(202403);
    // Report sign (costs negative), öre. Previous 2022-04…2023-03: A1 4011 12 × −100 000 = −1 200 000,
    // A2 5111 2023-01 −30 000 → −1 230 000.
    expect(g.previous).toBe(-1_230_000);
    // Current 2023-04…2024-03: A1 4011 12 × −110 000 = −1 320 000, A2 5111 2024-01 −60 000 → −1 380 000.
    // Not counted: 7811 avskrivningar −500 000, 8411 −5 000, the income 3011, and 2018-12.
    expect(g.current).toBe(-1_380_000);
    // (−1 380 000 − (−1 230 000)) / −1 230 000 = −150 000 / −1 230 000 = +12,195… % → "12,2"
    expect(g.change).toEqual({ num: 150_000, den: 1_230_000 });
    expect(formatPercent(g.change!, 1)).toBe('12,2');
    expect(g.missingMonths).toEqual([]);
  });

  it('a unit without gross cost in most months: both sums blank, not 0, and the months named', () => {
    const { prepared, find } = prepare(ledger, 3);
    const g = computeEconomy(prepared, find('Delområde Y')).grossCost!;
    expect(g.current).toBeNull();
    expect(g.previous).toBeNull();
    expect(g.change).toBeNull();
    // 24 months, A2 has lines in 2023-01 and 2024-01 only.
    expect(g.missingMonths.length).toBe(22);
    expect(g.missingMonths).not.toContain(202301);
    expect(g.missingMonths[0]).toBe(202204);
    expect(g.missingMonths.at(-1)).toBe(202403);
  });

  it('one month missing in the earlier window: the previous sum and the change blank, the current sum kept', async () => {
    const bytes = csv(lines([202205]));
    const gap = (await readLedger({ bytes: new Uint8Array(bytes), displayName: 'huvudbok.csv' }, csvSpec('huvudbok.csv'), { generalReader: true })).value;
    const { prepared, hierarchy } = prepare(gap, 3);
    const g = computeEconomy(prepared, hierarchy.root).grossCost!;
    expect(g.previous).toBeNull();
    expect(g.current).toBe(-1_380_000);
    expect(g.change).toBeNull();
    expect(g.missingMonths).toEqual([202205]);
  });

  it('two years kept (the default): no rolling figure, and the standard figures are unchanged by the third year', () => {
    const two = prepare(ledger);
    const three = prepare(ledger, 3);
    expect(two.prepared.years).toBe(2);
    const r2 = computeEconomy(two.prepared, two.hierarchy.root);
    const r3 = computeEconomy(three.prepared, three.hierarchy.root);
    expect(r2.grossCost).toBeNull();
    expect({ ...r3, grossCost: null }).toEqual(r2);
    // Personal, ack 2024-01…03: 3 × −110 000 = −330 000; same months 2023: 3 × −100 000 = −300 000.
    const personal = r3.sections[1]!.rows.find((x) => x.name === 'Personal')!.figures;
    expect(personal.ackActual).toBe(-330_000);
    expect(personal.prevAckActual).toBe(-300_000);
  });

  it('reconciliation: 2018 (more than five years back) stops the run; 2022 unused with two years kept is only noted', () => {
    const codes = (years: number) => {
      const { prepared } = prepare(ledger, years);
      return reconcile({ ledger, prepared, period, files: { ledger: 'huvudbok.csv' }, units: { ledger: 'kr' } });
    };
    const two = codes(2);
    expect(two.map((d) => [d.code, d.severity])).toEqual([['reconcile.earlier-years-unused', 'info'], ['reconcile.periods-outside', 'error']]);
    // 2022-04…2022-12: 9 lines of 2022, before 2023–2024.
    expect(two[0]!.message).toBe('Huvudboken har 9 rader från 2022, före åren 2023–2024 som rapportens figurer använder. De räknas inte in i rapporten (layouten har inget mått som behöver dem).');
    expect(two[1]!.message).toContain('1 rader med perioder utanför åren 2023–2024');
    expect(two[1]!.message).toContain('2018-12');
    const three = codes(3);
    expect(three.map((d) => d.code)).toEqual(['reconcile.periods-outside']);
    expect(three[0]!.message).toContain('utanför åren 2022–2024');
  });
});
