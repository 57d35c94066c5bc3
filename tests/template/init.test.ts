/**
 * `rapport template init`: the starter template is written once (not over an existing file unless forced), is
 * deterministic, passes `template check`, has every kind of placeholder, and fills cleanly with the golden report.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fillTemplate } from '../../src/render/docx/index.js';
import { buildStarterTemplate, templateCheck, templateInit } from '../../src/template/index.js';
import { checkAccessibility } from '../../src/accessibility/index.js';
import { goldenModel, parts, styles, tables, textOf } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'rapport-template-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('template init', () => {
  it('writes the starter, refuses to overwrite, overwrites with force', async () => {
    const file = join(dir, 'mall.docx');
    expect(await templateInit(file)).toEqual({ ok: true, path: file });
    const first = readFileSync(file);
    writeFileSync(file, 'annat');
    expect(await templateInit(file)).toEqual({ ok: false, reason: 'exists', path: file });
    expect(readFileSync(file, 'utf8')).toBe('annat');
    expect(await templateInit(file, { force: true })).toEqual({ ok: true, path: file });
    expect(Buffer.compare(readFileSync(file), first)).toBe(0);
  });

  it('the starter is deterministic, clean and accessible, with every kind of placeholder', async () => {
    const a = await buildStarterTemplate();
    const b = await buildStarterTemplate();
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    expect(templateCheck(a, 'rapportmall.docx')).toEqual([]);
    expect(checkAccessibility(a)).toEqual([]);
    const xml = parts(a);
    const text = textOf(xml['word/document.xml']!);
    for (const p of ['{{titel}}', '{{mnkr ', '{{> innehall}}', '{{> resultatrakning}}', '{{> avsnitt 2}}', '{{> diagram ', '{{> berattelse ', '{{#rad investeringar}}', '{{#summarad investeringar}}', '{{kolumn 2}}']) {
      expect(text).toContain(p);
    }
    const st = styles(xml['word/styles.xml']!);
    for (const name of ['heading 1', 'heading 2', 'heading 3', 'caption', 'toc 1', 'TOC Heading', 'Title']) expect(st.map((s) => s.name)).toContain(name);
    expect(st.find((s) => s.name === 'heading 1')!.id).toBe('Heading1');
  });

  it('the starter fills cleanly with the golden report', async () => {
    const out = await fillTemplate(await goldenModel(), await buildStarterTemplate());
    expect(checkAccessibility(out).filter((f) => f.severity === 'error')).toEqual([]);
    const doc = parts(out)['word/document.xml']!;
    const designed = tables(doc).find((t) => t.rows[0]?.cells[1] === 'Utfall hittills')!;
    expect(designed.rows.at(-1)!.cells.map((c) => c.replace(/\u00a0/g, ' '))).toEqual(['Totalt', '522', '945', '930', '-15']);
    expect(textOf(doc)).not.toMatch(/\{\{|\}\}/);
  });
});
