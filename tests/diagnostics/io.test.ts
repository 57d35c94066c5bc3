import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readInputFile } from '../../src/io/read-source.js';
import { exitCode } from '../../src/cli/exit-codes.js';
import { MIN_WORKER_HEAP_MB, readXlsxSheet } from '../../src/io/xlsx.js';
import { readTable } from '../../src/sources/table.js';
import { readLedger } from '../../src/sources/read-ledger.js';
import { ledgerSourceSchema } from '../../src/config/schema.js';
import { bytesOf, expectDiagnostic, input, utf8 } from '../sources/helpers.js';

/**
 * One fixture per diagnostic code of file reading that no other test names: files, decoding, CSV structure and
 * Excel workbooks. Each provokes the code through the function that emits it and checks code, severity and place.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'rapport-diag-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const LEDGER = ['Ansvar', 'Konto', 'Period', 'Utfall', 'Budget'];

describe('files', () => {
  test('io.symlink-loop: a symbolic link to itself names the file, in Swedish, exit 66 (not an unexpected error)', async () => {
    const loop = path.join(dir, 'slinga.csv');
    symlinkSync(loop, loop);
    const r = await readInputFile(loop, 'data/slinga.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing).toBe(false);
    const d = expectDiagnostic([r.diagnostic], 'io.symlink-loop', { file: 'data/slinga.csv' });
    expect(d.message).toContain('slinga');
    expect(d.message).not.toContain('ELOOP');
    expect(exitCode({ diagnostics: [d] })).toBe(66);
  });

  test('io.file-unreadable: a path the system refuses for another reason (a name too long) names the file and the code', async () => {
    const r = await readInputFile(path.join(dir, `${'å'.repeat(200)}.csv`), 'data/lång.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const d = expectDiagnostic([r.diagnostic], 'io.file-unreadable', { file: 'data/lång.csv' });
    expect(d.message).toContain('felkod ENAMETOOLONG');
    expect(exitCode({ diagnostics: [d] })).toBe(66);
  });
});

describe('decoding', () => {
  test('io.bom-overrides-encoding: a UTF-8 byte-order mark wins over encoding: windows-1252 (warning)', async () => {
    const bytes = bytesOf([0xef, 0xbb, 0xbf], 'Konto;Belopp\r\n4010;1,00\r\n');
    const r = await readTable(input(bytes, 'data/saldo.csv'), { encoding: 'windows-1252', required: ['Konto', 'Belopp'] });
    const d = expectDiagnostic(r.diagnostics, 'io.bom-overrides-encoding', { file: 'data/saldo.csv', severity: 'warning' });
    expect(d.message).toContain('encoding: windows-1252');
    expect(r.value.rows).toHaveLength(1);
  });

  test('io.invalid-utf16: a UTF-16 byte-order mark followed by a lone surrogate', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x4b, 0x00, 0x00, 0xd8, 0x41, 0x00, 0x0a, 0x00]);
    const r = await readTable(input(bytes, 'data/saldo.csv'), { required: ['Konto'] });
    const d = expectDiagnostic(r.diagnostics, 'io.invalid-utf16', { file: 'data/saldo.csv' });
    expect(d.message).toContain('utf-16le');
  });
});

describe('CSV structure', () => {
  test('csv.invalid-closing-quote: text after a closing quote, on its line', async () => {
    const r = await readTable(input(utf8(['Konto;Text', '4010;"Bolag"AB', '4011;Ok']), 'data/saldo.csv'), { required: ['Konto', 'Text'] });
    expectDiagnostic(r.diagnostics, 'csv.invalid-closing-quote', { file: 'data/saldo.csv', row: 2, value: '"Bolag"AB' });
  });
});

describe('Excel workbooks', { timeout: 600_000 }, () => {
  test('io.not-a-workbook: a text file where the source says format: xlsx', async () => {
    const r = await readTable(input(utf8(['Konto;Belopp']), 'data/saldo.xlsx'), { format: 'xlsx', required: ['Konto'] });
    const d = expectDiagnostic(r.diagnostics, 'io.not-a-workbook', { file: 'data/saldo.xlsx' });
    expect(d.message).toContain('"data/saldo.xlsx"');
  });

  test('xlsx.no-sheets: a workbook without worksheets', async () => {
    const bytes = await workbook(() => {});
    const r = await readXlsxSheet(input(bytes, 'data/tom.xlsx'));
    expect(r.value).toBeNull();
    expectDiagnostic(r.diagnostics, 'xlsx.no-sheets', { file: 'data/tom.xlsx' });
  });

  test('xlsx.hidden-sheet and xlsx.autofilter: a hidden sheet named by the source, with an autofilter, is read with two warnings', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('Synlig');
      const ws = wb.addWorksheet('Dold', { state: 'hidden' });
      ws.getRow(1).values = ['Konto', 'Belopp'];
      ws.getRow(2).values = ['4010', 5];
      ws.autoFilter = 'A1:B2';
    });
    const r = await readTable(input(bytes, 'data/bok.xlsx'), { sheet: 'Dold', required: ['Konto', 'Belopp'] });
    const hidden = expectDiagnostic(r.diagnostics, 'xlsx.hidden-sheet', { file: 'data/bok.xlsx', sheet: 'Dold', severity: 'warning' });
    expect(hidden.message).toContain('"Dold"');
    expectDiagnostic(r.diagnostics, 'xlsx.autofilter', { file: 'data/bok.xlsx', sheet: 'Dold', severity: 'warning' });
    expect(r.value.rows).toHaveLength(1);
  });

  test('xlsx.unsupported-cell: a date cell outside the calendar in a column that is read; the row is left out', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.getRow(1).values = LEDGER;
      ws.getRow(2).values = ['0110', '4011', 202408, 1e20, null];
      ws.getCell('D2').numFmt = 'yyyy-mm-dd';
    });
    const r = await readTable(input(bytes, 'data/bok.xlsx'), { required: LEDGER });
    const d = expectDiagnostic(r.diagnostics, 'xlsx.unsupported-cell', { file: 'data/bok.xlsx', sheet: 'Blad1', row: 2, column: 'Utfall' });
    expect(d.message).toContain('Blad1!D2');
    expect(r.value.rows).toHaveLength(0);
  });

  test('xlsx.resource-limit: a worker that runs out of its memory limit is stopped', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.getRow(1).values = LEDGER;
      // 40 000 rows × 4 cells = 160 000 cells: under the counted limit (maxCells 500 000), so the pre-parse count lets it
      // through, and far over what exceljs can hold in a 16 MB heap on any machine (a few hundred bytes a cell), so
      // the outcome is the heap limit whatever the load or Node version. 2 000 rows fitted on some machines.
      for (let i = 2; i < 40_000; i++) ws.getRow(i).values = ['0110', '4011', 202408, i, null];
    });
    // A limit below what a worker needs to start is raised to MIN_WORKER_HEAP_MB (Node 22+ would abort the process).
    const r = await readXlsxSheet(input(bytes, 'data/stor.xlsx'), { limits: { maxOldGenerationSizeMb: 2 } });
    expect(r.value).toBeNull();
    const d = expectDiagnostic(r.diagnostics, 'xlsx.resource-limit', { file: 'data/stor.xlsx' });
    expect(d.message).toContain(`(${MIN_WORKER_HEAP_MB} MB)`);
  });
});

describe('source readers', () => {
  test('table.empty-amounts: empty amount cells are counted once per column as "no value" (info)', async () => {
    const bytes = utf8(['Ansvar;Konto;Period;Utfall;Budget', '0110;4011;202408;5,00;', '0110;4012;202408;;3,00', '0110;4013;202408;;']);
    const r = await readLedger(input(bytes, 'data/huvudbok.csv'), ledgerSourceSchema.parse({ file: 'data/huvudbok.csv', sign: 'report' }));
    const d = expectDiagnostic(r.diagnostics.filter((x) => x.location?.column === 'Utfall'), 'table.empty-amounts', { file: 'data/huvudbok.csv', column: 'Utfall', severity: 'info' });
    expect(d.message).toContain('2 tomma värden i kolumnen Utfall');
  });
});

describe('guards for csv-parse errors the options rule out', () => {
  // csv.ts handles every error csv-parse raises with the options it is given (strict quotes, one record
  // delimiter); any other error — only an invalid option, which the config schema prevents — is csv.parse-error.
  test('csv.parse-error: an error csv-parse raises that is not handled one by one (here an empty delimiter)', async () => {
    const { parseCsv } = await import('../../src/io/csv.js');
    const r = parseCsv('Konto;Belopp\n4010;1,00\n', { delimiter: '' as ';', displayName: 'data/saldo.csv', startLine: 1 });
    const d = expectDiagnostic(r.diagnostics, 'csv.parse-error', { file: 'data/saldo.csv', row: 1 });
    expect(d.message).toContain('(CSV_INVALID_OPTION_DELIMITER)');
  });

  test('personnel.csv.parse-error: in an HR file the same error keeps its code and place but not the row content', async () => {
    const { redactDiagnostics } = await import('../../src/sources/heroma/identity.js');
    const { diag } = await import('../../src/messages/index.js');
    const raw = diag('csv.parse-error', { code: 'CSV_SOMETHING', detail: 'rad "19850312-9801;Åsa"' }, { file: 'e.csv', row: 4 });
    const [d] = redactDiagnostics([raw], new Set(['Personnummer']), new Set(['19850312-9801']), ['Personnummer']);
    expect(d).toMatchObject({ code: 'csv.parse-error', severity: 'error', location: { file: 'e.csv', row: 4 } });
    expect(d!.message).toContain('Filen går inte att läsa som CSV (CSV_SOMETHING). Radens innehåll visas inte');
    expect(d!.message).not.toContain('9801');
  });
});
