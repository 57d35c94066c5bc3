/**
 * Issue 4's privacy promise, checked the way an auditor would: run the real command on the example region (every
 * unit, every configured format), capture everything it prints, then search all outputs and the log for every
 * personnummer (in its common spellings) and every name in the HR extracts. Nothing may be found.
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { strFromU8, unzipSync } from 'fflate';
import { main } from '../../src/cli/main.js';

const HR = 'fixtures/region-exempel/heroma';

async function identities(): Promise<string[]> {
  const found = new Set<string>();
  for (const f of await readdir(HR)) {
    if (!f.endsWith('.csv')) continue;
    const lines = iconv.decode(await readFile(path.join(HR, f)), 'win1252').split(/\r?\n/).filter(Boolean);
    const header = lines[0]!.split(';');
    const pnr = header.indexOf('Personnummer');
    const name = header.indexOf('Namn');
    for (const line of lines.slice(1)) {
      const cells = line.split(';');
      if (pnr >= 0 && cells[pnr]) {
        const p = cells[pnr]!; // 19610205-3784
        found.add(p);
        found.add(p.replace('-', '')); // 196102053784
        found.add(p.slice(2)); // 610205-3784
        found.add(p.slice(2).replace('-', '')); // 6102053784
      }
      if (name >= 0 && cells[name]) found.add(cells[name]!);
    }
  }
  return [...found];
}

/** Text of an output file; for .docx/.xlsx the XML parts inside the zip. */
async function textOf(file: string): Promise<string> {
  const bytes = await readFile(file);
  if (file.endsWith('.docx') || file.endsWith('.xlsx')) {
    return Object.values(unzipSync(bytes)).map((part) => strFromU8(part)).join('\n');
  }
  return bytes.toString('utf8');
}

/**
 * Every id that occurs in `text` as a substring, in one pass over the text per id length: each substring of such a
 * length is looked up in a set (the run writes some 45 files of XML; 9 000 ids × `includes` over all of them took
 * minutes on a busy machine).
 */
function findAny(text: string, ids: readonly string[]): string[] {
  const byLength = new Map<number, Set<string>>();
  for (const id of ids) byLength.set(id.length, (byLength.get(id.length) ?? new Set()).add(id));
  const found = new Set<string>();
  for (const [length, set] of byLength) {
    for (let i = 0; i + length <= text.length; i++) {
      const piece = text.slice(i, i + length);
      if (set.has(piece)) found.add(piece);
    }
  }
  return ids.filter((id) => found.has(id));
}

describe('no personal data in any output or log of a run', () => {
  it('finds none of the fixture’s personnummer or names', async () => {
    const ids = await identities();
    expect(ids.length).toBeGreaterThan(2000);
    const out = await mkdtemp(path.join(os.tmpdir(), 'rapport-privacy-'));
    let log = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((log += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((log += String(s)), true));
    let code: number;
    try {
      code = await main(['node', 'rapport', 'generate', '--period', '2024-08', '--out', out]);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    expect(code, log).toBe(0);
    // The reports, and the set's manifest and archive of published figures (docs/publication.md).
    const files = [...(await readdir(out)).filter((f) => f !== '.rapport'), '.rapport/manifest.json', '.rapport/arkiv.jsonl'];
    expect(files.length).toBeGreaterThan(10);
    const haystacks = [{ name: 'log', text: log }, ...(await Promise.all(files.map(async (f) => ({ name: f, text: await textOf(path.join(out, f)) }))))];
    // The search itself must work: a personal-data section is in the output, so names of units are found …
    expect(haystacks.some((h) => h.text.includes('Sjukfrånvaro'))).toBe(true);
    const hits: string[] = [];
    for (const h of haystacks) for (const id of findAny(h.text, ids)) hits.push(`${id} i ${h.name}`);
    expect(hits).toEqual([]);
    // The finder itself finds what is there.
    expect(findAny(`x${ids[0]}y och ${ids.at(-1)}.`, ids)).toEqual(expect.arrayContaining([ids[0], ids.at(-1)]));
    expect(findAny('inget här', ids)).toEqual([]);
  }, 600_000);
});
