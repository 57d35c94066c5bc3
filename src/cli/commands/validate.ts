/** `rapport validate [--period]`: reads and checks every source and the report layout, computes nothing for output, writes nothing. */
import { formatPeriod } from '../../model/period.js';
import { runPipeline, selectUnits } from '../../pipeline/run.js';
import { createReporter, printJson, reconciliationSection } from '../output.js';
import { exitCode, type ExitCode } from '../exit-codes.js';
import { applyStrict, countsOf, parseAllowOption, parsePeriodOption, resolveConfig } from '../common.js';
import { loadLayout } from '../../pipeline/layout.js';
import { checkLayoutAgainstConfig } from '../../config/layout.js';

export interface ValidateOptions {
  period?: string;
  config?: string;
  strict?: boolean;
  json?: boolean;
  allow?: string[];
}

export async function validate(opts: ValidateOptions): Promise<ExitCode> {
  const rep = createReporter(!!opts.json);
  const cfg = await resolveConfig(opts.config);
  let reconciled = false;
  const done = (exitCode: ExitCode, diags: import('../../model/diagnostics.js').Diagnostics, extra: Record<string, unknown> = {}): ExitCode => {
    if (rep.json) printJson({ command: 'validate', status: exitCode === 0 ? 'ok' : 'error', exitCode, diagnostics: diags.all, counts: countsOf(diags), reconciliation: reconciliationSection(diags.all, reconciled), ...extra });
    else {
      rep.summary(diags);
      if (exitCode === 0) rep.success('Alla källor är lästa och kontrollerade utan fel.');
    }
    return exitCode;
  };
  if (!cfg.ok) return done(cfg.exit, cfg.diagnostics);
  // Every row of every source is read and checked either way; without --period the cross-checks use the latest
  // month that has utfall.
  const requested = parsePeriodOption(opts.period, false) ?? null;
  const result = await runPipeline(cfg.value, requested, { allow: parseAllowOption(opts.allow) });
  const diags = applyStrict(result.diagnostics, !!opts.strict);
  reconciled = result.reconciled === true;
  // The report layout, against the configuration and (when read) the account grouping's report rows.
  const layout = await loadLayout(cfg.value);
  if (!layout.ok) diags.addAll(layout.diagnostics);
  else {
    const { config } = cfg.value;
    diags.addAll(checkLayoutAgainstConfig(layout.value, config, {
      ...(result.data ? { reportRows: { names: result.data.prepared.rows.map((r) => r.name), file: config.sources.accountGroups.file } } : {}),
      configFile: cfg.value.file,
    }));
  }
  if (result.missing.length > 0) return done(exitCode({ diagnostics: diags.all }), diags);
  // The batch's units, as generate picks them: a report level that no unit has is an error here too.
  if (result.data) {
    const units = selectUnits(result.data.hierarchy, cfg.value.config.report.unitLevels, undefined, cfg.value.config.sources.organisation.file);
    if (!Array.isArray(units)) diags.add(units);
  }
  const used = result.data ? formatPeriod(result.data.period) : opts.period ?? null;
  if (!rep.json && used) rep.info(`Kontrollerat mot period ${used}.`);
  return done(exitCode({ diagnostics: diags.all }), diags, { period: used });
}
