/**
 * The pieces of `init --from` on small inputs: the sniffing of encoding, delimiter and header row, the profiling of
 * a column's data, the recognition of roles and columns, the organisation's levels, the settings decided from the
 * data, and the configuration text.
 */
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { parseDocument } from 'yaml';
import {
  headerKey,
  headerUnit,
  inspectExports,
  profileColumn,
  readGrids,
  recogniseGrid,
  renderConfig,
  sniffDelimiter,
  yamlScalar,
  type Grid,
} from '../../src/setup/index.js';
import { validateConfig } from '../../src/config/load-config.js';
import type { SourceInput } from '../../src/model/records.js';

function csv(displayName: string, text: string, opts: { bom?: boolean; cp1252?: boolean } = {}): SourceInput {
  const body = opts.cp1252 ? new Uint8Array(iconv.encode(text, 'windows-1252')) : new TextEncoder().encode(text);
  const bytes = opts.bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
  return { bytes, displayName };
}

async function grid(input: SourceInput): Promise<Grid> {
  const read = await readGrids(input);
  expect(read.problems).toEqual([]);
  expect(read.grids).toHaveLength(1);
  return read.grids[0]!;
}

const ORG = [
  'Ansvar;Ansvar (T);Delområde;Förvaltning;Nämnd;Område;Region',
  '0101;Stab;Staber;Regionkontoret;Regionstyrelsen;Gemensamt;Region Norr',
  '0102;Ekonomi;Staber;Regionkontoret;Regionstyrelsen;Gemensamt;Region Norr',
  '0201;Vårdcentral A;Primärvård norr;Primärvård;HSN;Vård;Region Norr',
  '0202;Vårdcentral B;Primärvård syd;Primärvård;HSN;Vård;Region Norr',
  '0203;Akuten;Akutsjukvård;Sjukhuset;HSN;Vård;Region Norr',
  '0204;Kirurgen;Kirurgi;Sjukhuset;HSN;Vård;Region Norr',
].join('\r\n');

const GROUPS = ['Konto;Konto (T);Rad;Avsnitt', '3011;Patientavgifter;Patientavgifter;Verksamhetens intäkter', '4011;Löner;Personalkostnader;Verksamhetens kostnader'].join('\n');

describe('sniffing a CSV export', () => {
  it('finds the delimiter: semicolons with decimal commas, tabs, commas', () => {
    expect(sniffDelimiter(['Ansvar;Utfall', '0101;-12,50', '0102;3,00'])).toEqual({ delimiter: ';', width: 2 });
    expect(sniffDelimiter(['Ansvar\tKonto\tUtfall', '0101\t3011\t-12,50'])).toEqual({ delimiter: '\t', width: 3 });
    expect(sniffDelimiter(['Ansvar,Konto,Utfall', '0101,3011,-12.50'])).toEqual({ delimiter: ',', width: 3 });
    expect(sniffDelimiter(['bara en kolumn'])).toBeNull();
  });

  it('finds the header below title lines, and the encoding: UTF-8 with BOM, Windows-1252', async () => {
    const text = 'Kontogruppering 2024\r\nUtskriven 2024-09-02;;;\r\n\r\n' + GROUPS;
    const g = await grid(csv('kontogrupper.csv', text, { bom: true }));
    expect(g).toMatchObject({ encoding: 'utf-8', hadBom: true, delimiter: ';', headerRow: 4, titleRows: 2 });
    expect(g.header).toEqual(['Konto', 'Konto (T)', 'Rad', 'Avsnitt']);
    expect(g.rows).toHaveLength(2);
    const w = await grid(csv('org.csv', ORG, { cp1252: true }));
    expect(w).toMatchObject({ encoding: 'windows-1252', hadBom: false, headerRow: 1 });
    expect(w.header[3]).toBe('Förvaltning');
  });
});

describe('profiling a column', () => {
  const g = (header: string, values: string[]): Grid => ({ file: 'x.csv', format: 'csv', header: [header], headerRow: 1, titleRows: 0, rows: values.map((v) => [v]) });

  it('tells periods, month numbers, years, amounts with decimal comma and codes with leading zeros apart', () => {
    expect(profileColumn(g('P', ['202408', '2024-07']), 0).period).toBe(1);
    // Six-digit ansvar codes and four-digit accounts are not periods.
    expect(profileColumn(g('A', ['110101', '120202']), 0).period).toBe(0);
    expect(profileColumn(g('K', ['3011', '4011']), 0).period).toBe(0);
    expect(profileColumn(g('M', ['1', '8', '12']), 0).month).toBe(1);
    expect(profileColumn(g('Å', ['2023', '2024']), 0).year).toBe(1);
    const amount = profileColumn(g('U', ['-1 234,50', '12,00', '']), 0);
    expect(amount).toMatchObject({ amount: 1, fractional: 1, hasOre: true, filled: 2 });
    expect(profileColumn(g('Ansvar', ['0101', '0102']), 0)).toMatchObject({ code: 1, leadingZero: true, fractional: 0 });
  });

  it('reads a unit out of a header and matches on the rest', () => {
    expect(headerKey('Utfall kr')).toBe('utfall');
    expect(headerKey('Budget (tkr)')).toBe('budget');
    expect(headerKey('Ansvar (T)')).toBe('ansvar (t)');
    expect(headerUnit('Utfall tkr')).toBe('tkr');
    expect(headerUnit('Budget (mnkr)')).toBe('mnkr');
    expect(headerUnit('Kontonr')).toBeNull();
  });
});

