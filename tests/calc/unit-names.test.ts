import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildHierarchy } from '../../src/calc/hierarchy.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Units that share a name (an område and its delområde, an ansvar named like the root) get reports that can be told
 * apart: file names with the level, titles with the level or the ansvar code.
 */

afterEach(() => vi.restoreAllMocks());

const row = (costCentre: string, name: string, parents: string[], n: number) => ({ costCentre, name, parents, row: n });

describe('ids and titles of same-named units', () => {
  const h = buildHierarchy('Regionstyrelsen', ['Delområde', 'Område'], [
    row('110100', 'Digitalisering', ['Digitalisering', 'Digitalisering'], 2),
    row('110200', 'Service', ['Service', 'Digitalisering'], 3),
    row('120100', 'Regionstyrelsen', ['Politik', 'Politisk verksamhet'], 4),
  ]);
  const byName = (name: string, level: string) => [...h.byId.values()].find((n) => n.name === name && n.level === level)!;

  it('the first unit of a name keeps its slug; a later one gets its level in the id', () => {
    expect(byName('Digitalisering', 'Område').id).toBe('digitalisering');
    expect(byName('Digitalisering', 'Delområde').id).toBe('digitalisering-delomrade');
    expect(byName('Digitalisering', 'Ansvar').id).toBe('ansvar-110100');
  });

  it('every unit sharing a name is titled with its level or ansvar code; the root and unique names are not', () => {
    expect(byName('Digitalisering', 'Område').title).toBe('Digitalisering (område)');
    expect(byName('Digitalisering', 'Delområde').title).toBe('Digitalisering (delområde)');
    expect(byName('Digitalisering', 'Ansvar').title).toBe('Digitalisering (ansvar 110100)');
    expect(byName('Regionstyrelsen', 'Ansvar').title).toBe('Regionstyrelsen (ansvar 120100)');
    expect(h.root.title).toBe('Regionstyrelsen');
    expect(byName('Service', 'Delområde').title).toBe('Service (delområde)');
    expect(byName('Politik', 'Delområde').title).toBe('Politik');
    const titles = [...h.byId.values()].map((n) => n.title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});

describe('generate: an område and its delområde of the same name', () => {
  it('writes two reports with file names and titles of their own', async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'rapport-namn-')), 'Region å');
    await cp('fixtures/vasterbotten-rs-2024-08', dir, { recursive: true });
    const org = path.join(dir, 'organisation.csv');
    const text = iconv.decode(await readFile(org), 'windows-1252').replaceAll(';Digitalisering;Digitalisering och service', ';Digitalisering och service;Digitalisering och service');
    await writeFile(org, iconv.encode(text, 'windows-1252'));
    const config = path.join(dir, 'rapport.config.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('unitLevels: [root]', 'unitLevels: [Område, Delområde]'));
    const out = path.join(dir, 'ut');
    const g = await runCli(['generate', '--period', '2024-08', '--config', config, '--format', 'json', '--out', out]);
    expect(g.code, g.err).toBe(0);
    const files = await readdir(out);
    expect(files).toContain('digitalisering-och-service-2024-08.json');
    expect(files).toContain('digitalisering-och-service-delomrade-2024-08.json');
    expect(files.some((f) => /-2-2024-08/.test(f))).toBe(false);
    const meta = async (f: string) => JSON.parse(await readFile(path.join(out, f), 'utf8')).meta as { unit: string; unitId: string };
    expect(await meta('digitalisering-och-service-2024-08.json')).toMatchObject({ unit: 'Digitalisering och service (område)', unitId: 'digitalisering-och-service' });
    expect(await meta('digitalisering-och-service-delomrade-2024-08.json')).toMatchObject({ unit: 'Digitalisering och service (delområde)', unitId: 'digitalisering-och-service-delomrade' });
    expect((await meta('service-2024-08.json')).unit).toBe('Service');
  });
});
