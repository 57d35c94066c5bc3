/**
 * `rapport template check FIL`: everything a template author should fix before the deadline, without a report —
 * unbalanced braces, unknown variables, helpers and blocks (with a "did you mean"), misplaced repeating-row markers,
 * styles the blocks need that the template lacks (by built-in name, so Swedish Word's "Rubrik1" counts as heading 1),
 * and the accessibility checks of `checkAccessibility` (language, title, headings, alt text, table headers, contrast).
 *
 * Findings with severity "error" make the command exit 78; warnings and info do not.
 */
import { checkAccessibility } from '../accessibility/index.js';
import { checkPlaceholders, finding, TemplateError, type TemplateFinding } from './findings.js';
import { DEFAULT_LIMITS } from './expressions.js';
import { readTemplate } from './fill.js';
import { TEMPLATE_BLOCKS } from './blocks.js';
import { readText } from './package.js';
import { readStyles, styleByName, STYLES_PART } from './styles.js';

/** Checks a template's bytes. Never throws for a bad file: an unreadable one gives one finding. */
export function templateCheck(bytes: Uint8Array, fileName: string): TemplateFinding[] {
  let read: ReturnType<typeof readTemplate>;
  try {
    read = readTemplate(bytes, fileName);
  } catch (e) {
    if (e instanceof TemplateError) return [...e.findings];
    throw e;
  }
  const { pkg, placeholders, braces } = read;
  const findings: TemplateFinding[] = [...checkPlaceholders(fileName, placeholders, braces, DEFAULT_LIMITS.maxPlaceholders).findings];

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

  // Accessibility of the template itself (what it contributes to every report made from it).
  for (const a of checkAccessibility(bytes)) {
    findings.push({ code: a.code, severity: a.severity, message: a.message, file: fileName, ...(a.part ? { part: a.part } : {}) });
  }
  return findings;
}

/** The exit code for a check's findings: 78 when any is an error, else 0. */
export function templateCheckExitCode(findings: readonly TemplateFinding[]): 0 | 78 {
  return findings.some((f) => f.severity === 'error') ? 78 : 0;
}
