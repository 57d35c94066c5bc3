import { beforeAll, describe, expect, test } from 'vitest';
import { checkAccessibility } from '../../src/accessibility/index.js';
import { MissingNarrativeError, renderDocx } from '../../src/render/docx/index.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { NBSP } from '../../src/model/format.js';
import type { ReportModel, Table } from '../../src/report/model.js';
import { monthlyChart, netCostChart, sampleReport, tkr, text } from '../helpers/sample-report.js';
import { all, openPackage, paragraphs, type Package } from './ooxml.js';

let pkg: Package;
let doc: string;
let paras: { xml: string; text: string }[];

beforeAll(async () => {
  pkg = openPackage(await renderDocx(sampleReport()));
  doc = pkg.text('word/document.xml');
  paras = paragraphs(doc);
});

function paragraphWithText(t: string) {
  const p = paras.find((x) => x.text === t);
  if (!p) throw new Error(`Inget stycke med texten "${t}"`);
  return p;
}

describe('title page and properties', () => {
  test('the title page shows title, subtitle, organisation, unit, period, diarienummer and report date', () => {
    const texts = paras.slice(0, 12).map((p) => p.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Delårsrapport per augusti',
        'Tertial 2 2024',
        'Organisation: Region Västerbotten',
        'Enhet: Regionstyrelsen',
        'Period: januari–augusti 2024',
        'Diarienummer: RS 2024/1234',
        'Rapportdatum: 2024-08-31',
      ]),
    );
    expect(paragraphWithText('Delårsrapport per augusti').xml).toContain('<w:pStyle w:val="Title"/>');
  });

  test('document properties: title, subject, creator, Swedish, dated by the report date', () => {
    const core = pkg.text('docProps/core.xml');
    expect(core).toContain('<dc:title>Delårsrapport per augusti 2024 – Regionstyrelsen</dc:title>');
    expect(core).toContain('<dc:subject>Region Västerbotten, Regionstyrelsen, Tertial 2 2024</dc:subject>');
    expect(core).toContain('<dc:creator>Ekonomistaben</dc:creator>');
    expect(core).toContain('<dc:language>sv-SE</dc:language>');
    expect(all(/<dcterms:(?:created|modified)[^>]*>([^<]*)</, core)).toEqual(['2024-08-31T00:00:00Z', '2024-08-31T00:00:00Z']);
  });

  test('the document language is Swedish in the style defaults, the settings and the charts', () => {
    const styles = pkg.text('word/styles.xml');
    expect(styles).toMatch(/<w:docDefaults>.*<w:lang w:val="sv-SE"/s);
    expect(pkg.text('word/settings.xml')).toContain('<w:themeFontLang w:val="sv-SE"/>');
    expect(pkg.text('word/charts/chart1.xml')).toContain('<c:lang val="sv-SE"/>');
    expect(pkg.text('word/charts/chart1.xml')).not.toContain('en-US');
  });

  test("the charts' value axes group digits the Swedish way whatever the viewing machine's locale", () => {
    for (const n of pkg.names.filter((x) => /^word\/charts\/chart\d+\.xml$/.test(x))) {
      const valAx = /<c:valAx>.*?<\/c:valAx>/s.exec(pkg.text(n))?.[0] ?? '';
      expect(valAx).toContain('<c:numFmt formatCode="[$-41D]#,##0" sourceLinked="0"/>');
    }
  });
});

