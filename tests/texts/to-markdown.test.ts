/**
 * Word content → narrative Markdown (`render/docx/slots/to-markdown.ts`), and the fixpoint the round trip rests on:
 * the Markdown read from a generated slot, generated again, reads back the same.
 */
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { renderDocx, readReportDocument } from '../../src/render/docx/index.js';
import { slotMarkdown, type PackageContext } from '../../src/render/docx/slots/to-markdown.js';
import { bodyBlocks, bodyOf, partText } from '../../src/render/docx/slots/package.js';
import { parseXmlDocument, rootOf, type XNode } from '../../src/render/docx/template/xml.js';
import type { ReportModel, Section } from '../../src/report/model.js';
import { exampleModels } from '../helpers/example-models.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function content(xml: string): XNode[] {
  return rootOf(parseXmlDocument(`<w:body ${W}>${xml}</w:body>`))!.children;
}

const ctx: PackageContext = {
  // A Swedish Word's style ids, with the built-in names Word keeps in English.
  styles: new Map([
    ['Rubrik2', { name: 'heading 2' }],
    ['Rubrik3', { name: 'heading 3' }],
    ['Citat', { name: 'quote' }],
    ['Punktlista', { name: 'list bullet', numId: '5', ilvl: 0 }],
  ]),
  numbering: new Map([
    ['5', new Map([[0, 'bullet']])],
    ['6', new Map([[0, 'decimal']])],
  ]),
  links: new Map([['rId9', 'https://www.example.se/rapport']]),
};

const p = (runs: string, pPr = '') => `<w:p w:rsidR="00AB12CD">${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs}</w:p>`;
const r = (t: string, rPr = '') => `<w:r w:rsidRPr="00EF3456">${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${t}</w:t></w:r>`;

describe('Word content → Markdown', () => {
  it('headings by style name, quotes, list styles, links, code and bold italic', () => {
    const md = slotMarkdown(
      content(
        p(r('Bakgrund'), '<w:pStyle w:val="Rubrik2"/>') +
          p(r('Detaljer'), '<w:pStyle w:val="Rubrik3"/>') +
          p(`${r('Se ')}<w:hyperlink r:id="rId9">${r('rapporten', '<w:rStyle w:val="Hyperlink"/>')}</w:hyperlink>${r(' och ')}${r('kod_1', '<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/>')}${r('.')}`) +
          p(r('Ett citat.'), '<w:pStyle w:val="Citat"/>') +
          p(r('Punkt via formatmall'), '<w:pStyle w:val="Punktlista"/>') +
          p(`${r('Både ')}${r('fet och kursiv', '<w:b/><w:i/>')}${r(', inte fet', '<w:b w:val="0"/>')}`) +
          p('<w:proofErr w:type="gramStart"/>' + r('# inte en rubrik') + '<w:proofErr w:type="gramEnd"/>') +
          p(r('1. inte en lista')),
      ),
      ctx,
    );
    expect(md.markdown).toBe(
      [
        '## Bakgrund',
        '',
        '### Detaljer',
        '',
        'Se [rapporten](https://www.example.se/rapport) och `kod_1`.',
        '',
        '> Ett citat.',
        '',
        '- Punkt via formatmall',
        '',
        'Både **_fet och kursiv_**, inte fet',
        '',
        '\\# inte en rubrik',
        '',
        '1\\. inte en lista',
      ].join('\n'),
    );
  });

  it('tracked changes: all accepted or all refused, paragraph marks and table rows included', () => {
    const xml = content(
      p(`${r('Första ')}<w:ins w:id="1" w:author="A">${r('nya ')}</w:ins><w:del w:id="2" w:author="A"><w:r><w:delText>gamla </w:delText></w:r></w:del>${r('stycket.')}`, '<w:rPr><w:del w:id="3" w:author="A"/></w:rPr>') +
        p(r('Fortsättning.')) +
        p(r('ändrad stil', '<w:b/><w:rPrChange w:id="4" w:author="A"><w:rPr/></w:rPrChange>')) +
        `<w:tbl><w:tr>${['A', 'B'].map((c) => `<w:tc><w:p>${r(c)}</w:p></w:tc>`).join('')}</w:tr>` +
        `<w:tr><w:trPr><w:ins w:id="5" w:author="A"/></w:trPr>${['1', '2'].map((c) => `<w:tc><w:p>${r(c)}</w:p></w:tc>`).join('')}</w:tr></w:tbl>`,
    );
    const accepted = slotMarkdown(xml, ctx, 'accept');
    expect(accepted.revisions).toBe(5);
    // The deleted paragraph mark joins the first paragraph to the next.
    expect(accepted.markdown).toBe(['Första nya stycket.Fortsättning.', '', '**ändrad stil**', '', '| A | B |', '| --- | --- |', '| 1 | 2 |'].join('\n'));
    const refused = slotMarkdown(xml, ctx, 'reject');
    expect(refused.revisions).toBe(5);
    expect(refused.markdown).toBe(['Första gamla stycket.', '', 'Fortsättning.', '', 'ändrad stil', '', '| A | B |', '| --- | --- |'].join('\n'));
  });

  it('comments are counted and left out; pictures named; the missing-text marker is no text', () => {
    const md = slotMarkdown(
      content(
        p(`<w:commentRangeStart w:id="3"/>${r('Text.')}<w:commentRangeEnd w:id="3"/><w:r><w:commentReference w:id="3"/></w:r><w:r><w:drawing/></w:r>`) +
          p(r('[Text saknas: 3.2 Ekonomisk analys (ekonomisk-analys) – skrivs av ansvarig]')),
      ),
      ctx,
    );
    expect(md).toEqual({ markdown: 'Text.', revisions: 0, comments: 1, dropped: ['bild'] });
  });
});

