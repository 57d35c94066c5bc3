/**
 * Prognossäkerhet at year end (report 2024-12): each earlier forecast occasion's helårsprognos against the year's
 * outcome, per unit, in a table and a sentence. By hand, in kronor:
 *
 * - Utfall 2024: 100 Personal −100 000 a month (−1 200 000, förvaltning Primärvård); 200 Personal −20 000 a month
 *   (−240 000, Stab). The nämnd: −1 440 000.
 * - Forecasts: April 100 −1 150 000, 200 −250 000 (−1 400 000); August 100 −1 190 000, 200 −245 000 (−1 435 000).
 * - Utfall − prognos: Primärvård April −1 200 000 + 1 150 000 = −50 000, August −10 000; Stab April
 *   −240 000 + 250 000 = +10 000, August +5 000; the nämnd April −40 000, August −5 000.
 * - Share of the outcome: 40 000 / 1 440 000 = 2,78 % → 2,8; 5 000 / 1 440 000 = 0,35 % → 0,3.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { months, smallRegion, type ForecastLine, type Line } from './small-region.js';

afterEach(() => vi.restoreAllMocks());

const KR = 100;
const lines: Line[] = [
  ...months(2024, new Array(12).fill(-100_000)).map(([p, v]): Line => ['100', '4011', p, v, null]),
  ...months(2024, new Array(12).fill(-20_000)).map(([p, v]): Line => ['200', '4011', p, v, null]),
];
const forecasts: ForecastLine[] = [
  ['2024-04', '100', 'Personal', -1_150_000],
  ['2024-04', '200', 'Personal', -250_000],
  ['2024-08', '100', 'Personal', -1_190_000],
  ['2024-08', '200', 'Personal', -245_000],
];

type Json = { type: string; id?: string; text?: string; title?: string; blocks?: Json[]; sections?: Json[]; rows?: { cells: { text?: string; ore?: number }[] }[]; columns?: { header: string }[] };

function find(sections: readonly Json[], id: string): Json | undefined {
  for (const s of sections) {
    if (s.id === id) return s;
    const hit = find(s.sections ?? [], id);
    if (hit) return hit;
  }
  return undefined;
}

describe('prognossäkerhet', () => {
  it('at year end: every earlier forecast against the outcome, per unit, with a sentence', async () => {
    const r = await smallRegion({ lines, forecasts, extra: 'units: { result: tkr, netCost: tkr }\n' });
    const g = await runCli(['generate', '--period', '2024-12', '--config', r.config, '--out', r.out, '--format', 'json,md']);
    expect(g.code, g.err).toBe(0);
    const base = (await readdir(r.out)).find((f) => f.endsWith('.json'))!.replace(/\.json$/, '');
    const json = JSON.parse(await readFile(path.join(r.out, `${base}.json`), 'utf8'));
    const section = find(json.sections, 'prognossakerhet')!;
    expect(section.title).toBe('Prognossäkerhet');
    const [paragraph, table] = section.blocks!;
    expect(paragraph!.text).toBe(
      'Årets utfall för Nämnden blev 40 tusen kronor sämre än prognosen per april (2,8 procent av utfallet) och 5 tusen kronor sämre än prognosen per augusti (0,3 procent av utfallet).',
    );
    expect(table!.columns!.map((c) => c.header)).toEqual(['Verksamhetsområde', 'Utfall 2024', 'Prognos per april', 'Utfall − prognos april', 'Prognos per augusti', 'Utfall − prognos augusti']);
    const values = table!.rows!.map((row) => [row.cells[0]!.text, ...row.cells.slice(1).map((c) => c.ore! / KR)]);
    expect(values).toEqual([
      ['Primärvård', -1_200_000, -1_150_000, -50_000, -1_190_000, -10_000],
      ['Stab', -240_000, -250_000, 10_000, -245_000, 5_000],
      ['Totalt', -1_440_000, -1_400_000, -40_000, -1_435_000, -5_000],
    ]);
    const md = await readFile(path.join(r.out, `${base}.md`), 'utf8');
    expect(md).toContain('| **Totalt** | **-1 440** | **-1 400** | **-40** | **-1 435** | **-5** |');
  });

  it('is left out before year end', async () => {
    const r = await smallRegion({ lines, forecasts });
    const g = await runCli(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out, '--format', 'json']);
    expect(g.code, g.err).toBe(0);
    const base = (await readdir(r.out)).find((f) => f.endsWith('.json'))!;
    const json = JSON.parse(await readFile(path.join(r.out, base), 'utf8'));
    expect(find(json.sections, 'prognossakerhet')).toBeUndefined();
  });
});
