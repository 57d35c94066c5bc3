import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ledgerSourceSchema } from '../../src/config/schema.js';
import { readLedger } from '../../src/sources/read-ledger.js';
import type { Ledger, LedgerEntry } from '../../src/model/records.js';
import { codes, cp1252, errorsOf, expectDiagnostic, input, utf8 } from './helpers.js';

/** The ledger reader: groups C (47, 48), D (58) and F (70, 72) of docs/bad-input.md, and the golden export. */

const GOLDEN = '/work/shared/golden/vasterbotten-rs-2024-08/raindance-saldo.csv';
const F = 'data/huvudbok.csv';

function spec(over: Record<string, unknown> = {}) {
  return ledgerSourceSchema.parse({ file: F, ...over });
}

/** Entry of a key by codes, or undefined. */
function entry(l: Ledger, costCentre: string, account: string, period: number): LedgerEntry | undefined {
  const cc = l.costCentres.indexOf(costCentre);
  const acc = l.accounts.indexOf(account);
  return l.entries.find((e) => e.costCentre === cc && e.account === acc && e.period === period);
}

function sum(l: Ledger, pick: (e: LedgerEntry) => number | null, from: number, to: number): number {
  let s = 0;
  for (const e of l.entries) if (e.period >= from && e.period <= to) s += pick(e) ?? 0;
  return s;
}

/** Rounds öre to tkr, half away from zero (as the published tables do). */
function tkr(ore: number): number {
  return Math.sign(ore) * Math.round(Math.abs(ore) / 100_000);
}

describe('golden: Västerbotten raindance-saldo.csv', async () => {
  const r = await readLedger(input(new Uint8Array(readFileSync(GOLDEN)), 'raindance-saldo.csv'), spec());
  const l = r.value;

  test('reads with no errors and 6072 data rows', () => {
    expect(errorsOf(r.diagnostics)).toEqual([]);
    // Windows-1252 without a declared encoding is a warning, as it should be.
    expect(codes(r.diagnostics.filter((d) => d.severity === 'warning'))).toEqual(['io.decoded-windows-1252']);
    expect(l.dataRows).toBe(6072);
    expect(l.entries.length).toBe(6072); // exactly one line per key
    expect(l.sourceSign).toBe('ledger');
    expect(l.costCentres).toEqual(['110100', '110200', '120100', '120300', '120500', '130100', '140100', '210100', '210400', '220100', '220300', '220600']);
  });

  test('one line by hand: 110100 × 3611 (Riktade statsbidrag) 202301, income −6 997 851,46 → +699 785 146 öre', () => {
    expect(entry(l, '110100', '3611', 202301)).toMatchObject({ actual: 699785146, budget: null, forecast: null });
  });

  test('120300 × 4011 (Löner månadsavlönade): August, an empty utfall, and Jan–Aug summed by hand', () => {
    // 202408;673715,00;914302,00 in ledger sign (costs positive) → report sign negative.
    expect(entry(l, '120300', '4011', 202408)).toMatchObject({ actual: -67371500, budget: -91430200, forecast: null });
    // 202409;;987033,00 — no utfall yet: null, not 0.
    expect(entry(l, '120300', '4011', 202409)).toMatchObject({ actual: null, budget: -98703300 });
    // 1164612 + 1106381 + 1222842 + 1164612 + 1187904 + 1304365 + 838520 + 673715 = 8 662 951 kr.
    const ack = [202401, 202402, 202403, 202404, 202405, 202406, 202407, 202408]
      .map((p) => entry(l, '120300', '4011', p)!.actual!)
      .reduce((a, b) => a + b, 0);
    expect(ack).toBe(-866295100);
    expect(l.accountNames.get('4011')).toBe('Löner månadsavlönade');
    expect(l.costCentreNames.get('120300')).toBe('Ekonomistab');
  });

  test('totals match the published table 3.1 (Total netto, tkr)', () => {
    // README table 3.1: ack utfall innev år −2 515 284, föreg år −2 349 555, ack budget −2 463 409,
    // årsbudget −3 784 362, augusti avvikelse 1 223.
    expect(tkr(sum(l, (e) => e.actual, 202401, 202408))).toBe(-2515284);
    expect(tkr(sum(l, (e) => e.actual, 202301, 202308))).toBe(-2349555);
    expect(tkr(sum(l, (e) => e.budget, 202401, 202408))).toBe(-2463409);
    expect(tkr(sum(l, (e) => e.budget, 202401, 202412))).toBe(-3784362);
    expect(tkr(sum(l, (e) => e.actual, 202408, 202408) - sum(l, (e) => e.budget, 202408, 202408))).toBe(1223);
  });

  test('entries are sorted by ansvar, konto, period', () => {
    for (let i = 1; i < l.entries.length; i++) {
      const a = l.entries[i - 1]!;
      const b = l.entries[i]!;
      const key = (e: LedgerEntry) => [l.costCentres[e.costCentre]!, l.accounts[e.account]!, String(e.period)].join('|');
      expect(key(a) < key(b)).toBe(true);
    }
  });
});

