/**
 * `rapport template init [FIL]` writes a starter Word template with every kind of placeholder;
 * `rapport template check FIL` lists what would go wrong when a report is filled into it: unknown placeholders and
 * helpers, unbalanced braces, missing styles, accessibility problems.
 */
import path from 'node:path';
import { templateCheck, templateInit, findingToDiagnostic, DEFAULT_TEMPLATE_FILE } from '../../template/index.js';
import { PublishError } from '../../io/atomic-write.js';
import { readInputFile } from '../../io/read-source.js';
import { Diagnostics } from '../../model/diagnostics.js';
import { createReporter, printJson } from '../output.js';
import { EXIT, exitCode, type ExitCode } from '../exit-codes.js';
import { countsOf, publishFailure } from '../common.js';

export async function templateInitCommand(file: string | undefined, opts: { force?: boolean; json?: boolean }): Promise<ExitCode> {
  const rep = createReporter(!!opts.json);
  const target = file ?? DEFAULT_TEMPLATE_FILE;
  const done = (exitCode: ExitCode, message: string) => {
    if (rep.json) printJson({ command: 'template init', status: exitCode === 0 ? 'ok' : 'error', exitCode, files: exitCode === 0 ? [target] : [], diagnostics: [], counts: {}, message });
    else if (exitCode === 0) rep.success(message);
    else rep.info(message);
    return exitCode;
  };
  try {
    const r = await templateInit(target, { force: !!opts.force });
    if (!r.ok) return done(exitCode({ diagnostics: [], failure: 'cannot-create' }), `${path.relative(process.cwd(), r.path) || r.path} finns redan. Använd --force för att skriva över den.`);
    return done(EXIT.ok, `Skrev ${path.relative(process.cwd(), r.path) || r.path}. Öppna den i Word, anpassa utseendet och kontrollera den med "rapport template check".`);
  } catch (e) {
    if (e instanceof PublishError) return done(exitCode({ diagnostics: [], failure: publishFailure(e) }), e.message);
    throw e;
  }
}

export async function templateCheckCommand(file: string, opts: { json?: boolean }): Promise<ExitCode> {
  const rep = createReporter(!!opts.json);
  const diags = new Diagnostics();
  const read = await readInputFile(path.resolve(file), file);
  if (!read.ok) diags.add(read.diagnostic);
  else diags.addAll(templateCheck(read.input.bytes, path.basename(file)).map(findingToDiagnostic));
  // Every error in a template, its accessibility included, is an error in the configuration.
  const code = exitCode({ diagnostics: diags.all, failure: read.ok && diags.hasErrors ? 'config' : undefined });
  if (rep.json) printJson({ command: 'template check', status: code === 0 ? 'ok' : 'error', exitCode: code, diagnostics: diags.all, counts: countsOf(diags) });
  else {
    rep.summary(diags);
    if (code === 0) rep.success(`${file}: mallen går att använda${diags.all.length > 0 ? ' (se varningarna ovan)' : ''}.`);
  }
  return code;
}
