/**
 * `rapport template init [FIL]`: writes the starter template (see `starter.ts`) for an organisation to open in Word,
 * restyle and reword. Never overwrites a file unless asked to; written atomically like every output.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { publishFiles } from '../io/atomic-write.js';
import { buildStarterTemplate } from './starter.js';

/** The file `template init` writes when none is named. */
export const DEFAULT_TEMPLATE_FILE = 'rapportmall.docx';

export type TemplateInitResult =
  | { readonly ok: true; readonly path: string }
  /** The file exists and `force` was not given (the CLI exits 73, as `rapport init` does). */
  | { readonly ok: false; readonly reason: 'exists'; readonly path: string };

/**
 * Writes the starter template to `file` (default `rapportmall.docx` in the working folder). Throws PublishError from
 * `io/atomic-write.ts` when the file cannot be written.
 */
export async function templateInit(file: string = DEFAULT_TEMPLATE_FILE, options: { readonly force?: boolean } = {}): Promise<TemplateInitResult> {
  const target = path.resolve(file);
  if (existsSync(target) && !options.force) return { ok: false, reason: 'exists', path: target };
  const bytes = await buildStarterTemplate({ title: 'Mall för delårsrapport' });
  await publishFiles([{ path: target, bytes }]);
  return { ok: true, path: target };
}
