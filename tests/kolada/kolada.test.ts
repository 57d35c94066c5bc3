/**
 * The Kolada comparison (issue 15 item 5): the downloaded file read in both shapes (the API's JSON and a CSV), the
 * configured key ratios and regions checked against it, and the table in every format — Markdown, the JSON document,
 * and the Excel and Word files read back. Expected values are the file's own values (hand-copied from
 * fixtures/region-exempel/kolada/kolada-exempel.json), rounded half away from zero to the configured decimals.
 */
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { koladaConfigSchema, type KoladaConfig } from '../../src/config/kolada-schema.js';
import { readKolada } from '../../src/sources/read-kolada.js';
import { compareKolada } from '../../src/calc/kolada.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import type { ReportModel, Section, Table } from '../../src/report/model.js';
import { exampleModels } from '../helpers/example-models.js';
import { parseMarkdownTables, plainCell } from '../helpers/markdown-tables.js';
import { openPackage } from '../render-docx/ooxml.js';
import { runCli } from '../helpers/run-cli.js';

const FIXTURE = 'fixtures/region-exempel/kolada';
const enc = new TextEncoder();

const BASE = {
  file: 'kolada.json',
  region: '0099',
  compare: ['0022', '0023', '0024', '0025'],
  average: '0000',
  names: { '0099': 'Region Exempel', '0022': 'Region Västernorrland', '0023': 'Region Jämtland Härjedalen', '0024': 'Region Västerbotten', '0025': 'Region Norrbotten' },
  kpis: [
    { id: 'N99901', label: 'Nettokostnad hälso- och sjukvård', unit: 'kr/inv' },
    { id: 'N99902', label: 'Nettokostnad kollektivtrafik', unit: 'kr/inv' },
    { id: 'N99903', label: 'Sjukfrånvaro bland anställda', unit: '%', decimals: 1 },
    { id: 'N99904', label: 'Inhyrd personal i andel av personalkostnaden', unit: '%', decimals: 1 },
  ],
};

function config(over: Record<string, unknown> = {}): KoladaConfig {
  return koladaConfigSchema.parse({ ...BASE, ...over });
}

async function read(name: string, bytes: Uint8Array | string, cfg: KoladaConfig = config()) {
  return readKolada({ displayName: name, bytes: typeof bytes === 'string' ? enc.encode(bytes) : bytes }, cfg);
}

const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error');

/** The values of the fixture, 2023, T, in the order own, 0022, 0023, 0024, 0025, Riket (copied from the JSON file). */
const EXPECTED_2023 = {
  N99901: [28950, 30412, 31876, 30155, 32240, 29503],
  N99902: [1480, 1125, 1320, 1210, 1389, 1602],
  N99903: [6.4, 6.9, 7.2, 6.1, 7.5, 6.8],
  // 0023 has "value": null in 2023: blank, not 0.
  N99904: [2.85, 4.3, null, 3.1, 6.2, 2.4],
};

describe('reading the bundled sample', () => {
  it('JSON as the API returns it: every value, the null kept as null', async () => {
    const r = await read('kolada-exempel.json', await readFile(path.join(FIXTURE, 'kolada-exempel.json')));
    expect(errors(r.diagnostics)).toEqual([]);
    // 4 KPIs × 6 regions × 2 years = 48 posts with T, plus K and M for N99903 in 2023 (6 × 2 = 12): 60 values.
    expect(r.value.values).toHaveLength(60);
    const v = r.value.values.find((x) => x.kpi === 'N99904' && x.region === '0023' && x.year === 2023 && x.gender === 'T');
    expect(v?.value).toBeNull();
    expect(v?.location.file).toBe('kolada-exempel.json');
    expect(v?.location.row).toBeGreaterThan(1);
  });

  it('the CSV holds the same values and names as the JSON and gives the same comparison', async () => {
    const json = await read('kolada-exempel.json', await readFile(path.join(FIXTURE, 'kolada-exempel.json')));
    const csv = await read('kolada-exempel.csv', await readFile(path.join(FIXTURE, 'kolada-exempel.csv')), config({ columns: { name: 'municipality_title' }, names: {} }));
    expect(errors(csv.diagnostics)).toEqual([]);
    const key = (x: { kpi: string; region: string; year: number; gender: string; value: number | null }) => `${x.kpi} ${x.region} ${x.year} ${x.gender} ${x.value}`;
    expect(csv.value.values.map(key).sort()).toEqual(json.value.values.map(key).sort());
    expect(csv.value.names.get('0023')).toBe('Region Jämtland Härjedalen');
    const a = compareKolada(json.value, config(), 2024).comparison!;
    const b = compareKolada(csv.value, config({ names: {} , columns: { name: 'municipality_title' } }), 2024).comparison!;
    expect(b.regions).toEqual(a.regions);
    expect(b.rows.map((r) => [r.kpi.id, r.year, r.values])).toEqual(a.rows.map((r) => [r.kpi.id, r.year, r.values]));
  });
});

