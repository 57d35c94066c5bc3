/**
 * Page sections of a filled template: the text width a block may use, and landscape pages for tables too wide for
 * the template's portrait page. The default report gives such a table a landscape section of its own; in a template
 * the block's table is wrapped in two marker paragraphs, which become section breaks here: the part before the table
 * keeps the section's own properties, the table gets a landscape copy of them, and the rest continues as before on a
 * new page (without a first-page header and without restarting page numbers).
 */
import { attr, deepClone, el, findAll, firstChild, isEl, parseXmlDocument, plainText, rootOf, serializeXml, setAttr, type XElement } from './xml.js';

export interface TextWidths {
  readonly portrait: number;
  readonly landscape: number;
}

const num = (e: XElement | undefined, name: string): number | undefined => {
  const v = e ? Number(attr(e, name)) : NaN;
  return Number.isFinite(v) ? v : undefined;
};

function widthsOf(sectPr: XElement): TextWidths | undefined {
  const size = firstChild(sectPr, 'w:pgSz');
  const margin = firstChild(sectPr, 'w:pgMar');
  const w = num(size, 'w:w');
  const h = num(size, 'w:h');
  if (w === undefined || h === undefined) return undefined;
  const left = num(margin, 'w:left') ?? 1440;
  const right = num(margin, 'w:right') ?? 1440;
  const gutter = num(margin, 'w:gutter') ?? 0;
  const short = Math.min(w, h);
  const long = Math.max(w, h);
  return { portrait: short - left - right - gutter, landscape: long - left - right - gutter };
}

/** The narrowest text widths of the document's sections (A4 with 2.5 cm margins when it says nothing). */
export function textWidths(documentXml: string): TextWidths {
  const root = rootOf(parseXmlDocument(documentXml));
  const found = root ? findAll(root, 'w:sectPr').map(widthsOf).filter((x): x is TextWidths => x !== undefined) : [];
  if (found.length === 0) return { portrait: 9070, landscape: 13998 };
  return { portrait: Math.min(...found.map((f) => f.portrait)), landscape: Math.min(...found.map((f) => f.landscape)) };
}

function landscapeOf(sectPr: XElement): XElement {
  const copy = deepClone(sectPr);
  copy.children = copy.children.filter((c) => !isEl(c, 'w:titlePg'));
  const size = firstChild(copy, 'w:pgSz');
  if (size) {
    const w = num(size, 'w:w') ?? 11906;
    const h = num(size, 'w:h') ?? 16838;
    setAttr(size, 'w:w', String(Math.max(w, h)));
    setAttr(size, 'w:h', String(Math.min(w, h)));
    setAttr(size, 'w:orient', 'landscape');
  }
  startOnNewPage(copy);
  return copy;
}

function startOnNewPage(sectPr: XElement): void {
  const type = firstChild(sectPr, 'w:type');
  if (type) setAttr(type, 'w:val', 'nextPage');
  else sectPr.children.unshift(el('w:type', [['w:val', 'nextPage']]));
  const numbering = firstChild(sectPr, 'w:pgNumType');
  if (numbering) numbering.attrs = numbering.attrs.filter(([k]) => k !== 'w:start');
}

/** Turns the landscape marker paragraphs into section breaks. Returns the XML unchanged when there are none. */
export function applyLandscapeMarkers(documentXml: string, markers: { readonly start: string; readonly end: string }): string {
  if (!documentXml.includes(markers.start)) return documentXml;
  const doc = parseXmlDocument(documentXml);
  const root = rootOf(doc);
  const body = root ? firstChild(root, 'w:body') : undefined;
  if (!body) return documentXml;
  const bodySectPr = firstChild(body, 'w:sectPr');
  /** The properties of the section a body child is in: those of the next paragraph ending a section, or the body's. */
  const governing = (from: number): XElement | undefined => {
    for (let i = from + 1; i < body.children.length; i++) {
      const c = body.children[i]!;
      const pPr = isEl(c, 'w:p') ? firstChild(c, 'w:pPr') : undefined;
      const s = pPr ? firstChild(pPr, 'w:sectPr') : undefined;
      if (s) return s;
    }
    return bodySectPr;
  };
  const sectionBreak = (sectPr: XElement): XElement => el('w:p', [], [el('w:pPr', [], [sectPr])]);
  let open: XElement | null = null;
  for (let i = 0; i < body.children.length; i++) {
    const c = body.children[i]!;
    if (!isEl(c, 'w:p')) continue;
    const t = plainText(c).trim();
    if (t === markers.start) {
      const original = governing(i);
      if (!original || open) {
        body.children.splice(i--, 1);
        continue;
      }
      const before = deepClone(original);
      // The rest of the section, after the landscape table, starts on a new page without a first-page header.
      original.children = original.children.filter((x) => !isEl(x, 'w:titlePg'));
      startOnNewPage(original);
      body.children[i] = sectionBreak(before);
      open = landscapeOf(original);
    } else if (t === markers.end) {
      if (open) body.children[i] = sectionBreak(open);
      else body.children.splice(i--, 1);
      open = null;
    }
  }
  return serializeXml(doc);
}

/**
 * A block placeholder's paragraph that starts a new page (page break before, or a page break in it) is replaced by
 * generated content; the filler leaves a marker paragraph before it, and here the marker becomes "page break before"
 * on the paragraph that follows it (or, before a table, an empty paragraph with it).
 */
export function applyPageBreakMarkers(documentXml: string, marker: string): string {
  if (!documentXml.includes(marker)) return documentXml;
  const doc = parseXmlDocument(documentXml);
  const root = rootOf(doc);
  const body = root ? firstChild(root, 'w:body') : undefined;
  if (!body) return documentXml;
  for (let i = 0; i < body.children.length; i++) {
    const c = body.children[i]!;
    if (!isEl(c, 'w:p') || plainText(c).trim() !== marker) continue;
    const next = body.children.slice(i + 1).find((x): x is XElement => isEl(x));
    if (next && isEl(next, 'w:p')) {
      let pPr = firstChild(next, 'w:pPr');
      if (!pPr) {
        pPr = el('w:pPr');
        next.children.unshift(pPr);
      }
      if (!firstChild(pPr, 'w:pageBreakBefore')) {
        // After pStyle/keepNext/keepLines, as the schema orders a paragraph's properties.
        const after = ['w:pStyle', 'w:keepNext', 'w:keepLines'];
        let at = 0;
        pPr.children.forEach((x, k) => {
          if (isEl(x) && after.includes(x.name)) at = k + 1;
        });
        pPr.children.splice(at, 0, el('w:pageBreakBefore'));
      }
      body.children.splice(i--, 1);
    } else {
      body.children[i] = el('w:p', [], [el('w:pPr', [], [el('w:pageBreakBefore'), el('w:spacing', [['w:before', '0'], ['w:after', '0']])])]);
    }
  }
  return serializeXml(doc);
}

/** Whether a template paragraph starts a new page: "page break before", or a page break in its runs. */
export function startsNewPage(p: XElement): boolean {
  const pPr = firstChild(p, 'w:pPr');
  const pb = pPr ? firstChild(pPr, 'w:pageBreakBefore') : undefined;
  if (pb && !['0', 'false', 'off'].includes(attr(pb, 'w:val') ?? '1')) return true;
  return findAll(p, 'w:br').some((br) => attr(br, 'w:type') === 'page');
}
