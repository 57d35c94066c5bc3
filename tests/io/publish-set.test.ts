import { describe, expect, it, vi, beforeEach } from 'vitest';
import { mkdtemp, mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

// Errors of the file system are injected (no real disk is filled): `failOpen` makes the next open of a matching
// path fail with the given errno.
const inject = vi.hoisted(() => ({ code: null as string | null, match: '' }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const fail = (p: unknown): void => {
    if (inject.code && String(p).includes(inject.match)) {
      const e = new Error(`${inject.code}: injected`) as NodeJS.ErrnoException;
      e.code = inject.code;
      throw e;
    }
  };
  return {
    ...real,
    open: async (p: Parameters<typeof real.open>[0], ...rest: unknown[]) => {
      fail(p);
      return (real.open as (...a: unknown[]) => ReturnType<typeof real.open>)(p, ...rest);
    },
    mkdir: async (p: Parameters<typeof real.mkdir>[0], ...rest: unknown[]) => {
      fail(p);
      return (real.mkdir as (...a: unknown[]) => ReturnType<typeof real.mkdir>)(p, ...rest);
    },
  };
});

const { acquireOutputLock, publishSet, recoverOutput, lockPath } = await import('../../src/io/publish-set.js');
const { DiagnosticError } = await import('../../src/model/diagnostics.js');

beforeEach(() => {
  inject.code = null;
});

async function tmp(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'rapport pub ä-'));
}

async function failureOf(p: Promise<unknown>): Promise<{ code: string; failure: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DiagnosticError) return { code: e.diagnostic.code, failure: e.failure, message: e.diagnostic.message };
    throw e;
  }
  throw new Error('no error');
}

describe('publishSet', () => {
  it('publishes the set with the manifest, carries over files of earlier runs, and leaves nothing beside it', async () => {
    const parent = await tmp();
    const out = path.join(parent, 'rapporter');
    await publishSet(out, [{ relative: 'a-2024-04.md', bytes: 'april' }], [{ relative: '.rapport/arkiv.jsonl', bytes: '1\n' }], '{"run":"1"}');
    await publishSet(out, [{ relative: 'a-2024-08.md', bytes: 'augusti' }, { relative: 'sub/b.json', bytes: '{}' }], [{ relative: '.rapport/arkiv.jsonl', bytes: '1\n2\n' }], '{"run":"2"}');
    expect(await readFile(path.join(out, 'a-2024-04.md'), 'utf8')).toBe('april');
    expect(await readFile(path.join(out, 'a-2024-08.md'), 'utf8')).toBe('augusti');
    expect(await readFile(path.join(out, 'sub/b.json'), 'utf8')).toBe('{}');
    expect(await readFile(path.join(out, '.rapport/manifest.json'), 'utf8')).toBe('{"run":"2"}');
    expect(await readFile(path.join(out, '.rapport/arkiv.jsonl'), 'utf8')).toBe('1\n2\n');
    expect(await readdir(parent)).toEqual(['rapporter']);
  });

  it('disk full (ENOSPC, injected) → output.disk-full, exit kind io; the old set untouched, no staging left', async () => {
    const parent = await tmp();
    const out = path.join(parent, 'rapporter');
    await publishSet(out, [{ relative: 'a.md', bytes: 'gammal' }], [], '{"run":"1"}');
    inject.code = 'ENOSPC';
    inject.match = 'b.md';
    const f = await failureOf(publishSet(out, [{ relative: 'a.md', bytes: 'ny' }, { relative: 'b.md', bytes: 'ny' }], [], '{"run":"2"}'));
    expect(f).toEqual({ code: 'output.disk-full', failure: 'io', message: expect.stringContaining('Disken är full') });
    expect(f.message).not.toMatch(/ENOSPC|no space/i);
    expect(await readFile(path.join(out, 'a.md'), 'utf8')).toBe('gammal');
    expect(await readdir(parent)).toEqual(['rapporter']);
  });

  it.each([['EROFS'], ['EACCES']])('a read-only output folder (%s, injected) → output.read-only (exit 73), in Swedish', async (code) => {
    const parent = await tmp();
    const out = path.join(parent, 'rapporter');
    inject.code = code;
    inject.match = '.rapporter.staging-';
    const f = await failureOf(publishSet(out, [{ relative: 'a.md', bytes: 'x' }], [], '{}'));
    expect(f.code).toBe('output.read-only');
    expect(f.failure).toBe('cannot-create');
    expect(f.message).toContain('skrivskyddad');
    expect(await readdir(parent)).toEqual([]);
  });

  it('an output path that is a file → output.not-a-folder', async () => {
    const parent = await tmp();
    await writeFile(path.join(parent, 'rapporter'), 'x');
    expect((await failureOf(publishSet(path.join(parent, 'rapporter'), [{ relative: 'a.md', bytes: 'x' }], [], '{}'))).code).toBe('output.not-a-folder');
  });
});

