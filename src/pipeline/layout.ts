/**
 * Finds and reads the report layout a configuration names (`report.layout`): a bundled layout by name
 * (templates/layouts/NAME.yaml, shipped in the package) or the organisation's own YAML file relative to the config
 * file; without the setting, the bundled `standard` layout (today's report). Read through the input edge.
 *
 * A bundled layout is also kept parsed and checked by `npm run build` (dist/layouts/NAME.json with the SHA-256 of
 * the YAML it was made from, scripts/prebuild-layouts.mjs): parsing and checking the YAML took ~40 ms of every
 * `generate`. It is used only by the built program (made by the same build, with the same schema) and only when the
 * YAML read now has that hash; the YAML is parsed again only if a check against the sources asks for a setting's
 * line. Run from the TypeScript sources (the tests), the YAML is always parsed: a schema changed since the last
 * build must not meet a layout parsed by the old one.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readTextFile, listFolder, displayNameOf } from '../io/read-source.js';
import { BUILTIN_TEMPLATES, PACKAGE_ROOT } from './paths.js';
import { parseLayout, type LayoutPath, type LayoutResult } from '../config/layout.js';
import type { Layout } from '../config/layout-schema.js';
import type { LoadedConfig } from '../config/load-config.js';
import { diag } from '../messages/index.js';
import { DiagnosticError } from '../model/diagnostics.js';

export const BUNDLED_LAYOUTS = path.join(BUILTIN_TEMPLATES, 'layouts');
export const DEFAULT_LAYOUT = 'standard';
/** The bundled layouts parsed and checked by `npm run build`. */
export const PREPARSED_LAYOUTS = path.join(PACKAGE_ROOT, 'dist', 'layouts');
/** Running from the TypeScript sources (as the tests do), not from the build: see the module comment. */
const FROM_SOURCES = !import.meta.url.endsWith('.js');

/** What dist/layouts/NAME.json holds. */
export interface PreparsedLayout {
  /** SHA-256 (hex) of the YAML text it was made from. */
  readonly sha256: string;
  readonly layout: Layout;
}

/** The hash a pre-parsed layout is matched with. */
export function layoutTextHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

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
  return (bundled && !FROM_SOURCES ? await preparsed(name, text, shown) : null) ?? parseLayout(text, shown);
}

/** The bundled layout `name` as `npm run build` parsed it, when that was from this very text; else null. */
export async function preparsed(name: string, text: string, shown: string): Promise<LayoutResult | null> {
  let cached: Partial<PreparsedLayout>;
  try {
    const json = await readTextFile(path.join(PREPARSED_LAYOUTS, `${name}.json`));
    if (json === null) return null;
    cached = JSON.parse(json) as Partial<PreparsedLayout>;
  } catch {
    return null; // not built, or unreadable: the YAML is parsed
  }
  if (cached.sha256 !== layoutTextHash(text) || typeof cached.layout !== 'object' || cached.layout === null) return null;
  let full: LayoutResult | null = null;
  const lineOf = (p: LayoutPath): number | undefined => {
    full ??= parseLayout(text, shown);
    return full.ok ? full.value.lineOf(p) : undefined;
  };
  return { ok: true, value: { layout: cached.layout, file: shown, lineOf } };
}
