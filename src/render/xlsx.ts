/**
 * ReportModel → an Excel workbook: a first sheet about the report, then every table of the report as its own sheet,
 * for the finance staff who want to work on with the figures.
 *
 * Numbers stay numbers: money is the exact value in the cell's display unit (tkr with decimals, not rounded), shown
 * with 0 decimals and digit grouping by its number format, so Excel's sums are exact while the sheet reads like the
 * report; percentages are fractions with a percent format. Texts are always string cells, so a text beginning with
 * "=", "+", "-" or "@" is never taken for a formula. The header rows are frozen, totals bold, notes under the table.
 * The bytes are normalised like the Word file's: the same model gives the same bytes.
 */
import ExcelJS from 'exceljs';
import type { Cell, DisplayUnit, ReportModel, Table } from '../report/model.js';
import { STATUS_SYMBOL, SUPPRESSED_MARK, UNIT_LABEL } from '../model/format.js';
import { documentProperties, documentTitle, numberBlocks } from './docx/report-text.js';
import { normaliseZip } from './normalise-zip.js';
import { columnLetter } from '../io/xlsx.js';

const ORE_PER_UNIT: Record<DisplayUnit, number> = { kr: 100, tkr: 100_000, mnkr: 100_000_000 };

/**
 * Excel number formats. Excel shows the grouping and decimal separators of the reader's locale (space and comma in
 * Swedish). (A value between -0.5 and 0 shows as "-0" in Excel where Word prints "0"; conditional formats that would
 * hide the sign are read differently by Excel and LibreOffice, so we keep the plain format.)
 */
/**
 * Excel's number format; a cell's mark ("(f)") is a literal suffix, so the value stays a number. `sign: plus`:
 * Excel's positive section carries the "+" (it applies to every value above zero, so a value that rounds to zero but
 * is positive shows "+0,0" in Excel where the other formats print "0,0").
 */
function numberFormat(decimals: number, percent = false, mark?: string, plus = false): string {
  const d = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  const m = mark === undefined ? '' : `" ${mark.replace(/"/g, '')}"`;
  const p = plus ? '+' : '';
  if (percent) return plus ? `+0${d}%;-0${d}%;0${d}%` : `0${d}%`;
  return `${p}#,##0${d}${m};-#,##0${d}${m};0${d}${m}`;
}

const FONT = { name: 'Calibri', size: 11 } as const;

const HEADER_FILL = 'FFE7ECF3';
const SECTION_FILL = 'FFF2F2F2';

/** The value Excel stores for a cell, and its number format. */
export function excelValue(cell: Cell): { value: string | number | null; numFmt?: string } {
  switch (cell.kind) {
    case 'text':
      return { value: cell.text === '' ? null : cell.text };
    case 'money':
      return cell.ore === null ? { value: null } : { value: cell.ore / ORE_PER_UNIT[cell.unit], numFmt: numberFormat(cell.decimals ?? 0, false, cell.mark, cell.plus === true) };
    case 'percent':
      return cell.ratio === null ? { value: null } : { value: cell.ratio.num / cell.ratio.den, numFmt: numberFormat(cell.decimals, true, undefined, cell.plus === true) };
    case 'number':
      return cell.value === null || !Number.isFinite(cell.value) ? { value: null } : { value: cell.value, numFmt: numberFormat(cell.decimals) };
    case 'count':
      return cell.value === null ? { value: null } : { value: cell.value, numFmt: numberFormat(0) };
    case 'suppressed':
      return { value: SUPPRESSED_MARK };
    case 'status':
      return { value: `${STATUS_SYMBOL[cell.status]} ${cell.label}` };
  }
}

const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/g;

/**
 * A sheet name Excel accepts: at most 31 characters, none of []:*?/\, not starting or ending with an apostrophe,
 * not "History", unique (case-insensitively) among `taken`.
 */
