/**
 * Issue 11's "done when": `rapport init --from` on a folder of differently shaped exports, then `rapport generate`
 * with no hand edits. The folder is built here from the example region's data:
 *
 * - the ledger as an .xlsx workbook with a title row and renamed headers ("Ansvarsnummer", "Kontonr", "Månad" holding
 *   2024-08, "Utfall kr", "Budget kr");
 * - the organisation with a fourth level above Nämnd ("Område"), UTF-8 with BOM and renamed name column;
 * - the account grouping in UTF-8 with BOM and a title line above the header;
 * - investments in UTF-8 without BOM; forecasts, HR extracts and goal exports as the example has them;
 * - one file that is no export rapport knows.
 *
 * The root's resultaträkning must equal the example region's with its own configuration.
 */
import { describe, expect, it, vi, afterEach } from 'vitest';
import { copyFile, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { parseDocument } from 'yaml';
import { main } from '../../src/cli/main.js';
import { validateConfig } from '../../src/config/load-config.js';
import { exampleModels } from '../helpers/example-models.js';

const EXAMPLE = path.resolve('fixtures/region-exempel');

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(['node', 'rapport', ...args]);
    return { code, out, err };
  } finally {
    process.chdir(before);
    o.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

async function exampleLines(file: string): Promise<string[][]> {
  const text = iconv.decode(await readFile(path.join(EXAMPLE, file)), 'windows-1252');
  return text.split(/\r?\n/).filter((l) => l !== '').map((l) => l.split(';'));
}

const BOM = '\ufeff';
const utf8 = (rows: readonly (readonly string[])[], bom: boolean, title?: string): string =>
  (bom ? BOM : '') + (title ? `${title}\r\n\r\n` : '') + rows.map((r) => r.join(';')).join('\r\n') + '\r\n';

/** The ledger as a workbook: a title row, renamed headers, the period as 2024-08 text, amounts as numbers. */
async function writeLedgerXlsx(target: string): Promise<void> {
  const [header, ...rows] = await exampleLines('raindance-saldo.csv');
  expect(header).toEqual(['Ansvar', 'Ansvar (T)', 'Verksamhet', 'Konto', 'Konto (T)', 'Period', 'Utfall', 'Budget']);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Saldo');
  ws.addRow(['Saldolista Raindance, Region Exempel']);
  ws.addRow(['Ansvarsnummer', 'Ansvarsnamn', 'Verksamhet', 'Kontonr', 'Kontobenämning', 'Månad', 'Utfall kr', 'Budget kr']);
  const num = (s: string): number | null => (s === '' ? null : Number(s.replace(',', '.')));
  for (const r of rows) {
    const p = r[5]!;
    // 2023 and 2024 only: with 2022 (there for the rolling 12 months) the sheet would pass the workbook's safety
    // limit of 500 000 cells, which this test does not exercise.
    if (p.startsWith('2022')) continue;
    ws.addRow([Number(r[0]), r[1], r[2], Number(r[3]), r[4], `${p.slice(0, 4)}-${p.slice(4)}`, num(r[6]!), num(r[7]!)]);
  }
  await wb.xlsx.writeFile(target);
}

/** Område above Nämnd: hälso- och sjukvård on its own, the other nämnder together. */
async function writeOrganisation(target: string): Promise<void> {
  const [header, ...rows] = await exampleLines('organisation.csv');
  expect(header).toEqual(['Ansvar', 'Ansvar (T)', 'Delområde', 'Förvaltning', 'Nämnd']);
  const area = (namnd: string): string => (namnd === 'Hälso- och sjukvårdsnämnden' ? 'Hälso- och sjukvård' : 'Regiongemensamt');
  const out = [['Ansvar', 'Ansvarsnamn', 'Delområde', 'Förvaltning', 'Nämnd', 'Område'], ...rows.map((r) => [...r, area(r[4]!)])];
  await writeFile(target, utf8(out, true));
}

async function buildFolder(): Promise<string> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'rapport-init-from-'));
  const exports = path.join(work, 'exporter');
  await mkdir(path.join(exports, 'heroma'), { recursive: true });
  await mkdir(path.join(exports, 'mal'), { recursive: true });
  await writeLedgerXlsx(path.join(exports, 'huvudbok.xlsx'));
  await writeOrganisation(path.join(exports, 'organisation.csv'));
  await writeFile(path.join(exports, 'kontogrupper.csv'), utf8(await exampleLines('kontogrupper.csv'), true, 'Kontogruppering för resultaträkningen 2024'));
  await writeFile(path.join(exports, 'investeringar.csv'), utf8(await exampleLines('investeringar.csv'), false));
  await copyFile(path.join(EXAMPLE, 'prognoser.csv'), path.join(exports, 'prognoser.csv'));
  for (const f of await readdir(path.join(EXAMPLE, 'heroma'))) {
    if (f.endsWith('.csv')) await copyFile(path.join(EXAMPLE, 'heroma', f), path.join(exports, 'heroma', f));
  }
  for (const f of ['mal.xlsx', 'indikatorer-2024-04.csv']) await copyFile(path.join(EXAMPLE, 'mal', f), path.join(exports, 'mal', f));
  await writeFile(path.join(exports, 'anteckningar.csv'), 'Datum;Vem;Vad\r\n2024-09-02;Ekonomistaben;Bokslutsmöte\r\n');
  return work;
}

