/**
 * The Word writer: the default report (`renderDocx`) and an organisation's own template filled with a report
 * (`fillTemplate`, in `template/`). Other layers use only this entry; `src/template/` (the authoring tools `template
 * check` and `template init`) takes what it needs from here: `inspectTemplate` and `finishDocxPackage`.
 */
export { renderDocx, buildDocument, MissingNarrativeError, type RenderDocxOptions } from './render-docx.js';
export { documentTitle, numberBlocks } from './report-text.js';
export { planTable, type TablePlan } from './table.js';
export { finishDocxPackage } from './package-fixes.js';
export { fillTemplate, type FillTemplateOptions } from './template/fill.js';
export { inspectTemplate, type TemplateInspection } from './template/inspect.js';
export { TemplateError, findingToDiagnostic, type TemplateFinding } from './template/findings.js';
export { readReportDocument, ReportDocumentError, type ReportDocument, type FoundSlot, type MissingSlot, type RecordedSlot } from './slots/read.js';
export { fileHash } from './slots/package.js';
export type { RevisionChoice } from './slots/to-markdown.js';
