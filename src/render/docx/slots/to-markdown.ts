/**
 * Word content → narrative Markdown: the inverse of `markdownToDocx` for what people write in a text slot.
 *
 * Paragraphs, **bold**, *italic*, `code` (Consolas), links, line breaks, headings (by the built-in style name
 * "heading N", whatever the style's id or the user's language), bullet and numbered lists (from the numbering part:
 * a level whose format is "bullet" is a bullet list, any other a numbered one; nesting by level), block quotes and
 * simple tables (a pipe table, first row as header, a column right-aligned when its first body cell is).
 *
 * Word as it saves: runs split by spelling and grammar marks (`w:proofErr`), revision ids (`w:rsid…`), bookmarks and
 * smart tags are read through; runs with the same formatting are joined before markers are written, so a split run
 * gives the same Markdown as a whole one.
 *
 * Tracked changes (`w:ins`, `w:del`, `w:moveTo`, `w:moveFrom`, inserted or deleted paragraph marks and table rows,
 * formatting changes) are all accepted or all refused (`revisions`), never some of each. Comments are left out and
 * counted; pictures and footnotes are left out and named, so the caller can say so.
 */
import { attr, childEls, firstChild, isEl, type XElement, type XNode } from '../template/xml.js';
import { MISSING_MARKER } from './slot.js';

/** What the reader needs from the rest of the package: styles, numbering formats, hyperlink targets. */
export interface PackageContext {
  /** Style id → its built-in or given name (lower case) and the style it is based on. */
  readonly styles: ReadonlyMap<string, { readonly name: string; readonly basedOn?: string; readonly numId?: string; readonly ilvl?: number }>;
  /** numId → level → numFmt ("bullet", "decimal", …). */
  readonly numbering: ReadonlyMap<string, ReadonlyMap<number, string>>;
  /** Relationship id → target (hyperlinks). */
  readonly links: ReadonlyMap<string, string>;
}

export type RevisionChoice = 'accept' | 'reject';

export interface SlotText {
  readonly markdown: string;
  /** Tracked changes met in the content (each insertion, deletion, move or formatting change). */
  readonly revisions: number;
  /** Comments anchored in the content. */
  readonly comments: number;
  /** Kinds of content that Markdown cannot carry and were left out ("bild", "fotnot"). */
  readonly dropped: readonly string[];
}

interface Inline {
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly code: boolean;
  readonly link?: string;
  /** A line break (text is empty). */
  readonly br?: boolean;
}

type Para =
  | { kind: 'p'; inlines: Inline[]; heading?: number; list?: { ordered: boolean; level: number }; quote: boolean; mergeNext: boolean }
  | { kind: 'table'; rows: string[][]; right: boolean[] };

interface RunState {
  bold: boolean;
  italic: boolean;
  code: boolean;
  link?: string;
}

class Reader {
  revisions = 0;
  comments = new Set<string>();
  dropped = new Set<string>();
  /** Inside a complex field: skip the instruction, keep the result. */
  private fieldDepth: ('code' | 'result')[] = [];

  constructor(
    private readonly ctx: PackageContext,
    private readonly choice: RevisionChoice,
  ) {}

  blocks(elements: readonly XNode[]): Para[] {
    const out: Para[] = [];
    for (const e of elements) {
      if (!isEl(e)) continue;
      switch (e.name) {
        case 'w:p':
          out.push(this.paragraph(e));
          break;
        case 'w:tbl':
          out.push(this.table(e));
          break;
        case 'w:sdt':
          out.push(...this.blocks(firstChild(e, 'w:sdtContent')?.children ?? []));
          break;
        case 'w:customXml':
        case 'w:smartTag':
          out.push(...this.blocks(e.children));
          break;
        case 'w:ins':
        case 'w:moveTo':
          this.revisions++;
          if (this.choice === 'accept') out.push(...this.blocks(e.children));
          break;
        case 'w:del':
        case 'w:moveFrom':
          this.revisions++;
          if (this.choice === 'reject') out.push(...this.blocks(e.children));
          break;
        case 'w:commentRangeStart':
          this.comments.add(attr(e, 'w:id') ?? String(this.comments.size));
          break;
        default:
          break;
      }
    }
    return out;
  }