describe('ledger rows', () => {
  const header = 'Ansvar;Konto;Period;Utfall';

  test('case 47: codes 0100 and 00123 keep their leading zeros', async () => {
    const r = await readLedger(input(utf8([header, '00123;0100;202408;1,00', '123;100;202408;2,00'])), spec());
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(r.value.costCentres).toEqual(['00123', '123']);
    expect(r.value.accounts).toEqual(['0100', '100']);
    expect(entry(r.value, '00123', '0100', 202408)?.actual).toBe(-100);
    expect(entry(r.value, '123', '100', 202408)?.actual).toBe(-200);
  });

  test('case 48: ten rows of 0,10 sum to exactly 100 öre; 0,1 + 0,2 = 30 öre', async () => {
    const ten = Array.from({ length: 10 }, () => '110100;4010;202408;0,10');
    const r = await readLedger(input(utf8([header, ...ten, '110100;4020;202408;0,1', '110100;4020;202408;0,2'])), spec({ sign: 'report', duplicates: 'sum' }));
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(entry(r.value, '110100', '4010', 202408)?.actual).toBe(100);
    expect(entry(r.value, '110100', '4020', 202408)?.actual).toBe(30);
  });

  test('an empty amount cell is null (no value), never 0; the ledger sign is flipped once', async () => {
    const r = await readLedger(
      input(utf8(['Ansvar;Konto;Period;Utfall;Budget;Prognos', '110100;3011;202408;-1 000,00;;', '110100;4011;202408;;2 500,50;-'])),
      spec(),
    );
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(entry(r.value, '110100', '3011', 202408)).toMatchObject({ actual: 100000, budget: null, forecast: null });
    expect(entry(r.value, '110100', '4011', 202408)).toMatchObject({ actual: null, budget: -250050, forecast: null });
    const report = await readLedger(input(utf8([header, '110100;3011;202408;-1 000,00'])), spec({ sign: 'report' }));
    expect(entry(report.value, '110100', '3011', 202408)?.actual).toBe(-100000);
    expect(report.value.sourceSign).toBe('report');
  });

  test('unit tkr is scaled exactly to öre', async () => {
    const r = await readLedger(input(utf8([header, '110100;4011;202408;1 234,567'])), spec({ unit: 'tkr', sign: 'report' }));
    expect(entry(r.value, '110100', '4011', 202408)?.actual).toBe(123456700);
  });

  test('year and month in two columns', async () => {
    const r = await readLedger(
      input(utf8(['Ansvar;Konto;År;Månad;Utfall', '110100;4011;2024;8;5,00'])),
      spec({ columns: { period: '', year: 'År', month: 'Månad' }, sign: 'report' }),
    );
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(entry(r.value, '110100', '4011', 202408)?.actual).toBe(500);
  });

  test('year and month as docs/config.md documents them: naming both is enough, no period: "" needed', async () => {
    const r = await readLedger(
      input(utf8(['Ansvar;Konto;År;Månad;Utfall', '110100;4011;2024;8;5,00', '110100;4011;2024;7;2,50'])),
      spec({ columns: { year: 'År', month: 'Månad' }, sign: 'report' }),
    );
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(entry(r.value, '110100', '4011', 202408)?.actual).toBe(500);
    expect(entry(r.value, '110100', '4011', 202407)?.actual).toBe(250);
  });

  test('a period column named beside year and month wins; only one of year and month is a config error', async () => {
    const both = await readLedger(
      input(utf8(['Ansvar;Konto;Per;År;Månad;Utfall', '110100;4011;202408;2023;1;5,00'])),
      spec({ columns: { period: 'Per', year: 'År', month: 'Månad' }, sign: 'report' }),
    );
    expect(errorsOf(both.diagnostics)).toEqual([]);
    expect(entry(both.value, '110100', '4011', 202408)?.actual).toBe(500);
    const half = await readLedger(input(utf8(['Ansvar;Konto;År;Utfall', '110100;4011;2024;5,00'])), spec({ columns: { year: 'År' }, sign: 'report' }));
    expect(codes(half.diagnostics)).toContain('config.invalid');
    expect(half.value.entries).toEqual([]);
  });

  test('an unparseable amount is an error naming file, row, column and value', async () => {
    const r = await readLedger(input(cp1252([header, '110100;4011;202407;5,00', '110100;4011;202408;1.234'])), spec({ encoding: 'windows-1252' }));
    expectDiagnostic(r.diagnostics, 'amount.ambiguous-period', { file: F, row: 3, column: 'Utfall', value: '1.234' });
  });

  test('case 56 in a ledger: an impossible period is an error with its location', async () => {
    const r = await readLedger(input(utf8([header, '110100;4011;202413;5,00'])), spec());
    expectDiagnostic(r.diagnostics, 'period.invalid', { file: F, row: 2, column: 'Period', value: '202413' });
  });

  test('case 58: mixed granularity — a whole-year row or a second period format — is an error', async () => {
    const ytd = await readLedger(input(utf8([header, '110100;4011;202407;5,00', '110100;4011;202408;5,00', '110100;4011;2024;10,00'])), spec());
    const d = expectDiagnostic(ytd.diagnostics, 'period.not-a-month', { file: F, row: 4, column: 'Period', value: '2024' });
    expect(d.message).toContain('hela året 2024');
    const mixed = await readLedger(input(utf8([header, '110100;4011;202407;5,00', '110100;4011;2024-08;5,00'])), spec());
    const m = expectDiagnostic(mixed.diagnostics, 'period.mixed-format', { file: F, row: 3, column: 'Period', value: '2024-08' });
    expect(m.message).toContain('"202407" på rad 2');
  });

  test('a ledger without any amount column → missing columns', async () => {
    const r = await readLedger(input(utf8(['Ansvar;Konto;Period;Belopp', '110100;4011;202408;1,00'])), spec());
    const d = expectDiagnostic(r.diagnostics, 'table.missing-columns', { file: F, row: 1, column: 'Utfall' });
    expect(d.message).toContain('Utfall, Budget, Prognos');
  });
});

