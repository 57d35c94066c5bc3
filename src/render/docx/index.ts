export { renderDocx, buildDocument, MissingNarrativeError, type RenderDocxOptions } from './render-docx.js';
export { documentTitle, numberBlocks } from './report-text.js';
export { planTable, type TablePlan } from './table.js';