describe('compareKolada', () => {
  it('picks the latest year with a value for the own region, not after the report year', async () => {
    const data = (await read('k.json', await readFile(path.join(FIXTURE, 'kolada-exempel.json')))).value;
    const c = compareKolada(data, config(), 2024);
    expect(c.diagnostics).toEqual([]);
    expect(c.comparison!.regions.map((r) => `${r.id} ${r.name} ${r.role}`)).toEqual([
      '0099 Region Exempel own', '0022 Region Västernorrland compare', '0023 Region Jämtland Härjedalen compare',
      '0024 Region Västerbotten compare', '0025 Region Norrbotten compare', '0000 Riket average',
    ]);
    for (const row of c.comparison!.rows) {
      expect(row.year).toBe(2023);
      expect(row.values).toEqual(EXPECTED_2023[row.kpi.id as keyof typeof EXPECTED_2023]);
    }
    // Report year 2022: the 2023 values are after it, so 2022 (N99901 own 2022 = 27310, Riket 27815).
    const c22 = compareKolada(data, config(), 2022);
    expect(c22.comparison!.rows[0]!.year).toBe(2022);
    expect(c22.comparison!.rows[0]!.values).toEqual([27310, 28744, 30021, 28603, 30388, 27815]);
    // A configured year wins; gender K picks the women's values (N99903 2023, K: own 7.5, Riket 7.9).
    const k = compareKolada(data, config({ year: 2023, gender: 'K', kpis: [BASE.kpis[2]] }), 2024);
    expect(k.comparison!.rows[0]!.values).toEqual([7.5, 8.1, 8.4, 7.2, 8.8, 7.9]);
  });

  it('a KPI or region id the file lacks is an error with the nearest id the file has', async () => {
    const data = (await read('k.json', await readFile(path.join(FIXTURE, 'kolada-exempel.json')))).value;
    const c = compareKolada(data, config({ kpis: [{ id: 'N99910', label: 'X', unit: '%' }], compare: ['0205'] }), 2024, 'rapport.config.yaml');
    expect(c.comparison).toBeNull();
    const kpi = c.diagnostics.find((d) => d.code === 'kolada.unknown-kpi')!;
    expect(kpi.message).toContain('N99910');
    expect(kpi.message).toContain('Menade du "N99901"?');
    expect(kpi.location).toEqual({ file: 'rapport.config.yaml' });
    const region = c.diagnostics.find((d) => d.code === 'kolada.unknown-region')!;
    expect(region.message).toContain('Regionen 0205 (kolada.compare) finns inte i k.json. Menade du "0025"? Regioner i filen: 0000, 0022, 0023, 0024, 0025, 0099.');
    // A name for a region that is not compared: nearest compared id.
    const n = compareKolada(data, config({ names: { ...BASE.names, '0205': 'Region X' } }), 2024);
    expect(n.diagnostics.map((d) => d.code)).toEqual(['kolada.unknown-name']);
    expect(n.diagnostics[0]!.message).toContain('Menade du "0025"?');
  });

  it('a region without a name is an error; Riket gets its name; Riket without values is left out', async () => {
    const data = (await read('k.json', await readFile(path.join(FIXTURE, 'kolada-exempel.json')))).value;
    const noName = compareKolada(data, config({ names: { '0099': 'Region Exempel' } }), 2024);
    expect(noName.diagnostics.filter((d) => d.code === 'kolada.no-name').map((d) => d.value)).toEqual(['0022', '0023', '0024', '0025']);
    const noRiket = { ...data, values: data.values.filter((v) => v.region !== '0000') };
    const c = compareKolada(noRiket, config(), 2024);
    expect(errors(c.diagnostics)).toEqual([]);
    expect(c.comparison!.regions.map((r) => r.id)).toEqual(['0099', '0022', '0023', '0024', '0025']);
    expect(c.comparison!.rows[0]!.values).toEqual([28950, 30412, 31876, 30155, 32240]);
  });

  it('a key ratio without values up to the report year is a warning and a blank row, not zeros', async () => {
    const data = (await read('k.json', await readFile(path.join(FIXTURE, 'kolada-exempel.json')))).value;
    const c = compareKolada(data, config(), 2021);
    expect(c.diagnostics.map((d) => d.code)).toEqual(['kolada.no-values', 'kolada.no-values', 'kolada.no-values', 'kolada.no-values']);
    expect(c.comparison!.rows[0]).toMatchObject({ year: null, values: [null, null, null, null, null] });
  });
});