  private paragraph(p: XElement): Para {
    const pPr = firstChild(p, 'w:pPr');
    let props = pPr;
    const change = pPr ? firstChild(pPr, 'w:pPrChange') : undefined;
    if (change) {
      this.revisions++;
      if (this.choice === 'reject') props = firstChild(change, 'w:pPr');
    }
    // The paragraph mark: an inserted mark refused, or a deleted one accepted, joins this paragraph to the next.
    const markRpr = pPr ? firstChild(pPr, 'w:rPr') : undefined;
    let mergeNext = false;
    if (markRpr) {
      if (firstChild(markRpr, 'w:ins') || firstChild(markRpr, 'w:moveTo')) {
        this.revisions++;
        mergeNext = this.choice === 'reject';
      }
      if (firstChild(markRpr, 'w:del') || firstChild(markRpr, 'w:moveFrom')) {
        this.revisions++;
        mergeNext = this.choice === 'accept';
      }
    }
    const styleId = props ? attr(firstChild(props, 'w:pStyle') ?? emptyEl, 'w:val') : undefined;
    const styleName = this.styleName(styleId);
    const heading = /^heading ([1-9])$/.exec(styleName ?? '');
    const inlines: Inline[] = [];
    this.inline(p.children.filter((c) => !isEl(c, 'w:pPr')), { bold: false, italic: false, code: false }, inlines);
    const list = heading ? undefined : this.listOf(props, styleId);
    const ind = props ? firstChild(props, 'w:ind') : undefined;
    const quote = !heading && !list && (/^(intense )?quote$/.test(styleName ?? '') || (ind !== undefined && attr(ind, 'w:left') === '567' && inlines.every((i) => i.br || i.text.trim() === '' || i.italic)));
    return { kind: 'p', inlines, ...(heading ? { heading: Number(heading[1]) } : {}), ...(list ? { list } : {}), quote, mergeNext };
  }

  private styleName(id: string | undefined): string | undefined {
    if (id === undefined) return undefined;
    return this.ctx.styles.get(id)?.name ?? id.toLowerCase().replace(/^heading(\d)$/, 'heading $1');
  }

  private listOf(pPr: XElement | undefined, styleId: string | undefined): { ordered: boolean; level: number } | undefined {
    let numId: string | undefined;
    let ilvl = 0;
    const numPr = pPr ? firstChild(pPr, 'w:numPr') : undefined;
    if (numPr) {
      numId = attr(firstChild(numPr, 'w:numId') ?? emptyEl, 'w:val');
      ilvl = Number(attr(firstChild(numPr, 'w:ilvl') ?? emptyEl, 'w:val') ?? '0') || 0;
    } else {
      // A list style ("List Bullet") carries its numbering in the style, or in a style it is based on.
      for (let id = styleId, n = 0; id !== undefined && n < 10; n++) {
        const s = this.ctx.styles.get(id);
        if (s?.numId !== undefined) {
          numId = s.numId;
          ilvl = s.ilvl ?? 0;
          break;
        }
        id = s?.basedOn;
      }
    }
    if (numId === undefined || numId === '0') return undefined;
    const fmt = this.ctx.numbering.get(numId)?.get(ilvl) ?? 'decimal';
    return { ordered: fmt !== 'bullet' && fmt !== 'none', level: Math.max(0, Math.min(8, ilvl)) };
  }

  private runState(rPr: XElement | undefined, base: RunState): RunState {
    let props = rPr;
    const change = rPr ? firstChild(rPr, 'w:rPrChange') : undefined;
    if (change) {
      this.revisions++;
      if (this.choice === 'reject') props = firstChild(change, 'w:rPr');
    }
    if (!props) return base;
    const fonts = firstChild(props, 'w:rFonts');
    const style = attr(firstChild(props, 'w:rStyle') ?? emptyEl, 'w:val');
    const styleName = style ? (this.ctx.styles.get(style)?.name ?? style.toLowerCase()) : '';
    return {
      ...base,
      bold: onOff(firstChild(props, 'w:b')) ?? (styleName === 'strong' ? true : base.bold),
      italic: onOff(firstChild(props, 'w:i')) ?? (styleName === 'emphasis' ? true : base.italic),
      code: fonts !== undefined && /consolas|courier/i.test(attr(fonts, 'w:ascii') ?? attr(fonts, 'w:hAnsi') ?? '') ? true : base.code,
    };
  }

