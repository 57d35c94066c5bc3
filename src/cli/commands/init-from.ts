/**
 * `rapport init --from MAPP`: reads the exports in a folder, writes a configuration for them (src/setup/), then
 * runs the checks of `rapport validate` on it and says what was recognised and what is left to decide.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { publishFiles, PublishError } from '../../io/atomic-write.js';
import { loadConfig } from '../../config/load-config.js';
import { runPipeline } from '../../pipeline/run.js';
import { Diagnostics, type Diagnostic, type Failure } from '../../model/diagnostics.js';
import type { SourceInput } from '../../model/records.js';
import { diag } from '../../messages/index.js';
import { inspectExports, renderConfig, type Findings } from '../../setup/index.js';
import { createReporter, printJson, type Reporter } from '../output.js';
import { exitCode as exitCodeOf, type ExitCode } from '../exit-codes.js';
import { countsOf, publishFailure } from '../common.js';

const EXPORT_FILE = /\.(csv|txt|tsv|skv|xlsx|xlsm)$/i;
/** Folders not looked into: hidden ones, and reports a previous run wrote. */
const SKIP_DIR = /^(\.|node_modules$|rapporter$)/;
const MAX_DEPTH = 4;

async function listExports(dir: string, depth = 0): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name, 'sv'))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIR.test(e.name) && depth < MAX_DEPTH) out.push(...(await listExports(full, depth + 1)));
    } else if (e.isFile() && EXPORT_FILE.test(e.name) && !e.name.startsWith('~$')) out.push(full);
  }
  return out;
}

/** A path as written in the config: relative to the config's folder, with forward slashes. */
function relativeTo(configDir: string, file: string): string {
  const rel = path.relative(configDir, file);
  return (rel === '' || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

function printFindings(rep: Reporter, f: Findings): void {
  rep.info('Igenkänt:');
  for (const file of f.files) {
    const name = file.sheet ? `${file.file}, blad ${file.sheet}` : file.file;
    if (!file.role) continue;
    rep.info(`  ${name} → ${file.roleLabel}${file.used ? '' : ' (används inte, se nedan)'}`);
    for (const c of file.columns) rep.info(`      ${c.header} → ${c.label}${c.check ? ' (kontrollera)' : ''}`);
  }
  if (f.levels && f.levels.levels.length > 0) rep.info(`  Organisationens nivåer, lägst först: ${f.levels.levels.join(', ')}.`);
}

export interface InitFromOptions {
  readonly from: string;
  readonly file: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

export async function initFrom(opts: InitFromOptions): Promise<ExitCode> {
  const rep = createReporter(!!opts.json);
  const target = path.resolve(opts.file);
  const rel = path.relative(process.cwd(), target) || target;
  const folder = path.resolve(opts.from);
  const fail = (failure: Failure, d: Diagnostic): ExitCode => {
    const exitCode = exitCodeOf({ diagnostics: [d], failure });
    if (rep.json) printJson({ command: 'init', status: 'error', exitCode, files: [], diagnostics: [d], counts: { [d.code]: 1 } });
    else rep.diagnostic(d);
    return exitCode;
  };
  if (!(await stat(folder).then((s) => s.isDirectory(), () => false))) return fail('missing-input', diag('setup.no-folder', { folder: opts.from }));
  if (existsSync(target) && !opts.force) {
    return fail('cannot-create', diag('setup.config-exists', { file: rel }));
  }
  const paths = await listExports(folder);
  if (paths.length === 0) return fail('missing-input', diag('setup.no-exports', { folder: opts.from }));
  const configDir = path.dirname(target);
  const inputs: SourceInput[] = [];
  for (const p of paths) {
    const buf = await readFile(p);
    inputs.push({ bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), displayName: relativeTo(configDir, p) });
  }
  if (!rep.json) rep.info(`Läser ${inputs.length} exporter i ${opts.from} …`);
  const findings = await inspectExports(inputs);
  try {
    await publishFiles([{ path: target, bytes: renderConfig(findings, opts.from) }]);
  } catch (e) {
    if (e instanceof PublishError) return fail(publishFailure(e), diag('setup.config-unwritable', { file: rel, detail: e.message }));
    throw e;
  }

  // The same checks as `rapport validate` on what was written.
  const checks = new Diagnostics();
  let exitCode: ExitCode;
  const loaded = await loadConfig(target);
  if (!loaded.ok) {
    checks.addAll(loaded.diagnostics);
    exitCode = exitCodeOf({ diagnostics: checks.all, failure: loaded.missing ? 'missing-input' : 'config' });
  } else {
    const result = await runPipeline(loaded.value, null);
    checks.addAll(result.diagnostics.all);
    exitCode = exitCodeOf({ diagnostics: checks.all });
  }

  if (rep.json) {
    const all = new Diagnostics();
    all.addAll([...findings.diagnostics, ...checks.all]);
    printJson({
      command: 'init',
      status: exitCode === 0 ? 'ok' : 'error',
      exitCode,
      files: [rel],
      recognised: findings.files,
      levels: findings.levels?.levels ?? [],
      diagnostics: all.all,
      counts: countsOf(all),
    });
    return exitCode;
  }
  rep.success(`Skrev ${rel}.`);
  printFindings(rep, findings);
  const toDecide = findings.diagnostics.filter((d) => d.severity !== 'info');
  if (toDecide.length > 0) {
    rep.info('Att kontrollera eller bestämma:');
    for (const d of toDecide) rep.diagnostic(d);
  }
  for (const d of findings.diagnostics.filter((x) => x.severity === 'info')) rep.diagnostic(d);
  rep.info('Kontroll av konfigurationen (som rapport validate):');
  rep.summary(checks);
  if (exitCode === 0) rep.success(`Alla källor är lästa och kontrollerade utan fel. Nästa steg: rapport generate --period ÅÅÅÅ-MM${opts.file !== 'rapport.config.yaml' ? ` --config ${rel}` : ''}`);
  return exitCode;
}
