import { Document, Packer } from 'docx';
import { describe, expect, test } from 'vitest';
import { markdownToDocx, parseInline, parseMarkdown, stripInline } from '../../src/render/markdown-to-docx.js';
import { planTable, tableToDocx } from '../../src/render/docx/table.js';
import { documentNumbering, documentStyles, LIST } from '../../src/render/docx/styles.js';
import { openPackage, paragraphs } from './ooxml.js';

describe('parseMarkdown', () => {
  test('headings, paragraphs with joined lines, rules skipped', () => {
    expect(parseMarkdown('# Rubrik\n\nEtt stycke\nsom fortsätter.\n\n---\n\n## Under #')).toEqual([
      { type: 'heading', depth: 1, text: 'Rubrik' },
      { type: 'paragraph', text: 'Ett stycke som fortsätter.' },
      { type: 'heading', depth: 2, text: 'Under' },
    ]);
  });

  test('bullet and numbered lists, nested by indentation, with continuation lines', () => {
    const [list] = parseMarkdown('- ett\n  - ett a\n    fortsätter\n- två\n\n1. första\n2) andra');
    expect(list).toEqual({
      type: 'list',
      ordered: false,
      items: [
        { level: 0, ordered: false, text: 'ett' },
        { level: 1, ordered: false, text: 'ett a fortsätter' },
        { level: 0, ordered: false, text: 'två' },
      ],
    });
    expect(parseMarkdown('1. första\n2) andra')[0]).toMatchObject({ ordered: true, items: [{ text: 'första' }, { text: 'andra' }] });
  });

  test('pipe tables with alignment, escaped pipes and short rows', () => {
    expect(parseMarkdown('| Område | Belopp |\n|:---|---:|\n| A \\| B | 1 |\n| C |')[0]).toEqual({
      type: 'table',
      header: ['Område', 'Belopp'],
      align: ['left', 'right'],
      rows: [
        ['A | B', '1'],
        ['C', ''],
      ],
    });
  });

  test('block quotes and hard line breaks', () => {
    expect(parseMarkdown('> citat\n> rad två')).toEqual([{ type: 'quote', text: 'citat rad två' }]);
    expect(parseMarkdown('rad ett  \nrad två')).toEqual([{ type: 'paragraph', text: 'rad ett\nrad två' }]);
  });
});

describe('parseInline', () => {
  test('bold, italic, nested, code and links', () => {
    expect(parseInline('**fet** och *kursiv* och `kod`')).toEqual([
      { text: 'fet', bold: true, italics: false, code: false },
      { text: ' och ', bold: false, italics: false, code: false },
      { text: 'kursiv', bold: false, italics: true, code: false },
      { text: ' och ', bold: false, italics: false, code: false },
      { text: 'kod', bold: false, italics: false, code: true },
    ]);
    expect(parseInline('*mycket **viktigt** här*').map((s) => [s.text, s.bold, s.italics])).toEqual([
      ['mycket ', false, true],
      ['viktigt', true, true],
      [' här', false, true],
    ]);
    expect(parseInline('se [Kolada](https://www.kolada.se)')[1]).toEqual({ text: 'Kolada', bold: false, italics: false, code: false, link: 'https://www.kolada.se' });
  });

  test('markers that are not emphasis stay text', () => {
    expect(stripInline('fil_namn_här och 5 * 3 = 15 och \\*inte\\*')).toBe('fil_namn_här och 5 * 3 = 15 och *inte*');
    expect(stripInline('**öppen')).toBe('**öppen');
    expect(stripInline('_kursiv_ text')).toBe('kursiv text');
  });
});

describe('markdownToDocx', () => {
  async function render(markdown: string, sectionLevel = 2, sectionTitle?: string) {
    let instance = 0;
    const children = markdownToDocx(markdown, {
      sectionLevel,
      ...(sectionTitle ? { sectionTitle } : {}),
      lists: LIST,
      nextListInstance: () => ++instance,
      renderTable: (t) => tableToDocx(t, planTable(t), { label: '' }),
    });
    const doc = new Document({ styles: documentStyles({ final: false }), numbering: documentNumbering(), sections: [{ children }] });
    return openPackage(await Packer.toBuffer(doc)).text('word/document.xml');
  }

  test('headings go below the section, never jumping a level', async () => {
    const xml = await render('# A\n\n#### B\n\n## C', 2);
    const styles = paragraphs(xml).map((p) => [p.text, /w:pStyle w:val="(\w+)"/.exec(p.xml)?.[1]]);
    expect(styles).toEqual([
      ['A', 'Heading3'],
      ['B', 'Heading4'],
      ['C', 'Heading4'],
    ]);
  });

  test('a first heading repeating the section title is left out', async () => {
    const xml = await render('# Förväntad utveckling\n\nText.', 2, 'Förväntad utveckling');
    expect(paragraphs(xml).map((p) => p.text)).toEqual(['Text.']);
  });

  test('each numbered list starts from 1 (an instance of its own)', async () => {
    const xml = await render('1. a\n2. b\n\nText\n\n1. c');
    const numIds = paragraphs(xml)
      .filter((p) => p.xml.includes('<w:numPr>'))
      .map((p) => /<w:numId w:val="(\d+)"\/>/.exec(p.xml)![1]);
    expect(numIds).toHaveLength(3);
    expect(numIds[0]).toBe(numIds[1]);
    expect(numIds[2]).not.toBe(numIds[0]);
  });

  test('a pipe table becomes a table with a repeating header row', async () => {
    const xml = await render('| Område | Klart |\n| --- | ---: |\n| IT | 80 % |');
    expect(xml).toContain('<w:tblHeader/>');
    expect(paragraphs(xml).find((p) => p.text === '80 %')!.xml).toContain('<w:jc w:val="right"/>');
  });
});
