/**
 * The golden case: Region Västerbotten's published delårsrapport per augusti 2024 (seed 001). Runs the CLI on the
 * data files and compares every cell of tables 3.1, 3.2 and 4 with the tables printed in the golden README.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { parseMarkdownTables, plainCell, type MdTable } from '../helpers/markdown-tables.js';
import { formatCell } from '../../src/render/format.js';
import type { ReportModel, Table } from '../../src/report/model.js';

const dir = path.resolve('fixtures/vasterbotten-rs-2024-08');

let expected: MdTable[];
let model: ReportModel;
let markdown: string;
let outDir: string;

function findTable(m: ReportModel, id: string): Table {
  const walk = (sections: ReportModel['sections']): Table | undefined => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.type === 'table' && b.id === id) return b;
      const t = walk(s.sections);
      if (t) return t;
    }
    return undefined;
  };
  const t = walk(m.sections);
  if (!t) throw new Error(`table ${id} not found`);
  return t;
}

function modelRows(t: Table): string[][] {
  return t.rows.map((r) => r.cells.map((c) => plainCell(formatCell(c, ' '))));
}

beforeAll(async () => {
  expected = parseMarkdownTables(await readFile(path.join(dir, 'README.md'), 'utf8'));
  outDir = await mkdtemp(path.join(os.tmpdir(), 'rapport-golden-'));
  const code = await main(['node', 'rapport', 'generate', '--period', '2024-08', '--config', path.join(dir, 'rapport.config.yaml'), '--out', outDir, '--format', 'json,md']);
  expect(code).toBe(0);
  const files = (await readdir(outDir)).sort();
  expect(files).toEqual(['.rapport', 'regionstyrelsen-2024-08.json', 'regionstyrelsen-2024-08.md']);
  model = JSON.parse(await readFile(path.join(outDir, 'regionstyrelsen-2024-08.json'), 'utf8')) as ReportModel;
  markdown = await readFile(path.join(outDir, 'regionstyrelsen-2024-08.md'), 'utf8');
});

const cases = [
  { id: 'resultat', heading: 'Table 3.1' },
  { id: 'nettokostnad', heading: 'Table 3.2' },
  { id: 'investeringar', heading: 'Table 4' },
];

describe('golden case: Västerbotten Regionstyrelsen per augusti 2024', () => {
  for (const c of cases) {
    it(`${c.heading} (${c.id}): every cell equals the published table, in JSON and Markdown`, () => {
      const golden = expected.find((t) => t.heading.startsWith(c.heading));
      expect(golden, `README table ${c.heading}`).toBeDefined();
      const want = golden!.rows.map((r) => r.map(plainCell));
      // JSON report model, formatted as the renderers format it
      expect(modelRows(findTable(model, c.id))).toEqual(want);
      // Markdown output: the same table, found by its header row
      const mdTables = parseMarkdownTables(markdown);
      const header = golden!.header.map(plainCell);
      const md = mdTables.find((t) => t.header.map(plainCell).join('|') === header.join('|'));
      expect(md, `Markdown table with header ${header.join(' | ')}`).toBeDefined();
      expect(md!.rows.map((r) => r.map(plainCell))).toEqual(want);
    });
  }

  it('drafts the summary sentences of seed 001 section 1', () => {
    expect(markdown).toContain('Regionstyrelsen redovisar efter andra tertialet en negativ budgetavvikelse på 52 miljoner kronor och en nettokostnadsutveckling på 7 procent.');
    expect(markdown).toContain('Investeringsutgifterna uppgår efter augusti till 522 miljoner kronor och för året prognosticeras ett utfall på 945 miljoner kronor vilket innebär en negativ avvikelse mot budget på 15 miljoner kronor.');
  });

  it('keeps exact values in the JSON (öre and ratios)', () => {
    const t = findTable(model, 'resultat');
    const net = t.rows.at(-1)!;
    const ackActual = net.cells[3]!;
    expect(ackActual.kind).toBe('money');
    // −2 515 284 tkr when rounded; the exact value is in öre
    if (ackActual.kind === 'money') expect(Math.round(ackActual.ore! / 100_000)).toBe(-2_515_284);
  });
});
