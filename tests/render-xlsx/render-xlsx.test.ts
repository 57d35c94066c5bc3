import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ReportModel, Table } from '../../src/report/model.js';
import { renderXlsx, sheetName, tableSheetName } from '../../src/render/xlsx.js';
import { sampleReport, text } from '../helpers/sample-report.js';
import { openPackage } from '../render-docx/ooxml.js';

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

let bytes: Uint8Array;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  bytes = await renderXlsx(sampleReport());
  wb = await readBack(bytes);
});

function sheet(name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`Bladet "${name}" saknas; finns: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
}

/** The row whose first cell is `label`. */
function rowOf(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`Ingen rad "${label}" i ${ws.name}`);
  return found;
}

describe('sheets', () => {
  test('an about sheet, then one sheet per table with meaningful, valid, unique names', () => {
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual([
      'Om rapporten',
      '2.3 Bedömning av delmål',
      '2.4 Sjukfrånvaro januari–juli',
      '3.1 Ekonomiskt resultat',
      '3.1 Ackumulerat resultat',
      '3.2 Nettokostnad',
      '4 Investeringar 2024',
    ]);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  test('the about sheet lists the report facts and the tables', () => {
    const ws = sheet('Om rapporten');
    expect(ws.getCell('A1').value).toBe('Delårsrapport per augusti 2024 – Regionstyrelsen');
    const values: unknown[] = [];
    ws.eachRow((r) => values.push(r.getCell(1).value, r.getCell(2).value));
    expect(values).toEqual(expect.arrayContaining(['Diarienummer', 'RS 2024/1234', 'Rapportdatum', '2024-08-31', 'Tabell 3. Ekonomiskt resultat per gruppering']));
  });

  test('document properties', () => {
    expect(wb.creator).toBe('Ekonomistaben');
    expect(wb.title).toBe('Delårsrapport per augusti 2024 – Regionstyrelsen');
    expect(wb.company).toBe('Region Västerbotten');
    expect(wb.created.toISOString()).toBe('2024-08-31T00:00:00.000Z');
    expect(wb.modified.toISOString()).toBe('2024-08-31T00:00:00.000Z');
  });
});

describe('the result table', () => {
  const ws = () => sheet('3.1 Ekonomiskt resultat');

  test('title row, unit row, grouped two-line header, frozen below the header and right of the labels', () => {
    expect(ws().getCell('A1').value).toBe('Tabell 3. Ekonomiskt resultat per gruppering');
    expect(ws().getCell('A1').font?.bold).toBe(true);
    expect(ws().getCell('A2').value).toBe('Regionstyrelsen, januari–augusti 2024. Belopp i tusental kronor (tkr).');
    expect(ws().getCell('C4').value).toBe('Ackumulerat');
    expect(ws().getCell('C5').value).toBe('Ack utfall föreg år');
    expect(ws().getCell('A4').value).toBe('Gruppering');
    expect(ws().getCell('A5').isMerged).toBe(true);
    const view = ws().views[0] as { state: string; xSplit?: number; ySplit?: number };
    expect(view.state).toBe('frozen');
    expect(view.ySplit).toBe(5);
    expect(view.xSplit).toBe(1);
  });

  test('money is the exact value in tkr with a 0-decimal grouped format; blanks stay empty', () => {
    const row = rowOf(ws(), 'Personal');
    const actual = row.getCell(4);
    expect(typeof actual.value).toBe('number');
    // -768 426 tkr and some öre: exact, not rounded to whole tkr.
    expect(actual.value as number).toBeCloseTo(-768_426 + (((10 * 7919 + 3 * 104_729) % 99_999) - 49_999) / 100_000, 6);
    expect(Number.isInteger(actual.value)).toBe(false);
    expect(actual.numFmt).toBe('#,##0;-#,##0;0');
    const blank = rowOf(ws(), 'Patientintäkter').getCell(5);
    expect(blank.value).toBeNull();
  });

  test('percent cells are fractions with a percent format', () => {
    const cell = rowOf(ws(), 'Personal').getCell(7);
    expect(cell.value as number).toBeCloseTo((768_426 - 760_515) / 760_515, 3);
    expect(cell.numFmt).toBe('0.0%');
  });

  test('totals and subtotals are bold; the notes follow the table', () => {
    expect(rowOf(ws(), 'Verksamhetens nettokostnader').getCell(2).font?.bold).toBe(true);
    expect(rowOf(ws(), 'Summa verksamhetens intäkter').getCell(1).font?.bold).toBe(true);
    expect(rowOf(ws(), 'Personal').getCell(1).alignment?.indent).toBe(1);
    rowOf(ws(), 'Varje belopp är avrundat för sig, så summorna kan avvika med ±1 från summan av raderna.');
  });

  test('columns are wide enough for their figures', () => {
    for (let c = 2; c <= 8; c++) expect(ws().getColumn(c).width ?? 0).toBeGreaterThanOrEqual(11);
    expect(ws().getColumn(1).width ?? 0).toBeGreaterThanOrEqual('Summa verksamhetens kostnader'.length);
  });
});

describe('other cell kinds', () => {
  test('status, suppressed, count and number cells', () => {
    const goals = sheet('2.3 Bedömning av delmål');
    expect(rowOf(goals, 'Mål 1. Trygga uppväxtvillkor').getCell(3).value).toBe('● Uppfylls helt');
    const sick = sheet('2.4 Sjukfrånvaro januari–juli');
    expect(rowOf(sick, '29 år eller yngre').getCell(2).value).toBe('–');
    rowOf(sick, '– = Gruppen har högst tio anställda och redovisas inte.');
    const women = rowOf(sick, 'Kvinnor');
    expect(women.getCell(2).value).toBeCloseTo(0.0601, 6);
    expect(women.getCell(2).numFmt).toBe('0.00%');
    expect(women.getCell(3).value).toBe(742);
    expect(women.getCell(3).numFmt).toBe('#,##0;-#,##0;0');
    expect(women.getCell(4).value).toBe(688.4);
    expect(women.getCell(4).numFmt).toBe('#,##0.0;-#,##0.0;0.0');
  });
});

describe('text that looks like a formula', () => {
  test('stays a string cell and is never written as a formula', async () => {
    const risky = ['=SUMMA(A1:A9)', '+46 70 123 45 67', '-avdrag', '@användare', "=HYPERLINK(\"http://x\",\"klicka\")"];
    const table: Table = {
      type: 'table',
      id: 'text',
      title: 'Texter',
      columns: [{ header: 'Text', align: 'left' }, { header: 'Belopp', align: 'right' }],
      rows: risky.map((r) => ({ cells: [text(r), text(r)], emphasis: 'normal' as const })),
      notes: [],
    };
    const model: ReportModel = { ...sampleReport(), sections: [{ id: 's', number: '1', title: 'S', level: 1, blocks: [table], sections: [] }] };
    const out = await renderXlsx(model);
    const pkg = openPackage(out);
    for (const name of pkg.names.filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) expect(pkg.text(name)).not.toContain('<f>');
    const back = await readBack(out);
    const ws = back.getWorksheet('1 Texter')!;
    risky.forEach((r, i) => {
      const cell = ws.getCell(4 + 1 + i, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(r);
    });
  });
});

describe('tableSheetName', () => {
  test('the section number and the longest head of the title that ends a phrase and fits 31 characters', () => {
    const none = new Set<string>();
    expect(tableSheetName('4', 'Investeringar 2024', none)).toBe('4 Investeringar 2024');
    expect(tableSheetName('3.1', 'Ekonomiskt resultat per augusti 2024', none)).toBe('3.1 Ekonomiskt resultat');
    expect(tableSheetName('3.3', 'Helårsprognos 2024 för verksamhetens nettokostnader', none)).toBe('3.3 Helårsprognos 2024');
    expect(tableSheetName('3.3', 'Nettokostnad 2023–2024, data till diagrammet', none)).toBe('3.3 Nettokostnad 2023–2024');
    expect(tableSheetName('2.4.4', 'Arbetad tid januari–juli 2024, timmar', none)).toBe('2.4.4 Arbetad tid januari–juli');
    expect(tableSheetName('2.4.3', 'Sjukfrånvaro per månad 2023 och 2024, data till diagrammet', none)).toBe('2.4.3 Sjukfrånvaro per månad');
    // Not a piece of the part after the colon ("Indikatorer Tillsammans"), not ending on "per" or "till".
    expect(tableSheetName('2.3.2.1', 'Indikatorer: Tillsammans med övriga förvaltningar öka effektivitet', none)).toBe('2.3.2.1 Indikatorer');
    expect(tableSheetName('2.3.8', 'Uppdrag från fullmäktige till nämnd', none)).toBe('2.3.8 Uppdrag från fullmäktige');
  });

  test('unique: a taken name gives way to another head that is free, else a number', () => {
    expect(tableSheetName('2.4.3', 'Sjukfrånvaro januari–juli 2024', new Set(['2.4.3 Sjukfrånvaro januari–juli']))).toBe('2.4.3 Sjukfrånvaro');
    expect(tableSheetName('2.3.8', 'Uppdrag från nämnd till beredning folkhälsa', new Set(['2.3.8 Uppdrag från nämnd']))).toBe('2.3.8 Uppdrag från nämnd (2)');
    expect(tableSheetName('', 'History', new Set(), 'tabell')).toBe('tabell');
  });
});

describe('sheetName', () => {
  test('removes forbidden characters, keeps 31 characters at a word boundary, avoids duplicates and "History"', () => {
    expect(sheetName('3.1 Resultat [tkr]: per/område*?', new Set())).toBe('3.1 Resultat tkr per område');
    expect(sheetName('Ekonomiskt resultat per verksamhetsområde och månad', new Set())).toBe('Ekonomiskt resultat per');
    expect(sheetName('Resultat', new Set(['resultat']))).toBe('Resultat (2)');
    expect(sheetName('Resultat', new Set(['Resultat', 'Resultat (2)']))).toBe('Resultat (3)');
    expect(sheetName("'Citat'", new Set())).toBe('Citat');
    expect(sheetName('History', new Set(), 'tabell')).toBe('tabell');
    expect(sheetName('???', new Set(), 'resultat')).toBe('resultat');
    expect(sheetName('x'.repeat(40), new Set(['x'.repeat(31)]))).toBe(`${'x'.repeat(27)} (2)`);
  });
});
