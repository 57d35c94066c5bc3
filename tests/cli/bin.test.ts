/**
 * The installed command (bin/rapport → dist/, built by `npm test` and `npm ci`): a batch renders Word files on
 * worker threads; they must be byte-identical to the same unit rendered in-process from the sources.
 */
import { describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';

const run = promisify(execFile);

describe.skipIf(!existsSync('dist/cli/main.js'))('bin/rapport (dist)', () => {
  it('renders a batch on worker threads, byte-identical to an in-process render', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'rapport-bin-'));
    const { stdout } = await run('node', ['bin/rapport', 'generate', '--period', '2024-08', '--format', 'docx', '--out', out, '--json'], { maxBuffer: 16 << 20 });
    expect(JSON.parse(stdout).exitCode).toBe(0);
    const files = (await readdir(out)).sort();
    expect(files).toContain('kollektivtrafik-2024-08.docx');
    // 11 reports and the set's manifest and archive (docs/publication.md)
    expect(files.length).toBe(12);
    expect(files[0]).toBe('.rapport');

    const single = await mkdtemp(path.join(os.tmpdir(), 'rapport-bin-'));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'rapport', 'generate', '--period', '2024-08', '--unit', 'kollektivtrafik', '--format', 'docx', '--out', single])).toBe(0);
    } finally {
      e.mockRestore();
    }
    const a = await readFile(path.join(out, 'kollektivtrafik-2024-08.docx'));
    const b = await readFile(path.join(single, 'kollektivtrafik-2024-08.docx'));
    expect(Buffer.compare(a, b)).toBe(0);
  });
});
