/**
 * Texts written in Word come back: generate → write in the slots as Word saves it → `rapport texts import` → generate
 * again, through the command line, on a copy of the example region's narrative folder. And `generate` never
 * overwrites a report someone has written in (exit 73) unless told to.
 */
import { describe, expect, it } from 'vitest';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { readReportDocument } from '../../src/render/docx/index.js';
import { spawnSync } from 'node:child_process';
import { addComments, addWordLists, ANALYSIS_MD, ANALYSIS_XML, fillSlot, setText, text, TRACKED_XML, unzip, zip } from './word-edit.js';

const ROOT = path.resolve(__dirname, '../..');
const UNIT = 'regionstyrelsen';

/** A temporary folder with the example config pointing at the repository's sources and a copy of its texts. */
async function workspace(): Promise<{ dir: string; config: string; texts: string; out: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport texter å-'));
  const texts = path.join(dir, 'berättelser');
  await cp(path.join(ROOT, 'fixtures/region-exempel/berattelser'), texts, { recursive: true });
  const yaml = (await readFile(path.join(ROOT, 'rapport.config.yaml'), 'utf8'))
    .replace(/^narrative: .*$/m, `narrative: ${JSON.stringify(texts)}`)
    .replace(/(file: )(fixtures\/[^\s,}]+)/g, (_all, a: string, f: string) => `${a}${JSON.stringify(path.join(ROOT, f))}`);
  const config = path.join(dir, 'rapport.config.yaml');
  await writeFile(config, yaml);
  return { dir, config, texts, out: path.join(dir, 'rapporter') };
}

const generate = (w: { config: string; out: string }, ...extra: string[]) =>
  runCli(['generate', '--period', '2024-08', '--config', w.config, '--unit', UNIT, '--format', 'docx', '--out', w.out, ...extra]);

async function writeInReport(file: string): Promise<void> {
  const parts = unzip(new Uint8Array(await readFile(file)));
  addWordLists(parts);
  addComments(parts);
  fillSlot(parts, UNIT, 'ekonomisk-analys', ANALYSIS_XML);
  fillSlot(parts, UNIT, 'perioden-som-gatt', TRACKED_XML);
  await writeFile(file, zip(parts));
}

