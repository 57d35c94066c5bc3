/**
 * The renderers by output format: a new format is one entry. Most turn the ReportModel into bytes; pdf is made from
 * the Word file by LibreOffice (src/render/pdf.ts). The generate command plans each unit's files through this table
 * and writes them.
 */
import type { ReportModel } from '../report/model.js';
import type { MarkdownTemplates } from './markdown.js';
import { renderJson } from './json.js';
import type { PdfBytesResult, WordDocument } from './pdf.js';
// The renderers' libraries (docx, exceljs, handlebars) are loaded when a format first needs them, so a run that
// writes only JSON, and every other command, starts without them.

export interface RenderContext {
  readonly markdownTemplates: MarkdownTemplates;
  readonly final: boolean;
}

/** A format made from the report model. */
export interface ModelRenderer {
  readonly extension: string;
  readonly from: 'model';
  render(model: ReportModel, ctx: RenderContext): Promise<Uint8Array | string>;
}

/**
 * A format made from the Word files' bytes, all of a run at once (pdf: one LibreOffice start for the batch); `name` is
 * a file's name without its extension. One result per document, in order: its bytes, or the error that names it.
 */
export interface WordFileRenderer {
  readonly extension: string;
  readonly from: 'docx';
  render(documents: readonly WordDocument[]): Promise<PdfBytesResult[]>;
}

export type Renderer = ModelRenderer | WordFileRenderer;

export const RENDERERS: Readonly<Record<string, Renderer>> = {
  json: { extension: 'json', from: 'model', render: async (m) => renderJson(m) },
  md: { extension: 'md', from: 'model', render: async (m, ctx) => (await import('./markdown.js')).renderMarkdown(m, ctx.markdownTemplates) },
  docx: { extension: 'docx', from: 'model', render: async (m, ctx) => (await import('./docx/index.js')).renderDocx(m, { final: ctx.final }) },
  xlsx: { extension: 'xlsx', from: 'model', render: async (m) => (await import('./xlsx.js')).renderXlsx(m) },
  pdf: { extension: 'pdf', from: 'docx', render: async (documents) => (await import('./pdf.js')).docxBatchToPdf(documents) },
};

/** Formats the CLI accepts. */
export const FORMATS: readonly string[] = Object.keys(RENDERERS);
