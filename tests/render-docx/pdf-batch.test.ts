/**
 * Many Word files → PDF with one LibreOffice start (`convertManyToPdf`, `docxBatchToPdf`). A stand-in for LibreOffice
 * (a Node script that logs each start and converts, fails or hangs by the file's name) shows the batch behaviour on
 * any machine with a POSIX shell; the real LibreOffice converts two reports in one start where it is installed.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderDocx } from '../../src/render/docx/index.js';
import { convertManyToPdf, defaultPdfLanes, docxBatchToPdf, findSoffice, PDF_EXPORT_FILTER, PdfConversionError } from '../../src/render/pdf.js';
import { sampleReport } from '../helpers/sample-report.js';

const POSIX = process.platform !== 'win32';
let dir: string;
let docx: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-pdf-batch-'));
  docx = await renderDocx(sampleReport());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A stand-in for soffice: appends its input files' names to `log` (one line a start), then for each input in order
 * says "convert … -> … using filter" and writes a small complete PDF, except "trasig*" (cannot be loaded) and
 * "hanger*" (hangs, as LibreOffice on a file it cannot finish).
 */
function fakeSoffice(log: string): string {
  const file = join(dir, `soffice-${basename(log)}`);
  writeFileSync(
    file,
    `#!/usr/bin/env node
const fs = require('fs'), path = require('path');
const args = process.argv.slice(2);
const at = args.indexOf('--outdir');
const out = args[at + 1];
const inputs = args.slice(at + 2);
fs.appendFileSync(${JSON.stringify(log)}, inputs.map((p) => path.basename(p)).join(' ') + '\\n');
fs.mkdirSync(out, { recursive: true });
for (const input of inputs) {
  const name = path.basename(input, '.docx');
  if (name.startsWith('trasig')) { process.stderr.write('Error: source file could not be loaded\\n'); continue; }
  if (name.startsWith('krasch')) process.kill(process.pid, 'SIGKILL');
  const pdf = path.join(out, name + '.pdf');
  process.stdout.write('convert ' + input + ' -> ' + pdf + ' using filter : ' + args[args.indexOf('--convert-to') + 1] + '\\n');
  if (name.startsWith('hanger')) { fs.writeFileSync(pdf, '%PDF-1.6 halv'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000); }
  fs.writeFileSync(pdf, '%PDF-1.6\\n' + name + '\\n%%EOF\\n');
}
`,
  );
  chmodSync(file, 0o755);
  return file;
}

function inputs(names: readonly string[]): string[] {
  return names.map((n) => {
    const p = join(dir, 'in', `${n}.docx`);
    mkdirSync(join(dir, 'in'), { recursive: true });
    writeFileSync(p, docx);
    return p;
  });
}