describe('texts written in the Word report round-trip through rapport texts import', () => {
  it('imports them (tracked changes by choice, comments dropped), and the next report holds the same texts', async () => {
    const w = await workspace();
    expect((await generate(w)).code).toBe(0);
    const docx = path.join(w.out, `${UNIT}-2024-08.docx`);
    await writeInReport(docx);

    // Tracked changes must be decided: nothing is written without --changes.
    const undecided = await runCli(['texts', 'import', docx, '--period', '2024-08', '--config', w.config]);
    expect(undecided.code).toBe(65);
    expect(undecided.err).toContain('--changes accept');
    expect(undecided.err).toContain('Perioden som gått');

    const r = await runCli(['texts', 'import', docx, '--period', '2024-08', '--config', w.config, '--changes', 'accept']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('1 kommentarer');
    expect(r.out).toContain(`${path.join(path.basename(w.texts), UNIT, 'ekonomisk-analys.md')} ←`);
    expect(r.out).toContain('Klart: 2 texter inlästa');
    const analysis = await readFile(path.join(w.texts, UNIT, 'ekonomisk-analys.md'), 'utf8');
    expect(analysis).toBe(`${ANALYSIS_MD}\n`);
    expect(await readFile(path.join(w.texts, UNIT, 'perioden-som-gatt.md'), 'utf8')).toBe('Perioden präglades av hög efterfrågan.\n');

    // The edited report's texts are now in the files: generate may replace it, and the new report holds them.
    expect((await generate(w)).code).toBe(0);
    const again = readReportDocument(new Uint8Array(await readFile(docx)));
    const byKey = new Map(again.slots.map((s) => [s.key, s]));
    expect(byKey.get('ekonomisk-analys')!.markdown).toBe(ANALYSIS_MD);
    expect(byKey.get('ekonomisk-analys')!.edited).toBe(false);
    expect(byKey.get('perioden-som-gatt')!.markdown).toBe('Perioden präglades av hög efterfrågan.');
    expect(again.missing).toEqual([]);

    // Refusing the tracked changes gives the text before them.
    await writeInReport(docx);
    await writeFile(path.join(w.texts, UNIT, 'perioden-som-gatt.md'), 'Perioden präglades av hög efterfrågan.\n');
    const refused = await runCli(['texts', 'import', docx, '--period', '2024-08', '--config', w.config, '--changes', 'reject', '--force']);
    expect(refused.code).toBe(0);
    expect(await readFile(path.join(w.texts, UNIT, 'perioden-som-gatt.md'), 'utf8')).toBe('Perioden präglades av låg efterfrågan.\n');
  });

  it('refuses to overwrite a text file changed since the report was made, unless --force', async () => {
    const w = await workspace();
    expect((await generate(w)).code).toBe(0);
    const docx = path.join(w.out, `${UNIT}-2024-08.docx`);
    const parts = unzip(new Uint8Array(await readFile(docx)));
    addWordLists(parts);
    fillSlot(parts, UNIT, 'ekonomisk-analys', ANALYSIS_XML);
    await writeFile(docx, zip(parts));
    const target = path.join(w.texts, UNIT, 'ekonomisk-analys.md');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, 'Skrivet i filen under tiden.\n');

    const r = await runCli(['texts', 'import', docx, '--period', '2024-08', '--config', w.config]);
    expect(r.code).toBe(65);
    expect(r.err).toContain('texts.import.file-changed');
    expect(r.err).toContain('--force');
    expect(await readFile(target, 'utf8')).toBe('Skrivet i filen under tiden.\n');

    const forced = await runCli(['texts', 'import', docx, '--period', '2024-08', '--config', w.config, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(target, 'utf8')).toBe(`${ANALYSIS_MD}\n`);
  });

  it('refuses a document of another period or unit, and a file rapport did not make', async () => {
    const w = await workspace();
    expect((await generate(w)).code).toBe(0);
    const docx = path.join(w.out, `${UNIT}-2024-08.docx`);
    const period = await runCli(['texts', 'import', docx, '--period', '2024-04', '--config', w.config]);
    expect(period.code).toBe(65);
    expect(period.err).toContain('gäller perioden 2024-08, inte 2024-04');
    const unit = await runCli(['texts', 'import', docx, '--period', '2024-08', '--unit', 'primarvard', '--config', w.config]);
    expect(unit.code).toBe(65);
    expect(unit.err).toContain('gäller enheten regionstyrelsen, inte primarvard');
    const foreign = await runCli(['texts', 'import', path.join(ROOT, 'fixtures/templates/region-exempel-mall.docx'), '--period', '2024-08', '--config', w.config]);
    expect(foreign.code).toBe(65);
    expect(foreign.err).toContain('texts.import.not-a-report');
  });
});

const soffice = process.env.RAPPORT_SOFFICE ?? 'soffice';
const hasLibreOffice = spawnSync(soffice, ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasLibreOffice)('a report opened and saved again by LibreOffice', () => {
  it('still imports: the slots are found by the paragraphs around them, and one that cannot be is named', async () => {
    const w = await workspace();
    expect((await generate(w)).code).toBe(0);
    const docx = path.join(w.out, `${UNIT}-2024-08.docx`);
    await writeInReport(docx);
    const saved = path.join(w.dir, 'sparad');
    const lo = spawnSync(soffice, ['--headless', '--convert-to', 'docx', '--outdir', saved, docx], { encoding: 'utf8', timeout: 600_000 });
    expect(lo.status).toBe(0);
    const resaved = path.join(saved, `${UNIT}-2024-08.docx`);

    const r = await runCli(['texts', 'import', resaved, '--period', '2024-08', '--config', w.config, '--changes', 'accept', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { texts: { key: string; via: string }[]; unchanged: number };
    // LibreOffice 7 drops block content controls; where a version keeps them, they are read directly.
    expect(result.texts.map((t) => t.key).sort()).toEqual(['ekonomisk-analys', 'perioden-som-gatt']);
    expect(result.unchanged).toBe(8);
    expect(await readFile(path.join(w.texts, UNIT, 'ekonomisk-analys.md'), 'utf8')).toBe(`${ANALYSIS_MD}\n`);
    expect(await readFile(path.join(w.texts, UNIT, 'perioden-som-gatt.md'), 'utf8')).toBe('Perioden präglades av hög efterfrågan.\n');

    // The heading after Ekonomisk analys rewritten: that slot cannot be bounded, and the import says so precisely.
    const parts = unzip(new Uint8Array(await readFile(resaved)));
    const doc = text(parts, 'word/document.xml');
    if (!doc.includes('rapport:regionstyrelsen/ekonomisk-analys')) {
      setText(parts, 'word/document.xml', doc.replace(/(<w:t[^>]*>)3\.3 Prognos för verksamhetens nettokostnader(<\/w:t>)/g, '$1Prognosen omskriven$2'));
      await writeFile(resaved, zip(parts));
      const lost = await runCli(['texts', 'import', resaved, '--period', '2024-08', '--config', w.config, '--changes', 'accept', '--force']);
      expect(lost.err).toContain('Textfältet "Ekonomisk analys" (ekonomisk-analys) hittades inte');
      expect(lost.err).toContain('"3.3 Prognos för verksamhetens nettokostnader"');
    }
  });
});

describe('the example template: texts round-trip through its text blocks', () => {
  it('generate with the template → write in Word → import → generate again holds the same text', async () => {
    const w = await workspace();
    const template = ['--template', path.join(ROOT, 'fixtures/templates/region-exempel-mall.docx')];
    expect((await generate(w, ...template)).code).toBe(0);
    const docx = path.join(w.out, `${UNIT}-2024-08.docx`);
    const parts = unzip(new Uint8Array(await readFile(docx)));
    addWordLists(parts);
    fillSlot(parts, UNIT, 'ekonomisk-analys', ANALYSIS_XML);
    await writeFile(docx, zip(parts));

    expect((await generate(w, ...template)).code).toBe(73);
    const r = await runCli(['texts', 'import', docx, '--period', '2024-08', '--config', w.config]);
    expect(r.code).toBe(0);
    expect(await readFile(path.join(w.texts, UNIT, 'ekonomisk-analys.md'), 'utf8')).toBe(`${ANALYSIS_MD}\n`);
    expect((await generate(w, ...template)).code).toBe(0);
    const again = readReportDocument(new Uint8Array(await readFile(docx)));
    const slot = again.slots.find((s) => s.key === 'ekonomisk-analys')!;
    expect(slot.via).toBe('control');
    expect(slot.markdown).toBe(ANALYSIS_MD);
    expect(slot.edited).toBe(false);
  });
});

describe('generate never destroys writing', () => {
  it('stops with exit 73 naming the edited report, leaves it as it is, and replaces it with --overwrite', async () => {
    const w = await workspace();
    expect((await generate(w)).code).toBe(0);
    const docx = path.join(w.out, `${UNIT}-2024-08.docx`);
    // Unchanged: a second run replaces it.
    expect((await generate(w)).code).toBe(0);

    const parts = unzip(new Uint8Array(await readFile(docx)));
    addWordLists(parts);
    fillSlot(parts, UNIT, 'ekonomisk-analys', ANALYSIS_XML);
    const edited = zip(parts);
    await writeFile(docx, edited);

    const r = await generate(w);
    expect(r.code).toBe(73);
    expect(r.err).toContain('generate.report-edited');
    expect(r.err).toContain(`${UNIT}-2024-08.docx`);
    expect(r.err).toContain('"Ekonomisk analys"');
    expect(r.err).toContain('rapport texts import');
    expect(r.err).toContain('--overwrite');
    expect(new Uint8Array(await readFile(docx))).toEqual(edited);

    expect((await generate(w, '--overwrite')).code).toBe(0);
    expect(readReportDocument(new Uint8Array(await readFile(docx))).slots.every((s) => !s.edited)).toBe(true);
  });

  it('stops on a .docx of the same name that rapport did not make', async () => {
    const w = await workspace();
    expect((await generate(w)).code).toBe(0);
    const docx = path.join(w.out, `${UNIT}-2024-08.docx`);
    await cp(path.join(ROOT, 'fixtures/templates/region-exempel-mall.docx'), docx);
    const r = await generate(w);
    expect(r.code).toBe(73);
    expect(r.err).toContain('generate.report-unknown');
  });
});
