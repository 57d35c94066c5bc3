/**
 * `rapport generate --period YYYY-MM`: config → pipeline (read, check, compute) → each unit's report and its files,
 * planned through the renderer registry (Word files on the worker pool, PDFs from the Word files) → publish → exit
 * code. Nothing is written unless every step succeeded; then the whole set is published at once, under the output
 * folder's lock (pipeline/publication.ts, io/publish-set.ts; docs/publication.md).
 */
import path from 'node:path';
import type { LoadedConfig } from '../../config/load-config.js';
import { formatPeriod } from '../../model/period.js';
import { DiagnosticError, Diagnostics, type Diagnostic } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import type { OrgNode } from '../../calc/hierarchy.js';
import type { TextTemplates } from '../../report/texts.js';
import { loadLayout } from '../../pipeline/layout.js';
import { checkLayoutAgainstConfig, type LoadedLayout } from '../../config/layout.js';
import type { Layout } from '../../config/layout-schema.js';
import { runPipeline, selectUnits, buildUnitReport, type LoadedData } from '../../pipeline/run.js';
import { loadMarkdownTemplates, loadTextTemplates } from '../../pipeline/templates.js';
import { loadNarratives, missingNarratives } from '../../pipeline/narratives.js';
import { editedReports } from '../../pipeline/edited-reports.js';
import { WordPool, type WordJob, type WordResult } from '../../pipeline/word-pool.js';
import { FORMATS, RENDERERS, type RenderContext, type WordFileRenderer } from '../../render/registry.js';
import type { OutputFile } from '../../io/atomic-write.js';
import { Publication } from '../../pipeline/publication.js';
import type { ArchiveRecord } from '../../pipeline/archive.js';
import { checkRenderedTotals } from '../../pipeline/read-back.js';
import type { ReportModel } from '../../report/model.js';
import { readInputFile } from '../../io/read-source.js';
import { count, createReporter, printJson, reconciliationSection, type Reporter } from '../output.js';
import { EXIT, exitCode, type ExitCode } from '../exit-codes.js';
import { applyStrict, countsOf, parseAllowOption, parsePeriodOption, resolveConfig, UsageError } from '../common.js';

export interface GenerateOptions {
  period?: string;
  config?: string;
  unit?: string;
  out?: string;
  format?: string;
  final?: boolean;
  strict?: boolean;
  json?: boolean;
  template?: string;
  allow?: string[];
  overwrite?: boolean;
}

/** A step's value, or the exit code the run stops with (its diagnostics are already in the run's collector). */
type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly exit: ExitCode };

const stop = (exit: ExitCode): { readonly ok: false; readonly exit: ExitCode } => ({ ok: false, exit });

