/**
 * The region level (calc/region-result.ts) on a small hand-made region: two hospitals and a finance unit, report
 * period 2024-02. Every expectation is computed by hand from the ledger lines below (report sign, öre).
 */
import { describe, expect, it } from 'vitest';
import { buildHierarchy } from '../../src/calc/hierarchy.js';
import { computeEconomy, prepareEconomy, type SectionDef } from '../../src/calc/economy.js';
import { combine, computeRegionResult, prepareRegionResult } from '../../src/calc/region-result.js';
import { regionResultSchema } from '../../src/config/schema.js';
import { layoutTableSchema } from '../../src/config/layout-schema.js';
import { buildLayoutTable } from '../../src/report/layout-table.js';
import type { AccountGroupRow, ForecastRecord, Ledger, LedgerEntry, OrgRow } from '../../src/model/records.js';
import type { MaybeOre, Ore } from '../../src/model/ore.js';

const sections: SectionDef[] = [
  { name: 'Verksamhetens intäkter', kind: 'income' },
  { name: 'Verksamhetens kostnader', kind: 'cost' },
  { name: 'Skatteintäkter', kind: 'taxes' },
  { name: 'Generella statsbidrag och utjämning', kind: 'grants' },
  { name: 'Finansiella intäkter', kind: 'financialIncome' },
  { name: 'Finansiella kostnader', kind: 'financialCosts' },
];
const g = (account: string, reportRow: string, section: string, row: number): AccountGroupRow => ({ account, accountName: '', reportRow, section, row });
const groups: AccountGroupRow[] = [
  g('3011', 'Patientavgifter', 'Verksamhetens intäkter', 2),
  g('3911', 'Övriga intäkter', 'Verksamhetens intäkter', 3),
  g('3915', 'Övriga intäkter', 'Verksamhetens intäkter', 4),
  g('3961', 'Realisationsvinster', 'Verksamhetens intäkter', 5),
  g('4011', 'Personal', 'Verksamhetens kostnader', 6),
  g('7811', 'Avskrivningar', 'Verksamhetens kostnader', 7),
  g('8011', 'Skatteintäkter', 'Skatteintäkter', 8),
  g('8211', 'Utjämning', 'Generella statsbidrag och utjämning', 9),
  g('8411', 'Ränteintäkter', 'Finansiella intäkter', 10),
  g('8431', 'Värdeförändring', 'Finansiella intäkter', 11),
  g('8541', 'Räntekostnader', 'Finansiella kostnader', 12),
];
const org: OrgRow[] = [
  { costCentre: 'A1', name: 'Norr ansvar', parents: ['Sjukhus Norr'], row: 2 },
  { costCentre: 'A2', name: 'Söder ansvar', parents: ['Sjukhus Söder'], row: 3 },
  { costCentre: 'F1', name: 'Finans ansvar', parents: ['Finansförvaltningen'], row: 4 },
];

type E = [cc: string, acct: string, period: number, actual: number | null, budget: number | null];
/** Budget lines for March–December 2024 (the months after the report month, no utfall). */
const rest = (cc: string, acct: string, budget: number): E[] => [3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => [cc, acct, 202400 + m, null, budget]);
const lines: E[] = [
  // Sjukhus Norr
  ['A1', '3011', 202301, 100, null], ['A1', '3011', 202302, 100, null],
  ['A1', '3011', 202401, 120, 100], ['A1', '3011', 202402, 130, 100], ...rest('A1', '3011', 100),
  ['A1', '4011', 202301, -1000, null], ['A1', '4011', 202302, -1000, null],
  ['A1', '4011', 202401, -1100, -1000], ['A1', '4011', 202402, -1200, -1000], ...rest('A1', '4011', -1000),
  ['A1', '7811', 202302, -50, null],
  ['A1', '7811', 202401, -50, -50], ['A1', '7811', 202402, -60, -50], ...rest('A1', '7811', -50),
  // Sjukhus Söder: the AFA återbetalning (3915, jämförelsestörande) and a realisationsvinst (3961), neither budgeted
  ['A2', '3915', 202402, 500, null],
  ['A2', '3961', 202401, 200, null],
  ['A2', '4011', 202301, -1800, null], ['A2', '4011', 202302, -1800, null],
  ['A2', '4011', 202401, -2000, -1900], ['A2', '4011', 202402, -2100, -1900], ...rest('A2', '4011', -1900),
  // Finansförvaltningen: class 8 only
  ['F1', '8011', 202301, 1500, null], ['F1', '8011', 202302, 1500, null],
  ['F1', '8011', 202401, 1600, 1550], ['F1', '8011', 202402, 1600, 1550], ...rest('F1', '8011', 1550),
  ['F1', '8211', 202301, 280, null], ['F1', '8211', 202302, 280, null],
  ['F1', '8211', 202401, 300, 300], ['F1', '8211', 202402, 300, 300], ...rest('F1', '8211', 300),
  ['F1', '8411', 202401, null, 20], ['F1', '8411', 202402, 40, 20], ...rest('F1', '8411', 20),
  ['F1', '8431', 202301, 10, null], ['F1', '8431', 202401, -30, null], ['F1', '8431', 202402, 90, null],
  ['F1', '8541', 202301, -60, null], ['F1', '8541', 202302, -60, null],
  ['F1', '8541', 202401, -70, -70], ['F1', '8541', 202402, -70, -70], ...rest('F1', '8541', -70),
];

