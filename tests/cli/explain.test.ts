/**
 * `rapport explain` on the golden case (fixtures/vasterbotten-rs-2024-08, Region Västerbotten's published tables):
 * for several published figures the listed source lines, signed as the formula says, sum exactly to the figure, and
 * each listed line is the file's line with that ansvar, konto and period.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';

afterEach(() => vi.restoreAllMocks());

const DIR = 'fixtures/vasterbotten-rs-2024-08';
const CONFIG = path.join(DIR, 'rapport.config.yaml');
const ledgerLines = readFileSync(path.join(DIR, 'raindance-saldo.csv'), 'latin1').split('\n');
const investmentLines = readFileSync(path.join(DIR, 'investeringar.csv'), 'latin1').split('\n');

interface Line {
  file: string;
  row: number;
  costCentre: string;
  account?: string;
  period?: number;
  project?: string;
  amount: number;
}
interface Explained {
  figure: { printed: string; cell: { kind: string; ore?: number; ratio?: { num: number; den: number } } };
  terms: { label: string; sign: 1 | -1; sum: number | null; lines: Line[] }[];
}

async function explain(figure: string): Promise<Explained> {
  const r = await runCli(['explain', '--period', '2024-08', '--config', CONFIG, '--figure', figure, '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Explained;
}

/** Each term's lines sum to its sum; the lines are the file's own lines with those keys. */
function checkLines(e: Explained): void {
  for (const t of e.terms) {
    expect(t.lines.length).toBeGreaterThan(0);
    expect(t.lines.reduce((a, l) => a + l.amount, 0)).toBe(t.sum);
    for (const l of t.lines) {
      if (l.period !== undefined) {
        expect(l.file).toBe('raindance-saldo.csv');
        const text = ledgerLines[l.row - 1]!;
        expect(text.startsWith(`${l.costCentre};`), text).toBe(true);
        expect(text).toContain(`;${l.account};`);
        expect(text).toContain(`;${l.period};`);
      } else {
        expect(l.file).toBe('investeringar.csv');
        expect(investmentLines[l.row - 1]!.startsWith(`${l.project!.split(' ')[0]};`)).toBe(true);
      }
    }
  }
}

/** The signed sum of the terms, in öre. */
const signedSum = (e: Explained): number => e.terms.reduce((a, t) => a + t.sign * (t.sum ?? 0), 0);