describe('bad Kolada files: Swedish errors naming file, line, field or column, and value', () => {
  const post = (value: string, period = '2023') => `{"kpi": "N99901", "municipality": "0099", "period": ${period}, "values": [\n  {"gender": "T", "value": ${value}}\n]}`;

  it('malformed JSON: line and character', async () => {
    // Line 2 is '  {"kpi": "N99901" "municipality"…': the comma is missing before character 20 (2 spaces, the 16 characters of {"kpi": "N99901" and a space).
    const r = await read('k.json', '{"values": [\n  {"kpi": "N99901" "municipality": "0099"}\n]}');
    const d = errors(r.diagnostics)[0]!;
    expect(d.code).toBe('kolada.json-syntax');
    expect(d.location).toEqual({ file: 'k.json', row: 2 });
    expect(d.message).toContain('rad 2, tecken 20');
    expect(d.message).toContain('väntade "," eller "}"');
  });

  it('JSON without Kolada\'s shape', async () => {
    const r = await read('k.json', '{"data": []}');
    expect(errors(r.diagnostics).map((d) => d.code)).toEqual(['kolada.json-shape']);
    expect(r.diagnostics[0]!.message).toContain('listan "values" saknas');
  });

  it('a value that is not a number (a string with a decimal comma): the line, the field and the value', async () => {
    const r = await read('k.json', `{"values": [\n${post('"12,5"')}\n]}`);
    const d = errors(r.diagnostics)[0]!;
    expect(d.code).toBe('kolada.value');
    expect(d.location).toEqual({ file: 'k.json', row: 3, column: 'value' });
    expect(d.value).toBe('"12,5"');
    expect(d.message).toContain('N99901, region 0099, år 2023 är inte ett tal');
  });

  it('a missing field, a period that is no year, an unknown gender, a post given twice', async () => {
    const r = await read('k.json', `{"values": [\n{"kpi": "N99901", "period": 2023, "values": []},\n${post('1', '"23"')},\n{"kpi": "N99901", "municipality": "0099", "period": 2023, "values": [{"gender": "X", "value": 1}]},\n${post('1')},\n${post('2')}\n]}`);
    const ds = errors(r.diagnostics);
    expect(ds.map((d) => d.code)).toEqual(['kolada.json-field', 'kolada.period', 'kolada.gender', 'kolada.duplicate']);
    expect(ds[0]!.message).toContain('values[0].municipality');
    expect(ds[0]!.location?.row).toBe(2);
    expect(ds[1]!.value).toBe('"23"');
    expect(ds[2]!.value).toBe('"X"');
    expect(ds[3]!.message).toContain('första gången på rad 8');
    expect(ds[3]!.location?.row).toBe(11);
  });

  it('a page of a longer answer is a warning', async () => {
    const r = await read('k.json', `{"values": [${post('1')}], "next_page": "http://api.kolada.se/v2/data/kpi/N99901?page=2"}`);
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['kolada.paged', 'warning']]);
  });

  it('CSV with wrong columns: the missing column and the headers found', async () => {
    const r = await read('k.csv', 'kpi;region;period;gender;value\nN99901;0099;2023;T;1\n');
    const d = errors(r.diagnostics)[0]!;
    expect(d.code).toBe('table.missing-columns');
    expect(d.message).toContain('municipality');
  });

  it('CSV with a non-numeric value: row, column and value; an empty value is blank; decimal comma and spaces read', async () => {
    const r = await read('k.csv', 'kpi;municipality;period;gender;value\r\nN99901;0099;2023;T;28 950,5\r\nN99901;0022;2023;T;\r\nN99901;0023;2023;T;12x\r\n');
    const ds = errors(r.diagnostics);
    expect(ds.map((d) => [d.code, d.location?.row, d.location?.column, d.value])).toEqual([['kolada.value', 4, 'value', '12x']]);
    expect(r.value.values.map((v) => [v.region, v.value])).toEqual([['0099', 28950.5], ['0022', null]]);
  });
});

// --- the table in every format, through the command line, for a tiny region ----------------------------------

