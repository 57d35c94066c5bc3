/**
 * Finds the placeholders of a Word template, and says where each one is in words a template author can find in
 * Word: the part (brödtexten, sidhuvudet …), the paragraph number, the character in it, the table cell, and the
 * paragraph's text.
 *
 * Word splits text into runs wherever formatting, spelling marks or editing sessions change, so `{{mnkr ekonomi.x}}`
 * is often spread over three `w:t` elements. The scanner moves each placeholder's whole text into the first of them
 * (keeping that run's formatting) and removes the pieces from the others, so afterwards every placeholder sits in one
 * `w:t` — which the row repeater and the filler can then edit as text.
 *
 * Kinds of placeholder (the syntax, documented for template authors in fixtures/templates/README.md):
 *
 *   {{uttryck}}                 inline: a variable or helper call, becomes text in the run's formatting
 *   {{> block argument}}        block: alone in a body paragraph, becomes generated content
 *   {{#rad tabell}}             first thing in a table row: the row repeats over the rows of the report's table
 *   {{#summarad tabell}}        … the row used for subtotal and total rows (optional)
 *   {{#rubrikrad tabell}}       … the row used for group heading rows (optional)
 *   {{/rad}}                    optional end marker in a repeating row; removed
 *   {{! kommentar}}             a comment for the author; removed
 */
import { isEl, type XDocument, type XElement, type XText } from './xml.js';
import { partLabel } from './package.js';

export type PlaceholderKind = 'inline' | 'block' | 'row-marker' | 'row-end' | 'comment';

export type RowRole = 'rad' | 'summarad' | 'rubrikrad';

export interface CellPosition {
  readonly table: XElement;
  readonly row: XElement;
  readonly cell: XElement;
  /** 1-based, in the part. */
  readonly tableIndex: number;
  readonly rowIndex: number;
  readonly cellIndex: number;
  /** The table is inside another table's cell. */
  readonly nested: boolean;
}

export interface Placeholder {
  readonly part: string;
  readonly kind: PlaceholderKind;
  /** The whole placeholder as written, braces included. */
  readonly raw: string;
  /** Between the braces. */
  readonly inner: string;
  readonly paragraph: XElement;
  /** 1-based, counting every paragraph of the part in reading order. */
  readonly paragraphIndex: number;
  /** 1-based character of the paragraph's text where the placeholder starts. */
  readonly column: number;
  /** The paragraph's whole text (as scanned, before anything was replaced). */
  readonly text: string;
  /** The text node of the `w:t` holding the whole placeholder (after merging). */
  readonly textNode: XText;
  /** The `w:t` element. */
  readonly textElement: XElement;
  /** Where the paragraph is, when in a table cell. */
  readonly cell?: CellPosition;
  /** The paragraph is directly in the body (or in a body-level content control), not in a table or text box. */
  readonly bodyLevel: boolean;
  /** The paragraph holds nothing but this placeholder. */
  readonly alone: boolean;
  /** Swedish: where it is, e.g. `brödtexten, stycke 12, tecken 5 ("Budgetavvikelsen är {{mnkr …")`. */
  readonly where: string;
  /** For a block: its name and arguments. */
  readonly block?: { readonly name: string; readonly args: readonly string[] };
  /** For a row marker: the role and the table id. */
  readonly rowMarker?: { readonly role: RowRole; readonly table: string };
}

/** A brace problem found while scanning (`{{` without `}}` in the paragraph, or `}}` without `{{`). */
export interface BraceProblem {
  readonly code: 'template.placeholder.unclosed' | 'template.placeholder.unopened' | 'template.placeholder.split';
  readonly part: string;
  readonly paragraphIndex: number;
  readonly column: number;
  readonly where: string;
  readonly text: string;
}

export interface ScanResult {
  readonly placeholders: Placeholder[];
  readonly problems: BraceProblem[];
}

interface Atom {
  /** The `w:t` element, or null for a tab/break (which a placeholder cannot span). */
  readonly t: XElement | null;
  readonly start: number;
  readonly text: string;
}

/** Elements whose text is not the paragraph's visible text. */
const SKIP = new Set(['w:del', 'w:delText', 'w:instrText', 'mc:Fallback', 'w:moveFrom', 'w:pPr', 'w:rPr']);

function atomsOf(p: XElement): Atom[] {
  const atoms: Atom[] = [];
  let pos = 0;
  const walk = (e: XElement) => {
    for (const c of e.children) {
      if (c.kind !== 'element') continue;
      if (c.name === 'w:p' || SKIP.has(c.name)) continue; // a nested paragraph (text box) is scanned on its own
      if (c.name === 'w:t') {
        const text = textOf(c);
        atoms.push({ t: c, start: pos, text });
        pos += text.length;
      } else if (c.name === 'w:tab' || c.name === 'w:br' || c.name === 'w:cr') {
        atoms.push({ t: null, start: pos, text: c.name === 'w:tab' ? '\t' : '\n' });
        pos += 1;
      } else walk(c);
    }
  };
  walk(p);
  return atoms;
}

