/**
 * A fast page-number estimator for the default report, so its table of contents is written with page numbers.
 *
 * `docx/layout` lays out any Word document as Word does; it is exact but slow for our reports (about 1,2 s for the
 * region's 24-page report, three quarters of the whole rendering time), because it lays every table cell out with its
 * general machinery. This estimator lays out the small part of Word's layout the default report uses — Calibri text in
 * paragraphs with spacing, borders, indents, keep-with-next, keep-lines-together and widow control; tables with fixed
 * column widths, repeated header rows and rows that do not break; inline charts; page and section breaks — with the
 * same widths and rules as `docx/layout`, in a few milliseconds.
 *
 * It reads the document body as `docx` formats it, the same input `docx/layout` gets. Anything outside that subset (a
 * font other than Calibri, a character whose width it does not know, a floating drawing, a row taller than a page…)
 * makes it give up, and the document is laid out by `docx/layout` instead (`fastPageNumbers` below). The tests lay
 * every example report out both ways and require the same page for every heading (tests/render-docx/page-estimate.test.ts),
 * and every paragraph and table within 0,05 pt of where docx/layout puts it, also with texts and tables made long enough
 * to break across pages. One place where docx/layout gives up and this layout does not: a paragraph with a border below
 * it (the draft's "Text saknas" box) whose last line's multiple spacing would hang below the page's foot; Word's choice
 * there is not known, and this layout moves the line to the next page.
 *
 * Lengths are in points throughout (1 pt = 20 twips; font sizes in the XML are half-points, border widths eighths).
 */
import type { IContext, IXmlableObject, PageNumberEstimator } from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { CALIBRI_BOLD, CALIBRI_LINE, CALIBRI_REGULAR, TALLER_LINE } from './calibri-widths.js';

/** Rounding slack when comparing positions, as docx/layout allows (points). */
const TOLERANCE = 0.01;

/** Thrown (and caught in `fastPageNumbers`) where the document leaves the subset this estimator lays out. */
class Unsupported extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Reading the formatted XML objects docx produces: `{ "w:p": [ { "w:pPr": [...] }, { "w:r": [...] } ] }`, attributes
// under `_attr`.

type Xml = Record<string, unknown>;

const nameOf = (e: unknown): string | undefined => {
  if (!e || typeof e !== 'object') return undefined;
  for (const k in e as Xml) if (k !== '_attr') return k;
  return undefined;
};
const childrenOf = (e: unknown): unknown[] => {
  const name = nameOf(e);
  if (name === undefined) return [];
  const v = (e as Xml)[name];
  return Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : [];
};
const attrsOf = (e: unknown): Record<string, unknown> => {
  const name = nameOf(e);
  if (name === undefined) return {};
  const v = (e as Xml)[name];
  if (Array.isArray(v)) {
    const a = v.find((c) => c && typeof c === 'object' && '_attr' in (c as Xml)) as Xml | undefined;
    return (a?._attr as Record<string, unknown>) ?? {};
  }
  return ((v as Xml | undefined)?._attr as Record<string, unknown>) ?? {};
};
const find = (list: readonly unknown[], name: string): unknown => list.find((c) => nameOf(c) === name);
const num = (v: unknown): number | undefined => (v === undefined || v === null || v === '' ? undefined : Number(v));
/** An on/off property (`<w:b/>`, `<w:b w:val="false"/>`): undefined when absent. */
const onOff = (list: readonly unknown[], name: string): boolean | undefined => {
  const e = find(list, name);
  if (e === undefined) return undefined;
  const v = attrsOf(e)['w:val'];
  return !(v === false || v === 'false' || v === 0 || v === '0' || v === 'off');
};

// ---------------------------------------------------------------------------------------------------------------
// Formatting: paragraph and run properties, resolved through styles.

interface RunFormat {
  readonly size?: number; // points
  readonly bold?: boolean;
  readonly font?: string;
}

interface Border {
  readonly width: number; // points, with its space
}

interface ParagraphFormat {
  readonly spaceBefore?: number;
  readonly spaceAfter?: number;
  readonly line?: { readonly rule: 'multiple'; readonly multiple: number } | { readonly rule: 'exact' | 'atLeast'; readonly height: number };
  readonly keepNext?: boolean;
  readonly keepLines?: boolean;
  readonly pageBreakBefore?: boolean;
  readonly widowControl?: boolean;
  readonly contextualSpacing?: boolean;
  readonly left?: number;
  readonly right?: number;
  /** First-line indent; negative for a hanging indent. */
  readonly firstLine?: number;
  readonly top?: Border | null;
  readonly bottom?: Border | null;
  readonly borderKey?: string;
  readonly tabs?: readonly Tab[];
  readonly numbering?: { readonly id: string; readonly level: number };
}

interface Tab {
  readonly pos: number;
  readonly align: 'left' | 'right' | 'center' | 'clear';
}

const merge = <T extends object>(...layers: (T | undefined)[]): T => Object.assign({}, ...layers.filter(Boolean)) as T;

const UNSUPPORTED_RUN = new Set(['w:spacing', 'w:w', 'w:position', 'w:vertAlign', 'w:caps', 'w:smallCaps', 'w:vanish', 'w:kern', 'w:em']);

function readRunFormat(rPr: unknown): RunFormat {
  const f: { size?: number; bold?: boolean; font?: string } = {};
  for (const e of childrenOf(rPr)) {
    const name = nameOf(e);
    if (name === 'w:sz') {
      const sz = num(attrsOf(e)['w:val']);
      if (sz !== undefined) f.size = sz / 2;
    } else if (name === 'w:b') f.bold = onOff([e], 'w:b')!;
    else if (name === 'w:rFonts') {
      const fonts = attrsOf(e);
      if (fonts['w:asciiTheme'] !== undefined || fonts['w:hAnsiTheme'] !== undefined) throw new Unsupported('theme font');
      if (typeof fonts['w:ascii'] === 'string') f.font = fonts['w:ascii'];
    } else if (name !== undefined && UNSUPPORTED_RUN.has(name)) throw new Unsupported(`run ${name}`);
  }
  return f;
}

function readBorder(e: unknown): Border | null {
  if (e === undefined) return null;
  const a = attrsOf(e);
  const val = a['w:val'];
  if (val === 'none' || val === 'nil' || val === undefined) return null;
  if (val !== 'single') throw new Unsupported(`border ${String(val)}`);
  return { width: (num(a['w:sz']) ?? 2) / 8 + (num(a['w:space']) ?? 0) };
}

const ON_OFF_PARAGRAPH: Readonly<Record<string, keyof ParagraphFormat>> = {
  'w:keepNext': 'keepNext',
  'w:keepLines': 'keepLines',
  'w:pageBreakBefore': 'pageBreakBefore',
  'w:widowControl': 'widowControl',
  'w:contextualSpacing': 'contextualSpacing',
};
const UNSUPPORTED_PARAGRAPH = new Set(['w:framePr', 'w:snapToGrid', 'w:textDirection', 'w:suppressAutoHyphens', 'w:mirrorIndents']);

