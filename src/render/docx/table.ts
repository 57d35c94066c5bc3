/**
 * Renders a neutral report table as a Word table: a caption above, repeating header rows (two lines where columns are
 * grouped), right-aligned Swedish figures in columns just wide enough for their widest figure, emphasised section,
 * subtotal and total rows, and the table's notes below in a smaller style.
 *
 * Column widths are planned from estimated text widths (`text-width.ts`): right-aligned figure columns get the width
 * of their widest figure and never wrap; text columns share what is left and may wrap between words. A table too wide
 * for the page at 9 pt is tried at 8 pt, then on a landscape page.
 */
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table as DocxTable,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
  type ITableCellBorders,
} from 'docx';
import { STATUS_SYMBOL } from '../../model/format.js';
import { formatCell } from '../format.js';
import type { Cell, Column, Row, Table } from '../../report/model.js';
import { COLOR, SIZE, STATUS_COLOR, STYLE, TEXT_WIDTH } from './styles.js';
import { longestWordTwips, textWidthTwips, twoLineWidthTwips } from './text-width.js';

export type Orientation = 'portrait' | 'landscape';

export interface TablePlan {
  /** Grid column widths in twips. */
  readonly widths: readonly number[];
  /** Font size in half-points. */
  readonly size: number;
  readonly orientation: Orientation;
}

/** Cell margins left and right (twips), and a small safety margin so a figure never wraps on a rounding difference. */
const CELL_MARGIN = 70;
const PAD = 2 * CELL_MARGIN + 30;
const INDENT_PER_LEVEL = 170;
const MIN_TEXT_COLUMN = 1100;

function cellsOf(table: Table, row: Row): readonly Cell[] {
  return row.cells.length >= table.columns.length
    ? row.cells
    : [...row.cells, ...Array.from({ length: table.columns.length - row.cells.length }, (): Cell => ({ kind: 'text', text: '' }))];
}

interface ColumnNeed {
  readonly right: boolean;
  /** Width the column needs on one line (twips, with padding). */
  readonly natural: number;
  /** Narrowest width without breaking a word or figure. */
  readonly min: number;
  /** For a figure column: wide enough for its header on at most two lines (used when there is room). */
  readonly comfortable: number;
}

function measureColumns(table: Table, size: number): ColumnNeed[] {
  const pt = size / 2;
  return table.columns.map((column: Column, j) => {
    const right = column.align === 'right';
    let natural = textWidthTwips(column.header, pt, true);
    let min = longestWordTwips(column.header, pt, true);
    for (const row of table.rows) {
      const cell = cellsOf(table, row)[j]!;
      const text = formatCell(cell);
      if (text === '') continue;
      const bold = row.emphasis !== 'normal';
      const indent = j === 0 ? (row.level ?? 0) * INDENT_PER_LEVEL : 0;
      const full = textWidthTwips(text, pt, bold) + indent;
      natural = Math.max(natural, full);
      // A figure (or any cell of a right-aligned column) never wraps; text may wrap between words.
      min = Math.max(min, right || cell.kind !== 'text' ? full : longestWordTwips(text, pt, bold) + indent);
    }
    // A figure column is exactly as wide as its widest figure or header word: its header may wrap, figures never.
    if (right) return { right, natural: min + PAD, min: min + PAD, comfortable: Math.max(min, twoLineWidthTwips(column.header, pt, true)) + PAD };
    const textMin = Math.min(natural, Math.max(min, MIN_TEXT_COLUMN)) + PAD;
    return { right, natural: natural + PAD, min: textMin, comfortable: textMin };
  });
}

/** Widens the last column of each group so the group's longest word fits over its columns. */
function fitGroups(table: Table, widths: number[], size: number): void {
  const cols = table.columns;
  for (let j = 0; j < cols.length; ) {
    const group = cols[j]!.group;
    let k = j + 1;
    while (group !== undefined && k < cols.length && cols[k]!.group === group) k++;
    if (group !== undefined) {
      const span = widths.slice(j, k).reduce((a, b) => a + b, 0);
      const need = longestWordTwips(group, size / 2, true) + PAD;
      if (need > span) widths[k - 1]! += need - span;
    }
    j = k;
  }
}

/**
 * Column widths at a font size, or null when the table does not fit. `wrap` lets text columns wrap between words;
 * without it every text column gets its natural one-line width.
 */
