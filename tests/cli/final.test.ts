/** `--final` refuses to publish while required texts are missing, and lists them; with them written it publishes. */
import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';

async function generate(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(['node', 'rapport', 'generate', '--period', '2024-08', '--json', ...args]), out };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('generate --final on the example region', () => {
  it('refuses a unit whose required texts are missing, names each file to write, and writes nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-final-'));
    const r = await generate(['--unit', 'regionstyrelsen', '--final', '--format', 'md', '--out', dir]);
    expect(r.code).toBe(65);
    const missing = (JSON.parse(r.out) as { diagnostics: { code: string; message: string }[] }).diagnostics.filter((d) => d.code === 'narrative.missing');
    expect(missing.map((d) => /\(([a-z-]+)\)/.exec(d.message)?.[1])).toEqual([
      'perioden-som-gatt', 'handelser-av-vasentlig-betydelse', 'forvantad-utveckling', 'ekonomisk-analys',
    ]);
    expect(missing[0]!.message).toContain(path.join('berattelser', 'regionstyrelsen', 'perioden-som-gatt.md'));
    expect(await readdir(dir)).toEqual([]);
  });

  it('publishes the region report, whose texts are written', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-final-'));
    const r = await generate(['--unit', 'region-exempel', '--final', '--format', 'md', '--out', dir]);
    expect(r.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['.rapport', 'region-exempel-2024-08.md']);
  });
});
