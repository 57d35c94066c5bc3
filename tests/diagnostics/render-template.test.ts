import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DiagnosticError } from '../../src/model/diagnostics.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { convertToPdf } from '../../src/render/pdf.js';
import { checkAccessibility } from '../../src/accessibility/index.js';
import { templateCheck, type TemplateFinding } from '../../src/template/index.js';
import { sampleReport } from '../helpers/sample-report.js';
import { makeTemplate, runs } from '../template/helpers.js';

/**
 * One fixture per rendering and template code no other test names: a final report without its texts, a PDF
 * conversion that fails or writes nothing, an empty heading, and the template mistakes only filling or a crafted
 * package shows. The errors that stop a step are DiagnosticErrors carrying their kind of failure.
 */

let dir: string;
let docx: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-diag-render-'));
  docx = join(dir, 'rapport.docx');
  writeFileSync(docx, await renderDocx(sampleReport()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for LibreOffice: a shell script. */
function fakeSoffice(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

async function thrown(p: Promise<unknown>): Promise<DiagnosticError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(DiagnosticError);
  return e as DiagnosticError;
}

function only(findings: readonly TemplateFinding[], code: string): TemplateFinding {
  const found = findings.filter((f) => f.code === code);
  expect(found, `${code} in ${JSON.stringify(findings.map((f) => f.code))}`).toHaveLength(1);
  return found[0]!;
}

describe('rendering', () => {
  test('render.narrative.missing-final: a final report without a required text (bad data)', async () => {
    const e = await thrown(renderDocx(sampleReport(), { final: true }));
    expect(e.failure).toBe('data');
    expect(e.diagnostic).toMatchObject({ code: 'render.narrative.missing-final', severity: 'error' });
    expect(e.diagnostic.message).toMatch(/^Texten till avsnitt \d/);
  });

  test('render.pdf.failed: LibreOffice exits with an error; the message has its exit code and last lines (cannot create)', async () => {
    const soffice = fakeSoffice('soffice-fel', 'echo "Error: source file could not be loaded" >&2\nexit 3');
    const e = await thrown(convertToPdf(docx, join(dir, 'ut1'), { soffice }));
    expect(e.failure).toBe('cannot-create');
    expect(e.diagnostic).toMatchObject({ code: 'render.pdf.failed', severity: 'error' });
    expect(e.diagnostic.message).toContain('rapport.docx');
    expect(e.diagnostic.message).toContain('source file could not be loaded');
  });

  test('render.pdf.no-output: LibreOffice exits 0 but writes no PDF', async () => {
    const soffice = fakeSoffice('soffice-tyst', 'exit 0');
    const e = await thrown(convertToPdf(docx, join(dir, 'ut2'), { soffice }));
    expect(e.failure).toBe('cannot-create');
    expect(e.diagnostic).toMatchObject({ code: 'render.pdf.no-output', severity: 'error' });
    expect(e.diagnostic.message).toContain('rapport.docx');
  });

  test('a11y.heading.empty: a heading paragraph without text (warning, in word/document.xml)', async () => {
    const bytes = await makeTemplate([new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Rubrik')] }), new Paragraph({ heading: HeadingLevel.HEADING_2, children: [] })]);
    const f = checkAccessibility(bytes).find((x) => x.code === 'a11y.heading.empty');
    expect(f).toMatchObject({ severity: 'warning', part: 'word/document.xml' });
    expect(f!.message).toContain('nivå 2');
  });
});

const rowTable = (...rows: string[]) => new Table({ rows: rows.map((t) => new TableRow({ children: [new TableCell({ children: [runs(t)] }), new TableCell({ children: [runs('{{kolumn 2}}')] })] })) });

describe('templates', () => {
  test('template.placeholder.syntax: an empty placeholder', async () => {
    const t = await makeTemplate([runs('Före {{ }} efter')]);
    const f = only(templateCheck(t, 'mall.docx'), 'template.placeholder.syntax');
    expect(f).toMatchObject({ severity: 'error', file: 'mall.docx', paragraph: 1 });
    expect(f.message).toContain('platshållaren är tom');
  });

  test('template.row.duplicate: two rows of the same kind in one repeating table', async () => {
    const t = await makeTemplate([rowTable('{{#rad resultat}}{{kolumn 1}}', '{{#rad resultat}}{{kolumn 1}}')]);
    const f = only(templateCheck(t, 'mall.docx'), 'template.row.duplicate');
    expect(f).toMatchObject({ severity: 'error', file: 'mall.docx', placeholder: '{{#rad resultat}}' });
  });

  test('template.row.mixed: rows of one table that repeat two different model tables', async () => {
    const t = await makeTemplate([rowTable('{{#rad resultat}}{{kolumn 1}}', '{{#summarad nettokostnad}}{{kolumn 1}}')]);
    const f = only(templateCheck(t, 'mall.docx'), 'template.row.mixed');
    expect(f.severity).toBe('error');
    expect(f.message).toContain('resultat, nettokostnad');
  });

  test('template.file.too-large: a package with more parts than the limit is refused before it is unpacked', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 2001; i++) files[`word/media/bild${i}.bin`] = new Uint8Array([i & 0xff]);
    const f = only(templateCheck(zipSync(files), 'stor.docx'), 'template.file.too-large');
    expect(f).toMatchObject({ severity: 'error', file: 'stor.docx' });
    expect(f.message).toContain('fler än 2000 delar i paketet');
  });
});
