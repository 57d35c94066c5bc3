/**
 * The goal follow-up's entry at the file edge: reads every source the `goals:` config section names (relative to
 * the config file's folder), runs the readers and the id comparison with the previous export, and returns the
 * records with all diagnostics. Assessment (`assessGoals`) and layout (`buildGoalsSection`) are pure and separate.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GoalsConfig } from '../../config/goals-schema.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import { hasErrors, type ReadOptions } from '../table.js';
import type { ReadResult, SourceInput } from '../../model/records.js';
import { compareIndicatorIds } from './compare-indicators.js';
import { readGoals } from './read-goals.js';
import { readIndicators } from './read-indicators.js';
import { readInternalControl, readMeasures, readProjects, readUppdrag } from './read-lists.js';
import type { GoalsData } from '../../model/goals.js';

export interface LoadedGoals {
  /** The records; null when a source file is missing or any diagnostic is an error (the data must not be used). */
  readonly data: GoalsData | null;
  readonly diagnostics: readonly Diagnostic[];
  /** Source files that do not exist (the CLI exits 66). */
  readonly missing: readonly string[];
}

async function loadInput(dir: string, file: string): Promise<SourceInput | null> {
  try {
    return { bytes: await readFile(path.resolve(dir, file)), displayName: file };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return null;
    throw e;
  }
}

/**
 * Reads the goal exports named in `config.sources`. Example:
 * `const { data, diagnostics } = await loadGoals(loaded.dir, loaded.config.goals)`.
 */
export async function loadGoals(configDir: string, config: GoalsConfig, options: ReadOptions = {}): Promise<LoadedGoals> {
  const src = config.sources;
  const diagnostics: Diagnostic[] = [];
  const missing: string[] = [];
  // Several sources are usually sheets of one workbook: read each file once.
  const inputs = new Map<string, Promise<SourceInput | null>>();
  const read = async <S extends { file: string }, T>(
    spec: S | undefined,
    reader: (input: SourceInput, spec: S, options: ReadOptions) => Promise<ReadResult<T>>,
  ): Promise<T | null> => {
    if (!spec) return null;
    let pending = inputs.get(spec.file);
    if (!pending) {
      pending = loadInput(configDir, spec.file);
      inputs.set(spec.file, pending);
    }
    const input = await pending;
    if (!input) {
      if (!missing.includes(spec.file)) {
        missing.push(spec.file);
        diagnostics.push(diag('source.missing', { file: spec.file }, { file: spec.file }));
      }
      return null;
    }
    const r = await reader(input, spec, options);
    diagnostics.push(...r.diagnostics);
    return r.value;
  };
  // One after the other: several sources are often sheets of the same workbook, and diagnostics keep file order.
  const goals = await read(src.goals, readGoals);
  const indicators = await read(src.indicators, readIndicators);
  const previous = await read(src.previousIndicators, readIndicators);
  const uppdrag = await read(src.uppdrag, readUppdrag);
  const measures = await read(src.measures, readMeasures);
  const projects = await read(src.projects, readProjects);
  const internalControl = await read(src.internalControl, readInternalControl);
  if (indicators && previous && src.previousIndicators) {
    diagnostics.push(...compareIndicatorIds(indicators, previous, src.previousIndicators.file));
  }
  const ok = missing.length === 0 && !hasErrors(diagnostics);
  return {
    data: ok
      ? {
          goals: goals ?? [],
          indicators: indicators ?? [],
          uppdrag: uppdrag ?? [],
          measures: measures ?? [],
          projects: projects ?? [],
          internalControl: internalControl ?? [],
        }
      : null,
    diagnostics,
    missing,
  };
}
