/**
 * ReportModel → JSON: the model as it is (the period as its code), exact values included (money in öre, percentages as exact ratios), so
 * machines read the same figures the documents show. Documented in docs/report-model.md, with a JSON Schema in
 * docs/report-model.schema.json generated from `src/report/model-schema.ts`.
 */
import type { ReportModel } from '../report/model.js';

/** The JSON document: the model as it is, but for the period, which it carries as its code ("2024-08"). */
export function renderJson(model: ReportModel): string {
  const document = { ...model, meta: { ...model.meta, period: model.meta.period.code } };
  return JSON.stringify(document, null, 2) + '\n';
}
