/**
 * Test helpers for the template tests: the golden case's report model, run through the real pipeline in-process, and
 * a small reader of a .docx's text, tables and styles that does not use the filler's own XML code (regular
 * expressions over the parts, unzipped with fflate).
 */
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { Document, Packer, Paragraph, TextRun, type FileChild } from 'docx';
import { unitModels } from '../helpers/example-models.js';
import { findTable as findModelTable, type ReportModel, type Table } from '../../src/report/model.js';

export const GOLDEN_CONFIG = path.resolve('fixtures/vasterbotten-rs-2024-08/rapport.config.yaml');

let golden: Promise<ReportModel> | undefined;

/** Regionstyrelsen's delårsrapport per augusti 2024, as `rapport generate` builds it. */
export function goldenModel(): Promise<ReportModel> {
  golden ??= unitModels(GOLDEN_CONFIG).then((models) => {
    if (models.length !== 1) throw new Error('expected one unit');
    return models[0]!;
  });
  return golden;
}

export function findTable(model: ReportModel, id: string): Table {
  const t = findModelTable(model.sections, id);
  if (!t) throw new Error(`table ${id} not found`);
  return t;
}

// ---------------------------------------------------------------------------------------------------------------

export function parts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (/\.(xml|rels)$/.test(name)) out[name] = new TextDecoder().decode(data);
  return out;
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

/** Visible text of an XML fragment: w:t text, tabs as "\t", breaks as "\n"; deleted text and field codes left out. */
export function textOf(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\b[^>]*\/>/g)) {
    if (m[0].startsWith('<w:tab')) out += '\t';
    else if (m[0].startsWith('<w:br')) out += '\n';
    else out += decode(m[1]!);
  }
  return out;
}

export interface ReadParagraph {
  readonly style: string | undefined;
  readonly text: string;
  readonly xml: string;
}

/** Top-level paragraphs of the body, and those in content controls (not in tables). */
export function bodyParagraphs(documentXml: string): ReadParagraph[] {
  const body = documentXml.slice(documentXml.indexOf('<w:body>'));
  const out: ReadParagraph[] = [];
  let depth = 0;
  const re = /<w:tbl>|<\/w:tbl>|<w:p\b[^>]*?\/>|<w:p\b[^>]*>[\s\S]*?<\/w:p>/g;
  for (const m of body.matchAll(re)) {
    if (m[0] === '<w:tbl>') depth++;
    else if (m[0] === '</w:tbl>') depth--;
    else if (depth === 0) out.push({ style: /<w:pStyle w:val="([^"]*)"/.exec(m[0])?.[1], text: textOf(m[0]), xml: m[0] });
  }
  return out;
}

export interface ReadTable {
  readonly rows: { readonly cells: string[]; readonly xml: string }[];
  /** The paragraph before the table (its caption). */
  readonly before: string;
}

/** The body's top-level tables, each as rows of cell texts (cells' paragraphs joined with "\n"). */
export function tables(documentXml: string): ReadTable[] {
  const out: ReadTable[] = [];
  let i = 0;
  while ((i = documentXml.indexOf('<w:tbl>', i)) >= 0) {
    // Find the matching end, counting nested tables.
    let depth = 0;
    let j = i;
    const tags = /<w:tbl>|<\/w:tbl>/g;
    tags.lastIndex = i;
    let m: RegExpExecArray | null;
    while ((m = tags.exec(documentXml))) {
      depth += m[0] === '<w:tbl>' ? 1 : -1;
      if (depth === 0) {
        j = m.index + m[0].length;
        break;
      }
    }
    const xml = documentXml.slice(i, j);
    const rows = [...xml.matchAll(/<w:tr\b[^>]*>([\s\S]*?)<\/w:tr>/g)].map((r) => ({
      xml: r[0],
      cells: [...r[1]!.matchAll(/<w:tc\b[^>]*>([\s\S]*?)<\/w:tc>/g)].map((c) => [...c[1]!.matchAll(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g)].map((p) => textOf(p[0])).join('\n')),
    }));
    const beforeXml = documentXml.slice(Math.max(0, i - 4000), i);
    const lastP = [...beforeXml.matchAll(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g)].pop();
    out.push({ rows, before: lastP ? textOf(lastP[0]) : '' });
    i = j;
  }
  return out;
}

/** Style ids and names of a styles part. */
export function styles(stylesXml: string): { id: string; type: string; name: string }[] {
  return [...stylesXml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)].map((m) => ({
    id: /w:styleId="([^"]*)"/.exec(m[1]!)?.[1] ?? '',
    type: /w:type="([^"]*)"/.exec(m[1]!)?.[1] ?? '',
    name: /<w:name w:val="([^"]*)"/.exec(m[2]!)?.[1] ?? '',
  }));
}

/** NBSP → space, as in the golden README. */
export function plain(s: string): string {
  return s.replace(/[\u00a0\u202f]/g, ' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Small templates made in the tests


/** A paragraph whose text is split into runs at "|" (as Word splits text), odd pieces bold. */
export function runs(text: string, style?: string): Paragraph {
  return new Paragraph({ ...(style ? { style } : {}), children: text.split('|').map((t, i) => new TextRun({ text: t, bold: i % 2 === 1 })) });
}

/** A template made with the docx library: title and language set, the given body. */
export async function makeTemplate(children: FileChild[], options: { readonly externalStyles?: string } = {}): Promise<Uint8Array> {
  const doc = new Document({
    title: 'Testmall',
    ...(options.externalStyles ? { externalStyles: options.externalStyles } : {}),
    styles: { default: { document: { run: { language: { value: 'sv-SE' } } } } },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Rewrites parts of a package (for planting things the docx library would not write). */
export function editParts(bytes: Uint8Array, edit: (name: string, text: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  for (const [name, data] of Object.entries(files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const text = new TextDecoder().decode(data);
    const next = edit(name, text);
    if (next !== text) files[name] = new TextEncoder().encode(next);
  }
  return zipSync(files);
}
