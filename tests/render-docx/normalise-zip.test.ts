import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { normaliseZip } from '../../src/render/normalise-zip.js';
import { dosDateText, zipEntries } from './ooxml.js';

function pkg(parts: Record<string, string | Uint8Array>, mtime: Date): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(parts)) files[k] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(files, { mtime });
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function sample(random: string, toc: number, drawing: number, when: Date): Uint8Array {
  return pkg(
    {
      'word/document.xml': `<w:document><w:hyperlink w:anchor="_Toc${toc}"/><w:bookmarkStart w:name="_Toc${toc}" w:id="${toc}"/><w:bookmarkEnd w:id="${toc}"/><wp:docPr id="${drawing}" name="d"/><c:chart r:id="${random}"/></w:document>`,
      'word/_rels/document.xml.rels': `<Relationships><Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="${random}" Type="${REL}/chart" Target="charts/chart1.xml"/></Relationships>`,
      'docProps/core.xml': `<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">${when.toISOString()}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when.toISOString()}</dcterms:modified></cp:coreProperties>`,
      '[Content_Types].xml': '<Types/>',
      '_rels/.rels': '<Relationships/>',
      'word/embeddings/book.xlsx': pkg({ 'xl/workbook.xml': '<workbook/>', '[Content_Types].xml': '<Types/>' }, when),
    },
    when,
  );
}

describe('normaliseZip', () => {
  const a = normaliseZip(sample('rIdk3jx_9a', 4, 7, new Date(2026, 10, 23, 9, 15)), { date: '2024-08-31' });
  const b = normaliseZip(sample('rIdq81-zzp', 9, 12, new Date(2025, 0, 2, 23, 59)), { date: '2024-08-31' });

  test('two packages that differ only in clock, random ids and counters become identical', () => {
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });

  test('random relationship ids are numbered after the highest, in the rels and in the owning part', () => {
    const files = unzipSync(a);
    expect(strFromU8(files['word/_rels/document.xml.rels']!)).toContain('Id="rId2"');
    expect(strFromU8(files['word/document.xml']!)).toContain('<c:chart r:id="rId2"/>');
  });

  test('bookmarks and drawings are numbered from 1; core dates are the report date', () => {
    const files = unzipSync(a);
    const doc = strFromU8(files['word/document.xml']!);
    expect(doc).toContain('w:anchor="_Toc1"');
    expect(doc).toContain('<w:bookmarkStart w:name="_Toc1" w:id="1"/>');
    expect(doc).toContain('<wp:docPr id="1"');
    expect(strFromU8(files['docProps/core.xml']!)).toContain('>2024-08-31T00:00:00Z</dcterms:created>');
  });

  test('entries are in a fixed order and dated by the report date, embedded packages too', () => {
    const entries = zipEntries(a);
    expect(entries.map((e) => e.name)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'word/_rels/document.xml.rels',
      'word/document.xml',
      'word/embeddings/book.xlsx',
    ]);
    expect(entries.every((e) => dosDateText(e.dosDate) === '2024-08-31')).toBe(true);
    const inner = zipEntries(unzipSync(a)['word/embeddings/book.xlsx']!);
    expect(inner.every((e) => dosDateText(e.dosDate) === '2024-08-31')).toBe(true);
  });

  test('rejects a date that is not ISO', () => {
    expect(() => normaliseZip(a, { date: '31/8 2024' })).toThrow(/ÅÅÅÅ-MM-DD/);
  });
});