describe('rapport explain on the golden case', () => {
  it('table 3.1: Personal, ack utfall innev år (-768 426 tkr) is the sum of its ledger lines', async () => {
    const e = await explain('resultat/Personal/Ack utfall innev år');
    expect(e.figure.printed).toBe('-768 426 tkr');
    expect(e.terms.map((t) => t.label)).toEqual(['Utfall januari–augusti 2024']);
    checkLines(e);
    expect(signedSum(e)).toBe(e.figure.cell.ore);
    // Every line is of the report year, January to August.
    expect(e.terms[0]!.lines.every((l) => l.period! >= 202401 && l.period! <= 202408)).toBe(true);
  });

  it('table 3.1: Total (netto), ack avvikelse (-51 875 tkr) = utfall − budget, every line listed', async () => {
    const e = await explain('resultat/Total (netto)/Ack avvikelse');
    expect(e.figure.printed).toBe('-51 875 tkr');
    expect(e.terms.map((t) => [t.label, t.sign])).toEqual([['Utfall januari–augusti 2024', 1], ['Budget januari–augusti 2024', -1]]);
    checkLines(e);
    expect(signedSum(e)).toBe(e.figure.cell.ore);
  });

  it('table 3.1: Vårdvalet primärvård, augusti avvikelse (-1 820 tkr) uses the August lines only', async () => {
    const e = await explain('resultat/Verksamhetens intäkter / Vårdvalet primärvård/Augusti avvikelse');
    expect(e.figure.printed).toBe('-1 820 tkr');
    checkLines(e);
    expect(e.terms.flatMap((t) => t.lines).every((l) => l.period === 202408)).toBe(true);
    expect(signedSum(e)).toBe(e.figure.cell.ore);
  });

  it('table 3.1: Total (netto), förändring (7,1 %) is (utfall − utfall föreg år) / utfall föreg år', async () => {
    const e = await explain('resultat/Total (netto)/Förändring utfall i %');
    expect(e.figure.printed).toBe('7,1 %');
    checkLines(e);
    const [now, before] = e.terms.map((t) => t.sum!) as [number, number];
    // -2 515 284 / -2 349 555 tkr, as the golden README states: +7,05 %.
    const r = e.figure.cell.ratio!;
    expect(BigInt(now - before) * BigInt(r.den)).toBe(BigInt(r.num) * BigInt(before));
    expect(Math.round(now / 100_000)).toBe(-2_515_284);
    expect(Math.round(before / 100_000)).toBe(-2_349_555);
  });

  it('table 3.2: Digitalisering, budgetavvikelse (-32 mnkr), from its own ansvar only', async () => {
    const e = await explain('nettokostnad/Digitalisering/Budgetavvikelse');
    expect(e.figure.printed).toBe('-32 mnkr');
    checkLines(e);
    expect(signedSum(e)).toBe(e.figure.cell.ore);
  });

  it('table 4: Fastighet, prognosavvikelse (-60 mnkr) = årsbudget − prognos of its projects', async () => {
    const e = await explain('investeringar/Fastighet/Prognosavvikelse');
    expect(e.figure.printed).toBe('-60 mnkr');
    expect(e.terms.map((t) => [t.label, t.sign])).toEqual([['Årsbudget', 1], ['Prognos', -1]]);
    checkLines(e);
    expect(signedSum(e)).toBe(e.figure.cell.ore);
  });

  it('prints the lines, the rules and the arithmetic in Swedish, and names a table it does not know', async () => {
    const r = await runCli(['explain', '--period', '2024-08', '--config', CONFIG, '--figure', 'resultat/Läkemedel/Ack utfall innev år']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Siffran: -8 888 tkr');
    expect(r.out).toMatch(/Konto \d+ .* → "Läkemedel", Verksamhetens kostnader \(kontogrupper\.csv rad \d+\)/);
    expect(r.out).toMatch(/raindance-saldo\.csv rad \d+: ansvar \d+, konto \d+, 2024-0[1-8]: -?[\d ]+,\d\d/);
    expect(r.out).toContain('Raderna summerar exakt till siffran i rapporten.');
    const bad = await runCli(['explain', '--period', '2024-08', '--config', CONFIG, '--figure', 'resultt/Läkemedel/Ack utfall innev år']);
    expect(bad.code).toBe(64);
    expect(bad.err).toContain('Menade du "resultat"?');
  });
});

describe('rapport explain on the example region: people and goals', () => {
  it('antal anställda: per ansvar, no group of ten or fewer, summing to the figure', async () => {
    const r = await runCli(['explain', '--period', '2024-08', '--figure', 'personal-antal-anstallda/Totalt/Förändring', '--json']);
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out) as { figure: { cell: { value: number } }; value: number; terms: { sign: number; sum: number; groups: { label: string; value: number }[] }[] };
    // The published change: 2 045 in July 2024 − 2 006 in July 2023.
    expect(e.figure.cell.value).toBe(39);
    expect(e.terms.map((t) => t.sum)).toEqual([2045, 2006]);
    for (const t of e.terms) {
      expect(t.groups.reduce((a, g) => a + g.value, 0)).toBe(t.sum);
      for (const g of t.groups) expect(g.value).toBeGreaterThan(10);
    }
    expect(e.value).toBe(39);
    // No personnummer or names: the extract's personal columns never reach the output.
    expect(r.out).not.toMatch(/\d{6,8}-\d{4}/);
  });

  it('arbetad tid: hours per ansvar (small ones merged), own + hired − jour/beredskap, this year − last year', async () => {
    const r = await runCli(['explain', '--period', '2024-08', '--figure', 'personal-arbetad-tid/Arbetad tid exkl jour/beredskap/Förändring', '--json']);
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out) as { figure: { cell: { value: number } }; value: number; terms: { label: string; sign: number; sum: number; groups: { value: number }[] }[] };
    const centi = (h: number) => Math.round(h * 100);
    expect(e.terms.map((t) => [t.label, t.sign])).toEqual([
      ['Utförd arbetstid egen personal 2024-01–2024-07', 1],
      ['Utförd arbetstid externt inhyrd personal 2024-01–2024-07', 1],
      ['Arbetad tid under jour/beredskap 2024-01–2024-07', -1],
      ['Utförd arbetstid egen personal 2023-01–2023-07', -1],
      ['Utförd arbetstid externt inhyrd personal 2023-01–2023-07', -1],
      ['Arbetad tid under jour/beredskap 2023-01–2023-07', 1],
    ]);
    for (const t of e.terms) expect(t.groups.reduce((a, g) => a + centi(g.value), 0)).toBe(centi(t.sum));
    expect(e.terms.reduce((a, t) => a + t.sign * centi(t.sum), 0)).toBe(centi(e.figure.cell.value));
  });

  it('total sjukfrånvaro: sick hours / scheduled hours per ansvar, the ratio exactly the report\'s', async () => {
    const r = await runCli(['explain', '--period', '2024-08', '--figure', 'personal-sjukfranvaro-r12/Total sjukfrånvaro/R12 jul 2024', '--json']);
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out) as { figure: { cell: { ratio: { num: number; den: number } } }; ratio: { num: number; den: number }; terms: { sum: number; groups: { value: number }[] }[] };
    const centi = (h: number) => Math.round(h * 100);
    for (const t of e.terms) expect(t.groups.reduce((a, g) => a + centi(g.value), 0)).toBe(centi(t.sum));
    const [sick, scheduled] = e.terms.map((t) => centi(t.sum)) as [number, number];
    expect(e.ratio).toEqual({ num: sick, den: scheduled });
    const c = e.figure.cell.ratio;
    expect(BigInt(c.num) * BigInt(scheduled)).toBe(BigInt(sick) * BigInt(c.den));
  });

  it('an indicator: the export rows of its target and outcome, and the rule', async () => {
    const r = await runCli(['explain', '--period', '2024-08', '--figure', 'indikatorer-d04/Antal kommuner som fått information om arbetssättet (antal)/Uppfyllnad %']);
    expect(r.code, r.err).toBe(0);
    // mal.xlsx, Indikatorer row 6: I04, target 10, outcome 11 in August → 11 / 10 = 110 %.
    expect(r.out).toContain('Siffran: 110 %');
    expect(r.out).toContain('fixtures/region-exempel/mal/mal.xlsx, blad Indikatorer, rad 6: Indikatorn I04 "Antal kommuner som fått information om arbetssättet", målvärde: 10');
    expect(r.out).toContain('Utfall 2024-08: 11');
    expect(r.out).toContain('Uppfyllnad % = utfall / målvärde × 100');
  });
});
