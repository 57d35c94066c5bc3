/**
 * A report-model cell as the Word, Markdown and template renderers print it. The number formatting itself (rounding
 * each figure on its own, Swedish grouping and decimals) lives in `src/model/format.ts`, shared with the report builder.
 */
import type { Cell } from '../report/model.js';
import { formatMoney, formatNumber, formatPercent, formatScaled, NBSP, STATUS_SYMBOL, SUPPRESSED_MARK } from '../model/format.js';

/**
 * "+" before a printed figure above zero when the layout asks for it (`sign: plus`): decided on the printed text, so
 * a value that rounds to zero stays "0,0" and a negative one keeps its minus.
 */
function withPlus(text: string, plus: true | undefined): string {
  return plus && /[1-9]/.test(text) && !/^[-−]/.test(text) ? `+${text}` : text;
}

/** The text of a cell as the Word and Markdown renderers print it. */
export function formatCell(cell: Cell, sep = NBSP): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'money': {
      const text = withPlus(formatMoney(cell.ore, cell.unit, cell.decimals ?? 0, sep), cell.plus);
      // A mark (a proposed forecast's "(f)") follows a figure, never a blank cell, after the grouping separator (NBSP in Word).
      return cell.mark !== undefined && text !== '' ? `${text}${sep}${cell.mark}` : text;
    }
    case 'percent':
      return withPlus(formatPercent(cell.ratio, cell.decimals, sep), cell.plus);
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