export function sheetName(wanted: string, taken: ReadonlySet<string>, fallback = 'Tabell'): string {
  let base = wanted.replace(FORBIDDEN_IN_SHEET_NAME, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim();
  if (base === '' || base.toLowerCase() === 'history') base = fallback;
  const cut = (s: string, max: number) => {
    if (s.length <= max) return s;
    const head = s.slice(0, max);
    const space = head.lastIndexOf(' ');
    return (space >= max - 10 && space > 0 ? head.slice(0, space) : head).replace(/'+$/, '').trimEnd();
  };
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  let name = cut(base, 31);
  for (let n = 2; lower.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = cut(base, 31 - suffix.length) + suffix;
  }
  return name;
}

/**
 * Where a table title can be shortened without cutting a phrase: before ", ", ": ", " – " or " (", before a
 * prepositional phrase ("per augusti", "för verksamhetens …", "till förvaltning"), before a month or period
 * ("januari–juli", "rullande 12 månader") and before a year.
 */
const PHRASE_BOUNDARY =
  /(?=[,:;] )|(?= – )|(?= \()|(?= (?:per|för|till|i|inom|om|med|vid|under|rullande|januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)(?=[\s–-]|$))|(?= (?:19|20)\d\d(?!\d))/g;

const CONNECTING_WORD_AT_END = / (?:per|för|till|i|inom|om|med|vid|under|och|av|från)$/;
const STRONG_BOUNDARY_AFTER = /^(?:[,:;] | – | \()/;
const STRONG_BOUNDARY_INSIDE = /[,:;] | – | \(/;

/**
 * A table's sheet name: its section number and title when they fit Excel's 31 characters, else the number and the
 * longest head of the title that ends at a phrase boundary ("3.1 Ekonomiskt resultat" for "Ekonomiskt resultat per
 * augusti 2024", "2.3.1.1 Indikatorer" for "Indikatorer: Utveckla …") and is not taken yet; only when no such head is
 * free does the name get a number "(2)". The sheet's first cell and the about sheet hold the full title.
 */
export function tableSheetName(number: string, title: string, taken: ReadonlySet<string>, fallback = 'Tabell'): string {
  const clean = (t: string) => t.replace(FORBIDDEN_IN_SHEET_NAME, ' ').replace(/\s+/g, ' ').trim();
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  const name = (head: string) => clean(`${number} ${head}`);
  // A head ends a phrase: not on a connecting word ("Ekonomiskt resultat per"), and not a piece of the part after a
  // colon or comma ("Indikatorer: Tillsammans") unless it runs to the next colon or comma.
  const heads = [title, ...[...title.matchAll(PHRASE_BOUNDARY)].map((m) => title.slice(0, m.index)).reverse()]
    .map((h) => h.trim())
    .filter((h, i) => {
      if (clean(h) === '' || CONNECTING_WORD_AT_END.test(h)) return false;
      if (i === 0 || STRONG_BOUNDARY_AFTER.test(title.slice(h.length))) return true;
      return !STRONG_BOUNDARY_INSIDE.test(h);
    });
  const fitting = heads.filter((h) => name(h).length <= 31 && clean(h).toLowerCase() !== 'history');
  const free = fitting.find((h) => !lower.has(name(h).toLowerCase()));
  if (free !== undefined) return name(free);
  return sheetName(fitting.length > 0 ? name(fitting[0]!) : `${number} ${title}`.trim(), taken, fallback);
}

function unitsOf(table: Table): Set<DisplayUnit> {
  const units = new Set<DisplayUnit>();
  for (const row of table.rows) for (const c of row.cells) if (c.kind === 'money') units.add(c.unit);
  return units;
}

function addTableSheet(wb: ExcelJS.Workbook, name: string, table: Table, label: string, model: ReportModel): void {
  const cols = table.columns;
  const grouped = cols.some((c) => c.group !== undefined);
  const headerTop = 4;
  const headerBottom = grouped ? headerTop + 1 : headerTop;
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: headerBottom, topLeftCell: `B${headerBottom + 1}`, activeCell: `B${headerBottom + 1}` }],
    properties: { defaultRowHeight: 15 },
    pageSetup: { orientation: cols.length > 6 ? 'landscape' : 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });

  ws.getCell('A1').value = `${label}. ${table.title}`;
  ws.getCell('A1').font = { ...FONT, bold: true, size: 13 };
  ws.getCell('A2').value = `${model.meta.unit}, ${model.meta.period.span}`;
  const units = unitsOf(table);
  if (units.size === 1) ws.getCell('A2').value = `${ws.getCell('A2').value as string}. Belopp i ${UNIT_LABEL[[...units][0]!]}.`;

  const headerStyle = (cell: ExcelJS.Cell, align: 'left' | 'right' | 'center') => {
    cell.font = { ...FONT, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { horizontal: align, vertical: 'bottom', wrapText: true };
    cell.border = { bottom: { style: 'thin' }, top: { style: 'thin' } };
  };

  for (let j = 0; j < cols.length; ) {
    const col = cols[j]!;
    const letter = columnLetter(j);
    if (!grouped || col.group === undefined) {
      const cell = ws.getCell(`${letter}${headerTop}`);
      cell.value = col.header;
      if (grouped) ws.mergeCells(`${letter}${headerTop}:${letter}${headerBottom}`);
      headerStyle(cell, col.align);
      j++;
      continue;
    }
    let k = j + 1;
    while (k < cols.length && cols[k]!.group === col.group) k++;
    const top = ws.getCell(`${letter}${headerTop}`);
    top.value = col.group;
    if (k - j > 1) ws.mergeCells(`${letter}${headerTop}:${columnLetter(k - 1)}${headerTop}`);
    headerStyle(top, 'center');
    for (let m = j; m < k; m++) {
      const cell = ws.getCell(`${columnLetter(m)}${headerBottom}`);
      cell.value = cols[m]!.header;
      headerStyle(cell, cols[m]!.align);
    }
    j = k;
  }

  // Widths in Excel's character units; bold text and wide letters take more room than a digit, hence the factors.
  const widths = cols.map((c) => Math.max(...c.header.split(' ').map((w) => Math.ceil(w.length * 1.25)), Math.min(c.header.length, 14)));
  table.rows.forEach((row, i) => {
    const r = ws.getRow(headerBottom + 1 + i);
    const bold = row.emphasis !== 'normal';
    cols.forEach((col, j) => {
      const source = row.cells[j] ?? { kind: 'text', text: '' };
      const { value, numFmt } = excelValue(source);
      const cell = r.getCell(j + 1);
      // A string is always written as a string cell (exceljs writes formulas only from { formula }), so
      // "=SUMMA(…)" in a label stays text.
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
      cell.alignment = { horizontal: source.kind === 'suppressed' ? 'right' : col.align, ...(j === 0 && row.level ? { indent: row.level } : {}) };
      if (bold) cell.font = { ...FONT, bold: true };
      if (row.emphasis === 'total' || row.emphasis === 'subtotal') cell.border = { top: { style: row.emphasis === 'total' ? 'medium' : 'thin' } };
      if (row.emphasis === 'section') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SECTION_FILL } };
      const shown = typeof value === 'number' ? displayLength(source) : value === null ? 0 : String(value).length * 1.1 + (j === 0 ? (row.level ?? 0) * 2 : 0);
      widths[j] = Math.max(widths[j]!, Math.ceil(shown * (bold ? 1.1 : 1)));
    });
  });

  const notes = [...table.notes];
  const suppressed = new Set<string>();
  for (const row of table.rows) for (const c of row.cells) if (c.kind === 'suppressed') suppressed.add(c.note);
  for (const n of suppressed) notes.push(`${SUPPRESSED_MARK} = ${n}`);
  let noteRow = headerBottom + table.rows.length + 2;
  for (const note of notes) {
    const cell = ws.getCell(`A${noteRow++}`);
    cell.value = note;
    cell.font = { ...FONT, italic: true, color: { argb: 'FF595959' } };
  }

  const finalWidths = cols.map((_, j) => Math.min(60, Math.max(8, (widths[j] ?? 8) + 2)));
  ws.columns.forEach((column, j) => {
    column.width = finalWidths[j]!;
  });
  // Excel does not grow a row for wrapped text by itself when the file is written: give the header row the lines
  // its longest wrapped header needs.
  const lines = Math.max(1, ...cols.map((c, j) => wrappedLines(c.header, finalWidths[j]! / 1.2)));
  ws.getRow(headerBottom).height = 15 * lines;
}

/** How many lines a text wraps to at `width` characters, breaking between words. */
function wrappedLines(text: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    if (used > 0 && used + 1 + word.length > width) {
      lines++;
      used = word.length;
    } else used += (used > 0 ? 1 : 0) + word.length;
  }
  return lines;
}

