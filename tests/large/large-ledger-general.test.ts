import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURE, LIMIT, generateJson as generate, writeLedgers } from '../helpers/large-ledger.js';

/**
 * A ledger over 256 MiB that the byte-level fast path hands to the general reader — the period in two columns (År;
 * Månad) and "Summa"/"Totalt" rows closing the detail rows, as some Raindance reports export it — read by the whole
 * command in a heap of 256 MB: the general reader streams it into the aggregation too, never holding it whole, and
 * checks every sum row on the way (issue 13). Run by `npm run test:large` (not by `npm test`).
 *
 * The file is made on the fly from the example region's saldo export, rewritten once into one block: the period split
 * into År;Månad, a "Summa <ansvar>" row after each run of rows of one ansvar (the run's exact sums) and a "Totalt" row
 * at the end (the block's). Then pairs of copies — the first with every amount negated, sum rows included, the
 * second as it is — until the file is over 256 MiB. With `duplicates: sum` every key adds up to the block's amounts
 * again, so the report must be the one made from the single block, figure for figure; only the warnings that count
 * the summed rows and the sum rows differ, and both counts are checked.
 */

/** "-119877,00" → öre; null for an empty cell. */
function ore(cell: string): bigint | null {
  if (cell === '') return null;
  const m = /^(-?)(\d+),(\d\d)$/.exec(cell);
  if (!m) throw new Error(`unexpected amount ${cell}`);
  const v = BigInt(m[2]!) * 100n + BigInt(m[3]!);
  return m[1] ? -v : v;
}

function kr(v: bigint | null): string {
  if (v === null) return '';
  const a = v < 0n ? -v : v;
  return `${v < 0n ? '-' : ''}${a / 100n},${String(a % 100n).padStart(2, '0')}`;
}

/** The export as one block: År;Månad for Period, a Summa row after each ansvar's rows, Totalt at the end. */
function block(original: string): { header: string; lines: string[]; dataLines: number; sumRows: number; amountFields: number[] } {
  const lines = original.split(/\r?\n/).filter((l) => l !== '');
  const head = lines[0]!.split(';');
  const pi = head.indexOf('Period');
  const ai = head.indexOf('Ansvar');
  const amounts = [head.indexOf('Utfall'), head.indexOf('Budget')];
  expect([pi, ai, ...amounts].every((i) => i >= 0)).toBe(true);
  const split = (f: string[]): string => {
    const p = f[pi]!;
    return [...f.slice(0, pi), p.slice(0, 4), p === '' ? '' : String(Number(p.slice(4))), ...f.slice(pi + 1)].join(';');
  };
  const out: string[] = [];
  let run: string[][] = [];
  const all: string[][] = [];
  let sumRows = 0;
  const total = (rows: string[][], label: string): string => {
    const f = head.map(() => '');
    f[ai] = label;
    for (const c of amounts) {
      let s: bigint | null = null;
      for (const r of rows) {
        const v = ore(r[c]!);
        if (v !== null) s = (s ?? 0n) + v;
      }
      f[c] = kr(s);
    }
    sumRows++;
    return split(f);
  };
  for (const l of lines.slice(1)) {
    const f = l.split(';');
    if (run.length > 0 && run[0]![ai] !== f[ai]) {
      out.push(total(run, `Summa ${run[0]![ai]}`));
      run = [];
    }
    run.push(f);
    all.push(f);
    out.push(split(f));
  }
  out.push(total(run, `Summa ${run[0]![ai]}`));
  out.push(total(all, 'Totalt'));
  const header = [...head.slice(0, pi), 'År', 'Månad', ...head.slice(pi + 1)].join(';');
  // Amount fields after the split: one more than before, from the period on.
  return { header, lines: out, dataLines: all.length, sumRows, amountFields: amounts.map((i) => (i > pi ? i + 1 : i)) };
}

describe('a ledger over 256 MiB with year + month columns and sum rows (the general reader)', () => {
  let dir: string;
  let copies = 0;
  let shape: ReturnType<typeof block>;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rapport-large-general-'));
    shape = block(readFileSync(path.join(FIXTURE, 'raindance-saldo.csv'), 'latin1'));
    copies = writeLedgers(dir, { ...shape, periodColumns: 'year: År, month: Månad' });
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is read by `generate` in a 256 MB heap, every sum row checked, with the figures of the single block', () => {
    expect(statSync(path.join(dir, 'large.csv')).size).toBeGreaterThan(LIMIT);
    const small = generate(path.join(dir, 'small.yaml'), path.join(dir, 'out-small'));
    expect(small.stderr).toContain('0 fel, 1 varning.');
    expect(small.status).toBe(0);
    const large = generate(path.join(dir, 'large.yaml'), path.join(dir, 'out-large'));
    expect(large.stderr).not.toMatch(/io\.file-too-large|heap/i);
    expect(large.stderr).toContain('0 fel, 2 varningar.');
    expect(large.status).toBe(0);

    const caveats = large.report['caveats'] as string[];
    const count = (word: string): string | undefined => caveats.find((c) => c.includes(word))?.replace(/\s/g, '');
    // Every key of the block was met `copies` times; all but the first were summed into it.
    expect(count('summerades')).toContain(`${(copies - 1) * shape.dataLines}rader`);
    // Every sum row of every copy matched its detail rows (a mismatch is an error, and the run would have failed).
    expect(count('summeringsrader')).toContain(`${copies * shape.sumRows}summeringsrader`);
    expect((small.report['caveats'] as string[]).map((c) => c.replace(/\s/g, ''))).toEqual([expect.stringContaining(`${shape.sumRows}summeringsrader`)]);

    const { caveats: _l, ...largeRest } = large.report;
    const { caveats: _s, ...smallRest } = small.report;
    // The tables' provenance names the ledger file: the only difference allowed besides the caveats.
    expect(JSON.parse(JSON.stringify(largeRest).replaceAll('large.csv', 'small.csv'))).toEqual(smallRest);
  });
});
