/**
 * The renderers by output format: a new format is one entry. Most turn the ReportModel into bytes; pdf is made from
 * the Word file by LibreOffice (src/render/pdf.ts). The generate command plans each unit's files through this table
 * and writes them.
 */
import type { ReportModel } from '../report/model.js';
import { renderMarkdown, type MarkdownTemplates } from './markdown.js';
import { renderJson } from './json.js';
import { renderDocx } from './docx/index.js';
import { renderXlsx } from './xlsx.js';
import { docxToPdf } from './pdf.js';

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

/** A format made from the Word file's bytes; `name` is the file's name without its extension. */
export interface WordFileRenderer {
  readonly extension: string;
  readonly from: 'docx';
  render(docx: Uint8Array, name: string): Promise<Uint8Array>;
}

export type Renderer = ModelRenderer | WordFileRenderer;

export const RENDERERS: Readonly<Record<string, Renderer>> = {
  json: { extension: 'json', from: 'model', render: async (m) => renderJson(m) },
  md: { extension: 'md', from: 'model', render: async (m, ctx) => renderMarkdown(m, ctx.markdownTemplates) },
  docx: { extension: 'docx', from: 'model', render: (m, ctx) => renderDocx(m, { final: ctx.final }) },
  xlsx: { extension: 'xlsx', from: 'model', render: (m) => renderXlsx(m) },
  pdf: { extension: 'pdf', from: 'docx', render: (docx, name) => docxToPdf(docx, name) },
};

/** Formats the CLI accepts. */
export const FORMATS: readonly string[] = Object.keys(RENDERERS);