describe('recognising roles and columns', () => {
  it('reads a ledger with renamed headers and the month as 2024-08', async () => {
    const text = ['Ansvarsnummer;Kontonr;Månad;Utfall kr;Budget kr', '0101;3011;2024-07;-100,00;-90,00', '0101;4011;2024-08;250,50;'].join('\n');
    const [m] = recogniseGrid(await grid(csv('hb.csv', text)));
    expect(m!.role.id).toBe('ledger');
    const cols = Object.fromEntries([...m!.columns].map(([k, c]) => [k, c.header]));
    expect(cols).toEqual({ costCentre: 'Ansvarsnummer', account: 'Kontonr', period: 'Månad', actual: 'Utfall kr', budget: 'Budget kr' });
    expect([...m!.columns.values()].every((c) => !c.check)).toBe(true);
  });

  it('reads year and month from two columns when "Månad" holds month numbers', async () => {
    const text = ['Ansvar;Konto;År;Månad;Belopp', '0101;3011;2024;7;-100,00', '0101;4011;2024;8;250,50'].join('\n');
    const [m] = recogniseGrid(await grid(csv('hb.csv', text)));
    expect(m!.role.id).toBe('ledger');
    expect(m!.columns.get('year')?.header).toBe('År');
    expect(m!.columns.get('month')?.header).toBe('Månad');
    expect(m!.columns.has('period')).toBe(false);
    expect(m!.columns.get('actual')?.header).toBe('Belopp');
  });

  it('reads Raindance\'s year + period pair (Period holding 1–12) as year and month', async () => {
    const text = ['Ansvar;Konto;År;Period;Utfall', '0101;3011;2024;7;-100,00', '0101;4011;2024;8;250,50'].join('\n');
    const [m] = recogniseGrid(await grid(csv('hb.csv', text)));
    expect(m!.columns.get('year')?.header).toBe('År');
    expect(m!.columns.get('month')?.header).toBe('Period');
    expect(m!.columns.has('period')).toBe(false);
  });

  it('finds a period column from its data, and marks a header it only resembles for checking', async () => {
    const text = ['Ansvar;Konto;Bokf.mån;Utfall hittills i år', '0101;3011;202407;-100,00', '0101;4011;202408;250,50'].join('\n');
    const [m] = recogniseGrid(await grid(csv('hb.csv', text)));
    expect(m!.role.id).toBe('ledger');
    expect(m!.columns.get('period')).toMatchObject({ header: 'Bokf.mån', basis: 'data', check: false });
    expect(m!.columns.get('actual')).toMatchObject({ header: 'Utfall hittills i år', check: true });
  });

  it('finds the organisation levels lowest first and takes a column with one name as the root', async () => {
    const f = await inspectExports([csv('org.csv', ORG), csv('kontogrupper.csv', GROUPS)]);
    expect(f.sources.organisation?.grid.file).toBe('org.csv');
    expect(f.levels?.levels).toEqual(['Delområde', 'Förvaltning', 'Nämnd', 'Område']);
    expect(f.levels?.rootName).toBe('Region Norr');
    expect(f.settings).toMatchObject({ organisationName: 'Region Norr', rootUnit: 'Region Norr', unitLevels: ['root', 'Område', 'Nämnd', 'Förvaltning'] });
    expect(f.settings.sections).toEqual([
      { name: 'Verksamhetens intäkter', kind: 'income' },
      { name: 'Verksamhetens kostnader', kind: 'cost' },
    ]);
  });

  it('lists a text column that names no known kind of level for checking', async () => {
    const lines = ORG.split('\r\n').map((l, i) => `${l};${i === 0 ? 'Ansvarig chef' : i < 4 ? 'Chef A' : 'Chef B'}`);
    const f = await inspectExports([csv('org.csv', lines.join('\r\n'))]);
    expect(f.levels?.levels).toContain('Ansvarig chef');
    expect(f.diagnostics.map((d) => d.message).join('\n')).toMatch(/Kontrollera sources\.organisation\.columns\.levels: kolumnerna "Ansvarig chef"/);
  });

  it('warns when a level name belongs to two parents', async () => {
    const bad = ORG.replace('0204;Kirurgen;Kirurgi;Sjukhuset;HSN', '0204;Kirurgen;Kirurgi;Sjukhuset;Regionstyrelsen');
    const f = await inspectExports([csv('org.csv', bad)]);
    expect(f.diagnostics.map((d) => d.code)).toContain('setup.levels-not-nested');
  });

  it('lists what it cannot place, what is missing and what it guessed', async () => {
    const f = await inspectExports([csv('org.csv', ORG), csv('lista.csv', 'Vem;Vad\nAnna;Möte\n')]);
    const codes = f.diagnostics.map((d) => `${d.code} ${d.severity}`);
    expect(codes).toContain('setup.file-unplaced warning');
    expect(f.diagnostics.filter((d) => d.code === 'setup.role-missing').map((d) => d.message).join(' ')).toMatch(/huvudbok.*kontogruppering/);
    expect(codes).toContain('setup.role-absent info');
  });

  it('decides the ledger sign and unit from the data', async () => {
    const report = ['Ansvar;Konto;Period;Utfall tkr', '0101;3011;202408;120', '0101;4011;202408;-80'].join('\n');
    const f = await inspectExports([csv('hb.csv', report), csv('kontogrupper.csv', GROUPS)]);
    expect(f.settings.ledger).toEqual({ sign: 'report', unit: 'tkr' });
    const ledger = ['Ansvar;Konto;Period;Utfall', '0101;3011;202408;-120,50', '0101;4011;202408;80,25'].join('\n');
    const g = await inspectExports([csv('hb.csv', ledger), csv('kontogrupper.csv', GROUPS)]);
    expect(g.settings.ledger).toEqual({ sign: 'ledger', unit: 'kr' });
    expect(g.diagnostics.filter((d) => d.message.includes('sources.ledger'))).toEqual([]);
  });

  it('never repeats a cell of an HR extract it could not read', async () => {
    const hr = 'Personnummer;Namn;Ansvar;Period;Anställningsform;Schemalagd tid;Arbetad tid\n19610205-3784;Agneta "Agge" Danielsson;0101;202408;Tillsvidare;160,00;160,00\n';
    const f = await inspectExports([csv('anstallningar.csv', hr)]);
    const text = JSON.stringify(f.diagnostics);
    expect(text).not.toContain('Agneta');
    expect(text).not.toContain('19610205');
    expect(f.diagnostics.map((d) => d.code)).toContain('setup.read-problems');
  });
});

