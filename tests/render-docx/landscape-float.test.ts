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
  test('the region report: diagram 2 goes before table 36 (3.1), onto the portrait page, and nothing else moves', async () => {
    const [region] = await exampleModels();
    const xml = openPackage(await renderDocx(region!)).text('word/document.xml');
    const sections = sectionsOf(xml);
    const table = sections.findIndex((s) => s.text.includes('Tabell 36. Ekonomiskt resultat per augusti 2024'));
    expect(table).toBeGreaterThan(0);
    expect(sections[table]!.landscape).toBe(true);
    // The landscape section holds the table and its notes only.
    expect(sections[table]!.text.startsWith('Tabell 36.')).toBe(true);
    expect(sections[table]!.text).not.toContain('Diagram');
    // The portrait section before it ends with 3.1's lead-in followed by diagram 2 …
    const before = sections[table - 1]!;
    expect(before.landscape).toBe(false);
    expect(before.text).toMatch(/3\.1 Ekonomiskt resultatAckumulerat utfall per augusti 2024[^]*Diagram 2\. Ackumulerad nettokostnad 2024 jämfört med budget och 2023[^]*$/);
    // … and the section after it starts with the diagram's data table, then 3.2, as before.
    expect(sections[table + 1]!.text).toMatch(/^Tabell 37\. Ackumulerad nettokostnad per månad 2024, data till diagrammet[^]*3\.2 Ekonomisk analys/);
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