async function tinyRegion(kolada: string, koladaFile = 'kolada.json', content?: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport kolada å-'));
  await writeFile(path.join(dir, 'organisation.csv'), 'Ansvar;Ansvar (T);Område\n1001;Vårdcentral Norr;Primärvård\n');
  await writeFile(path.join(dir, 'kontogrupper.csv'), 'Konto;Konto (T);Rad;Avsnitt\n3011;Patientavgifter;Patientavgifter;Verksamhetens intäkter\n4011;Löner;Personal;Verksamhetens kostnader\n');
  await writeFile(path.join(dir, 'huvudbok.csv'), 'Ansvar;Ansvar (T);Konto;Konto (T);Period;Utfall;Budget\n1001;Vårdcentral Norr;3011;Patientavgifter;202401;-1000,00;-900,00\n1001;Vårdcentral Norr;4011;Löner;202401;5000,00;4800,00\n');
  await writeFile(path.join(dir, koladaFile), content ?? (await readFile(path.join(FIXTURE, 'kolada-exempel.json'))));
  await writeFile(path.join(dir, 'rapport.config.yaml'), `organisation: { name: Region Exempel, unit: Regionstyrelsen }
sources:
  ledger: { file: huvudbok.csv }
  organisation: { file: organisation.csv, columns: { levels: [Område] } }
  accountGroups: { file: kontogrupper.csv }
${kolada}`);
  return dir;
}

const KOLADA_YAML = `kolada:
  file: kolada.json
  region: "0099"
  compare: ["0022", "0023", "0024", "0025"]
  average: "0000"
  names: { "0099": Region Exempel, "0022": Region Västernorrland, "0023": Region Jämtland Härjedalen, "0024": Region Västerbotten, "0025": Region Norrbotten }
  kpis:
    - { id: N99901, label: Nettokostnad hälso- och sjukvård, unit: kr/inv }
    - { id: N99904, label: Inhyrd personal i andel av personalkostnaden, unit: "%", decimals: 1 }
  notes: ["Exempeldata."]
`;

/** The printed row of N99901 and N99904 (2023): labels, id, year, unit, then the six regions. 2.85 → 2,9 (half away from zero). */
const ROW_1 = ['Nettokostnad hälso- och sjukvård', 'N99901', '2023', 'kr/inv', '28 950', '30 412', '31 876', '30 155', '32 240', '29 503'];
const ROW_4 = ['Inhyrd personal i andel av personalkostnaden', 'N99904', '2023', '%', '2,9', '4,3', '', '3,1', '6,2', '2,4'];
const HEADER = ['Nyckeltal', 'Kolada-id', 'År', 'Enhet', 'Region Exempel', 'Region Västernorrland', 'Region Jämtland Härjedalen', 'Region Västerbotten', 'Region Norrbotten', 'Riket'];
const SOURCE_NOTE = 'Källa: Kolada (RKA), nyckeltal N99901 (2023), N99904 (2023), ur filen kolada.json.';

function findSection(sections: readonly Section[], id: string): Section | undefined {
  for (const s of sections) {
    if (s.id === id) return s;
    const f = findSection(s.sections, id);
    if (f) return f;
  }
  return undefined;
}

