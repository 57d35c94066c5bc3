/**
 * `rapport init`: writes a commented starter configuration (templates/rapport.config.yaml); with `--from MAPP`, a
 * configuration made from the exports in that folder (init-from.ts); with `--layout NAMN`, also a copy of that
 * bundled layout (templates/layouts/NAMN.yaml) as layout.yaml, named by the configuration's report.layout.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { BUILTIN_TEMPLATES } from '../../pipeline/paths.js';
import { publishFiles, PublishError } from '../../io/atomic-write.js';
import { DEFAULT_CONFIG_FILE } from '../../config/load-config.js';
import { createReporter, printJson } from '../output.js';
import { bundledLayoutFile, bundledLayoutNames, isBundledName } from '../../pipeline/layout.js';
import { didYouMean } from '../../messages/suggest.js';
import { EXIT, exitCode, type ExitCode } from '../exit-codes.js';

export async function init(opts: { file?: string; force?: boolean; json?: boolean; from?: string; layout?: string }): Promise<ExitCode> {
  if (opts.from !== undefined && opts.layout !== undefined) {
    const rep = createReporter(!!opts.json);
    const message = 'Ange --layout utan --from: skapa först konfigurationen med --from och kopiera sedan en layout med "rapport init --layout NAMN --file ny.config.yaml", eller ange report.layout: NAMN i konfigurationen.';
    if (rep.json) printJson({ command: 'init', status: 'error', exitCode: EXIT.usage, files: [], diagnostics: [], counts: {}, message });
    else rep.info(message);
    return EXIT.usage;
  }
  if (opts.from !== undefined) {
    // Loaded only when used: it brings the readers and the pipeline along.
    const { initFrom } = await import('./init-from.js');
    return initFrom({ ...opts, from: opts.from, file: opts.file ?? DEFAULT_CONFIG_FILE });
  }
  const rep = createReporter(!!opts.json);
  const target = path.resolve(opts.file ?? DEFAULT_CONFIG_FILE);
  const rel = path.relative(process.cwd(), target) || target;
  // With --layout NAME the bundled layout is copied beside the configuration, which names it (docs/layout.md).
  const layoutTarget = path.join(path.dirname(target), LAYOUT_FILE);
  const layoutRel = path.relative(process.cwd(), layoutTarget) || layoutTarget;
  const written = opts.layout !== undefined ? [rel, layoutRel] : [rel];
  const report = (exitCode: ExitCode, message: string) => {
    if (rep.json) printJson({ command: 'init', status: exitCode === 0 ? 'ok' : 'error', exitCode, files: exitCode === 0 ? written : [], diagnostics: [], counts: {}, message });
    else if (exitCode === 0) rep.success(message);
    else rep.info(message);
    return exitCode;
  };
  if (existsSync(target) && !opts.force) {
    return report(exitCode({ diagnostics: [], failure: 'cannot-create' }), `${rel} finns redan. Använd --force för att skriva över den.`);
  }
  let text = await readFile(path.join(BUILTIN_TEMPLATES, 'rapport.config.yaml'), 'utf8');
  const files = [{ path: target, bytes: text }];
  if (opts.layout !== undefined) {
    const known = await bundledLayoutNames();
    if (!isBundledName(opts.layout) || !known.includes(opts.layout)) {
      return report(exitCode({ diagnostics: [], failure: 'usage' }), `Det finns ingen inbyggd layout som heter "${opts.layout}".${didYouMean(opts.layout, known)} Inbyggda layouter: ${known.join(', ')}.`);
    }
    if (existsSync(layoutTarget) && !opts.force) {
      return report(exitCode({ diagnostics: [], failure: 'cannot-create' }), `${layoutRel} finns redan. Använd --force för att skriva över den.`);
    }
    text = withLayoutSetting(text, LAYOUT_FILE, opts.layout);
    files[0] = { path: target, bytes: text };
    files.push({ path: layoutTarget, bytes: await readFile(bundledLayoutFile(opts.layout), 'utf8') });
  }
  try {
    await publishFiles(files);
  } catch (e) {
    if (e instanceof PublishError) return report(exitCode({ diagnostics: [], failure: 'cannot-create' }), e.message);
    throw e;
  }
  const layoutNote = opts.layout !== undefined ? ` och ${layoutRel} (layouten ${opts.layout}, se docs/layout.md)` : '';
  return report(EXIT.ok, `Skrev ${rel}${layoutNote}. Ange sökvägarna till era exporter och kör "rapport validate".`);
}

const LAYOUT_FILE = 'layout.yaml';

/** The starter configuration with `report.layout` naming the copied layout file (after `unitLevels`). */
export function withLayoutSetting(config: string, file: string, from: string): string {
  const lines = config.split('\n');
  const at = lines.findIndex((l) => /^\s+unitLevels:/.test(l));
  if (at < 0) throw new Error('Startkonfigurationen saknar report.unitLevels.');
  const indent = /^(\s+)/.exec(lines[at]!)![1]!;
  lines.splice(at + 1, 0, `${indent}layout: ${file}            # rapportens layout (docs/layout.md), kopierad från den inbyggda layouten ${from}`);
  return lines.join('\n');
}
