/**
 * The table of contents of a filled template (`{{> innehall}}`), as the default report has it: a "TOC Heading"
 * paragraph, then Word's TOC field in a Table of Contents content control, one entry per heading of level 1–3 with a
 * link to a bookmark on the heading and a PAGEREF field for its page number.
 *
 * `patchDocument` does not collect headings into a table of contents, and the headings of a filled template exist
 * only once the blocks are in place, so the filler works in two passes: the first fills everything but the table of
 * contents; then this module bookmarks the headings (by outline level, from the template's styles) and writes the
 * entries; the second pass (`patchDocument` with `pageNumbers: estimatePageNumbers`) lays the pages out and writes
 * the page numbers into the PAGEREF fields, so neither Word nor LibreOffice has to update fields.
 */
import { attr, childEls, el, findAll, firstChild, isEl, parseXmlDocument, plainText, rootOf, serializeXml, type XElement, type XNode } from './xml.js';
import { headingLevels, type StyleInfo } from './styles.js';

export interface TocOptions {
  /** The text of the paragraph the table of contents replaces (the marker left by the first pass). */
  readonly marker: string;
  /** Title above the entries. */
  readonly title: string;
  /** Right tab stop of the page numbers: the text width in twips. */
  readonly textWidth: number;
  /** Deepest heading level listed. */
  readonly maxLevel: number;
}

function paragraphLevel(p: XElement, levels: ReadonlyMap<string, number>): number | undefined {
  const pPr = firstChild(p, 'w:pPr');
  if (!pPr) return undefined;
  const outline = firstChild(pPr, 'w:outlineLvl');
  if (outline) {
    const v = Number(attr(outline, 'w:val'));
    return Number.isInteger(v) && v <= 8 ? v + 1 : undefined;
  }
  const style = firstChild(pPr, 'w:pStyle');
  const id = style ? attr(style, 'w:val') : undefined;
  return id === undefined ? undefined : levels.get(id);
}

function isTocSdt(e: XElement): boolean {
  if (e.name !== 'w:sdt') return false;
  const gallery = findAll(e, 'w:docPartGallery')[0];
  return gallery !== undefined && /table of contents/i.test(attr(gallery, 'w:val') ?? '');
}

const text = (t: string): XElement => el('w:t', [['xml:space', 'preserve']], t === '' ? [] : [{ kind: 'text', text: t }]);
const run = (...children: XNode[]): XElement => el('w:r', [], children);

/**
 * Replaces the marker paragraph of the document with a table of contents of its headings. Returns the new XML, or
 * the XML unchanged when the marker is not there.
 */
export function insertTableOfContents(documentXml: string, styles: readonly StyleInfo[], options: TocOptions): string {
  const doc = parseXmlDocument(documentXml);
  const root = rootOf(doc);
  const body = root ? firstChild(root, 'w:body') : undefined;
  if (!body) return documentXml;
  const levels = headingLevels(styles);

  let marker: { parent: XElement; p: XElement } | undefined;
  const headings: { p: XElement; level: number; text: string }[] = [];
  let maxBookmarkId = 0;
  for (const b of findAll(body, 'w:bookmarkStart')) maxBookmarkId = Math.max(maxBookmarkId, Number(attr(b, 'w:id')) || 0);

  const walk = (parent: XElement) => {
    for (const c of parent.children) {
      if (!isEl(c)) continue;
      if (c.name === 'w:p') {
        const t = plainText(c);
        if (t.trim() === options.marker) marker ??= { parent, p: c };
        else {
          const level = paragraphLevel(c, levels);
          if (level !== undefined && level <= options.maxLevel && t.trim() !== '') headings.push({ p: c, level, text: t.replace(/\s+/g, ' ').trim() });
        }
      } else if (c.name === 'w:tbl' || c.name === 'w:tr' || c.name === 'w:tc' || c.name === 'w:sdtContent' || c.name === 'w:customXml' || (c.name === 'w:sdt' && !isTocSdt(c))) walk(c);
    }
  };
  walk(body);
  if (!marker) return documentXml;

  // Bookmark each heading (reusing a _Toc bookmark it already has).
  const entries = headings.map((h, i) => {
    const existing = childEls(h.p, 'w:bookmarkStart').find((b) => /^_Toc/.test(attr(b, 'w:name') ?? ''));
    if (existing) return { ...h, bookmark: attr(existing, 'w:name')! };
    const id = String(maxBookmarkId + i + 1);
    // Names the normaliser renumbers (_Toc<n>) in reading order; high numbers so they never clash with the template's.
    const name = `_Toc${900000 + i + 1}`;
    const pPr = firstChild(h.p, 'w:pPr');
    const at = pPr ? h.p.children.indexOf(pPr) + 1 : 0;
    h.p.children.splice(at, 0, el('w:bookmarkStart', [['w:id', id], ['w:name', name]]));
    h.p.children.push(el('w:bookmarkEnd', [['w:id', id]]));
    return { ...h, bookmark: name };
  });

  const fieldBegin = run(
    el('w:fldChar', [['w:fldCharType', 'begin']]),
    el('w:instrText', [['xml:space', 'preserve']], [{ kind: 'text', text: `TOC \\o "1-${options.maxLevel}" \\h \\z \\u` }]),
    el('w:fldChar', [['w:fldCharType', 'separate']]),
  );
  const fieldEnd = run(el('w:fldChar', [['w:fldCharType', 'end']]));
  const pPr = (level: number) =>
    el('w:pPr', [], [
      el('w:pStyle', [['w:val', `TOC${level}`]]),
      el('w:tabs', [], [el('w:tab', [['w:val', 'right'], ['w:leader', 'dot'], ['w:pos', String(options.textWidth)]])]),
    ]);
  const paragraphs: XElement[] = entries.map((e, i) =>
    el('w:p', [], [
      pPr(e.level),
      ...(i === 0 ? [fieldBegin] : []),
      el('w:hyperlink', [['w:anchor', e.bookmark], ['w:history', '1']], [
        run(text(e.text)),
        run(el('w:tab')),
        run(
          el('w:fldChar', [['w:fldCharType', 'begin']]),
          el('w:instrText', [['xml:space', 'preserve']], [{ kind: 'text', text: `PAGEREF ${e.bookmark} \\h` }]),
          el('w:fldChar', [['w:fldCharType', 'separate']]),
          text(''),
          el('w:fldChar', [['w:fldCharType', 'end']]),
        ),
      ]),
    ]),
  );
  if (paragraphs.length === 0) paragraphs.push(el('w:p', [], [fieldBegin, run(text('Inga rubriker.'))]));
  paragraphs.push(el('w:p', [], [fieldEnd]));

  const sdt = el('w:sdt', [], [
    el('w:sdtPr', [], [
      el('w:alias', [['w:val', options.title]]),
      el('w:docPartObj', [], [el('w:docPartGallery', [['w:val', 'Table of Contents']]), el('w:docPartUnique')]),
    ]),
    el('w:sdtContent', [], paragraphs),
  ]);
  const heading = el('w:p', [], [el('w:pPr', [], [el('w:pStyle', [['w:val', 'TOCHeading']])]), run(text(options.title))]);
  const at = marker.parent.children.indexOf(marker.p);
  marker.parent.children.splice(at, 1, heading, sdt);
  return serializeXml(doc);
}