export async function generate(opts: GenerateOptions): Promise<ExitCode> {
  const rep = createReporter(!!opts.json);
  const period = parsePeriodOption(opts.period, true)!;
  const allow = parseAllowOption(opts.allow);
  const cfg = await resolveConfig(opts.config);
  if (!cfg.ok) return finish(rep, cfg.exit, cfg.diagnostics);
  const formats = chooseFormats(opts.format, cfg.value.config.output.formats);
  // The run's own files (Word template, text templates) first: a missing one stops it before any source is parsed.
  const runFiles = await readRunFiles(cfg.value, opts);
  if (!runFiles.ok) return finish(rep, exitCode({ diagnostics: runFiles.diagnostics.all }), runFiles.diagnostics);

  rep.progress('Läser och kontrollerar källorna …');
  const result = await runPipeline(cfg.value, period, { allow, layout: runFiles.value.layout.layout, ...(opts.unit !== undefined ? { unit: opts.unit } : {}) });
  const diags = applyStrict(result.diagnostics, !!opts.strict);
  const ran = result.reconciled === true;
  if (result.unknownUnit) return finish(rep, exitCode({ diagnostics: diags.all, failure: 'usage' }), diags, ran);
  if (result.missing.length > 0 || !result.data || diags.hasErrors) return finish(rep, exitCode({ diagnostics: diags.all }), diags, ran);

  const run = await prepareRun(cfg.value, result.data, runFiles.value, opts, diags, rep.progress);
  if (!run.ok) return finish(rep, run.exit, diags, ran);
  // The output folder is locked from here to the end (a second run exits 75); the set is published as a whole.
  const pub = await guarded(diags, () => Publication.open(run.value.outDir, cfg.value.dir));
  if (!pub.ok) return finish(rep, pub.exit, diags, ran);
  try {
    diags.addAll(pub.value.diagnostics);
    // Case 81: a closed month whose published utfall changed (a warning; an error under --strict). The restatement is
    // stated in that unit's report, on its title page, final or not (after the findings accepted with --allow).
    const restated = pub.value.closedPeriodChanges(result.data.prepared, run.value.units);
    // Case 80 without a forecast file: the closed months about 1 000 times off the published ones (a warning).
    const ledgerSource = cfg.value.config.sources.ledger;
    const rescaled = pub.value.scaleChange(result.data.prepared, run.value.units, { file: ledgerSource.file, unit: ledgerSource.unit });
    for (const d of [...rescaled, ...restated]) diags.add(opts.strict ? { ...d, severity: 'error' } : d);
    if (diags.hasErrors) return finish(rep, exitCode({ diagnostics: diags.all }), diags, ran);
    // The archive read when the folder was opened: the previous report's forecasts, when the forecast file has none.
    const accepted = run.value.warnings.filter((d) => d.code === 'reconcile.allowed');
    const setting: RunSetting = {
      ...run.value,
      archive: pub.value.previous,
      warnings: [...accepted, ...rescaled, ...restated, ...run.value.warnings.filter((d) => d.code !== 'reconcile.allowed')],
    };
    const files = await renderOutputs(setting, formats, diags);
    if (!files.ok) return finish(rep, files.exit, diags, ran);
    // The documents' total rows, read back from the rendered bytes, must equal the models' (pipeline/read-back.ts).
    diags.addAll(readBackTotals(files.value));
    if (diags.hasErrors) return finish(rep, exitCode({ diagnostics: diags.all }), diags, ran);
    // Never over a report someone has written in (exit 73), unless asked to.
    if (!opts.overwrite) diags.addAll(await editedReports(files.value, setting.narrativeDir));
    if (diags.hasErrors) return finish(rep, exitCode({ diagnostics: diags.all }), diags, ran);
    const identity = { period, configFile: cfg.value.file, configDir: cfg.value.dir, inputs: result.inputs ?? [], options: { final: !!opts.final, unit: opts.unit ?? null, format: formats.join(','), template: opts.template ?? null } };
    const published = await guarded(diags, () => pub.value.publish(files.value, result.data!.prepared, run.value.units, identity));
    return finish(rep, published.ok ? EXIT.ok : published.exit, diags, ran, published.ok ? files.value.map((f) => path.relative(process.cwd(), f.path) || f.path) : []);
  } finally {
    await pub.value.close();
  }
}

/** A publication step: its value, or its diagnostic added to the run's and the exit code of its failure. */
async function guarded<T>(diags: Diagnostics, step: () => Promise<T>): Promise<Step<T>> {
  try {
    return { ok: true, value: await step() };
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    diags.addAll(e.diagnostics);
    return stop(exitCode({ diagnostics: diags.all, failure: e.failure }));
  }
}

/** Prints the outcome (human text or `--json`) and returns the exit code. */
function finish(rep: Reporter, exitCode: ExitCode, diags: Diagnostics, reconciled = false, files: string[] = []): ExitCode {
  if (rep.json) {
    printJson({ command: 'generate', status: exitCode === 0 ? 'ok' : 'error', exitCode, files, diagnostics: diags.all, counts: countsOf(diags), reconciliation: reconciliationSection(diags.all, reconciled) });
  } else {
    rep.summary(diags);
    if (exitCode === 0) {
      for (const f of files) rep.result(`  ${f}`);
      rep.result(`Klart: ${count(files.length, 'fil skriven', 'filer skrivna')}.`);
    } else {
      rep.info('Inga filer skrevs; tidigare rapporter är orörda.');
    }
  }
  return exitCode;
}

