/**
 * Finishing a generated Word package's text slots: each slot's tag gets the hash of its text as generated, and the
 * custom properties record the unit, the period, each slot's hashes and the paragraphs around it (`package.ts` lists
 * them). Run on the package's parts before they are normalised, for the default report and for a filled template.
 */
import type { ReportModel, Section } from '../../../report/model.js';
import { ANCHOR_LENGTH, CUSTOM_PART, declareCustomPart, fileHash, FORMAT_VERSION, packageContext, partText, slotContent, textHash, writeCustomProperties, type Parts } from './package.js';
import { slotMarkdown } from './to-markdown.js';
import { parseSlotTag, slotTag } from './slot.js';
import { parseXmlDocument, rootOf } from '../template/xml.js';
import { decodeXmlText } from '../../../io/xml-text.js';

/** What the package records about where its texts came from. */
export interface SlotSource {
  readonly unitId: string;
  /** "2024-08" */
  readonly period: string;
  /** Each narrative's key → its section title and the Markdown read from its file (null: no file). */
  readonly narratives: ReadonlyMap<string, { readonly title: string; readonly markdown: string | null }>;
}

export function slotSource(model: ReportModel): SlotSource {
  const narratives = new Map<string, { title: string; markdown: string | null }>();
  const walk = (s: Section) => {
    for (const b of s.blocks) if (b.type === 'narrative' && !narratives.has(b.key)) narratives.set(b.key, { title: s.title, markdown: b.markdown });
    s.sections.forEach(walk);
  };
  model.sections.forEach(walk);
  return { unitId: model.meta.unitId, period: model.meta.period.code, narratives };
}

/** Writes the slots' hashes into their tags and the bookkeeping into the custom properties (in place). */
export function finishTextSlots(parts: Parts, source: SlotSource): void {
  const documentXml = partText(parts, 'word/document.xml');
  if (documentXml === undefined) return;
  const props = new Map<string, string>([
    ['rapport.format', FORMAT_VERSION],
    ['rapport.enhet', source.unitId],
    ['rapport.period', source.period],
    ['rapport.texter', ''],
  ]);
  const keys: string[] = [];
  let xml = documentXml;
  if (documentXml.includes(`w:val="${slotTag(source.unitId, '')}`)) {
    // The body is scanned, not parsed: a long report's body is half a megabyte, and only the slots (parsed one by
    // one) and the paragraphs next to them are needed.
    const ctx = packageContext(parts);
    const blocks = scanBody(documentXml);
    const textAt = (from: number, step: 1 | -1): string => {
      for (let k = from; k >= 0 && k < blocks.length; k += step) {
        const b = blocks[k]!;
        if (b.kind === 'block') {
          const text = scannedText(documentXml.slice(b.start, b.end), b.table);
          if (text !== '') return text.slice(0, ANCHOR_LENGTH);
        }
      }
      return '';
    };
    const anchors = new Map<string, { before: string; after: string }>();
    blocks.forEach((b, k) => {
      if (b.kind === 'slot') anchors.set(b.key, { before: textAt(k - 1, -1), after: textAt(k + 1, 1) });
    });
    for (const slot of findSlots(documentXml, source.unitId)) {
      if (keys.includes(slot.key)) continue;
      keys.push(slot.key);
      const sdt = rootOf(parseXmlDocument(documentXml.slice(slot.start, slot.end)))!;
      const hash = textHash(slotMarkdown(slotContent(sdt), ctx).markdown);
      const tag = slotTag(source.unitId, slot.key);
      xml = xml.replace(`w:val="${tag}"`, `w:val="${tag}#${hash}"`);
      const narrative = source.narratives.get(slot.key);
      props.set(`rapport.text.${slot.key}`, `${hash};${fileHash(narrative?.markdown ?? null)}`);
      props.set(`rapport.rubrik.${slot.key}`, narrative?.title ?? slot.key);
      const a = anchors.get(slot.key);
      if (a) {
        props.set(`rapport.fore.${slot.key}`, a.before);
        props.set(`rapport.efter.${slot.key}`, a.after);
      }
    }
  }
  props.set('rapport.texter', keys.join(','));
  parts.set('word/document.xml', xml);
  parts.set(CUSTOM_PART, writeCustomProperties(partText(parts, CUSTOM_PART), props));
  declareCustomPart(parts);
}

