/**
 * `rapport template init [FIL]` writes a starter Word template with every kind of placeholder;
 * `rapport template check FIL` lists what would go wrong when a report is filled into it: unknown placeholders and
 * helpers, unbalanced braces, missing styles, accessibility problems.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { templateCheck, templateCheckExitCode, templateInit, findingToDiagnostic, DEFAULT_TEMPLATE_FILE } from '../../template/index.js';
import { PublishError } from '../../io/atomic-write.js';
import { Diagnostics } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import { createReporter, printJson } from '../output.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { countsOf } from '../common.js';

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
    if (!r.ok) return done(EXIT.cantCreate, `${path.relative(process.cwd(), r.path) || r.path} finns redan. Använd --force för att skriva över den.`);
    return done(EXIT.ok, `Skrev ${path.relative(process.cwd(), r.path) || r.path}. Öppna den i Word, anpassa utseendet och kontrollera den med "rapport template check".`);
  } catch (e) {
    if (e instanceof PublishError) return done(e.kind === 'create' ? EXIT.cantCreate : e.kind === 'locked' ? EXIT.tempFail : EXIT.ioError, e.message);
    throw e;
  }
}

export async function templateCheckCommand(file: string, opts: { json?: boolean }): Promise<ExitCode> {
  const rep = createReporter(!!opts.json);
  const diags = new Diagnostics();
  let exitCode: ExitCode;
  let bytes: Uint8Array | null = null;
  try {
    bytes = await readFile(file);
  } catch {
    diags.add(diag('source.missing', { file }, { file }));
  }
  if (bytes === null) exitCode = EXIT.noInput;
  else {
    const findings = templateCheck(bytes, path.basename(file));
    diags.addAll(findings.map(findingToDiagnostic));
    exitCode = templateCheckExitCode(findings);
  }
  if (rep.json) printJson({ command: 'template check', status: exitCode === 0 ? 'ok' : 'error', exitCode, diagnostics: diags.all, counts: countsOf(diags) });
  else {
    rep.summary(diags);
    if (exitCode === 0) rep.success(`${file}: mallen går att använda${diags.all.length > 0 ? ' (se varningarna ovan)' : ''}.`);
  }
  return exitCode;
}
