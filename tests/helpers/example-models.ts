/**
 * Report models built in-process by the real pipeline, as `rapport generate --period 2024-08` builds them: for any
 * configuration, and for the example region (rapport.config.yaml at the repository root) — the region's own report and
 * every nämnd's and förvaltning's.
 */
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { buildUnitReport, runPipeline, selectUnits } from '../../src/pipeline/run.js';
import { loadTextTemplates } from '../../src/pipeline/templates.js';
import { loadLayout } from '../../src/pipeline/layout.js';
import { loadNarratives } from '../../src/pipeline/narratives.js';
import type { ReportModel } from '../../src/report/model.js';
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