/** A paragraph's own properties (`w:pPr`), in one pass over them: a report has about two thousand paragraphs. */
function readParagraphFormat(pPr: unknown): ParagraphFormat {
  const f: Record<string, unknown> = {};
  for (const e of childrenOf(pPr)) {
    const name = nameOf(e);
    if (name === undefined || name === 'w:pStyle' || name === 'w:jc' || name === 'w:rPr' || name === 'w:sectPr' || name === 'w:shd' || name === 'w:outlineLvl') continue;
    const onOffKey = ON_OFF_PARAGRAPH[name];
    if (onOffKey !== undefined) {
      f[onOffKey] = onOff([e], name);
    } else if (name === 'w:spacing') {
      const spacing = attrsOf(e);
      if (spacing['w:beforeAutospacing'] || spacing['w:afterAutospacing'] || spacing['w:beforeLines'] !== undefined || spacing['w:afterLines'] !== undefined) {
        throw new Unsupported('automatic or line-based spacing');
      }
      if (spacing['w:before'] !== undefined) f.spaceBefore = Number(spacing['w:before']) / 20;
      if (spacing['w:after'] !== undefined) f.spaceAfter = Number(spacing['w:after']) / 20;
      if (spacing['w:line'] !== undefined) {
        const line = Number(spacing['w:line']);
        const rule = spacing['w:lineRule'];
        f.line = rule === 'exact' || rule === 'atLeast' ? { rule, height: line / 20 } : { rule: 'multiple', multiple: line / 240 };
      }
    } else if (name === 'w:ind') {
      const ind = attrsOf(e);
      const left = ind['w:left'] ?? ind['w:start'];
      const right = ind['w:right'] ?? ind['w:end'];
      if (left !== undefined) f.left = Number(left) / 20;
      if (right !== undefined) f.right = Number(right) / 20;
      if (ind['w:hanging'] !== undefined) f.firstLine = -Number(ind['w:hanging']) / 20;
      else if (ind['w:firstLine'] !== undefined) f.firstLine = Number(ind['w:firstLine']) / 20;
    } else if (name === 'w:pBdr') {
      const b = childrenOf(e);
      if (find(b, 'w:between') !== undefined || find(b, 'w:bar') !== undefined) throw new Unsupported('between border');
      f.top = readBorder(find(b, 'w:top'));
      f.bottom = readBorder(find(b, 'w:bottom'));
      f.borderKey = JSON.stringify(e);
    } else if (name === 'w:tabs') {
      f.tabs = childrenOf(e).map((t) => {
        const a = attrsOf(t);
        const align = a['w:val'] === 'end' ? 'right' : a['w:val'] === 'start' ? 'left' : a['w:val'];
        if (align !== 'left' && align !== 'right' && align !== 'center' && align !== 'clear') throw new Unsupported(`tab ${String(a['w:val'])}`);
        return { pos: Number(a['w:pos']) / 20, align };
      });
    } else if (name === 'w:numPr') {
      const n = childrenOf(e);
      f.numbering = { id: String(attrsOf(find(n, 'w:numId'))['w:val']), level: Number(attrsOf(find(n, 'w:ilvl'))['w:val'] ?? 0) };
    } else if (UNSUPPORTED_PARAGRAPH.has(name)) throw new Unsupported(`paragraph ${name}`);
  }
  return f as ParagraphFormat;
}

interface Style {
  readonly basedOn?: string;
  readonly paragraph: ParagraphFormat;
  readonly run: RunFormat;
}

/** Styles, document defaults and list indents, read from the document's own parts. */
class Formats {
  private readonly styles = new Map<string, Style>();
  private readonly resolved = new Map<string, { paragraph: ParagraphFormat; run: RunFormat }>();
  private defaults: { paragraph: ParagraphFormat; run: RunFormat } = { paragraph: {}, run: {} };
  private defaultParagraphStyle = 'Normal';
  /** numId → level → indent */
  private readonly lists = new Map<string, Map<number, ParagraphFormat>>();
  private readonly listIds = new Map<string, string>();
  defaultTabStop = 36;

  constructor(context: IContext) {
    const file = context.file as unknown as {
      Styles: { prepForXml(c: IContext): IXmlableObject | undefined };
      Numbering: {
        prepForXml(c: IContext): IXmlableObject | undefined;
        readonly ConcreteNumbering: readonly { readonly reference: string; readonly instance: number; readonly numId: number }[];
      };
      Settings: { prepForXml(c: IContext): IXmlableObject | undefined };
    };
    const ctx = { ...context, stack: [] } as IContext;
    this.readStyles(file.Styles.prepForXml(ctx));
    this.readNumbering(file.Numbering.prepForXml(ctx));
    // The body names a list by its reference and instance until the file is written (`{punktlista-0}`).
    for (const c of file.Numbering.ConcreteNumbering) this.listIds.set(`{${c.reference}-${c.instance}}`, String(c.numId));
    this.readSettings(file.Settings.prepForXml(ctx));
  }

  private readStyles(xml: unknown): void {
    for (const e of childrenOf(xml)) {
      const name = nameOf(e);
      if (name === 'w:docDefaults') {
        const d = childrenOf(e);
        this.defaults = {
          run: readRunFormat(find(childrenOf(find(d, 'w:rPrDefault')), 'w:rPr')),
          paragraph: readParagraphFormat(find(childrenOf(find(d, 'w:pPrDefault')), 'w:pPr')),
        };
      } else if (name === 'w:style') {
        const a = attrsOf(e);
        if (a['w:type'] !== 'paragraph') continue;
        const c = childrenOf(e);
        const id = String(a['w:styleId']);
        if (a['w:default'] === true || a['w:default'] === '1' || a['w:default'] === 'true') this.defaultParagraphStyle = id;
        const basedOn = attrsOf(find(c, 'w:basedOn'))['w:val'];
        this.styles.set(id, {
          ...(typeof basedOn === 'string' ? { basedOn } : {}),
          paragraph: readParagraphFormat(find(c, 'w:pPr')),
          run: readRunFormat(find(c, 'w:rPr')),
        });
      }
    }
  }

  private readNumbering(xml: unknown): void {
    const abstract = new Map<string, Map<number, ParagraphFormat>>();
    for (const e of childrenOf(xml)) {
      if (nameOf(e) !== 'w:abstractNum') continue;
      const levels = new Map<number, ParagraphFormat>();
      for (const l of childrenOf(e)) {
        if (nameOf(l) !== 'w:lvl') continue;
        const c = childrenOf(l);
        const suffix = attrsOf(find(c, 'w:suff'))['w:val'];
        if (suffix !== undefined && suffix !== 'tab') throw new Unsupported('list number suffix');
        levels.set(Number(attrsOf(l)['w:ilvl']), readParagraphFormat(find(c, 'w:pPr')));
      }
      abstract.set(String(attrsOf(e)['w:abstractNumId']), levels);
    }
    for (const e of childrenOf(xml)) {
      if (nameOf(e) !== 'w:num') continue;
      const c = childrenOf(e);
      if (c.some((x) => nameOf(x) === 'w:lvlOverride' && find(childrenOf(x), 'w:lvl') !== undefined)) throw new Unsupported('list level override');
      const levels = abstract.get(String(attrsOf(find(c, 'w:abstractNumId'))['w:val']));
      if (levels) this.lists.set(String(attrsOf(e)['w:numId']), levels);
    }
  }

