/**
 * The bad-input catalogue (shared docs/bad-input.md) through the command line, for the cases tests/cli/bad-input.test.ts
 * does not run: one small fixture per case, generated here, in a tiny region (two ansvar, two accounts). Each case
 * runs `rapport validate --json` and asserts the exit code, the diagnostic's code and — for row-level findings — file,
 * sheet, row, column and raw value; each case that ends in an error also runs `rapport generate` and asserts the same
 * exit code and that the output folder was never created (nothing published). docs/bad-input.md of the project maps
 * every one of the 97 cases to its test.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { runCli } from '../helpers/run-cli.js';

const HEADER = 'Ansvar;Ansvar (T);Konto;Konto (T);Period;Utfall;Budget';
const GOOD = [
  '1001;Vårdcentral Norr;3011;Patientavgifter;202401;-1000,00;-900,00',
  '1001;Vårdcentral Norr;4011;Löner;202401;5000,00;4800,00',
  '1002;Vårdcentral Söder;4011;Löner;202401;3000,00;3100,00',
];
const csv = (lines: readonly string[], eol = '\r\n'): string => lines.join(eol) + eol;
/** The good file with `line` inserted as source line 3 (after the header and the first good line). */
const withLine = (line: string): string => csv([HEADER, GOOD[0]!, line, ...GOOD.slice(1)]);

interface Diag { code: string; severity: string; message: string; value?: string; location?: { file: string; sheet?: string; row?: number; column?: string } }

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A ledger sheet "Blad1" with the header on row 1 and the good rows as rows 2–4 (numbers as numbers). */
function ledgerSheet(wb: ExcelJS.Workbook, name = 'Blad1'): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.getRow(1).values = HEADER.split(';');
  GOOD.forEach((l, i) => {
    const f = l.split(';');
    ws.getRow(2 + i).values = [f[0]!, f[1]!, f[2]!, f[3]!, Number(f[4]), Number(f[5]!.replace(',', '.')), Number(f[6]!.replace(',', '.'))];
  });
  return ws;
}

interface Case {
  /** Catalogue number and what it is. */
  readonly id: string;
  readonly ledger: () => Promise<Uint8Array | string> | Uint8Array | string;
  /** The ledger's file name (huvudbok.csv unless xlsx). */
  readonly file?: string;
  /** Extra lines of the ledger source's config (4 spaces in). */
  readonly options?: string;
  readonly organisation?: string;
  readonly period?: string;
  readonly exit: number;
  /** The diagnostic expected: an error when exit ≠ 0, otherwise a warning or info. */
  readonly code?: string;
  readonly severity?: 'warning' | 'info';
  readonly at?: { readonly row?: number; readonly column?: string; readonly value?: string; readonly sheet?: string; readonly file?: string };
  /** Text the message must contain. */
  readonly says?: string;
}

const xlsx = (build: (wb: ExcelJS.Workbook) => void) => () => workbook(build);
const XLSX = { file: 'huvudbok.xlsx', options: '    format: xlsx\n' };

