/**
 * The input edge: every file a run reads from its configuration — the economy sources, the goal exports, the HR
 * extracts — is read here, once, before anything is parsed, through `io/read-source.ts`. The readers get bytes
 * (`SourceInput`), never paths. A file that is not there is `io.file-not-found` (exit 66); then nothing is read.
 * The one exception is the ledger, which may be of any size: a CSV ledger is found, opened and checked here but
 * not read (`StreamedInput`); its reader streams it in chunks straight into the aggregation, so memory does not grow
 * with the file.
 *
 * Narratives and text templates (person-written and organisation-written text) are read through the same edge by
 * `narratives.ts` and `templates.ts`; the commands read the files named on their command line with `readInputFile`.
 */
import type { LoadedConfig } from '../config/load-config.js';
import type { GoalsConfig } from '../config/goals-schema.js';
import type { PersonnelConfig } from '../config/personnel-schema.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { LoadedSource, SourceInput } from '../model/records.js';
import { loadSource, loadStreamedSource, type LoadableSpec, type StreamLoadResult } from '../io/read-source.js';
import { goalFiles, readGoalInputs, type LoadedGoals } from '../sources/goals/index.js';
import { personnelSources, readPersonnelInputs, type LoadPersonnelResult, type PersonnelInputs } from '../sources/heroma/load.js';

/** Every source of a run as bytes. Optional sources the config does not name are null. */
export interface RunInputs {
  /** Bytes for an xlsx ledger; a CSV ledger is streamed by its reader. */
  readonly ledger: LoadedSource;
  readonly organisation: SourceInput;
  readonly accountGroups: SourceInput;
  readonly investments: SourceInput | null;
  readonly forecasts: SourceInput | null;
  /** The goal exports by file as the config names it (each file once); null without `goals:`. */
  readonly goals: ReadonlyMap<string, SourceInput> | null;
  /** The HR extracts; null without `personnel:`. */
  readonly personnel: PersonnelInputs | null;
  /** The downloaded Kolada file; null without `kolada:`. */
  readonly kolada: SourceInput | null;
}

export interface LoadedInputs {
  /** Null when any file could not be read (see diagnostics). */
  readonly inputs: RunInputs | null;
  readonly diagnostics: readonly Diagnostic[];
  /** Files that do not exist (exit 66), as the config names them. */
  readonly missing: readonly string[];
}

/** Reads files of one config folder, each path once, collecting what went wrong. */
class Loader {
  readonly diagnostics: Diagnostic[] = [];
  readonly missing: string[] = [];
  private failed = false;
  private readonly pending = new Map<string, Promise<SourceInput | null>>();

  constructor(private readonly dir: string) {}

  load(spec: LoadableSpec): Promise<SourceInput | null> {
    let p = this.pending.get(spec.file);
    if (!p) {
      p = loadSource(this.dir, spec).then((r) => this.settle(spec, r));
      this.pending.set(spec.file, p);
    }
    return p;
  }

  /** A source of any size (the ledger): checked, and streamed later by its reader unless it is a workbook. */
  stream(spec: LoadableSpec): Promise<LoadedSource | null> {
    return loadStreamedSource(this.dir, spec).then((r) => this.settle(spec, r));
  }

  private settle<T extends LoadedSource>(spec: LoadableSpec, r: { ok: true; input: T } | Exclude<StreamLoadResult, { ok: true }>): T | null {
    if (r.ok) return r.input;
    this.failed = true;
    this.diagnostics.push(r.diagnostic);
    if (r.missing) this.missing.push(spec.file);
    return null;
  }

  optional(spec: LoadableSpec | undefined): Promise<SourceInput | null> {
    return spec ? this.load(spec) : Promise.resolve(null);
  }

  get ok(): boolean {
    return !this.failed;
  }
}

