/**
 * Reading a generated (and perhaps edited) Word report back: which unit and period it is for, and the text in each of
 * its slots as Markdown. A slot is found by its content control; where a client has dropped the controls, by the
 * paragraphs recorded around it (its heading before it, the next heading or table after it). A slot found neither
 * way is listed as missing, with its title and the anchor that was not found.
 */
import { openTemplatePackage, TemplatePackageError } from '../template/package.js';
import { XmlSyntaxError, type XNode } from '../template/xml.js';
import { allSlots, ANCHOR_LENGTH, bodyBlocks, bodyOf, CUSTOM_PART, packageContext, partText, readCustomProperties, showsPlaceholder, slotContent, textHash } from './package.js';
import { slotMarkdown, type RevisionChoice } from './to-markdown.js';

/** What the document recorded about a slot when it was generated. */
export interface RecordedSlot {
  readonly key: string;
  readonly title: string;
  /** Hash of the slot's text as generated. */
  readonly generatedHash: string;
  /** Hash of the narrative file the text came from ("-": there was none). */
  readonly fileHash: string;
  readonly before: string;
  readonly after: string;
}

export interface FoundSlot {
  readonly key: string;
  readonly title: string;
  /** How it was found: its content control, or the paragraphs around it. */
  readonly via: 'control' | 'anchors';
  readonly markdown: string;
  /** The text differs from what was generated. */
  readonly edited: boolean;
  readonly revisions: number;
  readonly comments: number;
  readonly dropped: readonly string[];
  readonly recorded: RecordedSlot;
}

export interface MissingSlot {
  readonly key: string;
  readonly title: string;
  /** The recorded paragraph that was not found ("" when the slot had none recorded). */
  readonly anchor: string;
}

export interface ReportDocument {
  readonly unitId: string;
  readonly period: string;
  readonly slots: readonly FoundSlot[];
  readonly missing: readonly MissingSlot[];
}

/** Why a file cannot be read as a rapport report. */
export class ReportDocumentError extends Error {
  constructor(
    readonly reason: 'unreadable' | 'not-a-report',
    detail: string,
  ) {
    super(detail);
  }
}

/** Reads a report's slots. Throws ReportDocumentError when the file is no Word file or was not made by rapport. */
export function readReportDocument(bytes: Uint8Array, revisions: RevisionChoice = 'accept'): ReportDocument {
  let parts: Map<string, Uint8Array>;
  try {
    parts = openTemplatePackage(bytes).files;
  } catch (e) {
    if (e instanceof TemplatePackageError) throw new ReportDocumentError('unreadable', e.detail);
    throw e;
  }
  const props = readCustomProperties(partText(parts, CUSTOM_PART));
  const unitId = props.get('rapport.enhet');
  const period = props.get('rapport.period');
  if (props.get('rapport.format') === undefined || unitId === undefined || period === undefined) {
    throw new ReportDocumentError('not-a-report', 'dokumentet saknar rapports uppgifter om enhet och period');
  }
  const recorded: RecordedSlot[] = (props.get('rapport.texter') ?? '')
    .split(',')
    .filter((k) => k !== '')
    .map((key) => {
      const [generatedHash = '', fileHash = '-'] = (props.get(`rapport.text.${key}`) ?? '').split(';');
      return { key, title: props.get(`rapport.rubrik.${key}`) ?? key, generatedHash, fileHash, before: props.get(`rapport.fore.${key}`) ?? '', after: props.get(`rapport.efter.${key}`) ?? '' };
    });

  let body;
  try {
    body = bodyOf(partText(parts, 'word/document.xml') ?? '');
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new ReportDocumentError('unreadable', `word/document.xml är inte giltig XML (${e.message})`);
    throw e;
  }
  if (!body) throw new ReportDocumentError('unreadable', 'dokumentet saknar brödtext (word/document.xml)');
  const ctx = packageContext(parts);

  const controls = new Map<string, { content: XNode[]; placeholder: boolean }>();
  for (const s of allSlots(body)) if (s.unitId === unitId && !controls.has(s.key)) controls.set(s.key, { content: slotContent(s.element), placeholder: showsPlaceholder(s.element) });

  const slots: FoundSlot[] = [];
  const missing: MissingSlot[] = [];
  const blocks = bodyBlocks(body.children);
  let cursor = 0;
  const anchorAt = (anchor: string, from: number): number => {
    for (let k = from; k < blocks.length; k++) {
      const b = blocks[k]!;
      if (b.kind === 'block' && b.text.slice(0, ANCHOR_LENGTH) === anchor) return k;
    }
    return -1;
  };
  const lastAnchorBefore = (anchor: string, end: number, from: number): number => {
    for (let k = end - 1; k >= Math.max(0, from - 1); k--) {
      const b = blocks[k]!;
      if (b.kind === 'block' && b.text.slice(0, ANCHOR_LENGTH) === anchor) return k;
    }
    return -1;
  };
  for (const r of recorded) {
    const control = controls.get(r.key);
    let content: XNode[] | undefined;
    let via: FoundSlot['via'] = 'control';
    if (control) {
      content = control.placeholder ? [] : control.content;
      const at = blocks.findIndex((b) => b.kind === 'slot' && b.key === r.key);
      if (at >= 0) cursor = at + 1;
    } else {
      // The control is gone: the slot is what lies between the paragraphs recorded around it: the first paragraph
      // after the previous slot that reads as the one after it, and the last before that which reads as the one
      // before it (a table note may be repeated; a heading is not).
      const end = r.after === '' ? blocks.length : anchorAt(r.after, cursor);
      if (end < 0) {
        missing.push({ key: r.key, title: r.title, anchor: r.after });
        continue;
      }
      const start = r.before === '' ? cursor - 1 : lastAnchorBefore(r.before, end, cursor);
      if (r.before !== '' && start < 0) {
        missing.push({ key: r.key, title: r.title, anchor: r.before });
        continue;
      }
      content = blocks.slice(start + 1, end).flatMap((b) => (b.kind === 'block' ? [b.element] : slotContent(b.element)));
      via = 'anchors';
      cursor = end;
    }
    const text = slotMarkdown(content, ctx, revisions);
    slots.push({
      key: r.key,
      title: r.title,
      via,
      markdown: text.markdown,
      edited: textHash(text.markdown) !== r.generatedHash,
      revisions: text.revisions,
      comments: text.comments,
      dropped: text.dropped,
      recorded: r,
    });
  }
  return { unitId, period, slots, missing };
}
