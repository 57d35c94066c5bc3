import { open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import type { LoadedSource, SourceInput, StreamedInput } from '../model/records.js';
import { DEFAULT_MAX_TEXT_BYTES, sniffFormat } from './decode.js';
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

export type StreamLoadResult =
  | { readonly ok: true; readonly input: LoadedSource; readonly format: TableFormat }
  | { readonly ok: false; readonly missing: boolean; readonly diagnostic: Diagnostic };

/**
 * A source that may be of any size (the ledger): a delimited-text file is not read here but checked — it exists, is
 * a file, can be opened and is no workbook — and handed over as a `StreamedInput` its reader reads in chunks, so no
 * size limit applies. A workbook (by the config, its name, or, for a name that says nothing, its first bytes) is read
 * whole as `loadSource` reads it, within the xlsx limits.
 */
export async function loadStreamedSource(configDir: string, spec: LoadableSpec): Promise<StreamLoadResult> {
  const declared = spec.format ?? 'auto';
  const displayName = displayNameOf(configDir, spec.file);
  const ext = /\.([^./\\]+)$/.exec(displayName)?.[1]?.toLowerCase() ?? '';
  if (declared === 'xlsx' || (declared === 'auto' && (ext === 'xlsx' || ext === 'xlsm'))) return loadSource(configDir, spec);
  const full = path.resolve(configDir, spec.file);
  const loc = { file: displayName };
  try {
    const st = await stat(full);
    if (st.isDirectory()) return { ok: false, missing: false, diagnostic: diag('io.not-a-file', { file: displayName }, loc) };
    // Opened once to find out now, not halfway through the run, that it cannot be read; the first bytes tell a
    // workbook whose name says nothing.
    const fh = await open(full, 'r');
    const head = new Uint8Array(8);
    try {
      await fh.read(head, 0, head.length, 0);
    } finally {
      await fh.close();
    }
    const byName = ext === 'csv' || ext === 'txt' || ext === 'tsv' || ext === 'skv';
    if (declared === 'auto' && !byName && sniffFormat(head) === 'zip') return loadSource(configDir, spec);
    const input: StreamedInput = { displayName, path: full, size: st.size };
    return { ok: true, input, format: 'csv' };
  } catch (err) {
    return readError(err, full, displayName);
  }
}

/**
 * The bytes of a streamed source, whole, for a reader that needs them so (the general reader, when the streaming
 * reader hands a file over): null when it is larger than `maxBytes` (the caller reports `io.file-too-large`).
 * Read errors throw; `readStreamError` turns them into the diagnostic.
 */
export async function readStreamedWhole(input: StreamedInput, maxBytes: number): Promise<Uint8Array | null> {
  const size = (await stat(input.path)).size;
  if (size > maxBytes) return null;
  const buf = await readFile(input.path);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** A file that could not be read while it was streamed (it went away, a disk error): the diagnostic. */
export function streamReadDiagnostic(err: unknown, input: StreamedInput): Diagnostic {
  return readError(err, input.path, input.displayName).diagnostic;
}

function readError(err: unknown, full: string, displayName: string): { readonly ok: false; readonly missing: boolean; readonly diagnostic: Diagnostic } {
  const loc = { file: displayName };
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return { ok: false, missing: true, diagnostic: diag('io.file-not-found', { file: displayName, path: full }, loc) };
  }
  const detail = code ?? (err instanceof Error ? err.message : String(err));
  return { ok: false, missing: false, diagnostic: diag('io.file-unreadable', { file: displayName, detail }, loc) };
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
    return readError(err, full, displayName);
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