describe('the output lock', () => {
  it('a second lock while a live process holds it → output.locked-by-run (exit 75) naming the pid', async () => {
    const parent = await tmp();
    const out = path.join(parent, 'rapporter');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await writeFile(lockPath(out), JSON.stringify({ pid: holder.pid, host: os.hostname(), started: '2026-01-01T00:00:00.000Z' }));
      const f = await failureOf(acquireOutputLock(out));
      expect(f.code).toBe('output.locked-by-run');
      expect(f.failure).toBe('locked');
      expect(f.message).toContain(`process ${holder.pid}`);
    } finally {
      holder.kill();
    }
  });

  it("takes over the lock of a dead run (or an empty one) and releases it", async () => {
    const parent = await tmp();
    const out = path.join(parent, 'rapporter');
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.once('exit', r));
    await writeFile(lockPath(out), JSON.stringify({ pid: dead.pid, host: os.hostname(), started: 'x' }));
    const lock = await acquireOutputLock(out);
    expect(JSON.parse(await readFile(lockPath(out), 'utf8')).pid).toBe(process.pid);
    await lock.release();
    // An empty lock may be a live run's between creating and writing it: held while young, taken over after a minute.
    await writeFile(lockPath(out), '');
    expect((await failureOf(acquireOutputLock(out))).code).toBe('output.locked-by-run');
    const old = new Date(Date.now() - 120_000);
    await utimes(lockPath(out), old, old);
    await (await acquireOutputLock(out)).release();
    expect(await readdir(parent)).toEqual([]);
  });
});

describe('recoverOutput', () => {
  async function deadPid(): Promise<number> {
    const p = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => p.once('exit', r));
    return p.pid!;
  }

  it('removes staging and old folders and .NAME.PID.N.tmp files of dead runs', async () => {
    const parent = await tmp();
    const out = path.join(parent, 'rapporter');
    const pid = await deadPid();
    await mkdir(path.join(out, 'sub'), { recursive: true });
    await writeFile(path.join(out, 'a.md'), 'a');
    await writeFile(path.join(out, `.a.md.${pid}.3.tmp`), 'full report contents');
    await writeFile(path.join(out, 'sub', `.b.docx.${pid}.1.tmp`), 'x');
    await writeFile(path.join(out, `.a.md.${process.pid}.9.tmp`), 'a live run');
    await mkdir(path.join(parent, `.rapporter.staging-${pid}-ab12`));
    await mkdir(path.join(parent, `.rapporter.old-${pid}-cd34`));
    await writeFile(path.join(parent, `.rapporter.lock.${pid}.a1b2c3.tmp`), '{}');
    const r = await recoverOutput(out);
    expect(r.restored).toBeNull();
    expect((await readdir(parent)).sort()).toEqual(['rapporter']);
    expect((await readdir(out)).sort()).toEqual([`.a.md.${process.pid}.9.tmp`, 'a.md', 'sub']);
    expect(await readdir(path.join(out, 'sub'))).toEqual([]);
  });

  it('a swap cut between its renames: a complete staging folder goes into place, else the old set comes back', async () => {
    const parent = await tmp();
    const out = path.join(parent, 'rapporter');
    const pid = await deadPid();
    await mkdir(path.join(parent, `.rapporter.old-${pid}-aa`, '.rapport'), { recursive: true });
    await writeFile(path.join(parent, `.rapporter.old-${pid}-aa`, 'a.md'), 'gammal');
    await mkdir(path.join(parent, `.rapporter.staging-${pid}-bb`, '.rapport'), { recursive: true });
    await writeFile(path.join(parent, `.rapporter.staging-${pid}-bb`, 'a.md'), 'ny');
    await writeFile(path.join(parent, `.rapporter.staging-${pid}-bb`, '.rapport', 'manifest.json'), '{}');
    expect((await recoverOutput(out)).restored).toBe('new');
    expect(await readFile(path.join(out, 'a.md'), 'utf8')).toBe('ny');
    expect(await readdir(parent)).toEqual(['rapporter']);

    const parent2 = await tmp();
    const out2 = path.join(parent2, 'rapporter');
    await mkdir(path.join(parent2, `.rapporter.old-${pid}-aa`));
    await writeFile(path.join(parent2, `.rapporter.old-${pid}-aa`, 'a.md'), 'gammal');
    await mkdir(path.join(parent2, `.rapporter.staging-${pid}-bb`));
    await writeFile(path.join(parent2, `.rapporter.staging-${pid}-bb`, 'a.md'), 'halvfärdig');
    expect((await recoverOutput(out2)).restored).toBe('old');
    expect(await readFile(path.join(out2, 'a.md'), 'utf8')).toBe('gammal');
    expect(await readdir(parent2)).toEqual(['rapporter']);
  });
});