function ledgerOf(rows: E[]): Ledger {
  const ccs = [...new Set(rows.map((r) => r[0]))].sort();
  const accts = [...new Set(rows.map((r) => r[1]))].sort();
  const entries: LedgerEntry[] = rows.map(([cc, a, p, actual, budget]) => ({
    costCentre: ccs.indexOf(cc), account: accts.indexOf(a), period: p, actual: actual as MaybeOre, budget: budget as MaybeOre, forecast: null,
  }));
  return { costCentres: ccs, accounts: accts, entries, costCentreNames: new Map(), accountNames: new Map(), dataRows: rows.length, sourceSign: 'report' };
}

const fc = (costCentre: string, reportRow: string, forecast: number): ForecastRecord => ({ occasion: 202402, costCentre, reportRow, forecast: forecast as Ore, row: 2 });
const forecasts: ForecastRecord[] = [
  fc('A1', 'Patientavgifter', 1500), fc('A1', 'Personal', -13000), fc('A1', 'Avskrivningar', -620),
  fc('A2', 'Övriga intäkter', 500), fc('A2', 'Realisationsvinster', 200), fc('A2', 'Personal', -23000),
  fc('F1', 'Skatteintäkter', 19000), fc('F1', 'Utjämning', 3600), fc('F1', 'Ränteintäkter', 250), fc('F1', 'Värdeförändring', 60),
  fc('F1', 'Räntekostnader', -840),
];

const spec = regionResultSchema.parse({
  itemsAffectingComparability: { accounts: ['3915'] },
  depreciation: { reportRows: ['Avskrivningar'] },
  realisedGains: { reportRows: ['Realisationsvinster'] },
  unrealisedSecurities: { reportRows: ['Värdeförändring'] },
  reserve: { '2024': { fromReserve: 10 }, '2023': { fromReserve: 5 } },
});

const hierarchy = buildHierarchy('Regionen', ['Förvaltning'], org);
const period = { year: 2024, month: 2 };
const ledger = ledgerOf(lines);
const files = { ledger: 'huvudbok.csv', accountGroups: 'kontogrupper.csv', forecasts: 'prognoser.csv' };
const { prepared, diagnostics } = prepareEconomy({ ledger, accountGroups: groups, sections, hierarchy, period, forecasts, files });
const region = prepareRegionResult({ prepared, ledger, accountGroups: groups, spec, accountGroupsFile: 'kontogrupper.csv', configFile: 'rapport.config.yaml' });
const economy = computeEconomy(prepared, hierarchy.root);
const result = computeRegionResult(prepared, region.prepared!, hierarchy.root, economy);
const line = (id: string, part = 'resultatrakning') => result.lines.find((l) => l.id === id && l.part === part)!.figures;

