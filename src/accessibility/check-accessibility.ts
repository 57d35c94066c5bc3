/**
 * Checks a Word file (.docx) — ours or an organisation's template — against the accessibility requirements that
 * published documents must meet (lagen om tillgänglighet till digital offentlig service; WCAG 2.1 AA via EN 301 549),
 * as far as they can be read from the file:
 *
 * - the document language is set (w:lang in the style defaults, or w:themeFontLang in the settings), and Swedish;
 * - the document has a title (dc:title in docProps/core.xml);
 * - headings use heading styles (outline levels) and come in order, without jumps (1 → 3);
 * - every picture and chart has alt text (wp:docPr descr), unless marked decorative;
 * - every data table has a header row (w:tblHeader on its first row);
 * - status is never shown by colour alone: a cell or symbol in a traffic-light colour also carries a word;
 * - text colours have a contrast of at least 4.5:1 (3:1 for large text) against their background (w:color against
 *   w:shd / w:highlight of the run, paragraph, cell, or the page).
 *
 * Findings are data with stable codes (`a11y.*`) and Swedish messages telling the author what to fix.
 */
import { unzipSync } from 'fflate';
import { makeDiagnostic, type MessageArgs, type ParamsOf } from '../messages/catalogue.js';
import { renderMessages } from '../messages/render.js';
import type { Severity } from '../model/diagnostics.js';
import { contrastRatio, HIGHLIGHT, isStatusColour, parseHex, toHex, type Rgb } from './contrast.js';
import { child, childElements, descendants, onOff, parseXml, path, wordText, type XmlElement } from './xml.js';

export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  /** Swedish: what is wrong and how to fix it. */
  readonly message: string;
  /** The package part it was found in, e.g. "word/document.xml". */
  readonly part?: string;
}

function finding<C extends keyof typeof renderMessages & `a11y.${string}`>(code: C, params: ParamsOf<(typeof renderMessages)[C]['text']>, part?: string): Finding {
  const d = makeDiagnostic(renderMessages, code, ...([params] as unknown as MessageArgs<(typeof renderMessages)[C]['text']>));
  return { code: d.code, severity: d.severity, message: d.message, ...(part ? { part } : {}) };
}

const decoder = new TextDecoder('utf-8');

/** Checks a .docx's bytes. An unreadable file gives one finding (`a11y.file.unreadable`), never an exception. */
export function checkAccessibility(docx: Uint8Array): Finding[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(docx);
  } catch (e) {
    return [finding('a11y.file.unreadable', { detail: (e as Error).message })];
  }
  const parse = (name: string): XmlElement | undefined => {
    const data = files[name];
    if (!data) return undefined;
    try {
      return parseXml(decoder.decode(data));
    } catch {
      return undefined;
    }
  };
  const document = parse('word/document.xml');
  if (!document) return [finding('a11y.file.unreadable', { detail: 'word/document.xml saknas eller är inte XML' })];

  const styles = readStyles(parse('word/styles.xml'));
  const settings = parse('word/settings.xml');
  const findings: Finding[] = [];

  findings.push(...checkLanguage(styles, settings));
  findings.push(...checkTitle(parse('docProps/core.xml')));
  findings.push(...checkHeadings(document, styles));

  const pageFill = parseHex(path(document, 'w:background')?.attrs['w:color']) ?? WHITE;
  const storyParts = ['word/document.xml', ...Object.keys(files).filter((n) => /^word\/(header|footer)\d*\.xml$/.test(n)).sort()];
  const contrast = new ContrastCollector();
  for (const part of storyParts) {
    const root = part === 'word/document.xml' ? document : parse(part);
    if (!root) continue;
    findings.push(...checkDrawings(root, part));
    findings.push(...checkTables(root, part));
    findings.push(...checkStatusColours(root, styles, part));
    contrast.collect(root, styles, pageFill, part);
  }
  findings.push(...contrast.findings());
  return findings;
}

// ---------------------------------------------------------------------------------------------------------------
// Styles

interface StyleDef {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly basedOn?: string;
  readonly pPr?: XmlElement;
  readonly rPr?: XmlElement;
}

interface Styles {
  readonly byId: ReadonlyMap<string, StyleDef>;
  readonly defaultRPr?: XmlElement;
  readonly defaultParagraphStyle?: string;
}

