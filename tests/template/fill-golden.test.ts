/**
 * The branded example template (fixtures/templates/region-exempel-mall.docx) filled with the golden case's report
 * (Regionstyrelsen, delårsrapport per augusti 2024, run through the real pipeline): every kind of placeholder is
 * replaced with the published figures, the block tables and the designed, repeating table hold the report's cells,
 * generated headings use the template's Swedish style ids, and the result is byte-stable and accessible.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillTemplate, type TemplateFinding } from '../../src/render/docx/index.js';
import { buildStarterTemplate, EXAMPLE_TEMPLATE_OPTIONS } from '../../src/template/index.js';
import { checkAccessibility } from '../../src/accessibility/index.js';
import { formatCell } from '../../src/render/format.js';
import { parseXmlDocument } from '../../src/render/docx/template/xml.js';
import type { ReportModel } from '../../src/report/model.js';
import { bodyParagraphs, findTable, goldenModel, parts, plain, styles, tables, textOf } from './helpers.js';

const TEMPLATE = 'fixtures/templates/region-exempel-mall.docx';

let model: ReportModel;
let template: Uint8Array;
let filled: Uint8Array;
let xml: Record<string, string>;
let doc: string;
const warnings: TemplateFinding[] = [];

beforeAll(async () => {
  model = await goldenModel();
  template = readFileSync(TEMPLATE);
  filled = await fillTemplate(model, template, { fileName: 'region-exempel-mall.docx', onWarning: (w) => warnings.push(w) });
  xml = parts(filled);
  doc = xml['word/document.xml']!;
});

const cellsOf = (id: string) => findTable(model, id).rows.map((r) => r.cells.map((c) => plain(formatCell(c))));

describe('the branded example template filled with the golden case', () => {
  it('is the template the generator script writes (fixture up to date)', async () => {
    const fresh = await buildStarterTemplate(EXAMPLE_TEMPLATE_OPTIONS);
    expect(Buffer.compare(Buffer.from(fresh), template)).toBe(0);
  });

  it('fills inline placeholders with the published figures, in the template run formatting', () => {
    const paras = bodyParagraphs(doc);
    const summary = paras.find((p) => p.text.startsWith('Regionstyrelsen redovisar för januari–augusti 2024'));
    expect(summary, 'the template sentence of section 1').toBeDefined();
    const text = plain(summary!.text);
    expect(text).toContain('en budgetavvikelse på -52 mnkr');
    expect(text).toContain('nettokostnadsutveckling på 7,1 procent');
    expect(text).toContain('Investeringsutgifterna uppgår till 522 mnkr');
    expect(text).toContain('prognosen för helåret är 945 mnkr mot en budget på 930 mnkr');
    // The figure that was split over two bold runs in the template is one bold run now.
    expect(summary!.xml).toMatch(/<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">-52<\/w:t><\/w:r>/);
    const analysis = paras.find((p) => p.text.startsWith('Ackumulerat utfall är en nettokostnad'))!;
    expect(plain(analysis.text)).toBe('Ackumulerat utfall är en nettokostnad på 2 515 miljoner kronor mot en budget på 2 463 miljoner kronor, en negativ avvikelse på 52 miljoner kronor.');
    const invest = paras.find((p) => p.text.startsWith('Utfallet för investeringarna'))!;
    expect(plain(invest.text)).toContain('är 522 mnkr och prognosavvikelsen -15 mnkr');
  });

  it('fills the title page, the header and the footer', () => {
    const texts = bodyParagraphs(doc).map((p) => p.text);
    for (const line of ['Region Exempel', 'Delårsrapport per augusti', 'Tertial 2 2024', 'Organisation: Region Västerbotten', 'Enhet: Regionstyrelsen', 'Period: januari–augusti 2024', 'Rapportdatum: 2024-08-31']) {
      expect(texts).toContain(line);
    }
    const headers = Object.entries(xml).filter(([n]) => /^word\/header\d+\.xml$/.test(n)).map(([, x]) => textOf(x));
    expect(headers).toContain('Region Exempel\tDelårsrapport per augusti – Regionstyrelsen');
    const footers = Object.entries(xml).filter(([n]) => /^word\/footer\d+\.xml$/.test(n)).map(([, x]) => textOf(x));
    expect(footers.some((f) => f.startsWith('Tertial 2 2024\tSida '))).toBe(true);
  });

  it('leaves no placeholder and no marker anywhere', () => {
    for (const [name, part] of Object.entries(xml)) {
      const text = textOf(part);
      expect(text, name).not.toMatch(/\{\{|\}\}|[\u27e6\u27e7]/);
    }
  });

  it('puts the block tables in place with the report cells (tables 3.1 and 3.2)', () => {
    const all = tables(doc);
    const resultat = all.find((t) => t.before === 'Tabell 1. Ekonomiskt resultat per augusti 2024');
    expect(resultat, 'Tabell 1 from {{> resultatrakning}}').toBeDefined();
    expect(resultat!.rows.slice(1).map((r) => r.cells.map(plain))).toEqual(cellsOf('resultat'));
    expect(plain(resultat!.rows.at(-1)!.cells.join('|'))).toBe('Total (netto)|1 223|-2 349 555|-2 515 284|-2 463 409|-51 875|7,1|-3 784 362');
    const netto = all.find((t) => t.before === 'Tabell 3. Nettokostnad per verksamhetsområde per augusti 2024');
    expect(netto, 'Tabell 3 from {{> nettokostnad}}').toBeDefined();
    expect(netto!.rows.slice(1).map((r) => r.cells.map(plain))).toEqual(cellsOf('nettokostnad'));
    // The chart's data table follows the chart (Tabell 2), with the chart's note pointing to it.
    expect(all.some((t) => t.before.startsWith('Tabell 2. Ackumulerad nettokostnad per månad 2024'))).toBe(true);
    expect(bodyParagraphs(doc).some((p) => p.text === 'Belopp i mnkr. Uppgifterna i diagrammet finns i tabell 2 (Ackumulerad nettokostnad per månad 2024, data till diagrammet).')).toBe(true);
  });

  it('repeats the designed table row per investment area, with its own total row', () => {
    const designed = tables(doc).find((t) => t.rows[0]?.cells[0] === 'Investeringsområde' && t.rows[0]?.cells[1] === 'Utfall hittills');
    expect(designed, 'the table designed in the template').toBeDefined();
    const body = designed!.rows.slice(1);
    expect(body).toHaveLength(7); // 6 areas + Totalt
    expect(body.map((r) => r.cells.map(plain))).toEqual(cellsOf('investeringar'));
    expect(body.map((r) => r.cells[0])).toEqual(['Fastighet', 'MT', 'IT', 'Hjälpmedel', 'Verksamhetsservice', 'Regional utveckling', 'Totalt']);
    expect(plain(body[6]!.cells.join('|'))).toBe('Totalt|522|945|930|-15');
    // Template formatting kept: the header row repeats, data rows are plain, the total row is bold with a rule above.
    expect(designed!.rows[0]!.xml).toContain('<w:tblHeader/>');
    expect(body[0]!.xml).not.toContain('<w:b/>');
    expect(body[6]!.xml).toContain('<w:b/>');
    expect(body[6]!.xml).toMatch(/<w:top w:val="single"[^>]*w:color="005A64"/);
    // The investment chart refers to the designed table instead of repeating its data.
    expect(bodyParagraphs(doc).some((p) => p.text === 'Belopp i mnkr. Uppgifterna i diagrammet finns i tabellen ”Investeringar per investeringsområde, mnkr”.')).toBe(true);
  });

  it('gives generated headings the template heading styles, by built-in name (Swedish ids)', () => {
    const st = styles(xml['word/styles.xml']!);
    const byId = new Map(st.map((s) => [s.id, s]));
    expect(byId.get('Rubrik1')?.name).toBe('heading 1');
    expect(byId.get('Rubrik2')?.name).toBe('heading 2');
    // No English heading/caption/toc ids were added next to the template's own.
    for (const id of ['Heading1', 'Heading2', 'Heading3', 'Caption', 'TOC1', 'TOC2', 'TOCHeading']) expect(byId.has(id), id).toBe(false);
    const paras = bodyParagraphs(doc);
    const styleOf = (text: string) => paras.find((p) => p.text === text)?.style;
    // Written in the template:
    expect(styleOf('1 Sammanfattning')).toBe('Rubrik1');
    expect(styleOf('3.1 Ekonomiskt resultat')).toBe('Rubrik2');
    // Generated by {{> avsnitt 2}}:
    expect(styleOf('2 Förvaltningsberättelse')).toBe('Rubrik1');
    expect(styleOf('2.1 Perioden som gått')).toBe('Rubrik2');
    // Captions and the table of contents:
    expect(styleOf('Tabell 1. Ekonomiskt resultat per augusti 2024')).toBe('Beskrivning');
    expect(styleOf('Innehållsförteckning')).toBe('Innehllsfrteckningsrubrik');
    expect(paras.filter((p) => /^Heading\d$/.test(p.style ?? ''))).toEqual([]);
  });

  it('writes a table of contents with page numbers filled in', () => {
    const sdt = /<w:sdt>[\s\S]*?<w:docPartGallery w:val="Table of Contents"\/>[\s\S]*?<\/w:sdt>/.exec(doc)?.[0];
    expect(sdt).toBeDefined();
    const entries = [...sdt!.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => m[0]).filter((p) => p.includes('PAGEREF'));
    const lines = entries.map((p) => textOf(p));
    expect(lines.map((l) => l.split('\t')[0])).toEqual([
      '1 Sammanfattning', '2 Förvaltningsberättelse', '2.1 Perioden som gått', '2.2 Händelser av väsentlig betydelse', '2.3 Förväntad utveckling',
      '3 Driftredovisning', '3.1 Ekonomiskt resultat', '3.2 Ekonomisk analys', '4 Investeringsredovisning',
    ]);
    for (const l of lines) expect(l).toMatch(/\t\d+$/);
    const pages = lines.map((l) => Number(l.split('\t')[1]));
    expect(pages[0]).toBeGreaterThanOrEqual(2);
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
    expect(entries.every((p) => /<w:pStyle w:val="Innehll[12]"\/>/.test(p))).toBe(true);
  });

  it('has native charts with alt text, and no warnings', () => {
    expect(Object.keys(xml).filter((n) => /^word\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(2);
    const descr = [...doc.matchAll(/<wp:docPr\b[^>]*\bdescr="([^"]*)"/g)].map((m) => m[1]);
    expect(descr).toHaveLength(2);
    for (const d of descr) expect(d!.length).toBeGreaterThan(20);
    expect(warnings).toEqual([]);
  });

  it('passes the accessibility checks, and every part is well-formed XML', () => {
    expect(checkAccessibility(filled).filter((f) => f.severity === 'error')).toEqual([]);
    for (const [name, part] of Object.entries(xml)) expect(() => parseXmlDocument(part), name).not.toThrow();
    expect(xml['docProps/core.xml']).toContain('<dc:title>Delårsrapport per augusti 2024 – Regionstyrelsen</dc:title>');
    expect(xml['[Content_Types].xml']).toContain('wordprocessingml.document.main+xml');
  });

  it('is byte-stable: the same template and report give the same bytes', async () => {
    const again = await fillTemplate(model, template, { fileName: 'region-exempel-mall.docx' });
    expect(Buffer.compare(Buffer.from(again), Buffer.from(filled))).toBe(0);
  });
});
