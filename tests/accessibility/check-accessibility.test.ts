import {
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { ChartRun } from 'docx/charts';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkAccessibility, contrastRatio, isStatusColour, parseHex, type Finding } from '../../src/accessibility/index.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { sampleReport } from '../helpers/sample-report.js';

/** A 1×1 PNG. */
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
);

function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.code);
}

/** Rewrites one part of a package. */
function patchPart(bytes: Uint8Array, name: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  files[name] = strToU8(edit(strFromU8(files[name]!)));
  return zipSync(files);
}

describe('the default report', () => {
  test('passes every check, as a draft and as the final report', async () => {
    expect(checkAccessibility(await renderDocx(sampleReport()))).toEqual([]);
    expect(checkAccessibility(await renderDocx(sampleReport({ allNarratives: true }), { final: true }))).toEqual([]);
  });
});

describe('a document with planted problems', () => {
  let findings: Finding[];

  beforeAll(async () => {
    const cell = (text: string, fill?: string, color?: string) =>
      new TableCell({
        ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
        children: [new Paragraph({ children: text ? [new TextRun({ text, ...(color ? { color } : {}) })] : [] })],
      });
    const doc = new Document({
      // No title, no language.
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Resultat')] }),
            new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun('Detaljer')] }),
            new Paragraph({ children: [new TextRun({ text: 'Gul text på vitt', color: 'FFFF00' })] }),
            new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 } })] }),
            new Paragraph({
              children: [
                new ChartRun({ type: 'column', categories: ['a', 'b'], series: [{ name: 'S', values: [1, 2] }], altText: { name: 'Staplar', description: 'TA-BORT' } }),
              ],
            }),
            // A data table without a header row, with a status shown only as a green fill and a red dot.
            new Table({
              rows: [
                new TableRow({ children: [cell('Område'), cell('Status')] }),
                new TableRow({ children: [cell('Fastighet'), cell('', '00B050')] }),
                new TableRow({ children: [cell('IT'), cell('●', undefined, 'FF0000')] }),
              ],
            }),
          ],
        },
      ],
    });
    let bytes: Uint8Array = await Packer.toBuffer(doc);
    bytes = patchPart(bytes, 'word/document.xml', (xml) => xml.replace(/ descr="TA-BORT"/, ''));
    findings = checkAccessibility(bytes);
  });

  test('reports each problem once, with its code', () => {
    expect(new Set(codes(findings))).toEqual(
      new Set([
        'a11y.language.missing',
        'a11y.title.missing',
        'a11y.heading.jump',
        'a11y.contrast.low',
        'a11y.image.alt-missing',
        'a11y.chart.alt-missing',
        'a11y.table.header-missing',
        'a11y.status.colour-only',
      ]),
    );
  });

  test('messages are Swedish and say what to do', () => {
    const by = (code: string) => findings.filter((f) => f.code === code).map((f) => f.message);
    expect(by('a11y.heading.jump')[0]).toBe(
      'Rubriknivån hoppar från 1 till 3 vid "Detaljer". Rubriker ska följa varandra utan hopp (Rubrik 1 → Rubrik 2 → Rubrik 3).',
    );
    expect(by('a11y.contrast.low')[0]).toMatch(/^Texten "Gul text på vitt" har för låg kontrast, 1,1:1 \(färg #FFFF00 mot #FFFFFF\); kravet är minst 4,5:1/);
    expect(by('a11y.chart.alt-missing')[0]).toContain('Diagrammet "Staplar" saknar alternativtext');
    expect(by('a11y.table.header-missing')[0]).toContain('Tabellen som börjar med "Område" saknar rubrikrad');
    expect(by('a11y.status.colour-only')).toHaveLength(2);
    expect(by('a11y.status.colour-only').join(' ')).toMatch(/#00B050/);
    expect(by('a11y.status.colour-only').join(' ')).toMatch(/#FF0000/);
    expect(by('a11y.language.missing')[0]).toContain('sv-SE');
    for (const f of findings) expect(f.severity).toBe('error');
  });
});

describe('other cases', () => {
  test('an English document gets a warning', async () => {
    const doc = new Document({
      title: 'Report',
      styles: { default: { document: { run: { language: { value: 'en-US' } } } } },
      sections: [{ children: [new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Heading' })] }],
    });
    const findings = checkAccessibility(await Packer.toBuffer(doc));
    expect(codes(findings)).toEqual(['a11y.language.not-swedish']);
    expect(findings[0]!.severity).toBe('warning');
  });

  test('a document without headings gets a warning; a decorative image needs no alt text', async () => {
    const doc = new Document({
      title: 'Utan rubriker',
      styles: { default: { document: { run: { language: { value: 'sv-SE' } } } } },
      sections: [
        {
          children: [
            new Paragraph('Bara text.'),
            new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 }, decorative: true })] }),
          ],
        },
      ],
    });
    const bytes = await Packer.toBuffer(doc);
    expect(strFromU8(unzipSync(bytes)['word/document.xml']!)).toContain('decorative');
    expect(codes(checkAccessibility(bytes))).toEqual(['a11y.heading.none']);
  });

  test('bytes that are not a Word file give one finding, not an exception', () => {
    expect(codes(checkAccessibility(new Uint8Array([1, 2, 3])))).toEqual(['a11y.file.unreadable']);
    expect(codes(checkAccessibility(zipSync({ 'a.txt': strToU8('x') })))).toEqual(['a11y.file.unreadable']);
  });
});

describe('contrast', () => {
  test('WCAG contrast ratios', () => {
    expect(contrastRatio(parseHex('000000')!, parseHex('FFFFFF')!)).toBeCloseTo(21, 5);
    expect(contrastRatio(parseHex('595959')!, parseHex('FFFFFF')!)).toBeCloseTo(7.0, 1);
    expect(contrastRatio(parseHex('FFFF00')!, parseHex('FFFFFF')!)).toBeCloseTo(1.07, 2);
    expect(contrastRatio(parseHex('C00000')!, parseHex('FFFFFF')!)).toBeGreaterThan(4.5);
  });

  test('traffic-light colours are status colours; tints and greys are not', () => {
    for (const c of ['FF0000', 'C00000', '00B050', '1E7B34', 'FFC000', 'FFFF00', '8A5A00']) expect(isStatusColour(parseHex(c)!)).toBe(true);
    for (const c of ['E7ECF3', 'F2F2F2', 'FFF2CC', '595959', '1F3864', 'FFFFFF', '000000']) expect(isStatusColour(parseHex(c)!)).toBe(false);
  });
});
