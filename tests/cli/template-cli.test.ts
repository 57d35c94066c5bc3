/** The template commands and `generate --template` as a user runs them (the filling itself: tests/template/). */
import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { runCli } from '../helpers/run-cli.js';

const run = runCli;

describe('rapport template …', () => {
  it('check passes the example template and exits 78 on the broken copy, naming each mistake', async () => {
    expect((await run(['template', 'check', 'fixtures/templates/region-exempel-mall.docx'])).code).toBe(0);
    const broken = await run(['template', 'check', 'fixtures/templates/trasig-mall.docx', '--json']);
    expect(broken.code).toBe(78);
    const codes = (JSON.parse(broken.out) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
    // The nine mistakes scripts/generate-example-template.mjs plants (its PLANTED list), each found once.
    expect([...codes].sort()).toEqual([
      'a11y.table.header-missing', 'template.block.not-alone', 'template.block.unknown', 'template.expression.denied',
      'template.helper.unknown', 'template.placeholder.unclosed', 'template.style.missing', 'template.value.needs-helper',
      'template.variable.unknown',
    ]);
    expect((await run(['template', 'check', 'finns-inte.docx'])).code).toBe(66);
  });

  it('init writes a starter template that passes check', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-tpl-'));
    const file = path.join(dir, 'mall.docx');
    expect((await run(['template', 'init', file])).code).toBe(0);
    expect((await run(['template', 'init', file])).code).toBe(73);
    expect((await run(['template', 'check', file])).code).toBe(0);
  });

  it('generate --template fills the branded template with the golden figures', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'rapport-tpl-'));
    const r = await run(['generate', '--period', '2024-08', '--config', 'fixtures/vasterbotten-rs-2024-08/rapport.config.yaml',
      '--format', 'docx', '--template', 'fixtures/templates/region-exempel-mall.docx', '--out', out]);
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['.rapport', 'regionstyrelsen-2024-08.docx']);
    const xml = strFromU8(unzipSync(await readFile(path.join(out, 'regionstyrelsen-2024-08.docx')))['word/document.xml']!);
    // With the tags removed, a table row's cells run together: the net row of table 3.1 as one string.
    const text = xml.replace(/<[^>]+>/g, '').replace(/[\u00a0\s]+/g, ' ');
    expect(text).toContain('Total (netto)1 223-2 349 555-2 515 284-2 463 409-51 8757,1-3 784 362');
    expect(text).not.toMatch(/\{\{|⟦/);
  });
});
