import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { personnelConfigSchema, type PersonnelConfig } from '../../src/config/personnel-schema.js';
import { readPersonnelInputs } from '../../src/sources/heroma/load.js';
import { readHiredStaff, readRehab, readWorkEnvironment } from '../../src/sources/heroma/read-small.js';
import { Pseudonymiser } from '../../src/sources/heroma/identity.js';
import { day, h } from './helpers.js';

const KEY = new Uint8Array(32).fill(7);

function cp1252(text: string, name: string) {
  return { bytes: new Uint8Array(iconv.encode(text.replace(/\n/g, '\r\n'), 'windows-1252')), displayName: name };
}

function config(patch: Record<string, unknown> = {}): PersonnelConfig {
  return personnelConfigSchema.parse({
    sources: {
      employments: { file: 'heroma/anstallningar.csv', encoding: 'windows-1252', delimiter: ';', columns: { overtimeHours: 'Övertid/mertid', hourlyPaidHours: 'Timavlönad tid', onCallHours: 'Jour/beredskap', employmentRate: 'Sysselsättningsgrad' } },
      absence: { file: 'heroma/franvaro.csv', encoding: 'windows-1252', delimiter: ';' },
    },
    ...patch,
  });
}

const EMP_HEADER = 'Personnummer;Namn;Kön;Födelsedatum;Ansvar;Period;Anställningsform;Sysselsättningsgrad;Anställd from;Anställd tom;Avgångsorsak;Schemalagd tid;Arbetad tid;Övertid/mertid;Timavlönad tid;Jour/beredskap';
const ABS_HEADER = 'Personnummer;Namn;Kön;Födelsedatum;Ansvar;Frånvaroorsak;Fr.o.m.;T.o.m.;Omfattning %;Schemalagd tid;Frånvarotimmar';

const PNR_A = '19850312-9801';
const PNR_B = '19700101-9812';

describe('employment extract', () => {
  const text = [
    'Uttag anställningar Region Exempel',
    '',
    EMP_HEADER,
    `${PNR_A};Åsa Öberg;K;1985-03-12;110101;202401;Tillsvidare;100;2010-01-01;;;168,00;160,50;4,50;0;2,25`,
    `${PNR_A};Åsa Öberg;K;1985-03-12;110101;202402;Tillsvidare;100;2010-01-01;2024-02-29;Egen begäran;160,00;150,00;0;0;0`,
    `${PNR_B};Per Ek;M;19700101;110102;202401;TIM;;;;;0;12,00;0;12,00;0`,
  ].join('\n');

  it('reads records, pseudonymises the employee and keeps gender and birth date per person', async () => {
    const { data, diagnostics } = await readPersonnelInputs(config(), { employments: cp1252(text, 'heroma/anstallningar.csv'), absence: null }, {}, KEY);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(data.employments).toHaveLength(3);
    const [a1, a2, b] = data.employments;
    expect(a1).toMatchObject({ employee: 0, period: 202401, costCentre: '110101', form: 'Tillsvidareanställda', employmentRate: 10000, scheduled: h(168), worked: h(160.5), overtime: h(4.5), onCall: h(2.25), end: null, leaveCategory: null });
    expect(a2).toMatchObject({ employee: 0, end: day('2024-02-29'), leaveCategory: 'external' });
    expect(b).toMatchObject({ employee: 1, form: 'Timavlönade', hourlyPaid: h(12) });
    expect(data.persons).toEqual([
      { gender: 'K', birthDay: day('1985-03-12'), age: null },
      { gender: 'M', birthDay: day('1970-01-01'), age: null },
    ]);
    expect(data.columns).toEqual({ overtime: true, hourlyPaid: true, onCall: true });
    const json = JSON.stringify(data);
    expect(json).not.toContain('9801');
    expect(json).not.toContain('Öberg');
  });

  it('an unknown form of employment is an error naming the code', async () => {
    const bad = text.replace(';TIM;', ';Konsult;');
    const { diagnostics } = await readPersonnelInputs(config(), { employments: cp1252(bad, 'e.csv'), absence: null }, {}, KEY);
    const d = diagnostics.find((x) => x.code === 'personnel.form.unknown')!;
    expect(d.severity).toBe('error');
    expect(d.message).toContain('Konsult');
    expect(d.location).toMatchObject({ file: 'e.csv', row: 6, column: 'Anställningsform' });
  });
});

