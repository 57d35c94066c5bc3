/**
 * The scanner: placeholders spread over runs as Word spreads them are moved into one `w:t`, keeping the first run's
 * formatting and all other text; brace problems are located; the XML is written back unchanged where not edited.
 */
import { describe, expect, it } from 'vitest';
import { scanPart } from '../../src/render/docx/template/scan.js';
import { parseXmlDocument, serializeXml } from '../../src/render/docx/template/xml.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}</w:body></w:document>`;
const r = (t: string, bold = false) => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${t}</w:t></w:r>`;

function scan(body: string) {
  const parsed = parseXmlDocument(doc(body));
  const result = scanPart('word/document.xml', parsed);
  return { ...result, xml: serializeXml(parsed) };
}

describe('scanner', () => {
  it('writes untouched XML back byte for byte', () => {
    const xml = doc(`<w:p><w:pPr><w:pStyle w:val="Rubrik1"/></w:pPr>${r('Hej &amp; &lt;välkommen&gt; "x"')}<!-- c --><w:proofErr w:type="spellStart"/></w:p>`);
    expect(serializeXml(parseXmlDocument(xml))).toBe(xml);
  });

  it('merges placeholders over runs, several sharing runs, into their first w:t', () => {
    const { placeholders, problems, xml } = scan(`<w:p>${r('A {{a}} {{b')}${r('c}} B {{', true)}<w:proofErr w:type="spellStart"/>${r('d')}${r('}}', true)}${r(' C')}</w:p>`);
    expect(problems).toEqual([]);
    expect(placeholders.map((p) => [p.raw, p.column, p.kind])).toEqual([
      ['{{a}}', 3, 'inline'],
      ['{{bc}}', 9, 'inline'],
      ['{{d}}', 18, 'inline'],
    ]);
    expect(xml).toContain(`${r('A {{a}} {{bc}}')}${r(' B {{d}}', true)}<w:proofErr w:type="spellStart"/>${r('')}${r('', true)}${r(' C')}`.replace(/<w:t xml:space="preserve"><\/w:t>/g, '<w:t xml:space="preserve"/>'));
    expect(placeholders[1]!.textNode.text).toBe('A {{a}} {{bc}}');
    expect(placeholders[2]!.textNode.text).toBe(' B {{d}}');
  });

  it('locates brace problems, and a placeholder split by a tab', () => {
    const { problems, placeholders } = scan(`<w:p>${r('x }} y {{ z')}</w:p><w:p>${r('{{a')}<w:r><w:tab/></w:r>${r('b}}')}</w:p>`);
    expect(problems.map((p) => [p.code, p.paragraphIndex, p.column])).toEqual([
      ['template.placeholder.unopened', 1, 3],
      ['template.placeholder.unclosed', 1, 8],
      ['template.placeholder.split', 2, 1],
    ]);
    expect(placeholders).toEqual([]);
  });

  it('classifies blocks, row markers, comments; knows tables and whether a block is alone', () => {
    const { placeholders } = scan(
      `<w:p>${r('  {{> avsnitt 3.2 utan-rubrik}} ')}</w:p><w:p>${r('x {{> innehall}}')}</w:p>` +
        `<w:tbl><w:tr><w:tc><w:p>${r('{{#rad investeringar}}{{kolumn 1}}')}</w:p></w:tc><w:tc><w:p>${r('{{! not }}')}</w:p></w:tc></w:tr></w:tbl>`,
    );
    expect(placeholders.map((p) => [p.kind, p.alone, p.bodyLevel, p.cell ? `${p.cell.tableIndex}/${p.cell.rowIndex}/${p.cell.cellIndex}` : null])).toEqual([
      ['block', true, true, null],
      ['block', false, true, null],
      ['row-marker', false, false, '1/1/1'],
      ['inline', false, false, '1/1/1'],
      ['comment', true, false, '1/1/2'],
    ]);
    expect(placeholders[0]!.block).toEqual({ name: 'avsnitt', args: ['3.2', 'utan-rubrik'] });
    expect(placeholders[2]!.rowMarker).toEqual({ role: 'rad', table: 'investeringar' });
    expect(placeholders[0]!.where).toBe('brödtexten, stycke 1, tecken 3 ("{{> avsnitt 3.2 utan-rubrik}}")');
    expect(placeholders[3]!.where).toBe('brödtexten, stycke 3, tabell 1 rad 1 cell 1, tecken 23 ("{{#rad investeringar}}{{kolumn 1}}")');
  });
});