describe('table of contents', () => {
  test('lists the numbered headings with their page numbers written in, and does not ask Word to update it', () => {
    const toc = /<w:sdt>.*?<w:docPartGallery w:val="Table of Contents"\/>.*?<\/w:sdt>/s.exec(doc)?.[0];
    expect(toc).toBeDefined();
    const entries = paragraphs(toc!).filter((p) => /TOC[123]/.test(p.xml));
    const titles = entries.map((p) => p.text.replace(/\d+$/, ''));
    expect(titles).toEqual(expect.arrayContaining(['1 Sammanfattning', '2.2 Händelser av väsentlig betydelse', '3.1 Ekonomiskt resultat', '4 Investeringsredovisning']));
    // Every entry has a PAGEREF with a number as its result.
    for (const e of entries) {
      expect(e.xml).toMatch(/PAGEREF _Toc\d+/);
      expect(e.text).toMatch(/\d+$/);
    }
    const pages = entries.map((p) => Number(/(\d+)$/.exec(p.text)![1]));
    expect(pages[0]).toBeGreaterThanOrEqual(3); // after the title page and the table of contents
    expect([...pages].sort((a, b) => a - b)).toEqual(pages); // in reading order
    expect(toc).not.toContain('w:dirty="true"');
    expect(pkg.text('word/settings.xml')).not.toContain('updateFields');
  });

  test('tocPageNumbers: false keeps the entries, without numbers and without asking Word to update', async () => {
    const d = openPackage(await renderDocx(sampleReport(), { tocPageNumbers: false })).text('word/document.xml');
    const toc = /<w:sdt>.*?<w:docPartGallery w:val="Table of Contents"\/>.*?<\/w:sdt>/s.exec(d)![0];
    const entries = paragraphs(toc).filter((p) => /TOC[123]/.test(p.xml));
    expect(entries.map((e) => e.text)).toContain('3.1 Ekonomiskt resultat');
    expect(toc).not.toContain('w:dirty="true"');
  });

  test('the footer says "Sida X av Y" with PAGE and NUMPAGES fields', () => {
    const footers = pkg.names.filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => pkg.text(n));
    const footer = footers.find((f) => f.includes('Sida'));
    expect(footer).toBeDefined();
    expect(footer).toMatch(/Sida .*PAGE.*av .*NUMPAGES/s);
  });
});

