/**
 * The starter template `rapport template init` writes, and (with a brand and Swedish style ids) the branded example
 * template in fixtures/templates/: a clean, accessible Word document an organisation opens in Word, restyles and
 * fills with its own wording. It shows every kind of placeholder:
 *
 * - a title page with inline fields (`{{titel}}`, `{{enhet}}`, `{{period}}` …) and a text header and footer;
 * - `{{> innehall}}`, `{{> observera}}`, `{{> sammanfattning}}`, `{{> avsnitt 2}}`, `{{> resultatrakning}}`,
 *   `{{> diagram …}}`, `{{> nettokostnad}}`, `{{> berattelse …}}` blocks;
 * - sentences with figures (`{{mnkr ekonomi.budgetavvikelse}}`, some split over runs as Word splits them);
 * - a table designed in the document whose rows repeat over the report's investment areas, with its own total row.
 *
 * Styles are written as Word writes them (built-in names, optional localised ids like Swedish Word's "Rubrik1"), with
 * Swedish as the document language and colours that pass the contrast check. Deterministic: the same options give the
 * same bytes.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { finishDocxPackage } from '../render/docx/index.js';

export interface Brand {
  /** Shown on the title page's band and in the header when given; otherwise `{{organisation}}` is. */
  readonly name?: string;
  /** Headings, the title band and table header lines: a dark colour (contrast ≥ 4.5:1 on white). */
  readonly primary: string;
  /** Light tint for table header cells (dark text on it). */
  readonly tint: string;
  readonly bodyFont: string;
  readonly headingFont: string;
}

export interface StarterOptions {
  readonly brand?: Brand;
  /** Write the style ids Swedish Word uses ("Rubrik1", "Beskrivning", "Innehll1" …) instead of Word's English ones. */
  readonly swedishStyleIds?: boolean;
  /** The template's own title (document properties). */
  readonly title?: string;
  /** Date written into the package (ISO). */
  readonly date?: string;
}

/** The branded example template's look (fixtures/templates/region-exempel-mall.docx). */
export const EXAMPLE_BRAND: Brand = { name: 'Region Exempel', primary: '005A64', tint: 'DCEFF0', bodyFont: 'Calibri', headingFont: 'Arial' };

/** Options of the branded example template; `scripts/generate-example-template.mjs` writes it with these. */
export const EXAMPLE_TEMPLATE_OPTIONS: StarterOptions = {
  brand: EXAMPLE_BRAND,
  swedishStyleIds: true,
  title: 'Mall för delårsrapport – Region Exempel',
  date: '2024-06-01',
};

const NEUTRAL: Brand = { primary: '1F3864', tint: 'E7ECF3', bodyFont: 'Calibri', headingFont: 'Calibri' };

interface StyleIds {
  readonly h1: string;
  readonly h2: string;
  readonly h3: string;
  readonly title: string;
  readonly subtitle: string;
  readonly caption: string;
  readonly toc1: string;
  readonly toc2: string;
  readonly toc3: string;
  readonly tocHeading: string;
  readonly header: string;
  readonly footer: string;
  readonly hyperlink: string;
  readonly titleField: string;
  readonly band: string;
  readonly tableText: string;
  readonly tableNote: string;
}

const ENGLISH_IDS: StyleIds = {
  h1: 'Heading1', h2: 'Heading2', h3: 'Heading3', title: 'Title', subtitle: 'Subtitle', caption: 'Caption',
  toc1: 'TOC1', toc2: 'TOC2', toc3: 'TOC3', tocHeading: 'TOCHeading', header: 'Header', footer: 'Footer',
  hyperlink: 'Hyperlink', titleField: 'Titelfalt', band: 'Titelband', tableText: 'Tabelltext', tableNote: 'Tabellnot',
};