describe('absence extract', () => {
  const text = [
    ABS_HEADER,
    // Partial-day sick leave: 40 scheduled hours at 50 %, absence hours blank → 20 h.
    `${PNR_A};Åsa Öberg;K;1985-03-12;110101;Sjuk;2024-03-04;2024-03-08;50;40,00;`,
    // Whole days with absence hours given.
    `${PNR_A};Åsa Öberg;K;1985-03-12;110101;Sjuk;2024-04-01;2024-04-02;100;16,00;16,00`,
    // Not sick leave: skipped and counted.
    `${PNR_B};Per Ek;M;1970-01-01;110102;Semester;2024-07-01;2024-07-19;100;120,00;120,00`,
    `${PNR_B};Per Ek;M;1970-01-01;110102;VAB;2024-05-02;2024-05-02;100;8,00;8,00`,
    // Hours that do not match scheduled × extent: warning, absence hours used.
    `${PNR_B};Per Ek;M;1970-01-01;110102;Sjuk;2024-05-06;2024-05-06;100;8,00;6,00`,
  ].join('\n');

  it('computes partial-day hours from the extent and skips other absence types', async () => {
    const { data, diagnostics } = await readPersonnelInputs(config(), { employments: null, absence: cp1252(text, 'f.csv') }, {}, KEY);
    expect(data.sickLeave).toEqual([
      { employee: 0, costCentre: '110101', from: day('2024-03-04'), to: day('2024-03-08'), extent: 5000, hours: h(20), row: 2 },
      { employee: 0, costCentre: '110101', from: day('2024-04-01'), to: day('2024-04-02'), extent: 10000, hours: h(16), row: 3 },
      { employee: 1, costCentre: '110102', from: day('2024-05-06'), to: day('2024-05-06'), extent: 10000, hours: h(6), row: 6 },
    ]);
    const other = diagnostics.find((d) => d.code === 'personnel.absence.otherTypes')!;
    expect(other.message).toContain('2 rader');
    expect(diagnostics.find((d) => d.code === 'personnel.absence.hoursMismatch')?.location?.row).toBe(6);
  });

  it('same person in both files gets the same pseudonym', async () => {
    const emp = [EMP_HEADER, `${PNR_B};Per Ek;M;1970-01-01;110102;202405;Tillsvidare;100;;;;160,00;160,00;0;0;0`].join('\n');
    const { data } = await readPersonnelInputs(config(), { employments: cp1252(emp, 'e.csv'), absence: cp1252(text, 'f.csv') }, {}, KEY);
    expect(data.employments[0]!.employee).toBe(data.sickLeave[2]!.employee);
  });
});

