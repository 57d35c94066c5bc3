/**
 * What filling a template would object to, found without a report: the template cannot be opened, a placeholder is
 * malformed or unknown (`findings.ts`), or a block in use needs a style the template lacks (by built-in name, so
 * Swedish Word's "Rubrik1" counts as heading 1). `rapport template check` (src/template/check.ts) lists these,
 * together with the accessibility checks.
 */
import { checkPlaceholders, finding, TemplateError, type TemplateFinding } from './findings.js';
import { DEFAULT_LIMITS } from './expressions.js';
import { readTemplate } from './fill.js';
import { TEMPLATE_BLOCKS } from './blocks.js';
import { readText } from './package.js';
import { readStyles, styleByName, STYLES_PART } from './styles.js';

export interface TemplateInspection {
  /** False when the file could not be opened as a Word package; `findings` then says why. */
  readonly readable: boolean;
  readonly findings: TemplateFinding[];
}

/** The template's problems for filling. Never throws for a bad file: an unreadable one gives one finding. */
export function inspectTemplate(bytes: Uint8Array, fileName: string): TemplateInspection {
  let read: ReturnType<typeof readTemplate>;
  try {
    read = readTemplate(bytes, fileName);
  } catch (e) {
    if (e instanceof TemplateError) return { readable: false, findings: [...e.findings] };
    throw e;
  }
  const { pkg, placeholders, braces } = read;
  const findings: TemplateFinding[] = [...checkPlaceholders(fileName, placeholders, braces, DEFAULT_LIMITS.maxPlaceholders).findings];
  for (const detail of pkg.removed ?? []) findings.push(finding(fileName, 'template.file.external-removed', { detail }));

  // Styles the blocks in use need.
  const styles = readStyles(readText(pkg, STYLES_PART));
  const needs = new Map<string, string>();
  for (const ph of placeholders) {
    if (ph.kind !== 'block') continue;
    const spec = Object.prototype.hasOwnProperty.call(TEMPLATE_BLOCKS, ph.block!.name) ? TEMPLATE_BLOCKS[ph.block!.name] : undefined;
    for (const style of spec?.styles ?? []) if (!needs.has(style)) needs.set(style, `{{> ${ph.block!.name}}}`);
  }
  for (const [style, usedBy] of needs) {
    if (!styleByName(styles, style)) findings.push(finding(fileName, 'template.style.missing', { style, usedBy }, { part: STYLES_PART }));
  }
  return { readable: true, findings };
}
