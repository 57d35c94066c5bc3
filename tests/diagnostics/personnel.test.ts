import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { personnelConfigSchema, type PersonnelConfig } from '../../src/config/personnel-schema.js';
import { readPersonnelInputs } from '../../src/sources/heroma/load.js';
import { readHiredStaff } from '../../src/sources/heroma/read-small.js';
import { preparePersonnel } from '../../src/calc/personnel/index.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { expectDiagnostic } from '../sources/helpers.js';
import { HrBuilder, rules } from '../personnel/helpers.js';

/**
 * One fixture per personnel code no other test names: the HR extracts' cells (dates, hours, percentages, reasons,
 * gender, age), the hired-staff file, and the checks of the prepared HR data. Personal values never reach a message.
 */

const KEY = new Uint8Array(32).fill(7);
const PNR = '19850312-9801';
const EMP_HEADER = 'Personnummer;Namn;Kön;Födelsedatum;Ansvar;Period;Anställningsform;Sysselsättningsgrad;Anställd from;Anställd tom;Avgångsorsak;Schemalagd tid;Arbetad tid';
const ABS_HEADER = 'Personnummer;Namn;Kön;Födelsedatum;Ansvar;Frånvaroorsak;Fr.o.m.;T.o.m.;Omfattning %;Schemalagd tid;Frånvarotimmar';
const EMP = (o: { gender?: string; rate?: string; from?: string; to?: string; reason?: string; scheduled?: string } = {}) =>
  `${PNR};Åsa Öberg;${o.gender ?? 'K'};1985-03-12;110101;202402;Tillsvidare;${o.rate ?? '100'};${o.from ?? '2010-01-01'};${o.to ?? ''};${o.reason ?? ''};${o.scheduled ?? '160,00'};150,00`;

function file(lines: readonly string[], name: string) {
  return { bytes: new Uint8Array(iconv.encode(lines.join('\r\n') + '\r\n', 'windows-1252')), displayName: name };
}

function config(patch: Record<string, unknown> = {}, employments: Record<string, unknown> = {}): PersonnelConfig {
  return personnelConfigSchema.parse({
    sources: {
      employments: { file: 'e.csv', encoding: 'windows-1252', delimiter: ';', columns: { employmentRate: 'Sysselsättningsgrad' }, ...employments },
      absence: { file: 'f.csv', encoding: 'windows-1252', delimiter: ';' },
    },
    ...patch,
  });
}

async function employments(lines: readonly string[], cfg = config()): Promise<Diagnostic[]> {
  return (await readPersonnelInputs(cfg, { employments: file([EMP_HEADER, ...lines], 'e.csv'), absence: null }, {}, KEY)).diagnostics;
}

async function absence(lines: readonly string[]): Promise<Diagnostic[]> {
  return (await readPersonnelInputs(config(), { employments: null, absence: file([ABS_HEADER, ...lines], 'f.csv') }, {}, KEY)).diagnostics;
}

const ABS = (from: string, to: string, extent: string, scheduled: string, hours: string) => `${PNR};Åsa Öberg;K;1985-03-12;110101;Sjuk;${from};${to};${extent};${scheduled};${hours}`;

