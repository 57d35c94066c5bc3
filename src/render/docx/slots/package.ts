/**
 * What both ends of the text round trip read from a Word package: the custom document properties rapport keeps its
 * bookkeeping in (`docProps/custom.xml`), the styles, numbering and links the Markdown reader needs, and the body's
 * blocks in reading order with the text slots among them.
 *
 * The properties (Word: Arkiv → Info → Egenskaper → Avancerade egenskaper → Anpassad):
 *
 * | name | value |
 * | --- | --- |
 * | `rapport.format` | `1` |
 * | `rapport.enhet` | the unit's id |
 * | `rapport.period` | the period, `2024-08` |
 * | `rapport.texter` | the slots' keys in reading order, comma-separated |
 * | `rapport.text.<key>` | `<hash of the slot's text as generated>;<hash of the narrative file it came from, or ->` |
 * | `rapport.rubrik.<key>` | the slot's section title |
 * | `rapport.fore.<key>`, `rapport.efter.<key>` | the text of the paragraph before and after the slot (at most 200 characters), to find the slot by when a client has dropped the content controls |
 */
import { createHash } from 'node:crypto';
import { attr, childEls, firstChild, isEl, parseXmlDocument, plainText, rootOf, type XElement, type XNode } from '../template/xml.js';
import { escapeXmlAttr, escapeXmlText, decodeXmlText } from '../../../io/xml-text.js';
import { parseSlotTag } from './slot.js';
import type { PackageContext } from './to-markdown.js';

export const CUSTOM_PART = 'docProps/custom.xml';
export const FORMAT_VERSION = '1';
/** Word's limit for a text property is 255 characters; an anchor keeps the first 200. */
export const ANCHOR_LENGTH = 200;

const decoder = new TextDecoder('utf-8');

export type Parts = Map<string, string | Uint8Array>;

export function partText(parts: ReadonlyMap<string, string | Uint8Array>, name: string): string | undefined {
  const v = parts.get(name);
  return v === undefined ? undefined : typeof v === 'string' ? v : decoder.decode(v);
}

/** A short, stable hash of a text (the first 16 hex digits of its SHA-256). */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/** The hash a narrative file is recorded with: `-` for no file (or an empty one). */
export function fileHash(markdown: string | null): string {
  return markdown === null || markdown.trim() === '' ? '-' : textHash(markdown);
}

// ---------------------------------------------------------------------------------------------------------------
// Custom properties

/** The custom properties of a package, by name (text values only). */
export function readCustomProperties(xml: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!xml) return out;
  for (const m of xml.matchAll(/<(?:\w+:)?property\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?property>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1]!)?.[1];
    const value = /<vt:(?:lpwstr|lpstr|bstr)>([\s\S]*?)<\/vt:(?:lpwstr|lpstr|bstr)>/.exec(m[2]!)?.[1] ?? (/<vt:(?:lpwstr|lpstr|bstr)\/>/.test(m[2]!) ? '' : undefined);
    if (name !== undefined && value !== undefined) out.set(decodeXmlText(name), decodeXmlText(value));
  }
  return out;
}

const FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
const CUSTOM_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties';
const VT_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes';