describe('region level: the resultaträkning cascade (report 2024-02)', () => {
  it('reads the small region without findings', () => {
    expect(diagnostics).toEqual([]);
    expect(region.diagnostics).toEqual([]);
    expect(result.hasFinancing).toBe(true);
  });

  it('keeps taxes and finansiella poster out of verksamhetens nettokostnad', () => {
    // Net ack = intäkter (120+130 + 500 + 200 = 950) + kostnader (−1100−1200 −2000−2100 −50−60 = −6510) = −5560
    expect(economy.net.ackActual).toBe(-5560);
    expect(economy.sections.map((s) => s.name)).toEqual(['Verksamhetens intäkter', 'Verksamhetens kostnader']);
    expect(economy.financing!.map((s) => s.name)).toEqual(sections.slice(2).map((s) => s.name));
  });

  it('builds every line of the cascade, ack utfall, ack budget and föregående år', () => {
    expect(result.lines.filter((l) => l.part === 'resultatrakning').map((l) => l.label)).toEqual([
      'Verksamhetens intäkter', 'Verksamhetens kostnader', 'Avskrivningar', 'Verksamhetens nettokostnad', 'Skatteintäkter',
      'Generella statsbidrag och utjämning', 'Verksamhetens resultat', 'Finansiella intäkter', 'Finansiella kostnader', 'Årets resultat',
    ]);
    expect(line('intakter').ackActual).toBe(950); // 250 + 500 + 200
    expect(line('kostnader').ackActual).toBe(-6400); // −6510 without avskrivningar (−110)
    expect(line('avskrivningar').ackActual).toBe(-110); // −50 − 60
    expect(line('nettokostnad').ackActual).toBe(-5560); // 950 − 6400 − 110
    expect(line('skatteintakter').ackActual).toBe(3200); // 1600 + 1600
    expect(line('statsbidrag').ackActual).toBe(600); // 300 + 300
    expect(line('verksamhetensResultat').ackActual).toBe(-1760); // −5560 + 3200 + 600
    expect(line('finansiellaIntakter').ackActual).toBe(100); // 8411: 40; 8431: −30 + 90 = 60
    expect(line('finansiellaKostnader').ackActual).toBe(-140); // −70 − 70
    const year = line('aretsResultat');
    expect(year.ackActual).toBe(-1800); // −1760 + 100 − 140
    // Ack budget: net (200 − 2000 − 3800 − 100 = −5700) + 3100 + 600 + 40 − 140 = −2100
    expect(year.ackBudget).toBe(-2100);
    expect(year.ackDeviation).toBe(300); // −1800 − (−2100)
    // Föregående år (Jan–Feb 2023): net (200 − 2000 − 3600 − 50 = −5450) + 3000 + 560 + 10 − 120 = −2000
    expect(year.prevAckActual).toBe(-2000);
    expect(year.ackDeviationPrevYear).toBe(200); // −1800 − (−2000): a förbättring
    // Februari alone: utfall (130 − 1200 − 60 + 500 − 2100 + 1600 + 300 + 40 + 90 − 70 = −770)
    //               − budget (100 − 1000 − 50 − 1900 + 1550 + 300 + 20 − 70 = −1050) = 280
    expect(year.monthDeviation).toBe(280);
  });

  it('sums the forecast of every line and the year budget', () => {
    const year = line('aretsResultat');
    // 1500 − 13000 − 620 + 500 + 200 − 23000 + 19000 + 3600 + 250 + 60 − 840 = −12350
    expect(year.forecast).toBe(-12350);
    // Årsbudget: 1200 − 12000 − 600 − 22800 + 18600 + 3600 + 240 − 840 = −12600
    expect(year.annualBudget).toBe(-12600);
    expect(year.forecastDeviation).toBe(250); // −12350 − (−12600)
  });

  it('underliggande resultat = årets resultat − jämförelsestörande poster, with no forecast for a single account', () => {
    expect(result.comparability!.ackActual).toBe(500);
    expect(line('jamforelsestorande', 'underliggande').ackActual).toBe(-500);
    expect(result.underlying.ackActual).toBe(-2300); // −1800 − 500
    expect(result.underlying.ackBudget).toBe(-2100); // the post has no budget
    expect(result.underlying.ackDeviation).toBe(-200); // −2300 − (−2100)
    expect(result.underlying.prevAckActual).toBe(-2000); // no post last year
    // 3915 is one account of the row Övriga intäkter (3911 too): forecasts are per row, so none for the post.
    expect(result.underlying.forecast).toBeNull();
  });

  it('balanskravsresultat = årets resultat − realisationsvinster − orealiserade värdeförändringar ± resultatreserven', () => {
    const b = result.lines.filter((l) => l.part === 'balanskrav');
    expect(b.map((l) => l.label)).toEqual([
      'Årets resultat enligt resultaträkningen', 'Avgår: samtliga realisationsvinster', 'Orealiserade vinster och förluster i värdepapper',
      'Årets resultat efter balanskravsjusteringar', 'Medel till resultatreserv', 'Medel från resultatreserv', 'Årets balanskravsresultat',
    ]);
    const after = line('efterJusteringar', 'balanskrav');
    expect(after.ackActual).toBe(-2060); // −1800 − 200 − 60
    expect(after.forecast).toBe(-12610); // −12350 − 200 − 60 (both whole rows: their forecasts)
    expect(after.prevYearActual).toBe(-2010); // 2023: −2000 − 0 − 10
    // The reserve transfers are decisions for the year: forecast and bokslut only. 10 kr = 1000 öre, 5 kr = 500 öre.
    expect(result.balanceResult.ackActual).toBe(-2060);
    expect(result.balanceResult.forecast).toBe(-11610); // −12610 + 1000
    expect(result.balanceResult.prevYearActual).toBe(-1510); // −2010 + 500
    expect(result.reserveName).toBe('resultatreserv');
  });

  it('names the reserve resultatutjämningsreserv before 2024', () => {
    const p2023 = prepareEconomy({ ledger, accountGroups: groups, sections, hierarchy, period: { year: 2023, month: 2 }, files: { ledger: 'h', accountGroups: 'k' } }).prepared;
    const r = prepareRegionResult({ prepared: p2023, ledger, accountGroups: groups, spec, accountGroupsFile: 'k', configFile: 'c' }).prepared!;
    const res = computeRegionResult(p2023, r, hierarchy.root, computeEconomy(p2023, hierarchy.root));
    expect(res.lines.find((l) => l.id === 'tillReserv')!.label).toBe('Medel till resultatutjämningsreserv');
  });

  it('a sum leaves its forecast blank when a part with figures for the year has none', () => {
    const withForecast = line('skatteintakter');
    const without = { ...withForecast, forecast: null, forecastDeviation: null };
    expect(combine([{ sign: 1, f: withForecast }, { sign: 1, f: without }]).forecast).toBeNull();
    expect(combine([{ sign: 1, f: withForecast }, { sign: 1, f: withForecast }]).forecast).toBe(38000); // 2 × 19000
  });
});