describe('F. semantics', () => {
  const lines = [
    'Rapport: Resultat per ansvar 2024-08',
    'Ansvar;Konto;Period;Utfall;Budget',
    '110100;3611;202408;-100,00;-90,00',
    '110100;4011;202408;250,50;200,00',
    'Summa 110100;;;150,50;110,00',
    '120300;4011;202408;10,00;',
    '120300;4012;202408;5,25;3,00',
    ';;;15,25;3,00',
    'Totalt;;;165,75;113,00',
  ];

  test('case 70: Summa/Totalt rows are excluded with a warning when they equal their detail rows', async () => {
    const r = await readLedger(input(utf8(lines)), spec());
    expect(errorsOf(r.diagnostics)).toEqual([]);
    const w = expectDiagnostic(r.diagnostics, 'ledger.sum-rows-excluded', { file: F, row: 5, value: 'Summa 110100', severity: 'warning' });
    expect(w.message).toContain('3 summeringsrader');
    expect(r.value.dataRows).toBe(4);
    expect(r.value.entries.length).toBe(4);
    // −100 + 250,50 + 10 + 5,25 = 165,75 kr in ledger sign → −16 575 öre in report sign.
    expect(r.value.entries.reduce((s, e) => s + (e.actual ?? 0), 0)).toBe(-16575);
  });

  test('case 70: a sum row that does not equal its detail rows is an error showing both values', async () => {
    const off = [...lines.slice(0, 8), 'Totalt;;;165,76;113,00'];
    const r = await readLedger(input(utf8(off)), spec());
    const d = expectDiagnostic(r.diagnostics, 'ledger.sum-mismatch', { file: F, row: 9, column: 'Utfall', value: '165,76' });
    expect(d.message).toContain('165,76 kr');
    expect(d.message).toContain('165,75 kr');
    expect(d.message).toContain('skillnad 0,01 kr');
    const sub = [...lines.slice(0, 4), 'Summa 110100;;;150,00;110,00'];
    const s = await readLedger(input(utf8(sub)), spec());
    expectDiagnostic(s.diagnostics, 'ledger.sum-mismatch', { file: F, row: 5, column: 'Utfall', value: '150,00' });
  });

  test('case 72: duplicate ansvar × konto × period → error naming the first row', async () => {
    const dup = ['Ansvar;Konto;Period;Utfall', '110100;4011;202408;1,00', '110100;4012;202408;1,00', '110100;4011;202408;2,00'];
    const r = await readLedger(input(utf8(dup)), spec());
    const d = expectDiagnostic(r.diagnostics, 'ledger.duplicate-key', { file: F, row: 4, column: 'Konto', value: '4011' });
    expect(d.message).toContain('Ansvar 110100, konto 4011, period 202408 förekommer redan på rad 2');
  });

  test('case 72: with duplicates: sum → aggregated with a warning', async () => {
    const dup = ['Ansvar;Konto;Period;Utfall', '110100;4011;202408;1,00', '110100;4011;202408;2,00'];
    const r = await readLedger(input(utf8(dup)), spec({ duplicates: 'sum' }));
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expectDiagnostic(r.diagnostics, 'ledger.duplicates-summed', { file: F, row: 3, severity: 'warning' });
    expect(entry(r.value, '110100', '4011', 202408)?.actual).toBe(-300);
  });

  test('rows without ansvar or konto and without amounts are skipped with a warning', async () => {
    const r = await readLedger(input(utf8(['Ansvar;Ansvar (T);Konto;Period;Utfall', ';Centrala anslag;;;', '110100;Centrala anslag;4011;202408;1,00'])), spec());
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expectDiagnostic(r.diagnostics, 'ledger.empty-key-row', { file: F, row: 2, severity: 'warning' });
    expect(r.value.entries.length).toBe(1);
  });
});

describe('F. rows that only look like sum rows', () => {
  test('a detail row missing its konto (amount, no label, matching no group) → missing-code error', async () => {
    const r = await readLedger(input(utf8(['Ansvar;Konto;Period;Utfall', '110100;4011;202408;10,00', '110100;;202408;3,00'])), spec());
    expectDiagnostic(r.diagnostics, 'ledger.missing-code', { file: F, row: 3, column: 'Konto', value: '' });
    expect(codes(r.diagnostics)).not.toContain('ledger.sum-rows-excluded');
  });

  test('a file with only sum rows is an error, not an empty ledger', async () => {
    const r = await readLedger(input(utf8(['Ansvar;Konto;Period;Utfall', 'Totalt;;;0,00'])), spec());
    expectDiagnostic(r.diagnostics, 'table.no-data', { file: F, row: 1 });
  });
});