const cases: Case[] = [
  // A. Encoding and file type
  {
    id: 'A4 Windows-1252 € (0x80) and – (0x96) in names',
    ledger: () => iconv.encode(csv([HEADER, '1001;Vårdcentral Norr – €;3011;Patientavgifter;202401;-1000,00;', ...GOOD.slice(1)]), 'win1252'),
    exit: 0, code: 'io.decoded-windows-1252', severity: 'warning',
  },
  { id: 'A6 UTF-16LE with BOM, tab-separated', ledger: () => new Uint8Array([0xff, 0xfe, ...Buffer.from(csv([HEADER, ...GOOD]).replace(/;/g, '\t'), 'utf16le')]), exit: 0 },
  // B. CSV structure
  { id: 'B11 ,-separated detected from the header', ledger: () => csv([HEADER, ...GOOD].map((l) => l.split(';').map((f) => (f.includes(',') ? `"${f}"` : f)).join(','))), exit: 0 },
  {
    id: 'B14 unquoted decimal comma in a ,-file',
    ledger: () => csv([HEADER.replace(/;/g, ','), '1001,Vårdcentral Norr,4011,Löner,202401,5000,50,4800', '1002,Vårdcentral Söder,4011,Löner,202401,3000,3100']),
    exit: 65, code: 'table.row-too-long', at: { row: 2, column: 'Budget', value: '4800' },
  },
  {
    // The split value fills the empty budget field: 5000 and 50 would be read as utfall and budget.
    id: 'B14 unquoted decimal comma in a ,-file, budget empty',
    ledger: () => csv([HEADER.replace(/;/g, ','), '1001,Vårdcentral Norr,4011,Löner,202401,5000,50,', '1002,Vårdcentral Söder,4011,Löner,202401,3000,3100']),
    exit: 65, code: 'table.row-extra-empty-field', at: { row: 2, column: 'Budget', value: '1001,Vårdcentral Norr,4011,Löner,202401,5000,50,' },
  },
  { id: 'B14 an export that ends every line with the delimiter', ledger: () => csv([HEADER, ...GOOD].map((l, i) => (i === 0 ? l : l + ';'))), exit: 0 },
  {
    id: 'B15 quoted field with an embedded newline; the next record keeps its start line',
    ledger: () => csv([HEADER, '1001;"Vårdcentral\nNorr";3011;Patientavgifter;202401;-1000,00;', '1001;Vårdcentral Norr;4011;Löner;202401;1e3;']),
    exit: 65, code: 'amount.unparseable', at: { row: 4, column: 'Utfall', value: '1e3' },
  },
  { id: 'B20 trailing blank and whitespace-only lines', ledger: () => csv([HEADER, ...GOOD, '', '   ', '']), exit: 0, code: 'table.trailing-blank-lines', severity: 'info' },
  { id: 'B24 header __proto__', ledger: () => csv([HEADER + ';__proto__', ...GOOD.map((l) => l + ';x')]), exit: 65, code: 'table.forbidden-header' },
  { id: 'B24 header constructor', ledger: () => csv([HEADER + ';constructor', ...GOOD.map((l) => l + ';x')]), exit: 65, code: 'table.forbidden-header' },
  { id: 'B25 header with NBSP and trailing space', ledger: () => csv([HEADER.replace('Konto (T)', 'Konto\u00a0(T) '), ...GOOD]), exit: 0, code: 'table.header-normalised', severity: 'warning' },
  {
    id: 'B29 a record longer than max_record_size (runaway quote)',
    ledger: () => csv([HEADER, GOOD[0]!, `1001;"Vårdcentral Norr;4011;Löner;202401;1,00;`, ...Array.from({ length: 30000 }, (_, i) => `1001;Rad ${i} med text som aldrig tar slut;4011;Löner;202401;1,00;`)]),
    exit: 65, code: 'csv.max-record-size', at: { row: 3 },
  },
  {
    id: 'B31 cut at a line boundary after the last Summa row (control total missing)',
    ledger: () => csv([HEADER, GOOD[0]!, GOOD[1]!, 'Summa 1001;;;;;4000,00;3900,00', GOOD[2]!]),
    exit: 65, code: 'ledger.total-missing', at: { row: 5 },
  },
  // C. Amounts
  { id: 'C35 U+2212 minus', ledger: () => withLine('1002;Vårdcentral Söder;3011;Patientavgifter;202401;\u22121 234,50;'), exit: 0 },
  {
    id: 'C37 (1 234,50) without the profile',
    ledger: () => withLine('1002;Vårdcentral Söder;3011;Patientavgifter;202401;(1 234,50);'),
    exit: 65, code: 'amount.parentheses', at: { row: 3, column: 'Utfall', value: '(1 234,50)' },
  },
  { id: 'C37 (1 234,50) with parenthesesNegative', ledger: () => withLine('1002;Vårdcentral Söder;3011;Patientavgifter;202401;(1 234,50);'), options: '    amounts: { parenthesesNegative: true }\n', exit: 0 },
  // The ledger's amounts are optional (a key may have utfall and no budget): "-" and "–" are no value, counted.
  { id: 'C40 "-" in an optional amount', ledger: () => withLine('1002;Vårdcentral Söder;3011;Patientavgifter;202401;-;'), exit: 0, code: 'table.empty-amounts', severity: 'info', at: { column: 'Utfall' } },
  { id: 'C40 "–" in an optional amount', ledger: () => withLine('1002;Vårdcentral Söder;3011;Patientavgifter;202401;–;'), exit: 0, code: 'table.empty-amounts', severity: 'info', at: { column: 'Utfall' } },
  {
    id: 'C42 "1 234,50 kr" with stripCurrency: false',
    ledger: () => withLine('1002;Vårdcentral Söder;3011;Patientavgifter;202401;1 234,50 kr;'), options: '    amounts: { stripCurrency: false }\n',
    exit: 65, code: 'amount.currency', at: { row: 3, column: 'Utfall', value: '1 234,50 kr' },
  },
  { id: 'C42 "SEK 1 234,50" stripped by default', ledger: () => withLine('1002;Vårdcentral Söder;3011;Patientavgifter;202401;SEK 1 234,50;'), exit: 0, code: 'amount.currency-stripped', severity: 'warning', at: { row: 3, column: 'Utfall', value: 'SEK 1 234,50' } },
  {
    id: 'C42 EUR',
    ledger: () => withLine('1002;Vårdcentral Söder;3011;Patientavgifter;202401;EUR 1 234,50;'),
    exit: 65, code: 'amount.foreign-currency', at: { row: 3, column: 'Utfall', value: 'EUR 1 234,50' },
  },
  { id: "C44 leading apostrophe '1234", ledger: () => withLine("1002;Vårdcentral Söder;3011;Patientavgifter;202401;'1234;"), exit: 0, code: 'amount.apostrophe-stripped', severity: 'warning' },
  {
    id: 'C47 codes keep leading zeros: ansvar 01001 is not 1001',
    ledger: () => withLine('01001;Vårdcentral Norr;3011;Patientavgifter;202401;-1,00;'),
    exit: 65, code: 'org.unknown-cost-centre', at: { column: 'Ansvar', value: '01001' },
  },
  // D. Dates and periods
  { id: 'D52 period 2024-01', ledger: () => csv([HEADER, ...GOOD.map((l) => l.replace(';202401;', ';2024-01;'))]), exit: 0 },
  { id: 'D54 Swedish month names (jan-24)', ledger: () => csv([HEADER, ...GOOD.map((l) => l.replace(';202401;', ';jan-24;'))]), exit: 0 },
  { id: 'D54 Swedish month names (januari 2024)', ledger: () => csv([HEADER, ...GOOD.map((l) => l.replace(';202401;', ';januari 2024;'))]), exit: 0 },
  {
    id: 'D55 08/09/2024 without a format',
    ledger: () => csv([HEADER, ...GOOD.map((l) => l.replace(';202401;', ';08/09/2024;'))]),
    exit: 65, code: 'period.ambiguous', at: { row: 2, column: 'Period', value: '08/09/2024' },
  },
  {
    id: 'D56 2023-02-29',
    ledger: () => csv([HEADER, ...GOOD.map((l) => l.replace(';202401;', ';2024-01-31;')), '1002;Vårdcentral Söder;3011;Patientavgifter;2023-02-29;1,00;']),
    exit: 65, code: 'period.invalid', at: { row: 5, column: 'Period', value: '2023-02-29' },
  },
  {
    id: 'D57 periods outside the report year and the year before',
    ledger: () => csv([HEADER, ...GOOD, '1002;Vårdcentral Söder;4011;Löner;201901;1,00;', '1002;Vårdcentral Söder;4011;Löner;209901;1,00;']),
    exit: 65, code: 'reconcile.periods-outside', says: '2019-01, 2099-01',
  },
  {
    id: 'D58 a whole-year row among months',
    ledger: () => withLine('1002;Vårdcentral Söder;3011;Patientavgifter;2024;1,00;'),
    exit: 65, code: 'period.not-a-month', at: { row: 3, column: 'Period', value: '2024' },
  },
  // D (xlsx) and E. Excel
  {
    id: 'D49 date-formatted period cell 2024-01-31',
    ...XLSX,
    ledger: xlsx((wb) => {
      const ws = ledgerSheet(wb);
      for (const r of [2, 3, 4]) {
        ws.getCell(`E${r}`).value = new Date(Date.UTC(2024, 0, 31));
        ws.getCell(`E${r}`).numFmt = 'yyyy-mm-dd';
      }
    }),
    exit: 0,
  },
  {
    id: 'D50 unformatted serial outside 2000–2100',
    ...XLSX,
    ledger: xlsx((wb) => {
      const ws = ledgerSheet(wb);
      // 45322 is 2024-01-31 (accepted from a numeric cell); 12345 is 1933.
      ws.getCell('E2').value = 45322;
      ws.getCell('E3').value = 12345;
      ws.getCell('E4').value = 45322;
    }),
    exit: 65, code: 'period.serial-out-of-range', at: { sheet: 'Blad1', row: 3, column: 'Period', value: '12345' },
  },
  {
    id: 'E59 merged cells over an amount count once',
    ...XLSX,
    ledger: xlsx((wb) => {
      const ws = ledgerSheet(wb);
      ws.getCell('G4').value = null;
      ws.mergeCells('F4:G4');
    }),
    exit: 0,
  },
  {
    id: 'E60 formula without a cached result',
    ...XLSX,
    ledger: xlsx((wb) => { ledgerSheet(wb).getCell('F3').value = { formula: 'F2*2' } as ExcelJS.CellFormulaValue; }),
    exit: 65, code: 'xlsx.formula-without-result', at: { sheet: 'Blad1', row: 3, column: 'Utfall', value: '=F2*2' }, says: 'Blad1!F3',
  },
  {
    id: 'E61 #DIV/0! in an amount',
    ...XLSX,
    ledger: xlsx((wb) => { ledgerSheet(wb).getCell('F3').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue; }),
    exit: 65, code: 'xlsx.error-cell', at: { sheet: 'Blad1', row: 3, column: 'Utfall', value: '#DIV/0!' },
  },
  {
    id: 'E62 rich text and hyperlink in text columns',
    ...XLSX,
    ledger: xlsx((wb) => {
      const ws = ledgerSheet(wb);
      ws.getCell('B2').value = { richText: [{ text: 'Vårdcentral ', font: { bold: true } }, { text: 'Norr' }] };
      ws.getCell('D3').value = { text: 'Löner', hyperlink: 'https://example.org/4011' };
    }),
    exit: 0,
  },
  { id: 'E63 numbers stored as text', ...XLSX, ledger: xlsx((wb) => { ledgerSheet(wb).getCell('F3').value = '5 000,00'; }), exit: 0, code: 'xlsx.number-as-text', severity: 'warning', at: { sheet: 'Blad1', row: 3, column: 'Utfall', value: '5 000,00' } },
  { id: 'E64 hidden rows', ...XLSX, ledger: xlsx((wb) => { ledgerSheet(wb).getRow(3).hidden = true; }), exit: 0, code: 'xlsx.hidden-rows', severity: 'warning', at: { sheet: 'Blad1', row: 3 } },
  {
    id: 'E65 two sheets, none configured',
    ...XLSX,
    ledger: xlsx((wb) => {
      wb.addWorksheet('Info').getCell('A1').value = 'Export från Raindance';
      ledgerSheet(wb);
    }),
    exit: 65, code: 'xlsx.sheet-ambiguous', says: '"Info", "Blad1"',
  },
  {
    id: 'E65 two sheets, the configured one read',
    file: 'huvudbok.xlsx', options: '    format: xlsx\n    sheet: Blad1\n',
    ledger: xlsx((wb) => {
      wb.addWorksheet('Info').getCell('A1').value = 'Export från Raindance';
      ledgerSheet(wb);
    }),
    exit: 0,
  },
  {
    id: 'E66 truncated workbook (90 %)',
    ...XLSX,
    ledger: async () => {
      const bytes = await workbook((wb) => {
        const ws = ledgerSheet(wb);
        for (let i = 0; i < 200; i++) ws.getRow(5 + i).values = ['1002', 'Vårdcentral Söder', '4011', 'Löner', 202312 - (i % 12), i, null];
      });
      return bytes.subarray(0, Math.floor(bytes.length * 0.9));
    },
    exit: 65, code: 'xlsx.corrupt', says: 'avkortad',
  },
  {
    id: 'E69 cell note with __proto__ JSON',
    ...XLSX,
    ledger: xlsx((wb) => { ledgerSheet(wb).getCell('A2').note = '{"__proto__": {"polluted": "ja"}}'; }),
    exit: 0,
  },
  // F. Semantics and reconciliation
  {
    id: 'F71 a header account (rubrikkonto) line is not summed: unmapped, an error',
    ledger: () => withLine('1001;Vårdcentral Norr;1000;LIKVIDA MEDEL;202401;4000,00;'),
    exit: 65, code: 'accounts.unmapped', at: { column: 'Konto', value: '1000' },
  },
  {
    id: 'F76 detail sum off by 1 öre from the control total',
    ledger: () => csv([HEADER, ...GOOD, 'Totalt;;;;;7000,01;7000,00']),
    exit: 65, code: 'ledger.sum-mismatch', at: { row: 5, column: 'Utfall', value: '7000,01' }, says: 'anger Utfall 7 000,01 kr men detaljraderna ovanför summerar till 7 000,00 kr (skillnad 0,01 kr)',
  },
];