describe('region level: configuration names checked against the account grouping', () => {
  it('an unknown account or report row is an error with the nearest name; avskrivningar must be costs', () => {
    const bad = regionResultSchema.parse({
      itemsAffectingComparability: { accounts: ['39155'] },
      depreciation: { reportRows: ['Avskrivning'] },
    });
    const r = prepareRegionResult({ prepared, ledger, accountGroups: groups, spec: bad, accountGroupsFile: 'kontogrupper.csv', configFile: 'rapport.config.yaml' });
    expect(r.prepared).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['region.unknown-account', 'Kontot "39155" under regionResult.itemsAffectingComparability finns inte i kontogrupperingen kontogrupper.csv. Menade du "3915"?'],
      ['region.unknown-row', 'Raden "Avskrivning" under regionResult.depreciation finns inte i kontogrupperingen kontogrupper.csv. Menade du "Avskrivningar"?'],
    ]);
    const notCost = prepareRegionResult({ prepared, ledger, accountGroups: groups, spec: regionResultSchema.parse({ depreciation: { accounts: ['3011'] } }), accountGroupsFile: 'k', configFile: 'c' });
    expect(notCost.diagnostics.map((d) => d.code)).toEqual(['region.not-cost']);
    expect(notCost.diagnostics[0]!.location?.file).toBe('c');
  });
});

