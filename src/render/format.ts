/**
 * A report-model cell as the Word, Markdown and template renderers print it. The number formatting itself (rounding
 * each figure on its own, Swedish grouping and decimals) lives in `src/model/format.ts`, shared with the report builder.
 */
import type { Cell } from '../report/model.js';
import { formatMoney, formatNumber, formatPercent, formatScaled, NBSP, STATUS_SYMBOL, SUPPRESSED_MARK } from '../model/format.js';

/** The text of a cell as the Word and Markdown renderers print it. */
export function formatCell(cell: Cell, sep = NBSP): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'money': {
      const text = formatMoney(cell.ore, cell.unit, cell.decimals ?? 0, sep);
      // A mark (a proposed forecast's "(f)") follows a figure, never a blank cell, after the grouping separator (NBSP in Word).
      return cell.mark !== undefined && text !== '' ? `${text}${sep}${cell.mark}` : text;
    }
    case 'percent':
      return formatPercent(cell.ratio, cell.decimals, sep);
    case 'number':
      return formatNumber(cell.value, cell.decimals, sep);
    case 'count':
      return cell.value === null ? '' : formatScaled(BigInt(cell.value), 0, sep);
    case 'suppressed':
      return SUPPRESSED_MARK;
    case 'status':
      return `${STATUS_SYMBOL[cell.status]} ${cell.label}`;
  }
}
