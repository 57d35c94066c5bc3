/**
 * `rapport generate --period YYYY-MM`: read → check → compute → build each unit's report → render → publish.
 * Nothing is written unless every step succeeded; then all files are published together (atomic-write.ts).
 */
import path from 'node:path';
import { formatPeriod } from '../../model/period.js';
import { diag } from '../../messages/index.js';
import { runPipeline, selectUnits, buildUnitReport } from '../../pipeline/run.js';
import { loadMarkdownTemplates, loadTextTemplates } from '../../pipeline/templates.js';
import { loadNarratives, missingNarratives } from '../../pipeline/narratives.js';
import { FORMATS, RENDERERS } from '../../render/registry.js';
import { convertToPdf, PdfConversionError } from '../../render/pdf.js';
import { findingToDiagnostic } from '../../render/docx/index.js';
import { WordPool, type WordResult } from '../../pipeline/word-pool.js';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { publishFiles, PublishError, type OutputFile } from '../../io/atomic-write.js';
import { createReporter, printJson } from '../output.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { applyStrict, countsOf, exitFor, parsePeriodOption, resolveConfig, UsageError } from '../common.js';

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
}

export async function generate(opts: GenerateOptions): Promise<ExitCode> {
  const rep = createReporter(!!opts.json);
  const finish = (exitCode: ExitCode, diags: import('../../model/diagnostics.js').Diagnostics, files: string[] = []): ExitCode => {
    if (rep.json) {
      printJson({ command: 'generate', status: exitCode === 0 ? 'ok' : 'error', exitCode, files, diagnostics: diags.all, counts: countsOf(diags) });
    } else {
      rep.summary(diags);
      if (exitCode === 0) {
        for (const f of files) rep.info(`  ${f}`);
        rep.success(`Klart: ${files.length} filer skrivna.`);
      } else {
        rep.info('Inga filer skrevs; tidigare rapporter är orörda.');
      }
    }
    return exitCode;
  };

  const period = parsePeriodOption(opts.period, true)!;
  const cfg = await resolveConfig(opts.config);
  if (!cfg.ok) return finish(cfg.exit, cfg.diagnostics);
  const loaded = cfg.value;
  const { config } = loaded;

  const formats = (opts.format ?? config.output.formats.join(',')).split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of formats) {
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`Okänt format "${f}". Möjliga format: ${FORMATS.join(', ')}.`);
  }

  const result = await runPipeline(loaded, period);
  const diags = applyStrict(result.diagnostics, !!opts.strict);
  if (result.missing.length > 0) return finish(EXIT.noInput, diags);
  if (!result.data || diags.hasErrors) return finish(exitFor(diags.all, !!opts.strict), diags);

  const units = selectUnits(result.data.hierarchy, config.report.unitLevels, opts.unit);
  if (!Array.isArray(units)) {
    diags.add(units);
    return finish(EXIT.usage, diags);
  }
  const templatesDir = config.templates ? path.resolve(loaded.dir, config.templates) : undefined;
  const texts = await loadTextTemplates(templatesDir, config.units.text);
  const markdownTemplates = await loadMarkdownTemplates(templatesDir);
  const narrativeDir = config.narrative ? path.resolve(loaded.dir, config.narrative) : undefined;
  const outDir = path.resolve(opts.out ?? path.resolve(loaded.dir, config.output.dir));
  // A draft shows the run's first warnings to its authors; a final report carries none of them.
  const caveats = opts.final ? [] : diags.warnings().slice(0, 5).map((d) => d.message);

  // The organisation's own Word template, when one is named, replaces the default layout for docx and pdf.
  const templateFile = opts.template ?? (config.output.template ? path.resolve(loaded.dir, config.output.template) : undefined);
  let templateBytes: Uint8Array | undefined;
  if (templateFile) {
    try {
      templateBytes = await readFile(templateFile);
    } catch {
      diags.add(diag('source.missing', { file: templateFile }, { file: templateFile }));
      return finish(EXIT.noInput, diags);
    }
  }
  const pdfReady: { docx: Uint8Array; target: string }[] = [];
  const files: OutputFile[] = [];
  const pdfSources: { docx: Promise<WordResult>; target: string }[] = [];
  const wordFiles: { result: Promise<WordResult>; path: string }[] = [];
  const needWord = formats.includes('docx') || formats.includes('pdf');
  const pool = WordPool.forJobs(needWord ? units.length : 0);
  let missingText = false;
  try {
    for (const node of units) {
      const narratives = await loadNarratives(narrativeDir, node.id);
      const model = buildUnitReport(result.data, node, { loaded, period, texts, narratives, caveats });
      if (opts.final) {
        const missing = missingNarratives(model);
        for (const m of missing) {
          diags.add(diag('narrative.missing', { section: m.section, key: m.key, path: path.join(config.narrative ?? 'berattelser', node.id, `${m.key}.md`) }));
        }
        if (missing.length > 0) {
          missingText = true;
          continue;
        }
      }
      const base = path.join(outDir, `${node.id}-${formatPeriod(period)}`);
      // Word documents render on worker threads while this thread renders the other formats.
      const word = needWord
        ? pool.render({ model, final: !!opts.final, ...(templateBytes ? { template: { bytes: templateBytes, fileName: path.basename(templateFile!) } } : {}) })
        : null;
      word?.catch(() => {});
      for (const f of formats) {
        if (f === 'pdf') continue;
        if (f === 'docx') wordFiles.push({ result: word!, path: `${base}.docx` });
        else files.push({ path: `${base}.${RENDERERS[f]!.extension}`, bytes: await RENDERERS[f]!.render(model, { markdownTemplates, final: !!opts.final }) });
      }
      if (formats.includes('pdf')) pdfSources.push({ docx: word!, target: `${base}.pdf` });
    }
    let templateFailed = false;
    const settle = async (r: Promise<WordResult>): Promise<Uint8Array | null> => {
      const w = await r;
      if (!w.ok) {
        if (!templateFailed) diags.addAll(w.templateFindings.map(findingToDiagnostic));
        templateFailed = true;
        return null;
      }
      diags.addAll(w.warnings.map(findingToDiagnostic));
      return w.bytes;
    };
    for (const w of wordFiles) {
      const bytes = await settle(w.result);
      if (bytes) files.push({ path: w.path, bytes });
    }
    const pdfDocx: { docx: Uint8Array; target: string }[] = [];
    for (const p of pdfSources) {
      const bytes = await settle(p.docx);
      if (bytes) pdfDocx.push({ docx: bytes, target: p.target });
    }
    if (templateFailed) return finish(EXIT.config, diags);
    pdfReady.push(...pdfDocx);
  } finally {
    await pool.close();
  }
  if (missingText) return finish(EXIT.dataError, diags);
  if (pdfReady.length > 0) {
    // LibreOffice converts the Word files in a private temporary folder; the PDFs are then published with the rest.
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'rapport-pdf-'));
    try {
      for (const p of pdfReady) {
        const docxPath = path.join(tmp, path.basename(p.target, '.pdf') + '.docx');
        await writeFile(docxPath, p.docx);
        const pdfPath = await convertToPdf(docxPath, tmp);
        files.push({ path: p.target, bytes: await readFile(pdfPath) });
      }
    } catch (e) {
      if (e instanceof PdfConversionError) {
        diags.add(e.diagnostic);
        return finish(EXIT.cantCreate, diags);
      }
      throw e;
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  try {
    await publishFiles(files);
  } catch (e) {
    if (e instanceof PublishError) {
      rep.info(e.message);
      return finish(e.kind === 'create' ? EXIT.cantCreate : e.kind === 'locked' ? EXIT.tempFail : EXIT.ioError, diags);
    }
    throw e;
  }
  return finish(EXIT.ok, diags, files.map((f) => path.relative(process.cwd(), f.path) || f.path));
}
