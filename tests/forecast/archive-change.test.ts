/**
 * Prognosförändring sedan föregående rapport from the archive of published figures: each forecast round's file
 * holds only that round, so the August run finds no earlier occasion in it and takes the April report's published
 * forecasts from the output folder's archive (.rapport/arkiv.jsonl). By hand, in kronor:
 *
 * - April file: 100 Personal −1 210 000, 100 Intäkter +118 000 (Primärvård −1 092 000); 200 Personal −250 000
 *   (Stab); the nämnd −1 342 000.
 * - August file: 100 Personal −1 230 000, 100 Intäkter +140 000 (Primärvård −1 090 000); 200 Personal −245 000;
 *   the nämnd −1 335 000.
 * - Prognosförändring: Primärvård −1 090 000 + 1 092 000 = +2 000; Stab +5 000; the nämnd +7 000.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { months, smallRegion, type Line } from './small-region.js';

afterEach(() => vi.restoreAllMocks());

const KR = 100;
const lines: Line[] = [
  ...months(2023, new Array(12).fill(-100_000)).map(([p, v]): Line => ['100', '4011', p, v, null]),
  ...months(2024, new Array(12).fill(-100_000)).map(([p, b]): Line => ['100', '4011', p, p <= 202408 ? -105_000 : null, b]),
  ...months(2024, new Array(12).fill(-20_000)).map(([p, b]): Line => ['200', '4011', p, p <= 202408 ? -20_000 : null, b]),
  ...months(2024, new Array(12).fill(10_000)).map(([p, b]): Line => ['100', '3011', p, p <= 202408 ? 12_000 : null, b]),
];

describe('prognosförändring from the archive of published figures', () => {
  it('the August report shows the change since the published April report when the file has only August', async () => {
    const r = await smallRegion({
      lines,
      forecasts: [['2024-04', '100', 'Personal', -1_210_000], ['2024-04', '200', 'Personal', -250_000], ['2024-04', '100', 'Intäkter', 118_000]],
      extra: 'units: { result: tkr, netCost: tkr, text: tkr }\n',
      // Every förvaltning is published too, so the archive has their forecasts for the rows of table 3.3.
      unitLevels: '[root, Förvaltning]',
    });
    const april = await runCli(['generate', '--period', '2024-04', '--config', r.config, '--out', r.out, '--format', 'json']);
    expect(april.code, april.err).toBe(0);
    expect(await readdir(r.out)).toContain('.rapport');
    await writeFile(path.join(r.dir, 'prognoser.csv'), 'Prognostillfälle;Ansvar;Rad;Prognos\n2024-08;100;Personal;-1230000,00\n2024-08;200;Personal;-245000,00\n2024-08;100;Intäkter;140000,00\n');
    const august = await runCli(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out, '--format', 'json,md']);
    expect(august.code, august.err).toBe(0);
    const file = (await readdir(r.out)).find((f) => f.startsWith('namnden') && f.endsWith('2024-08.json'))!;
    const json = JSON.parse(await readFile(path.join(r.out, file), 'utf8'));
    type T = { type: string; id?: string; columns: { header: string }[]; rows: { cells: { text?: string; ore?: number }[] }[] };
    const tables: T[] = [];
    const walk = (ss: { blocks: T[]; sections: unknown[] }[]) => { for (const s of ss) { tables.push(...s.blocks.filter((b) => b.type === 'table')); walk(s.sections as never); } };
    walk(json.sections);
    const prognos = tables.find((t) => t.id === 'prognos')!;
    expect(prognos.columns.map((c) => c.header)).toEqual(['Verksamhetsområde', 'Årsbudget 2024', 'Helårsprognos 2024', 'Prognosavvikelse', 'Prognos per april', 'Prognosförändring']);
    expect(prognos.rows.map((row) => [row.cells[0]!.text, row.cells[2]!.ore! / KR, row.cells[4]!.ore! / KR, row.cells[5]!.ore! / KR])).toEqual([
      ['Primärvård', -1_090_000, -1_092_000, 2_000],
      ['Stab', -245_000, -250_000, 5_000],
      ['Verksamhetens nettokostnader', -1_335_000, -1_342_000, 7_000],
    ]);
    const md = await readFile(path.join(r.out, file.replace('.json', '.md')), 'utf8');
    expect(md).toContain('Prognosen har förbättrats med 7 tusen kronor sedan prognosen per april.');
  });

  it('leaves a unit the previous run did not publish blank, not 0', async () => {
    const r = await smallRegion({
      lines,
      forecasts: [['2024-04', '100', 'Personal', -1_210_000], ['2024-04', '200', 'Personal', -250_000], ['2024-04', '100', 'Intäkter', 118_000]],
      extra: 'units: { result: tkr, netCost: tkr, text: tkr }\n',
    });
    expect((await runCli(['generate', '--period', '2024-04', '--config', r.config, '--out', r.out, '--format', 'json'])).code).toBe(0);
    await writeFile(path.join(r.dir, 'prognoser.csv'), 'Prognostillfälle;Ansvar;Rad;Prognos\n2024-08;100;Personal;-1230000,00\n2024-08;200;Personal;-245000,00\n2024-08;100;Intäkter;140000,00\n');
    expect((await runCli(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out, '--format', 'md'])).code).toBe(0);
    const md = await readFile(path.join(r.out, (await readdir(r.out)).find((f) => f.endsWith('2024-08.md'))!), 'utf8');
    // Only the nämnd was published in April: its förvaltningar have no previous forecast (blank cells).
    expect(md).toContain('| Primärvård | -1 080 | -1 090 | -10 |  |  |');
    expect(md).toContain('| **Verksamhetens nettokostnader** | **-1 320** | **-1 335** | **-15** | **-1 342** | **7** |');
  });
});