  private readSettings(xml: unknown): void {
    const c = childrenOf(xml);
    const tab = num(attrsOf(find(c, 'w:defaultTabStop'))['w:val']);
    if (tab !== undefined) this.defaultTabStop = tab / 20;
    const compat = childrenOf(find(c, 'w:compat'));
    for (const setting of compat) {
      const a = attrsOf(setting);
      if (nameOf(setting) !== 'w:compatSetting') throw new Unsupported('compatibility option');
      if (a['w:name'] === 'compatibilityMode' && Number(a['w:val']) < 15) throw new Unsupported('compatibility mode');
    }
    if (find(c, 'w:autoHyphenation') !== undefined && onOff(c, 'w:autoHyphenation')) throw new Unsupported('hyphenation');
  }

  style(id: string | undefined): { paragraph: ParagraphFormat; run: RunFormat } {
    const key = id ?? this.defaultParagraphStyle;
    const known = this.resolved.get(key);
    if (known) return known;
    const chain: Style[] = [];
    const seen = new Set<string>();
    for (let at: string | undefined = key; at !== undefined && !seen.has(at); ) {
      seen.add(at);
      const s = this.styles.get(at);
      if (!s) {
        if (at === key && id !== undefined) throw new Unsupported(`unknown style ${at}`);
        break;
      }
      chain.unshift(s);
      at = s.basedOn;
    }
    const result = {
      paragraph: merge<ParagraphFormat>(this.defaults.paragraph, ...chain.map((s) => s.paragraph)),
      run: merge<RunFormat>(this.defaults.run, ...chain.map((s) => s.run)),
    };
    this.resolved.set(key, result);
    return result;
  }

