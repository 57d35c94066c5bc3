/** Steps shared by the commands: resolve the config, parse the period, map diagnostics to an exit code. */
import path from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig, type LoadedConfig } from '../config/load-config.js';
import { parsePeriodArg, type Period } from '../model/period.js';
import { Diagnostics, type Diagnostic } from '../model/diagnostics.js';
import { EXIT, isConfigCode, type ExitCode } from './exit-codes.js';

export class UsageError extends Error {}

export function parsePeriodOption(text: string | undefined, required: boolean): Period | undefined {
  if (text === undefined) {
    if (required) throw new UsageError('Ange rapportperioden med --period ÅÅÅÅ-MM, till exempel --period 2024-08.');
    return undefined;
  }
  const p = parsePeriodArg(text);
  if (!p) throw new UsageError(`Ogiltig period "${text}". Ange ÅÅÅÅ-MM, till exempel 2024-08.`);
  return p;
}

export async function resolveConfig(option: string | undefined): Promise<{ ok: true; value: LoadedConfig } | { ok: false; diagnostics: Diagnostics; exit: ExitCode }> {
  const file = option ?? DEFAULT_CONFIG_FILE;
  const result = await loadConfig(path.resolve(file) === path.resolve(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : file);
  if (result.ok) return result;
  const d = new Diagnostics();
  d.addAll(result.diagnostics);
  return { ok: false, diagnostics: d, exit: result.missing ? EXIT.noInput : EXIT.config };
}

/** Exit code for a run's diagnostics: configuration problems 78, data problems 65, warnings under --strict 65. */
export function exitFor(diags: readonly Diagnostic[], strict: boolean): ExitCode {
  const errors = diags.filter((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
  if (errors.length === 0) return EXIT.ok;
  return errors.every((d) => isConfigCode(d.code)) ? EXIT.config : EXIT.dataError;
}

/** `--strict`: warnings count as errors. */
export function applyStrict(diags: Diagnostics, strict: boolean): Diagnostics {
  if (!strict) return diags;
  const out = new Diagnostics();
  out.addAll(diags.all.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d)));
  return out;
}

export function countsOf(diags: Diagnostics): Record<string, number> {
  return Object.fromEntries(diags.counts);
}
