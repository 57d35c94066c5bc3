import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURE, LIMIT, generateJson as generate, writeLedgers } from '../helpers/large-ledger.js';

/**
 * A ledger larger than the old 256 MiB limit, read by the whole command in a heap of 256 MB: the ledger is streamed
 * into the aggregation, never held whole (issue 13). Run by `npm run test:large` (not by `npm test`: it writes and
 * reads about 300 MB, which takes a minute or more on a busy machine).
 *
 * The file is made on the fly from the example region's saldo export: the original once, then pairs of copies, the
 * first with every amount negated and the second as it is, until it is over 256 MiB. With `duplicates: sum` every
 * key's amounts add up to the original's again, so the report must be the one made from the original file (read the
 * same way), figure for figure; only the warning that counts the summed rows differs, and its count is checked.
 */

let dir: string;

describe('a ledger over 256 MiB', () => {
  let copies = 0;
  let dataLines = 0;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rapport-large-'));
    const original = readFileSync(path.join(FIXTURE, 'raindance-saldo.csv'), 'latin1');
    const lines = original.split(/\r?\n/).filter((l) => l !== '');
    const header = lines[0]!.split(';');
    const amountFields = [header.indexOf('Utfall'), header.indexOf('Budget')];
    expect(amountFields.every((i) => i >= 0)).toBe(true);
    const data = lines.slice(1);
    dataLines = data.length;
    // The small reference is the original with its header, as the large file starts.
    copies = writeLedgers(dir, { header: lines[0]!, lines: data, amountFields, periodColumns: 'period: Period' });
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is read by `generate` in a 256 MB heap, with the figures of the original export', () => {
    expect(statSync(path.join(dir, 'large.csv')).size).toBeGreaterThan(LIMIT);
    const small = generate(path.join(dir, 'small.yaml'), path.join(dir, 'out-small'));
    expect(small.stderr).not.toContain('fel');
    expect(small.status).toBe(0);
    const large = generate(path.join(dir, 'large.yaml'), path.join(dir, 'out-large'));
    expect(large.stderr).not.toMatch(/io\.file-too-large|heap/i);
    expect(large.status).toBe(0);

    // Every key of the original was met `copies` times; all but the first were summed into it.
    const caveats = large.report['caveats'] as string[];
    const summed = caveats.find((c) => c.includes('summerades'));
    expect(summed).toBeDefined();
    expect(summed!.replace(/\s/g, '')).toContain(`${(copies - 1) * dataLines}rader`);
    expect(small.report['caveats']).toEqual([]);

    const { caveats: _l, ...largeRest } = large.report;
    const { caveats: _s, ...smallRest } = small.report;
    // The tables' provenance names the ledger file: the only difference allowed besides the caveats.
    expect(JSON.parse(JSON.stringify(largeRest).replaceAll('large.csv', 'small.csv'))).toEqual(smallRest);
  });
});
