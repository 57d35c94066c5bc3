/**
 * One run's publication, from lock to manifest (the file-system side is io/publish-set.ts; the layout is documented
 * in docs/publication.md):
 *
 *   open   → the output folder's lock (a second run exits 75), clean-up after dead runs, the previous archive read
 *   check  → closed months whose published utfall has changed (case 81, warnings)
 *   publish→ the set with its archive and, last, its manifest (input hashes, config hash, tool version, period, time)
 *   close  → the lock released
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticError, type Diagnostic } from '../model/diagnostics.js';
import { formatPeriod, type Period } from '../model/period.js';
import { diag } from '../messages/index.js';
import type { OrgNode } from '../calc/hierarchy.js';
import type { PreparedEconomy } from '../calc/economy.js';
import { isStreamed, type LoadedSource } from '../model/records.js';
import { createReadStream } from 'node:fs';
import { acquireOutputLock, publishSet, readMetaFile, recoverOutput, resolveOutputDir, META_DIR, type OutputLock } from '../io/publish-set.js';
import { readTextFile } from '../io/read-source.js';
import { archiveRecords, ARCHIVE_FILE, closedPeriodChanges, parseArchive, scaleChange, serializeArchive, type ArchiveRecord } from './archive.js';

export const MANIFEST_VERSION = 1;

/** The tool's version, from its package.json (the same file in src/ and dist/ layouts: two folders up). */
export function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'okänd';
  } catch {
    return 'okänd';
  }
}

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** What the manifest records besides the files: the run's inputs and settings. */
export interface RunIdentity {
  readonly period: Period;
  /** The config file as the user named it, and its folder. */
  readonly configFile: string;
  readonly configDir: string;
  /** Every source the run read, as the config names it. */
  readonly inputs: readonly LoadedSource[];
  /** Options that change what is published (`final`, `unit`, formats, template). */
  readonly options: Readonly<Record<string, string | boolean | null>>;
}

/** A publication in progress; `close` it in a `finally`. Methods throw DiagnosticError (diagnostic + exit failure). */
export class Publication {
  private constructor(
    readonly outDir: string,
    private readonly lock: OutputLock,
    /** The archive of the set published so far (empty at the first publication). */
    readonly previous: readonly ArchiveRecord[],
    private readonly previousText: string,
    /** Warnings found while opening (an unreadable archive line). */
    readonly diagnostics: readonly Diagnostic[],
  ) {}