/** `--format` (or the config's `output.formats`), each one checked against the registry. */
function chooseFormats(option: string | undefined, configured: readonly string[]): string[] {
  const formats = (option ?? configured.join(',')).split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of formats) {
    if (!FORMATS.includes(f)) throw new UsageError(`Okänt format "${f}". Möjliga format: ${FORMATS.join(', ')}.`);
  }
  return formats;
}

/** Everything the units' reports are made from, besides the pipeline's data. */
interface RunSetting {
  readonly loaded: LoadedConfig;
  /** The pipeline's data; it carries the period, parsed once. */
  readonly data: LoadedData;
  readonly final: boolean;
  readonly units: readonly OrgNode[];
  readonly texts: TextTemplates;
  readonly layout: Layout;
  readonly render: RenderContext;
  readonly narrativeDir: string | undefined;
  readonly outDir: string;
  /** The run's warnings, for the reports' caveats (none in a final report). */
  readonly warnings: readonly Diagnostic[];
  /** The organisation's own Word template, when one is named: it replaces the default layout for docx and pdf. */
  readonly template: WordJob['template'];
  /** Tells the user where the run has got to (stderr; nothing with --json). */
  readonly progress: (text: string) => void;
  /** The output folder's archive of published figures (pipeline/archive.ts), once the folder is open. */
  readonly archive?: readonly ArchiveRecord[];
}

/** What a run reads besides its sources: the drafted-text and Markdown templates, and the Word template if any. */
interface RunFiles {
  readonly texts: TextTemplates;
  readonly layout: LoadedLayout;
  readonly markdownTemplates: RenderContext['markdownTemplates'];
  readonly template: WordJob['template'];
}

/** Reads the run's own files through the input edge (io/read-source.ts); a missing Word template is exit 66. */
async function readRunFiles(loaded: LoadedConfig, opts: GenerateOptions): Promise<{ ok: true; value: RunFiles } | { ok: false; diagnostics: Diagnostics }> {
  const { config } = loaded;
  const templatesDir = config.templates ? path.resolve(loaded.dir, config.templates) : undefined;
  const texts = await loadTextTemplates(templatesDir, config.units.text);
  const layout = await loadLayout(loaded);
  if (!layout.ok) {
    const diagnostics = new Diagnostics();
    diagnostics.addAll(layout.diagnostics);
    return { ok: false, diagnostics };
  }
  const markdownTemplates = await loadMarkdownTemplates(templatesDir);
  const templateFile = opts.template ?? (config.output.template ? path.resolve(loaded.dir, config.output.template) : undefined);
  let template: WordJob['template'];
  if (templateFile) {
    const read = await readInputFile(path.resolve(templateFile), templateFile);
    if (!read.ok) {
      const diagnostics = new Diagnostics();
      diagnostics.add(read.diagnostic);
      return { ok: false, diagnostics };
    }
    template = { bytes: read.input.bytes, fileName: path.basename(templateFile) };
  }
  return { ok: true, value: { texts, layout: layout.value, markdownTemplates, template } };
}

