/**
 * The command line as a user meets it: Swedish help, usage errors, exit codes, init. Runs `main()` in-process
 * (the same code bin/rapport runs from dist/); tests/cli/bin.test.ts runs the installed bin once.
 */
import { describe, expect, it, vi, afterEach } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { runCli } from '../helpers/run-cli.js';

const run = runCli;

afterEach(() => vi.restoreAllMocks());

describe('rapport CLI', () => {
  it('prints Swedish help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Användning: rapport');
    expect(r.out).toContain('Kommandon:');
    expect(r.out).toContain('gör rapporten för en period');
    const g = await run(['generate', '--help']);
    expect(g.out).toContain('--period <ÅÅÅÅ-MM>');
    expect(g.out).toContain('Flaggor:');
  });

  it('exits 64 on usage errors, with a Swedish message', async () => {
    expect((await run(['generate'])).code).toBe(64);
    const bad = await run(['generate', '--period', '2024-13']);
    expect(bad.code).toBe(64);
    expect(bad.err).toContain('Ogiltig period "2024-13"');
    const unknown = await run(['generate', '--perod', '2024-08']);
    expect(unknown.code).toBe(64);
    expect(unknown.err).toContain('Okänd flagga --perod');
    const fmt = await run(['generate', '--period', '2024-08', '--format', 'pptx']);
    expect(fmt.code).toBe(64);
    expect(fmt.err).toContain('Okänt format "pptx"');
  });

  it('exits 66 when the config file is missing and 78 when it is invalid', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-cli-'));
    const missing = await run(['validate', '--config', path.join(dir, 'finns-inte.yaml')]);
    expect(missing.code).toBe(66);
    expect(missing.err).toContain('Hittar ingen konfigurationsfil');
    const bad = path.join(dir, 'fel.yaml');
    await writeFile(bad, 'organisation:\n  name: X\n  unit: Y\n  namn: fel\nsources: {}\n');
    const invalid = await run(['validate', '--config', bad, '--json']);
    expect(invalid.code).toBe(78);
    const json = JSON.parse(invalid.out);
    expect(json.status).toBe('error');
    expect(json.diagnostics.some((d: { message: string; location: { row: number } }) => d.message.includes('organisation.namn') && d.location.row === 4)).toBe(true);
  });

  it('init writes a starter config and refuses to overwrite it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-cli-'));
    const file = path.join(dir, 'rapport.config.yaml');
    expect((await run(['init', '--file', file])).code).toBe(0);
    expect(await readFile(file, 'utf8')).toContain('organisation:');
    const again = await run(['init', '--file', file]);
    expect(again.code).toBe(73);
    expect(again.err).toContain('finns redan');
    expect((await run(['init', '--file', file, '--force'])).code).toBe(0);
  });

  it('exits 66 naming a missing source file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-cli-'));
    const file = path.join(dir, 'rapport.config.yaml');
    await run(['init', '--file', file]);
    const r = await run(['validate', '--config', file]);
    expect(r.code).toBe(66);
    expect(r.err).toContain('data/raindance-saldo.csv');
  });
});
