/**
 * Reads and validates `rapport.config.yaml`. Validation is pure (`validateConfig`: unknown → config or errors);
 * `loadConfig` adds the file reading. Errors name the setting's path and, where the YAML tells, its line.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { z } from 'zod';
import { BUILTIN_PERIODISATION_KEYS, configSchema, FORECAST_METHODS, type Config } from './schema.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import { didYouMean } from '../messages/suggest.js';

export const DEFAULT_CONFIG_FILE = 'rapport.config.yaml';

export interface LoadedConfig {
  readonly config: Config;
  /** Absolute folder of the config file: source paths are relative to it. */
  readonly dir: string;
  /** The config file's path as the user gave it. */
  readonly file: string;
}

export type ConfigResult = { ok: true; value: LoadedConfig } | { ok: false; diagnostics: Diagnostic[]; missing?: boolean };

const swedishErrors = z.locales.sv().localeError;

/** Validates parsed YAML against the schema. `lineOf` maps a setting's path to its line, when known. */
export function validateConfig(data: unknown, file: string, lineOf: (p: readonly PropertyKey[]) => number | undefined = () => undefined):
  { ok: true; config: Config } | { ok: false; diagnostics: Diagnostic[] } {
  const parsed = configSchema.safeParse(data ?? {}, { error: swedishErrors });
  if (parsed.success) {
    const crossChecks = checkConfig(parsed.data, file, lineOf);
    return crossChecks.length === 0 ? { ok: true, config: parsed.data } : { ok: false, diagnostics: crossChecks };
  }
  const diagnostics = parsed.error.issues.map((issue) => {
    const p = issue.path.map(String).join('.') || '(roten)';
    const at = (path: readonly PropertyKey[]) => {
      const line = lineOf(path);
      return { file, ...(line !== undefined ? { row: line } : {}) };
    };
    if (issue.code === 'unrecognized_keys') {
      return diag('config.unknown-key', { path: [...issue.path.map(String), ...issue.keys].join('.') }, at([...issue.path, issue.keys[0]!]));
    }
    const missing = issue.code === 'invalid_type' && getIn(data, issue.path) === undefined;
    return diag('config.invalid', { path: p, detail: missing ? 'inställningen saknas' : issue.message }, at(issue.path));
  });
  return { ok: false, diagnostics };
}

/**
 * What the schema alone cannot see: settings that must name something defined elsewhere in the configuration. A
 * report level (`report.unitLevels`) is "root", "Ansvar" or one of the organisation file's level columns; a
 * misspelt one would otherwise leave its units without reports and the run would still end "Klart".
 */
function checkConfig(config: Config, file: string, lineOf: (p: readonly PropertyKey[]) => number | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = ['root', ...[...config.sources.organisation.columns.levels].reverse(), 'Ansvar'];
  config.report.unitLevels.forEach((level, i) => {
    if (known.includes(level)) return;
    const line = lineOf(['report', 'unitLevels', i]);
    out.push(diag('config.unknown-level', { level, suggestion: didYouMean(level, known), known: known.join(', ') },
      { file, ...(line !== undefined ? { row: line } : {}) }, level));
  });
  out.push(...checkMethodNames(config, file, lineOf));
  return out;
}

/**
 * Forecast methods and periodisation keys are names: a misspelt one is an error with the nearest name, never a
 * silently different method. Ansvar and report rows named in the rules are checked against the organisation and
 * the account grouping when those are read (calc/forecast-proposals.ts, calc/economy.ts).
 */
function checkMethodNames(config: Config, file: string, lineOf: (p: readonly PropertyKey[]) => number | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (p: readonly PropertyKey[]) => {
    const line = lineOf(p);
    return { file, ...(line !== undefined ? { row: line } : {}) };
  };
  const check = (code: 'config.unknown-forecast-method' | 'config.unknown-periodisation-key', base: readonly string[], rules: { method?: string; key?: string; costCentres?: Record<string, string>; reportRows?: Record<string, string> }, known: readonly string[]) => {
    const named: [readonly PropertyKey[], string][] = [];
    const own = rules.method ?? rules.key;
    if (own !== undefined) named.push([[...base, rules.method !== undefined ? 'method' : 'key'], own]);
    for (const kind of ['costCentres', 'reportRows'] as const) {
      for (const [k, v] of Object.entries(rules[kind] ?? {})) named.push([[...base, kind, k], v]);
    }
    for (const [p, name] of named) {
      if (known.includes(name)) continue;
      out.push(diag(code, { name, setting: p.map(String).join('.'), suggestion: didYouMean(name, known), known: known.join(', ') }, at(p), name));
    }
  };
  const propose = config.forecast?.propose;
  if (propose) check('config.unknown-forecast-method', ['forecast', 'propose'], propose, FORECAST_METHODS);
  const per = config.budget?.periodisation;
  if (per) check('config.unknown-periodisation-key', ['budget', 'periodisation'], per, [...BUILTIN_PERIODISATION_KEYS, ...Object.keys(per.seasonalKeys)]);
  return out;
}

function getIn(data: unknown, p: readonly PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const k of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

export async function loadConfig(configPath: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch {
    return { ok: false, missing: true, diagnostics: [diag('config.not-found', { path: configPath })] };
  }
  return parseConfig(text, configPath);
}

/**
 * A configuration file's text → the checked configuration. The command line reads the file through the input edge
 * (io/read-source.ts: a FIFO, a device or a folder named as the config file is refused, never waited on) and parses
 * it here; `loadConfig` reads a file the tool itself wrote.
 */
export function parseConfig(text: string, configPath: string): ConfigResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.map((e) => {
        const line = e.linePos?.[0]?.line;
        return diag('config.yaml', { detail: e.message.split('\n')[0] ?? '' }, { file: configPath, ...(line ? { row: line } : {}) });
      }),
    };
  }
  const lineOf = (p: readonly PropertyKey[]): number | undefined => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const result = validateConfig(doc.toJS(), configPath, lineOf);
  if (!result.ok) return result;
  return { ok: true, value: { config: result.config, dir: path.dirname(path.resolve(configPath)), file: configPath } };
}
