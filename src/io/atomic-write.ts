/**
 * Atomic publication of a run's files: every file is first written in full to a temporary file beside its target
 * and fsynced; only when all are written are they renamed into place. A failed run (bad data, disk full, a file
 * locked by Word) leaves the previous report intact and no temporary files behind.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface OutputFile {
  readonly path: string;
  readonly bytes: Uint8Array | string;
}

export class PublishError extends Error {
  constructor(
    message: string,
    readonly kind: 'create' | 'io' | 'locked',
    readonly file: string,
  ) {
    super(message);
  }
}

/** Why a file could not be written, in Swedish: never the operating system's English line. */
export function swedishReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'disken är full';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'mappen är skrivskyddad eller du saknar skrivbehörighet';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'en fil står där mappen ska vara';
  return code ? `felkod ${code}` : 'okänt fel';
}

let counter = 0;

function tempName(target: string): string {
  counter++;
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${counter}.tmp`);
}

async function writeTemp(target: string, bytes: Uint8Array | string): Promise<string> {
  const tmp = tempName(target);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return tmp;
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  // On Windows a report open in Word makes the rename fail with EBUSY/EPERM: retry briefly before giving up.
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') && attempt < 5) {
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
        continue;
      }
      throw e;
    }
  }
}

/**
 * Publishes a run's files. Every file is written in full before any is renamed into place, so a failure while
 * writing (disk full, a folder that cannot be created) leaves all previous files untouched; each rename replaces
 * one file atomically. Only a failure between two renames (a target locked after the others were replaced) can leave
 * a mix, and then the error names the file. Throws PublishError.
 */
export async function publishFiles(files: readonly OutputFile[]): Promise<void> {
  const temps: { tmp: string; target: string }[] = [];
  try {
    for (const f of files) {
      try {
        await mkdir(path.dirname(f.path), { recursive: true });
      } catch (e) {
        throw new PublishError(`Kan inte skapa mappen ${path.dirname(f.path)}: ${swedishReason(e)}.`, 'create', f.path);
      }
      try {
        temps.push({ tmp: await writeTemp(f.path, f.bytes), target: f.path });
      } catch (e) {
        throw new PublishError(`Kan inte skriva ${f.path}: ${swedishReason(e)}. Tidigare filer är orörda.`, 'io', f.path);
      }
    }
    for (const t of temps) {
      try {
        await renameWithRetry(t.tmp, t.target);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new PublishError(
          code === 'EBUSY' || code === 'EPERM' || code === 'EACCES'
            ? `Filen ${t.target} är låst (öppen i ett annat program?). Stäng den och kör igen.`
            : `Kan inte publicera ${t.target}: ${swedishReason(e)}.`,
          code === 'EBUSY' || code === 'EPERM' || code === 'EACCES' ? 'locked' : 'io',
          t.target,
        );
      }
    }
  } finally {
    await Promise.all(temps.map((t) => rm(t.tmp, { force: true })));
  }
}
