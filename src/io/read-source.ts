import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import type { SourceInput } from '../model/records.js';
import { DEFAULT_MAX_TEXT_BYTES } from './decode.js';
import { resolveFormat, type TableFormat } from './format.js';
import { DEFAULT_XLSX_LIMITS } from './xlsx.js';

/**
 * The only place an input touches the file system: a file → bytes + the name to use in messages. Everything after
 * this is a pure function of `SourceInput`. The pipeline's loader (`pipeline/load-inputs.ts`) reads every source
 * with `loadSource`; the commands read the files named on their command line with `readInputFile`.
 *
 * A file that is not there is `io.file-not-found` with `missing: true`, so the CLI exits 66 (missing input) rather
 * than 65 (bad data); a folder is `io.not-a-file`, an unreadable file `io.file-unreadable`.
 */

export type LoadResult =
  | { readonly ok: true; readonly input: SourceInput; readonly format: TableFormat }
  | { readonly ok: false; readonly missing: boolean; readonly diagnostic: Diagnostic };

export interface LoadableSpec {
  /** Path relative to the config file's folder (or absolute). */
  readonly file: string;
  readonly format?: 'auto' | 'csv' | 'xlsx';
}

export interface LoadOptions {
  /** Largest file read, in bytes. Default: the CSV or xlsx limit by format. */
  readonly maxBytes?: number;
}

/** The name a file of the config is called in messages: relative to the config's folder when inside it. */
export function displayNameOf(configDir: string, file: string): string {
  const full = path.resolve(configDir, file);
  const rel = path.relative(configDir, full);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : full;
}

/** A source of the config: read relative to the config's folder, format from the config, the name or the bytes. */
export async function loadSource(configDir: string, spec: LoadableSpec, options: LoadOptions = {}): Promise<LoadResult> {
  const declared = spec.format ?? 'auto';
  const displayName = displayNameOf(configDir, spec.file);
  // Before reading, the format can only be told from the config or the name; the larger limit applies if unsure.
  const xlsxByName = declared === 'xlsx' || (declared === 'auto' && /\.xls[xm]$/i.test(displayName));
  const limit = options.maxBytes ?? (xlsxByName ? DEFAULT_XLSX_LIMITS.maxFileBytes : Math.max(DEFAULT_MAX_TEXT_BYTES, DEFAULT_XLSX_LIMITS.maxFileBytes));
  const r = await readInputFile(path.resolve(configDir, spec.file), displayName, limit);
  return r.ok ? { ok: true, input: r.input, format: resolveFormat(r.input, declared) } : r;
}

/**
 * Any input file: `full` is the path to read, `displayName` how messages name it (as the user wrote it). Files over
 * `maxBytes` are refused before they are read (`io.file-too-large`).
 */
export async function readInputFile(
  full: string,
  displayName: string,
  maxBytes: number = Math.max(DEFAULT_MAX_TEXT_BYTES, DEFAULT_XLSX_LIMITS.maxFileBytes),
): Promise<{ readonly ok: true; readonly input: SourceInput } | { readonly ok: false; readonly missing: boolean; readonly diagnostic: Diagnostic }> {
  const loc = { file: displayName };
  try {
    const st = await stat(full);
    if (st.isDirectory()) return { ok: false, missing: false, diagnostic: diag('io.not-a-file', { file: displayName }, loc) };
    if (st.size > maxBytes) return { ok: false, missing: false, diagnostic: diag('io.file-too-large', { size: st.size, limit: maxBytes }, loc) };
    const buf = await readFile(full);
    return { ok: true, input: { bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), displayName } };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { ok: false, missing: true, diagnostic: diag('io.file-not-found', { file: displayName, path: full }, loc) };
    }
    const detail = code ?? (err instanceof Error ? err.message : String(err));
    return { ok: false, missing: false, diagnostic: diag('io.file-unreadable', { file: displayName, detail }, loc) };
  }
}

/**
 * A text file the tool reads whole (a narrative, a text template): its text (UTF-8), or null when it is not there.
 */
export async function readTextFile(full: string): Promise<string | null> {
  try {
    return await readFile(full, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** The names in a folder, or null when there is no such folder. */
export async function listFolder(full: string): Promise<string[] | null> {
  try {
    return await readdir(full);
  } catch {
    return null;
  }
}
