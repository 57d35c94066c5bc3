/**
 * `rapport texts import`: the texts people wrote in Word reports, back into the narrative files
 * (`<narrative>/<unit id>/<key>.md`, the folder `generate` reads them from; `narratives.ts`).
 *
 * For each document: it must be a report rapport made (its custom properties name unit and period), for the period
 * asked (and the unit, when one is asked). For each of its text slots whose text differs from what was generated:
 * - tracked changes are all accepted or all refused (`--changes`); without that choice a slot with tracked changes
 *   is an error;
 * - the narrative file must be as it was when the document was generated (its hash is in the document), or the
 *   user must `--force`: otherwise a text written in the file since would be lost;
 * - the text is written as Markdown. Slots whose text is as generated are left alone.
 * Nothing is written when anything is an error. The plan lists what was taken from where.
 */
import path from 'node:path';
import { diag } from '../messages/index.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { readInputFile, readTextFile } from '../io/read-source.js';
import { fileHash, readReportDocument, ReportDocumentError, type RevisionChoice } from '../render/docx/index.js';

export interface ImportOptions {
  /** The folder of narrative files (absolute). */
  readonly narrativeDir: string;
  /** How the folder is shown in messages ("berattelser"). */
  readonly narrativeLabel: string;
  /** "2024-08" */
  readonly period: string;
  readonly unit?: string;
  readonly changes?: RevisionChoice;
  readonly force: boolean;
}

export interface ImportedText {
  readonly unitId: string;
  readonly key: string;
  readonly title: string;
  /** The document as the user named it. */
  readonly from: string;
  /** How the slot was found: its content control, or the paragraphs around it. */
  readonly via: 'control' | 'anchors';
  /** The narrative file written (absolute) and as shown. */
  readonly path: string;
  readonly shown: string;
  readonly markdown: string;
}

export interface ImportPlan {
  readonly texts: readonly ImportedText[];
  /** Slots whose text is as generated: nothing to write. */
  readonly unchanged: number;
  readonly diagnostics: readonly Diagnostic[];
}

const SAFE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

/** Reads the documents and works out which narrative files to write; writes nothing. */
export async function planTextImport(files: readonly string[], options: ImportOptions): Promise<ImportPlan> {
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, ImportedText>();
  let unchanged = 0;
  for (const file of files) {
    const read = await readInputFile(path.resolve(file), file);
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    let doc;
    try {
      doc = readReportDocument(read.input.bytes, options.changes ?? 'accept');
    } catch (e) {
      if (!(e instanceof ReportDocumentError)) throw e;
      diagnostics.push(diag(e.reason === 'unreadable' ? 'texts.import.unreadable' : 'texts.import.not-a-report', { file, detail: e.message }, { file }));
      continue;
    }
    if (doc.period !== options.period) {
      diagnostics.push(diag('texts.import.other-period', { file, found: doc.period, period: options.period }, { file }));
      continue;
    }
    if (options.unit !== undefined && doc.unitId !== options.unit) {
      diagnostics.push(diag('texts.import.other-unit', { file, found: doc.unitId, unit: options.unit }, { file }));
      continue;
    }
    const badName = [doc.unitId, ...doc.slots.map((s) => s.key), ...doc.missing.map((s) => s.key)].find((n) => !SAFE_NAME.test(n) || n.includes('..'));
    if (badName !== undefined) {
      diagnostics.push(diag('texts.import.bad-name', { file, name: badName }, { file }));
      continue;
    }
    const unitDir = path.join(options.narrativeDir, doc.unitId);
    const shownOf = (key: string) => path.join(options.narrativeLabel, doc.unitId, `${key}.md`);
    for (const m of doc.missing) {
      diagnostics.push(diag('texts.import.slot-not-found', { title: m.title, key: m.key, file, anchor: m.anchor, path: shownOf(m.key) }, { file }));
    }
    for (const slot of doc.slots) {
      const shown = shownOf(slot.key);
      const base = { title: slot.title, key: slot.key, file };
      if (slot.comments > 0) diagnostics.push(diag('texts.import.comments-dropped', { ...base, count: slot.comments }, { file }));
      for (const what of slot.dropped) diagnostics.push(diag('texts.import.content-dropped', { ...base, what: DROPPED_WORDS[what] ?? what }, { file }));
      if (slot.revisions > 0 && options.changes === undefined) {
        diagnostics.push(diag('texts.import.revisions', { ...base, count: slot.revisions }, { file }));
        continue;
      }
      if (!slot.edited) {
        unchanged++;
        continue;
      }
      const target = path.join(unitDir, `${slot.key}.md`);
      const current = await readTextFile(target);
      const now = current === null ? null : current.replace(/^\uFEFF/, '');
      if (!options.force && fileHash(now) !== slot.recorded.fileHash) {
        diagnostics.push(diag('texts.import.file-changed', { ...base, path: shown }, { file: shown }));
        continue;
      }
      const id = `${doc.unitId}/${slot.key}`;
      const earlier = texts.get(id);
      if (earlier && earlier.markdown !== slot.markdown) {
        diagnostics.push(diag('texts.import.duplicate', { title: slot.title, key: slot.key, unit: doc.unitId, first: earlier.from, second: file }, { file }));
        continue;
      }
      texts.set(id, { unitId: doc.unitId, key: slot.key, title: slot.title, from: file, via: slot.via, path: target, shown, markdown: slot.markdown });
    }
  }
  return { texts: [...texts.values()], unchanged, diagnostics };
}

const DROPPED_WORDS: Readonly<Record<string, string>> = { bild: 'bilder', fotnot: 'fotnoter', formel: 'formler' };

/** A narrative file's content: the Markdown and a final newline (an empty text stays empty). */
export function narrativeFileText(markdown: string): string {
  return markdown === '' ? '' : `${markdown}\n`;
}