/** A tiny region: organisation and account groups, and the ledger of the case. */
async function region(c: Case): Promise<{ dir: string; config: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-katalog-'));
  const file = c.file ?? 'huvudbok.csv';
  await writeFile(path.join(dir, 'organisation.csv'), c.organisation ?? 'Ansvar;Ansvar (T);Område\n1001;Vårdcentral Norr;Primärvård\n1002;Vårdcentral Söder;Primärvård\n');
  await writeFile(path.join(dir, 'kontogrupper.csv'), 'Konto;Konto (T);Rad;Avsnitt\n3011;Patientavgifter;Patientavgifter;Verksamhetens intäkter\n4011;Löner;Personal;Verksamhetens kostnader\n');
  await writeFile(path.join(dir, file), await c.ledger());
  const config = path.join(dir, 'rapport.config.yaml');
  await writeFile(config, `organisation: { name: Region Test, unit: Nämnden }
sources:
  ledger:
    file: ${file}
${c.options ?? ''}  organisation:
    file: organisation.csv
    columns: { levels: [Område] }
  accountGroups:
    file: kontogrupper.csv
`);
  return { dir, config };
}

describe('the bad-input catalogue through the command line', () => {
  for (const c of cases) {
    it(`${c.id} → exit ${c.exit}${c.code ? `, ${c.code}` : ''}`, async () => {
      const { dir, config } = await region(c);
      const period = c.period ?? '2024-01';
      const r = await runCli(['validate', '--period', period, '--config', config, '--json']);
      const diagnostics = (JSON.parse(r.out) as { diagnostics: Diag[] }).diagnostics;
      expect(r.code, JSON.stringify(diagnostics.slice(0, 3))).toBe(c.exit);
      if (c.exit === 0) expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      if (c.code) {
        const d = diagnostics.find((x) => x.code === c.code);
        expect(d, `${c.code} in ${JSON.stringify(diagnostics.map((x) => x.code))}`).toBeDefined();
        expect(d!.severity).toBe(c.exit === 0 ? (c.severity ?? 'warning') : 'error');
        expect(d!.location?.file).toBe(c.at?.file ?? (c.code.startsWith('accounts.mapped') ? 'kontogrupper.csv' : (c.file ?? 'huvudbok.csv')));
        if (c.at?.sheet) expect(d!.location?.sheet).toBe(c.at.sheet);
        if (c.at?.row !== undefined) expect(d!.location?.row).toBe(c.at.row);
        if (c.at?.column) expect(d!.location?.column).toBe(c.at.column);
        if (c.at?.value !== undefined) {
          expect(d!.value).toBe(c.at.value);
          // The message quotes the raw value, or for an amount its formatted form (7000,01 → 7 000,01).
          expect(d!.message.includes(c.at.value) || d!.message.includes(c.at.value.replace(/^(\d)(\d{3}),/, '$1 $2,'))).toBe(true);
        }
        if (c.says) expect(d!.message).toContain(c.says);
      }
      if (c.exit !== 0) {
        // The same input through generate: the same exit code, and the output folder never made.
        const out = path.join(dir, 'rapporter');
        const g = await runCli(['generate', '--period', period, '--config', config, '--format', 'json,md', '--out', out, '--json']);
        expect(g.code).toBe(c.exit);
        await expect(readdir(out)).rejects.toThrow(/ENOENT/);
      }
      // Case 24 and 69: nothing of the file reached Object.prototype.
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });
  }
});