describe('employment extract', () => {
  test('personnel.gender.unknown: a gender word not in the config (warning, value shown: it is not an identity)', async () => {
    const d = expectDiagnostic(await employments([EMP({ gender: 'X' })]), 'personnel.gender.unknown', { file: 'e.csv', row: 2, column: 'Kön', value: 'X', severity: 'warning' });
    expect(d.message).toContain('"X"');
  });

  test('personnel.person.conflict: the same person with another gender on a later row (warning)', async () => {
    const d = expectDiagnostic(await employments([EMP(), EMP({ gender: 'M' }).replace(';202402;', ';202403;')]), 'personnel.person.conflict', { file: 'e.csv', row: 3, severity: 'warning' });
    expect(d.message).not.toContain(PNR);
  });

  test('personnel.rate.invalid: an employment rate over 100 %', async () => {
    expectDiagnostic(await employments([EMP({ rate: '150' })]), 'personnel.rate.invalid', { file: 'e.csv', row: 2, column: 'Sysselsättningsgrad', value: '150' });
  });

  test('personnel.date.invalid: a start date that is not a date', async () => {
    expectDiagnostic(await employments([EMP({ from: 'igår' })]), 'personnel.date.invalid', { file: 'e.csv', row: 2, column: 'Anställd from', value: 'igår' });
  });

  test('personnel.dateRange.reversed: an employment that ends before it starts', async () => {
    const d = expectDiagnostic(await employments([EMP({ from: '2024-02-20', to: '2024-02-10', reason: 'Egen begäran' })]), 'personnel.dateRange.reversed', { file: 'e.csv', row: 2, column: 'Anställd from' });
    expect(d.message).toContain('2024-02-20');
  });

  test('personnel.hours.negative: negative scheduled hours', async () => {
    expectDiagnostic(await employments([EMP({ scheduled: '-8,00' })]), 'personnel.hours.negative', { file: 'e.csv', row: 2, column: 'Schemalagd tid', value: '-8,00' });
  });

  test('personnel.reason.unknown (warning) and, with turnover.unknownReason: error, personnel.reason.unknownError', async () => {
    const line = EMP({ to: '2024-02-29', reason: 'Flytt' });
    expectDiagnostic(await employments([line]), 'personnel.reason.unknown', { file: 'e.csv', row: 2, column: 'Avgångsorsak', value: 'Flytt', severity: 'warning' });
    const strict = config({ turnover: { unknownReason: 'error' } });
    expectDiagnostic(await employments([line], strict), 'personnel.reason.unknownError', { file: 'e.csv', row: 2, column: 'Avgångsorsak', value: 'Flytt' });
  });

  test('personnel.age.invalid: an age column with an age outside 14–100 (the value is not shown)', async () => {
    const header = EMP_HEADER.replace('Födelsedatum', 'Ålder');
    const cfg = config({}, { columns: { employmentRate: 'Sysselsättningsgrad', birthDate: '', age: 'Ålder' } });
    const r = await readPersonnelInputs(cfg, { employments: file([header, EMP().replace('1985-03-12', '7')], 'e.csv'), absence: null }, {}, KEY);
    const d = expectDiagnostic(r.diagnostics, 'personnel.age.invalid', { file: 'e.csv', row: 2, column: 'Ålder' });
    expect(d.value).toBeUndefined();
  });

  test('personnel.columns.missing: the text that replaces table.missing-columns, so no data row is echoed', async () => {
    const ds = (await readPersonnelInputs(config(), { employments: file([EMP()], 'e.csv'), absence: null }, {}, KEY)).diagnostics;
    const d = expectDiagnostic(ds, 'table.missing-columns', { file: 'e.csv' });
    expect(d.message).toContain('Rubrikraden med kolumnerna [');
    expect(d.message).toContain('Filens rader visas inte eftersom filen innehåller personuppgifter');
    expect(JSON.stringify(d)).not.toContain('9801');
  });
});

describe('absence extract', () => {
  test('personnel.date.missing: an empty Fr.o.m.', async () => {
    expectDiagnostic(await absence([ABS('', '2024-03-08', '100', '40,00', '40,00')]), 'personnel.date.missing', { file: 'f.csv', row: 2, column: 'Fr.o.m.' });
  });

  test('personnel.extent.invalid: an extent over 100 %', async () => {
    expectDiagnostic(await absence([ABS('2024-03-04', '2024-03-08', '150', '40,00', '')]), 'personnel.extent.invalid', { file: 'f.csv', row: 2, column: 'Omfattning %', value: '150' });
  });

  test('personnel.absence.hoursMissing: no absence hours, and no scheduled time to compute them from', async () => {
    expectDiagnostic(await absence([ABS('2024-03-04', '2024-03-08', '', '', '')]), 'personnel.absence.hoursMissing', { file: 'f.csv', row: 2, column: 'Frånvarotimmar' });
  });
});

describe('hired staff', () => {
  const spec = (over: Record<string, unknown>) => personnelConfigSchema.shape.sources.shape.hiredStaff.unwrap().parse({ file: 'i.csv', ...over });

  test('personnel.amount.invalid: a cost that is not an amount', async () => {
    const r = await readHiredStaff(file(['Period;Ansvar;Kostnad', '202402;110101;mycket'], 'i.csv'), spec({ columns: { cost: 'Kostnad' }, hourPrice: 650 }));
    expectDiagnostic(r.diagnostics, 'personnel.amount.invalid', { file: 'i.csv', row: 2, column: 'Kostnad', value: 'mycket' });
  });

  test('personnel.hired.noHourPrice: costs without an hour price (the config schema refuses this; the reader checks again)', async () => {
    const parsed = spec({ columns: { cost: 'Kostnad' }, hourPrice: 650 });
    const { hourPrice: _dropped, ...withoutPrice } = parsed;
    const r = await readHiredStaff(file(['Period;Ansvar;Kostnad', '202402;110101;1000,00'], 'i.csv'), withoutPrice);
    expectDiagnostic(r.diagnostics, 'personnel.hired.noHourPrice', { file: 'i.csv' });
  });
});

describe('prepared HR data', () => {
  test('personnel.window.incomplete and personnel.turnover.noReason: months missing from a window; a leaver without a reason', () => {
    const b = new HrBuilder();
    const p = b.person('K');
    b.employ(p, 202401, 202407, { end: '2024-07-31', leave: null });
    const { diagnostics } = preparePersonnel(b.data(), rules(), { year: 2024, month: 8 });
    const window = diagnostics.find((d) => d.code === 'personnel.window.incomplete')!;
    expect(window.severity).toBe('warning');
    expect(window.message).toContain('jämförelseperioden');
    const noReason = diagnostics.find((d) => d.code === 'personnel.turnover.noReason')!;
    expect(noReason.severity).toBe('warning');
    expect(noReason.message).toMatch(/^1 avslutade anställningar/);
  });
});
