/**
 * Atomic publication of a run's whole set of reports.
 *
 * The output folder (`rapporter/` by default) is what a user opens: plain files, one folder. A run never writes into
 * it. It builds the complete new set in a staging folder beside it (`.rapporter.staging-PID-RANDOM`, same parent, so
 * the same volume): the files the run made, every other file already in the output folder (hard-linked, or copied
 * where the volume has no hard links), the archive, and last of all the manifest (`.rapport/manifest.json`). Then
 * the set is swapped in by renaming folders:
 *
 *   1. `rapporter`            → `.rapporter.old-PID-RANDOM`   (skipped at the first publication)
 *   2. `.rapporter.staging-…` → `rapporter`
 *   3. the old folder is removed.
 *
 * A directory rename is atomic on every platform Node runs on, but Windows cannot rename a folder over an existing
 * one (and a `current` symlink needs extra rights there; a junction cannot be replaced atomically either), so the
 * swap takes two renames. A run killed between them leaves no `rapporter` folder for an instant, with the complete
 * old set in `.rapporter.old-…` and the complete new set in the staging folder; the next run (every `generate`
 * starts with `recoverOutput`) finishes the swap: a staging folder whose manifest was written is complete and is
 * renamed into place, otherwise the old folder is renamed back. In every other moment the folder holds either the
 * complete old set or the complete new set, never a mix.
 *
 * A lock file beside the folder (`.rapporter.lock`, holding the owner's pid, host and start time) is created with
 * O_EXCL: a second run while the first is alive stops with exit 75; the lock of a dead run is taken over. Staging and
 * old folders of dead runs, and the `.NAME.PID.N.tmp` files of earlier versions (which renamed files one by one), are
 * removed at the next start.
 */
import { constants as fsConstants } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, readdir, readFile, realpath, rename, rm, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { DiagnosticError, type Diagnostic, type Failure } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';

/** A file of the new set: its path relative to the output folder ('/'-separated) and its bytes. */
export interface SetFile {
  readonly relative: string;
  readonly bytes: Uint8Array | string;
}

/** The folder inside the output folder that holds the manifest and the archive. */
export const META_DIR = '.rapport';
export const MANIFEST_FILE = `${META_DIR}/manifest.json`;

const STAGING = 'staging';
const OLD = 'old';

/** `.NAME.KIND-PID-RANDOM` beside the output folder. */
function sideName(outDir: string, kind: string, pid: number, tag: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.${kind}-${pid}-${tag}`);
}

function parseSide(outDir: string, entry: string): { kind: string; pid: number } | null {
  const prefix = `.${path.basename(outDir)}.`;
  if (!entry.startsWith(prefix)) return null;
  const m = /^(staging|old)-(\d+)-[0-9a-f]+$/.exec(entry.slice(prefix.length));
  return m ? { kind: m[1]!, pid: Number(m[2]) } : null;
}

export function lockPath(outDir: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.lock`);
}

/** Whether a process with this pid runs on this machine (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const errnoOf = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? 'EIO';

/**
 * The diagnostic and exit failure of a file-system error while publishing to `dir`: a full disk (74), a read-only
 * folder or missing rights (73), a file held open (75), anything else (74) — in Swedish, with the errno code only as
 * a reference, never the operating system's English line.
 */
export function publishFailureOf(e: unknown, dir: string): { diagnostic: Diagnostic; failure: Failure } {
  const code = errnoOf(e);
  const loc = { file: dir };
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { diagnostic: diag('output.disk-full', { dir }, loc), failure: 'io' };
    case 'EROFS':
    case 'EACCES':
      return { diagnostic: diag('output.read-only', { dir }, loc), failure: 'cannot-create' };
    case 'EPERM':
    case 'EBUSY':
      // On Windows a file open in Word, or a folder open in Explorer, makes a rename fail with EPERM/EBUSY.
      return process.platform === 'win32' || code === 'EBUSY'
        ? { diagnostic: diag('output.file-locked', { dir }, loc), failure: 'locked' }
        : { diagnostic: diag('output.read-only', { dir }, loc), failure: 'cannot-create' };
    case 'ENOTDIR':
    case 'EEXIST':
      return { diagnostic: diag('output.not-a-folder', { dir }, loc), failure: 'cannot-create' };
    default:
      return { diagnostic: diag('output.write-failed', { dir, errno: code }, loc), failure: 'io' };
  }
}

function fail(e: unknown, dir: string): never {
  if (e instanceof DiagnosticError) throw e;
  const { diagnostic, failure } = publishFailureOf(e, dir);
  throw new DiagnosticError(diagnostic, failure);
}

