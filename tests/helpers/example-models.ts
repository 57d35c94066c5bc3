/**
 * Report models built in-process by the real pipeline, as `rapport generate --period 2024-08` builds them: for any
 * configuration, and for the example region (rapport.config.yaml at the repository root) — the region's own report and
 * every nämnd's and förvaltning's.
 */
import path from 'node:path';
import { loadConfig, type LoadedConfig } from '../../src/config/load-config.js';
import { parseLayout } from '../../src/config/layout.js';
import { buildUnitReport, runPipeline, selectUnits, type LoadedData } from '../../src/pipeline/run.js';
import { loadTextTemplates } from '../../src/pipeline/templates.js';
import { loadLayout } from '../../src/pipeline/layout.js';
import { loadNarratives } from '../../src/pipeline/narratives.js';
import type { OrgNode } from '../../src/calc/hierarchy.js';
import type { Block, ReportModel, Section, Table } from '../../src/report/model.js';
import type { TextTemplates } from '../../src/report/texts.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';

/** The August 2024 report of every unit the configuration's `report.unitLevels` names. */
/** `warnings` become the reports' caveats, as the run's warnings do in a draft made by `rapport generate`. */
export async function unitModels(configFile: string, warnings: readonly Diagnostic[] = []): Promise<ReportModel[]> {
  const cfg = await loadConfig(configFile);
  if (!cfg.ok) throw new Error(`config: ${JSON.stringify(cfg.diagnostics)}`);
  const loaded = cfg.value;
  const period = { year: 2024, month: 8 };
  const result = await runPipeline(loaded, period);
  if (!result.data) throw new Error(`pipeline: ${JSON.stringify(result.diagnostics.errors())}`);
  const units = selectUnits(result.data.hierarchy, loaded.config.report.unitLevels, undefined);
  if (!Array.isArray(units)) throw new Error('units');
  const templatesDir = loaded.config.templates ? path.resolve(loaded.dir, loaded.config.templates) : undefined;
  const texts = await loadTextTemplates(templatesDir, loaded.config.units.text);
  const layout = await loadLayout(loaded);
  if (!layout.ok) throw new Error(`layout: ${JSON.stringify(layout.diagnostics)}`);
  const narrativeDir = loaded.config.narrative ? path.resolve(loaded.dir, loaded.config.narrative) : undefined;
  const out: ReportModel[] = [];
  for (const unit of units) {
    const narratives = await loadNarratives(narrativeDir, unit.id);
    out.push(buildUnitReport(result.data, unit, { loaded, texts, layout: layout.value.layout, narratives, warnings }));
  }
  return out;
}

let models: Promise<ReportModel[]> | undefined;

/** The example region's unit reports, the region's own first, with one note to the authors as a draft has. */
export function exampleModels(): Promise<ReportModel[]> {
  models ??= unitModels(path.resolve('rapport.config.yaml'), [{ code: 'ledger.forecast-unused', severity: 'warning', message: 'Prognosen är preliminär.' }]);
  return models;
}

/** The example region's configuration, its data for August 2024 and its text templates (the built-in ones). */
export interface ExampleRun {
  readonly loaded: LoadedConfig;
  readonly data: LoadedData;
  readonly texts: TextTemplates;
}

/** Loads rapport.config.yaml at the repository root and runs the pipeline for 2024-08, as `rapport generate` does. */
export async function exampleRun(): Promise<ExampleRun> {
  const cfg = await loadConfig(path.resolve('rapport.config.yaml'));
  if (!cfg.ok) throw new Error('config');
  const loaded = cfg.value;
  const run = await runPipeline(loaded, { year: 2024, month: 8 });
  if (!run.data) throw new Error('pipeline');
  const texts = await loadTextTemplates(undefined, loaded.config.units.text);
  return { loaded, data: run.data, texts };
}

/**
 * The report of `unit` (the root unless given) with the layout `layoutText`, read as the file `fileName`, built from
 * `data` (the run's unless given: a test may swap in other goal results), with no narratives and no warnings.
 */
export function reportWithLayout(run: ExampleRun, layoutText: string, fileName: string, o: { unit?: OrgNode; data?: LoadedData } = {}): ReportModel {
  const parsed = parseLayout(layoutText, fileName);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  const data = o.data ?? run.data;
  return buildUnitReport(data, o.unit ?? data.hierarchy.root, { loaded: run.loaded, texts: run.texts, layout: parsed.value.layout, narratives: new Map(), warnings: [] });
}

/** The unit of this name in the data's organisation. */
export function unitNamed(data: LoadedData, name: string): OrgNode {
  const node = [...data.hierarchy.byId.values()].find((n) => n.name === name);
  if (!node) throw new Error(`no unit named ${name}`);
  return node;
}

/** Every table of these sections and of the sections within them, in order. */
export function tablesOf(sections: readonly Section[]): Table[] {
  return sections.flatMap((s) => [...s.blocks.filter((b: Block): b is Table => b.type === 'table'), ...tablesOf(s.sections)]);
}