describe('headings', () => {
  test('numbered headings in Heading 1–3 styles with outline levels', () => {
    expect(paragraphWithText('1 Sammanfattning').xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(paragraphWithText('2.3 God ekonomisk hushållning och ekonomisk ställning').xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(paragraphWithText('4 Investeringsredovisning').xml).toContain('<w:pStyle w:val="Heading1"/>');
    const styles = pkg.text('word/styles.xml');
    for (const level of [1, 2, 3]) {
      const style = new RegExp(`<w:style [^>]*w:styleId="Heading${level}".*?</w:style>`, 's').exec(styles)?.[0];
      expect(style).toContain(`<w:name w:val="heading ${level}"/>`);
      expect(style).toContain(`<w:outlineLvl w:val="${level - 1}"/>`);
    }
  });

  test('a section whose level jumps past its parent is drawn one level below it', async () => {
    const model: ReportModel = {
      ...sampleReport(),
      sections: [{ id: 'a', number: '1', title: 'Ett', level: 1, blocks: [], sections: [{ id: 'b', number: '1.1.1', title: 'Djup', level: 3, blocks: [], sections: [] }] }],
    };
    const d = openPackage(await renderDocx(model)).text('word/document.xml');
    expect(paragraphs(d).find((p) => p.text === '1.1.1 Djup')!.xml).toContain('<w:pStyle w:val="Heading2"/>');
  });

  test('narrative headings go below their section without jumps', () => {
    // "## Säkerhet och drift" under 2.1 (level 2) becomes a level-3 heading; "###" under 3.2 too.
    expect(paragraphWithText('Säkerhet och drift').xml).toContain('<w:pStyle w:val="Heading3"/>');
    expect(paragraphWithText('Regionövergripande verksamhet').xml).toContain('<w:pStyle w:val="Heading3"/>');
  });
});

describe('tables', () => {
  const tables = () => all(/(<w:tbl>.*?<\/w:tbl>)/s, doc);

  test('every table repeats its header rows', () => {
    expect(tables().length).toBeGreaterThanOrEqual(7);
    for (const t of tables()) expect(/<w:tr>.*?<\/w:tr>/s.exec(t)?.[0]).toContain('<w:tblHeader/>');
  });

  test('grouped columns get a two-line header: the group spans its columns, others span both lines', () => {
    const result = tables().find((t) => t.includes('Verksamhetens intäkter'))!;
    const rows = all(/(<w:tr>.*?<\/w:tr>)/s, result);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows[1]).toContain('<w:tblHeader/>');
    expect(rows[0]).toMatch(/<w:gridSpan w:val="4"\/>.*Ackumulerat/s);
    expect(rows[0]).toMatch(/<w:vMerge w:val="restart"\/>.*Gruppering/s);
    expect(rows[1]).toContain('Ack utfall föreg år');
  });

  test('figures are formatted the Swedish way, right-aligned, with no-break spaces', () => {
    const p = paragraphWithText(`-3${NBSP}603${NBSP}712`);
    expect(p.xml).toContain('<w:jc w:val="right"/>');
    expect(paras.some((x) => x.text === '-104,2' || x.text === '-100,0')).toBe(true);
  });

  test('column widths fit the widest figure: the grid is as wide as the cells, within the text width', () => {
    for (const t of tables()) {
      const grid = all(/<w:gridCol w:w="(\d+)"\/>/, t).map(Number);
      expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(11906 - 2 * 1418 + 1);
    }
  });

  test('subtotal and total rows are bold with a rule above; section rows are shaded', () => {
    const result = tables().find((t) => t.includes('Verksamhetens intäkter'))!;
    const total = all(/(<w:tr>.*?<\/w:tr>)/s, result).find((r) => r.includes('Verksamhetens nettokostnader'))!;
    expect(total).toContain('<w:b/>');
    expect(total).toMatch(/<w:top w:val="single" w:color="000000" w:sz="12"\/>/);
    const section = all(/(<w:tr>.*?<\/w:tr>)/s, result).find((r) => r.includes('Verksamhetens kostnader'))!;
    expect(section).toMatch(/<w:shd [^>]*w:fill="F2F2F2"/);
  });

  test("the table's notes and footnotes of suppressed figures follow it in the note style", () => {
    expect(paragraphWithText('Belopp i tusental kronor (tkr). Avvikelse = utfall − budget; positivt värde är bättre än budget.').xml).toContain(
      '<w:pStyle w:val="Tabellnot"/>',
    );
    expect(paragraphWithText('– = Gruppen har högst tio anställda och redovisas inte.').xml).toContain('<w:pStyle w:val="Tabellnot"/>');
  });

  test('status cells have a symbol and a word', () => {
    expect(paras.some((p) => p.text === '● Uppfylls helt')).toBe(true);
    expect(paras.some((p) => p.text === '◐ Uppfylls delvis')).toBe(true);
    expect(paras.some((p) => p.text === '○ Uppfylls inte')).toBe(true);
  });

  test('captions number tables and charts in reading order', () => {
    expect(paragraphWithText('Tabell 3. Ekonomiskt resultat per gruppering').xml).toContain('<w:pStyle w:val="Caption"/>');
    expect(paras.some((p) => p.text === 'Diagram 1. Ackumulerat utfall och budget 2024')).toBe(true);
  });
});

describe('charts', () => {
  test('each chart is a native Word chart with its Swedish alt text and an embedded workbook', () => {
    const charts = pkg.names.filter((n) => /^word\/charts\/chart\d+\.xml$/.test(n)).sort();
    expect(charts).toHaveLength(3);
    expect(pkg.text('word/charts/chart1.xml')).toContain('<c:lineChart>');
    expect(pkg.text('word/charts/chart2.xml')).toMatch(/<c:barChart>.*<c:barDir val="col"\/>/s);
    expect(pkg.names.filter((n) => n.startsWith('word/embeddings/')).length).toBe(3);
    const descrs = all(/<wp:docPr [^>]*descr="([^"]*)"/, doc);
    expect(descrs).toContain(monthlyChart().altText);
    expect(descrs).toContain(netCostChart().altText);
    expect(all(/<wp:docPr [^>]*id="(\d+)"/, doc)).toEqual(['1', '2', '3']);
  });

  test("a note under each chart points to the table with the chart's data", () => {
    expect(paragraphWithText('Belopp i mnkr. Uppgifterna i diagrammet finns i tabell 4 (Ackumulerat resultat per månad).').xml).toContain(
      '<w:pStyle w:val="Tabellnot"/>',
    );
  });
});