  private inline(children: readonly XNode[], state: RunState, out: Inline[]): void {
    for (const c of children) {
      if (!isEl(c)) continue;
      switch (c.name) {
        case 'w:r':
          this.run(c, state, out);
          break;
        case 'w:hyperlink': {
          const id = attr(c, 'r:id');
          const target = id !== undefined ? this.ctx.links.get(id) : undefined;
          this.inline(c.children, target ? { ...state, link: target } : state, out);
          break;
        }
        case 'w:ins':
        case 'w:moveTo':
          this.revisions++;
          if (this.choice === 'accept') this.inline(c.children, state, out);
          break;
        case 'w:del':
        case 'w:moveFrom':
          this.revisions++;
          if (this.choice === 'reject') this.inline(c.children, state, out);
          break;
        case 'w:sdt':
          this.inline(firstChild(c, 'w:sdtContent')?.children ?? [], state, out);
          break;
        case 'w:smartTag':
        case 'w:customXml':
        case 'w:fldSimple':
        case 'w:dir':
        case 'w:bdo':
          this.inline(c.children, state, out);
          break;
        case 'w:commentRangeStart':
          this.comments.add(attr(c, 'w:id') ?? String(this.comments.size));
          break;
        case 'm:oMath':
        case 'm:oMathPara':
          this.dropped.add('formel');
          break;
        default:
          // w:proofErr, w:bookmarkStart/End, w:commentRangeEnd, w:permStart/End, …: no text.
          break;
      }
    }
  }

  private run(r: XElement, base: RunState, out: Inline[]): void {
    const state = this.runState(firstChild(r, 'w:rPr'), base);
    const push = (text: string) => {
      if (this.fieldDepth[this.fieldDepth.length - 1] === 'code') return;
      out.push({ text, bold: state.bold, italic: state.italic, code: state.code, ...(state.link ? { link: state.link } : {}) });
    };
    for (const c of r.children) {
      if (!isEl(c)) continue;
      switch (c.name) {
        case 'w:t':
          push(textOf(c));
          break;
        case 'w:delText':
          // Only inside a refused deletion (an accepted one is not read at all).
          push(textOf(c));
          break;
        case 'w:tab':
        case 'w:ptab':
          push(' ');
          break;
        case 'w:noBreakHyphen':
          push('-');
          break;
        case 'w:br': {
          const type = attr(c, 'w:type');
          if (type === undefined || type === 'textWrapping') {
            if (this.fieldDepth[this.fieldDepth.length - 1] !== 'code') out.push({ text: '', bold: false, italic: false, code: false, br: true });
          }
          break;
        }
        case 'w:cr':
          out.push({ text: '', bold: false, italic: false, code: false, br: true });
          break;
        case 'w:fldChar': {
          const type = attr(c, 'w:fldCharType');
          if (type === 'begin') this.fieldDepth.push('code');
          else if (type === 'separate' && this.fieldDepth.length > 0) this.fieldDepth[this.fieldDepth.length - 1] = 'result';
          else if (type === 'end') this.fieldDepth.pop();
          break;
        }
        case 'w:commentReference':
          this.comments.add(attr(c, 'w:id') ?? String(this.comments.size));
          break;
        case 'w:drawing':
        case 'w:pict':
        case 'w:object':
          this.dropped.add('bild');
          break;
        case 'w:footnoteReference':
        case 'w:endnoteReference':
          this.dropped.add('fotnot');
          break;
        default:
          break;
      }
    }
  }

