/**
 * The personnel module's sick-leave percentages in the decimals the layout asks for (seed 002 prints one decimal,
 * seed 001 two): `module: personnel` with `sickLeaveDecimals: 1`, on the example region.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';

afterEach(() => vi.restoreAllMocks());

interface Cell { kind: string; ratio?: { num: number; den: number } | null; decimals?: number; text?: string }

/** ratio × 100 to one decimal, half away from zero, exactly (BigInt), with a decimal comma. */
function percent1(r: { num: number; den: number }): string {
  const n = BigInt(r.num) * 1000n;
  const d = BigInt(r.den);
  const q = (n < 0n ? -n : n) * 2n + d;
  const tenths = (q / (2n * d)) * (n < 0n ? -1n : 1n);
  const abs = tenths < 0n ? -tenths : tenths;
  return `${tenths < 0n ? '-' : ''}${abs / 10n},${abs % 10n}`;
}

describe('sick leave with one decimal', () => {
  it('prints the sick-leave tables with one decimal, the shares of employees still whole', async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'rapport-personal-')), 'Region å');
    const fixtures = path.resolve('fixtures/region-exempel').split(path.sep).join('/');
    const config = (await readFile('rapport.config.yaml', 'utf8')).replaceAll('fixtures/region-exempel', fixtures)
      .replace(/\n(report:\n)/, '\n$1  layout: personal.yaml\n');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'rapport.config.yaml'), config);
    await writeFile(path.join(dir, 'personal.yaml'), 'version: 1\nsections:\n  - module: personnel\n    sickLeaveDecimals: 1\n');
    const out = path.join(dir, 'ut');
    const g = await runCli(['generate', '--period', '2024-08', '--config', path.join(dir, 'rapport.config.yaml'), '--unit', 'region-exempel', '--out', out, '--format', 'json,md']);
    expect(g.code, g.err).toBe(0);
    const model = JSON.parse(await readFile(path.join(out, 'region-exempel-2024-08.json'), 'utf8'));
    expect(model.sections.map((s: { id: string }) => s.id)).toEqual(['vasentliga-personalforhallanden']);
    const tables = model.sections[0].sections.flatMap((s: { blocks: { type: string; id: string }[] }) => s.blocks.filter((b) => b.type === 'table'));
    const ytd = tables.find((t: { id: string }) => t.id === 'personal-sjukfranvaro');
    const total = ytd.rows[0].cells as Cell[];
    expect(total[0]!.text).toBe('Total sjukfrånvaro');
    expect(total.slice(1).map((c) => c.decimals)).toEqual([1, 1, 1]);
    const r12 = tables.find((t: { id: string }) => t.id === 'personal-sjukfranvaro-r12');
    const zero = r12.rows.find((r: { cells: Cell[] }) => r.cells[0]!.text === 'Andel medarbetare med 0 sjukdagar');
    expect(zero.cells.slice(1).map((c: Cell) => c.decimals)).toEqual([0, 0, 0]);
    const md = await readFile(path.join(out, 'region-exempel-2024-08.md'), 'utf8');
    const line = md.split('\n').find((l) => /^\| \*\*Total sjukfrånvaro\*\* \|/.test(l))!;
    const printed = line.split('|').slice(2, -1).map((c) => c.trim().replace(/\*\*/g, ''));
    expect(printed[1]).toBe(percent1(total[2]!.ratio!));
    expect(printed[0]).toBe(percent1(total[1]!.ratio!));
  });
});
