/**
 * Narrative Markdown (written by people in the narrative folder) → Word paragraphs. The subset a finance analyst
 * writes: headings, paragraphs, **bold**, *italic*, `code`, [links](…), bullet and numbered lists (nested by
 * indentation), simple pipe tables, block quotes and hard line breaks. Anything else is kept as plain text, never
 * dropped.
 *
 * Headings become real Word headings below the section they stand in, without jumps: the narrative's top heading
 * level is one below the section, and a heading never goes more than one level deeper than the one before it.
 * Pipe tables are turned into a neutral report table and drawn by the caller's table renderer, so they look (and are
 * marked up, with a header row) like every other table.
 */
import { ExternalHyperlink, Paragraph, TextRun, type FileChild, type ParagraphChild, type Table as DocxTable } from 'docx';
import type { Table } from '../report/model.js';

// ---------------------------------------------------------------------------------------------------------------
// Block structure

type Align = 'left' | 'right' | 'center';

export type MdBlock =
  | { readonly type: 'heading'; readonly depth: number; readonly text: string }
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'quote'; readonly text: string }
  | { readonly type: 'list'; readonly ordered: boolean; readonly items: readonly MdListItem[] }
  | { readonly type: 'table'; readonly header: readonly string[]; readonly align: readonly Align[]; readonly rows: readonly (readonly string[])[] };

export interface MdListItem {
  readonly level: number;
  readonly ordered: boolean;
  readonly text: string;
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const BULLET = /^([ \t]*)[-*+][ \t]+(.*)$/;
const ORDERED = /^([ \t]*)\d{1,9}[.)][ \t]+(.*)$/;
const QUOTE = /^ {0,3}>[ \t]?(.*)$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const TABLE_SEPARATOR = /^[ \t]*\|?[ \t]*:?-{1,}:?[ \t]*(\|[ \t]*:?-{1,}:?[ \t]*)*\|?[ \t]*$/;

function indentWidth(ws: string): number {
  let n = 0;
  for (const ch of ws) n += ch === '\t' ? 4 : 1;
  return n;
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (ch === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}

function isTableStart(lines: readonly string[], i: number): boolean {
  const line = lines[i]!;
  const next = lines[i + 1];
  return line.includes('|') && next !== undefined && next.includes('-') && TABLE_SEPARATOR.test(next) && (next.includes('|') || line.trim().startsWith('|'));
}

/** Hard line breaks (two trailing spaces or a backslash) become "\n" in the joined text. */
function joinLines(lines: readonly string[]): string {
  return lines
    .map((l, i) => {
      const last = i === lines.length - 1;
      if (!last && (/ {2,}$/.test(l) || /\\$/.test(l))) return l.replace(/( {2,}|\\)$/, '') + '\n';
      return l.trim() + (last ? '' : ' ');
    })
    .join('')
    .replace(/ *\n */g, '\n')
    .trim();
}

/** Parses narrative Markdown into blocks. */
export function parseMarkdown(markdown: string): MdBlock[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MdBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      blocks.push({ type: 'heading', depth: h[1]!.length, text: h[2]!.trim() });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      i++;
      continue;
    }
    if (isTableStart(lines, i)) {
      const header = splitRow(line);
      const align = splitRow(lines[i + 1]!).map((c): Align => (c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : 'left'));
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.trim() !== '' && lines[i]!.includes('|')) {
        const cells = splitRow(lines[i]!);
        rows.push(header.map((_, k) => cells[k] ?? ''));
        i++;
      }
      blocks.push({ type: 'table', header, align: header.map((_, k) => align[k] ?? 'left'), rows });
      continue;
    }
    if (BULLET.test(line) || ORDERED.test(line)) {
      const items: MdListItem[] = [];
      const indents: number[] = [];
      const ordered = !BULLET.test(line);
      while (i < lines.length) {
        const l = lines[i]!;
        const m = BULLET.exec(l) ?? ORDERED.exec(l);
        if (m) {
          const width = indentWidth(m[1]!);
          while (indents.length > 0 && width < indents[indents.length - 1]!) indents.pop();
          if (indents.length === 0 || width > indents[indents.length - 1]!) indents.push(width);
          items.push({ level: Math.min(indents.length - 1, 2), ordered: !BULLET.test(l), text: m[2]!.trim() });
          i++;
        } else if (l.trim() !== '' && /^[ \t]+/.test(l) && items.length > 0 && !HEADING.test(l)) {
          // A continuation line of the item before.
          const last = items[items.length - 1]!;
          items[items.length - 1] = { ...last, text: `${last.text} ${l.trim()}` };
          i++;
        } else if (l.trim() === '' && i + 1 < lines.length && (BULLET.test(lines[i + 1]!) || ORDERED.test(lines[i + 1]!)) && /^[ \t]+/.test(lines[i + 1]!)) {
          i++; // a blank line inside a nested list
        } else break;
      }
      blocks.push({ type: 'list', ordered, items });
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) quoted.push(QUOTE.exec(lines[i]!)![1]!), i++;
      blocks.push({ type: 'quote', text: joinLines(quoted) });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length) {
      const l = lines[i]!;
      if (l.trim() === '' || HEADING.test(l) || RULE.test(l) || QUOTE.test(l) || isTableStart(lines, i)) break;
      if (para.length > 0 && (BULLET.test(l) || ORDERED.test(l))) break;
      para.push(l);
      i++;
    }
    blocks.push({ type: 'paragraph', text: joinLines(para) });
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------------------------
// Inline formatting