  private table(tbl: XElement): Para {
    const rows: string[][] = [];
    const alignRows: boolean[][] = [];
    for (const tr of childEls(tbl, 'w:tr')) {
      const trPr = firstChild(tr, 'w:trPr');
      if (trPr && (firstChild(trPr, 'w:ins') || firstChild(trPr, 'w:del'))) {
        this.revisions++;
        const inserted = firstChild(trPr, 'w:ins') !== undefined;
        if (inserted !== (this.choice === 'accept')) continue;
      }
      const cells: string[] = [];
      const right: boolean[] = [];
      for (const tc of childEls(tr, 'w:tc')) {
        const span = Number(attr(firstChild(firstChild(tc, 'w:tcPr') ?? emptyEl, 'w:gridSpan') ?? emptyEl, 'w:val') ?? '1') || 1;
        const paras = this.blocks(tc.children);
        const text = paras
          .map((p) => (p.kind === 'p' ? plainInline(p.inlines) : p.rows.map((r) => r.join(' ')).join(' ')))
          .filter((t) => t !== '')
          .join(' ');
        const firstP = childEls(tc, 'w:p')[0];
        const jc = firstP ? attr(firstChild(firstChild(firstP, 'w:pPr') ?? emptyEl, 'w:jc') ?? emptyEl, 'w:val') : undefined;
        cells.push(text);
        right.push(jc === 'right' || jc === 'end');
        for (let k = 1; k < span; k++) {
          cells.push('');
          right.push(false);
        }
      }
      rows.push(cells);
      alignRows.push(right);
    }
    const width = Math.max(0, ...rows.map((r) => r.length));
    return { kind: 'table', rows: rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]), right: Array.from({ length: width }, (_, k) => alignRows[1]?.[k] ?? false) };
  }
}

const emptyEl: XElement = { kind: 'element', name: '', attrs: [], children: [] };

function onOff(e: XElement | undefined): boolean | undefined {
  if (!e) return undefined;
  const v = attr(e, 'w:val');
  return !(v === 'false' || v === '0' || v === 'off');
}

function textOf(e: XElement): string {
  return e.children.map((c) => (c.kind === 'text' ? c.text : '')).join('');
}

function plainInline(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => (i.br ? ' ' : i.text))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Writing Markdown

