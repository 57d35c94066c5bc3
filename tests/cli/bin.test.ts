/**
 * The installed command (bin/rapport → dist/bundle/, built by `npm test` and `npm ci`): a batch renders Word files on
 * worker threads; they must be byte-identical to the same unit rendered in-process from the sources.
 */
import { describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';
import { PARALLEL_FROM_BYTES } from '../../src/sources/ledger/aggregate.js';
import { FIXTURE, generateJson, writeLedgers } from '../helpers/large-ledger.js';

const run = promisify(execFile);

describe.skipIf(!existsSync('dist/bundle/main.js'))('bin/rapport (dist)', () => {
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
  it('aggregates a ledger of 16 MiB and more in its worker thread, with the figures of the original export', () => {
    // The aggregation worker's program is its functions' source text, evaluated on its own: what a bundler does to
    // that text is only seen here (and by test:large). The file: the example region's saldo export, then pairs of
    // copies, the first with every amount negated, until it is over the size that takes the worker; summed, every
    // key's amounts are the original's again (see tests/large/large-ledger.test.ts).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-bin-'));
    try {
      const lines = readFileSync(path.join(FIXTURE, 'raindance-saldo.csv'), 'latin1').split(/\r?\n/).filter((l) => l !== '');
      const header = lines[0]!.split(';');
      writeLedgers(dir, { header: lines[0]!, lines: lines.slice(1), amountFields: [header.indexOf('Utfall'), header.indexOf('Budget')], periodColumns: 'period: Period' }, PARALLEL_FROM_BYTES);
      expect(statSync(path.join(dir, 'large.csv')).size).toBeGreaterThan(PARALLEL_FROM_BYTES);
      const small = generateJson(path.join(dir, 'small.yaml'), path.join(dir, 'out-small'));
      const large = generateJson(path.join(dir, 'large.yaml'), path.join(dir, 'out-large'));
      expect([small.status, large.status]).toEqual([0, 0]);
      const { caveats: _l, ...largeRest } = large.report;
      const { caveats: _s, ...smallRest } = small.report;
      expect(JSON.parse(JSON.stringify(largeRest).replaceAll('large.csv', 'small.csv'))).toEqual(smallRest);
      // The manifest's hash of it, made in the aggregation thread from the pieces as the reader read them: the file's own.
      const manifest = JSON.parse(readFileSync(path.join(dir, 'out-large', '.rapport', 'manifest.json'), 'utf8')) as { inputs: { file: string; bytes: number; sha256: string }[] };
      const ledger = manifest.inputs.find((i) => i.file.endsWith('large.csv'));
      const bytes = readFileSync(path.join(dir, 'large.csv'));
      expect(ledger).toEqual({ file: ledger?.file, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
