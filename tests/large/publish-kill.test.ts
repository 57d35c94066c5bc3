/**
 * Atomic publication of the whole set under `kill -9` (issue 12, item 4), through the built CLI (`npm run build`
 * first) on a copy of the example region. Two ledgers that differ in one amount are published in turn, so an old and
 * a new set differ in content: a mix would show as a file whose bytes are not the ones the manifest lists.
 *
 * Each trial starts a real `generate` and kills it (SIGKILL) at a random moment: half of the trials at a random time
 * within a whole run, half at a random delay after the staging folder appears (the publishing phase is short and a
 * uniform moment would rarely fall in it). After each kill the output folder must hold one complete set, the old or
 * the new one. After the trials one more run must leave nothing behind: no staging, old or lock entry, no temp file.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recoverOutput } from '../../src/io/publish-set.js';

const repo = path.resolve(__dirname, '../..');
const bin = path.join(repo, 'bin/rapport');
const posix = process.platform !== 'win32';

async function setup(): Promise<{ dir: string; out: string; ledger: string; variants: [Buffer, Buffer] }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport kill å-'));
  await cp(path.join(repo, 'fixtures/region-exempel'), path.join(dir, 'fixtures/region-exempel'), { recursive: true });
  await cp(path.join(repo, 'rapport.config.yaml'), path.join(dir, 'rapport.config.yaml'));
  const ledger = path.join(dir, 'fixtures/region-exempel/raindance-saldo.csv');
  const a = await readFile(ledger);
  const b = Buffer.from(a.toString('latin1').replace('202301;-123537,87;', '202301;-123537,88;'), 'latin1');
  expect(b.equals(a)).toBe(false);
  return { dir, out: path.join(dir, 'rapporter'), ledger, variants: [a, b] };
}

function start(dir: string): ChildProcess {
  return spawn(process.execPath, [bin, 'generate', '--period', '2024-08', '--config', 'rapport.config.yaml', '--format', 'md,json', '--json'], { cwd: dir, stdio: 'ignore' });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

async function stagingAppears(dir: string, out: string, child: ChildProcess): Promise<void> {
  const staging = `.${path.basename(out)}.staging-${child.pid}-`;
  while (child.exitCode === null && child.signalCode === null && !(await readdir(dir)).some((n) => n.startsWith(staging))) await new Promise((r) => setTimeout(r, 2));
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}

interface Manifest {
  run: string;
  files: { path: string; sha256: string }[];
  archive: { file: string; sha256: string };
}

/** The output folder holds exactly one complete set: every file the manifest lists with its bytes, nothing else. */
async function completeSet(out: string): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(path.join(out, '.rapport/manifest.json'), 'utf8')) as Manifest;
  const expected = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  expected.set(manifest.archive.file, manifest.archive.sha256);
  expected.set('.rapport/manifest.json', '');
  const present = await listFiles(out);
  expect(present.sort()).toEqual([...expected.keys()].sort());
  for (const [rel, hash] of expected) {
    if (hash) expect({ rel, hash: sha(await readFile(path.join(out, rel))) }).toEqual({ rel, hash });
  }
  return manifest;
}

describe.skipIf(!posix)('publication of the whole set survives kill -9', () => {
  it('20 kills at random moments: always the complete old or new set; nothing left over after the next run', async () => {
    const { dir, out, ledger, variants } = await setup();
    // The first set, and the length of a whole run (only to spread the kill moments; nothing asserts on it).
    await writeFile(ledger, variants[0]);
    const t0 = Date.now();
    const firstRun = start(dir);
    const firstDone = exited(firstRun);
    await stagingAppears(dir, out, firstRun);
    const t1 = Date.now();
    expect((await firstDone).code).toBe(0);
    const runMs = Date.now() - t0;
    const publishMs = Date.now() - t1;
    let current = (await completeSet(out)).run;
    const outcomes = { old: 0, new: 0, recovered: 0 };

    for (let trial = 0; trial < 20; trial++) {
      await writeFile(ledger, variants[(trial + 1) % 2]!);
      const child = start(dir);
      const done = exited(child);
      if (trial % 2 === 0) {
        await Promise.race([new Promise((r) => setTimeout(r, Math.random() * runMs)), done]);
      } else {
        // Wait for the staging folder, then a random moment of the publishing phase (as long as the first run's).
        await stagingAppears(dir, out, child);
        await Promise.race([new Promise((r) => setTimeout(r, Math.random() * publishMs)), done]);
      }
      child.kill('SIGKILL');
      await done;
      if (!existsSync(out)) {
        // Killed between the swap's two renames: the next start finishes the swap.
        expect((await recoverOutput(out)).restored).not.toBeNull();
        outcomes.recovered++;
      }
      const m = await completeSet(out);
      if (m.run === current) outcomes.old++;
      else outcomes.new++;
      current = m.run;
    }
    expect(outcomes.old + outcomes.new).toBe(20);

    // The next run cleans up after every dead run and publishes.
    expect((await exited(start(dir))).code).toBe(0);
    await completeSet(out);
    expect((await readdir(dir)).sort()).toEqual(['fixtures', 'rapport.config.yaml', 'rapporter']);
    expect((await listFiles(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    console.log(`kill trials: ${outcomes.old} old set, ${outcomes.new} new set (${outcomes.recovered} finished by the next start)`);
  }, 3_600_000);

  it('two runs at once: one publishes, the other exits 75 and changes nothing', async () => {
    const { dir, out } = await setup();
    const first = start(dir);
    const firstDone = exited(first);
    const lock = path.join(dir, '.rapporter.lock');
    // The first run holds the lock from after reading its sources until it has published; stop it there so the
    // second run meets the lock whatever the machine's speed.
    while (!existsSync(lock) && first.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    expect(existsSync(lock)).toBe(true);
    first.kill('SIGSTOP');
    try {
      const second = spawn(process.execPath, [bin, 'generate', '--period', '2024-08', '--config', 'rapport.config.yaml', '--format', 'md', '--json'], { cwd: dir });
      let stdout = '';
      second.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
      expect((await exited(second)).code).toBe(75);
      const json = JSON.parse(stdout) as { diagnostics: { code: string; message: string }[] };
      expect(json.diagnostics.map((d) => d.code)).toContain('output.locked-by-run');
      expect(json.diagnostics.find((d) => d.code === 'output.locked-by-run')!.message).toContain(`process ${first.pid}`);
    } finally {
      first.kill('SIGCONT');
    }
    expect((await firstDone).code).toBe(0);
    const m = await completeSet(out);
    expect(m.files.some((f) => f.path.endsWith('.json'))).toBe(true);
    expect(existsSync(lock)).toBe(false);
    expect((await stat(out)).isDirectory()).toBe(true);
  }, 1_200_000);
});