/** The units to report on and where the files go. Stops on an unknown unit or a report level no unit has. */
async function prepareRun(
  loaded: LoadedConfig,
  data: LoadedData,
  files: RunFiles,
  opts: GenerateOptions,
  diags: Diagnostics,
  progress: (text: string) => void,
): Promise<Step<RunSetting>> {
  const { config } = loaded;
  const units = selectUnits(data.hierarchy, config.report.unitLevels, opts.unit, config.sources.organisation.file);
  if (!Array.isArray(units)) {
    diags.add(units);
    // An unknown --unit is a usage error (64); a report level no unit has, a configuration error (78).
    return stop(exitCode({ diagnostics: diags.all, ...(opts.unit !== undefined ? { failure: 'usage' as const } : {}) }));
  }
  const { texts, markdownTemplates, template } = files;
  // The layout against the sources: every report row and section it names must exist (checked before any report).
  const layoutProblems = checkLayoutAgainstConfig(files.layout, config, {
    reportRows: { names: data.prepared.rows.map((r) => r.name), file: config.sources.accountGroups.file },
    configFile: loaded.file,
  });
  if (layoutProblems.length > 0) {
    diags.addAll(layoutProblems);
    return stop(exitCode({ diagnostics: diags.all }));
  }
  const narrativeDir = config.narrative ? path.resolve(loaded.dir, config.narrative) : undefined;
  const outDir = path.resolve(opts.out ?? path.resolve(loaded.dir, config.output.dir));
  // A draft shows the run's first warnings to its authors; a final report carries none of them, except the
  // reconciliation findings accepted with --allow, which every report names first on its title page.
  const allowed = diags.warnings().filter((d) => d.code === 'reconcile.allowed');
  const warnings = [...allowed, ...(opts.final ? [] : diags.warnings().filter((d) => d.code !== 'reconcile.allowed'))];

  const final = !!opts.final;
  return { ok: true, value: { loaded, data, final, units, texts, layout: files.layout.layout, render: { markdownTemplates, final }, narrativeDir, outDir, warnings, template, progress } };
}

/** One unit's Word file, rendering on the pool; `base` is the unit's output path without extension. */
interface PendingWord {
  readonly base: string;
  readonly result: Promise<WordResult>;
}

/**
 * Every unit's files, in the order they are listed: the formats made in this thread, then the Word files, then the
 * formats made from them (pdf). Word files render on worker threads while this thread renders the other formats.
 */
async function renderOutputs(run: RunSetting, formats: readonly string[], diags: Diagnostics): Promise<Step<RenderedSet>> {
  const fromWord = formats.map((f) => RENDERERS[f]!).filter((r): r is WordFileRenderer => r.from === 'docx');
  const needWord = formats.includes('docx') || fromWord.length > 0;
  const pool = WordPool.forJobs(needWord ? run.units.length : 0);
  let words: Step<{ readonly base: string; readonly bytes: Uint8Array }[]>;
  let complete: boolean;
  const files: OutputFile[] = [];
  let models: UnitModel[];
  try {
    const planned = await planUnits(run, formats, needWord ? pool : null, diags);
    files.push(...planned.files);
    complete = planned.complete;
    models = planned.models;
    words = await settleWord(planned.word, diags);
  } finally {
    await pool.close();
  }
  if (!words.ok) return words;
  if (!complete) return stop(exitCode({ diagnostics: diags.all, failure: 'data' }));
  if (formats.includes('docx')) for (const w of words.value) files.push({ path: `${w.base}.docx`, bytes: w.bytes });
  const derived = await renderFromWord(words.value, fromWord, diags);
  if (!derived.ok) return derived;
  files.push(...derived.value);
  return { ok: true, value: Object.assign(files, { models, template: run.template !== undefined }) };
}

/** A unit's report model and its files' path without extension. */
interface UnitModel {
  readonly base: string;
  readonly model: ReportModel;
}

/** A run's rendered files, with the models they were rendered from (for the read-back check). */
type RenderedSet = OutputFile[] & { readonly models: readonly UnitModel[]; readonly template: boolean };

/** Each unit's rendered files read back against its model: the total rows must be the model's. */
function readBackTotals(set: RenderedSet): Diagnostic[] {
  const out: Diagnostic[] = [];
  const displayName = (f: string): string => path.relative(process.cwd(), f) || f;
  for (const { base, model } of set.models) {
    const own = set.filter((f) => f.path.startsWith(`${base}.`) && !f.path.slice(base.length + 1).includes(path.sep));
    out.push(...checkRenderedTotals(model, own, { displayName, partialDocx: set.template }));
  }
  return out;
}

