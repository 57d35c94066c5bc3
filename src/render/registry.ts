/**
 * The renderers by output format: a new format is one entry. Each turns the same ReportModel into bytes; the CLI
 * writes them. PDF is made from the Word file by LibreOffice (src/render/pdf.ts) in the generate command.
 */
import type { ReportModel } from '../report/model.js';
import { renderMarkdown, type MarkdownTemplates } from './markdown.js';
import { renderJson } from './json.js';
import { renderDocx } from './docx/index.js';
import { renderXlsx } from './xlsx.js';

export interface RenderContext {
  readonly markdownTemplates: MarkdownTemplates;
  readonly final: boolean;
}

export interface Renderer {
  readonly extension: string;
  render(model: ReportModel, ctx: RenderContext): Promise<Uint8Array | string>;
}

export const RENDERERS: Readonly<Record<string, Renderer>> = {
  json: { extension: 'json', render: async (m) => renderJson(m) },
  md: { extension: 'md', render: async (m, ctx) => renderMarkdown(m, ctx.markdownTemplates) },
  docx: { extension: 'docx', render: (m, ctx) => renderDocx(m, { final: ctx.final }) },
  xlsx: { extension: 'xlsx', render: (m) => renderXlsx(m) },
};

/** Formats the CLI accepts: the renderers, plus pdf (converted from docx by LibreOffice). */
export const FORMATS = [...Object.keys(RENDERERS), 'pdf'] as const;