describe('personal data never reaches a message (bad-input G86)', () => {
  it('errors in rows with a personnummer name row and column only', async () => {
    const text = [
      ABS_HEADER,
      `${PNR_A};Åsa Öberg;K;1985-13-45;110101;Sjuk;2024-03-04;2024-03-08;50;40,00;`, // bad birth date
      `${PNR_A};Åsa Öberg;K;1985-03-12;110101;Sjuk;2024-03-04`, // short row quoting the whole line
      `${PNR_B};Per "Pelle" Ek;M;1970-01-01;110102;Sjuk;2024-05-06;2024-05-06;100;8,00;8,00`, // stray quote
      `${PNR_B};Per Ek;M;1970-01-01;110102;Sjuk;2024-05-06;2024-05-06;100;8,00;åtta`, // bad hours
      `;Utan Nummer;M;1970-01-01;110102;Sjuk;2024-05-06;2024-05-06;100;8,00;8,00`, // missing identity
    ].join('\n');
    const { diagnostics } = await readPersonnelInputs(config(), { employments: null, absence: cp1252(text, 'f.csv') }, {}, KEY);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(4);
    const all = JSON.stringify(diagnostics);
    for (const secret of [PNR_A, PNR_B, '198503129801', '8503129801', 'Öberg', 'Pelle', '1985-13-45', '1985-03-12']) {
      expect(all).not.toContain(secret);
    }
    const birth = errors.find((d) => d.code === 'personnel.birthDate.invalid')!;
    expect(birth.location).toEqual({ file: 'f.csv', row: 2, column: 'Födelsedatum' });
    expect(birth.value).toBeUndefined();
    const short = errors.find((d) => d.code === 'table.row-too-short')!;
    expect(short.location?.row).toBe(3);
    expect(short.message).toContain('[dolt]');
    // A non-personal cell keeps its value so the user can fix it.
    const hours = errors.find((d) => d.code === 'personnel.hours.invalid')!;
    expect(hours.message).toContain('åtta');
    expect(hours.location).toMatchObject({ row: 5, column: 'Frånvarotimmar' });
    expect(errors.find((d) => d.code === 'personnel.identity.missing')?.location).toMatchObject({ row: 6, column: 'Personnummer' });
  });

  it('a row with an extra empty field in a comma-separated extract is named by row and column, not quoted', async () => {
    const comma = (line: string) => line.replaceAll(';', ',');
    const text = [
      comma(ABS_HEADER),
      comma(`${PNR_B};Per Ek;M;1970-01-01;110102;Sjuk;2024-05-06;2024-05-06;100;8;8`),
      comma(`${PNR_A};Åsa Öberg;K;1985-03-12;110101;Sjuk;2024-03-04;2024-03-08;50;40;20;`), // one field too many, empty
    ].join('\n');
    const cfg = config({ sources: { employments: { file: 'a.csv' }, absence: { file: 'f.csv', delimiter: ',' } } });
    const { diagnostics } = await readPersonnelInputs(cfg, { employments: null, absence: cp1252(text, 'f.csv') }, {}, KEY);
    const extra = diagnostics.find((d) => d.code === 'table.row-extra-empty-field')!;
    expect(extra.location).toMatchObject({ file: 'f.csv', row: 3 });
    expect(extra.value).toBeUndefined();
    expect(extra.message).toContain('[dolt]');
    const all = JSON.stringify(diagnostics);
    for (const secret of [PNR_A, '198503129801', 'Åsa', 'Öberg', '1985-03-12']) expect(all).not.toContain(secret);
  });

  it('a missing header does not echo a data row', async () => {
    const text = [`${PNR_A};Åsa Öberg;K;1985-03-12;110101;Sjuk;2024-03-04;2024-03-08;50;40,00;`].join('\n');
    const { diagnostics } = await readPersonnelInputs(config(), { employments: null, absence: cp1252(text, 'f.csv') }, {}, KEY);
    expect(diagnostics.some((d) => d.code === 'table.missing-columns' && d.severity === 'error')).toBe(true);
    expect(JSON.stringify(diagnostics)).not.toContain('9801');
    expect(JSON.stringify(diagnostics)).not.toContain('Öberg');
  });
});

describe('pseudonyms', () => {
  it('ignore hyphens and spaces, and differ between runs', () => {
    const p = new Pseudonymiser(KEY);
    expect(p.id('19850312-9801')).toBe(p.id('19850312 9801'));
    expect(p.id('198503129801')).toBe(0);
    expect(p.id('19700101-9812')).toBe(1);
    expect(p.id('  ')).toBeNull();
  });
});