function planAt(table: Table, size: number, available: number, wrap: boolean): number[] | null {
  const needs = measureColumns(table, size);
  const widths = needs.map((n) => n.min);
  fitGroups(table, widths, size);
  const fixed = needs.reduce((s, n, j) => s + (n.right ? widths[j]! : 0), 0);
  const textCols = needs.map((n, j) => (n.right ? -1 : j)).filter((j) => j >= 0);
  if (textCols.length === 0) {
    const total = widths.reduce((a, b) => a + b, 0);
    return total <= available ? widths : null;
  }
  const remaining = available - fixed;
  const naturalSum = textCols.reduce((s, j) => s + Math.max(widths[j]!, needs[j]!.natural), 0);
  if (naturalSum <= remaining) {
    for (const j of textCols) widths[j] = Math.max(widths[j]!, needs[j]!.natural);
    // Room to spare: first let figure columns' headers fit on two lines, then the first text column (the row
    // labels) takes the rest, so the table spans the text width.
    let spare = remaining - naturalSum;
    needs.forEach((n, j) => {
      if (!n.right || spare <= 0) return;
      const more = Math.min(spare, Math.max(0, n.comfortable - widths[j]!));
      widths[j] = widths[j]! + more;
      spare -= more;
    });
    widths[textCols[0]!]! += spare;
    return widths;
  }
  if (!wrap) return null;
  const minSum = textCols.reduce((s, j) => s + widths[j]!, 0);
  if (minSum > remaining) return null;
  const spare = remaining - minSum;
  const want = naturalSum - minSum;
  for (const j of textCols) widths[j] = widths[j]! + Math.floor(((Math.max(widths[j]!, needs[j]!.natural) - widths[j]!) * spare) / want);
  return widths;
}

/**
 * Chooses font size, orientation and column widths: the first that fits of 9 pt and 8 pt with every label on one
 * line, then 9 pt and 8 pt with labels wrapping, then the same on a landscape page.
 */
export function planTable(table: Table): TablePlan {
  const tries: [number, Orientation, boolean][] = [
    [SIZE.table, 'portrait', false],
    [SIZE.tableSmall, 'portrait', false],
    [SIZE.table, 'portrait', true],
    [SIZE.tableSmall, 'portrait', true],
    [SIZE.table, 'landscape', false],
    [SIZE.table, 'landscape', true],
    [SIZE.tableSmall, 'landscape', true],
  ];
  for (const [size, orientation, wrap] of tries) {
    const widths = planAt(table, size, TEXT_WIDTH[orientation], wrap);
    if (widths) return { widths, size, orientation };
  }
  // Wider than a landscape page even at 8 pt: figures keep their width, text columns their narrowest.
  const needs = measureColumns(table, SIZE.tableSmall);
  const widths = needs.map((n) => n.min);
  fitGroups(table, widths, SIZE.tableSmall);
  return { widths, size: SIZE.tableSmall, orientation: 'landscape' };
}

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };

function line(size: number, color: string, style: IBorderOptions['style'] = BorderStyle.SINGLE): IBorderOptions {
  return { style, size, color };
}

/** A right-aligned column's alignment; left is the paragraph default and is not written. */
function alignmentOf(column: Column): { alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } {
  return column.align === 'right' ? { alignment: AlignmentType.RIGHT } : {};
}

/**
 * Run formatting that differs from the table text style: bold, and the size when the table is set smaller. A report
 * has about a thousand cells; leaving out what the style already says keeps the file small and quick to write.
 */
function runFormat(bold: boolean, size: number): { bold?: true; size?: number } {
  return { ...(bold ? { bold: true } : {}), ...(size !== SIZE.table ? { size } : {}) };
}

function runsOf(cell: Cell, bold: boolean, size: number): TextRun[] {
  const base = runFormat(bold, size);
  if (cell.kind === 'status') {
    // The symbol's colour adds to, never replaces, its shape and word.
    return [new TextRun({ ...base, text: STATUS_SYMBOL[cell.status], color: STATUS_COLOR[cell.status] }), new TextRun({ ...base, text: ` ${cell.label}` })];
  }
  const text = formatCell(cell);
  // A line break in a cell's text (a goal's title and who it is addressed to) is a line break in Word, not a space.
  return text === '' ? [] : text.split(/\r?\n/).map((line, i) => new TextRun({ ...base, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

function headerCell(text: string, column: Column, width: number, size: number, extra: { columnSpan?: number; rowSpan?: number; bottom?: IBorderOptions }): TableCell {
  const borders: ITableCellBorders = { top: line(8, COLOR.rule), bottom: extra.bottom ?? line(8, COLOR.rule) };
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: { type: 'clear', color: 'auto', fill: COLOR.headerFill },
    verticalAlign: VerticalAlignTable.BOTTOM,
    borders,
    ...(extra.columnSpan && extra.columnSpan > 1 ? { columnSpan: extra.columnSpan } : {}),
    ...(extra.rowSpan && extra.rowSpan > 1 ? { rowSpan: extra.rowSpan } : {}),
    children: [
      new Paragraph({
        style: STYLE.tableText,
        ...(extra.columnSpan && extra.columnSpan > 1 ? { alignment: AlignmentType.CENTER } : alignmentOf(column)),
        children: [new TextRun({ text, ...runFormat(true, size) })],
      }),
    ],
  });
}

function headerRows(table: Table, plan: TablePlan): TableRow[] {
  const cols = table.columns;
  const grouped = cols.some((c) => c.group !== undefined);
  if (!grouped) {
    return [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        keepNext: true,
        children: cols.map((c, j) => headerCell(c.header, c, plan.widths[j]!, plan.size, {})),
      }),
    ];
  }
  const top: TableCell[] = [];
  const second: TableCell[] = [];
  for (let j = 0; j < cols.length; ) {
    const col = cols[j]!;
    if (col.group === undefined) {
      // An ungrouped column's header spans both header lines.
      top.push(headerCell(col.header, col, plan.widths[j]!, plan.size, { rowSpan: 2 }));
      j++;
      continue;
    }
    let k = j + 1;
    while (k < cols.length && cols[k]!.group === col.group) k++;
    const span = plan.widths.slice(j, k).reduce((a, b) => a + b, 0);
    top.push(headerCell(col.group, col, span, plan.size, { columnSpan: k - j, bottom: line(4, COLOR.rule) }));
    for (let m = j; m < k; m++) second.push(headerCell(cols[m]!.header, cols[m]!, plan.widths[m]!, plan.size, {}));
    j = k;
  }
  return [
    new TableRow({ tableHeader: true, cantSplit: true, keepNext: true, children: top }),
    new TableRow({ tableHeader: true, cantSplit: true, keepNext: true, children: second }),
  ];
}