function withNarrative(model: ReportModel, key: string, markdown: string): ReportModel {
  const section = (s: Section): Section => ({
    ...s,
    blocks: s.blocks.map((b) => (b.type === 'narrative' && b.key === key ? { ...b, markdown } : b)),
    sections: s.sections.map(section),
  });
  return { ...model, sections: model.sections.map(section) };
}

describe('generated slots read back as generated', () => {
  it('the example region: every slot is found by its control, unedited; its Markdown generated again reads back the same', async () => {
    const region = (await exampleModels())[0]!;
    const doc = readReportDocument(await renderDocx(region));
    expect(doc.unitId).toBe('region-exempel');
    expect(doc.period).toBe('2024-08');
    expect(doc.missing).toEqual([]);
    expect(doc.slots.length).toBeGreaterThanOrEqual(5);
    for (const slot of doc.slots) {
      expect(slot.via).toBe('control');
      expect(slot.edited).toBe(false);
    }
    const written = doc.slots.filter((s) => s.markdown !== '');
    expect(written.map((s) => s.key)).toEqual(expect.arrayContaining(['sammanfattning', 'perioden-som-gatt', 'ekonomisk-analys']));
    let again = region;
    for (const s of written) again = withNarrative(again, s.key, s.markdown);
    const second = readReportDocument(await renderDocx(again));
    expect(second.slots.map((s) => [s.key, s.markdown])).toEqual(doc.slots.map((s) => [s.key, s.markdown]));
  });

  it('the paragraphs recorded around each slot are the ones the reader finds next to it', async () => {
    for (const model of (await exampleModels()).slice(0, 2)) {
      const bytes = await renderDocx(model);
      const doc = readReportDocument(bytes);
      const parts = new Map(Object.entries(unzipSync(bytes)));
      const blocks = bodyBlocks(bodyOf(partText(parts, 'word/document.xml')!)!.children);
      const near = (from: number, step: 1 | -1) => {
        for (let k = from; k >= 0 && k < blocks.length; k += step) {
          const b = blocks[k]!;
          if (b.kind === 'block' && b.text !== '') return b.text.slice(0, 200);
        }
        return '';
      };
      expect(doc.slots.length).toBeGreaterThan(3);
      for (const s of doc.slots) {
        const at = blocks.findIndex((b) => b.kind === 'slot' && b.key === s.key);
        expect([s.key, s.recorded.before, s.recorded.after]).toEqual([s.key, near(at - 1, -1), near(at + 1, 1)]);
        expect(s.recorded.after).not.toBe(s.recorded.before);
      }
    }
  });

  it('a text with every kind of content the import knows comes back as written', async () => {
    const region = (await exampleModels())[0]!;
    const markdown = [
      '## Underrubrik',
      '',
      'Stycke med **fetstil**, *kursiv*, **_båda_**, `kod` och [länk](https://www.example.se/a).\\',
      'Ny rad i samma stycke.',
      '',
      '> Ett citat.',
      '',
      '- punkt',
      '   - underpunkt',
      '',
      '1. ett',
      '2. två',
      '   1. två a',
      '',
      '| Område | Belopp |',
      '| --- | ---: |',
      '| Vård | 12,5 |',
    ].join('\n');
    const bytes = await renderDocx(withNarrative(region, 'ekonomisk-analys', markdown));
    const doc = readReportDocument(bytes);
    expect(doc.slots.find((s) => s.key === 'ekonomisk-analys')!.markdown).toBe(markdown);
    // A heading inside a slot is still a heading of the document: the table of contents lists it.
    const xml = new TextDecoder().decode(unzipSync(bytes)['word/document.xml']!);
    expect(xml).toMatch(/<w:pStyle w:val="TOC3"\/>(?:(?!<\/w:p>).)*Underrubrik/);
  });
});