/** The first table with this id anywhere in a report document. */
function findTable(node: unknown, id: string): { rows: Array<{ cells: unknown[]; emphasis?: string }> } | null {
  if (node === null || typeof node !== 'object') return null;
  const o = node as Record<string, unknown>;
  if (o.type === 'table' && o.id === id) return o as never;
  for (const v of Object.values(o)) {
    const t = findTable(v, id);
    if (t) return t;
  }
  return null;
}

/** The resultaträkning's total row: the net cost (utfall, budget, avvikelse, förändring, prognos). */
function netCostRow(table: { rows: Array<{ cells: unknown[]; emphasis?: string }> } | null): unknown[] {
  const row = table?.rows.find((r) => r.emphasis === 'total');
  expect(row, 'the resultaträkning has a net cost row').toBeDefined();
  expect(JSON.stringify(row!.cells)).toMatch(/"ore":-\d{10,}/);
  return row!.cells;
}

describe('rapport init --from', () => {
  it('configures a folder of differently shaped exports so that generate succeeds with no hand edits', async () => {
    const work = await buildFolder();

    const init = await run(['init', '--from', 'exporter'], work);
    expect(init.err).toContain('Skrev rapport.config.yaml');
    expect(init.code, init.err).toBe(0);
    // What was recognised, in the region's own words.
    expect(init.err).toMatch(/exporter\/huvudbok\.xlsx, blad Saldo → huvudbok/);
    expect(init.err).toContain('Ansvarsnummer → ansvar (kod)');
    expect(init.err).toContain('Månad → period (år och månad)');
    expect(init.err).toContain('Utfall kr → utfall');
    expect(init.err).toContain('Organisationens nivåer, lägst först: Delområde, Förvaltning, Nämnd, Område.');
    // What is left to decide: the unknown file, the root's name.
    expect(init.err).toMatch(/exporter\/anteckningar\.csv: Filen kunde inte placeras/);
    expect(init.err).toContain('Kontrollera organisation.name');
    expect(init.err).toContain('Alla källor är lästa och kontrollerade utan fel.');

    const text = await readFile(path.join(work, 'rapport.config.yaml'), 'utf8');
    const parsed = validateConfig(parseDocument(text).toJS(), 'rapport.config.yaml');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const c = parsed.config;
    expect(c.sources.ledger).toMatchObject({ file: 'exporter/huvudbok.xlsx', format: 'xlsx', sheet: 'Saldo', sign: 'ledger', unit: 'kr' });
    expect(c.sources.ledger.columns).toMatchObject({ costCentre: 'Ansvarsnummer', account: 'Kontonr', period: 'Månad', actual: 'Utfall kr', budget: 'Budget kr', forecast: '' });
    expect(c.sources.organisation).toMatchObject({ encoding: 'utf-8', columns: { costCentre: 'Ansvar', name: 'Ansvarsnamn', levels: ['Delområde', 'Förvaltning', 'Nämnd', 'Område'] } });
    expect(c.sources.accountGroups).toMatchObject({ file: 'exporter/kontogrupper.csv', encoding: 'utf-8', delimiter: ';' });
    expect(c.sources.forecasts).toMatchObject({ encoding: 'windows-1252', sign: 'report', unit: 'kr' });
    expect(c.sources.investments?.columns.costCentre).toBe('Ansvar');
    expect(c.report.unitLevels).toEqual(['root', 'Område', 'Nämnd', 'Förvaltning']);
    expect(c.output.formats).toEqual(expect.arrayContaining(['docx', 'xlsx']));
    expect(c.goals?.sources.previousIndicators?.file).toBe('exporter/mal/indikatorer-2024-04.csv');
    expect(c.personnel?.sources.absence.sickTypes).toEqual(['Sjuk']);
    expect(c.personnel?.staff.forms.map((f) => [f.label, f.codes])).toEqual([
      ['Tillsvidareanställda', ['Tillsvidare']],
      ['Visstidsanställda', ['Visstid']],
      ['Timavlönade', ['Timavlönad']],
    ]);
    expect(c.personnel?.turnover.reasons.external).toContain('Anställningstiden utgår');
    expect(init.err).toContain('Kontrollera personnel.turnover.reasons');
    // Every setting has a Swedish comment.
    for (const line of text.split('\n')) {
      if (/^\s*(- )?[a-zA-Z]+:\s*\S/.test(line)) expect(line, 'a setting without a comment').toMatch(/ # \S/);
    }

    const gen = await run(['generate', '--period', '2024-08'], work);
    expect(gen.code, gen.err).toBe(0);
    const written = await readdir(path.join(work, 'rapporter'));
    for (const id of ['regionen', 'halso-och-sjukvard', 'regiongemensamt', 'halso-och-sjukvardsnamnden', 'lanssjukhuset']) {
      expect(written).toContain(`${id}-2024-08.docx`);
      expect(written).toContain(`${id}-2024-08.xlsx`);
    }

    // The root's net cost equals the example region's with its own configuration, to the öre.
    const root = JSON.parse(await readFile(path.join(work, 'rapporter', 'regionen-2024-08.json'), 'utf8'));
    const example = (await exampleModels())[0]!;
    const ours = netCostRow(findTable(root, 'resultat'));
    const theirs = netCostRow(findTable(JSON.parse(JSON.stringify(example)), 'resultat'));
    expect(ours).toEqual(theirs);
  });

  it('refuses a missing or empty folder and an existing configuration, writing nothing', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'rapport-init-from-'));
    const missing = await run(['init', '--from', 'finns-inte'], work);
    expect(missing.code).toBe(66);
    expect(missing.err).toContain('Mappen finns-inte finns inte');
    await mkdir(path.join(work, 'tom'));
    const empty = await run(['init', '--from', 'tom'], work);
    expect(empty.code).toBe(66);
    expect(empty.err).toContain('innehåller inga exporter');
    await expect(readFile(path.join(work, 'rapport.config.yaml'))).rejects.toThrow();
    await writeFile(path.join(work, 'rapport.config.yaml'), 'min egen\n');
    await writeFile(path.join(work, 'tom', 'x.csv'), 'A;B\n1;2\n');
    const exists = await run(['init', '--from', 'tom'], work);
    expect(exists.code).toBe(73);
    expect(exists.err).toContain('finns redan');
    expect(await readFile(path.join(work, 'rapport.config.yaml'), 'utf8')).toBe('min egen\n');
  });

  it('gives one JSON document on stdout with --json, and a non-zero exit when a required export is missing', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'rapport-init-from-'));
    await mkdir(path.join(work, 'ut'));
    await copyFile(path.join(EXAMPLE, 'organisation.csv'), path.join(work, 'ut', 'organisation.csv'));
    await copyFile(path.join(EXAMPLE, 'kontogrupper.csv'), path.join(work, 'ut', 'kontogrupper.csv'));
    const r = await run(['init', '--from', 'ut', '--json'], work);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ command: 'init', status: 'error', files: ['rapport.config.yaml'], levels: ['Delområde', 'Förvaltning', 'Nämnd'] });
    expect(r.code).toBe(66);
    expect(doc.exitCode).toBe(66);
    expect(doc.recognised.map((f: { file: string; role: string }) => `${f.file} ${f.role}`)).toEqual(['ut/kontogrupper.csv accountGroups', 'ut/organisation.csv organisation']);
    const codes = doc.diagnostics.map((d: { code: string }) => d.code);
    expect(codes).toContain('setup.role-missing');
    expect(codes).toContain('io.file-not-found');
  });
});
