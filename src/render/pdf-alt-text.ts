/**
 * The figures' alt text in a tagged PDF made by LibreOffice from our Word file. LibreOffice (7.4 at least) drops the
 * alt text (`wp:docPr descr`) of a chart when it imports a .docx, so the PDF's Figure structure elements have no
 * `/Alt` and a screen reader says nothing about the chart. This puts each drawing's alt text from the Word file on the
 * Figure element in the same place of the reading order, as an incremental update appended to the PDF (the original
 * bytes stay as they are, the new objects and a cross-reference section follow them, as the PDF standard allows).
 *
 * It changes nothing when the PDF is not one it understands: a cross-reference stream instead of a table, Figure
 * elements that are not plain objects, or a number of Figure elements other than the number of drawings in the Word
 * file (then which text belongs to which figure is not known). A Figure that has an /Alt keeps it.
 */
import { strFromU8, unzipSync } from 'fflate';

/** The alt texts (`descr`, else `title`) of the Word file's drawings in document order. */
export function docxAltTexts(docx: Uint8Array): string[] {
  const files = unzipSync(docx, { filter: (f) => f.name === 'word/document.xml' });
  const xml = files['word/document.xml'];
  if (!xml) return [];
  const out: string[] = [];
  for (const m of strFromU8(xml).matchAll(/<wp:docPr\b([^>]*)>/g)) {
    const attrs = m[1] ?? '';
    const descr = /\sdescr="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const title = /\stitle="([^"]*)"/.exec(attrs)?.[1] ?? '';
    out.push(unescapeXml(descr !== '' ? descr : title));
  }
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? '';
  });
}

/** A PDF text string in UTF-16BE with a byte order mark, written in hex: any character, no escaping. */
function pdfTextString(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/**
 * The PDF with `/Alt` on each Figure structure element that lacks one, taken from `altTexts` by position (the i-th
 * Figure in object order, which is LibreOffice's reading order, gets the i-th text). Unchanged (the same array) when
 * there is nothing to add or the PDF is not one this understands (see the file comment).
 */
export function addFigureAltTexts(pdf: Uint8Array, altTexts: readonly string[]): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const figures = [...text.matchAll(/(?<=^|[\r\n])(\d+) (\d+) obj\s*(<<\/Type\/StructElem\s*\/S\/Figure\b[\s\S]*?>>)\s*endobj/g)];
  if (figures.length === 0 || figures.length !== altTexts.length) return pdf;
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  const trailer = [...text.matchAll(/trailer\s*(<<[\s\S]*?>>)\s*startxref/g)].pop()?.[1];
  if (!startxref || !trailer) return pdf;
  const size = /\/Size\s+(\d+)/.exec(trailer)?.[1];
  const root = /\/Root\s+(\d+ \d+ R)/.exec(trailer)?.[1];
  if (!size || !root) return pdf;
  const info = /\/Info\s+(\d+ \d+ R)/.exec(trailer)?.[1];
  const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer)?.[1];

  const updated: { num: number; gen: number; body: string }[] = [];
  figures.forEach((m, i) => {
    const dict = m[3]!;
    const alt = altTexts[i]!;
    if (/\/Alt\b/.test(dict) || alt.trim() === '') return;
    updated.push({ num: Number(m[1]), gen: Number(m[2]), body: `<</Alt ${pdfTextString(alt)}\n${dict.slice(2)}` });
  });
  if (updated.length === 0) return pdf;

  let tail = '\n';
  const offsets = new Map<number, number>();
  for (const u of updated) {
    offsets.set(u.num, pdf.byteLength + Buffer.byteLength(tail, 'latin1'));
    tail += `${u.num} ${u.gen} obj\n${u.body}\nendobj\n`;
  }
  const xrefAt = pdf.byteLength + Buffer.byteLength(tail, 'latin1');
  tail += 'xref\n';
  for (const u of [...updated].sort((a, b) => a.num - b.num)) {
    tail += `${u.num} 1\n${String(offsets.get(u.num)).padStart(10, '0')} ${String(u.gen).padStart(5, '0')} n \n`;
  }
  tail += `trailer\n<</Size ${size}/Root ${root}${info ? `/Info ${info}` : ''}${id ? `/ID ${id}` : ''}/Prev ${startxref[1]}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const out = new Uint8Array(pdf.byteLength + Buffer.byteLength(tail, 'latin1'));
  out.set(pdf, 0);
  out.set(Buffer.from(tail, 'latin1'), pdf.byteLength);
  return out;
}
