/**
 * Hostile files where a source should be (issue 12 item 5): each ends in a documented exit code with a Swedish
 * message naming the file, and none makes the run wait (a FIFO without a writer would block a plain read for ever).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readInputFile, readTextFile } from '../../src/io/read-source.js';
import { DiagnosticError } from '../../src/model/diagnostics.js';
import { runCli } from '../helpers/run-cli.js';

const posix = process.platform !== 'win32';
const fixture = path.resolve(__dirname, '../../fixtures/vasterbotten-rs-2024-08');

/** A copy of the one-unit fixture whose ledger is replaced by `make(path)`. */
function withLedger(make: (ledger: string) => void): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport fientlig ä-'));
  cpSync(fixture, dir, { recursive: true });
  const ledger = path.join(dir, 'raindance-saldo.csv');
  rmSync(ledger);
  make(ledger);
  return dir;
}

async function generate(dir: string): Promise<{ code: number; diagnostics: { code: string; message: string; location?: { file: string } }[] }> {
  const r = await runCli(['generate', '--period', '2024-08', '--config', path.join(dir, 'rapport.config.yaml'), '--format', 'md', '--out', path.join(dir, 'ut'), '--json']);
  return { code: r.code, diagnostics: (JSON.parse(r.out) as { diagnostics: { code: string; message: string; location?: { file: string } }[] }).diagnostics };
}

describe.skipIf(!posix)('hostile files as a source', () => {
  it.each([
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p]), 'io.not-regular-file', 'namngiven rörledning'],
    ['a symbolic link loop', (p: string) => symlinkSync(p, p), 'io.symlink-loop', 'slinga'],
    ['a folder', (p: string) => mkdirSync(p), 'io.not-a-file', 'är en mapp'],
    ['a device', (p: string) => symlinkSync('/dev/zero', p), 'io.not-regular-file', 'enhetsfil'],
  ])('%s → exit 66 with a Swedish message naming the file', async (_name, make, code, words) => {
    const dir = withLedger(make);
    const r = await generate(dir);
    expect(r.code).toBe(66);
    const d = r.diagnostics.find((x) => x.code === code)!;
    expect(d).toBeDefined();
    expect(d.location?.file).toBe('raindance-saldo.csv');
    expect(d.message).toContain(words);
    expect(d.message).not.toMatch(/E[A-Z]{3,}/);
  }, 600_000);

  it('a socket is refused before it is opened', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-sock-'));
    const sock = path.join(dir, 's.csv');
    const server = createServer();
    await new Promise<void>((r) => server.listen(sock, r));
    try {
      const r = await readInputFile(sock, 's.csv');
      expect(r.ok ? null : r.diagnostic.code).toBe('io.not-regular-file');
      expect(r.ok ? '' : r.diagnostic.message).toContain('socket');
    } finally {
      server.close();
    }
  });

  it('missing rights → io.permission-denied, exit 66', async () => {
    if (process.getuid?.() === 0) return; // root reads anything; the mapping is the same code path as ELOOP above
    const dir = withLedger((p) => {
      execFileSync('sh', ['-c', `printf x > "${p}"`]);
      chmodSync(p, 0o000);
    });
    const r = await generate(dir);
    expect(r.code).toBe(66);
    expect(r.diagnostics.map((d) => d.code)).toContain('io.permission-denied');
  });

  it('a narrative that is a FIFO stops the run with exit 66 instead of waiting', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-fifo-'));
    const fifo = path.join(dir, 'ekonomisk-analys.md');
    execFileSync('mkfifo', [fifo]);
    await expect(readTextFile(fifo, 'berattelser/x/ekonomisk-analys.md')).rejects.toBeInstanceOf(DiagnosticError);
    await expect(readTextFile(fifo, 'berattelser/x/ekonomisk-analys.md')).rejects.toMatchObject({ failure: 'missing-input', diagnostics: [{ code: 'io.not-regular-file' }] });
    expect(await readTextFile(path.join(dir, 'finns-inte.md'))).toBeNull();
  });

  it('a FIFO given as the config file → exit 66 naming it, for validate and generate, instead of waiting', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport fifo å-'));
    const config = path.join(dir, 'rapport.config.yaml');
    execFileSync('mkfifo', [config]);
    for (const args of [['validate'], ['generate', '--period', '2024-08', '--out', path.join(dir, 'ut')]]) {
      const r = await runCli([...args, '--config', config, '--json']);
      expect(r.code).toBe(66);
      const [d] = (JSON.parse(r.out) as { diagnostics: { code: string; message: string; location?: { file: string } }[] }).diagnostics;
      expect(d!.code).toBe('io.not-regular-file');
      expect(d!.location?.file).toBe(config);
      expect(d!.message).toContain('namngiven rörledning');
    }
    // A folder as the config file is named as a folder, not "finns inte".
    const folder = path.join(dir, 'mapp.yaml');
    mkdirSync(folder);
    const r = await runCli(['validate', '--config', folder, '--json']);
    expect(r.code).toBe(66);
    expect((JSON.parse(r.out) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code)).toEqual(['io.not-a-file']);
  });

  it('a FIFO given as the layout file (report.layout) → exit 66 naming it as the config does, instead of waiting', async () => {
    const dir = withLedger((p) => cpSync(path.join(fixture, 'raindance-saldo.csv'), p));
    const configFile = path.join(dir, 'rapport.config.yaml');
    const text = readFileSync(configFile, 'utf8');
    expect(text).toMatch(/^report:/m);
    writeFileSync(configFile, text.replace(/^report:\n/m, 'report:\n  layout: min layout.yaml\n'));
    execFileSync('mkfifo', [path.join(dir, 'min layout.yaml')]);
    for (const args of [['validate', '--period', '2024-08'], ['generate', '--period', '2024-08', '--format', 'md', '--out', path.join(dir, 'ut')]]) {
      const r = await runCli([...args, '--config', configFile, '--json']);
      expect(r.code).toBe(66);
      const d = (JSON.parse(r.out) as { diagnostics: { code: string; location?: { file: string } }[] }).diagnostics.find((x) => x.code === 'io.not-regular-file');
      expect(d?.location?.file).toBe('min layout.yaml');
    }
  }, 600_000);
});