function textOf(t: XElement): string {
  let s = '';
  for (const c of t.children) if (c.kind === 'text') s += c.text;
  return s;
}

/** Replaces a `w:t`'s text, keeping spaces. Returns its (single) text node. */
export function setText(t: XElement, text: string): XText {
  const node: XText = { kind: 'text', text };
  t.children = text === '' ? [] : [node];
  if (!t.attrs.some(([k]) => k === 'xml:space')) t.attrs.push(['xml:space', 'preserve']);
  return node;
}

function atomAt(atoms: readonly Atom[], offset: number): number {
  // The atom containing character `offset` (atoms are in order and contiguous).
  let lo = 0;
  let hi = atoms.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (atoms[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  // Skip empty atoms that start at the same offset.
  while (lo < atoms.length - 1 && atoms[lo]!.text.length === 0) lo++;
  return lo;
}

interface Span {
  readonly start: number;
  readonly end: number; // exclusive
}

function findSpans(text: string, onProblem: (code: BraceProblem['code'], at: number) => void): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    const close = text.indexOf('}}', i);
    if (close >= 0 && (open < 0 || close < open)) {
      onProblem('template.placeholder.unopened', close);
      i = close + 2;
      continue;
    }
    if (open < 0) break;
    const triple = text[open + 2] === '{';
    let end = text.indexOf(triple ? '}}}' : '}}', open + 2);
    const nextOpen = text.indexOf('{{', open + (triple ? 3 : 2));
    if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
      onProblem('template.placeholder.unclosed', open);
      i = open + 2;
      continue;
    }
    end += triple ? 3 : 2;
    spans.push({ start: open, end });
    i = end;
  }
  return spans;
}

const BLOCK = /^>\s*(\S+)(?:\s+([\s\S]*?))?\s*$/;
const ROW_MARKER = /^#\s*(rad|summarad|rubrikrad)\s+(\S+)\s*$/;
const ROW_END = /^\/\s*(rad|summarad|rubrikrad)\s*$/;

function classify(inner: string): Pick<Placeholder, 'kind' | 'block' | 'rowMarker'> {
  const t = inner.trim();
  if (t.startsWith('!')) return { kind: 'comment' };
  const b = BLOCK.exec(t);
  if (b) return { kind: 'block', block: { name: b[1]!, args: (b[2] ?? '').split(/\s+/).filter((s) => s !== '') } };
  const r = ROW_MARKER.exec(t);
  if (r) return { kind: 'row-marker', rowMarker: { role: r[1] as RowRole, table: r[2]! } };
  if (ROW_END.test(t)) return { kind: 'row-end' };
  return { kind: 'inline' };
}

function snippet(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > 70 ? `${s.slice(0, 67)}…` : s;
}

function describe(part: string, paragraphIndex: number, column: number, cell: CellPosition | undefined, shortText: string): string {
  const parts = [partLabel(part), `stycke ${paragraphIndex}`];
  if (cell) parts.push(`tabell ${cell.tableIndex} rad ${cell.rowIndex} cell ${cell.cellIndex}`);
  parts.push(`tecken ${column}`);
  return `${parts.join(', ')} ("${shortText}")`;
}

/**
 * Scans one part (its parsed XML) and merges every placeholder into a single `w:t`. Mutates the tree.
 */
