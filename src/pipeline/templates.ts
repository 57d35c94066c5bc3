/**
 * Loads the Handlebars templates: the built-in ones from templates/, each overridable by a file of the same name
 * in the organisation's own folder (config `templates`). Read through the input edge (`io/read-source.ts`).
 */
import path from 'node:path';
import { readTextFile } from '../io/read-source.js';
import { BUILTIN_TEMPLATES } from './paths.js';
import { compileTextTemplates, TEXT_TEMPLATES, type TextTemplateName, type TextTemplates } from '../report/texts.js';
import type { MarkdownTemplates } from '../render/markdown.js';
import type { DisplayUnit } from '../report/model.js';

async function readTemplate(rel: string, overrideDir: string | undefined): Promise<string> {
  const own = overrideDir ? await readTextFile(path.join(overrideDir, rel)) : null;
  if (own !== null) return own;
  const builtin = await readTextFile(path.join(BUILTIN_TEMPLATES, rel));
  if (builtin === null) throw new Error(`Den inbyggda mallen ${rel} saknas i installationen.`);
  return builtin;
}

export async function loadTextTemplates(overrideDir: string | undefined, unit: DisplayUnit): Promise<TextTemplates> {
  const sources = {} as Record<TextTemplateName, string>;
  for (const name of TEXT_TEMPLATES) sources[name] = await readTemplate(path.join('text', `${name}.hbs`), overrideDir);
  return compileTextTemplates(sources, unit);
}

export async function loadMarkdownTemplates(overrideDir: string | undefined): Promise<MarkdownTemplates> {
  return {
    report: await readTemplate('report.md.hbs', overrideDir),
    section: await readTemplate('section.md.hbs', overrideDir),
    table: await readTemplate('table.md.hbs', overrideDir),
  };
}
