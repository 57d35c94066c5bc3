/** Steps shared by the commands: resolve the config, parse the period, apply --strict. Exit codes: exit-codes.ts. */
import path from 'node:path';
import { DEFAULT_CONFIG_FILE, parseConfig, type LoadedConfig } from '../config/load-config.js';
import { readInputFile } from '../io/read-source.js';
import { diag } from '../messages/index.js';
import { parsePeriodArg, type Period } from '../model/period.js';
import { Diagnostics, type Failure } from '../model/diagnostics.js';
import type { PublishError } from '../io/atomic-write.js';
import { exitCode, type ExitCode } from './exit-codes.js';

import { UsageError } from './usage-error.js';
import { ALLOWABLE_CODES } from '../calc/reconcile.js';
import { nearestName } from '../model/nearest.js';

export { UsageError };

/** A configuration file larger than this is refused before it is read (a config is a few kilobytes). */
const MAX_CONFIG_BYTES = 10 * 1024 * 1024;

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
  const shown = path.resolve(file) === path.resolve(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : file;
  // Through the input edge, as the sources: a FIFO, socket, device or folder given as the config file is refused
  // with its own message (exit 66) instead of blocking the run; a missing file is config.not-found.
  const read = await readInputFile(path.resolve(shown), shown, MAX_CONFIG_BYTES);
  if (!read.ok) {
    const d = new Diagnostics();
    d.add(read.missing ? diag('config.not-found', { path: shown }) : read.diagnostic);
    return { ok: false, diagnostics: d, exit: exitCode({ diagnostics: d.all, failure: 'missing-input' }) };
  }
  const text = Buffer.from(read.input.bytes.buffer, read.input.bytes.byteOffset, read.input.bytes.byteLength).toString('utf8');
  const result = parseConfig(text, shown);
  if (result.ok) return result;
  const d = new Diagnostics();
  d.addAll(result.diagnostics);
  return { ok: false, diagnostics: d, exit: exitCode({ diagnostics: d.all, failure: result.missing ? 'missing-input' : 'config' }) };
}

/** The kind of failure of output that could not be published. */
export function publishFailure(e: PublishError): Failure {
  return e.kind === 'create' ? 'cannot-create' : e.kind === 'locked' ? 'locked' : 'io';
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

/** `--allow CODE`: each code must name a reconciliation check (calc/reconcile.ts); anything else is a usage error. */
export function parseAllowOption(values: readonly string[] | undefined): string[] {
  const known: readonly string[] = ALLOWABLE_CODES;
  for (const v of values ?? []) {
    if (known.includes(v)) continue;
    const near = nearestName(v, known);
    throw new UsageError(`Koden "${v}" i --allow är ingen avstämningskontroll som kan godkännas.${near ? ` Menade du "${near}"?` : ''} Möjliga koder: ${known.join(', ')}.`);
  }
  return [...(values ?? [])];
}
