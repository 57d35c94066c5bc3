/**
 * The figures' alt text put back into a LibreOffice PDF (src/render/pdf-alt-text.ts): from the Word file's drawings,
 * in order, as an incremental update that leaves the original bytes as they were.
 */
import { describe, expect, test } from 'vitest';
import { addFigureAltTexts, docxAltTexts } from '../../src/render/pdf-alt-text.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { sampleReport } from '../helpers/sample-report.js';

/** A small PDF as LibreOffice writes one: plain objects, a cross-reference table, a trailer. */
function tinyPdf(figures: readonly string[]): Uint8Array {
  let body = '%PDF-1.6\n';
  const offsets: number[] = [];
  const objects = [
    '<</Type/Catalog/Pages 2 0 R/StructTreeRoot 3 0 R/Lang(sv-SE)>>',
    '<</Type/Pages/Kids[]/Count 0>>',
    '<</Type/StructTreeRoot/K[]>>',
    ...figures,
  ];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<</Size ${objects.length + 1}/Root 1 0 R/ID [ <AB> <AB> ]>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

const figure = (extra = '') => `<</Type/StructElem\n/S/Figure\n/P 3 0 R${extra}\n/K[0 ]\n>>`;

describe('docxAltTexts', () => {
  test("the Word file's drawings' alt texts in document order, XML entities decoded", async () => {
    const model = sampleReport();
    const alts = docxAltTexts(await renderDocx(model));
    expect(alts.length).toBe(3);
    expect(alts.every((a) => a.length > 20 && !a.includes('&'))).toBe(true);
  });
});

describe('addFigureAltTexts', () => {
  test('each Figure gets its text by position, appended as an update with its own cross-reference section', () => {
    const pdf = tinyPdf([figure(), figure()]);
    const out = addFigureAltTexts(pdf, ['Första diagrammet', 'Andra – "å"']);
    const text = Buffer.from(out).toString('latin1');
    // The original bytes come first, unchanged.
    expect(Buffer.from(out.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    const tail = text.slice(pdf.length);
    const utf16 = (s: string) => `<FEFF${[...s].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('')}>`;
    expect(tail).toContain(`4 0 obj\n<</Alt ${utf16('Första diagrammet')}\n/Type/StructElem`);
    expect(tail).toContain(`5 0 obj\n<</Alt ${utf16('Andra – "å"')}\n/Type/StructElem`);
    // Cross-reference entries point at the new objects; the trailer chains to the previous section.
    const entries = [...tail.matchAll(/^(\d+) 1\n(\d{10}) 00000 n \n/gm)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(entries.map(([n]) => n)).toEqual([4, 5]);
    for (const [n, at] of entries) expect(text.slice(at!, at! + 8)).toBe(`${n} 0 obj\n`);
    const prev = /startxref\n(\d+)\n%%EOF\n$/.exec(Buffer.from(pdf).toString('latin1'))![1];
    expect(tail).toMatch(new RegExp(`trailer\\n<</Size 6/Root 1 0 R/ID \\[ <AB> <AB> \\]/Prev ${prev}>>\\nstartxref\\n(\\d+)\\n%%EOF\\n$`));
    const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(tail)![1]);
    expect(text.slice(xrefAt, xrefAt + 5)).toBe('xref\n');
  });

  test('a Figure with alt text keeps it; nothing changes when the counts differ or there is nothing to add', () => {
    const pdf = tinyPdf([figure('\n/Alt(Redan)'), figure()]);
    const out = Buffer.from(addFigureAltTexts(pdf, ['Ny', 'Andra'])).toString('latin1').slice(pdf.length);
    expect(out).not.toMatch(/^4 0 obj/m);
    expect(out).toMatch(/^5 0 obj/m);
    expect(addFigureAltTexts(pdf, ['bara en'])).toBe(pdf);
    const done = tinyPdf([figure('\n/Alt(A)')]);
    expect(addFigureAltTexts(done, ['A'])).toBe(done);
  });
});
