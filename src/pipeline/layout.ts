/**
 * Finds and reads the report layout a configuration names (`report.layout`): a bundled layout by name
 * (templates/layouts/NAME.yaml, shipped in the package) or the organisation's own YAML file relative to the config
 * file; without the setting, the bundled `standard` layout (today's report). Read through the input edge.
 */
import path from 'node:path';
import { readTextFile, listFolder, displayNameOf } from '../io/read-source.js';
import { BUILTIN_TEMPLATES } from './paths.js';
import { parseLayout, type LayoutResult } from '../config/layout.js';
import type { LoadedConfig } from '../config/load-config.js';
import { diag } from '../messages/index.js';
import { DiagnosticError } from '../model/diagnostics.js';

export const BUNDLED_LAYOUTS = path.join(BUILTIN_TEMPLATES, 'layouts');
export const DEFAULT_LAYOUT = 'standard';

/** The names of the bundled layouts ("standard", …), sorted. */
export async function bundledLayoutNames(): Promise<string[]> {
  const names = (await listFolder(BUNDLED_LAYOUTS)) ?? [];
  return names.filter((n) => n.endsWith('.yaml')).map((n) => n.slice(0, -'.yaml'.length)).sort();
}

/** A bare name without a folder or a .yaml/.yml ending names a bundled layout; anything else is a file. */
export function isBundledName(name: string): boolean {
  return !/[\\/]/.test(name) && !/\.ya?ml$/i.test(name);
}

/** The path of a bundled layout's file. */
export function bundledLayoutFile(name: string): string {
  return path.join(BUNDLED_LAYOUTS, `${name}.yaml`);
}

/** Reads and checks the layout the configuration names. */
export async function loadLayout(loaded: LoadedConfig): Promise<LayoutResult> {
  const name = loaded.config.report.layout ?? DEFAULT_LAYOUT;
  const bundled = isBundledName(name);
  const full = bundled ? bundledLayoutFile(name) : path.resolve(loaded.dir, name);
  const shown = bundled ? `templates/layouts/${name}.yaml` : displayNameOf(loaded.dir, name);
  let text: string | null;
  try {
    text = await readTextFile(full, shown);
  } catch (e) {
    // A FIFO, device, folder, link loop or missing rights: its own diagnostic (exit 66), never a wait.
    if (e instanceof DiagnosticError) return { ok: false, diagnostics: [...e.diagnostics] };
    throw e;
  }
  if (text === null) {
    return { ok: false, diagnostics: [diag('layout.not-found', { name, config: loaded.file, known: (await bundledLayoutNames()).join(', ') }, { file: loaded.file })] };
  }
  return parseLayout(text, shown);
}