describe('writing the configuration', () => {
  it('quotes a scalar only when a plain one could be misread', () => {
    expect(yamlScalar('Konto (T)')).toBe('Konto (T)');
    expect(yamlScalar('Fr.o.m.')).toBe('Fr.o.m.');
    expect(yamlScalar('2024')).toBe('"2024"');
    expect(yamlScalar('Nej')).toBe('Nej');
    expect(yamlScalar('no')).toBe('"no"');
    expect(yamlScalar('Rad: 1')).toBe('"Rad: 1"');
    expect(yamlScalar('Berört reglemente, policy')).toBe('"Berört reglemente, policy"');
    expect(yamlScalar('# x')).toBe('"# x"');
  });

  it('writes a configuration the schema accepts, with the region\'s own names', async () => {
    const ledger = ['Ansvar;Konto;År;Månad;Utfall;Budget', '0101;3011;2024;7;-100,00;-90,00', '0201;4011;2024;8;250,50;'].join('\n');
    const f = await inspectExports([csv('data/hb.csv', ledger, { cp1252: true }), csv('data/org.csv', ORG, { bom: true }), csv('data/grupper.csv', GROUPS)]);
    const text = renderConfig(f, 'data');
    const parsed = validateConfig(parseDocument(text).toJS(), 'rapport.config.yaml');
    expect(parsed.ok, text).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.sources.ledger.columns).toMatchObject({ period: '', year: 'År', month: 'Månad', actual: 'Utfall', budget: 'Budget', forecast: '' });
    expect(parsed.config.sources.ledger).toMatchObject({ file: 'data/hb.csv', format: 'csv', encoding: 'windows-1252', delimiter: ';' });
    expect(parsed.config.sources.organisation).toMatchObject({ encoding: 'utf-8' });
    expect(parsed.config.sources.organisation.columns.levels).toEqual(['Delområde', 'Förvaltning', 'Nämnd', 'Område']);
    expect(parsed.config.organisation.unit).toBe('Region Norr');
    expect(text).toMatch(/costCentre: Ansvar +# ansvar \(kod\); inledande nollor behålls/);
    expect(parsed.config.sources.investments).toBeUndefined();
    expect(text).toContain('# Konfiguration för rapport');
  });
});