describe('narratives', () => {
  test('Markdown becomes paragraphs with bold and italic runs, lists and a table with a header row', () => {
    const p = paras.find((x) => x.text.startsWith('Digitalisering och Service startade'))!;
    expect(p.xml).toMatch(/<w:b\/>.*<w:t xml:space="preserve">digitaliserad incheckning<\/w:t>/s);
    expect(paras.find((x) => x.text.startsWith('Under perioden har det genomförts'))!.xml).toMatch(/<w:i\/>.*säkerhetshöjande/s);
    const bullets = paras.filter((x) => x.text === 'för chefer' || x.text === 'en omfattande servermigrering för en robustare grund');
    expect(bullets).toHaveLength(2);
    expect(bullets[0]!.xml).toContain('<w:numPr>');
    expect(paragraphWithText('för chefer').xml).toContain('<w:ilvl w:val="1"/>');
    expect(paragraphWithText('Migrering under hösten').xml).toContain('<w:numPr>');
    expect(paras.some((x) => x.text === 'Servermigrering')).toBe(true);
    const link = paras.find((x) => x.text.includes("SKR:s ekonomirapport"))!;
    expect(link.xml).toMatch(/<w:hyperlink [^>]*r:id="rId\d+"/);
    expect(pkg.text('word/_rels/document.xml.rels')).toMatch(/Id="rId\d+" Type="[^"]*hyperlink" Target="https:\/\/skr.se\/ekonomirapporten" TargetMode="External"/);
  });

  test('a missing narrative shows a highlighted, bracketed marker in a draft', () => {
    const marker = paragraphWithText('[Text saknas: 2.2 Händelser av väsentlig betydelse (forvaltningsberattelse/handelser) – skrivs av ansvarig]');
    expect(marker.xml).toContain('<w:pStyle w:val="SaknadText"/>');
    const style = /<w:style [^>]*w:styleId="SaknadText".*?<\/w:style>/s.exec(pkg.text('word/styles.xml'))![0];
    expect(style).toContain('<w:b/>');
    expect(style).toMatch(/<w:shd [^>]*w:fill="FFF2CC"/);
    expect(style).toContain('<w:pBdr>');
  });

  test('drafted paragraphs carry the drafted style', () => {
    expect(paras.find((x) => x.text.startsWith('Regionstyrelsen redovisar efter andra tertialet'))!.xml).toContain('<w:pStyle w:val="Utkasttext"/>');
    expect(paras.find((x) => x.text.startsWith('Av fem bedömda delmål'))!.xml).not.toContain('Utkasttext');
  });

  test('narrativeMarker: false leaves the marker out of a draft', async () => {
    const d = openPackage(await renderDocx(sampleReport(), { narrativeMarker: false })).text('word/document.xml');
    expect(d).not.toContain('Text saknas');
  });
});