  /**
   * Locks the output folder and cleans up after dead runs. Refuses an output folder that holds the config file or
   * the current folder: publishing swaps the whole folder (exit 73).
   */
  static async open(outDirOption: string, configDir: string, now: Date = new Date()): Promise<Publication> {
    const outDir = await resolveOutputDir(outDirOption);
    for (const [inside, what] of [[configDir, 'konfigurationsfilen'], [process.cwd(), 'mappen du kör rapport från']] as const) {
      const rel = path.relative(outDir, path.resolve(inside));
      if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)) || path.dirname(outDir) === outDir) {
        throw new DiagnosticError(diag('output.dir-holds-inputs', { dir: outDir, what }, { file: outDir }), 'cannot-create');
      }
    }
    const lock = await acquireOutputLock(outDir, now);
    try {
      await recoverOutput(outDir);
      const text = (await readMetaFile(outDir, ARCHIVE_FILE)) ?? '';
      const parsed = parseArchive(text, `${path.basename(outDir)}/${META_DIR}/${ARCHIVE_FILE}`);
      return new Publication(outDir, lock, parsed.records, text, parsed.diagnostics);
    } catch (e) {
      await lock.release();
      throw e;
    }
  }

  /** This run's archive records (without run id and time), computed once for the check and the publication. */
  private records: { prepared: PreparedEconomy; units: readonly OrgNode[]; records: ArchiveRecord[] } | null = null;

  private recordsOf(prepared: PreparedEconomy, units: readonly OrgNode[]): ArchiveRecord[] {
    if (this.records?.prepared !== prepared || this.records.units !== units) this.records = { prepared, units, records: archiveRecords(prepared, units, '', '') };
    return this.records.records;
  }

  /** Case 81: the warnings of closed months whose utfall differs from what was published. */
  closedPeriodChanges(prepared: PreparedEconomy, units: readonly OrgNode[]): Diagnostic[] {
    return closedPeriodChanges(this.previous, this.recordsOf(prepared, units), prepared.period);
  }

  /** Case 80 against the archive: this run's closed months about a thousandfold off the published ones (archive.ts). */
  scaleChange(prepared: PreparedEconomy, units: readonly OrgNode[], ledger: { readonly file: string; readonly unit: string }): Diagnostic[] {
    return scaleChange(this.previous, this.recordsOf(prepared, units), prepared.period, ledger);
  }

  /**
   * Publishes `files` (absolute paths inside the output folder) as the new set, with the archive extended by this
   * run's figures and the manifest written last. Returns the manifest.
   */
  async publish(files: readonly { readonly path: string; readonly bytes: Uint8Array | string }[], prepared: PreparedEconomy, units: readonly OrgNode[], id: RunIdentity, now: Date = new Date()): Promise<Manifest> {
    const run = `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
    const published = now.toISOString();
    const setFiles = files.map((f) => {
      const rel = path.relative(this.outDir, path.resolve(f.path));
      if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`Utfilen ${f.path} ligger utanför utmappen ${this.outDir}`);
      return { relative: rel.split(path.sep).join('/'), bytes: f.bytes };
    });
    const archive = this.previousText + (this.previousText === '' || this.previousText.endsWith('\n') ? '' : '\n') + serializeArchive(this.recordsOf(prepared, units).map((r) => ({ ...r, run, published })));
    let configHash: string | null = null;
    try {
      configHash = sha256(readFileSync(path.resolve(id.configFile)));
    } catch {
      configHash = null;
    }
    const manifest: Manifest = {
      format: MANIFEST_VERSION,
      tool: 'rapport',
      version: toolVersion(),
      run,
      published,
      period: formatPeriod(id.period),
      options: id.options,
      config: { file: id.configFile, sha256: configHash },
      inputs: await Promise.all(id.inputs.map(inputDigest)),
      files: setFiles.map((f) => ({ path: f.relative, bytes: typeof f.bytes === 'string' ? Buffer.byteLength(f.bytes) : f.bytes.byteLength, sha256: sha256(f.bytes) })),
      archive: { file: `${META_DIR}/${ARCHIVE_FILE}`, sha256: sha256(archive) },
    };
    await publishSet(this.outDir, setFiles, [{ relative: `${META_DIR}/${ARCHIVE_FILE}`, bytes: archive }], JSON.stringify(manifest, null, 2) + '\n');
    return manifest;
  }

  async close(): Promise<void> {
    await this.lock.release();
  }
}

/**
 * A source's size and SHA-256: of the bytes read; for a streamed ledger, as its reader hashed them while reading, or
 * (when the reader could not: a file handed to the general reader) of the file read again in chunks.
 */
async function inputDigest(input: LoadedSource): Promise<{ file: string; bytes: number; sha256: string }> {
  if (!isStreamed(input)) return { file: input.displayName, bytes: input.bytes.byteLength, sha256: sha256(input.bytes) };
  if (input.digest) return { file: input.displayName, bytes: input.digest.bytes, sha256: input.digest.sha256 };
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(input.path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { file: input.displayName, bytes, sha256: hash.digest('hex') };
}

/** `.rapport/manifest.json`: what the published set is and what it was made from. */
export interface Manifest {
  readonly format: number;
  readonly tool: 'rapport';
  readonly version: string;
  readonly run: string;
  readonly published: string;
  readonly period: string;
  readonly options: Readonly<Record<string, string | boolean | null>>;
  readonly config: { readonly file: string; readonly sha256: string | null };
  readonly inputs: readonly { readonly file: string; readonly bytes: number; readonly sha256: string }[];
  /** The files this run made (files of earlier runs carried over in the folder are not listed). */
  readonly files: readonly { readonly path: string; readonly bytes: number; readonly sha256: string }[];
  readonly archive: { readonly file: string; readonly sha256: string };
}

/** The archive of an output folder, for other parts (forecast change since the previous report). */
export async function readArchive(outDir: string): Promise<{ records: ArchiveRecord[]; diagnostics: Diagnostic[] }> {
  const text = await readTextFile(path.join(outDir, META_DIR, ARCHIVE_FILE));
  return text === null ? { records: [], diagnostics: [] } : parseArchive(text, `${path.basename(outDir)}/${META_DIR}/${ARCHIVE_FILE}`);
}