/** Characters of a number as the report shows it, for the column width. */
function displayLength(cell: Cell): number {
  switch (cell.kind) {
    case 'money': {
      if (cell.ore === null) return 0;
      const digits = String(Math.round(Math.abs(cell.ore) / ORE_PER_UNIT[cell.unit])).length;
      const decimals = cell.decimals ?? 0;
      return digits + Math.floor((digits - 1) / 3) + (cell.ore < 0 || cell.plus ? 1 : 0) + (decimals > 0 ? decimals + 1 : 0) + (cell.mark ? cell.mark.length + 1 : 0);
    }
    case 'percent':
      return cell.ratio === null ? 0 : 6 + cell.decimals;
    case 'number':
    case 'count':
      return cell.value === null ? 0 : String(Math.round(Math.abs(cell.value))).length + 4;
    default:
      return 4;
  }
}

function addAboutSheet(wb: ExcelJS.Workbook, name: string, model: ReportModel, sheets: readonly { name: string; label: string; title: string }[]): void {
  const { meta } = model;
  const ws = wb.addWorksheet(name, { views: [{ state: 'normal', activeCell: 'A1' }] });
  ws.getCell('A1').value = documentTitle(model);
  ws.getCell('A1').font = { ...FONT, bold: true, size: 14 };
  const facts: [string, string][] = [
    ['Organisation', meta.organisation],
    ['Enhet', meta.unit],
    ['Period', meta.period.span],
    ['Rapport', `${meta.title}, ${meta.subtitle}`],
    ...(meta.diarienummer ? [['Diarienummer', meta.diarienummer] as [string, string]] : []),
    ['Rapportdatum', meta.reportDate],
  ];
  let r = 3;
  for (const [k, v] of facts) {
    ws.getCell(`A${r}`).value = k;
    ws.getCell(`A${r}`).font = { ...FONT, bold: true };
    ws.getCell(`B${r++}`).value = v;
  }
  r++;
  if (model.caveats.length > 0) {
    ws.getCell(`A${r}`).value = 'Observera';
    ws.getCell(`A${r++}`).font = { ...FONT, bold: true };
    for (const c of model.caveats) ws.getCell(`A${r++}`).value = c;
    r++;
  }
  ws.getCell(`A${r}`).value = 'Flik';
  ws.getCell(`B${r}`).value = 'Tabell';
  ws.getCell(`A${r}`).font = ws.getCell(`B${r}`).font = { ...FONT, bold: true };
  r++;
  for (const s of sheets) {
    ws.getCell(`A${r}`).value = s.name;
    ws.getCell(`B${r++}`).value = `${s.label}. ${s.title}`;
  }
  r++;
  ws.getCell(`A${r}`).value =
    'Beloppen är exakta i tabellens enhet och visas avrundade; summor i Excel kan därför skilja sig ±1 från rapportens avrundade tal.';
  ws.getCell(`A${r}`).font = { ...FONT, italic: true, color: { argb: 'FF595959' } };
  ws.getColumn(1).width = 34;
  ws.getColumn(2).width = 60;
}

