/**
 * A landscape table gets a page of its own; the chart that follows it in its section goes before it, onto the portrait
 * page the landscape page would otherwise leave part empty, when the fast layout finds that it fits there
 * (src/render/docx/render-docx.ts, chartsBeforeLandscape). Text and tables never move.
 */
import { describe, expect, test } from 'vitest';
import { renderDocx } from '../../src/render/docx/index.js';
import { exampleModels } from '../helpers/example-models.js';
import { openPackage } from './ooxml.js';

const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

/** The document's sections in order: each section's text and orientation (a section ends with the paragraph holding its properties). */
function sectionsOf(documentXml: string): { text: string; landscape: boolean }[] {
  const body = documentXml.slice(documentXml.indexOf('<w:body>'));
  const parts = body.split(/(<w:sectPr[\s\S]*?<\/w:sectPr>[\s\S]*?<\/w:p>)/);
  const out: { text: string; landscape: boolean }[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    out.push({ text: textOf(parts[i]!) + textOf(parts[i + 1]!), landscape: /w:orient="landscape"/.test(parts[i + 1]!) });
  }
  // The last section's properties are the body's own, after its last paragraph.
  const last = parts[parts.length - 1]!;
  out.push({ text: textOf(last), landscape: /<w:sectPr[^]*w:orient="landscape"/.test(last) });
  return out;
}

describe('a chart after a landscape table fills the page before it', () => {
  test('a nämnd report: the accumulated net cost diagram goes before the Ekonomiskt resultat table, onto the portrait page, and nothing else moves', async () => {
    // Regionstyrelsen's report: the root's has the region level's tables before it, and there the diagram does not fit
    // on the portrait page (it stays after the table, which is the rule too).
    const unit = (await exampleModels()).find((m) => m.meta.unitId === 'regionstyrelsen')!;
    const xml = openPackage(await renderDocx(unit)).text('word/document.xml');
    const sections = sectionsOf(xml);
    // The numbers follow from what comes before; read them from the document.
    const all = sections.map((s) => s.text).join('');
    const t = /Tabell (\d+)\. Ekonomiskt resultat per augusti 2024/.exec(all)![1]!;
    const d = /Diagram (\d+)\. Ackumulerad nettokostnad 2024 jämfört med budget och 2023/.exec(all)![1]!;
    const table = sections.findIndex((s) => s.text.includes(`Tabell ${t}. Ekonomiskt resultat per augusti 2024`));
    expect(table).toBeGreaterThan(0);
    expect(sections[table]!.landscape).toBe(true);
    // The landscape section holds the table and its notes only.
    expect(sections[table]!.text.startsWith(`Tabell ${t}.`)).toBe(true);
    expect(sections[table]!.text).not.toContain('Diagram');
    // The portrait section before it ends with the section's lead-in followed by the diagram …
    const before = sections[table - 1]!;
    expect(before.landscape).toBe(false);
    expect(before.text).toMatch(new RegExp(`\\d\\.\\d Ekonomiskt resultatAckumulerat utfall per augusti 2024[^]*Diagram ${d}\\. Ackumulerad nettokostnad 2024 jämfört med budget och 2023[^]*$`));
    // … and the section after it starts with the diagram's data table, then Ekonomisk analys, as before.
    expect(sections[table + 1]!.text).toMatch(new RegExp(`^Tabell ${Number(t) + 1}\\. Ackumulerad nettokostnad per månad 2024, data till diagrammet[^]*\\d\\.\\d Ekonomisk analys`));
    // Tables and diagrams are still numbered in reading order.
    const text = sections.map((s) => s.text).join('');
    const numbers = (kind: string) => [...text.matchAll(new RegExp(`${kind} (\\d+)\\. `, 'g'))].map((m) => Number(m[1]));
    for (const kind of ['Tabell', 'Diagram']) {
      const found = numbers(kind);
      expect(found.length).toBeGreaterThan(1);
      expect(found).toEqual([...found].sort((a, b) => a - b));
    }
  }, 120_000);
});
