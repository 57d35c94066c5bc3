import { describe, expect, test } from 'vitest';
import { planTable } from '../../src/render/docx/table.js';
import { TEXT_WIDTH } from '../../src/render/docx/styles.js';
import { textWidthTwips } from '../../src/render/docx/text-width.js';
import { formatCell } from '../../src/render/format.js';
import type { Table } from '../../src/report/model.js';
import { netCostTable, resultTable, tkr, text } from '../helpers/sample-report.js';

/** Every figure of a right-aligned column fits on one line in its column (bold for emphasised rows). */
function figuresFit(table: Table, widths: readonly number[], size: number): void {
  table.columns.forEach((col, j) => {
    if (col.align !== 'right') return;
    for (const row of table.rows) {
      const t = formatCell(row.cells[j]!);
      expect(textWidthTwips(t, size / 2, row.emphasis !== 'normal') + 2 * 70, `${t} i kolumn ${col.header}`).toBeLessThanOrEqual(widths[j]!);
    }
  });
}

describe('planTable', () => {
  test('the result table fits a portrait page, every figure on one line', () => {
    const table = resultTable();
    const plan = planTable(table);
    expect(plan.orientation).toBe('portrait');
    expect(plan.widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_WIDTH.portrait);
    figuresFit(table, plan.widths, plan.size);
  });

  test('a narrow table spans the text width at 9 pt, the labels taking the room left', () => {
    const table = netCostTable();
    const plan = planTable(table);
    expect(plan.size).toBe(18);
    expect(plan.widths.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH.portrait);
    expect(plan.widths[0]).toBeGreaterThan(textWidthTwips('Regionövergripande verksamhet', 9, true));
    figuresFit(table, plan.widths, plan.size);
  });

  test('a table with many figure columns goes landscape; figures still never wrap', () => {
    const wide: Table = {
      type: 'table',
      id: 'manader',
      title: 'Per månad',
      columns: [{ header: 'Konto', align: 'left' }, ...Array.from({ length: 13 }, (_, i) => ({ header: `M${i + 1}`, align: 'right' as const }))],
      rows: [{ cells: [text('Personal'), ...Array.from({ length: 13 }, () => tkr(-12_345_678))], emphasis: 'total' }],
      notes: [],
    };
    const plan = planTable(wide);
    expect(plan.orientation).toBe('landscape');
    figuresFit(wide, plan.widths, plan.size);
  });
});