  list(numbering: { readonly id: string; readonly level: number }): ParagraphFormat {
    if (numbering.id === '0') return {};
    const level = this.lists.get(this.listIds.get(numbering.id) ?? numbering.id)?.get(numbering.level);
    if (level === undefined) throw new Unsupported('unknown list');
    return level;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The document as blocks: paragraphs (broken into lines when laid out) and tables.

interface Piece {
  readonly kind: 'text' | 'tab' | 'picture' | 'break';
  readonly text: string;
  readonly run: RunFormat;
  /** A picture's height (points). */
  readonly height?: number;
}

interface Paragraph {
  readonly type: 'paragraph';
  readonly format: ParagraphFormat;
  readonly style: string;
  readonly mark: RunFormat;
  readonly pieces: readonly Piece[];
  readonly bookmarks: readonly string[];
  /** The section this paragraph ends, when its properties hold a section break. */
  readonly sectionEnd?: SectionFormat;
}

interface Cell {
  /** The grid column it starts in. */
  readonly column: number;
  readonly width: number;
  readonly marginTop: number;
  readonly marginBottom: number;
  readonly marginLeft: number;
  readonly marginRight: number;
  readonly merge?: 'restart' | 'continue';
  readonly topBorder?: number | null;
  readonly bottomBorder?: number | null;
  readonly blocks: readonly Paragraph[];
}

interface Row {
  readonly header: boolean;
  readonly cantSplit: boolean;
  readonly cells: readonly Cell[];
}

interface Table {
  readonly type: 'table';
  readonly rows: readonly Row[];
  readonly top: number | null;
  readonly bottom: number | null;
  readonly insideH: number | null;
  readonly bookmarks: readonly string[];
}

type Block = Paragraph | Table;

interface SectionFormat {
  readonly width: number;
  readonly height: number;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly header: number;
  readonly footer: number;
  readonly startsNewPage: boolean;
}

function readSection(sectPr: unknown): SectionFormat {
  const c = childrenOf(sectPr);
  const size = attrsOf(find(c, 'w:pgSz'));
  const mar = attrsOf(find(c, 'w:pgMar'));
  const type = attrsOf(find(c, 'w:type'))['w:val'];
  if (type !== undefined && type !== 'nextPage') throw new Unsupported(`section break ${String(type)}`);
  if (find(c, 'w:cols') !== undefined && Number(attrsOf(find(c, 'w:cols'))['w:num'] ?? 1) > 1) throw new Unsupported('columns');
  const pgNum = attrsOf(find(c, 'w:pgNumType'));
  if (pgNum['w:start'] !== undefined || (pgNum['w:fmt'] !== undefined && pgNum['w:fmt'] !== 'decimal')) throw new Unsupported('page numbering');
  if (Number(mar['w:gutter'] ?? 0) !== 0) throw new Unsupported('gutter');
  const grid = attrsOf(find(c, 'w:docGrid'));
  if (grid['w:type'] !== undefined && grid['w:type'] !== 'default') throw new Unsupported('document grid');
  return {
    width: Number(size['w:w']) / 20,
    height: Number(size['w:h']) / 20,
    top: Math.abs(Number(mar['w:top'])) / 20,
    bottom: Math.abs(Number(mar['w:bottom'])) / 20,
    left: Number(mar['w:left']) / 20,
    right: Number(mar['w:right']) / 20,
    header: Number(mar['w:header'] ?? 720) / 20,
    footer: Number(mar['w:footer'] ?? 720) / 20,
    startsNewPage: true,
  };
}

const EMU_PER_POINT = 12700;

class Reader {
  constructor(private readonly formats: Formats) {}

  body(body: IXmlableObject): { blocks: Block[]; sections: SectionFormat[] } {
    const blocks: Block[] = [];
    const sections: SectionFormat[] = [];
    const visit = (list: readonly unknown[]) => {
      for (const e of list) {
        const name = nameOf(e);
        if (name === 'w:p') {
          const p = this.paragraph(e);
          blocks.push(p);
          if (p.sectionEnd) sections.push(p.sectionEnd);
        } else if (name === 'w:tbl') blocks.push(this.table(e));
        else if (name === 'w:sdt') visit(childrenOf(find(childrenOf(e), 'w:sdtContent')));
        else if (name === 'w:sectPr') sections.push(readSection(e));
        else if (name === 'w:bookmarkStart' || name === 'w:bookmarkEnd') throw new Unsupported('bookmark between blocks');
        else throw new Unsupported(`body ${String(name)}`);
      }
    };
    visit(childrenOf((body as Xml)['w:body'] !== undefined ? body : { 'w:body': [] }));
    return { blocks, sections };
  }

  paragraph(e: unknown): Paragraph {
    const c = childrenOf(e);
    const pPr = find(c, 'w:pPr');
    const styleId = attrsOf(find(childrenOf(pPr), 'w:pStyle'))['w:val'];
    const style = this.formats.style(typeof styleId === 'string' ? styleId : undefined);
    const own = readParagraphFormat(pPr);
    const list = own.numbering ?? style.paragraph.numbering;
    const format = merge<ParagraphFormat>(style.paragraph, list ? this.formats.list(list) : undefined, own);
    const markRPr = find(childrenOf(pPr), 'w:rPr');
    const mark = merge<RunFormat>(style.run, markRPr ? readRunFormat(markRPr) : undefined);
    const sectPr = find(childrenOf(pPr), 'w:sectPr');
    const pieces: Piece[] = [];
    const bookmarks: string[] = [];
    // Field state: instructions are not shown; a PAGEREF's result is written later, so its room is reserved here.
    let field: 'none' | 'instruction' | 'result' = 'none';
    let instruction = '';
    const runs = (list: readonly unknown[]) => {
      for (const x of list) {
        const name = nameOf(x);
        if (name === 'w:r') this.run(x, style.run, pieces, {
          fieldChar: (type) => {
            if (type === 'begin') {
              field = 'instruction';
              instruction = '';
            } else if (type === 'separate') {
              field = 'result';
              if (/^\s*PAGEREF\b/.test(instruction)) pieces.push({ kind: 'text', text: '99', run: merge(style.run, readRunFormat(find(childrenOf(x), 'w:rPr'))) });
            } else field = 'none';
          },
          instruction: (text) => {
            instruction += text;
          },
          inInstruction: () => field === 'instruction',
        });
        else if (name === 'w:hyperlink' || name === 'w:ins' || name === 'w:smartTag') runs(childrenOf(x));
        else if (name === 'w:bookmarkStart') bookmarks.push(String(attrsOf(x)['w:name']));
        else if (name === undefined || name === 'w:bookmarkEnd' || name === 'w:pPr' || name === 'w:proofErr') continue;
        else if (name === 'w:fldSimple') throw new Unsupported('simple field');
        else throw new Unsupported(`paragraph ${String(name)}`);
      }
    };
    runs(c);
    return {
      type: 'paragraph',
      format,
      style: typeof styleId === 'string' ? styleId : '',
      mark,
      pieces,
      bookmarks,
      ...(sectPr !== undefined ? { sectionEnd: readSection(sectPr) } : {}),
    };
  }

  private run(
    e: unknown,
    paragraphRun: RunFormat,
    pieces: Piece[],
    fields: { fieldChar(type: string): void; instruction(text: string): void; inInstruction(): boolean },
  ): void {
    const c = childrenOf(e);
    const rPr = find(c, 'w:rPr');
    const rStyle = attrsOf(find(childrenOf(rPr), 'w:rStyle'))['w:val'];
    if (rStyle !== undefined && rStyle !== 'Hyperlink') throw new Unsupported('character style');
    const run = merge<RunFormat>(paragraphRun, rPr ? readRunFormat(rPr) : undefined);
    if ((run.font ?? 'Calibri') !== 'Calibri') throw new Unsupported(`font ${run.font}`);
    for (const x of c) {
      const name = nameOf(x);
      if (name === undefined || name === 'w:rPr') continue;
      if (name === 'w:fldChar') fields.fieldChar(String(attrsOf(x)['w:fldCharType']));
      else if (name === 'w:instrText') fields.instruction(childrenOf(x).filter((t) => typeof t === 'string').join(''));
      else if (fields.inInstruction()) continue;
      else if (name === 'w:t') pieces.push({ kind: 'text', text: childrenOf(x).filter((t) => typeof t === 'string').join(''), run });
      else if (name === 'w:tab') pieces.push({ kind: 'tab', text: '\t', run });
      else if (name === 'w:br') {
        const type = attrsOf(x)['w:type'];
        if (type !== undefined && type !== 'textWrapping') throw new Unsupported(`break ${String(type)}`);
        if (attrsOf(x)['w:clear'] !== undefined) throw new Unsupported('break clearing');
        pieces.push({ kind: 'break', text: '', run });
      }
      else if (name === 'w:drawing') {
        const inline = find(childrenOf(x), 'wp:inline');
        if (inline === undefined) throw new Unsupported('floating drawing');
        const extent = attrsOf(find(childrenOf(inline), 'wp:extent'));
        const dist = attrsOf(inline);
        if (Number(dist.distT ?? 0) !== 0 || Number(dist.distB ?? 0) !== 0) throw new Unsupported('drawing distance');
        pieces.push({ kind: 'picture', text: '', run, height: Number(extent.cy) / EMU_PER_POINT });
      } else if (name === 'w:lastRenderedPageBreak' || name === 'w:noBreakHyphen') continue;
      else throw new Unsupported(`run ${String(name)}`);
    }
  }

  table(e: unknown): Table {
    const c = childrenOf(e);
    const tblPr = childrenOf(find(c, 'w:tblPr'));
    if (attrsOf(find(tblPr, 'w:tblLayout'))['w:type'] !== 'fixed') throw new Unsupported('autofit table');
    if (find(tblPr, 'w:tblpPr') !== undefined || find(tblPr, 'w:tblCellSpacing') !== undefined || find(tblPr, 'w:tblStyle') !== undefined) {
      throw new Unsupported('floating, spaced or styled table');
    }
    const grid = childrenOf(find(c, 'w:tblGrid')).map((g) => Number(attrsOf(g)['w:w']) / 20);
    const margins = childrenOf(find(tblPr, 'w:tblCellMar'));
    const margin = (side: string, fallback: number) => {
      const a = attrsOf(find(margins, side));
      return a['w:w'] !== undefined ? Number(a['w:w']) / 20 : fallback;
    };
    const defaults = { top: margin('w:top', 0), bottom: margin('w:bottom', 0), left: margin('w:left', 5.4), right: margin('w:right', 5.4) };
    const borders = childrenOf(find(tblPr, 'w:tblBorders'));
    const rows: Row[] = [];
    const bookmarks: string[] = [];
    for (const r of c) {
      if (nameOf(r) !== 'w:tr') continue;
      const rc = childrenOf(r);
      const trPr = childrenOf(find(rc, 'w:trPr'));
      if (find(trPr, 'w:trHeight') !== undefined || find(trPr, 'w:gridBefore') !== undefined || find(trPr, 'w:gridAfter') !== undefined) {
        throw new Unsupported('row height or grid offset');
      }
      const cells: Cell[] = [];
      let column = 0;
      for (const tc of rc) {
        if (nameOf(tc) !== 'w:tc') {
          if (nameOf(tc) === 'w:trPr' || nameOf(tc) === undefined) continue;
          throw new Unsupported(`row ${String(nameOf(tc))}`);
        }
        const cc = childrenOf(tc);
        let span = 1;
        let mergeVal: 'restart' | 'continue' | undefined;
        let top: number | null | undefined;
        let bottom: number | null | undefined;
        for (const x of childrenOf(find(cc, 'w:tcPr'))) {
          const name = nameOf(x);
          if (name === 'w:gridSpan') span = Number(attrsOf(x)['w:val'] ?? 1);
          else if (name === 'w:vMerge') mergeVal = attrsOf(x)['w:val'] === 'restart' ? 'restart' : 'continue';
          else if (name === 'w:tcBorders') {
            for (const b of childrenOf(x)) {
              if (nameOf(b) === 'w:top') top = readBorder(b)?.width ?? null;
              else if (nameOf(b) === 'w:bottom') bottom = readBorder(b)?.width ?? null;
            }
          } else if (name === 'w:tcMar' || name === 'w:textDirection' || name === 'w:tcFitText' || name === 'w:hideMark') {
            throw new Unsupported('cell margins, direction or fitting');
          }
        }
        let width = 0;
        for (let k = column; k < column + span; k++) width += grid[k] ?? 0;
        const start = column;
        column += span;
        const blocks: Paragraph[] = [];
        for (const x of cc) {
          const name = nameOf(x);
          if (name === 'w:p') blocks.push(this.paragraph(x));
          else if (name === 'w:tcPr' || name === undefined) continue;
          else throw new Unsupported(`cell ${String(name)}`);
        }
        for (const p of blocks) bookmarks.push(...p.bookmarks);
        cells.push({
          column: start,
          width,
          marginTop: defaults.top,
          marginBottom: defaults.bottom,
          marginLeft: defaults.left,
          marginRight: defaults.right,
          ...(mergeVal ? { merge: mergeVal } : {}),
          ...(top !== undefined ? { topBorder: top } : {}),
          ...(bottom !== undefined ? { bottomBorder: bottom } : {}),
          blocks,
        });
      }
      rows.push({ header: onOff(trPr, 'w:tblHeader') === true, cantSplit: onOff(trPr, 'w:cantSplit') === true, cells });
    }
    const edgeOf = (side: string) => readBorder(find(borders, side))?.width ?? null;
    return { type: 'table', rows, top: edgeOf('w:top'), bottom: edgeOf('w:bottom'), insideH: edgeOf('w:insideH'), bookmarks };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Lines: a paragraph broken at a width as Word breaks it, with each line's height.

interface Line {
  readonly height: number;
  /** What multiple line spacing adds below the text: at the foot of a page it may go below the page's bottom margin. */
  readonly below: number;
}

/** Widths by UTF-16 code (thousandths of an em), NaN where unknown: a typed table, as the layout reads every character. */
const TABLE_SIZE = 0x2800;
function widthTable(widths: Readonly<Record<string, number>>): Float64Array {
  const table = new Float64Array(TABLE_SIZE).fill(Number.NaN);
  for (const [ch, w] of Object.entries(widths)) if (ch.length === 1 && ch.charCodeAt(0) < TABLE_SIZE) table[ch.charCodeAt(0)] = w;
  return table;
}
const REGULAR = widthTable(CALIBRI_REGULAR);
const BOLD = widthTable(CALIBRI_BOLD);
const TALLER = new Map(Object.entries(TALLER_LINE).map(([ch, em]) => [ch.charCodeAt(0), em]));
const SPACE = 32;

/** A character's width in a run, in points. */
function charWidth(code: number, run: RunFormat): number {
  const w = code < TABLE_SIZE ? (run.bold ? BOLD : REGULAR)[code]! : Number.NaN;
  if (Number.isNaN(w)) throw new Unsupported(`character U+${code.toString(16)}`);
  return (w * (run.size ?? 10)) / 1000;
}

/** How tall a line is with the paragraph's line spacing (docx/layout `heightOf`). */
function spacedHeight(natural: number, tallest: number, format: ParagraphFormat): Line {
  const line = format.line;
  if (line === undefined) return { height: natural, below: 0 };
  if (line.rule === 'multiple') {
    const below = (line.multiple - 1) * tallest;
    return { height: natural + below, below: Math.max(0, below) };
  }
  return { height: line.rule === 'exact' ? line.height : Math.max(natural, line.height), below: 0 };
}

const lineHeightOf = (run: RunFormat): number => (CALIBRI_LINE.height * (run.size ?? 10)) / 1000;

/**
 * Breaks a paragraph into lines in `width` points, as Word does for left-aligned text without hyphenation: words (text
 * up to and including the spaces after it, across runs) fill a line while they fit, the spaces at a line's end may go
 * past it, a tab goes to the next tab stop, a line break ends the line. Each line is as tall as the tallest text on it
 * (Calibri's height at its size, or the taller font Word draws a symbol from), or as a picture on it.
 */
function breakLines(p: Paragraph, width: number, defaultTabStop: number): Line[] {
  const f = p.format;
  const left = f.left ?? 0;
  const right = f.right ?? 0;
  const lines: Line[] = [];
  const markHeight = lineHeightOf(p.mark);

  let lineStart = left + (f.firstLine ?? 0);
  let room = width - lineStart - right;
  // The line: what is placed on it (x, with the spaces after its last word) and how tall it is.
  let x = 0;
  let lineText = 0;
  let lineTallest = 0;
  let linePicture = 0;
  let lineEmpty = true;
  // The word being read, not yet placed.
  let word = 0;
  let wordText = 0;
  let wordTallest = 0;
  let inWord = false;

  const endLine = () => {
    const text = lineEmpty ? markHeight : lineText;
    // A picture alone on its line makes the line as tall as itself; text beside it adds its descent.
    const descent = lineText > 0 ? (lineText * CALIBRI_LINE.descent) / CALIBRI_LINE.height : 0;
    const natural = linePicture > 0 ? Math.max(linePicture, text - descent) + descent : text;
    lines.push(spacedHeight(natural, lineEmpty ? markHeight : lineTallest, f));
    x = 0;
    lineStart = left;
    room = width - left - right;
    lineText = lineTallest = linePicture = 0;
    lineEmpty = true;
  };
  const placeWord = () => {
    if (!inWord) return;
    if (!lineEmpty && x + word > room + TOLERANCE) endLine();
    if (word > room + TOLERANCE) throw new Unsupported('a word wider than its line');
    x += word;
    lineText = Math.max(lineText, wordText);
    lineTallest = Math.max(lineTallest, wordTallest);
    lineEmpty = false;
    word = wordText = wordTallest = 0;
    inWord = false;
  };

  const pieces = p.pieces;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (piece.kind === 'text') {
      const text = piece.text;
      const run = piece.run;
      const own = lineHeightOf(run);
      for (let k = 0; k < text.length; k++) {
        const code = text.charCodeAt(k);
        if (code === SPACE) {
          // Spaces end a word; they go on its line even past its end.
          placeWord();
          x += charWidth(code, run);
          lineText = Math.max(lineText, own);
          lineTallest = Math.max(lineTallest, own);
          lineEmpty = false;
          continue;
        }
        word += charWidth(code, run);
        const taller = TALLER.get(code);
        wordText = Math.max(wordText, taller === undefined ? own : Math.max(own, (taller * (run.size ?? 10)) / 1000));
        wordTallest = Math.max(wordTallest, own);
        inWord = true;
      }
      continue;
    }
    placeWord();
    if (piece.kind === 'break') {
      lineText = Math.max(lineText, lineHeightOf(piece.run));
      lineTallest = Math.max(lineTallest, lineHeightOf(piece.run));
      lineEmpty = false;
      endLine();
    } else if (piece.kind === 'picture') {
      linePicture = Math.max(linePicture, piece.height ?? 0);
      lineEmpty = false;
    } else {
      // A tab: to the next stop of the paragraph's own after where the line is, or the next default one.
      const at = lineStart + x;
      let stop: Tab | undefined;
      for (const t of f.tabs ?? []) if (t.align !== 'clear' && t.pos > at + TOLERANCE && (stop === undefined || t.pos < stop.pos)) stop = t;
      if (stop && stop.align === 'right') {
        // A right tab: the text after it ends at the stop (a table of contents' page number).
        let rest = 0;
        for (let j = i + 1; j < pieces.length && pieces[j]!.kind === 'text'; j++) for (let k = 0; k < pieces[j]!.text.length; k++) rest += charWidth(pieces[j]!.text.charCodeAt(k), pieces[j]!.run);
        x = Math.max(x, stop.pos - lineStart - rest);
      } else if (stop) {
        if (stop.align !== 'left') throw new Unsupported('centred tab');
        x = stop.pos - lineStart;
      } else {
        x = (Math.floor((at + TOLERANCE) / defaultTabStop) + 1) * defaultTabStop - lineStart;
      }
      lineText = Math.max(lineText, lineHeightOf(piece.run));
      lineTallest = Math.max(lineTallest, lineText);
      lineEmpty = false;
    }
  }
  placeWord();
  endLine();
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// Pages.

interface Measured {
  readonly lines: readonly Line[];
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  readonly borderAbove: number;
  readonly borderBelow: number;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export interface FastEstimate {
  readonly bookmarks: ReadonlyMap<string, number>;
  readonly pageCount: number;
  /** The page each section (in the body's order) starts on. */
  readonly sectionStartPages: readonly number[];
}

/** Where each block starts (its first line or row): what the tests compare with docx/layout. */
type Trace = { index: number; page: number; y: number }[];

/** Lays the body out; throws `Unsupported` outside the subset. Exported for the tests. */
export function layOutBody(body: IXmlableObject, context: IContext, trace?: Trace): FastEstimate {
  const formats = new Formats(context);
  const { blocks, sections } = new Reader(formats).body(body);
  if (sections.length === 0) throw new Unsupported('no section');
  return new PageLayout(blocks, sections, new Measurer(formats.defaultTabStop), trace).placeAll();
}

/** The section of each block: a paragraph whose properties hold a section break ends its section. */
function sectionIndexes(blocks: readonly Block[]): number[] {
  const sectionOf: number[] = [];
  let s = 0;
  for (const b of blocks) {
    sectionOf.push(s);
    if (b.type === 'paragraph' && b.sectionEnd) s++;
  }
  return sectionOf;
}

/** Contextual spacing: no space between two paragraphs of the same style. */
const contextual = (a: Paragraph, b: Block | undefined) => a.format.contextualSpacing === true && b?.type === 'paragraph' && b.style === a.style;

/** Whether a paragraph and the next block share one border box (no border between them). */
const sharesBorders = (a: Paragraph, b: Block | undefined) =>
  a.format.borderKey !== undefined && b?.type === 'paragraph' && b.format.borderKey === a.format.borderKey && !b.sectionEnd && !a.sectionEnd && !b.format.pageBreakBefore;

/** The border above row `i` of a table: the widest of the cells' own above it and below the row before, else the table's. */
function borderBetween(t: Table, i: number): number {
  const rows = t.rows;
  const own = (cell: Cell, side: 'top' | 'bottom', fallback: number | null) => {
    const b = side === 'top' ? cell.topBorder : cell.bottomBorder;
    return b === undefined ? (fallback ?? 0) : (b ?? 0);
  };
  const above = rows[i]!.cells.map((c) => own(c, 'top', i === 0 ? t.top : t.insideH));
  const below = i === 0 ? [] : rows[i - 1]!.cells.map((c) => own(c, 'bottom', t.insideH));
  return Math.max(0, ...above, ...below);
}

/** The border below a row: its cells' own bottom borders, else the table's. */
const borderBelowRow = (t: Table, row: Row): number => Math.max(0, ...row.cells.map((c) => (c.bottomBorder === undefined ? (t.bottom ?? 0) : (c.bottomBorder ?? 0))));

/** Whether all of a row's paragraphs are kept with the next: the row is kept with the row after it. */
const keptRow = (row: Row) => row.cells.every((c) => c.blocks.every((p) => p.format.keepNext));

/** Paragraphs broken into lines and measured with their spacing and borders; the heights of table rows. Each once. */
class Measurer {
  private readonly lineCache = new Map<Paragraph, Map<number, Line[]>>();
  private readonly rowHeightsCache = new Map<Table, number[]>();

  constructor(private readonly defaultTabStop: number) {}

  linesOf(p: Paragraph, width: number): Line[] {
    let byWidth = this.lineCache.get(p);
    if (!byWidth) this.lineCache.set(p, (byWidth = new Map()));
    let lines = byWidth.get(width);
    if (!lines) byWidth.set(width, (lines = breakLines(p, width, this.defaultTabStop)));
    return lines;
  }

  /** A paragraph at `width` between the blocks before and after it. */
  measure(p: Paragraph, width: number, before: Block | undefined, after: Block | undefined): Measured {
    const f = p.format;
    return {
      lines: this.linesOf(p, width),
      spaceBefore: contextual(p, before) ? 0 : (f.spaceBefore ?? 0),
      spaceAfter: contextual(p, after) ? 0 : (f.spaceAfter ?? 0),
      borderAbove: f.top && !(before?.type === 'paragraph' && sharesBorders(before, p)) ? f.top.width : 0,
      borderBelow: f.bottom && !sharesBorders(p, after) ? f.bottom.width : 0,
    };
  }

  /** Each row's height with the border above it (and the last with the table's bottom), as docx/layout's `tableGeometry` without cell spacing. */
  rowHeights(t: Table): number[] {
    const known = this.rowHeightsCache.get(t);
    if (known) return known;
    const rows = t.rows;
    const last = rows.length - 1;
    const bottomEdge = borderBelowRow(t, rows[last]!);
    const heights = rows.map((row, i) => {
      let content = 0;
      let margins = 0;
      for (const cell of row.cells) {
        margins = Math.max(margins, cell.marginTop + cell.marginBottom);
        // A cell merged down rows takes its room from the rows it spans (below).
        if (cell.merge === undefined) content = Math.max(content, this.textHeight(cell));
      }
      return margins + content + borderBetween(t, i) + (i === last ? bottomEdge : 0);
    });
    this.growForMergedCells(t, heights);
    this.rowHeightsCache.set(t, heights);
    return heights;
  }

  /** Cells merged down rows make the last of them taller when their text needs more room. */
  private growForMergedCells(t: Table, heights: number[]): void {
    const rows = t.rows;
    rows.forEach((row, i) => {
      for (const cell of row.cells) {
        if (cell.merge !== 'restart') continue;
        let end = i;
        while (end + 1 < rows.length && rows[end + 1]!.cells.find((c) => c.column === cell.column)?.merge === 'continue') end++;
        const need = cell.marginTop + cell.marginBottom + this.textHeight(cell);
        const have = sum(heights.slice(i, end + 1)) - borderBetween(t, i);
        if (need > have + TOLERANCE) heights[end] = heights[end]! + (need - have);
      }
    });
  }

  /** A cell's text with the space before its first paragraph and after its last (Word keeps both in a cell). */
  private textHeight(cell: Cell): number {
    const width = cell.width - cell.marginLeft - cell.marginRight;
    let h = 0;
    let after = 0;
    cell.blocks.forEach((p, k) => {
      const m = this.measure(p, width, cell.blocks[k - 1], cell.blocks[k + 1]);
      h += (k === 0 ? m.spaceBefore : Math.max(after, m.spaceBefore)) + m.borderAbove + sum(m.lines.map((l) => l.height)) + m.borderBelow;
      after = m.spaceAfter;
    });
    return h + after;
  }
}

/** Room on a page: a height, of which `below` (the last line's multiple spacing) may go below the page's bottom. */
interface Room {
  readonly height: number;
  readonly below: number;
}

/** Fills pages with the body's blocks in order, as Word does, and notes the page of every bookmark. */
class PageLayout {
  private readonly sectionOf: number[];
  private readonly bookmarks = new Map<string, number>();
  private readonly sectionStartPages: number[] = [];
  // The page being filled.
  private section = -1;
  private page = 0;
  private top = 0;
  private bottom = 0;
  private width = 0;
  private position = 0;
  /** The space after the last paragraph placed, still to come below it. */
  private spaceAfter = 0;
  /** Whether nothing is placed on the page yet. */
  private empty = true;
  /**
   * At a section's start, until something is placed: the space after the previous section's last paragraph. Word puts
   * only as much of the first paragraph's space before as is more than that (docx/layout `spaceAboveOf`).
   */
  private sectionSpaceAfter: number | undefined = 0;

  constructor(
    private readonly blocks: readonly Block[],
    private readonly sections: readonly SectionFormat[],
    private readonly measurer: Measurer,
    private readonly trace: Trace | undefined,
  ) {
    this.sectionOf = sectionIndexes(blocks);
  }

  placeAll(): FastEstimate {
    this.blocks.forEach((b, index) => {
      if (this.sectionOf[index] !== this.section) this.startSection(this.sectionOf[index]!);
      if (b.type === 'paragraph') this.placeParagraph(index, b);
      else this.placeTable(index, b);
    });
    return { bookmarks: this.bookmarks, pageCount: this.page, sectionStartPages: this.sectionStartPages };
  }

  /** The paragraph at `index`, measured at the page's width. */
  private measureAt(index: number, p: Paragraph): Measured {
    return this.measurer.measure(p, this.width, this.blocks[index - 1], this.blocks[index + 1]);
  }

  /** The space above a paragraph: none at the top of a page, but at a section's start, where its own is kept. */
  private spaceAboveOf(spaceBefore: number): number {
    if (!this.empty) return Math.max(this.spaceAfter, spaceBefore);
    if (this.sectionSpaceAfter === undefined) return 0;
    return this.spaceAfter + Math.max(this.sectionSpaceAfter, spaceBefore) - this.sectionSpaceAfter;
  }

  private startSection(s: number): void {
    const previous = this.blocks[this.blocks.findIndex((_, i) => this.sectionOf[i] === s) - 1];
    this.sectionSpaceAfter = previous === undefined ? 0 : previous.type === 'paragraph' ? (previous.format.spaceAfter ?? 0) : this.spaceAfter;
    this.section = s;
    const f = this.sections[s];
    if (!f) throw new Unsupported('a block after the last section');
    this.page++;
    this.sectionStartPages[s] = this.page;
    this.top = f.top;
    this.bottom = f.height - f.bottom;
    this.width = f.width - f.left - f.right;
    this.position = this.top;
    this.spaceAfter = 0;
    this.empty = true;
  }

  private newPage(): void {
    this.page++;
    this.position = this.top;
    this.spaceAfter = 0;
    this.empty = true;
  }

  /** Whether `height` more fits on the page; the last line's multiple spacing (`below`) may go below its bottom. */
  private fits(height: number, below = 0, from = this.position): boolean {
    return from + height <= this.bottom + TOLERANCE || from + height - below <= this.bottom + TOLERANCE;
  }

  private markBookmarks(names: readonly string[]): void {
    for (const name of names) this.bookmarks.set(name, this.page);
  }

  /** The room the first part of a block needs: what keep-with-next keeps with the paragraphs before it. */
  private startHeight(index: number, spaceAbove: number): Room {
    const b = this.blocks[index]!;
    if (b.type === 'table') {
      const heights = this.measurer.rowHeights(b);
      let end = 0;
      // Rows whose paragraphs are all kept with the next are kept with the row after them.
      while (end < b.rows.length - 1 && keptRow(b.rows[end]!)) end++;
      return { height: spaceAbove + sum(heights.slice(0, end + 1)), below: 0 };
    }
    const m = this.measureAt(index, b);
    const n = m.lines.length;
    const widow = b.format.widowControl !== false;
    const firstLines = b.format.keepLines || (widow && n <= 3) ? n : widow ? 2 : 1;
    const whole = firstLines === n;
    return {
      height: spaceAbove + m.borderAbove + sum(m.lines.slice(0, firstLines).map((l) => l.height)) + (whole ? m.borderBelow : 0),
      below: whole && m.borderBelow > 0 ? 0 : m.lines[firstLines - 1]!.below,
    };
  }

  /** The room a chain of paragraphs kept with the next needs, from `index`, with the start of the block they are kept with. */
  private keptHeight(index: number): Room {
    const blocks = this.blocks;
    let h = 0;
    let after = this.spaceAfter;
    let below = 0;
    let i = index;
    let firstInChain = true;
    for (; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (this.sectionOf[i] !== this.section) return { height: h, below };
      if (b.type !== 'paragraph' || !b.format.keepNext) break;
      const m = this.measureAt(i, b);
      const space = firstInChain ? this.spaceAboveOf(m.spaceBefore) : Math.max(after, m.spaceBefore);
      h += space + m.borderAbove + sum(m.lines.map((l) => l.height)) + m.borderBelow;
      below = m.borderBelow > 0 ? 0 : m.lines[m.lines.length - 1]!.below;
      after = m.spaceAfter;
      firstInChain = false;
      if (b.sectionEnd) return { height: h, below };
    }
    if (i >= blocks.length || this.sectionOf[i] !== this.section) return { height: h, below };
    const anchor = blocks[i]!;
    const start = anchor.type === 'table' ? this.startHeight(i, after) : this.startHeight(i, Math.max(after, this.measureAt(i, anchor).spaceBefore));
    return { height: h + start.height, below: start.below };
  }

  private placeParagraph(index: number, p: Paragraph): void {
    const m = this.measureAt(index, p);
    if (p.format.pageBreakBefore && !this.empty) this.newPage();
    if (p.format.keepNext && !this.empty) {
      // Kept with the next: to the next page when the chain does not fit here but would there (measured as here).
      const need = this.keptHeight(index);
      if (!this.fits(need.height, need.below) && this.fits(need.height, need.below, this.top)) this.newPage();
    }
    const above = this.spaceAboveOf(m.spaceBefore);
    const mark = this.trace ? this.trace.length : -1;
    this.trace?.push({ index, page: this.page, y: this.position + above + m.borderAbove });
    const heights = m.lines.map((l) => l.height);
    const last = m.lines[m.lines.length - 1]!;
    const all = above + m.borderAbove + sum(heights) + m.borderBelow;
    if (!this.fits(all, m.borderBelow > 0 ? 0 : last.below) && !this.empty) this.breakParagraph(index, p, m, heights, above, mark);
    else {
      this.markBookmarks(p.bookmarks);
      this.position += all;
    }
    this.spaceAfter = m.spaceAfter;
    this.empty = false;
    this.sectionSpaceAfter = undefined;
  }

  /**
   * A paragraph that does not fit whole on the page: split, as widow and orphan control and keep-lines-together allow,
   * or moved whole to the next page. `mark` is its entry in the trace, moved with it.
   */
  private breakParagraph(index: number, p: Paragraph, m: Measured, heights: readonly number[], above: number, mark: number): void {
    const lines = m.lines;
    const last = lines[lines.length - 1]!;
    const k = this.linesOnThisPage(p, lines, heights, this.position + above + m.borderAbove);
    if (k <= 0) {
      this.newPage();
      // Kept whole but longer than a page: Word breaks it after all, in a way this layout does not follow.
      if (!this.fits(m.borderAbove + sum(heights) + m.borderBelow, m.borderBelow > 0 ? 0 : last.below)) throw new Unsupported('a paragraph kept whole that is longer than a page');
      if (this.trace) this.trace[mark] = { index, page: this.page, y: this.position + m.borderAbove };
      this.markBookmarks(p.bookmarks);
      this.position += m.borderAbove + sum(heights) + m.borderBelow;
    } else {
      this.markBookmarks(p.bookmarks);
      this.newPage();
      const rest = this.fillPages(lines.slice(k));
      this.position += sum(rest.map((l) => l.height)) + m.borderBelow;
    }
  }

  /** How many of a paragraph's lines stay on this page when it breaks (0: it moves to the next page whole). */
  private linesOnThisPage(p: Paragraph, lines: readonly Line[], heights: readonly number[], from: number): number {
    const widow = p.format.widowControl !== false;
    let k = 0;
    let y = from;
    while (k < lines.length && this.fits(heights[k]!, lines[k]!.below, y)) y += heights[k++]!;
    if (p.format.keepLines || (widow && (k < 2 || lines.length - k < 2) && lines.length <= 3)) k = 0;
    else if (widow && k === 1) k = 0;
    else if (widow && lines.length - k === 1) k -= 1;
    return k;
  }

  /** The rest of a paragraph longer than a page: fills whole pages and returns the lines left for the last one. */
  private fillPages(lines: readonly Line[]): readonly Line[] {
    let rest = lines;
    while (!this.fits(sum(rest.map((l) => l.height)), rest[rest.length - 1]!.below) && rest.length > 1) {
      let j = 0;
      let yy = this.position;
      while (j < rest.length && this.fits(rest[j]!.height, rest[j]!.below, yy)) yy += rest[j++]!.height;
      if (j === 0) throw new Unsupported('a line taller than a page');
      rest = rest.slice(j);
      this.newPage();
    }
    return rest;
  }

  /**
   * Places a table's rows: each row whole (none of ours may break), with the table's bottom border below the last row
   * on a page where the table breaks (docx/layout `breakBorder`), its header rows again at the top of each new page, and
   * rows kept with the next (the header rows) on the page with the row after them.
   */
  private placeTable(index: number, t: Table): void {
    const heights = this.measurer.rowHeights(t);
    const last = t.rows.length - 1;
    const breaks = t.rows.map((row, i) => (i === last ? 0 : borderBelowRow(t, row)));
    const headerRows = t.rows.findIndex((r) => !r.header);
    const repeated = headerRows > 0 ? sum(heights.slice(0, headerRows)) : 0;
    this.position += this.spaceAfter;
    this.spaceAfter = 0;
    let onPage = 0;
    const startTablePage = (i: number) => {
      this.newPage();
      onPage = 0;
      if (i >= headerRows && headerRows > 0) {
        this.position += repeated;
        onPage = headerRows;
      }
    };
    t.rows.forEach((row, i) => {
      if (!row.cantSplit) throw new Unsupported('a row that may break across pages');
      // Rows kept with the next go to the next page with it when they do not fit here together.
      let end = i;
      while (end < last && keptRow(t.rows[end]!)) end++;
      if (end > i && !this.fits(sum(heights.slice(i, end + 1)) + breaks[end]!) && (onPage > 0 || !this.empty)) startTablePage(i);
      const room = heights[i]! + breaks[i]!;
      if (!this.fits(room) && (onPage > 0 || !this.empty)) startTablePage(i);
      if (!this.fits(room)) throw new Unsupported('a row taller than a page');
      if (i === 0) {
        this.trace?.push({ index, page: this.page, y: this.position });
        this.markBookmarks(t.bookmarks);
      }
      this.position += heights[i]!;
      onPage++;
      this.empty = false;
    });
    this.sectionSpaceAfter = undefined;
  }
}

/**
 * The default report's page-number estimator: the fast layout above where it can lay the document out, `docx/layout`
 * where it cannot. Give it to a `Document` as its `pageNumbers`.
 */
export const fastPageNumbers: PageNumberEstimator = (body, context) => {
  let estimate: FastEstimate;
  try {
    estimate = layOutBody(body, context);
  } catch (error) {
    if (error instanceof Unsupported) return estimatePageNumbers(body, context);
    throw error;
  }
  return {
    bookmarks: new Map([...estimate.bookmarks].map(([name, n]) => [name, String(n)])),
    bookmarkPageNumbers: estimate.bookmarks,
    pageCount: estimate.pageCount,
  };
};

/** Why the fast layout cannot lay a document out, or undefined when it can (for the tests). */
export function fastLayoutUnsupported(body: IXmlableObject, context: IContext): string | undefined {
  try {
    layOutBody(body, context);
    return undefined;
  } catch (error) {
    if (error instanceof Unsupported) return error.message;
    throw error;
  }
}

/** The fast layout of a body, or undefined where it leaves the subset this estimator lays out. */
export function tryLayOutBody(body: IXmlableObject, context: IContext): FastEstimate | undefined {
  try {
    return layOutBody(body, context);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
