/**
 * Styles of a filled template. Generated content refers to the default report's style ids ("Heading1", "Caption",
 * "Tabelltext", "TOC1" …). A template made in Swedish Word has the same built-in styles under localised ids
 * ("Rubrik1" named "heading 1", "Beskrivning" named "caption", "Innehll1" named "toc 1"), so ids are mapped by the
 * style's built-in *name*, case-insensitively, as Word itself identifies built-in styles:
 *
 * - a generated reference to an id the template does not have is pointed at the template's style of the same type and
 *   name, so a heading inserted by `{{> avsnitt 3.2}}` looks like the template's own headings;
 * - when the template has no such style, the default report's definition is added (with the styles it is based on),
 *   so the content still has a proper heading style with an outline level;
 * - styles that `patchDocument` added for ids it could not map, and that nothing uses any more, are removed again.
 */
import { Document, Packer } from 'docx';
import { unzipSync } from 'fflate';
import { documentNumbering, documentStyles } from '../styles.js';
import { attr, childEls, deepClone, firstChild, isEl, parseXmlDocument, rootOf, serializeXml, type XElement } from './xml.js';
import { readText, storyParts, writeText, type TemplatePackage } from './package.js';

export const STYLES_PART = 'word/styles.xml';

export interface StyleInfo {
  readonly id: string;
  readonly type: string;
  /** As written ("heading 1"). */
  readonly name: string;
  readonly basedOn?: string;
  /** 0-based outline level written in the style itself. */
  readonly outlineLevel?: number;
  readonly isDefault: boolean;
  readonly element: XElement;
}

export function readStyles(xml: string | undefined): StyleInfo[] {
  if (xml === undefined) return [];
  const root = rootOf(parseXmlDocument(xml));
  if (!root) return [];
  return childEls(root, 'w:style').map((s) => {
    const name = firstChild(s, 'w:name');
    const basedOn = firstChild(s, 'w:basedOn');
    const outline = firstChild(firstChild(s, 'w:pPr') ?? s, 'w:outlineLvl');
    const level = outline ? Number(attr(outline, 'w:val')) : NaN;
    const def = attr(s, 'w:default');
    return {
      id: attr(s, 'w:styleId') ?? '',
      type: attr(s, 'w:type') ?? 'paragraph',
      name: (name && attr(name, 'w:val')) ?? attr(s, 'w:styleId') ?? '',
      ...(basedOn && attr(basedOn, 'w:val') ? { basedOn: attr(basedOn, 'w:val')! } : {}),
      ...(Number.isInteger(level) ? { outlineLevel: level } : {}),
      isDefault: def === '1' || def === 'true' || def === 'on',
      element: s,
    };
  });
}

const norm = (name: string) => name.trim().toLowerCase();

/** The template's style of a built-in name and type, if it has one. */
export function styleByName(styles: readonly StyleInfo[], name: string, type = 'paragraph'): StyleInfo | undefined {
  return styles.find((s) => s.type === type && norm(s.name) === norm(name));
}

const referenceCache = new Map<boolean, Promise<Map<string, StyleInfo>>>();

/** The default report's styles (ours and the `docx` library's), by id: what generated content refers to. */
export function referenceStyles(final: boolean): Promise<Map<string, StyleInfo>> {
  let p = referenceCache.get(final);
  if (!p) {
    p = (async () => {
      const doc = new Document({ styles: documentStyles({ final }), numbering: documentNumbering(), sections: [{ children: [] }] });
      const bytes = await Packer.toBuffer(doc);
      const xml = new TextDecoder().decode(unzipSync(bytes)[STYLES_PART]);
      return new Map(readStyles(xml).map((s) => [s.id, s]));
    })();
    referenceCache.set(final, p);
  }
  return p;
}

/** Outline level (1-based) of each paragraph style: written in the style or a style it is based on, or by name. */
export function headingLevels(styles: readonly StyleInfo[]): Map<string, number> {
  const byId = new Map(styles.map((s) => [s.id, s]));
  const out = new Map<string, number>();
  for (const s of styles) {
    if (s.type !== 'paragraph') continue;
    let cur: StyleInfo | undefined = s;
    const seen = new Set<string>();
    let level: number | undefined;
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id);
      if (cur.outlineLevel !== undefined) {
        level = cur.outlineLevel;
        break;
      }
      const m = /^heading (\d)$/i.exec(cur.name.trim());
      if (m) {
        level = Number(m[1]) - 1;
        break;
      }
      cur = cur.basedOn ? byId.get(cur.basedOn) : undefined;
    }
    if (level !== undefined && level >= 0 && level <= 8) out.set(s.id, level + 1);
  }
  return out;
}

