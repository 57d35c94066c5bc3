/**
 * Reconciliation of the rendered documents (pipeline/read-back.ts): after rendering and before publishing, the total
 * rows read back from the json, md, xlsx and docx files must equal the report model's. The example region passes
 * with every format; a renderer whose output is corrupted after it rendered (the real renderer's bytes with one total
 * figure changed, injected here by wrapping the renderer modules, no hook in the product) stops the run with
 * `reconcile.rendered-total`, exit 65, and nothing is published.
 *
 * The figure changed is the region's "Total (netto)" in table 3.1, column "Ack utfall föreg år": the model holds
 * −838 791 131 456 öre = −8 387 911,31456 tkr, printed "-8 387 911" (rounded to whole tkr).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { runCli } from '../helpers/run-cli.js';

const state = vi.hoisted(() => ({ corrupt: new Set<string>() }));

/** The Total (netto) row's third cell (Ack utfall föreg år) one unit off, per format. */
const TOTAL_LABEL = 'Total (netto)';

function corruptJson(text: string): string {
  // One öre: prints the same in tkr, but the JSON carries öre and must hold the model's figure exactly.
  // The figure in the Total (netto) row: the same amount is also printed earlier (the region level's subtotal).
  const row = text.indexOf(`"text": "${TOTAL_LABEL}"`);
  const at = row < 0 ? -1 : text.indexOf('"ore": -838791131456,', row);
  if (at < 0) throw new Error('figure not found in json');
  return `${text.slice(0, at)}"ore": -838791131455,${text.slice(at + '"ore": -838791131456,'.length)}`;
}

function corruptMarkdown(text: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`| **${TOTAL_LABEL}**`));
  if (i < 0 || !lines[i]!.includes('| **-8 387 911** |')) throw new Error('total row not found in md');
  lines[i] = lines[i]!.replace('| **-8 387 911** |', '| **-8 387 912** |');
  return lines.join('\n');
}

function corruptXlsx(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  let done = false;
  for (const [name, data] of Object.entries(files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = strFromU8(data);
    if (!xml.includes('<v>-8387911.31456</v>')) continue;
    files[name] = strToU8(xml.replace('<v>-8387911.31456</v>', '<v>-8387912.31456</v>'));
    done = true;
  }
  if (!done) throw new Error('figure not found in xlsx');
  return zipSync(files);
}

function corruptDocx(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const xml = strFromU8(files['word/document.xml']!);
  const rows = xml.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? [];
  const row = rows.find((r) => r.includes(`>${TOTAL_LABEL}<`) && r.includes('-8\u00a0387\u00a0911'));
  if (!row) throw new Error('total row not found in docx');
  files['word/document.xml'] = strToU8(xml.replace(row, row.replace('-8\u00a0387\u00a0911', '-8\u00a0387\u00a0912')));
  return zipSync(files);
}

vi.mock('../../src/render/json.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/render/json.js')>();
  return { ...real, renderJson: (m: Parameters<typeof real.renderJson>[0]) => (state.corrupt.has('json') ? corruptJson(real.renderJson(m)) : real.renderJson(m)) };
});
vi.mock('../../src/render/markdown.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/render/markdown.js')>();
  return {
    ...real,
    renderMarkdown: (...a: Parameters<typeof real.renderMarkdown>) => {
      const md = real.renderMarkdown(...a);
      return state.corrupt.has('md') ? corruptMarkdown(md) : md;
    },
  };
});
vi.mock('../../src/render/xlsx.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/render/xlsx.js')>();
  return {
    ...real,
    renderXlsx: async (...a: Parameters<typeof real.renderXlsx>) => {
      const bytes = await real.renderXlsx(...a);
      return state.corrupt.has('xlsx') ? corruptXlsx(bytes) : bytes;
    },
  };
});
// Word files are made on worker threads; the pool's results are what the command receives.
vi.mock('../../src/pipeline/word-pool.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/pipeline/word-pool.js')>();
  class CorruptingPool extends real.WordPool {
    static override forJobs(n: number): InstanceType<typeof real.WordPool> {
      const pool = real.WordPool.forJobs(n);
      const render = pool.render.bind(pool);
      pool.render = (job) =>
        render(job).then((r) => (r.ok && state.corrupt.has('docx') ? { ...r, bytes: corruptDocx(r.bytes) } : r));
      return pool;
    }
  }
  return { ...real, WordPool: CorruptingPool };
});

