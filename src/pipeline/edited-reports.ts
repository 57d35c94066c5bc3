/**
 * `generate` never destroys writing: before a run replaces a Word report, it reads the report already there. A report
 * whose text slots differ from what was generated (their hashes are in the document's custom properties), that has
 * tracked changes in a slot, or whose slots can no longer be found, has been written in; so has, as far as anyone can
 * tell, a .docx without rapport's properties (made by hand or by an older version). Each such file is an error
 * (`generate.report-edited`, `generate.report-unknown`: exit 73) unless the user asks to `--overwrite`.
 */
import { readFile } from 'node:fs/promises';
import { readTextFile } from '../io/read-source.js';
import path from 'node:path';
import { diag } from '../messages/index.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type * as DocxModule from '../render/docx/index.js';

/**
 * The Word reader, loaded when there is a Word report to read: it brings the `docx` library and the zip code, which a
 * run that writes no Word files (or writes them into an empty folder) never needs.
 */
let docx: Promise<typeof DocxModule> | null = null;
const loadDocx = (): Promise<typeof DocxModule> => (docx ??= import('../render/docx/index.js'));

/**
 * The existing Word files among a run's outputs that someone has written in (one diagnostic each). A slot whose text
 * is already in its narrative file (`rapport texts import` has read it) loses nothing and does not count.
 */
export async function editedReports(outputs: readonly { readonly path: string }[], narrativeDir: string | undefined): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const o of outputs) {
    if (!o.path.toLowerCase().endsWith('.docx')) continue;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(o.path));
    } catch {
      continue; // not there (or not readable): nothing to keep
    }
    const file = path.relative(process.cwd(), o.path) || o.path;
    const what = await editedWhat(bytes, narrativeDir);
    if (what === null) continue;
    out.push(what.unknown ? diag('generate.report-unknown', { file }, { file }) : diag('generate.report-edited', { file, what: what.text, period: what.period }, { file }));
  }
  return out;
}

/** What was changed in a report, in Swedish; null when it is as generated. */
async function editedWhat(bytes: Uint8Array, narrativeDir: string | undefined): Promise<{ unknown: false; text: string; period: string } | { unknown: true } | null> {
  const { readReportDocument, ReportDocumentError } = await loadDocx();
  let doc;
  let refused;
  try {
    doc = readReportDocument(bytes, 'accept');
    refused = new Map(readReportDocument(bytes, 'reject').slots.map((s) => [s.key, s.markdown]));
  } catch (e) {
    if (e instanceof ReportDocumentError) return { unknown: true };
    throw e;
  }
  // A slot written in loses nothing when its text (with its tracked changes accepted or refused) is in its file.
  const changed: string[] = [];
  for (const s of doc.slots) {
    if (!s.edited && s.revisions === 0) continue;
    const inFile = narrativeDir === undefined ? null : await narrativeText(path.join(narrativeDir, doc.unitId, `${s.key}.md`));
    if (inFile !== null && (inFile === s.markdown || inFile === refused.get(s.key))) continue;
    changed.push(`"${s.title}"`);
  }
  const lost = doc.missing.map((s) => `"${s.title}"`);
  const parts: string[] = [];
  if (changed.length > 0) parts.push(`${changed.length === 1 ? 'texten' : 'texterna'} ${changed.join(', ')}`);
  if (lost.length > 0) parts.push(`${lost.length === 1 ? 'textfältet' : 'textfälten'} ${lost.join(', ')} går inte att hitta`);
  return parts.length === 0 ? null : { unknown: false, text: parts.join('; '), period: doc.period };
}

/** A narrative file's text as the import writes it (without its final newline); null when there is none. */
async function narrativeText(file: string): Promise<string | null> {
  const text = await readTextFile(file);
  return text === null ? null : text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\n+$/, '');
}
