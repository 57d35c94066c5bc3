/**
 * `rapport generate --period P --check DIR` (CI): makes the reports again and compares them with the sample reports
 * committed in DIR, writing nothing. The samples are what `rapport generate --format json,md --out DIR` writes:
 * `<unit id>-<period>.json` (the report model, compared figure by figure and text by text, exact values included:
 * `render/compare-json.ts`) and/or `<unit id>-<period>.md` (compared line by line). The units checked are those with a
 * sample in DIR (or `--unit`). Any difference is listed — table / row / column: old → new — and the run ends with
 * exit code 65; the same reports end with 0.
 */
import { loadLayout } from '../../pipeline/layout.js';
import path from 'node:path';
import { formatPeriod, type Period } from '../../model/period.js';
import { Diagnostics } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import { nearestName } from '../../model/nearest.js';
import { runPipeline, selectUnits, buildUnitReport } from '../../pipeline/run.js';
import { loadMarkdownTemplates, loadTextTemplates } from '../../pipeline/templates.js';
import { loadNarratives } from '../../pipeline/narratives.js';
import { renderJson } from '../../render/json.js';
import { renderMarkdown } from '../../render/markdown.js';
import { compareReportDocuments, type ReportDifference } from '../../render/compare-json.js';
import { listFolder, readTextFile } from '../../io/read-source.js';
import { count, createReporter, printJson, reconciliationSection, type Reporter } from '../output.js';
import { EXIT, exitCode, type ExitCode } from '../exit-codes.js';
import { applyStrict, countsOf, parseAllowOption, parsePeriodOption, resolveConfig, UsageError } from '../common.js';

export interface CheckOptions {
  period?: string;
  config?: string;
  unit?: string;
  check: string;
  final?: boolean;
  strict?: boolean;
  json?: boolean;
  out?: string;
  format?: string;
  template?: string;
  /** `--allow CODE`, as generate takes it: the check must make the report generate makes. */
  allow?: string[];
}

/** A difference found in one sample file. */
export interface FileDifference extends ReportDifference {
  /** The sample file, as given (DIR joined with its name). */
  readonly file: string;
}

/** At most this many differing lines of a Markdown sample are listed (its figures are listed from the JSON sample). */
const MARKDOWN_LINES_SHOWN = 10;

export async function checkSamples(opts: CheckOptions): Promise<ExitCode> {
  if (opts.out !== undefined || opts.format !== undefined || opts.template !== undefined) {
    throw new UsageError('--check skriver inga filer och kan inte kombineras med --out, --format eller --template.');
  }
  const rep = createReporter(!!opts.json);
  const period = parsePeriodOption(opts.period, true)!;
  const cfg = await resolveConfig(opts.config);
  if (!cfg.ok) return finish(rep, cfg.exit, cfg.diagnostics, opts.check, []);
  const loaded = cfg.value;
  const { config } = loaded;
  const dir = opts.check;
  const diags = new Diagnostics();

  const samples = await findSamples(path.resolve(dir), period, opts.unit);
  if (samples.size === 0) {
    const example = `${opts.unit ?? 'enhet'}-${formatPeriod(period)}.json`;
    diags.add(diag('check.no-samples', { dir, period: formatPeriod(period), example }, { file: dir }));
    return finish(rep, exitCode({ diagnostics: diags.all, failure: 'missing-input' }), diags, dir, []);
  }

  rep.progress('Läser och kontrollerar källorna …');
  const result = await runPipeline(loaded, period, { allow: parseAllowOption(opts.allow), ...(opts.unit !== undefined ? { unit: opts.unit } : {}) });
  const run = applyStrict(result.diagnostics, !!opts.strict);
  diags.addAll(run.all);
  if (result.unknownUnit) return finish(rep, exitCode({ diagnostics: diags.all, failure: 'usage' }), diags, dir, [], result.reconciled === true);
  if (result.missing.length > 0 || !result.data || run.hasErrors) return finish(rep, exitCode({ diagnostics: diags.all }), diags, dir, [], result.reconciled === true);
  const data = result.data;

  const templatesDir = config.templates ? path.resolve(loaded.dir, config.templates) : undefined;
  const texts = await loadTextTemplates(templatesDir, config.units.text);
  const markdownTemplates = await loadMarkdownTemplates(templatesDir);
  const layout = await loadLayout(loaded);
  if (!layout.ok) {
    diags.addAll(layout.diagnostics);
    return finish(rep, exitCode({ diagnostics: diags.all }), diags, dir, [], result.reconciled === true);
  }
  const narrativeDir = config.narrative ? path.resolve(loaded.dir, config.narrative) : undefined;
  // As `generate` does: a draft carries the run's warnings as caveats, a final report none.
  const warnings = opts.final ? [] : run.warnings();

  const differences: FileDifference[] = [];
  let compared = 0;
  const units = [...data.hierarchy.byId.values()].filter((n) => n.level !== 'Ansvar');
  for (const [unitId, files] of samples) {
    const picked = selectUnits(data.hierarchy, [], unitId);
    if (!Array.isArray(picked)) {
      const near = nearestName(unitId, units.map((n) => n.id));
      const file = path.join(dir, files.json ?? files.md!);
      diags.add(diag('check.unknown-unit', { file, unit: unitId, suggestion: near ? ` Menade du "${near}"?` : '' }, { file }));
      continue;
    }
    const node = picked[0]!;
    rep.progress(`Jämför ${node.name}`);
    const narratives = await loadNarratives(narrativeDir, node.id);
    const model = buildUnitReport(data, node, { loaded, texts, layout: layout.value.layout, narratives, warnings });
    if (files.json) {
      const file = path.join(dir, files.json);
      const text = (await readTextFile(path.resolve(file))) ?? '';
      let sample: unknown;
      try {
        sample = JSON.parse(text);
      } catch (e) {
        diags.add(diag('check.sample-unreadable', { detail: (e as Error).message }, { file }));
        continue;
      }
      compared++;
      for (const d of compareReportDocuments(sample, JSON.parse(renderJson(model)))) differences.push({ file, ...d });
    }
    if (files.md) {
      const file = path.join(dir, files.md);
      const sample = (await readTextFile(path.resolve(file))) ?? '';
      compared++;
      differences.push(...markdownDifferences(file, sample, renderMarkdown(model, markdownTemplates)));
    }
  }
  if (differences.length > 0) {
    diags.add(diag('check.differs', { dir, count: count(differences.length, 'skillnad', 'skillnader'), period: formatPeriod(period) }));
  }
  const code = diags.hasErrors ? exitCode({ diagnostics: diags.all }) : EXIT.ok;
  if (code === EXIT.ok && !rep.json) rep.result(`Samma siffror och texter som jämförelsefilerna i ${dir}: ${count(compared, 'fil jämförd', 'filer jämförda')}.`);
  return finish(rep, code, diags, dir, differences, result.reconciled === true);
}