async function loadGoalFiles(loader: Loader, config: GoalsConfig): Promise<Map<string, SourceInput>> {
  const out = new Map<string, SourceInput>();
  const s = config.sources;
  const specs = [s.goals, s.indicators, s.previousIndicators, s.uppdrag, s.measures, s.projects, s.internalControl];
  for (const file of goalFiles(config)) {
    const spec = specs.find((x) => x?.file === file)!;
    const input = await loader.load(spec);
    if (input) out.set(file, input);
  }
  return out;
}

async function loadPersonnelFiles(loader: Loader, config: PersonnelConfig): Promise<PersonnelInputs> {
  const s = personnelSources(config);
  // The large extracts are streamed by their readers (no size limit, never held whole); the small ones read whole.
  const stream = (spec: LoadableSpec | undefined) => (spec ? loader.stream(spec) : Promise.resolve(null));
  const [employments, absence, hiredStaff, rehab, workEnvironment] = await Promise.all([
    stream(s.employments), stream(s.absence), stream(s.hiredStaff), loader.optional(s.rehab), loader.optional(s.workEnvironment),
  ]);
  return { employments, absence, hiredStaff, rehab, workEnvironment };
}

/** Reads every source file of the config. */
export async function loadInputs(loaded: LoadedConfig): Promise<LoadedInputs> {
  const { config, dir } = loaded;
  const src = config.sources;
  const loader = new Loader(dir);
  // The Kolada file is JSON or CSV: read as bytes (its reader tells the two apart), never as a workbook.
  const koladaSpec = config.kolada ? { file: config.kolada.file, format: 'csv' as const } : undefined;
  const [ledger, organisation, accountGroups, investments, forecasts, goals, personnel, kolada] = await Promise.all([
    loader.stream(src.ledger),
    loader.load(src.organisation),
    loader.load(src.accountGroups),
    loader.optional(src.investments),
    loader.optional(src.forecasts),
    config.goals ? loadGoalFiles(loader, config.goals) : Promise.resolve(null),
    config.personnel ? loadPersonnelFiles(loader, config.personnel) : Promise.resolve(null),
    loader.optional(koladaSpec),
  ]);
  const inputs = loader.ok ? { ledger: ledger!, organisation: organisation!, accountGroups: accountGroups!, investments, forecasts, goals, personnel, kolada } : null;
  return { inputs, diagnostics: loader.diagnostics, missing: loader.missing };
}

/** The goal exports of a `goals:` section read from their folder (tests and tools; the pipeline uses `loadInputs`). */
export async function loadGoals(configDir: string, config: GoalsConfig): Promise<LoadedGoals> {
  const loader = new Loader(configDir);
  const inputs = await loadGoalFiles(loader, config);
  const read = await readGoalInputs(config, inputs);
  return { data: loader.ok ? read.data : null, diagnostics: [...loader.diagnostics, ...read.diagnostics], missing: loader.missing };
}

/** The HR extracts of a `personnel:` section read from their folder (tests and tools; the pipeline uses `loadInputs`). */
export async function loadPersonnel(configDir: string, config: PersonnelConfig): Promise<LoadPersonnelResult> {
  const loader = new Loader(configDir);
  const inputs = await loadPersonnelFiles(loader, config);
  const read = await readPersonnelInputs(config, inputs);
  return { data: loader.ok ? read.data : null, diagnostics: [...loader.diagnostics, ...read.diagnostics], missing: loader.missing };
}

/** Every file of the inputs, each once, in a fixed order (the ledger may be streamed: a path, no bytes). */
export function sourceInputsOf(inputs: RunInputs): LoadedSource[] {
  const all = [inputs.ledger, inputs.organisation, inputs.accountGroups, inputs.investments, inputs.forecasts, ...(inputs.goals?.values() ?? [])];
  if (inputs.personnel) all.push(...Object.values(inputs.personnel));
  all.push(inputs.kolada);
  const seen = new Set<string>();
  return all.filter((i): i is LoadedSource => !!i && !seen.has(i.displayName) && (seen.add(i.displayName), true));
}