const STYLE_REF = /(<w:(?:pStyle|rStyle|tblStyle)\b[^>]*?\bw:val=")([^"]*)(")/g;

/**
 * Maps and adds styles in a patched package (see the module comment). `original` are the template's own styles as
 * they were before patching. Returns the ids of the styles added from the default report.
 */
export function fixStyles(pkg: TemplatePackage, original: readonly StyleInfo[], reference: ReadonlyMap<string, StyleInfo>): string[] {
  const stylesXml = readText(pkg, STYLES_PART);
  if (stylesXml === undefined) return [];
  const doc = parseXmlDocument(stylesXml);
  const root = rootOf(doc);
  if (!root) return [];
  const originalIds = new Set(original.map((s) => s.id));
  const parts = [...storyParts(pkg), 'word/numbering.xml'].filter((p) => pkg.files.has(p));
  const texts = new Map(parts.map((p) => [p, readText(pkg, p)!]));

  const referenced = new Set<string>();
  for (const text of texts.values()) for (const m of text.matchAll(STYLE_REF)) referenced.add(m[2]!);

  const map = new Map<string, string>();
  const added: string[] = [];
  const elementOf = (id: string) => childEls(root, 'w:style').find((s) => attr(s, 'w:styleId') === id);

  /** The id in the document for a reference style id: the template's by name, or ours added. */
  const resolve = (id: string): string | undefined => {
    if (originalIds.has(id)) return id;
    if (map.has(id)) return map.get(id);
    const ref = reference.get(id);
    if (!ref) return elementOf(id) ? id : undefined;
    const match = styleByName(original, ref.name, ref.type);
    if (match) {
      map.set(id, match.id);
      return match.id;
    }
    map.set(id, id);
    const el = deepClone(ref.element);
    for (const linkName of ['w:basedOn', 'w:next', 'w:link']) {
      const link = firstChild(el, linkName);
      const target = link ? attr(link, 'w:val') : undefined;
      if (!link || target === undefined) continue;
      const to = target === id ? id : resolve(target);
      if (to === undefined) el.children = el.children.filter((c) => c !== link);
      else link.attrs = link.attrs.map(([k, v]) => [k, k === 'w:val' ? to : v]);
    }
    // Only the template's default styles are defaults.
    el.attrs = el.attrs.filter(([k]) => k !== 'w:default');
    const existing = elementOf(id);
    if (existing) root.children[root.children.indexOf(existing)] = el;
    else root.children.push(el);
    added.push(id);
    return id;
  };

  for (const id of [...referenced].sort()) if (!originalIds.has(id)) resolve(id);

  if (map.size > 0) {
    for (const [part, text] of texts) {
      const next = text.replace(STYLE_REF, (all, a: string, id: string, c: string) => {
        const to = map.get(id);
        return to === undefined || to === id ? all : a + to + c;
      });
      if (next !== text) {
        texts.set(part, next);
        writeText(pkg, part, next);
      }
    }
  }

  // Styles patchDocument added that nothing refers to any more.
  const stillReferenced = new Set<string>();
  for (const text of texts.values()) for (const m of text.matchAll(STYLE_REF)) stillReferenced.add(m[2]!);
  const all = childEls(root, 'w:style');
  const byId = new Map(all.map((s) => [attr(s, 'w:styleId') ?? '', s]));
  const keep = new Set<string>([...originalIds, ...added, ...stillReferenced]);
  const queue = [...keep];
  while (queue.length > 0) {
    const s = byId.get(queue.pop()!);
    if (!s) continue;
    for (const linkName of ['w:basedOn', 'w:next', 'w:link']) {
      const link = firstChild(s, linkName);
      const v = link ? attr(link, 'w:val') : undefined;
      if (v && !keep.has(v)) {
        keep.add(v);
        queue.push(v);
      }
    }
  }
  root.children = root.children.filter((c) => !isEl(c, 'w:style') || keep.has(attr(c, 'w:styleId') ?? ''));
  writeText(pkg, STYLES_PART, serializeXml(doc));
  return added;
}