afterEach(() => state.corrupt.clear());

interface Diag { code: string; severity: string; message: string; value?: string; location?: { file: string } }

interface Finding { code: string; severity: string; message: string; file?: string; unit?: string }

async function generate(format: string): Promise<{ code: number; diagnostics: Diag[]; out: string; reconciliation: { ran: boolean; stopped: boolean; findings: Finding[] } }> {
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'rapport läs tillbaka ')), 'ut');
  const r = await runCli(['generate', '--period', '2024-08', '--unit', 'region-exempel', '--format', format, '--out', out, '--json']);
  const doc = JSON.parse(r.out) as { diagnostics: Diag[]; reconciliation: { ran: boolean; stopped: boolean; findings: Finding[] } };
  return { code: r.code, diagnostics: doc.diagnostics, out, reconciliation: doc.reconciliation };
}

const exists = async (dir: string): Promise<boolean> => readdir(dir).then(() => true, () => false);

describe('rendered totals read back before publishing', () => {
  it('the example region passes with json, md, xlsx and docx (no finding on correct files)', async () => {
    const r = await generate('json,md,xlsx,docx');
    expect(r.diagnostics.filter((d) => d.code.startsWith('reconcile.rendered'))).toEqual([]);
    expect(r.reconciliation).toEqual({ ran: true, stopped: false, findings: [] });
    expect(r.code).toBe(0);
    expect((await readdir(r.out)).sort()).toEqual(['.rapport', 'region-exempel-2024-08.docx', 'region-exempel-2024-08.json', 'region-exempel-2024-08.md', 'region-exempel-2024-08.xlsx']);
  }, 600_000);

  const cases: { format: string; shown: string; expected: string }[] = [
    // JSON holds öre: −838 791 131 456 öre in the model, one öre less negative in the file.
    { format: 'json', shown: '-838791131455 öre', expected: '-838791131456 öre' },
    { format: 'md', shown: '-8 387 912', expected: '-8 387 911' },
    // The sheet holds tkr unrounded: −838 791 131 456 / 100 000 = −8 387 911,31456.
    { format: 'xlsx', shown: '-8387912.31456', expected: '-8387911.31456' },
    { format: 'docx', shown: '-8 387 912', expected: '-8 387 911' },
  ];
  for (const c of cases) {
    it(`a corrupted ${c.format} total stops publication with reconcile.rendered-total`, async () => {
      state.corrupt.add(c.format);
      const r = await generate(c.format);
      expect(r.code).toBe(65);
      const found = r.diagnostics.filter((d) => d.code === 'reconcile.rendered-total');
      expect(found).toHaveLength(1);
      const d = found[0]!;
      expect(d.severity).toBe('error');
      expect(d.location?.file).toMatch(new RegExp(`region-exempel-2024-08\\.${c.format}$`));
      expect(d.message).toContain(`Summaraden "${TOTAL_LABEL}" i tabellen "Ekonomiskt resultat per augusti 2024"`);
      expect(d.message).toContain(`visar ${c.shown} i kolumnen "Ack utfall föreg år"`);
      expect(d.message).toContain(`beräkning ger ${c.expected}.`);
      expect(await exists(r.out)).toBe(false);
      // The --json reconciliation section lists the same finding with its file and unit.
      expect(r.reconciliation.stopped).toBe(true);
      expect(r.reconciliation.findings).toEqual([{ code: 'reconcile.rendered-total', severity: 'error', message: d.message, file: d.location!.file, unit: 'region-exempel' }]);
    }, 600_000);
  }
});
