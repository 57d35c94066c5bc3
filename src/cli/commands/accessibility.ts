/**
 * `rapport accessibility FIL`: checks any .docx (our reports, or an organisation's own template) against the
 * accessibility rules the law requires of published documents: language, title, heading order, alt text, table
 * header rows, status not by colour alone, contrast.
 */
import path from 'node:path';
import { readInputFile } from '../../io/read-source.js';
import { checkAccessibility } from '../../accessibility/index.js';
import { Diagnostics } from '../../model/diagnostics.js';
import { createReporter, printJson } from '../output.js';
import { EXIT, exitCode, type ExitCode } from '../exit-codes.js';
import { countsOf } from '../common.js';

export async function accessibility(file: string, opts: { json?: boolean; strict?: boolean }): Promise<ExitCode> {
  const rep = createReporter(!!opts.json);
  const diags = new Diagnostics();
  const read = await readInputFile(path.resolve(file), file);
  if (!read.ok) {
    diags.add(read.diagnostic);
    const code = exitCode({ diagnostics: diags.all });
    if (rep.json) printJson({ command: 'accessibility', status: 'error', exitCode: code, diagnostics: diags.all, counts: countsOf(diags) });
    else rep.summary(diags);
    return code;
  }
  for (const f of checkAccessibility(read.input.bytes)) {
    diags.add({ code: f.code, severity: f.severity, message: f.part ? `${f.message} (del: ${f.part})` : f.message, location: { file } });
  }
  const code = exitCode({ diagnostics: diags.all, strict: !!opts.strict });
  const failed = code !== EXIT.ok;
  if (rep.json) printJson({ command: 'accessibility', status: failed ? 'error' : 'ok', exitCode: code, diagnostics: diags.all, counts: countsOf(diags) });
  else {
    rep.summary(diags);
    if (!failed) rep.success(`${file}: inga tillgänglighetsfel hittades.`);
  }
  return code;
}
