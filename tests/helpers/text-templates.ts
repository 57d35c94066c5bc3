import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileTextTemplates, TEXT_TEMPLATES, type TextTemplateName, type TextTemplates } from '../../src/report/texts.js';
import type { DisplayUnit } from '../../src/report/model.js';

/** The bundled drafted-sentence templates (templates/text/*.hbs), compiled as `rapport generate` compiles them. */
export function bundledTexts(unit: DisplayUnit = 'mnkr'): TextTemplates {
  const dir = join(import.meta.dirname, '../../templates/text');
  const sources = Object.fromEntries(TEXT_TEMPLATES.map((n) => [n, readFileSync(join(dir, `${n}.hbs`), 'utf8')])) as Record<TextTemplateName, string>;
  return compileTextTemplates(sources, unit);
}
