/**
 * Finishing a generated Word package's text slots: each slot's tag gets the hash of its text as generated, and the
 * custom properties record the unit, the period, each slot's hashes and the paragraphs around it (`package.ts` lists
 * them). Run on the package's parts before they are normalised, for the default report and for a filled template.
 */
import type { ReportModel, Section } from '../../../report/model.js';
import { ANCHOR_LENGTH, bodyBlocks, bodyOf, CUSTOM_PART, declareCustomPart, fileHash, FORMAT_VERSION, packageContext, partText, slotContent, textHash, writeCustomProperties, type Parts } from './package.js';
import { slotMarkdown } from './to-markdown.js';
import { slotTag } from './slot.js';
import { allSlots } from './package.js';

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
  const body = documentXml.includes(`w:val="${slotTag(source.unitId, '')}`) ? bodyOf(documentXml) : undefined;
  const keys: string[] = [];
  let xml = documentXml;
  if (body) {
    const ctx = packageContext(parts);
    const anchors = new Map<string, { before: string; after: string }>();
    const blocks = bodyBlocks(body.children);
    const textAt = (from: number, step: 1 | -1): string => {
      for (let k = from; k >= 0 && k < blocks.length; k += step) {
        const b = blocks[k]!;
        if (b.kind === 'block' && b.text !== '') return b.text.slice(0, ANCHOR_LENGTH);
      }
      return '';
    };
    blocks.forEach((b, k) => {
      if (b.kind === 'slot') anchors.set(b.key, { before: textAt(k - 1, -1), after: textAt(k + 1, 1) });
    });
    for (const slot of allSlots(body)) {
      if (slot.unitId !== source.unitId || keys.includes(slot.key)) continue;
      keys.push(slot.key);
      const hash = textHash(slotMarkdown(slotContent(slot.element), ctx).markdown);
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