describe('one LibreOffice start for a batch (stand-in)', () => {
  test('every file in one start, in order, with the tagged PDF options; results in the order given', async (ctx) => {
    if (!POSIX) ctx.skip('the stand-in for LibreOffice is a script with a #! line');
    const log = join(dir, 'log-all');
    const files = inputs(['a-enhet', 'b-enhet', 'c-enhet']);
    const results = await convertManyToPdf(files, join(dir, 'ut-all'), { soffice: fakeSoffice(log) });
    expect(readFileSync(log, 'utf8')).toBe('a-enhet.docx b-enhet.docx c-enhet.docx\n');
    expect(results.map((r) => r.ok && basename(r.pdf))).toEqual(['a-enhet.pdf', 'b-enhet.pdf', 'c-enhet.pdf']);
    expect(PDF_EXPORT_FILTER).toMatch(/^pdf:writer_pdf_Export:\{/);
    expect(JSON.parse(PDF_EXPORT_FILTER.slice('pdf:writer_pdf_Export:'.length))).toMatchObject({
      UseTaggedPDF: { type: 'boolean', value: 'true' },
      PDFUACompliance: { type: 'boolean', value: 'true' },
      ExportBookmarks: { type: 'boolean', value: 'true' },
    });
  });

  test('a large batch: one start per lane, side by side, each over its own contiguous part; results in the order given', async (ctx) => {
    if (!POSIX) ctx.skip('the stand-in for LibreOffice is a script with a #! line');
    const log = join(dir, 'log-lanes');
    const names = Array.from({ length: 45 }, (_, i) => `enhet-${String(i).padStart(2, '0')}`);
    names[30] = 'trasig-enhet-30';
    const files = inputs(names);
    const results = await convertManyToPdf(files, join(dir, 'ut-lanes'), { soffice: fakeSoffice(log), lanes: 2 });
    const starts = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ')).sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(starts).toEqual([names.slice(0, 22).map((n) => `${n}.docx`), names.slice(22).map((n) => `${n}.docx`)]);
    expect(results.map((r) => r.input)).toEqual(files);
    expect(results.map((r) => r.ok)).toEqual(names.map((n) => !n.startsWith('trasig')));
    expect((results[30] as { error: PdfConversionError }).error.diagnostic.message).toContain('trasig-enhet-30.docx');
  });

  test('lanes by default: one per CPU, at most 4, and at most one per 20 files', () => {
    expect(defaultPdfLanes(11, 2)).toBe(1);
    expect(defaultPdfLanes(40, 2)).toBe(2);
    expect(defaultPdfLanes(303, 2)).toBe(2);
    expect(defaultPdfLanes(303, 16)).toBe(4);
    expect(defaultPdfLanes(303, 1)).toBe(1);
  });

  test('a file that cannot be converted is named; the others are converted in the same start', async (ctx) => {
    if (!POSIX) ctx.skip('the stand-in for LibreOffice is a script with a #! line');
    const log = join(dir, 'log-broken');
    const files = inputs(['a-enhet', 'trasig-enhet', 'c-enhet']);
    const results = await convertManyToPdf(files, join(dir, 'ut-broken'), { soffice: fakeSoffice(log) });
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const error = (results[1] as { error: PdfConversionError }).error;
    expect(error.diagnostic.code).toBe('render.pdf.no-output');
    expect(error.failure).toBe('cannot-create');
    expect(error.diagnostic.message).toBe('LibreOffice avslutades utan att skriva någon PDF för trasig-enhet.docx. Error: source file could not be loaded');
  });

  test('a file that hangs times out by itself; the files after it are converted in a new start', async (ctx) => {
    if (!POSIX) ctx.skip('the stand-in for LibreOffice is a script with a #! line');
    const log = join(dir, 'log-hang');
    const files = inputs(['a-enhet', 'hanger-enhet', 'c-enhet', 'd-enhet']);
    const results = await convertManyToPdf(files, join(dir, 'ut-hang'), { soffice: fakeSoffice(log), timeoutMs: 10_000 });
    expect(readFileSync(log, 'utf8')).toBe('a-enhet.docx hanger-enhet.docx c-enhet.docx d-enhet.docx\nc-enhet.docx d-enhet.docx\n');
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
    const error = (results[1] as { error: PdfConversionError }).error;
    expect(error.diagnostic.code).toBe('render.pdf.timeout');
    expect(error.diagnostic.message).toContain('blev inte klar med hanger-enhet.docx inom 10 sekunder och avbröts');
  });

  test('a crash on one file costs that file only: LibreOffice starts again after the last PDF it wrote', async (ctx) => {
    if (!POSIX) ctx.skip('the stand-in for LibreOffice is a script with a #! line');
    const log = join(dir, 'log-crash');
    const files = inputs(['a-enhet', 'krasch-enhet', 'c-enhet', 'd-enhet']);
    const results = await convertManyToPdf(files, join(dir, 'ut-crash'), { soffice: fakeSoffice(log) });
    // The crashing file is tried once more, first in a fresh start, before it is given up.
    expect(readFileSync(log, 'utf8')).toBe('a-enhet.docx krasch-enhet.docx c-enhet.docx d-enhet.docx\nkrasch-enhet.docx c-enhet.docx d-enhet.docx\nc-enhet.docx d-enhet.docx\n');
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
    expect((results[1] as { error: PdfConversionError }).error.diagnostic.message).toContain('krasch-enhet.docx');
  });

  test('a LibreOffice that converts nothing: two starts, then the rest of the batch gets the error', async (ctx) => {
    if (!POSIX) ctx.skip('the stand-in for LibreOffice is a script with a #! line');
    const log = join(dir, 'log-dead');
    const files = inputs(['krasch-a', 'krasch-b', 'krasch-c', 'krasch-d']);
    const results = await convertManyToPdf(files, join(dir, 'ut-dead'), { soffice: fakeSoffice(log) });
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(results.map((r) => r.ok)).toEqual([false, false, false, false]);
    expect(results.map((r) => !r.ok && r.input)).toEqual(files);
    expect((results[3] as { error: PdfConversionError }).error.diagnostic.message).toBe(
      'LibreOffice avslutades utan att skriva någon PDF för krasch-d.docx. LibreOffice skrev ingen PDF i två starter i rad, så resten av omgången prövades inte.',
    );
  });

  test('bytes in, bytes out: two documents of the same name do not overwrite each other', async (ctx) => {
    if (!POSIX) ctx.skip('the stand-in for LibreOffice is a script with a #! line');
    const log = join(dir, 'log-bytes');
    const results = await docxBatchToPdf(
      [
        { name: 'samma', docx },
        { name: 'annan', docx },
        { name: 'samma', docx },
      ],
      { soffice: fakeSoffice(log) },
    );
    // Same-named files go to separate starts (one output folder); the results keep the order given.
    expect(readFileSync(log, 'utf8')).toBe('samma.docx annan.docx\nsamma.docx\n');
    expect(results.map((r) => r.ok && Buffer.from(r.pdf).toString('latin1'))).toEqual([
      '%PDF-1.6\nsamma\n%%EOF\n',
      '%PDF-1.6\nannan\n%%EOF\n',
      '%PDF-1.6\nsamma\n%%EOF\n',
    ]);
  });

  test('without LibreOffice the batch stops with the Swedish install message', async () => {
    const error = await docxBatchToPdf([{ name: 'a', docx }], { soffice: join(dir, 'finns-inte', 'soffice') }).catch((e: unknown) => e);
    expect((error as PdfConversionError).diagnostic.code).toBe('render.pdf.libreoffice-missing');
  });
});

describe('with LibreOffice', () => {
  test('two reports in one start: both PDFs tagged, Swedish, titled', async (ctx) => {
    if (!findSoffice()) ctx.skip('LibreOffice (soffice) är inte installerat: apt-get install libreoffice-writer-nogui');
    const results = await docxBatchToPdf([
      { name: 'första', docx },
      { name: 'andra rapporten', docx },
    ]);
    for (const r of results) {
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      const text = Buffer.from(r.pdf).toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      // The catalogue: marked (tagged) content, a structure tree, Swedish, outlines (bookmarks).
      expect(text).toMatch(/\/MarkInfo\s*<<\s*\/Marked true/);
      expect(text).toContain('/StructTreeRoot');
      expect(text).toContain('/Lang(sv-SE)');
      expect(text).toContain('/Outlines');
      expect(text).toMatch(/\/DisplayDocTitle true/);
      // Every chart a Figure with its alt text (LibreOffice drops it on import; pdf-alt-text.ts puts it back).
      const figures = new Map<string, string>();
      for (const m of text.matchAll(/(?<=^|\n)(\d+) 0 obj\s*(<<\/(?:Alt|Type\/StructElem)[\s\S]*?>>)\s*endobj/g)) {
        if (/\/S\/Figure\b/.test(m[2]!)) figures.set(m[1]!, m[2]!);
      }
      expect(figures.size).toBe(3);
      for (const dict of figures.values()) expect(dict).toMatch(/^<<\/Alt <FEFF[0-9A-F]{40,}>/);
      expect(execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(r.pdf) }).toString('utf8')).toContain('Innehållsförteckning');
    }
  });
});