/** Backslash-escapes what the Markdown reader (`markdown-to-docx.ts`) would take for formatting. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]]/g, (c) => `\\${c}`);
}

/** A line that would start a heading, list, quote or rule is escaped at its start. */
function escapeLineStart(line: string): string {
  if (/^(#{1,6}[ \t]|>|[-+*][ \t]|\d{1,9}[.)][ \t])/.test(line)) return line.replace(/^(\d{1,9})([.)])/, '$1\\$2').replace(/^([#>+-])/, '\\$1');
  if (/^([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line)) return `\\${line}`;
  return line;
}

function sameStyle(a: Inline, b: Inline): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.code === b.code && a.link === b.link;
}

/** Inline content as Markdown, lines separated by "\\\n" (a hard break). */
function inlineMarkdown(inlines: readonly Inline[], withFormatting = true): string {
  // Join runs of the same formatting first (Word splits runs for spelling marks and revision ids).
  const spans: Inline[] = [];
  for (const i of inlines) {
    if (i.br) {
      spans.push(i);
      continue;
    }
    if (i.text === '') continue;
    const prev = spans[spans.length - 1];
    if (prev && !prev.br && sameStyle(prev, i)) spans[spans.length - 1] = { ...prev, text: prev.text + i.text };
    else spans.push(i);
  }
  const lines: string[] = [];
  let line = '';
  for (const s of spans) {
    if (s.br) {
      lines.push(line);
      line = '';
      continue;
    }
    line += formatSpan(s, withFormatting);
  }
  lines.push(line);
  const cleaned = lines.map((l) => l.replace(/[ \t]+/g, ' ').trim());
  while (cleaned.length > 0 && cleaned[cleaned.length - 1] === '') cleaned.pop();
  while (cleaned.length > 0 && cleaned[0] === '') cleaned.shift();
  return cleaned.map(escapeLineStart).join('\\\n');
}

function formatSpan(s: Inline, withFormatting: boolean): string {
  if (!withFormatting) return escapeInline(s.text);
  const lead = /^\s*/.exec(s.text)![0];
  const trail = s.text.slice(lead.length).match(/\s*$/)![0];
  const core = s.text.slice(lead.length, s.text.length - trail.length);
  if (core === '') return s.text;
  let md = s.code && !core.includes('`') ? `\`${core}\`` : escapeInline(core);
  if (s.italic && s.bold) md = `**_${md}_**`;
  else if (s.bold) md = `**${md}**`;
  else if (s.italic) md = `*${md}*`;
  if (s.link) md = `[${md}](${s.link.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
  return lead + md + trail;
}

function tableMarkdown(t: Extract<Para, { kind: 'table' }>): string {
  if (t.rows.length === 0) return '';
  const cell = (s: string) => escapeInline(s).replace(/\|/g, '\\|');
  const [header, ...body] = t.rows;
  const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [row(header!), `| ${t.right.map((r) => (r ? '---:' : '---')).join(' | ')} |`, ...body.map(row)].join('\n');
}

/** Word block content (the children of a slot's `w:sdtContent`, or the paragraphs between two anchors) → Markdown. */
export function slotMarkdown(content: readonly XNode[], ctx: PackageContext, revisions: RevisionChoice = 'accept'): SlotText {
  const reader = new Reader(ctx, revisions);
  const read = reader.blocks(content);
  // Paragraph marks taken away join a paragraph to the next one.
  const paras: Para[] = [];
  for (let k = 0; k < read.length; k++) {
    const p = read[k]!;
    const prev = paras[paras.length - 1];
    if (prev && prev.kind === 'p' && prev.mergeNext && p.kind === 'p') paras[paras.length - 1] = { ...prev, inlines: [...prev.inlines, ...p.inlines], mergeNext: p.mergeNext };
    else paras.push(p);
  }

  const out: string[] = [];
  let list: string[] | null = null;
  const numbers: number[] = [];
  const ordered: boolean[] = [];
  const flushList = () => {
    if (list) out.push(list.join('\n'));
    list = null;
    numbers.length = 0;
    ordered.length = 0;
  };
  const headingLevels = paras.flatMap((p) => (p.kind === 'p' && p.heading !== undefined ? [p.heading] : []));
  const top = headingLevels.length > 0 ? Math.min(...headingLevels) : 1;
  for (const p of paras) {
    if (p.kind === 'table') {
      flushList();
      const md = tableMarkdown(p);
      if (md !== '') out.push(md);
      continue;
    }
    const plain = plainInline(p.inlines);
    if (plain === '' || MISSING_MARKER.test(plain)) {
      // An empty paragraph ends a list (the generated lists end with one).
      flushList();
      continue;
    }
    if (p.list) {
      list ??= [];
      const level = p.list.level;
      numbers.length = level + 1;
      ordered.length = level + 1;
      // A numbered list counts from 1 after a bullet list at its level.
      if (ordered[level] !== p.list.ordered) numbers[level] = 0;
      ordered[level] = p.list.ordered;
      numbers[level] = (numbers[level] ?? 0) + 1;
      const marker = p.list.ordered ? `${numbers[level]}.` : '-';
      list.push(`${'   '.repeat(level)}${marker} ${inlineMarkdown(p.inlines).replace(/\\\n/g, ' ')}`);
      continue;
    }
    flushList();
    if (p.heading !== undefined) out.push(`${'#'.repeat(Math.min(6, 2 + p.heading - top))} ${inlineMarkdown(p.inlines).replace(/\\\n/g, ' ')}`);
    else if (p.quote) out.push(`> ${inlineMarkdown(p.inlines.map((i) => ({ ...i, italic: false }))).replace(/\\\n/g, '\\\n> ')}`);
    else out.push(inlineMarkdown(p.inlines));
  }
  flushList();
  return { markdown: out.join('\n\n'), revisions: reader.revisions, comments: reader.comments.size, dropped: [...reader.dropped] };
}