function readStyles(root: XmlElement | undefined): Styles {
  const byId = new Map<string, StyleDef>();
  let defaultParagraphStyle: string | undefined;
  for (const s of childElements(root, 'w:style')) {
    const id = s.attrs['w:styleId'];
    if (!id) continue;
    const type = s.attrs['w:type'] ?? 'paragraph';
    const basedOn = child(s, 'w:basedOn')?.attrs['w:val'];
    const pPr = child(s, 'w:pPr');
    const rPr = child(s, 'w:rPr');
    byId.set(id, { id, type, name: child(s, 'w:name')?.attrs['w:val'] ?? id, ...(basedOn ? { basedOn } : {}), ...(pPr ? { pPr } : {}), ...(rPr ? { rPr } : {}) });
    if (type === 'paragraph' && /^(1|true|on)$/i.test(s.attrs['w:default'] ?? '')) defaultParagraphStyle = id;
  }
  const defaultRPr = path(root, 'w:docDefaults', 'w:rPrDefault', 'w:rPr');
  return { byId, ...(defaultRPr ? { defaultRPr } : {}), ...(defaultParagraphStyle ? { defaultParagraphStyle } : {}) };
}

/** The style and the styles it is based on, nearest first. */
function chain(styles: Styles, id: string | undefined): StyleDef[] {
  const out: StyleDef[] = [];
  const seen = new Set<string>();
  let cur = id;
  while (cur !== undefined && !seen.has(cur)) {
    seen.add(cur);
    const s = styles.byId.get(cur);
    if (!s) break;
    out.push(s);
    cur = s.basedOn;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Language and title

function checkLanguage(styles: Styles, settings: XmlElement | undefined): Finding[] {
  const normal = styles.defaultParagraphStyle ? styles.byId.get(styles.defaultParagraphStyle) : undefined;
  const candidates = [
    child(styles.defaultRPr, 'w:lang')?.attrs['w:val'],
    child(normal?.rPr, 'w:lang')?.attrs['w:val'],
    child(settings, 'w:themeFontLang')?.attrs['w:val'],
  ].filter((v): v is string => v !== undefined && v.trim() !== '');
  const lang = candidates[0];
  if (lang === undefined) return [finding('a11y.language.missing', {}, 'word/styles.xml')];
  if (!/^sv\b/i.test(lang)) return [finding('a11y.language.not-swedish', { lang }, 'word/styles.xml')];
  return [];
}

function checkTitle(core: XmlElement | undefined): Finding[] {
  const title = core ? child(core, 'dc:title') : undefined;
  const text = title ? title.children.filter((c): c is string => typeof c === 'string').join('').trim() : '';
  return text === '' ? [finding('a11y.title.missing', {}, 'docProps/core.xml')] : [];
}

// ---------------------------------------------------------------------------------------------------------------
// Headings

/** Heading level 1–9 of a paragraph, or null for body text. */
function headingLevel(p: XmlElement, styles: Styles): number | null {
  const pPr = child(p, 'w:pPr');
  const direct = child(pPr, 'w:outlineLvl')?.attrs['w:val'];
  const fromValue = (v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isInteger(n) && n >= 0 && n < 9 ? n + 1 : null;
  };
  const d = fromValue(direct);
  if (d !== undefined) return d;
  for (const s of chain(styles, child(pPr, 'w:pStyle')?.attrs['w:val'] ?? styles.defaultParagraphStyle)) {
    const v = fromValue(child(s.pPr, 'w:outlineLvl')?.attrs['w:val']);
    if (v !== undefined) return v;
    // Word's built-in heading styles are headings by name, whatever their properties say.
    const m = /^heading\s*([1-9])$/i.exec(s.name);
    if (m) return Number(m[1]);
  }
  return null;
}

function checkHeadings(document: XmlElement, styles: Styles): Finding[] {
  const body = child(document, 'w:body');
  if (!body) return [];
  const out: Finding[] = [];
  let previous = 0;
  let any = false;
  for (const p of descendants(body, 'w:p')) {
    const level = headingLevel(p, styles);
    if (level === null) continue;
    any = true;
    const text = wordText(p).trim();
    if (text === '') {
      out.push(finding('a11y.heading.empty', { level }, 'word/document.xml'));
      continue;
    }
    if (level > previous + 1) out.push(finding('a11y.heading.jump', { from: previous, to: level, text: snippet(text) }, 'word/document.xml'));
    previous = level;
  }
  if (!any) out.push(finding('a11y.heading.none', {}, 'word/document.xml'));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Pictures and charts

function checkDrawings(root: XmlElement, part: string): Finding[] {
  const out: Finding[] = [];
  for (const drawing of [...descendants(root, 'wp:inline'), ...descendants(root, 'wp:anchor')]) {
    const docPr = child(drawing, 'wp:docPr');
    if (!docPr) continue;
    // Word's "Mark as decorative" (adec:decorative, any prefix): screen readers skip the drawing.
    const decorative = allElements(docPr).some((d) => /(^|:)decorative$/.test(d.name) && /^(1|true)$/i.test(d.attrs['val'] ?? ''));
    if (decorative) continue;
    const alt = (docPr.attrs['descr'] ?? '').trim();
    if (alt !== '') continue;
    const uri = descendants(drawing, 'a:graphicData')[0]?.attrs['uri'] ?? '';
    const name = docPr.attrs['name'] || docPr.attrs['title'] || `nr ${docPr.attrs['id'] ?? '?'}`;
    out.push(finding(/chart/i.test(uri) ? 'a11y.chart.alt-missing' : 'a11y.image.alt-missing', { name }, part));
  }
  return out;
}

function allElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of childElements(el)) out.push(c, ...allElements(c));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

function checkTables(root: XmlElement, part: string): Finding[] {
  const out: Finding[] = [];
  for (const tbl of descendants(root, 'w:tbl')) {
    const rows = childElements(tbl, 'w:tr');
    const columns = Math.max(0, ...rows.map((r) => childElements(r, 'w:tc').length));
    // One row or one column: a layout box, not a data table.
    if (rows.length < 2 || columns < 2) continue;
    const header = onOff(path(rows[0], 'w:trPr', 'w:tblHeader'));
    if (header === true) continue;
    const firstText = rows[0] ? childElements(rows[0], 'w:tc').map((c) => wordText(c).trim()).find((t) => t !== '') ?? '' : '';
    out.push(finding('a11y.table.header-missing', { text: snippet(firstText || '(tom)') }, part));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Status by colour alone

const LETTER = /[\p{L}\p{N}]/u;

function checkStatusColours(root: XmlElement, styles: Styles, part: string): Finding[] {
  const out: Finding[] = [];
  for (const tc of descendants(root, 'w:tc')) {
    const fill = parseHex(path(tc, 'w:tcPr', 'w:shd')?.attrs['w:fill']);
    if (!fill || !isStatusColour(fill)) continue;
    const text = wordText(tc).trim();
    if (LETTER.test(text)) continue;
    out.push(finding('a11y.status.colour-only', { context: rowContext(root, tc) || '(tom cell)', color: `#${toHex(fill)}` }, part));
  }
  // A coloured symbol (●, ■ …) with no word in its paragraph.
  for (const p of descendants(root, 'w:p')) {
    const text = wordText(p).trim();
    if (text === '' || LETTER.test(text)) continue;
    const coloured = descendants(p, 'w:r')
      .map((r) => runProps(r, p, styles).color)
      .find((c) => c !== null && isStatusColour(c));
    if (!coloured) continue;
    out.push(finding('a11y.status.colour-only', { context: snippet(text), color: `#${toHex(coloured)}` }, part));
  }
  return out;
}

/** The first text of the table row holding a cell, to say where a finding is. */
function rowContext(root: XmlElement, tc: XmlElement): string {
  for (const tr of descendants(root, 'w:tr')) {
    if (!childElements(tr, 'w:tc').includes(tc)) continue;
    const first = childElements(tr, 'w:tc').map((c) => wordText(c).trim()).find((t) => t !== '');
    return first ? snippet(first) : '';
  }
  return '';
}

// ---------------------------------------------------------------------------------------------------------------
// Contrast

const WHITE: Rgb = { r: 255, g: 255, b: 255 };

interface RunProps {
  readonly color: Rgb | null;
  /** Half-points. */
  readonly size: number;
  readonly bold: boolean;
  readonly background: Rgb | null;
}

/** Effective colour, size, weight and own background of a run: defaults → paragraph style → character style → run. */
function runProps(r: XmlElement, p: XmlElement | undefined, styles: Styles): RunProps {
  const layers: (XmlElement | undefined)[] = [styles.defaultRPr];
  const pStyle = child(child(p, 'w:pPr'), 'w:pStyle')?.attrs['w:val'] ?? styles.defaultParagraphStyle;
  for (const s of chain(styles, pStyle).reverse()) layers.push(s.rPr);
  const rPr = child(r, 'w:rPr');
  for (const s of chain(styles, child(rPr, 'w:rStyle')?.attrs['w:val']).reverse()) layers.push(s.rPr);
  layers.push(rPr);
  let color: Rgb | null = null;
  let size = 20;
  let bold = false;
  let background: Rgb | null = null;
  for (const layer of layers) {
    if (!layer) continue;
    const c = child(layer, 'w:color')?.attrs['w:val'];
    if (c !== undefined) color = c === 'auto' ? null : parseHex(c);
    const sz = Number(child(layer, 'w:sz')?.attrs['w:val']);
    if (Number.isFinite(sz) && sz > 0) size = sz;
    const b = onOff(child(layer, 'w:b'));
    if (b !== undefined) bold = b;
    const shd = child(layer, 'w:shd')?.attrs['w:fill'];
    if (shd !== undefined) background = shd === 'auto' ? null : parseHex(shd);
    const hl = child(layer, 'w:highlight')?.attrs['w:val'];
    if (hl !== undefined) background = hl === 'none' ? background : parseHex(HIGHLIGHT[hl]);
  }
  return { color, size, bold, background };
}

function paragraphFill(p: XmlElement, styles: Styles): Rgb | null {
  const pPr = child(p, 'w:pPr');
  const own = child(pPr, 'w:shd')?.attrs['w:fill'];
  if (own !== undefined) return own === 'auto' ? null : parseHex(own);
  for (const s of chain(styles, child(pPr, 'w:pStyle')?.attrs['w:val'] ?? styles.defaultParagraphStyle)) {
    const f = child(s.pPr, 'w:shd')?.attrs['w:fill'];
    if (f !== undefined) return f === 'auto' ? null : parseHex(f);
  }
  return null;
}

class ContrastCollector {
  private readonly seen = new Map<string, Finding>();

  collect(root: XmlElement, styles: Styles, page: Rgb, part: string): void {
    const visit = (el: XmlElement, cellFill: Rgb | null) => {
      for (const c of el.children) {
        if (typeof c === 'string') continue;
        if (c.name === 'w:tc') {
          const f = path(c, 'w:tcPr', 'w:shd')?.attrs['w:fill'];
          visit(c, f === undefined || f === 'auto' ? cellFill : (parseHex(f) ?? cellFill));
        } else if (c.name === 'w:p') this.paragraph(c, styles, cellFill ?? page, part);
        else visit(c, cellFill);
      }
    };
    visit(root, null);
  }

  private paragraph(p: XmlElement, styles: Styles, behind: Rgb, part: string): void {
    const pFill = paragraphFill(p, styles) ?? behind;
    for (const r of descendants(p, 'w:r')) {
      const text = childElements(r, 'w:t').map((t) => t.children.filter((x): x is string => typeof x === 'string').join('')).join('');
      if (text.trim() === '') continue;
      const props = runProps(r, p, styles);
      if (!props.color) continue;
      const bg = props.background ?? pFill;
      const ratio = contrastRatio(props.color, bg);
      const large = props.size >= 36 || (props.bold && props.size >= 28);
      const required = large ? 3 : 4.5;
      if (ratio >= required) continue;
      const key = `${toHex(props.color)}/${toHex(bg)}/${required}`;
      if (this.seen.has(key)) continue;
      this.seen.set(
        key,
        finding(
          'a11y.contrast.low',
          { text: snippet(text), ratio: ratio.toFixed(1).replace('.', ','), fg: toHex(props.color), bg: toHex(bg), required: String(required).replace('.', ',') },
          part,
        ),
      );
    }
  }

  findings(): Finding[] {
    return [...this.seen.values()];
  }
}

function snippet(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 50 ? `${t.slice(0, 47)}…` : t;
}
