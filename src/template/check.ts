/**
 * `rapport template check FIL`: everything a template author should fix before the deadline, without a report —
 * unbalanced braces, unknown variables, helpers and blocks (with a "did you mean"), misplaced repeating-row markers,
 * styles the blocks need that the template lacks (the Word writer's `inspectTemplate`), and the accessibility checks
 * of `checkAccessibility` (language, title, headings, alt text, table headers, contrast).
 *
 * Findings with severity "error" make the command exit 78; warnings and info do not.
 */
import { checkAccessibility } from '../accessibility/index.js';
import { inspectTemplate, type TemplateFinding } from '../render/docx/index.js';

/** Checks a template's bytes. Never throws for a bad file: an unreadable one gives one finding. */
export function templateCheck(bytes: Uint8Array, fileName: string): TemplateFinding[] {
  const { readable, findings } = inspectTemplate(bytes, fileName);
  if (!readable) return findings;

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