function bodyRow(table: Table, row: Row, plan: TablePlan): TableRow {
  const bold = row.emphasis !== 'normal';
  // Rows are ruled by the table's own thin inside border; an emphasised row has a heavier rule above it.
  const top = row.emphasis === 'total' ? line(12, COLOR.text) : row.emphasis === 'subtotal' ? line(6, COLOR.rule) : row.emphasis === 'section' ? line(4, COLOR.rule) : undefined;
  const cells = cellsOf(table, row).slice(0, table.columns.length);
  return new TableRow({
    cantSplit: true,
    children: cells.map((cell, j) => {
      const column = table.columns[j]!;
      const indent = j === 0 && row.level ? row.level * INDENT_PER_LEVEL : 0;
      return new TableCell({
        ...(top ? { borders: { top } } : {}),
        ...(row.emphasis === 'section' ? { shading: { type: 'clear', color: 'auto', fill: COLOR.sectionFill } } : {}),
        children: [
          new Paragraph({
            style: STYLE.tableText,
            ...alignmentOf(column),
            ...(indent > 0 ? { indent: { left: indent } } : {}),
            children: runsOf(cell, bold, plan.size),
          }),
        ],
      });
    }),
  });
}

/** Footnotes of suppressed cells, once each, as "– = …". */
function suppressedNotes(table: Table): string[] {
  const notes = new Set<string>();
  for (const row of table.rows) for (const cell of row.cells) if (cell.kind === 'suppressed') notes.add(cell.note);
  return [...notes].map((n) => `${formatCell({ kind: 'suppressed', note: n })} = ${n}`);
}

export interface TableContext {
  /** "Tabell 3" — the table's number in the document. */
  readonly label: string;
}

/** Caption, table and notes, in order. */
export function tableToDocx(table: Table, plan: TablePlan, ctx: TableContext): (Paragraph | DocxTable)[] {
  const total = plan.widths.reduce((a, b) => a + b, 0);
  // Short tables are kept on one page with their caption; long ones break between rows, repeating the header.
  // Header rows are kept with the first body row, so a header is never alone at a page's foot. (Keeping whole tables
  // together with keep-with-next on every row would more than double the page-layout time of the table of contents.)
  const rows = [...headerRows(table, plan), ...table.rows.map((row) => bodyRow(table, row, plan))];
  const docxTable = new DocxTable({
    rows,
    width: { size: total, type: WidthType.DXA },
    columnWidths: [...plan.widths],
    layout: TableLayoutType.FIXED,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 20, bottom: 20 },
    borders: {
      top: line(8, COLOR.rule),
      bottom: line(8, COLOR.rule),
      left: NONE,
      right: NONE,
      insideHorizontal: line(2, 'BFBFBF'),
      insideVertical: NONE,
    },
  });
  const notes = [...table.notes, ...suppressedNotes(table)];
  return [
    ...(table.title === '' ? [] : [new Paragraph({ style: STYLE.caption, children: [new TextRun(`${ctx.label}. ${table.title}`)] })]),
    docxTable,
    // The notes, the first a little below the table and the last with room before the text that follows.
    ...(notes.length === 0 ? [''] : notes).map(
      (n, i, all) =>
        new Paragraph({
          style: STYLE.tableNote,
          spacing: { before: i === 0 ? 80 : 40, after: i === all.length - 1 ? 200 : 40 },
          children: n === '' ? [] : [new TextRun(n)],
        }),
    ),
  ];
}