export function scanPart(part: string, doc: XDocument): ScanResult {
  const placeholders: Placeholder[] = [];
  const problems: BraceProblem[] = [];
  let paragraphIndex = 0;
  const tableIndex = new Map<XElement, number>();

  const visit = (node: XElement, ancestors: XElement[]) => {
    if (node.name === 'w:tbl') tableIndex.set(node, tableIndex.size + 1);
    if (node.name === 'w:p') {
      paragraphIndex++;
      scanParagraph(node, ancestors, paragraphIndex);
    }
    ancestors.push(node);
    for (const c of node.children) if (isEl(c)) visit(c, ancestors);
    ancestors.pop();
  };

  const scanParagraph = (p: XElement, ancestors: readonly XElement[], index: number) => {
    const atoms = atomsOf(p);
    const full = atoms.map((a) => a.text).join('');
    if (!full.includes('{{') && !full.includes('}}')) return;
    const cell = cellOf(ancestors, tableIndex);
    const short = snippet(full.slice(0, 400));
    const spans = findSpans(full, (code, at) => problems.push({ code, part, paragraphIndex: index, column: at + 1, where: describe(part, index, at + 1, cell, short), text: full.slice(at, at + 40) }));
    // Merge from the last placeholder to the first: a later placeholder only rewrites text after an earlier one's
    // end, so the earlier one's offsets into the (current) text of its atoms stay valid.
    const current = new Map<XElement, string>();
    const textNow = (atom: Atom) => current.get(atom.t!) ?? atom.text;
    const merged: { span: Span; t: XElement }[] = [];
    for (let k = spans.length - 1; k >= 0; k--) {
      const span = spans[k]!;
      const a = atomAt(atoms, span.start);
      const b = atomAt(atoms, span.end - 1);
      if (atoms.slice(a, b + 1).some((x) => x.t === null)) {
        problems.push({ code: 'template.placeholder.split', part, paragraphIndex: index, column: span.start + 1, where: describe(part, index, span.start + 1, cell, short), text: full.slice(span.start, span.end) });
        continue;
      }
      const first = atoms[a]!;
      const last = atoms[b]!;
      if (a !== b) {
        const raw = full.slice(span.start, span.end);
        const after = textNow(last).slice(span.end - last.start);
        current.set(first.t!, textNow(first).slice(0, span.start - first.start) + raw);
        for (let m = a + 1; m < b; m++) current.set(atoms[m]!.t!, '');
        current.set(last.t!, after);
      } else current.set(first.t!, textNow(first));
      merged.push({ span, t: first.t! });
    }
    merged.reverse();
    for (const [t, text] of current) setText(t, text);
    const bodyLevel = ancestors.every((e) => e.name === 'w:document' || e.name === 'w:body' || e.name === 'w:sdt' || e.name === 'w:sdtContent' || e.name === 'w:customXml');
    const alone = spans.length === 1 && full.trim() === full.slice(spans[0]!.start, spans[0]!.end);
    for (const { span, t } of merged) {
      const node = t.children.find((c): c is XText => c.kind === 'text') ?? setText(t, '');
      const raw = full.slice(span.start, span.end);
      const inner = raw.startsWith('{{{') && raw.endsWith('}}}') ? raw.slice(2, -2) : raw.slice(2, -2);
      placeholders.push({
        part,
        ...classify(inner),
        raw,
        inner,
        paragraph: p,
        paragraphIndex: index,
        column: span.start + 1,
        text: full,
        textNode: node,
        textElement: t,
        ...(cell ? { cell } : {}),
        bodyLevel,
        alone,
        where: describe(part, index, span.start + 1, cell, short),
      });
    }
  };

  for (const c of doc.children) if (isEl(c)) visit(c, []);
  return { placeholders, problems };
}

function cellOf(ancestors: readonly XElement[], tableIndex: ReadonlyMap<XElement, number>): CellPosition | undefined {
  for (let i = ancestors.length - 1; i >= 2; i--) {
    const cell = ancestors[i]!;
    if (cell.name !== 'w:tc') continue;
    const row = ancestors[i - 1]!;
    const table = ancestors[i - 2]!;
    if (row.name !== 'w:tr' || table.name !== 'w:tbl') return undefined;
    const rows = table.children.filter((c): c is XElement => isEl(c, 'w:tr'));
    const cells = row.children.filter((c): c is XElement => isEl(c, 'w:tc'));
    return {
      table,
      row,
      cell,
      tableIndex: tableIndex.get(table) ?? 0,
      rowIndex: rows.indexOf(row) + 1,
      cellIndex: cells.indexOf(cell) + 1,
      nested: ancestors.slice(0, i - 2).some((e) => e.name === 'w:tc'),
    };
  }
  return undefined;
}

/**
 * Replaces placeholders' text in their `w:t`s in one pass per text node, so a value that happens to contain
 * placeholder text is never replaced again. `valueOf` returns the new text (or the raw text to keep it).
 */
export function rewritePlaceholders(placeholders: readonly Placeholder[], valueOf: (ph: Placeholder) => string): void {
  const byNode = new Map<XText, Placeholder[]>();
  for (const ph of placeholders) {
    const list = byNode.get(ph.textNode);
    if (list) list.push(ph);
    else byNode.set(ph.textNode, [ph]);
  }
  for (const [node, list] of byNode) {
    const original = node.text;
    let out = '';
    let cursor = 0;
    for (const ph of list) {
      const i = original.indexOf(ph.raw, cursor);
      if (i < 0) continue;
      out += original.slice(cursor, i) + valueOf(ph);
      cursor = i + ph.raw.length;
    }
    node.text = out + original.slice(cursor);
  }
}

