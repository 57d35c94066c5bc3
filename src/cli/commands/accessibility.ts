/**
 * `rapport accessibility FIL`: checks any .docx (our reports, or an organisation's own template) against the
 * accessibility rules the law requires of published documents: language, title, heading order, alt text, table
 * header rows, status not by colour alone, contrast.
 */
import { readFile } from 'node:fs/promises';
import { checkAccessibility } from '../../accessibility/index.js';
import { Diagnostics } from '../../model/diagnostics.js';
import { createReporter, printJson } from '../output.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { countsOf } from '../common.js';
import { diag } from '../../messages/index.js';

export async function accessibility(file: string, opts: { json?: boolean; strict?: boolean }): Promise<ExitCode> {
  const rep = createReporter(!!opts.json);
  const diags = new Diagnostics();
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    diags.add(diag('source.missing', { file }, { file }));
    if (rep.json) printJson({ command: 'accessibility', status: 'error', exitCode: EXIT.noInput, diagnostics: diags.all, counts: countsOf(diags) });
    else rep.summary(diags);
    return EXIT.noInput;
  }
  for (const f of checkAccessibility(bytes)) {
    diags.add({ code: f.code, severity: f.severity, message: f.part ? `${f.message} (del: ${f.part})` : f.message, location: { file } });
  }
  const failed = diags.all.some((d) => d.severity === 'error' || (opts.strict && d.severity === 'warning'));
  const exitCode = failed ? EXIT.dataError : EXIT.ok;
  if (rep.json) printJson({ command: 'accessibility', status: failed ? 'error' : 'ok', exitCode, diagnostics: diags.all, counts: countsOf(diags) });
  else {
    rep.summary(diags);
    if (!failed) rep.success(`${file}: inga tillgänglighetsfel hittades.`);
  }
  return exitCode;
}
