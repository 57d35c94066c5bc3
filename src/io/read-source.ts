import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import type { SourceInput } from '../model/records.js';
import { resolveFormat, type TableFormat } from '../sources/table.js';
import { DEFAULT_MAX_TEXT_BYTES } from './decode.js';
import { DEFAULT_XLSX_LIMITS } from './xlsx.js';

/**
 * The only place a reader's input touches the file system: a source spec's file → bytes + the name to use in
 * messages. Everything after this is a pure function of `SourceInput`.
 *
 * A missing file is reported with `missing: true` (`io.file-not-found`) so the CLI can exit 66 (missing input)
 * rather than 65 (bad data).
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

export async function loadSource(configDir: string, spec: LoadableSpec, options: LoadOptions = {}): Promise<LoadResult> {
  const full = path.resolve(configDir, spec.file);
  const rel = path.relative(configDir, full);
  const displayName = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : full;
  const loc = { file: displayName };
  try {
    const st = await stat(full);
    if (st.isDirectory()) return { ok: false, missing: false, diagnostic: diag('io.not-a-file', { file: displayName }, loc) };
    const declared = spec.format ?? 'auto';
    // Before reading, the format can only be told from the config or the name; the larger limit applies if unsure.
    const xlsxByName = declared === 'xlsx' || (declared === 'auto' && /\.xls[xm]$/i.test(displayName));
    const limit = options.maxBytes ?? (xlsxByName ? DEFAULT_XLSX_LIMITS.maxFileBytes : Math.max(DEFAULT_MAX_TEXT_BYTES, DEFAULT_XLSX_LIMITS.maxFileBytes));
    if (st.size > limit) return { ok: false, missing: false, diagnostic: diag('io.file-too-large', { size: st.size, limit }, loc) };
    const buf = await readFile(full);
    const input: SourceInput = { bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), displayName };
    return { ok: true, input, format: resolveFormat(input, declared) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { ok: false, missing: true, diagnostic: diag('io.file-not-found', { file: displayName, path: full }, loc) };
    }
    const detail = code ?? (err instanceof Error ? err.message : String(err));
    return { ok: false, missing: false, diagnostic: diag('io.file-unreadable', { file: displayName, detail }, loc) };
  }
}