/** The Excel workbook as bytes (.xlsx). Deterministic: the same model gives the same bytes. */
export async function renderXlsx(model: ReportModel): Promise<Uint8Array> {
  const { meta } = model;
  const wb = new ExcelJS.Workbook();
  const date = new Date(`${meta.reportDate.slice(0, 10)}T00:00:00Z`);
  const properties = documentProperties(model);
  wb.creator = properties.creator;
  wb.lastModifiedBy = properties.lastModifiedBy;
  wb.created = date;
  wb.modified = date;
  wb.title = properties.title;
  wb.subject = properties.subject;
  wb.company = meta.organisation;
  wb.keywords = properties.keywords;
  wb.description = properties.description;

  const aboutName = 'Om rapporten';
  const taken = new Set<string>([aboutName]);
  const sheets = numberBlocks(model).tables.map(({ table, number, section }) => {
    const name = tableSheetName(section.number, table.title, taken, table.id);
    taken.add(name);
    return { name, label: `Tabell ${number}`, title: table.title, table };
  });
  addAboutSheet(wb, aboutName, model, sheets);
  for (const s of sheets) addTableSheet(wb, s.name, s.table, s.label, model);

  // Stored, not compressed: normaliseZip compresses every part once when it writes the package again.
  const buffer = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Partial<ExcelJS.XlsxWriteOptions>);
  return normaliseZip(new Uint8Array(buffer as ArrayBuffer), { date: meta.reportDate });
}