/** The sample files in `dir` for the period, by unit id (only `unit`'s with `--unit`). */
async function findSamples(full: string, period: Period, unit: string | undefined): Promise<Map<string, { json?: string; md?: string }>> {
  const suffix = `-${formatPeriod(period)}`;
  const out = new Map<string, { json?: string; md?: string }>();
  for (const name of ((await listFolder(full)) ?? []).sort()) {
    const m = /^(.+)\.(json|md)$/.exec(name);
    if (!m || !m[1]!.endsWith(suffix)) continue;
    const id = m[1]!.slice(0, -suffix.length);
    if (unit !== undefined && id !== unit) continue;
    const entry = out.get(id) ?? {};
    entry[m[2] as 'json' | 'md'] = name;
    out.set(id, entry);
  }
  return out;
}

/**
 * The lines of a Markdown sample that differ from the report made now: the lines between the common beginning and
 * the common end, paired by position; at most `MARKDOWN_LINES_SHOWN`, then how many more.
 */
export function markdownDifferences(file: string, sample: string, now: string): FileDifference[] {
  const a = sample.split(/\r?\n/);
  const b = now.split(/\r?\n/);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: FileDifference[] = [];
  const n = Math.max(endA - start, endB - start);
  for (let i = 0; i < n; i++) {
    const la = a[start + i];
    const lb = b[start + i];
    if (la === lb) continue;
    if (out.length === MARKDOWN_LINES_SHOWN) {
      out.push({ file, where: `Markdown: fler rader skiljer`, old: '', new: `${n - i} rader till från rad ${start + i + 1}` });
      break;
    }
    out.push({ file, where: `Markdown rad ${start + i + 1}`, old: la ?? '(ingen rad)', new: lb ?? '(ingen rad)' });
  }
  return out;
}

function finish(rep: Reporter, code: ExitCode, diags: Diagnostics, dir: string, differences: readonly FileDifference[], reconciled = false): ExitCode {
  if (rep.json) {
    printJson({ command: 'generate', mode: 'check', dir, status: code === 0 ? 'ok' : 'error', exitCode: code, differences, diagnostics: diags.all, counts: countsOf(diags), reconciliation: reconciliationSection(diags.all, reconciled) });
    return code;
  }
  rep.endProgress();
  let file = '';
  for (const d of differences) {
    if (d.file !== file) {
      file = d.file;
      rep.result(`${file}:`);
    }
    rep.result(`  ${d.where}: ${d.old || '(saknas)'} → ${d.new || '(saknas)'}`);
  }
  rep.summary(diags);
  return code;
}