/** The lock of a run: release it when the run ends (also after a failure). */
export interface OutputLock {
  release(): Promise<void>;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

/**
 * Takes the output folder's lock (exit 75 while another live run holds it). A lock whose owner is dead, or that
 * cannot be read (a run killed while writing it), is taken over. The parent folder is created if needed.
 */
export async function acquireOutputLock(outDir: string, now: Date = new Date()): Promise<OutputLock> {
  const file = lockPath(outDir);
  try {
    await mkdir(path.dirname(outDir), { recursive: true });
  } catch (e) {
    fail(e, path.dirname(outDir));
  }
  const me: LockOwner = { pid: process.pid, host: os.hostname(), started: now.toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await createWithContent(file, JSON.stringify(me) + '\n');
      return { release: () => unlink(file).catch(() => {}) };
    } catch (e) {
      if (errnoOf(e) !== 'EEXIST') fail(e, path.dirname(outDir));
    }
    const owner = await readLock(file);
    // Empty or unreadable: written by the O_EXCL fallback of a run that may be between creating and writing it. It
    // is taken over only when it has stood like that for a minute (its writer is surely dead).
    if (!owner && (await lockAgeMs(file)) < 60_000) {
      throw new DiagnosticError(diag('output.locked-by-run', { pid: '?', started: '?', dir: outDir }, { file: outDir }), 'locked');
    }
    // A lock from another machine (a shared network folder) cannot be checked: it is respected.
    if (owner && owner.pid !== process.pid && (owner.host !== me.host || processAlive(owner.pid))) {
      throw new DiagnosticError(diag('output.locked-by-run', { pid: owner.pid, started: owner.started, dir: outDir }, { file: outDir }), 'locked');
    }
    // The owner is dead (or the lock is empty: its writer died at once): take it over. Removing and re-creating with
    // O_EXCL means two runs taking over the same stale lock cannot both win.
    await unlink(file).catch(() => {});
  }
  throw new DiagnosticError(diag('output.locked-by-run', { pid: '?', started: '?', dir: outDir }, { file: outDir }), 'locked');
}

/**
 * Creates `file` with its content in one step, failing with EEXIST when it exists: the content goes to a temporary
 * file first, which is then hard-linked to the name (link never replaces). Where the volume has no hard links,
 * O_EXCL and a write — a reader may then briefly see the file empty.
 */
async function createWithContent(file: string, content: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`;
  try {
    await writeDurable(tmp, content);
    try {
      await link(tmp, file);
      return;
    } catch (e) {
      const code = errnoOf(e);
      if (code === 'EEXIST') throw e;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
    }
    const fh = await open(file, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY);
    try {
      await fh.writeFile(content);
    } finally {
      await fh.close();
    }
  } finally {
    await rm(tmp, { force: true });
  }
}

async function lockAgeMs(file: string): Promise<number> {
  try {
    return Date.now() - (await stat(file)).mtimeMs;
  } catch {
    return Infinity;
  }
}

async function readLock(file: string): Promise<LockOwner | null> {
  try {
    const v = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    return typeof v.pid === 'number' ? { pid: v.pid, host: String(v.host ?? ''), started: String(v.started ?? '') } : null;
  } catch {
    return null;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Cleans up after dead runs; call it holding the lock. A swap cut between its two renames is finished (a complete
 * staging folder is renamed into place) or undone (the old folder is renamed back); every other staging and old
 * folder of a dead run is removed, and so are hidden `.NAME.PID.N.tmp` files of dead processes in the output folder.
 * Returns what was done, for tests and the log.
 */
export async function recoverOutput(outDir: string): Promise<{ restored: 'new' | 'old' | null; removed: string[] }> {
  const parent = path.dirname(outDir);
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return { restored: null, removed: [] };
  }
  const sides = entries
    .map((name) => ({ name, side: parseSide(outDir, name) }))
    .filter((x): x is { name: string; side: { kind: string; pid: number } } => x.side !== null && !processAlive(x.side.pid));
  let restored: 'new' | 'old' | null = null;
  if (!(await exists(outDir))) {
    const complete: { name: string; time: number }[] = [];
    for (const s of sides.filter((x) => x.side.kind === STAGING)) {
      try {
        complete.push({ name: s.name, time: (await stat(path.join(parent, s.name, MANIFEST_FILE))).mtimeMs });
      } catch {
        // no manifest: the staging folder was never finished
      }
    }
    complete.sort((a, b) => b.time - a.time);
    const olds = sides.filter((x) => x.side.kind === OLD);
    if (complete.length > 0) {
      await rename(path.join(parent, complete[0]!.name), outDir);
      restored = 'new';
    } else if (olds.length > 0) {
      await rename(path.join(parent, olds[0]!.name), outDir);
      restored = 'old';
    }
  }
  const removed: string[] = [];
  for (const s of sides) {
    const full = path.join(parent, s.name);
    if (!(await exists(full))) continue;
    await rm(full, { recursive: true, force: true });
    removed.push(s.name);
  }
  // Temporary files of the lock (createWithContent) of dead runs.
  const lockTemp = new RegExp(`^\\.${path.basename(outDir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.lock\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  for (const name of entries) {
    const m = lockTemp.exec(name);
    if (m && !processAlive(Number(m[1]))) {
      await rm(path.join(parent, name), { force: true });
      removed.push(name);
    }
  }
  removed.push(...(await removeDeadTemps(outDir)));
  return { restored, removed };
}

/** `.NAME.PID.N.tmp` (the temporary files of atomic-write.ts) of processes that are gone, in the folder and below. */
async function removeDeadTemps(dir: string): Promise<string[]> {
  const removed: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      removed.push(...(await removeDeadTemps(full)));
      continue;
    }
    const m = /^\..+\.(\d+)\.\d+\.tmp$/.exec(e.name);
    if (m && !processAlive(Number(m[1]))) {
      await rm(full, { force: true });
      removed.push(path.relative(path.dirname(dir), full));
    }
  }
  return removed;
}