describe('region level: the units side by side (seed 000 "Sjukhusens ekonomi")', () => {
  const table = layoutTableSchema.parse({
    id: 'sida-vid-sida', title: 'Sjukhusen', unit: 'kr', labelHeading: 'Sjukhus',
    columns: [
      { measure: 'manadensAvvikelse' }, { measure: 'ackUtfall' }, { measure: 'ackAvvikelse' }, { measure: 'avvikelseAvOmsattning' },
      { measure: 'prognosavvikelse' }, { measure: 'prognosavvikelseAvOmsattning' },
    ],
    rows: [{ kind: 'units', level: 'Förvaltning', total: 'Summa' }],
  });
  const built = buildLayoutTable(table, {
    period, unitName: 'Regionen', result: economy, children: [], investments: null,
    economyOf: (n) => computeEconomy(prepared, n), units: { result: 'kr', netCost: 'kr', investments: 'kr' }, holds: () => true,
    node: hierarchy.root, region: result,
  });
  const cells = (label: string) => built.rows.find((r) => (r.cells[0] as { text: string }).text === label)!.cells.slice(1);
  const money = (c: unknown) => (c as { ore: number | null }).ore;
  const ratio = (c: unknown) => (c as { ratio: unknown }).ratio;

  it('lists the units with figures and a sum row (Finansförvaltningen has only class 8 and is left out)', () => {
    expect(built.rows.map((r) => (r.cells[0] as { text: string }).text)).toEqual(['Sjukhus Norr', 'Sjukhus Söder', 'Summa']);
  });

  it('Sjukhus Norr: deviations and their share of omsättning (gross costs)', () => {
    const [month, ack, dev, devPct, fdev, fdevPct] = cells('Sjukhus Norr');
    // Februari: (130 − 1200 − 60) − (100 − 1000 − 50) = −1130 − (−950) = −180
    expect(money(month)).toBe(-180);
    expect(money(ack)).toBe(-2160); // 250 − 2300 − 110
    expect(money(dev)).toBe(-260); // −2160 − (200 − 2000 − 100 = −1900)
    expect(ratio(devPct)).toEqual({ num: -260, den: 2410 }); // omsättning ack = 2300 + 110
    expect(money(fdev)).toBe(-720); // (1500 − 13000 − 620 = −12120) − (1200 − 12000 − 600 = −11400)
    expect(ratio(fdevPct)).toEqual({ num: -720, den: 12600 }); // årsbudgetens kostnader 12000 + 600
  });

  it('Sjukhus Söder and the sum row (the sum of the units, its % of the summed omsättning)', () => {
    const [month, ack, dev, devPct, fdev, fdevPct] = cells('Sjukhus Söder');
    expect(money(month)).toBe(300); // (500 − 2100) − (−1900)
    expect(money(ack)).toBe(-3400); // 500 + 200 − 4100
    expect(money(dev)).toBe(400); // −3400 − (−3800)
    expect(ratio(devPct)).toEqual({ num: 400, den: 4100 });
    expect(money(fdev)).toBe(500); // (500 + 200 − 23000 = −22300) − (−22800)
    expect(ratio(fdevPct)).toEqual({ num: 500, den: 22800 });
    const [sMonth, sAck, sDev, sDevPct, sFdev, sFdevPct] = cells('Summa');
    expect(money(sMonth)).toBe(120); // −180 + 300
    expect(money(sAck)).toBe(-5560); // −2160 − 3400
    expect(money(sDev)).toBe(140); // −260 + 400
    expect(ratio(sDevPct)).toEqual({ num: 140, den: 6510 }); // 2410 + 4100
    expect(money(sFdev)).toBe(-220); // −720 + 500
    expect(ratio(sFdevPct)).toEqual({ num: -220, den: 35400 }); // 12600 + 22800
  });

  it('the cascade as a layout table: the parts in one table print årets resultat once', () => {
    const t = buildLayoutTable(layoutTableSchema.parse({
      id: 'rr', title: 'Resultaträkning', unit: 'kr', columns: [{ measure: 'ackUtfall' }], rows: [{ kind: 'cascade', parts: ['resultatrakning', 'underliggande'] }],
    }), {
      period, unitName: 'Regionen', result: economy, children: [], investments: null, units: { result: 'kr', netCost: 'kr', investments: 'kr' }, holds: () => true,
      node: hierarchy.root, region: result,
    });
    const labels = t.rows.map((r) => (r.cells[0] as { text: string }).text);
    expect(labels.slice(-3)).toEqual(['Årets resultat', 'Avgår: jämförelsestörande poster', 'Underliggande resultat']);
    expect(labels.filter((l) => l === 'Årets resultat')).toHaveLength(1);
    expect(money(t.rows.at(-1)!.cells[1])).toBe(-2300);
  });
});