describe('the comparison table in every format', () => {
  it('md, json, xlsx and docx show the same figures; the JSON keeps the values exact and carries their provenance', async () => {
    const dir = await tinyRegion(KOLADA_YAML);
    const out = path.join(dir, 'ut');
    const r = await runCli(['generate', '--period', '2024-01', '--config', path.join(dir, 'rapport.config.yaml'), '--format', 'json,md,xlsx,docx', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const files = (await readdir(out)).filter((f) => f !== '.rapport').sort();
    expect(files).toEqual(['regionstyrelsen-2024-01.docx', 'regionstyrelsen-2024-01.json', 'regionstyrelsen-2024-01.md', 'regionstyrelsen-2024-01.xlsx']);

    // JSON: the section last, exact values, null for the missing one.
    const model = JSON.parse(await readFile(path.join(out, 'regionstyrelsen-2024-01.json'), 'utf8')) as ReportModel;
    const section = model.sections.at(-1)!;
    expect(section.title).toBe('Jämförelse med andra regioner');
    const table = section.blocks.find((b): b is Table => b.type === 'table')!;
    expect(table.id).toBe('kolada-jamforelse');
    expect(table.columns.map((c) => c.header)).toEqual(HEADER);
    expect(table.rows[1]!.cells.slice(4)).toEqual([2.85, 4.3, null, 3.1, 6.2, 2.4].map((value) => ({ kind: 'number', value, decimals: 1 })));
    expect(table.notes).toEqual([SOURCE_NOTE, 'Tom cell: Kolada har inget värde för regionen det året.', 'Exempeldata.']);
    // Provenance: the row names KPI and year, the column the region; merged per figure.
    expect(table.provenance!.rows[1]).toEqual({ formula: 'kolada.value', sources: ['kolada.json'], kpi: 'N99904', year: 2023 });
    expect(table.provenance!.columns[6]).toEqual({ region: '0023', gender: 'T' });
    expect(table.provenance!.columns.slice(0, 4)).toEqual([null, null, null, null]);

    // Markdown.
    const md = await readFile(path.join(out, 'regionstyrelsen-2024-01.md'), 'utf8');
    const mdTable = parseMarkdownTables(md).find((t) => t.header[0] === 'Nyckeltal')!;
    expect(mdTable.header).toEqual(HEADER);
    expect(mdTable.rows.map((row) => row.map(plainCell))).toEqual([ROW_1, ROW_4]);
    expect(md).toContain(SOURCE_NOTE);

    // Excel, read back: the sheet of the table, values as numbers, the missing one empty.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(path.join(out, 'regionstyrelsen-2024-01.xlsx'))) as unknown as ExcelJS.Buffer);
    let found: ExcelJS.Row | undefined;
    let sheet: ExcelJS.Worksheet | undefined;
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => {
        if (row.getCell(1).value === 'Inhyrd personal i andel av personalkostnaden') {
          found = row;
          sheet = ws;
        }
      });
    }
    expect(found, 'xlsx row').toBeDefined();
    expect([1, 2, 3, 4].map((i) => found!.getCell(i).value)).toEqual(['Inhyrd personal i andel av personalkostnaden', 'N99904', '2023', '%']);
    expect([5, 6, 7, 8, 9, 10].map((i) => found!.getCell(i).value ?? null)).toEqual([2.85, 4.3, null, 3.1, 6.2, 2.4]);
    expect(found!.getCell(5).numFmt).toContain('0.0');
    const texts: string[] = [];
    sheet!.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    expect(texts).toContain(SOURCE_NOTE);

    // Word, read back: the cells of the row in order, the note under the table.
    const xml = openPackage(await readFile(path.join(out, 'regionstyrelsen-2024-01.docx'))).text('word/document.xml');
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
    const norm = (s: string) => s.replace(/\u00a0/g, ' ');
    expect(rows.map((r) => r.map(norm))).toContainEqual(ROW_4);
    expect(rows.map((r) => r.map(norm))).toContainEqual(ROW_1);
    expect(xml).toContain(SOURCE_NOTE);
  });

  it('bad Kolada input stops generate (exit 65) with the file, line and value', async () => {
    const dir = await tinyRegion(KOLADA_YAML, 'kolada.json', '{"values": [\n{"kpi": "N99901", "municipality": "0099", "period": 2023, "values": [{"gender": "T", "value": "n/a"}]}\n]}');
    const r = await runCli(['generate', '--period', '2024-01', '--config', path.join(dir, 'rapport.config.yaml'), '--format', 'json', '--out', path.join(dir, 'ut'), '--json']);
    expect(r.code).toBe(65);
    const d = (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics.find((x) => x.code === 'kolada.value')!;
    expect(d.location).toEqual({ file: 'kolada.json', row: 2, column: 'value' });
    expect(d.value).toBe('"n/a"');
  });

  it('a misspelt KPI id stops the run with the nearest id', async () => {
    const dir = await tinyRegion(KOLADA_YAML.replace('id: N99904', 'id: N99940'));
    const r = await runCli(['validate', '--period', '2024-01', '--config', path.join(dir, 'rapport.config.yaml'), '--json']);
    expect(r.code).not.toBe(0);
    const d = (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics.find((x) => x.code === 'kolada.unknown-kpi')!;
    expect(d.message).toContain('Nyckeltalet N99940 (kolada.kpis) finns inte i kolada.json. Menade du "N99904"?');
  });
});

describe('the example region', () => {
  it('the root report ends with the comparison; no other unit has it', async () => {
    const [root, ...others] = await exampleModels();
    const s = findSection(root!.sections, 'jamforelse-kolada')!;
    expect(s.number).toBe(String(root!.sections.length));
    const t = s.blocks.find((b): b is Table => b.type === 'table')!;
    expect(t.rows.map((r) => r.cells.slice(4).map((c) => (c.kind === 'number' ? c.value : c.kind)))).toEqual(Object.values(EXPECTED_2023));
    expect(t.notes).toContain('Exempeldata: värdena och nyckeltalens id är påhittade och är inte hämtade från Kolada.');
    for (const m of others) expect(findSection(m.sections, 'jamforelse-kolada'), m.meta.unit).toBeUndefined();
  });
});