describe('small inputs', () => {
  it('hired staff from costs and an hour price', async () => {
    const spec = personnelConfigSchema.shape.sources.shape.hiredStaff.unwrap().parse({
      file: 'x.csv', columns: { period: 'Period', costCentre: 'Ansvar', cost: 'Kostnad' }, hourPrice: 650,
    });
    const r = await readHiredStaff(cp1252('Period;Ansvar;Kostnad\n202403;110101;52 000,00\n202404;110101;1 000,00\n', 'x.csv'), spec);
    // 52 000 kr / 650 kr/h = 80 h; 1 000 / 650 = 1,538… → 1,54 h.
    expect(r.value.map((x) => x.hours)).toEqual([h(80), 154]);
  });

  it('rehab cases and work-environment events', async () => {
    const rehabSpec = personnelConfigSchema.shape.sources.shape.rehab.unwrap().parse({ file: 'r.csv' });
    const r = await readRehab(cp1252('Ansvar;Startdatum;Avslutsdatum\n110101;2024-02-01;\n110101;2023-11-01;2024-03-15\n', 'r.csv'), rehabSpec);
    expect(r.value).toEqual([
      { costCentre: '110101', opened: day('2024-02-01'), closed: null, row: 2 },
      { costCentre: '110101', opened: day('2023-11-01'), closed: day('2024-03-15'), row: 3 },
    ]);
    const envSpec = personnelConfigSchema.shape.sources.shape.workEnvironment.unwrap().parse({ file: 'a.csv', columns: { category: 'Kategori' } });
    const a = await readWorkEnvironment(cp1252('Ansvar;Datum;Typ;Kategori\n110101;2024-03-01;Tillbud;Hot och våld\n110101;2024-03-02;Risk;\n110101;2024-03-03;Okänd;\n', 'a.csv'), envSpec);
    expect(a.value.map((e) => [e.kind, e.category])).toEqual([['incident', 'Hot och våld'], ['risk', null]]);
    expect(a.diagnostics.find((d) => d.code === 'personnel.workEnvironment.kind.unknown')?.location?.row).toBe(4);
  });
});

describe('xlsx extracts', () => {
  it('reads date cells, numeric hours and a numeric personnummer; errors name the Excel row', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Frånvaro');
    ws.getRow(1).values = ['Uttag frånvaro'];
    ws.getRow(3).values = ['Personnummer', 'Namn', 'Kön', 'Födelsedatum', 'Ansvar', 'Frånvaroorsak', 'Fr.o.m.', 'T.o.m.', 'Omfattning %', 'Schemalagd tid', 'Frånvarotimmar'];
    ws.getRow(4).values = [198503129801, 'Åsa Öberg', 'K', new Date(Date.UTC(1985, 2, 12)), '0110', 'Sjuk', new Date(Date.UTC(2024, 2, 4)), new Date(Date.UTC(2024, 2, 8)), 25, 40, null];
    ws.getRow(5).values = [197001019812, 'Per Ek', 'M', 'inte ett datum', '0110', 'Sjuk', new Date(Date.UTC(2024, 4, 6)), new Date(Date.UTC(2024, 4, 6)), 100, 8, 8];
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const cfg = config({ sources: { employments: { file: 'e.csv' }, absence: { file: 'f.xlsx' } } });
    const { data, diagnostics } = await readPersonnelInputs(cfg, { employments: null, absence: { bytes, displayName: 'f.xlsx' } }, {}, KEY);
    // 40 h at 25 % = 10 h; the code keeps its leading zero.
    expect(data.sickLeave).toEqual([{ employee: 0, costCentre: '0110', from: day('2024-03-04'), to: day('2024-03-08'), extent: 2500, hours: h(10), row: 4 }]);
    expect(data.persons[0]).toEqual({ gender: 'K', birthDay: day('1985-03-12'), age: null });
    const birth = diagnostics.find((d) => d.code === 'personnel.birthDate.invalid')!;
    expect(birth.location).toEqual({ file: 'f.xlsx', sheet: 'Frånvaro', row: 5, column: 'Födelsedatum' });
    expect(JSON.stringify(diagnostics)).not.toMatch(/9812|inte ett datum|Per Ek/);
  });
});
