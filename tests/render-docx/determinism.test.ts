/**
 * The same model gives byte-identical .docx and .xlsx files: twice in one process (the `docx` library's counters
 * keep counting), in another process, and in other time zones.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Packer } from 'docx';
import { buildDocument, renderDocx } from '../../src/render/docx/index.js';
import { compiledParts } from '../../src/render/docx/render-docx.js';
import { fixDocxXml } from '../../src/render/docx/package-fixes.js';
import { normaliseParts, normaliseZip } from '../../src/render/normalise-zip.js';
import { finishTextSlots, slotSource } from '../../src/render/docx/slots/finish.js';
import { unzipSync } from 'fflate';
import { renderXlsx } from '../../src/render/xlsx.js';
import { sampleReport } from '../helpers/sample-report.js';
import { dosDateText, openPackage, zipEntries } from './ooxml.js';
import { transpileForChild } from './transpile.js';

const run = promisify(execFile);

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

let docx: Uint8Array;
let xlsx: Uint8Array;
let childDir: string;
let outDir: string;

beforeAll(async () => {
  docx = await renderDocx(sampleReport());
  xlsx = await renderXlsx(sampleReport());
  childDir = transpileForChild(['src/render/docx/index.ts', 'src/render/xlsx.ts', 'tests/helpers/sample-report.ts']);
  writeFileSync(
    join(childDir, 'render-child.mjs'),
    [
      "import { writeFileSync } from 'node:fs';",
      "import { renderDocx } from './src/render/docx/index.js';",
      "import { renderXlsx } from './src/render/xlsx.js';",
      "import { sampleReport } from './tests/helpers/sample-report.js';",
      'writeFileSync(process.argv[2], await renderDocx(sampleReport()));',
      'writeFileSync(process.argv[3], await renderXlsx(sampleReport()));',
    ].join('\n'),
  );
  outDir = mkdtempSync(join(tmpdir(), 'rapport-determinism-'));
});

afterAll(() => {
  rmSync(childDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

describe('in one process', () => {
  test('the Word parts are taken unzipped from docx’s compiler, and give the bytes packing and unzipping gives', async () => {
    const model = sampleReport();
    const parts = compiledParts(buildDocument(model));
    // If a docx upgrade removes the compiler, renderDocx still works (it packs and unzips) but is slower: look here.
    expect(parts).toBeDefined();
    expect(parts!.has('word/document.xml')).toBe(true);
    const packed = new Map<string, string | Uint8Array>(Object.entries(unzipSync(new Uint8Array(await Packer.toBuffer(buildDocument(model))))));
    // The text slots are finished on the parts either way (render-docx.ts).
    finishTextSlots(packed, slotSource(model));
    expect(same(normaliseParts(packed, { date: model.meta.reportDate, transformXml: fixDocxXml }), docx)).toBe(true);
  });

  test('rendering twice, with another report in between, gives the same bytes', async () => {
    const other = sampleReport({ allNarratives: true });
    await renderDocx(other);
    await renderXlsx(other);
    expect(same(await renderDocx(sampleReport()), docx)).toBe(true);
    expect(same(await renderXlsx(sampleReport()), xlsx)).toBe(true);
  });

  test('zip entries are dated by the report date, in a fixed order', () => {
    for (const bytes of [docx, xlsx]) {
      const entries = zipEntries(bytes);
      expect(entries[0]!.name).toBe('[Content_Types].xml');
      expect(entries[1]!.name).toBe('_rels/.rels');
      const rest = entries.slice(2).map((e) => e.name);
      expect(rest).toEqual([...rest].sort());
      expect(new Set(entries.map((e) => dosDateText(e.dosDate)))).toEqual(new Set(['2024-08-31']));
    }
  });

  test('relationship ids are numbered, not random', () => {
    const pkg = openPackage(docx);
    for (const name of pkg.names.filter((n) => n.endsWith('.rels'))) {
      for (const m of pkg.text(name).matchAll(/Id="([^"]+)"/g)) expect(m[1]).toMatch(/^rId\d+$/);
    }
  });

  test('embedded chart workbooks are normalised too', () => {
    const files = openPackage(docx);
    const embedded = files.names.filter((n) => n.startsWith('word/embeddings/'));
    expect(embedded.length).toBeGreaterThan(0);
    for (const name of embedded) {
      const entries = zipEntries(files.bytes(name));
      expect(entries[0]!.name).toBe('[Content_Types].xml');
      expect(new Set(entries.map((e) => dosDateText(e.dosDate)))).toEqual(new Set(['2024-08-31']));
    }
  });
});

describe('normaliseZip', () => {
  test('is idempotent', () => {
    expect(same(normaliseZip(docx, { date: '2024-08-31' }), docx)).toBe(true);
  });
});

describe('in other processes and time zones', () => {
  for (const tz of ['UTC', 'Europe/Stockholm', 'Pacific/Kiritimati']) {
    test(`TZ=${tz} gives the same bytes as this process`, async () => {
      const d = join(outDir, `${tz.replace('/', '-')}.docx`);
      const x = join(outDir, `${tz.replace('/', '-')}.xlsx`);
      await run(process.execPath, [join(childDir, 'render-child.mjs'), d, x], { env: { ...process.env, TZ: tz }, timeout: 600_000 });
      expect(same(readFileSync(d), docx)).toBe(true);
      expect(same(readFileSync(x), xlsx)).toBe(true);
    });
  }
});
