/**
 * The single entry for the pipeline: the `personnel:` config and every HR extract, as the pipeline's loader
 * (`pipeline/load-inputs.ts`) hands them over → read, pseudonymised and checked. The employment, absence and
 * hired-staff extracts come as files to stream (read in chunks by rows.ts through io/read-source.ts, never whole);
 * the small ones as bytes.
 */
import type { PersonnelConfig } from '../../config/personnel-schema.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { ReadOptions } from '../table.js';
import { isStreamed, type LoadedSource, type SourceInput, type StreamedInput } from '../../model/records.js';
import { newHrReadContext, readAbsence, readEmployments } from './read-hr.js';
import { readHiredStaff, readRehab, readWorkEnvironment } from './read-small.js';
import { categoryKey, type PersonnelData, type WorkEnvironmentEvent } from '../../model/personnel.js';
import { diag } from '../../messages/index.js';
import { didYouMean } from '../../messages/suggest.js';

export interface LoadPersonnelResult {
  /** null when a required extract is missing or unreadable (see diagnostics). */
  readonly data: PersonnelData | null;
  readonly diagnostics: readonly Diagnostic[];
  /** Files that do not exist (the CLI exits 66). */
  readonly missing: readonly string[];
}

/** The sources of the personnel config, by their role. */
export function personnelSources(config: PersonnelConfig): Readonly<Record<keyof PersonnelInputs, { file: string; format: 'auto' | 'csv' | 'xlsx' } | undefined>> {
  const s = config.sources;
  return { employments: s.employments, absence: s.absence, hiredStaff: s.hiredStaff, rehab: s.rehab, workEnvironment: s.workEnvironment };
}

export interface PersonnelInputs {
  /** The large extracts: streamed from their files in chunks (or bytes, in tests). */
  readonly employments: LoadedSource | null;
  readonly absence: LoadedSource | null;
  readonly hiredStaff?: LoadedSource | null;
  readonly rehab?: SourceInput | null;
  readonly workEnvironment?: SourceInput | null;
}

/**
 * Reads already-loaded inputs (pure apart from the run's random pseudonymisation key; pass `key` in tests).
 */
export async function readPersonnelInputs(
  config: PersonnelConfig,
  inputs: PersonnelInputs,
  options: ReadOptions = {},
  key?: Uint8Array,
): Promise<{ data: PersonnelData; diagnostics: Diagnostic[]; inputs: PersonnelInputs }> {
  const ctx = newHrReadContext(config, options, key);
  // A streamed extract's reader hashed it as it read it: the inputs handed back carry that for the manifest.
  const read: { -readonly [K in keyof PersonnelInputs]: PersonnelInputs[K] } = { ...inputs };
  const note = (role: 'employments' | 'absence' | 'hiredStaff', r: { digest?: StreamedInput['digest'] }): void => {
    const input = inputs[role];
    if (r.digest && input && isStreamed(input)) read[role] = { ...input, digest: r.digest };
  };
  const diagnostics: Diagnostic[] = [];
  const s = config.sources;
  let employments: PersonnelData['employments'] = [];
  let columns: PersonnelData['columns'] = { overtime: false, hourlyPaid: false, onCall: false };
  if (inputs.employments) {
    const r = await readEmployments(inputs.employments, s.employments, ctx);
    note('employments', r);
    diagnostics.push(...r.diagnostics);
    employments = r.value.employments;
    columns = r.value.columns;
  }
  let sickLeave: PersonnelData['sickLeave'] = [];
  if (inputs.absence) {
    const r = await readAbsence(inputs.absence, s.absence, ctx);
    note('absence', r);
    diagnostics.push(...r.diagnostics);
    sickLeave = r.value;
  }
  const optional = async <T, S>(input: SourceInput | null | undefined, spec: S | undefined, read: (i: SourceInput, s: S, o: ReadOptions) => Promise<{ value: T; diagnostics: readonly Diagnostic[] }>): Promise<T | null> => {
    if (!input || spec === undefined) return null;
    const r = await read(input, spec, options);
    diagnostics.push(...r.diagnostics);
    return r.value;
  };
  let hiredStaff: PersonnelData['hiredStaff'] = null;
  if (inputs.hiredStaff && s.hiredStaff) {
    const r = await readHiredStaff(inputs.hiredStaff, s.hiredStaff, options);
    note('hiredStaff', r);
    diagnostics.push(...r.diagnostics);
    hiredStaff = r.value;
  }
  const rehab = await optional(inputs.rehab, s.rehab, readRehab);
  const workEnvironment = await optional(inputs.workEnvironment, s.workEnvironment, readWorkEnvironment);
  if (workEnvironment && inputs.workEnvironment && s.workEnvironment?.categories && s.workEnvironment.columns.category) {
    diagnostics.push(...unmatchedCategories(s.workEnvironment.categories, workEnvironment, inputs.workEnvironment.displayName, s.workEnvironment.columns.category));
  }
  return {
    data: {
      persons: ctx.persons.all(ctx.pseudonymiser.size),
      employments,
      sickLeave,
      hiredStaff,
      rehab,
      workEnvironment,
      workEnvironmentCategories: workEnvironment && s.workEnvironment?.categories ? s.workEnvironment.categories : null,
      columns,
    },
    diagnostics,
    inputs: read,
  };
}

/**
 * A configured category that no event of the extract has: its row shows 0 for every unit, which a misspelling also
 * gives. Near a category the file has, it is a warning naming that one (a likely misspelling); otherwise an info,
 * since a category without events is possible (seed 002 prints "varav stickskador 0").
 */
function unmatchedCategories(categories: readonly string[], events: readonly WorkEnvironmentEvent[], file: string, column: string): Diagnostic[] {
  const found = new Set(events.map((e) => e.category).filter((c): c is string => c !== null));
  const keys = new Set([...found].map(categoryKey));
  return categories
    .filter((c) => !keys.has(categoryKey(c)))
    .map((c) => {
      const suggestion = didYouMean(c, found);
      return suggestion !== ''
        ? diag('personnel.workEnvironment.category.unmatched', { value: c, column, suggestion }, { file, column })
        : diag('personnel.workEnvironment.category.none', { value: c, column }, { file, column });
    });
}
