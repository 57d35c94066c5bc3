/**
 * `rapport init`: writes a commented starter configuration (templates/rapport.config.yaml); with `--from MAPP`, a
 * configuration made from the exports in that folder (init-from.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { BUILTIN_TEMPLATES } from '../../pipeline/paths.js';
import { publishFiles, PublishError } from '../../io/atomic-write.js';
import { DEFAULT_CONFIG_FILE } from '../../config/load-config.js';
import { createReporter, printJson } from '../output.js';
import { EXIT, exitCode, type ExitCode } from '../exit-codes.js';

export async function init(opts: { file?: string; force?: boolean; json?: boolean; from?: string }): Promise<ExitCode> {
  if (opts.from !== undefined) {
    // Loaded only when used: it brings the readers and the pipeline along.
    const { initFrom } = await import('./init-from.js');
    return initFrom({ ...opts, from: opts.from, file: opts.file ?? DEFAULT_CONFIG_FILE });
  }
  const rep = createReporter(!!opts.json);
  const target = path.resolve(opts.file ?? DEFAULT_CONFIG_FILE);
  const rel = path.relative(process.cwd(), target) || target;
  const report = (exitCode: ExitCode, message: string) => {
    if (rep.json) printJson({ command: 'init', status: exitCode === 0 ? 'ok' : 'error', exitCode, files: exitCode === 0 ? [rel] : [], diagnostics: [], counts: {}, message });
    else if (exitCode === 0) rep.success(message);
    else rep.info(message);
    return exitCode;
  };
  if (existsSync(target) && !opts.force) {
    return report(exitCode({ diagnostics: [], failure: 'cannot-create' }), `${rel} finns redan. Använd --force för att skriva över den.`);
  }
  const text = await readFile(path.join(BUILTIN_TEMPLATES, 'rapport.config.yaml'), 'utf8');
  try {
    await publishFiles([{ path: target, bytes: text }]);
  } catch (e) {
    if (e instanceof PublishError) return report(exitCode({ diagnostics: [], failure: 'cannot-create' }), e.message);
    throw e;
  }
  return report(EXIT.ok, `Skrev ${rel}. Ange sökvägarna till era exporter och kör "rapport validate".`);
}