/**
 * Each unit's report model and the files made from it in this thread, with its Word file started on the pool. A
 * final report whose required texts are missing makes no files (`complete` false: exit 65, with every missing text
 * listed).
 */
async function planUnits(run: RunSetting, formats: readonly string[], pool: WordPool | null, diags: Diagnostics): Promise<{ files: OutputFile[]; word: PendingWord[]; complete: boolean; models: UnitModel[] }> {
  const { config } = run.loaded;
  const files: OutputFile[] = [];
  const models: UnitModel[] = [];
  const word: PendingWord[] = [];
  let complete = true;
  for (const [i, node] of run.units.entries()) {
    run.progress(`Enhet ${i + 1} av ${run.units.length}: ${node.name}`);
    const narratives = await loadNarratives(run.narrativeDir, node.id);
    const model = buildUnitReport(run.data, node, { loaded: run.loaded, texts: run.texts, layout: run.layout, narratives, warnings: run.warnings, ...(run.archive ? { archive: run.archive } : {}) });
    if (run.final) {
      const missing = missingNarratives(model);
      for (const m of missing) {
        diags.add(diag('narrative.missing', { section: m.section, key: m.key, path: path.join(config.narrative ?? 'berattelser', node.id, `${m.key}.md`) }));
      }
      if (missing.length > 0) {
        complete = false;
        continue;
      }
    }
    const base = path.join(run.outDir, `${node.id}-${formatPeriod(run.data.period)}`);
    models.push({ base, model });
    if (pool) {
      const result = pool.render({ model, final: run.final, ...(run.template ? { template: run.template } : {}) });
      result.catch(() => {});
      word.push({ base, result });
    }
    for (const f of formats) {
      const renderer = RENDERERS[f]!;
      if (f === 'docx' || renderer.from !== 'model') continue;
      files.push({ path: `${base}.${renderer.extension}`, bytes: await renderer.render(model, run.render) });
    }
  }
  return { files, word, complete, models };
}

/**
 * Waits for the Word files. A template with errors stops the run (exit 78) with the first failing unit's findings;
 * the warnings of the files that were made are kept either way.
 */
async function settleWord(pending: readonly PendingWord[], diags: Diagnostics): Promise<Step<{ readonly base: string; readonly bytes: Uint8Array }[]>> {
  const done: { base: string; bytes: Uint8Array }[] = [];
  if (pending.length === 0) return { ok: true, value: done };
  const { findingToDiagnostic } = await import('../../render/docx/index.js');
  let templateFailed = false;
  for (const p of pending) {
    const w = await p.result;
    if (!w.ok) {
      if (!templateFailed) diags.addAll(w.templateFindings.map(findingToDiagnostic));
      templateFailed = true;
      continue;
    }
    diags.addAll(w.warnings.map(findingToDiagnostic));
    done.push({ base: p.base, bytes: w.bytes });
  }
  return templateFailed ? stop(exitCode({ diagnostics: diags.all, failure: 'config' })) : { ok: true, value: done };
}

/**
 * The formats made from the Word files (pdf, by LibreOffice), all of the run's files in one batch. A failed conversion
 * names its document and the others are still converted; any failure stops the run (exit 73).
 */
async function renderFromWord(words: readonly { readonly base: string; readonly bytes: Uint8Array }[], renderers: readonly WordFileRenderer[], diags: Diagnostics): Promise<Step<OutputFile[]>> {
  const files: OutputFile[] = [];
  const failed: DiagnosticError[] = [];
  try {
    for (const r of renderers) {
      const results = await r.render(words.map((w) => ({ name: path.basename(w.base), docx: w.bytes })));
      for (const [i, res] of results.entries()) {
        if (res.ok) files.push({ path: `${words[i]!.base}.${r.extension}`, bytes: res.pdf });
        else failed.push(res.error);
      }
    }
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    failed.push(e);
  }
  if (failed.length === 0) return { ok: true, value: files };
  for (const e of failed) diags.addAll(e.diagnostics);
  return stop(exitCode({ diagnostics: diags.all, failure: failed[0]!.failure }));
}
