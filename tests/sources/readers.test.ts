import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  accountGroupsSourceSchema,
  forecastsSourceSchema,
  investmentsSourceSchema,
  organisationSourceSchema,
} from '../../src/config/schema.js';
import { readAccountGroups } from '../../src/sources/read-account-groups.js';
import { readForecasts } from '../../src/sources/read-forecasts.js';
import { readInvestments } from '../../src/sources/read-investments.js';
import { readOrganisation } from '../../src/sources/read-organisation.js';
import { codes, errorsOf, expectDiagnostic, input, utf8 } from './helpers.js';

/** Organisation, account groups (case 74), investments and forecasts. */

const GOLDEN = '/work/shared/golden/vasterbotten-rs-2024-08/';
const golden = (name: string) => input(new Uint8Array(readFileSync(GOLDEN + name)), name);

describe('readOrganisation', () => {
  const spec = organisationSourceSchema.parse({ file: 'org.csv', columns: { levels: ['Delområde', 'Område'] } });

  test('golden organisation.csv: 12 ansvar with parents lowest first', async () => {
    const r = await readOrganisation(golden('organisation.csv'), spec);
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(r.value.length).toBe(12);
    expect(r.value[0]).toEqual({
      costCentre: '110100',
      name: 'Centrala anslag',
      parents: ['Regionförvaltningen gemensamt', 'Regionövergripande verksamhet'],
      row: 2,
    });
    expect(r.value[11]).toEqual({ costCentre: '220600', name: 'Sjukresor', parents: ['Service', 'Digitalisering och service'], row: 13 });
  });

  test('an ansvar listed twice is an error naming the first row', async () => {
    const r = await readOrganisation(
      input(utf8(['Ansvar;Ansvar (T);Delområde;Område', '0110;A;D1;O1', '0120;B;D1;O1', '0110;C;D2;O1']), 'org.csv'),
      spec,
    );
    const d = expectDiagnostic(r.diagnostics, 'organisation.duplicate-cost-centre', { file: 'org.csv', row: 4, column: 'Ansvar', value: '0110' });
    expect(d.message).toContain('rad 2');
    expect(r.value.map((o) => o.costCentre)).toEqual(['0110', '0120']);
  });

  test('an empty parent level is an error with its column', async () => {
    const r = await readOrganisation(input(utf8(['Ansvar;Ansvar (T);Delområde;Område', '0110;A;;O1']), 'org.csv'), spec);
    expectDiagnostic(r.diagnostics, 'table.missing-value', { file: 'org.csv', row: 2, column: 'Delområde', value: '' });
  });
});

describe('readAccountGroups', () => {
  const spec = accountGroupsSourceSchema.parse({ file: 'k.csv' });

  test('golden kontogrupper.csv: every account once, in file order', async () => {
    const r = await readAccountGroups(golden('kontogrupper.csv'), spec);
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(r.value.length).toBe(33);
    expect(r.value[0]).toEqual({
      account: '3011',
      accountName: 'Patientavgifter öppen vård',
      reportRow: 'Patientintäkter',
      section: 'Verksamhetens intäkter',
      row: 2,
    });
    expect(r.value[3]?.account).toBe('3051'); // file order, not sorted
  });

  test('case 74: an account mapped to two report rows → accounts.mapped-twice', async () => {
    const r = await readAccountGroups(
      input(utf8(['Konto;Konto (T);Rad;Avsnitt', '4011;Löner;Personal;Kostnader', '4012;Löner tim;Personal;Kostnader', '4011;Löner;Övriga poster;Kostnader']), 'k.csv'),
      spec,
    );
    const d = expectDiagnostic(r.diagnostics, 'accounts.mapped-twice', { file: 'k.csv', row: 4, column: 'Konto', value: '4011' });
    expect(d.message).toContain('"Personal (rad 2)"');
    expect(d.message).toContain('"Övriga poster (rad 4)"');
    expect(r.value.map((g) => g.account)).toEqual(['4011', '4012']);
  });
});

describe('readInvestments', () => {
  const spec = investmentsSourceSchema.parse({ file: 'i.csv' });

  test('golden investeringar.csv: amounts positive as exported; Fastighet sums to 402 mnkr (table 4)', async () => {
    const r = await readInvestments(golden('investeringar.csv'), spec);
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(r.value.length).toBe(14);
    expect(r.value[0]).toEqual({
      project: '900100',
      projectName: 'Fastighet projekt 1',
      area: 'Fastighet',
      actual: 15322677300,
      forecast: 27023775800,
      budget: 24729690000,
      row: 2,
    });
    // 153 226 773 + 111 724 815 + 136 723 912 = 401 675 500 kr.
    const fastighet = r.value.filter((x) => x.area === 'Fastighet').reduce((s, x) => s + (x.actual ?? 0), 0);
    expect(fastighet).toBe(40167550000);
  });

  test('empty amount → null; duplicate project → error; costCentre column when configured', async () => {
    const s = investmentsSourceSchema.parse({ file: 'i.csv', columns: { costCentre: 'Ansvar' } });
    const r = await readInvestments(
      input(
        utf8([
          'Projekt;Projekt (T);Investeringsområde;Ansvar;Utfall ack;Prognos helår;Årsbudget',
          '900100;Nytt hus;Fastighet;110100;1 000,00;;2 000,00',
          '900100;Igen;Fastighet;110100;1,00;1,00;1,00',
        ]),
        'i.csv',
      ),
      s,
    );
    expect(r.value[0]).toMatchObject({ project: '900100', costCentre: '110100', actual: 100000, forecast: null, budget: 200000 });
    expectDiagnostic(r.diagnostics, 'investments.duplicate-project', { file: 'i.csv', row: 3, column: 'Projekt', value: '900100' });
  });
});

