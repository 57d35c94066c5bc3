/**
 * The goal follow-up's readers run over the loaded inputs: every source the `goals:` config section names, already
 * read into bytes by the pipeline's loader (`pipeline/load-inputs.ts`, keyed by the file as the config names it),
 * then the id comparison with the previous export. Returns the records with all diagnostics. Assessment
 * (`assessGoals`) and layout (`buildGoalsSection`) are pure and separate.
 */
import type { GoalsConfig } from '../../config/goals-schema.js';
import type { Diagnostic } from '../../model/diagnostics.js';
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

/** The files the goal sources name, each once (several sources are usually sheets of one workbook). */
export function goalFiles(config: GoalsConfig): string[] {
  const s = config.sources;
  const files = [s.goals, s.indicators, s.previousIndicators, s.uppdrag, s.measures, s.projects, s.internalControl].flatMap((spec) => (spec ? [spec.file] : []));
  return [...new Set(files)];
}

/**
 * Reads the goal exports from their loaded bytes (`inputs`: file as the config names it → input). A file absent
 * from `inputs` leaves its sources unread and the data null (the loader has reported it).
 */
export async function readGoalInputs(config: GoalsConfig, inputs: ReadonlyMap<string, SourceInput>, options: ReadOptions = {}): Promise<LoadedGoals> {
  const src = config.sources;
  const diagnostics: Diagnostic[] = [];
  const missing: string[] = [];
  const read = async <S extends { file: string }, T>(
    spec: S | undefined,
    reader: (input: SourceInput, spec: S, options: ReadOptions) => Promise<ReadResult<T>>,
  ): Promise<T | null> => {
    if (!spec) return null;
    const input = inputs.get(spec.file);
    if (!input) {
      if (!missing.includes(spec.file)) missing.push(spec.file);
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
