/**
 * A real client reads the filled template: LibreOffice converts the branded example, filled with the golden report,
 * to PDF; the PDF's text holds the title page, the table of contents, the inline figures, the block tables and the
 * repeated rows. Skipped when LibreOffice (or poppler's pdftotext) is not installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertToPdf, findSoffice } from '../../src/render/pdf.js';
import { fillTemplate } from '../../src/render/docx/index.js';
import { goldenModel } from './helpers.js';

function has(cmd: string): boolean {
  try {
    execFileSync(cmd, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = findSoffice() !== null && has('pdftotext');
const dir = mkdtempSync(join(tmpdir(), 'rapport-template-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!available)('the filled example template in LibreOffice', () => {
  it('converts to a PDF with the figures, tables, repeated rows and table of contents', async () => {
    const docx = join(dir, 'region-exempel.docx');
    writeFileSync(docx, await fillTemplate(await goldenModel(), readFileSync('fixtures/templates/region-exempel-mall.docx')));
    const pdf = await convertToPdf(docx, dir);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ');
    const flat = text.replace(/\s+/g, ' ');
    for (const s of [
      'Region Exempel',
      'Delårsrapport per augusti',
      'Organisation: Region Västerbotten',
      'Innehållsförteckning',
      'budgetavvikelse på -52 mnkr',
      'Investeringsutgifterna uppgår till 522 mnkr',
      'Tabell 1. Ekonomiskt resultat per augusti 2024',
      'Total (netto) 1 223 -2 349 555 -2 515 284 -2 463 409 -51 875 7,1 -3 784 362',
      'Verksamhetens nettokostnader -2 350 -2 515 7,1 -52 -3 784',
      'Fastighet 402 708 648 -60',
      'Totalt 522 945 930 -15',
      'Diagram 1. Ackumulerad nettokostnad 2024',
      '2.1 Perioden som gått',
    ]) {
      expect(flat, s).toContain(s);
    }
    // Table of contents entries end with page numbers.
    expect(text).toMatch(/3\.2 Ekonomisk analys\.{3,}\s*\d+/);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(5);
  });
});
