/**
 * ReportModel → JSON: the model as it is, exact values included (money in öre, percentages as exact ratios), so
 * machines read the same figures the documents show. Documented in docs/report-model.md, with a JSON Schema in
 * docs/report-model.schema.json generated from `src/report/model-schema.ts`.
 */
import type { ReportModel } from '../report/model.js';

export function renderJson(model: ReportModel): string {
  return JSON.stringify(model, null, 2) + '\n';
}