/** As Swedish Word writes them: the localised name without spaces and without å, ä, ö. */
const SWEDISH_IDS: StyleIds = {
  h1: 'Rubrik1', h2: 'Rubrik2', h3: 'Rubrik3', title: 'Rubrik', subtitle: 'Underrubrik', caption: 'Beskrivning',
  toc1: 'Innehll1', toc2: 'Innehll2', toc3: 'Innehll3', tocHeading: 'Innehllsfrteckningsrubrik', header: 'Sidhuvud',
  footer: 'Sidfot', hyperlink: 'Hyperlnk', titleField: 'Titelflt', band: 'Titelband', tableText: 'Tabelltext', tableNote: 'Tabellnot',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function stylesXml(ids: StyleIds, b: Brand): string {
  const fonts = (f: string) => `<w:rFonts w:ascii="${esc(f)}" w:hAnsi="${esc(f)}" w:eastAsia="${esc(f)}" w:cs="${esc(f)}"/>`;
  const para = (id: string, name: string, opts: { basedOn?: string; next?: string; pPr?: string; rPr?: string; q?: boolean; ui?: number }) =>
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${esc(name)}"/>` +
    `${opts.basedOn ? `<w:basedOn w:val="${opts.basedOn}"/>` : ''}${opts.next ? `<w:next w:val="${opts.next}"/>` : ''}` +
    `${opts.ui !== undefined ? `<w:uiPriority w:val="${opts.ui}"/>` : ''}${opts.q ? '<w:qFormat/>' : ''}` +
    `${opts.pPr ? `<w:pPr>${opts.pPr}</w:pPr>` : ''}${opts.rPr ? `<w:rPr>${opts.rPr}</w:rPr>` : ''}</w:style>`;
  const heading = (id: string, level: number, size: number, before: number) =>
    para(id, `heading ${level}`, {
      basedOn: 'Normal', next: 'Normal', q: true, ui: 9,
      pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="${before}" w:after="120"/><w:outlineLvl w:val="${level - 1}"/>`,
      rPr: `${fonts(b.headingFont)}<w:b/><w:bCs/><w:color w:val="${b.primary}"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/>`,
    });
  const toc = (id: string, level: number) =>
    para(id, `toc ${level}`, { basedOn: 'Normal', next: 'Normal', ui: 39, pPr: `<w:spacing w:after="60"/><w:ind w:left="${(level - 1) * 240}"/>`, rPr: level === 1 ? '<w:b/>' : undefined });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:docDefaults><w:rPrDefault><w:rPr>${fonts(b.bodyFont)}<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="sv-SE" w:eastAsia="sv-SE" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
    '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    heading(ids.h1, 1, 32, 480) +
    heading(ids.h2, 2, 26, 320) +
    heading(ids.h3, 3, 23, 240) +
    para(ids.title, 'Title', { basedOn: 'Normal', next: 'Normal', q: true, ui: 10, pPr: '<w:spacing w:before="1800" w:after="240"/>', rPr: `${fonts(b.headingFont)}<w:b/><w:color w:val="${b.primary}"/><w:sz w:val="60"/><w:szCs w:val="60"/>` }) +
    para(ids.subtitle, 'Subtitle', { basedOn: 'Normal', next: 'Normal', q: true, ui: 11, pPr: '<w:spacing w:after="600"/>', rPr: `${fonts(b.headingFont)}<w:color w:val="${b.primary}"/><w:sz w:val="34"/><w:szCs w:val="34"/>` }) +
    para(ids.band, 'Titelband', { basedOn: 'Normal', pPr: `<w:shd w:val="clear" w:color="auto" w:fill="${b.primary}"/><w:spacing w:before="0" w:after="0" w:line="360" w:lineRule="auto"/><w:ind w:left="113" w:right="113"/>`, rPr: `${fonts(b.headingFont)}<w:b/><w:color w:val="FFFFFF"/><w:sz w:val="28"/><w:szCs w:val="28"/>` }) +
    para(ids.titleField, 'Titelfält', { basedOn: 'Normal', pPr: '<w:spacing w:after="60"/>', rPr: '<w:sz w:val="24"/><w:szCs w:val="24"/>' }) +
    para(ids.caption, 'caption', { basedOn: 'Normal', next: 'Normal', q: true, ui: 35, pPr: '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/>', rPr: `${fonts(b.headingFont)}<w:b/><w:color w:val="${b.primary}"/><w:sz w:val="20"/><w:szCs w:val="20"/>` }) +
    para(ids.tableText, 'Tabelltext', { basedOn: 'Normal', pPr: '<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>', rPr: '<w:sz w:val="18"/><w:szCs w:val="18"/>' }) +
    para(ids.tableNote, 'Tabellnot', { basedOn: 'Normal', pPr: '<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>', rPr: '<w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/>' }) +
    para(ids.tocHeading, 'TOC Heading', { basedOn: ids.h1, next: 'Normal', q: true, ui: 39, pPr: '<w:outlineLvl w:val="9"/>' }) +
    toc(ids.toc1, 1) +
    toc(ids.toc2, 2) +
    toc(ids.toc3, 3) +
    para(ids.header, 'header', { basedOn: 'Normal', ui: 99, pPr: `<w:tabs><w:tab w:val="right" w:pos="9070"/></w:tabs><w:spacing w:after="0"/>`, rPr: `<w:color w:val="${b.primary}"/><w:sz w:val="18"/><w:szCs w:val="18"/>` }) +
    para(ids.footer, 'footer', { basedOn: 'Normal', ui: 99, pPr: `<w:tabs><w:tab w:val="right" w:pos="9070"/></w:tabs><w:spacing w:after="0"/>`, rPr: '<w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/>' }) +
    `<w:style w:type="character" w:styleId="${ids.hyperlink}"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="${b.primary}"/><w:u w:val="single"/></w:rPr></w:style>` +
    '</w:styles>'
  );
}

const A4 = { width: 11906, height: 16838, margin: 1418 } as const;
const TEXT_WIDTH = A4.width - 2 * A4.margin;

/** A paragraph of runs; `**x**` marks bold runs, so a placeholder can be split over runs as Word splits it. */
function p(text: string | readonly (string | { b: string })[], style?: string, extra: { readonly pageBreakBefore?: boolean } = {}): Paragraph {
  const parts = typeof text === 'string' ? [text] : text;
  return new Paragraph({
    ...(style ? { style } : {}),
    ...extra,
    children: parts.map((t) => (typeof t === 'string' ? new TextRun(t) : new TextRun({ text: t.b, bold: true }))),
  });
}

function investmentTable(ids: StyleIds, b: Brand): Table {
  const widths = [3270, 1450, 1450, 1450, 1450];
  const rule = { style: BorderStyle.SINGLE, size: 8, color: b.primary };
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const cell = (text: string, j: number, o: { header?: boolean; bold?: boolean; top?: boolean }) =>
    new TableCell({
      width: { size: widths[j]!, type: WidthType.DXA },
      ...(o.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: b.tint } } : {}),
      borders: { top: o.header || o.top ? rule : none, bottom: o.header ? rule : none, left: none, right: none },
      children: [
        new Paragraph({
          style: ids.tableText,
          alignment: j === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT,
          children: [new TextRun({ text, bold: o.header || o.bold })],
        }),
      ],
    });
  const headers = ['Investeringsområde', 'Utfall hittills', 'Prognos helår', 'Årsbudget', 'Avvikelse'];
  const fields = (first: string) => [first + '{{kolumn 1}}', '{{kolumn 2}}', '{{kolumn 3}}', '{{kolumn 4}}', '{{kolumn 5}}'];
  return new Table({
    width: { size: widths.reduce((x, y) => x + y, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, j) => cell(h, j, { header: true })) }),
      new TableRow({ cantSplit: true, children: fields('{{#rad investeringar}}').map((t, j) => cell(t, j, {})) }),
      new TableRow({ cantSplit: true, children: fields('{{#summarad investeringar}}').map((t, j) => cell(t, j, { bold: true, top: true })) }),
    ],
  });
}

function body(ids: StyleIds, b: Brand): FileChild[] {
  const organisation = b.name ?? '{{organisation}}';
  return [
    // Title page
    p(organisation, ids.band),
    p('{{titel}}', ids.title),
    p('{{undertitel}}', ids.subtitle),
    p([{ b: 'Organisation: ' }, '{{organisation}}'], ids.titleField),
    p([{ b: 'Enhet: ' }, '{{enhet}}'], ids.titleField),
    p([{ b: 'Period: ' }, '{{period}}'], ids.titleField),
    p([{ b: 'Diarienummer: ' }, '{{diarienummer}}'], ids.titleField),
    p([{ b: 'Rapportdatum: ' }, '{{rapportdatum}}'], ids.titleField),
    // Contents on a page of its own, then the caveats
    p('{{> innehall}}', undefined, { pageBreakBefore: true }),
    p('{{> observera}}'),
    // 1 — written in the template, with figures from the report
    p('1 Sammanfattning', ids.h1, { pageBreakBefore: true }),
    p([
      '{{enhet}} redovisar för {{period}} en budgetavvikelse på ',
      { b: '{{mnkr ' },
      { b: 'ekonomi.budgetavvikelse}}' },
      ' mnkr och en nettokostnadsutveckling på {{procent ekonomi.nettokostnadsutveckling 1}} procent jämfört med föregående år. Investeringsutgifterna uppgår till ',
      { b: '{{mnkr investeringar.utfall}}' },
      ' mnkr; prognosen för helåret är {{mnkr investeringar.prognos}} mnkr mot en budget på {{mnkr investeringar.budget}} mnkr.',
    ]),
    p('{{> sammanfattning}}'),
    // 2 — a whole section of the report
    p('{{> avsnitt 2}}'),
    // 3 — the template's own headings, the report's tables, chart and text
    p('3 Driftredovisning', ids.h1),
    p('3.1 Ekonomiskt resultat', ids.h2),
    p('Ackumulerat utfall är en nettokostnad på {{belopp ekonomi.nettokostnad}} mot en budget på {{belopp ekonomi.budget}}, {{om-negativ ekonomi.budgetavvikelse "en negativ" "en positiv"}} avvikelse på {{belopp ekonomi.budgetavvikelse}}.'),
    p('{{> resultatrakning}}'),
    p('{{> diagram ackumulerad-nettokostnad}}'),
    p('3.2 Ekonomisk analys', ids.h2),
    p('{{> nettokostnad}}'),
    p('{{> berattelse ekonomisk-analys}}'),
    // 4 — a table designed here, its rows repeated over the report's investment areas
    p('4 Investeringsredovisning', ids.h1),
    p('Utfallet för investeringarna är {{mnkr investeringar.utfall}} mnkr och prognosavvikelsen {{mnkr investeringar.avvikelse}} mnkr. Tabellen visar utfall, prognos och budget per investeringsområde i miljoner kronor.'),
    p('Investeringar per investeringsområde, mnkr', ids.caption),
    investmentTable(ids, b),
    p('{{! Raden med #rad upprepas för varje investeringsområde och raden med #summarad för totalen. }}Belopp i miljoner kronor (mnkr).', ids.tableNote),
    p('{{> diagram investeringar-per-omrade}}'),
    p('{{> berattelse investeringar}}'),
  ];
}

/** The starter (or, with options, the branded example) template's bytes. */
export async function buildStarterTemplate(options: StarterOptions = {}): Promise<Uint8Array> {
  const b = options.brand ?? NEUTRAL;
  const ids = options.swedishStyleIds ? SWEDISH_IDS : ENGLISH_IDS;
  const organisation = b.name ?? '{{organisation}}';
  const doc = new Document({
    title: options.title ?? 'Mall för delårsrapport',
    subject: 'Mall för rapport',
    creator: b.name ?? 'rapport',
    lastModifiedBy: b.name ?? 'rapport',
    description: 'Word-mall med platshållare för rapport. Se mallguiden för vilka platshållare som finns.',
    externalStyles: stylesXml(ids, b),
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: A4.width, height: A4.height },
            margin: { top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin, header: 709, footer: 709 },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ style: ids.header, children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                style: ids.header,
                tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
                children: [new TextRun({ text: organisation, bold: true }), new TextRun({ children: ['\t', '{{titel}} – {{enhet}}'] })],
              }),
            ],
          }),
        },
        footers: {
          first: new Footer({ children: [new Paragraph({ style: ids.footer, children: [] })] }),
          default: new Footer({
            children: [
              new Paragraph({
                style: ids.footer,
                tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
                children: [new TextRun('{{undertitel}}'), new TextRun({ children: ['\tSida ', PageNumber.CURRENT, ' av ', PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children: body(ids, b),
      },
    ],
  });
  const packed = await Packer.toBuffer(doc);
  // The docx library adds its own default styles ("Heading1" …) to external ones; a template made in Word has only
  // its own, so the styles part is exactly the one written here.
  const styles = stylesXml(ids, b);
  return finishDocxPackage(packed, { date: options.date ?? '2024-01-01', replaceParts: new Map([['word/styles.xml', styles]]) });
}
