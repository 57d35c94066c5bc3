/**
 * Word → PDF with LibreOffice. The conversion tests need LibreOffice and skip, saying so, where it is not installed
 * (`apt-get install libreoffice-writer-nogui`); reading the PDF's text also needs `pdftotext` (poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderDocx } from '../../src/render/docx/index.js';
import { convertToPdf, findSoffice, PdfConversionError } from '../../src/render/pdf.js';
import { sampleReport } from '../helpers/sample-report.js';

const soffice = findSoffice();
const NO_SOFFICE = 'LibreOffice (soffice) är inte installerat: apt-get install libreoffice-writer-nogui';

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let dir: string;
let docxPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-pdf-'));
  docxPath = join(dir, 'rapport.docx');
  writeFileSync(docxPath, await renderDocx(sampleReport()));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('without LibreOffice', () => {
  test('a clear Swedish error says how to install it', async () => {
    const error = await convertToPdf(docxPath, dir, { soffice: join(dir, 'finns-inte', 'soffice') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfConversionError);
    const { diagnostic } = error as PdfConversionError;
    expect(diagnostic.code).toBe('render.pdf.libreoffice-missing');
    expect(diagnostic.message).toContain('LibreOffice hittades inte');
    expect(diagnostic.message).toContain('apt-get install libreoffice-writer-nogui');
    expect(diagnostic.message).toContain('https://www.libreoffice.org/download/');
  });

  test('findSoffice: nothing on an empty PATH; RAPPORT_SOFFICE wins', () => {
    expect(findSoffice({ PATH: '' }, 'darwin')).toBeNull();
    expect(findSoffice({ PATH: '', RAPPORT_SOFFICE: process.execPath }, 'linux')).toBe(process.execPath);
  });
});

describe('with LibreOffice', () => {
  test('converts the default report; the PDF holds the title, headings, figures and page numbers', async (ctx) => {
    if (!soffice) ctx.skip(NO_SOFFICE);
    const pdf = await convertToPdf(docxPath, dir);
    expect(pdf).toBe(join(dir, 'rapport.pdf'));
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    if (!hasPdftotext()) {
      await ctx.annotate('pdftotext saknas (poppler-utils): PDF:ens text kontrolleras inte');
      return;
    }
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ');
    expect(text).toContain('Delårsrapport per augusti');
    expect(text).toContain('Innehållsförteckning');
    expect(text).toContain('3.1 Ekonomiskt resultat');
    expect(text).toMatch(/Sida 2 av \d+/);
    // The widest figure stays on the line of its label: it did not wrap.
    expect(text.split('\n').find((l) => l.includes('Avskrivningar m m'))).toContain('-3 603 712');
    expect(text).toContain('[Text saknas: 2.2 Händelser av väsentlig betydelse');
  });

  test('two conversions at once do not clash (each has its own LibreOffice profile)', async (ctx) => {
    if (!soffice) ctx.skip(NO_SOFFICE);
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const [pa, pb] = await Promise.all([convertToPdf(docxPath, a), convertToPdf(docxPath, b)]);
    expect(readFileSync(pa).length).toBeGreaterThan(10_000);
    expect(readFileSync(pb).length).toBeGreaterThan(10_000);
  });

  test('a conversion that takes too long is stopped with a Swedish error', async (ctx) => {
    if (!soffice) ctx.skip(NO_SOFFICE);
    const error = await convertToPdf(docxPath, join(dir, 'c'), { timeoutMs: 50 }).catch((e: unknown) => e);
    expect((error as PdfConversionError).diagnostic.code).toBe('render.pdf.timeout');
    expect((error as PdfConversionError).message).toContain('blev inte klar med rapport.docx inom 0,1 sekunder och avbröts');
  });
});
