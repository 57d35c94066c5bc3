import ExcelJS from 'exceljs';
import { afterEach, describe, expect, test } from 'vitest';
import { ledgerSourceSchema } from '../../src/config/schema.js';
import { inspectZip, DEFAULT_XLSX_LIMITS, excelNumberText } from '../../src/io/xlsx.js';
import { readLedger } from '../../src/sources/read-ledger.js';
import { readTable } from '../../src/sources/table.js';
import type { Ledger } from '../../src/model/records.js';
import { codes, errorsOf, expectDiagnostic, input } from './helpers.js';
import { patchPart, unzip, zip } from './zip.js';

/**
 * Excel workbooks: group E of docs/bad-input.md (59–69) and the xlsx halves of D 49–51. Workbooks are built in
 * code with exceljs (in the test process, which is trusted) and, for crafted parts, patched with a small zip writer.
 */

const F = 'data/huvudbok.xlsx';

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A sheet with a title, a blank row and a ledger header on row 3. */
function ledgerSheet(wb: ExcelJS.Workbook, name = 'Blad1'): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.getCell('A1').value = 'Huvudbok per ansvar, augusti 2024';
  ws.getRow(3).values = ['Ansvar', 'Konto', 'Period', 'Utfall', 'Budget'];
  return ws;
}

const spec = (over: Record<string, unknown> = {}) => ledgerSourceSchema.parse({ file: F, ...over });

function actual(l: Ledger, cc: string, acc: string, period: number): number | null | undefined {
  const e = l.entries.find((x) => l.costCentres[x.costCentre] === cc && l.accounts[x.account] === acc && x.period === period);
  return e?.actual;
}

const originalTz = process.env['TZ'];
afterEach(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
});

