/**
 * A full disk and a read-only output folder through `generate` (issue 12 item 6): injected on the staging folder
 * (no disk is filled), the run ends with one Swedish error naming the folder, the matching exit code, no English
 * errno line, no "0 fel", and the previous set untouched.
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const inject = vi.hoisted(() => ({ code: null as string | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    open: async (p: Parameters<typeof real.open>[0], ...rest: unknown[]) => {
      if (inject.code && String(p).includes('.staging-') && String(p).endsWith('.md')) {
        const e = new Error(`${inject.code}: injected, write`) as NodeJS.ErrnoException;
        e.code = inject.code;
        throw e;
      }
      return (real.open as (...a: unknown[]) => ReturnType<typeof real.open>)(p, ...rest);
    },
  };
});

const { runCli } = await import('../helpers/run-cli.js');

describe('generate when the output cannot be written', () => {
  it.each([
    ['ENOSPC', 74, 'output.disk-full', 'Disken är full'],
    ['EROFS', 73, 'output.read-only', 'skrivskyddad'],
    ['EACCES', 73, 'output.read-only', 'skrivbehörighet'],
  ])('%s → exit %i, %s in Swedish; the previous set untouched', async (code, exit, diagCode, words) => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'rapport-full-')), 'rapporter');
    const args = ['generate', '--period', '2024-08', '--config', 'fixtures/vasterbotten-rs-2024-08/rapport.config.yaml', '--format', 'md', '--out', out];
    inject.code = null;
    expect((await runCli(args)).code).toBe(0);
    const before = await readFile(path.join(out, 'regionstyrelsen-2024-08.md'));
    const manifest = await readFile(path.join(out, '.rapport/manifest.json'), 'utf8');
    inject.code = code;
    try {
      const r = await runCli(args);
      expect(r.code).toBe(exit);
      expect(r.err).toContain(words);
      expect(r.err).toContain(`[${diagCode}]`);
      expect(r.err).toMatch(/\b1 fel\b/);
      expect(r.err).not.toMatch(/\b0 fel\b/);
      expect(r.err).not.toMatch(new RegExp(`${code}|injected|no space|read-only file system|permission denied`, 'i'));
      const json = JSON.parse((await runCli([...args, '--json'])).out) as { exitCode: number; diagnostics: { code: string }[] };
      expect(json.exitCode).toBe(exit);
      expect(json.diagnostics.map((d) => d.code)).toContain(diagCode);
    } finally {
      inject.code = null;
    }
    expect(await readFile(path.join(out, 'regionstyrelsen-2024-08.md'))).toEqual(before);
    expect(await readFile(path.join(out, '.rapport/manifest.json'), 'utf8')).toBe(manifest);
    expect(await readdir(path.dirname(out))).toEqual(['rapporter']);
  }, 300_000);
});