describe('H90: unit names that are paths, devices or differ only in case', () => {
  it('H90 unit names that are paths or devices → unique slugs, every file inside the output folder', async () => {
    const names = ['../../etc/x', 'Ekonomi/IT', 'CON', 'nul.txt', 'Ekonomi', 'ekonomi'];
    const organisation = ['Ansvar;Ansvar (T);Område', ...names.map((n, i) => `${1001 + i};Ansvar ${i};${n}`)].join('\n') + '\n';
    const ledger = csv([HEADER, ...names.map((_, i) => `${1001 + i};Ansvar ${i};4011;Löner;202401;${100 + i},00;`)]);
    const { dir, config } = await region({ id: 'H90', ledger: () => ledger, organisation, exit: 0 });
    // A report per Område: each of the six names gets its own file.
    await writeFile(config, `${await readFile(config, 'utf8')}report: { unitLevels: [Område] }\n`);
    const out = path.join(dir, 'ut');
    const r = await runCli(['generate', '--period', '2024-01', '--config', config, '--format', 'md', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const files = (await readdir(out)).filter((f) => f !== '.rapport').sort(); // .rapport: the manifest and archive of the published set
    expect(files).toHaveLength(names.length);
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(names.length);
    for (const f of files) expect(f).toMatch(/^[a-z0-9-]+-2024-01\.md$/);
    // Nothing beside the output folder: the region's own files and "ut" only.
    expect((await readdir(dir)).sort()).toEqual(['huvudbok.csv', 'kontogrupper.csv', 'organisation.csv', 'rapport.config.yaml', 'ut']);
  });
});

describe('F31 and F80 where the sources alone show little: no sum rows, no budget, no forecast file', () => {
  /** Months 2024-01..2024-06 of utfall for every ansvar × konto, no budget, sorted by ansvar, konto, period. */
  const KEYS = [['1001', 'Vårdcentral Norr', '3011', 'Patientavgifter', '-1000,00'], ['1001', 'Vårdcentral Norr', '4011', 'Löner', '5000,00'], ['1002', 'Vårdcentral Söder', '4011', 'Löner', '3000,00']];
  const months = (n: number) => Array.from({ length: n }, (_, i) => 202401 + i);
  const full = KEYS.flatMap(([cc, ccName, acc, accName, amount]) => months(6).map((p) => `${cc};${ccName};${acc};${accName};${p};${amount};`));

  it('F31 cut at a line boundary inside the last ansvar × konto (no budget, no Summa rows) → reconcile.ledger-ends-early, nothing published', async () => {
    // The file stops after 1002;4011;202403: the last key has utfall 2024-01..03, the others to 2024-06.
    const cut = full.slice(0, full.length - 3);
    const { dir, config } = await region({ id: 'F31b', ledger: () => csv([HEADER, ...cut]), exit: 65 });
    const r = await runCli(['validate', '--period', '2024-06', '--config', config, '--json']);
    const diagnostics = (JSON.parse(r.out) as { diagnostics: Diag[] }).diagnostics;
    expect(r.code).toBe(65);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['reconcile.ledger-ends-early']);
    const d = diagnostics[diagnostics.findIndex((x) => x.code === 'reconcile.ledger-ends-early')]!;
    expect(d.location?.file).toBe('huvudbok.csv');
    expect(d.message).toContain('(ansvar 1002, konto 4011) har utfall varje månad från 2024-01 men slutar 2024-03, medan minst hälften av huvudbokens kombinationer har utfall till 2024-06');
    const out = path.join(dir, 'rapporter');
    expect((await runCli(['generate', '--period', '2024-06', '--config', config, '--format', 'json', '--out', out, '--json'])).code).toBe(65);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
    // Accepted by name (the account was not booked after March), the run goes on and says so.
    const allowed = await runCli(['generate', '--period', '2024-06', '--config', config, '--format', 'json', '--out', out, '--allow', 'reconcile.ledger-ends-early', '--json']);
    expect(allowed.code).toBe(0);
    // The whole file reconciles.
    const whole = await region({ id: 'F31c', ledger: () => csv([HEADER, ...full]), exit: 0 });
    expect((await runCli(['validate', '--period', '2024-06', '--config', whole.config, '--json'])).code).toBe(0);
  });

  it('F80 unit: tkr on a ledger in kronor, no forecast file → reconcile.scale-changed against the published closed months (a warning)', async () => {
    const { dir, config } = await region({ id: 'F80b', ledger: () => csv([HEADER, ...full]), exit: 0 });
    const out = path.join(dir, 'rapporter');
    const first = await runCli(['generate', '--period', '2024-02', '--config', config, '--format', 'json', '--out', out, '--json']);
    expect(first.code).toBe(0);
    // The same exports read with unit: tkr, the March report: every amount is 1 000 times what was published.
    await writeFile(config, (await readFile(config, 'utf8')).replace('    file: huvudbok.csv\n', '    file: huvudbok.csv\n    unit: tkr\n'));
    const r = await runCli(['generate', '--period', '2024-03', '--config', config, '--format', 'json', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { diagnostics: Diag[]; reconciliation: { findings: { code: string }[] } };
    const d = doc.diagnostics.find((x) => x.code === 'reconcile.scale-changed')!;
    expect(d.severity).toBe('warning');
    expect(d.location?.file).toBe('huvudbok.csv');
    // Published for 2024-01 and 2024-02 in the one report (the root "Nämnden"; no report levels configured):
    // |Patientavgifter| 1 000 kr + |Personal| 5 000 + 3 000 kr = 9 000 kr a month; 2 months = 18 000,00 kr.
    // Read as tkr now: 18 000 000,00 kr.
    expect(d.message).toContain('ungefär 1000 gånger större');
    expect(d.message).toContain('(18 000 000,00 kr mot 18 000,00 kr)');
    expect(d.message).toContain('"unit" (tkr)');
    expect(doc.reconciliation.findings.map((f) => f.code)).toContain('reconcile.scale-changed');
    // Visible in the report as well.
    const report = (await readdir(out)).filter((f) => f.endsWith('-2024-03.json'));
    expect(report).toHaveLength(1);
    const model = JSON.parse(await readFile(path.join(out, report[0]!), 'utf8')) as { caveats: string[] };
    expect(model.caveats.some((c) => c.includes('ungefär 1000 gånger större'))).toBe(true);
  });
});