// Each read starts a worker that loads exceljs (about a second on a small machine).
describe('xlsx: reading', () => {
  test('a ledger sheet: title rows skipped, Excel row numbers, codes as text keep zeros, numbers exact', async () => {
    const bytes = await workbook((wb) => {
      const ws = ledgerSheet(wb);
      ws.getRow(4).values = ['0110', '3011', 202408, -1234.5, null];
      ws.getRow(5).values = ['0110', '4011', 202408, 0.1 + 0.2, 12];
    });
    const r = await readLedger(input(bytes, F), spec({ sign: 'report' }));
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(r.value.dataRows).toBe(2);
    expect(actual(r.value, '0110', '3011', 202408)).toBe(-123450);
    // 0.30000000000000004 in the file is 0,30 at Excel's 15 significant digits: 30 öre, not an error.
    expect(actual(r.value, '0110', '4011', 202408)).toBe(30);
  });

  test('case 49: a date-formatted period cell 2024-08-31 → 202408 under TZ=UTC and TZ=Europe/Stockholm', async () => {
    const bytes = await workbook((wb) => {
      const ws = ledgerSheet(wb);
      ws.getRow(4).values = ['110100', '4011', new Date(Date.UTC(2024, 7, 31)), 5, null];
      ws.getCell('C4').numFmt = 'yyyy-mm-dd';
      ws.getRow(5).values = ['110100', '4011', new Date(Date.UTC(2024, 8, 1)), 7, null];
      ws.getCell('C5').numFmt = 'yyyy-mm-dd';
    });
    for (const tz of ['UTC', 'Europe/Stockholm']) {
      process.env['TZ'] = tz;
      const r = await readLedger(input(bytes, F), spec({ sign: 'report' }));
      expect(errorsOf(r.diagnostics), tz).toEqual([]);
      expect(r.value.entries.map((e) => [e.period, e.actual]), tz).toEqual([
        [202408, 500],
        [202409, 700],
      ]);
    }
  });

  test('case 50: an unformatted serial in the period column → accepted for 2000–2100, else an error', async () => {
    const bytes = await workbook((wb) => {
      const ws = ledgerSheet(wb);
      ws.getRow(4).values = ['110100', '4011', 45535, 5, null];
      ws.getRow(5).values = ['110100', '4012', 12345, 5, null];
    });
    const r = await readLedger(input(bytes, F), spec());
    expectDiagnostic(r.diagnostics, 'period.serial-out-of-range', { file: F, sheet: 'Blad1', row: 5, column: 'Period', value: '12345' });
    expect(r.value.entries.map((e) => e.period)).toEqual([202408]);
  });

  test('case 51: a date1904 workbook → dates offset by 1462 days correctly', async () => {
    const bytes = await workbook((wb) => {
      wb.properties.date1904 = true;
      const ws = ledgerSheet(wb);
      ws.getRow(4).values = ['110100', '4011', new Date(Date.UTC(2024, 7, 31)), 5, null];
      ws.getCell('C4').numFmt = 'yyyy-mm-dd';
      ws.getRow(5).values = ['110100', '4012', 44073, 5, null]; // unformatted 1904 serial of 2024-08-31
    });
    const xml = unzip(bytes).get('xl/workbook.xml')!.toString('utf8');
    expect(xml).toContain('date1904="1"');
    const r = await readLedger(input(bytes, F), spec());
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(r.value.entries.map((e) => e.period)).toEqual([202408, 202408]);
  });

  test('case 59: a merged range B2:C2 = 1000 counts once', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.getRow(1).values = ['Ansvar', 'Konto', 'Period', 'Utfall', 'Budget'];
      ws.getRow(2).values = ['110100', '4011', 202408, 1000, null];
      ws.mergeCells('D2:E2');
    });
    const r = await readLedger(input(bytes, F), spec({ sign: 'report' }));
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(r.value.entries).toEqual([{ costCentre: 0, account: 0, period: 202408, actual: 100000, budget: null, forecast: null }]);
  });

  test('case 60: formula with a cached result → used; without → error with the address Blad1!D5', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.getRow(1).values = ['Ansvar', 'Konto', 'Period', 'Utfall'];
      ws.getRow(2).values = ['110100', '4011', 202408, 100];
      ws.getRow(3).values = ['110100', '4012', 202408, { formula: 'D2*2', result: 200 } as ExcelJS.CellFormulaValue];
      ws.getRow(4).values = ['110100', '4013', 202408, 1];
      ws.getRow(5).values = ['110100', '4014', 202408, { formula: 'D2*3' } as ExcelJS.CellFormulaValue];
    });
    const r = await readLedger(input(bytes, F), spec({ sign: 'report' }));
    const d = expectDiagnostic(r.diagnostics, 'xlsx.formula-without-result', { file: F, sheet: 'Blad1', row: 5, column: 'Utfall', value: '=D2*3' });
    expect(d.message).toContain('Blad1!D5');
    expect(actual(r.value, '110100', '4012', 202408)).toBe(20000);
  });

  test('case 61: error cells in a read column → errors with addresses; in an unread column → ignored', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.getRow(1).values = ['Ansvar', 'Konto', 'Period', 'Utfall', 'Anteckning'];
      ws.getRow(2).values = ['110100', '4011', 202408, { error: '#DIV/0!' } as ExcelJS.CellErrorValue, { error: '#N/A' } as ExcelJS.CellErrorValue];
      ws.getRow(3).values = ['110100', '4012', 202408, { formula: 'X1', result: { error: '#REF!' } } as unknown as ExcelJS.CellFormulaValue, 'ok'];
      ws.getRow(4).values = ['110100', '4013', { error: '#N/A' } as ExcelJS.CellErrorValue, 5, 'ok'];
    });
    const r = await readLedger(input(bytes, F), spec());
    const errs = errorsOf(r.diagnostics);
    expect(errs.map((e) => [e.code, e.location?.row, e.location?.column, e.value])).toEqual([
      ['xlsx.error-cell', 2, 'Utfall', '#DIV/0!'],
      ['xlsx.error-cell', 3, 'Utfall', '#REF!'],
      ['xlsx.error-cell', 4, 'Period', '#N/A'],
    ]);
    const d = expectDiagnostic(r.diagnostics, 'xlsx.error-cell', { file: F, sheet: 'Blad1', row: 2, column: 'Utfall', value: '#DIV/0!' });
    expect(d.message).toContain('Blad1!D2');
  });

  test('case 62: rich text and hyperlink cells in text columns → plain text', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.getRow(1).values = ['Ansvar', 'Ansvar (T)', 'Konto', 'Konto (T)', 'Period', 'Utfall'];
      ws.getRow(2).values = [
        '110100',
        { richText: [{ text: 'Centrala ', font: { bold: true } }, { text: 'anslag' }] },
        '4011',
        { text: 'Löner', hyperlink: 'https://example.org/4011' },
        202408,
        1,
      ];
    });
    const r = await readLedger(input(bytes, F), spec());
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(r.value.costCentreNames.get('110100')).toBe('Centrala anslag');
    expect(r.value.accountNames.get('4011')).toBe('Löner');
  });

  test('case 63: numbers stored as text ("1 234,50") → parsed with Swedish rules, counted in a warning', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.getRow(1).values = ['Ansvar', 'Konto', 'Period', 'Utfall'];
      ws.getRow(2).values = ['110100', '4011', '202408', '1 234,50'];
      ws.getRow(3).values = ['110100', '4012', '202408', '\u22125,00'];
      ws.getRow(4).values = ['110100', '4013', '202408', 7];
    });
    const r = await readLedger(input(bytes, F), spec({ sign: 'report' }));
    expect(errorsOf(r.diagnostics)).toEqual([]);
    const w = expectDiagnostic(r.diagnostics, 'xlsx.number-as-text', { file: F, sheet: 'Blad1', row: 2, column: 'Utfall', value: '1 234,50', severity: 'warning' });
    expect(w.message).toContain('2 belopp');
    expect(r.value.entries.map((e) => e.actual)).toEqual([123450, -500, 700]);
  });

  test('case 64: hidden rows → warning that they are included', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.getRow(1).values = ['Ansvar', 'Konto', 'Period', 'Utfall'];
      ws.getRow(2).values = ['110100', '4011', 202408, 1];
      ws.getRow(3).values = ['110100', '4012', 202408, 2];
      ws.getRow(3).hidden = true;
    });
    const r = await readLedger(input(bytes, F), spec());
    const w = expectDiagnostic(r.diagnostics, 'xlsx.hidden-rows', { file: F, sheet: 'Blad1', row: 3, severity: 'warning' });
    expect(w.message).toContain('1 dolda rader');
    expect(r.value.entries.length).toBe(2);
  });

  test('case 65: several sheets → chosen by config; none configured or unknown → error listing the sheets', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('Info').getCell('A1').value = 'Export från Raindance';
      const ws = wb.addWorksheet('Blad1');
      ws.getRow(1).values = ['Ansvar', 'Konto', 'Period', 'Utfall'];
      ws.getRow(2).values = ['110100', '4011', 202408, 1];
    });
    const chosen = await readLedger(input(bytes, F), spec({ sheet: 'Blad1' }));
    expect(errorsOf(chosen.diagnostics)).toEqual([]);
    expect(chosen.value.entries.length).toBe(1);
    const none = await readLedger(input(bytes, F), spec());
    const a = expectDiagnostic(none.diagnostics, 'xlsx.sheet-ambiguous', { file: F });
    expect(a.message).toContain('"Info", "Blad1"');
    const wrong = await readLedger(input(bytes, F), spec({ sheet: 'Sheet1' }));
    const n = expectDiagnostic(wrong.diagnostics, 'xlsx.sheet-not-found', { file: F, value: 'Sheet1' });
    expect(n.message).toContain('"Info", "Blad1"');
  });

  test('case 66: a truncated workbook (50 %, 90 %, 99 %) → error, never zero rows without one', async () => {
    const bytes = await workbook((wb) => {
      const ws = ledgerSheet(wb);
      for (let i = 0; i < 200; i++) ws.getRow(4 + i).values = ['110100', String(4000 + i), 202408, i, null];
    });
    for (const share of [0.5, 0.9, 0.99]) {
      const cut = bytes.subarray(0, Math.floor(bytes.length * share));
      const r = await readTable(input(cut, F), { required: ['Ansvar', 'Konto'] });
      const d = expectDiagnostic(r.diagnostics, 'xlsx.corrupt', { file: F });
      expect(d.message, String(share)).toContain('avkortad');
      expect(r.value.rows).toEqual([]);
    }
  });

  test('case 69: a cell note with __proto__ JSON is ignored; no prototype pollution', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.getRow(1).values = ['Ansvar', 'Konto', 'Period', 'Utfall'];
      ws.getRow(2).values = ['110100', '4011', 202408, 1];
      ws.getCell('D2').note = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';
    });
    const r = await readLedger(input(bytes, F), spec());
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('xlsx: the container is checked before exceljs sees it', () => {
  async function plain(): Promise<Uint8Array> {
    return workbook((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.getRow(1).values = ['Ansvar', 'Konto', 'Period', 'Utfall'];
      ws.getRow(2).values = ['110100', '4011', 202408, 1];
    });
  }

  test('a sound workbook passes the pre-check', async () => {
    expect(inspectZip(await plain())).toBeNull();
  });

  test('case 67: decompression bomb (a shared string packed ~1000:1) → error before parsing', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.getRow(1).values = ['Ansvar', 'Konto', 'Period', 'Utfall'];
      ws.getCell('A2').value = 'A'.repeat(4 * 1024 * 1024);
    });
    const r = await readTable(input(bytes, F), { required: ['Ansvar'] });
    const d = expectDiagnostic(r.diagnostics, 'xlsx.unsafe', { file: F });
    expect(d.message).toContain('dekomprimeringsbomb');
  });

  test('case 67: an entry larger than its header says → error (sizes that lie)', async () => {
    const parts = unzip(await plain());
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    const lying = zip(parts, new Map([['xl/worksheets/sheet1.xml', { declaredSize: Math.floor(sheet.length / 2) }]]));
    const r = await readTable(input(lying, F), { required: ['Ansvar'] });
    const d = expectDiagnostic(r.diagnostics, 'xlsx.unsafe', { file: F });
    expect(d.message).toContain('större än arkivet anger');
  });

  test('case 68: crafted ranges are refused before parsing', async () => {
    const base = await plain();
    const crafted: Array<[string, string, (xml: string) => string]> = [
      ['merge A1:XFD1048576', 'xl/worksheets/sheet1.xml', (x) => x.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')],
      ['row r=1000000000', 'xl/worksheets/sheet1.xml', (x) => x.replace('<row r="2"', '<row r="1000000000"')],
      ['col max=100000000', 'xl/worksheets/sheet1.xml', (x) => x.replace('<sheetData>', '<cols><col min="1" max="100000000" width="9"/></cols><sheetData>')],
      ['validation sqref', 'xl/worksheets/sheet1.xml', (x) => x.replace('</sheetData>', '</sheetData><dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"/></dataValidations>')],
      ['defined name', 'xl/workbook.xml', (x) => x.replace('</sheets>', '</sheets><definedNames><definedName name="x">Blad1!$A$1:$XFD$1048576</definedName></definedNames>')],
      ['sheetId', 'xl/workbook.xml', (x) => x.replace(/sheetId="1"/, 'sheetId="4294967295"')],
    ];
    for (const [what, part, patch] of crafted) {
      const bytes = patchPart(base, part, patch);
      expect(unzip(bytes).get(part)!.toString('utf8'), what).not.toBe(unzip(base).get(part)!.toString('utf8'));
      const r = await readTable(input(bytes, F), { required: ['Ansvar'] });
      expect(codes(r.diagnostics), what).toEqual(['xlsx.unsafe']);
    }
  });

  test('case 68: a workbook that exceeds the time budget is terminated cleanly and reading goes on', async () => {
    const bytes = await plain();
    const slow = await readTable(input(bytes, F), { required: ['Ansvar'] }, { xlsxLimits: { timeoutMs: 1 } });
    expectDiagnostic(slow.diagnostics, 'xlsx.timeout', { file: F });
    const again = await readTable(input(bytes, F), { required: ['Ansvar'] });
    expect(errorsOf(again.diagnostics)).toEqual([]);
    expect(again.value.rows.length).toBe(1);
  });

  test('limits are the documented defaults', () => {
    expect(DEFAULT_XLSX_LIMITS.maxRatio).toBe(200);
    expect(excelNumberText(1234.5)).toBe('1234,5');
    expect(excelNumberText(0.1 + 0.2)).toBe('0,3');
    expect(excelNumberText(-7)).toBe('-7');
  });
});
