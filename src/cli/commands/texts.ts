/**
 * `rapport texts import FIL.docx …`: reads the texts people wrote in Word reports back into the narrative files
 * (`pipeline/text-import.ts` decides; this writes them all at once, or nothing, and says what it took from where).
 */
import path from 'node:path';
import { Diagnostics } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import { formatPeriod } from '../../model/period.js';
import { publishFiles, PublishError } from '../../io/atomic-write.js';
import { narrativeFileText, planTextImport, type ImportedText } from '../../pipeline/text-import.js';
import { count, createReporter, printJson } from '../output.js';
import { EXIT, exitCode, type ExitCode } from '../exit-codes.js';
import { countsOf, parsePeriodOption, publishFailure, resolveConfig, UsageError } from '../common.js';

export interface TextsImportOptions {
  period?: string;
  config?: string;
  unit?: string;
  changes?: string;
  force?: boolean;
  json?: boolean;
}

export async function textsImport(files: readonly string[], opts: TextsImportOptions): Promise<ExitCode> {
  const rep = createReporter(!!opts.json);
  const period = formatPeriod(parsePeriodOption(opts.period, true)!);
  if (opts.changes !== undefined && opts.changes !== 'accept' && opts.changes !== 'reject') {
    throw new UsageError(`Okänt värde "${opts.changes}" för --changes. Möjliga värden: accept (godkänn spårade ändringar), reject (avvisa dem).`);
  }
  const diags = new Diagnostics();
  const cfg = await resolveConfig(opts.config);
  if (!cfg.ok) return done(cfg.exit, cfg.diagnostics, []);
  const { config, dir, file: configFile } = cfg.value;
  if (!config.narrative) {
    diags.add(diag('texts.config.no-folder', { file: configFile }));
    return done(exitCode({ diagnostics: diags.all }), diags, []);
  }
  const plan = await planTextImport(files, {
    narrativeDir: path.resolve(dir, config.narrative),
    narrativeLabel: config.narrative,
    period,
    ...(opts.unit !== undefined ? { unit: opts.unit } : {}),
    ...(opts.changes !== undefined ? { changes: opts.changes as 'accept' | 'reject' } : {}),
    force: !!opts.force,
  });
  diags.addAll(plan.diagnostics);
  if (diags.hasErrors) return done(exitCode({ diagnostics: diags.all }), diags, []);
  try {
    await publishFiles(plan.texts.map((t) => ({ path: t.path, bytes: narrativeFileText(t.markdown) })));
  } catch (e) {
    if (e instanceof PublishError) {
      rep.info(e.message);
      return done(exitCode({ diagnostics: diags.all, failure: publishFailure(e) }), diags, []);
    }
    throw e;
  }
  return done(EXIT.ok, diags, plan.texts, plan.unchanged);

  function done(code: ExitCode, d: Diagnostics, texts: readonly ImportedText[], unchanged = 0): ExitCode {
    if (rep.json) {
      printJson({
        command: 'texts import',
        status: code === 0 ? 'ok' : 'error',
        exitCode: code,
        files: texts.map((t) => t.shown),
        texts: texts.map((t) => ({ unit: t.unitId, key: t.key, from: t.from, via: t.via, file: t.shown })),
        unchanged,
        diagnostics: d.all,
        counts: countsOf(d),
      });
      return code;
    }
    rep.summary(d);
    if (code !== 0) {
      rep.info('Inga texter skrevs; textfilerna är orörda.');
      return code;
    }
    for (const t of texts) {
      rep.result(`  ${t.shown} ← ${t.from}, "${t.title}" (${t.via === 'control' ? 'textfältet' : 'texten mellan rubrikerna, textfältet saknades'})`);
    }
    rep.result(`Klart: ${count(texts.length, 'text inläst', 'texter inlästa')}, ${count(unchanged, 'oförändrad', 'oförändrade')}.`);
    return code;
  }
}