export interface InlineSpan {
  readonly text: string;
  readonly bold: boolean;
  readonly italics: boolean;
  readonly code: boolean;
  readonly link?: string;
  /** A hard line break before the text. */
  readonly breakBefore?: boolean;
}

interface Style {
  bold: boolean;
  italics: boolean;
  link?: string;
}

/** Parses emphasis, code, links and escapes. Unclosed markers stay as text. */
export function parseInline(text: string): InlineSpan[] {
  const spans: InlineSpan[] = [];
  const push = (t: string, style: Style, code = false) => {
    const parts = t.split('\n');
    parts.forEach((part, k) => {
      if (part === '' && k === 0) return;
      const prev = spans[spans.length - 1];
      const span: InlineSpan = { text: part, bold: style.bold, italics: style.italics, code, ...(style.link ? { link: style.link } : {}), ...(k > 0 ? { breakBefore: true } : {}) };
      if (k === 0 && prev && !prev.link && !style.link && prev.bold === span.bold && prev.italics === span.italics && prev.code === code) {
        spans[spans.length - 1] = { ...prev, text: prev.text + part };
      } else spans.push(span);
    });
  };

  const walk = (s: string, style: Style): void => {
    let buf = '';
    const flush = () => {
      if (buf !== '') push(buf, style);
      buf = '';
    };
    for (let i = 0; i < s.length; ) {
      const ch = s[i]!;
      if (ch === '\\' && i + 1 < s.length && /[\\`*_{}[\]()#+\-.!|>~]/.test(s[i + 1]!)) {
        buf += s[i + 1];
        i += 2;
        continue;
      }
      if (ch === '`') {
        const end = s.indexOf('`', i + 1);
        if (end > i) {
          flush();
          push(s.slice(i + 1, end), style, true);
          i = end + 1;
          continue;
        }
      }
      if (ch === '[' && !style.link) {
        const m = /^\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/.exec(s.slice(i));
        if (m) {
          flush();
          walk(m[1]!, { ...style, link: m[2]! });
          i += m[0].length;
          continue;
        }
      }
      if (ch === '*' || ch === '_') {
        const double = s[i + 1] === ch;
        const marker = double ? ch + ch : ch;
        // Intraword underscores (snake_case, file_names) are not emphasis.
        const leftOk = ch === '*' || i === 0 || !/[\p{L}\p{N}]/u.test(s[i - 1]!);
        const after = s[i + marker.length];
        if (leftOk && after !== undefined && after !== ' ') {
          const end = findCloser(s, i + marker.length, marker);
          if (end > 0) {
            flush();
            walk(s.slice(i + marker.length, end), double ? { ...style, bold: true } : { ...style, italics: true });
            i = end + marker.length;
            continue;
          }
        }
      }
      buf += ch;
      i++;
    }
    flush();
  };

  walk(text, { bold: false, italics: false });
  return spans;
}

function findCloser(s: string, from: number, marker: string): number {
  for (let j = from; j < s.length; j++) {
    if (s[j] === '\\') {
      j++;
      continue;
    }
    if (marker.length === 1 && s[j] === marker && s[j + 1] === marker) {
      // "**" inside "*…*": skip the inner pair (nested bold) and look on after it.
      const inner = findCloser(s, j + 2, marker + marker);
      j = inner > 0 ? inner + 1 : j + 1;
      continue;
    }
    if (s.startsWith(marker, j) && s[j - 1] !== ' ') {
      if (marker === '_' && j + 1 < s.length && /[\p{L}\p{N}]/u.test(s[j + 1]!)) continue;
      return j;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------------------
// To docx

export interface MarkdownToDocxOptions {
  /** Level of the heading the narrative stands under (1–6); its own headings go one level below and deeper. */
  readonly sectionLevel: number;
  /** The section's title: a first heading that repeats it is left out. */
  readonly sectionTitle?: string;
  /** Style of ordinary paragraphs (default Word's Normal). */
  readonly paragraphStyle?: string;
  /** Style of block quotes. */
  readonly quoteStyle?: string;
  /** Numbering references of the document's bullet and numbered lists. */
  readonly lists: { readonly bullet: string; readonly numbered: string };
  /** Gives each numbered list its own instance, so it counts from 1. Must be deterministic per document. */
  readonly nextListInstance: () => number;
  /** Draws a pipe table (a neutral table of text cells) the way the document draws tables. */
  readonly renderTable: (table: Table) => readonly (Paragraph | DocxTable)[];
  /** A short id for pipe tables made from this narrative, e.g. the narrative's key. */
  readonly tableIdPrefix?: string;
}

const HEADING_STYLE = ['Heading1', 'Heading2', 'Heading3', 'Heading4', 'Heading5', 'Heading6'] as const;

export function inlineRuns(text: string, base: { size?: number } = {}): ParagraphChild[] {
  return parseInline(text).map((span) => {
    const run = new TextRun({
      text: span.text,
      bold: span.bold,
      italics: span.italics,
      ...(span.code ? { font: 'Consolas' } : {}),
      ...(span.breakBefore ? { break: 1 } : {}),
      ...(span.link ? { style: 'Hyperlink' } : {}),
      ...base,
    });
    return span.link ? new ExternalHyperlink({ link: span.link, children: [run] }) : run;
  });
}

/** Renders narrative Markdown under a section heading. */
export function markdownToDocx(markdown: string, options: MarkdownToDocxOptions): FileChild[] {
  const blocks = parseMarkdown(markdown);
  if (blocks[0]?.type === 'heading' && options.sectionTitle && normaliseTitle(blocks[0].text) === normaliseTitle(options.sectionTitle)) blocks.shift();
  const out: FileChild[] = [];
  const minDepth = Math.min(...blocks.filter((b) => b.type === 'heading').map((b) => (b as { depth: number }).depth));
  let previousLevel = options.sectionLevel;
  let tables = 0;
  for (const block of blocks) {
    switch (block.type) {
      case 'heading': {
        const wanted = options.sectionLevel + 1 + (block.depth - minDepth);
        const level = Math.min(6, Math.max(options.sectionLevel + 1, Math.min(wanted, previousLevel + 1)));
        previousLevel = level;
        out.push(new Paragraph({ style: HEADING_STYLE[level - 1], children: inlineRuns(block.text) }));
        break;
      }
      case 'paragraph':
        out.push(new Paragraph({ ...(options.paragraphStyle ? { style: options.paragraphStyle } : {}), children: inlineRuns(block.text) }));
        break;
      case 'quote':
        out.push(
          new Paragraph({
            ...(options.quoteStyle ? { style: options.quoteStyle } : { indent: { left: 567 } }),
            children: parseInline(block.text).map((s) => new TextRun({ text: s.text, bold: s.bold, italics: true, ...(s.breakBefore ? { break: 1 } : {}) })),
          }),
        );
        break;
      case 'list': {
        // Each numbered list (and each nested numbered run) counts from 1.
        const instances = new Map<number, number>();
        for (const item of block.items) {
          // Back at a shallower level: a deeper numbered list that follows starts again at 1.
          for (const lvl of [...instances.keys()]) if (lvl > item.level) instances.delete(lvl);
          if (item.ordered && !instances.has(item.level)) instances.set(item.level, options.nextListInstance());
          out.push(
            new Paragraph({
              numbering: item.ordered
                ? { reference: options.lists.numbered, level: item.level, instance: instances.get(item.level)! }
                : { reference: options.lists.bullet, level: item.level },
              spacing: { after: 40 },
              children: inlineRuns(item.text),
            }),
          );
        }
        out.push(new Paragraph({ spacing: { after: 0 }, children: [] }));
        break;
      }
      case 'table': {
        tables++;
        const table: Table = {
          type: 'table',
          id: `${options.tableIdPrefix ?? 'text'}-tabell-${tables}`,
          title: '',
          columns: block.header.map((h, k) => ({ header: stripInline(h), align: block.align[k] === 'right' ? 'right' : 'left' })),
          rows: block.rows.map((r) => ({ cells: r.map((c) => ({ kind: 'text', text: stripInline(c) })), emphasis: 'normal' })),
          notes: [],
        };
        out.push(...options.renderTable(table));
        break;
      }
    }
  }
  return out;
}

function normaliseTitle(s: string): string {
  return stripInline(s).replace(/^\d+(\.\d+)*\s+/, '').trim().toLowerCase();
}

/** The text of inline Markdown without its markers. */
export function stripInline(text: string): string {
  return parseInline(text)
    .map((s) => (s.breakBefore ? ' ' : '') + s.text)
    .join('');
}