describe('readForecasts', () => {
  const header = 'Prognostillfälle;Ansvar;Konto;Prognos';
  const spec = (over: Record<string, unknown> = {}) =>
    forecastsSourceSchema.parse({ file: 'p.csv', columns: { account: 'Konto' }, ...over });

  test('occasion parsed as a period, forecast in report sign (flipped from ledger sign when configured)', async () => {
    const lines = [header, 'apr-24;110100;4011;-1 200 000,00', '202408;110100;3011;500,50'];
    const r = await readForecasts(input(utf8(lines), 'p.csv'), spec());
    expect(errorsOf(r.diagnostics)).toEqual([]);
    // Occasions in two formats are fine here (they label forecast rounds; only ledgers require one format).
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.value).toEqual([
      { occasion: 202404, costCentre: '110100', account: '4011', forecast: -120000000, row: 2 },
      { occasion: 202408, costCentre: '110100', account: '3011', forecast: 50050, row: 3 },
    ]);
    const ledger = await readForecasts(input(utf8([header, '202404;110100;4011;1 200 000,00']), 'p.csv'), spec({ sign: 'ledger' }));
    expect(ledger.value[0]?.forecast).toBe(-120000000);
  });

  test('a report-row key instead of an account', async () => {
    const r = await readForecasts(
      input(utf8(['Prognostillfälle;Ansvar;Rad;Prognos', '202404;110100;Personal;-5,00']), 'p.csv'),
      forecastsSourceSchema.parse({ file: 'p.csv', columns: { reportRow: 'Rad' } }),
    );
    expect(r.value).toEqual([{ occasion: 202404, costCentre: '110100', reportRow: 'Personal', forecast: -500, row: 2 }]);
  });

  test('an empty forecast is an error, never 0; a duplicate is an error', async () => {
    const r = await readForecasts(input(utf8([header, '202404;110100;4011;', '202404;110100;4012;1,00', '202404;110100;4012;2,00']), 'p.csv'), spec());
    expectDiagnostic(r.diagnostics, 'amount.missing', { file: 'p.csv', row: 2, column: 'Prognos', value: '' });
    expectDiagnostic(r.diagnostics, 'forecasts.duplicate', { file: 'p.csv', row: 4, column: 'Konto', value: '4012' });
    expect(r.value.length).toBe(1);
  });

  test('no columns block when every default fits: the key is the file\'s Rad or Konto, whichever it has', async () => {
    const bare = forecastsSourceSchema.parse({ file: 'p.csv' });
    const byRow = await readForecasts(input(utf8(['Prognostillfälle;Ansvar;Rad;Prognos', '202404;110100;Personal;-5,00']), 'p.csv'), bare);
    expect(codes(byRow.diagnostics)).toEqual([]);
    expect(byRow.value).toEqual([{ occasion: 202404, costCentre: '110100', reportRow: 'Personal', forecast: -500, row: 2 }]);
    const byAccount = await readForecasts(input(utf8([header, '202404;110100;4011;1,00']), 'p.csv'), forecastsSourceSchema.parse({ file: 'p.csv', columns: {} }));
    expect(codes(byAccount.diagnostics)).toEqual([]);
    expect(byAccount.value).toEqual([{ occasion: 202404, costCentre: '110100', account: '4011', forecast: 100, row: 2 }]);
  });

  test('both key columns named, or neither named and the file has both or neither → configuration error', async () => {
    const both = await readForecasts(input(utf8([header, '202404;110100;4011;1,00']), 'p.csv'), spec({ columns: { account: 'Konto', reportRow: 'Rad' } }));
    expectDiagnostic(both.diagnostics, 'forecasts.key-columns', { file: 'p.csv' });
    expect(both.value).toEqual([]);
    const twoInFile = await readForecasts(input(utf8(['Prognostillfälle;Ansvar;Rad;Konto;Prognos', '202404;110100;Personal;4011;1,00']), 'p.csv'), forecastsSourceSchema.parse({ file: 'p.csv' }));
    expectDiagnostic(twoInFile.diagnostics, 'forecasts.key-columns', { file: 'p.csv' });
    expect(twoInFile.diagnostics.find((d) => d.code === 'forecasts.key-columns')?.message).toContain('filen har både Rad och Konto');
    expect(twoInFile.value).toEqual([]);
    const none = await readForecasts(input(utf8(['Prognostillfälle;Ansvar;Kod;Prognos', '202404;110100;4011;1,00']), 'p.csv'), forecastsSourceSchema.parse({ file: 'p.csv' }));
    expect(none.diagnostics.find((d) => d.code === 'forecasts.key-columns')?.message).toContain('filen har varken Rad eller Konto');
    expect(none.value).toEqual([]);
  });
});