/** The custom properties part with rapport's properties set (any of the organisation's own are kept, first). */
export function writeCustomProperties(existing: string | undefined, properties: ReadonlyMap<string, string>): string {
  const kept: string[] = [];
  if (existing) {
    for (const m of existing.matchAll(/<(?:\w+:)?property\b[^>]*>[\s\S]*?<\/(?:\w+:)?property>/g)) {
      const name = /\bname="([^"]*)"/.exec(m[0])?.[1] ?? '';
      if (!decodeXmlText(name).startsWith('rapport.')) kept.push(m[0].replace(/\bpid="\d+"/, 'pid="PID"'));
    }
  }
  let pid = 1;
  const props = [
    ...kept.map((p) => p.replace('pid="PID"', `pid="${++pid}"`)),
    ...[...properties].map(([name, value]) => `<property fmtid="${FMTID}" pid="${++pid}" name="${escapeXmlAttr(name)}"><vt:lpwstr>${escapeXmlText(value)}</vt:lpwstr></property>`),
  ];
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="${CUSTOM_NS}" xmlns:vt="${VT_NS}">${props.join('')}</Properties>`;
}

/** Makes sure the package declares its custom properties part (content type and package relationship). */
export function declareCustomPart(parts: Parts): void {
  const types = partText(parts, '[Content_Types].xml');
  if (types !== undefined && !types.includes('PartName="/docProps/custom.xml"')) {
    parts.set('[Content_Types].xml', types.replace('</Types>', '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>'));
  }
  const rels = partText(parts, '_rels/.rels');
  if (rels !== undefined && !rels.includes('docProps/custom.xml')) {
    parts.set('_rels/.rels', rels.replace('</Relationships>', '<Relationship Id="rIdCustomProperties" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>'));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Styles, numbering, links

export function packageContext(parts: ReadonlyMap<string, string | Uint8Array>): PackageContext {
  const styles = new Map<string, { name: string; basedOn?: string; numId?: string; ilvl?: number }>();
  const stylesXml = partText(parts, 'word/styles.xml');
  if (stylesXml) {
    const root = rootOf(parseXmlDocument(stylesXml));
    for (const s of root ? childEls(root, 'w:style') : []) {
      const id = attr(s, 'w:styleId');
      if (id === undefined) continue;
      const name = attr(firstChild(s, 'w:name') ?? s, 'w:val') ?? id;
      const basedOn = attr(firstChild(s, 'w:basedOn') ?? s, 'w:val');
      const numPr = firstChild(firstChild(s, 'w:pPr') ?? s, 'w:numPr');
      const numId = numPr ? attr(firstChild(numPr, 'w:numId') ?? numPr, 'w:val') : undefined;
      const ilvl = numPr ? Number(attr(firstChild(numPr, 'w:ilvl') ?? numPr, 'w:val') ?? '0') : undefined;
      styles.set(id, { name: name.toLowerCase(), ...(basedOn !== undefined && basedOn !== id ? { basedOn } : {}), ...(numId !== undefined ? { numId } : {}), ...(ilvl !== undefined && Number.isFinite(ilvl) ? { ilvl } : {}) });
    }
  }
  const numbering = new Map<string, Map<number, string>>();
  const numberingXml = partText(parts, 'word/numbering.xml');
  if (numberingXml) {
    const root = rootOf(parseXmlDocument(numberingXml));
    const abstract = new Map<string, Map<number, string>>();
    for (const a of root ? childEls(root, 'w:abstractNum') : []) {
      const levels = new Map<number, string>();
      for (const l of childEls(a, 'w:lvl')) levels.set(Number(attr(l, 'w:ilvl') ?? '0'), attr(firstChild(l, 'w:numFmt') ?? l, 'w:val') ?? 'decimal');
      abstract.set(attr(a, 'w:abstractNumId') ?? '', levels);
    }
    for (const n of root ? childEls(root, 'w:num') : []) {
      const levels = new Map(abstract.get(attr(firstChild(n, 'w:abstractNumId') ?? n, 'w:val') ?? '') ?? []);
      for (const o of childEls(n, 'w:lvlOverride')) {
        const l = firstChild(o, 'w:lvl');
        const fmt = l ? attr(firstChild(l, 'w:numFmt') ?? l, 'w:val') : undefined;
        if (fmt !== undefined) levels.set(Number(attr(o, 'w:ilvl') ?? '0'), fmt);
      }
      numbering.set(attr(n, 'w:numId') ?? '', levels);
    }
  }
  const links = new Map<string, string>();
  const rels = partText(parts, 'word/_rels/document.xml.rels');
  for (const m of rels?.matchAll(/<Relationship\b[^>]*>/g) ?? []) {
    if (!/TargetMode="External"/.test(m[0]) || !/\/hyperlink"/.test(m[0])) continue;
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id !== undefined && target !== undefined) links.set(id, decodeXmlText(target));
  }
  return { styles, numbering, links };
}

// ---------------------------------------------------------------------------------------------------------------
// The body in reading order

/** A block of the body: a paragraph or table outside the slots, or a slot (its content control). */
export type BodyBlock =
  | { readonly kind: 'block'; readonly element: XElement; readonly text: string }
  | { readonly kind: 'slot'; readonly element: XElement; readonly unitId: string; readonly key: string; readonly hash?: string };

export function bodyOf(documentXml: string): XElement | undefined {
  const root = rootOf(parseXmlDocument(documentXml));
  return root ? firstChild(root, 'w:body') : undefined;
}

/** A block's text for anchoring: a paragraph's text, a table's first row; spaces normalised. */
export function blockText(e: XElement): string {
  if (e.name === 'w:tbl') {
    const row = childEls(e, 'w:tr')[0];
    return row ? `tabell: ${normalise(childEls(row, 'w:tc').map(plainText).join(' '))}` : 'tabell:';
  }
  return normalise(plainText(e));
}

function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The body's paragraphs and tables in reading order, with rapport's slots as single blocks. Other content controls
 * (the table of contents) and custom XML are looked into, so a client that drops or keeps them reads the same.
 */
export function bodyBlocks(children: readonly XNode[]): BodyBlock[] {
  const out: BodyBlock[] = [];
  for (const c of children) {
    if (!isEl(c)) continue;
    if (c.name === 'w:p' || c.name === 'w:tbl') out.push({ kind: 'block', element: c, text: blockText(c) });
    else if (c.name === 'w:sdt') {
      const tag = attr(firstChild(firstChild(c, 'w:sdtPr') ?? c, 'w:tag') ?? c, 'w:val');
      const slot = tag !== undefined ? parseSlotTag(tag) : undefined;
      if (slot) out.push({ kind: 'slot', element: c, ...slot });
      else out.push(...bodyBlocks(firstChild(c, 'w:sdtContent')?.children ?? []));
    } else if (c.name === 'w:customXml') out.push(...bodyBlocks(c.children));
  }
  return out;
}

/** Every rapport slot in the body, also inside tables (a template may put a text in a table cell). */
export function allSlots(body: XElement): { element: XElement; unitId: string; key: string; hash?: string }[] {
  const out: { element: XElement; unitId: string; key: string; hash?: string }[] = [];
  const walk = (e: XElement) => {
    for (const c of e.children) {
      if (!isEl(c)) continue;
      if (c.name === 'w:sdt') {
        const tag = attr(firstChild(firstChild(c, 'w:sdtPr') ?? c, 'w:tag') ?? c, 'w:val');
        const slot = tag !== undefined ? parseSlotTag(tag) : undefined;
        if (slot) {
          out.push({ element: c, ...slot });
          continue;
        }
      }
      walk(c);
    }
  };
  walk(body);
  return out;
}

/** The content of a slot's control (its `w:sdtContent` children). */
export function slotContent(sdt: XElement): XNode[] {
  return firstChild(sdt, 'w:sdtContent')?.children ?? [];
}

/** Whether the control still shows its placeholder (nothing written in it). */
export function showsPlaceholder(sdt: XElement): boolean {
  return firstChild(firstChild(sdt, 'w:sdtPr') ?? sdt, 'w:showingPlcHdr') !== undefined;
}