/** The unit's slots anywhere in the document (also in table cells), as spans of the XML. A slot holds no content control. */
function findSlots(xml: string, unitId: string): { key: string; start: number; end: number }[] {
  const out: { key: string; start: number; end: number }[] = [];
  const prefix = `<w:tag w:val="${slotTag(unitId, '')}`;
  for (let at = xml.indexOf(prefix); at >= 0; at = xml.indexOf(prefix, at + 1)) {
    const key = /^([^"#]+)"/.exec(xml.slice(at + prefix.length, at + prefix.length + 200))?.[1];
    const start = Math.max(xml.lastIndexOf('<w:sdt>', at), xml.lastIndexOf('<w:sdt ', at));
    const close = xml.indexOf('</w:sdt>', at);
    if (key === undefined || start < 0 || close < 0) continue;
    out.push({ key, start, end: close + '</w:sdt>'.length });
  }
  return out;
}

type ScannedBlock = { kind: 'block'; start: number; end: number; table: boolean } | { kind: 'slot'; key: string; start: number; end: number };

const BLOCK_TAG = /<(\/?)(w:p|w:tbl|w:sdt)(?=[\s>/])[^>]*?(\/?)>/g;

/**
 * The body's paragraphs and tables in reading order with rapport's slots as single blocks, as `bodyBlocks` reads
 * them from the parsed body (other content controls are looked into), found by scanning the tags.
 */
function scanBody(xml: string): ScannedBlock[] {
  const out: ScannedBlock[] = [];
  const bodyAt = xml.indexOf('<w:body');
  let depth = 0;
  let start = 0;
  let table = false;
  BLOCK_TAG.lastIndex = bodyAt < 0 ? 0 : bodyAt;
  for (let m = BLOCK_TAG.exec(xml); m; m = BLOCK_TAG.exec(xml)) {
    const [all, closing, name, selfClosing] = m;
    if (name === 'w:sdt') {
      if (depth > 0 || closing) continue;
      const prEnd = xml.indexOf('</w:sdtPr>', m.index);
      const tag = /<w:tag w:val="([^"]*)"/.exec(xml.slice(m.index, prEnd < 0 ? m.index : prEnd))?.[1];
      const slot = tag !== undefined ? parseSlotTag(tag) : undefined;
      if (slot) {
        const end = xml.indexOf('</w:sdt>', m.index) + '</w:sdt>'.length;
        out.push({ kind: 'slot', key: slot.key, start: m.index, end });
        BLOCK_TAG.lastIndex = end;
      }
      continue;
    }
    if (!closing) {
      if (depth === 0) {
        start = m.index;
        table = name === 'w:tbl';
      }
      if (selfClosing) {
        if (depth === 0) out.push({ kind: 'block', start, end: m.index + all.length, table });
        continue;
      }
      depth++;
    } else if (--depth === 0) out.push({ kind: 'block', start, end: m.index + all.length, table });
  }
  return out;
}

/** A scanned block's text, as `blockText` gives it for the parsed block (a table: its first row). */
function scannedText(block: string, table: boolean): string {
  if (!table) return normaliseSpace(runText(block));
  const row = /<w:tr\b[\s\S]*?<\/w:tr>/.exec(block)?.[0] ?? '';
  const cells = row.match(/<w:tc\b[\s\S]*?<\/w:tc>/g) ?? [];
  return row === '' ? 'tabell:' : `tabell: ${normaliseSpace(cells.map(runText).join(' '))}`;
}

/** The text of w:t elements, tabs and breaks as spaces; deleted text, field codes and fallbacks left out (as `plainText`). */
function runText(xml: string): string {
  const kept = xml
    .replace(/<mc:Fallback\b[\s\S]*?<\/mc:Fallback>/g, '')
    .replace(/<w:del\b[^>]*?(?:\/>|>[\s\S]*?<\/w:del>)/g, '')
    .replace(/<w:(instrText|delText)\b[^>]*?(?:\/>|>[\s\S]*?<\/w:\1>)/g, '');
  let out = '';
  for (const m of kept.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(?:tab|br|cr)\b[^>]*\/>/g)) out += m[1] !== undefined ? decodeXmlText(m[1]) : ' ';
  return out;
}

function normaliseSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