async function writeDurable(file: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const fh = await open(file, 'w');
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Every file of the current set (relative, '/'-separated), leaving out the manifest folder. */
async function listSet(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (!prefix && e.name === META_DIR) continue;
    if (e.isDirectory()) out.push(...(await listSet(dir, rel)));
    else if (e.isFile()) out.push(rel);
    // symbolic links and other special entries are not carried into the new set
  }
  return out;
}

/** A file of the old set into the new one: a hard link (instant, no space), or a copy where links are not possible. */
async function carryOver(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  // On Windows a virus scanner or the search indexer holds a fresh folder for a moment: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (e) {
      const code = errnoOf(e);
      if ((code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') && attempt < 5) {
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
        continue;
      }
      throw e;
    }
  }
}

/** The output folder a run publishes to: the real path when it exists (a link to a network share stays a link). */
export async function resolveOutputDir(outDir: string): Promise<string> {
  const abs = path.resolve(outDir);
  try {
    return await realpath(abs);
  } catch {
    return abs;
  }
}

/**
 * Publishes the set: `files` (the run's outputs), `meta` (the archive and anything else under `.rapport/`, written
 * before the manifest) and the manifest last, then the swap described at the top. Holds no lock itself: call it
 * between `acquireOutputLock` and `release`. Throws DiagnosticError (a Swedish diagnostic and the exit failure).
 */
export async function publishSet(outDir: string, files: readonly SetFile[], meta: readonly SetFile[], manifest: string): Promise<void> {
  const tag = randomBytes(4).toString('hex');
  const staging = sideName(outDir, STAGING, process.pid, tag);
  const old = sideName(outDir, OLD, process.pid, tag);
  let swapped = false;
  try {
    let hadOld = false;
    try {
      const st = await stat(outDir);
      if (!st.isDirectory()) throw new DiagnosticError(diag('output.not-a-folder', { dir: outDir }, { file: outDir }), 'cannot-create');
      hadOld = true;
    } catch (e) {
      if (e instanceof DiagnosticError) throw e;
      if (errnoOf(e) !== 'ENOENT') fail(e, outDir);
    }
    try {
      await mkdir(staging);
      const made = new Set(files.map((f) => f.relative));
      for (const f of files) await writeDurable(path.join(staging, ...f.relative.split('/')), f.bytes);
      if (hadOld) {
        for (const rel of await listSet(outDir)) {
          if (made.has(rel) || /^\..+\.\d+\.\d+\.tmp$/.test(path.posix.basename(rel))) continue;
          await carryOver(path.join(outDir, ...rel.split('/')), path.join(staging, ...rel.split('/')));
        }
      }
      for (const f of meta) await writeDurable(path.join(staging, ...f.relative.split('/')), f.bytes);
      // The manifest last, through a temporary name: its presence marks the staging folder complete.
      const manifestPath = path.join(staging, ...MANIFEST_FILE.split('/'));
      await writeDurable(`${manifestPath}.tmp`, manifest);
      await rename(`${manifestPath}.tmp`, manifestPath);
    } catch (e) {
      fail(e, outDir);
    }
    try {
      if (hadOld) await renameWithRetry(outDir, old);
      try {
        await renameWithRetry(staging, outDir);
        swapped = true;
      } catch (e) {
        if (hadOld) await rename(old, outDir).catch(() => {});
        throw e;
      }
    } catch (e) {
      fail(e, outDir);
    }
    if (hadOld) await rm(old, { recursive: true, force: true }).catch(() => {});
  } finally {
    if (!swapped) await rm(staging, { recursive: true, force: true }).catch(() => {});
  }
}

/** The manifest of the current set, or null when there is none (or it cannot be read). */
export async function readManifest(outDir: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path.join(outDir, ...MANIFEST_FILE.split('/')), 'utf8'));
  } catch {
    return null;
  }
}

/** A file of the current set under `.rapport/`, or null. */
export async function readMetaFile(outDir: string, name: string): Promise<string | null> {
  try {
    return await readFile(path.join(outDir, META_DIR, name), 'utf8');
  } catch {
    return null;
  }
}
