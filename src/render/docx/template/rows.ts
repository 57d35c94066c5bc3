/**
 * Table rows designed in Word that repeat over a report table's rows. The syntax (first text of the row's first cell):
 *
 *   {{#rad investeringar}}{{kolumn 1}}   | {{kolumn 2}} | {{kolumn 3}} | …    the row for ordinary rows
 *   {{#summarad investeringar}}{{kolumn 1}} | …                               for subtotal and total rows (optional)
 *   {{#rubrikrad resultat}}{{kolumn 1}} | …                                   for group heading rows (optional)
 *
 * `{{kolumn N}}` is the report table's N-th cell of the row, as the report prints it (Swedish number format, status
 * symbol and word); any other inline placeholder can be used in the row too. Each report row becomes a copy of the
 * template row of its kind, keeping all of its formatting (fonts, shading, borders, alignment); rows of a kind without
 * its own template row use the `{{#rad}}` row. The template's other rows — its header, a note row — stay as they are.
 *
 * Implemented on the template's XML before `patchDocument` runs: the template rows are cloned, each clone's
 * placeholders are replaced by their text in the same `w:t` (the scanner has put each placeholder in one), ids that
 * must be unique in a document (bookmarks, Word's paragraph ids) are dropped from the clones, and the template rows are
 * removed.
 */
import { formatCell } from '../../format.js';
import type { Row, Table } from '../../../report/model.js';
import { BudgetExceeded, type Budget, type ExpressionRunner } from './expressions.js';
import type { RowGroup } from './findings.js';
import { rewritePlaceholders, type Placeholder, type RowRole } from './scan.js';
import { isEl, type XElement, type XNode, type XText } from './xml.js';

function roleOf(row: Row): RowRole {
  return row.emphasis === 'total' || row.emphasis === 'subtotal' ? 'summarad' : row.emphasis === 'section' ? 'rubrikrad' : 'rad';
}

/** Deep copy of a row, with the map from the original's text nodes to the copy's. */
function cloneRow(row: XElement): { clone: XElement; texts: Map<XText, XText> } {
  const texts = new Map<XText, XText>();
  const copy = (node: XNode): XNode | null => {
    if (node.kind === 'text') {
      const t: XText = { kind: 'text', text: node.text };
      texts.set(node, t);
      return t;
    }
    if (node.kind === 'raw') return node;
    if (node.name === 'w:bookmarkStart' || node.name === 'w:bookmarkEnd') return null;
    return {
      kind: 'element',
      name: node.name,
      attrs: node.attrs.filter(([k]) => k !== 'w14:paraId' && k !== 'w14:textId').map(([k, v]) => [k, v]),
      children: node.children.map(copy).filter((c): c is XNode => c !== null),
    };
  };
  return { clone: copy(row) as XElement, texts };
}

function contains(ancestor: XElement, target: XElement): boolean {
  for (const c of ancestor.children) {
    if (c === target) return true;
    if (isEl(c) && contains(c, target)) return true;
  }
  return false;
}

export interface RowFillResult {
  /** The report has no such table: the template table was removed. */
  readonly missing: boolean;
  /** Errors of placeholders in the rows (runtime), as placeholder + Swedish detail. */
  readonly failures: { readonly placeholder: Placeholder; readonly detail: string }[];
}

/**
 * Repeats a group's template rows over the report table. `placeholders` are all placeholders of the part; those in
 * the template rows are used. `parentOf` finds the element holding the template table (to remove it when missing).
 */
export function fillRepeatingRows(
  group: RowGroup,
  table: Table | undefined,
  placeholders: readonly Placeholder[],
  runner: ExpressionRunner,
  budget: Budget,
  parentOf: (e: XElement) => XElement | undefined,
  counter: { count: number },
): RowFillResult {
  const templateRows = [...group.rows.values()].map((r) => r.row);
  if (!table) {
    const parent = parentOf(group.table);
    if (parent) parent.children = parent.children.filter((c) => c !== group.table);
    return { missing: true, failures: [] };
  }
  const inRow = new Map<XElement, Placeholder[]>();
  for (const row of templateRows) inRow.set(row, placeholders.filter((ph) => contains(row, ph.textElement)));
  const base = group.rows.get('rad') ?? group.rows.get('summarad') ?? group.rows.get('rubrikrad')!;

  const failures: RowFillResult['failures'] = [];
  const copies: XElement[] = [];
  for (const row of table.rows) {
    budget.checkTime();
    if (++counter.count > budget.limits.maxRepeatedRows) throw new BudgetExceeded(`upprepade tabellrader blir fler än ${budget.limits.maxRepeatedRows}`);
    const template = (group.rows.get(roleOf(row)) ?? base).row;
    const { clone, texts } = cloneRow(template);
    const cells = row.cells.map((c) => formatCell(c));
    const list = (inRow.get(template) ?? []).flatMap((ph) => {
      const node = texts.get(ph.textNode);
      return node ? [{ ...ph, textNode: node }] : [];
    });
    rewritePlaceholders(list, (ph) => {
      if (ph.kind !== 'inline') return '';
      try {
        return runner.run(ph.inner, { cells });
      } catch (e) {
        if (e instanceof BudgetExceeded) throw e;
        failures.push({ placeholder: ph, detail: (e as Error).message });
        return '';
      }
    });
    copies.push(clone);
  }
  // The copies go where the first template row was; the template rows go.
  const first = templateRows.reduce((a, b) => (group.table.children.indexOf(a) <= group.table.children.indexOf(b) ? a : b));
  const at = group.table.children.indexOf(first);
  group.table.children = [
    ...group.table.children.slice(0, at).filter((c) => !templateRows.includes(c as XElement)),
    ...copies,
    ...group.table.children.slice(at).filter((c) => !templateRows.includes(c as XElement)),
  ];
  return { missing: false, failures };
}