describe('final report', () => {
  test('refuses a missing required narrative, naming the section', async () => {
    await expect(renderDocx(sampleReport(), { final: true })).rejects.toThrow(MissingNarrativeError);
    await expect(renderDocx(sampleReport(), { final: true })).rejects.toThrow(/2\.2 Händelser av väsentlig betydelse/);
  });

  test('has no draft markers', async () => {
    const p = openPackage(await renderDocx(sampleReport({ allNarratives: true }), { final: true }));
    const d = p.text('word/document.xml');
    expect(d).not.toContain('Text saknas');
    expect(d).not.toContain('UTKAST');
    const drafted = /<w:style [^>]*w:styleId="Utkasttext".*?<\/w:style>/s.exec(p.text('word/styles.xml'))![0];
    expect(drafted).not.toContain('<w:pBdr>');
  });

  test('leaves out a missing optional narrative', async () => {
    const model = sampleReport({ allNarratives: true });
    const withOptional: ReportModel = {
      ...model,
      sections: [...model.sections, { id: 'bilagor', number: '5', title: 'Bilagor', level: 1, blocks: [{ type: 'narrative', key: 'bilagor', required: false, markdown: null }], sections: [] }],
    };
    const d = openPackage(await renderDocx(withOptional, { final: true })).text('word/document.xml');
    expect(d).toContain('5 Bilagor');
    expect(d).not.toContain('Text saknas');
  });
});

describe('wide tables', () => {
  test('a table too wide for a portrait page gets a landscape page of its own', async () => {
    const wide: Table = {
      type: 'table',
      id: 'manader',
      title: 'Utfall per månad',
      columns: [{ header: 'Konto', align: 'left' }, ...Array.from({ length: 13 }, (_, i) => ({ header: i < 12 ? `Månad ${i + 1}` : 'Summa', align: 'right' as const }))],
      rows: [{ cells: [text('Personalkostnader'), ...Array.from({ length: 13 }, () => tkr(-12_345_678))], emphasis: 'normal' }],
      notes: ['Belopp i tkr.'],
    };
    const model = sampleReport({ allNarratives: true });
    const withWide: ReportModel = { ...model, sections: [...model.sections, { id: 'b', number: '5', title: 'Bilaga', level: 1, blocks: [wide], sections: [] }] };
    const d = openPackage(await renderDocx(withWide)).text('word/document.xml');
    expect(d).toContain('w:orient="landscape"');
    const landscape = /<w:sectPr>(?:(?!<\/w:sectPr>).)*w:orient="landscape".*?<\/w:sectPr>/s.exec(d)![0];
    expect(landscape).toContain('<w:pgSz w:w="16838" w:h="11906"');
  });
});

describe('unusual models', () => {
  test('an empty table, short rows, a chart without its table, an unnumbered section, no optional meta', async () => {
    const base = sampleReport({ allNarratives: true });
    const { diarienummer: _d, author: _a, ...meta } = base.meta;
    const model: ReportModel = {
      ...base,
      meta,
      caveats: [],
      sections: [
        {
          id: 'x',
          number: '1',
          title: 'Tabeller',
          level: 1,
          blocks: [
            { type: 'table', id: 'tom', title: 'Tom tabell', columns: [{ header: 'A', align: 'left' }, { header: 'B', align: 'right' }], rows: [], notes: [] },
            { type: 'table', id: 'kort', title: 'Kort rad', columns: [{ header: 'A', align: 'left' }, { header: 'B', align: 'right' }], rows: [{ cells: [text('bara en')], emphasis: 'normal' }], notes: [] },
            { ...netCostChart(), dataTableId: 'finns-inte' },
          ],
          sections: [],
        },
        { id: 'bilagor', number: '', title: 'Bilagor', level: 1, blocks: [{ type: 'paragraph', text: 'Inga bilagor.', drafted: false }], sections: [] },
      ],
    };
    const bytes = await renderDocx(model);
    const d = openPackage(bytes).text('word/document.xml');
    expect(paragraphs(d).some((p) => p.text === 'Bilagor')).toBe(true);
    expect(paragraphs(d).some((p) => p.text === 'Belopp i mnkr.')).toBe(true);
    expect(d).not.toContain('Diarienummer');
    expect(checkAccessibility(bytes)).toEqual([]);
    const xlsx = openPackage(await renderXlsx(model));
    expect(xlsx.text('xl/workbook.xml')).toContain('name="1 Tom tabell"');
  });
});
