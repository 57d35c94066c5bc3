import { constants as fsConstants, type Stats } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import { DiagnosticError } from '../model/diagnostics.js';
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
    const before = notRegular(st, displayName);
    if (before) return before;
    // Opened once to find out now, not halfway through the run, that it cannot be read; the first bytes tell a
    // workbook whose name says nothing. O_NONBLOCK and fstat: a path swapped for a FIFO cannot block (readRegularFile).
    const fh = await open(full, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    const head = new Uint8Array(8);
    try {
      const after = notRegular(await fh.stat(), displayName);
      if (after) return after;
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
 * The bytes of a streamed source, whole, for a reader that needs them so (`rapport explain`'s trace of the ledger's
 * lines; both ledger readers stream): null when it is larger than `maxBytes` (the caller reports `io.file-too-large`).
 * Read errors throw; `readStreamError` turns them into the diagnostic.
 */
export async function readStreamedWhole(input: StreamedInput, maxBytes: number): Promise<Uint8Array | null> {
  const size = (await stat(input.path)).size;
  if (size > maxBytes) return null;
  const buf = await readFile(input.path);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * The bytes of a streamed source in pieces of `size` bytes, in order, never held whole. Each piece is a view of one
 * buffer that the next piece overwrites: a reader copies what it keeps (the CSV tokenizer does). Read errors throw;
 * `streamReadDiagnostic` turns them into the diagnostic.
 */
export async function* readStreamedChunks(input: StreamedInput, size = 1 << 20): AsyncGenerator<Uint8Array> {
  const fh = await open(input.path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  try {
    const buf = new Uint8Array(size);
    let pos = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, size, pos);
      if (bytesRead === 0) return;
      pos += bytesRead;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** A file that could not be read while it was streamed (it went away, a disk error): the diagnostic. */
export function streamReadDiagnostic(err: unknown, input: StreamedInput): Diagnostic {
  return readError(err, input.path, input.displayName).diagnostic;
}

/** A folder, FIFO, socket or device where a file should be: its diagnostic (exit 66), or null for a regular file. */
function notRegular(st: Stats, displayName: string): { readonly ok: false; readonly missing: false; readonly diagnostic: Diagnostic } | null {
  const loc = { file: displayName };
  if (st.isDirectory()) return { ok: false, missing: false, diagnostic: diag('io.not-a-file', { file: displayName }, loc) };
  if (!st.isFile()) return { ok: false, missing: false, diagnostic: diag('io.not-regular-file', { file: displayName, kind: kindOf(st) }, loc) };
  return null;
}

function readError(err: unknown, full: string, displayName: string): { readonly ok: false; readonly missing: boolean; readonly diagnostic: Diagnostic } {
  const loc = { file: displayName };
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return { ok: false, missing: true, diagnostic: diag('io.file-not-found', { file: displayName, path: full }, loc) };
  }
  if (code === 'ELOOP') return { ok: false, missing: false, diagnostic: diag('io.symlink-loop', { file: displayName }, loc) };
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, missing: false, diagnostic: diag('io.permission-denied', { file: displayName }, loc) };
  if (code === 'EISDIR') return { ok: false, missing: false, diagnostic: diag('io.not-a-file', { file: displayName }, loc) };
  const detail = code ? `felkod ${code}` : err instanceof Error ? err.message : String(err);
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
  const r = await readRegularFile(full, displayName, maxBytes);
  return r.ok ? { ok: true, input: { bytes: r.bytes, displayName } } : r;
}

/** What a file that is not a regular file is, in Swedish. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'en namngiven rörledning (FIFO)';
  if (st.isSocket()) return 'en socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'en enhetsfil';
  return 'ingen vanlig fil';
}

/**
 * Reads a regular file whole, and nothing else: the path is checked with stat (a folder, a FIFO, a socket or a device
 * is refused with a diagnostic before anything is opened), then opened with O_NONBLOCK — so a path swapped for a
 * FIFO in between cannot make the open wait for a writer for ever — and checked again on the open descriptor
 * (fstat) before a byte is read. A symbolic-link loop (ELOOP) and missing rights (EACCES, EPERM) have their own
 * Swedish diagnostics; every failure is exit 66 (an input that cannot be opened).
 */
async function readRegularFile(
  full: string,
  displayName: string,
  maxBytes: number,
): Promise<{ readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly missing: boolean; readonly diagnostic: Diagnostic }> {
  const loc = { file: displayName };
  const refuse = (st: Stats) => {
    if (st.isDirectory()) return { ok: false as const, missing: false, diagnostic: diag('io.not-a-file', { file: displayName }, loc) };
    if (!st.isFile()) return { ok: false as const, missing: false, diagnostic: diag('io.not-regular-file', { file: displayName, kind: kindOf(st) }, loc) };
    if (st.size > maxBytes) return { ok: false as const, missing: false, diagnostic: diag('io.file-too-large', { size: st.size, limit: maxBytes }, loc) };
    return null;
  };
  try {
    const before = refuse(await stat(full));
    if (before) return before;
    // O_NONBLOCK does not exist on Windows (undefined there); a FIFO cannot be swapped in by a path there either.
    const fh = await open(full, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    try {
      const after = refuse(await fh.stat());
      if (after) return after;
      const buf = await fh.readFile();
      if (buf.byteLength > maxBytes) return { ok: false, missing: false, diagnostic: diag('io.file-too-large', { size: buf.byteLength, limit: maxBytes }, loc) };
      return { ok: true, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
    } finally {
      await fh.close();
    }
  } catch (err) {
    return readError(err, full, displayName);
  }
}

/**
 * A text file the tool reads whole (a narrative, a text template): its text (UTF-8), or null when it is not there.
 * Anything else that keeps it from being read — a folder, a FIFO, a link loop, missing rights — is thrown as a
 * DiagnosticError (exit 66) naming the file, never read or waited on.
 */
export async function readTextFile(full: string, displayName: string = full): Promise<string | null> {
  const r = await readRegularFile(full, displayName, DEFAULT_MAX_TEXT_BYTES);
  if (r.ok) return Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength).toString('utf8');
  if (r.missing) return null;
  throw new DiagnosticError(r.diagnostic, 'missing-input');
}

/** The names in a folder, or null when there is no such folder. */
export async function listFolder(full: string): Promise<string[] | null> {
  try {
    return await readdir(full);
  } catch {
    return null;
  }
}
