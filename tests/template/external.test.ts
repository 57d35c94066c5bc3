/**
 * A template's links out of the file (issue 12 item 5): a linked picture, a file:/// hyperlink, a UNC attached
 * template, ActiveX and macros. `template check` names each; `generate` refuses the template (exit 78) except for
 * the attached template, which is removed from the package (a warning) so no report carries it.
 */
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { buildStarterTemplate, templateCheck, templateCheckExitCode } from '../../src/template/index.js';
import { openTemplatePackage } from '../../src/render/docx/template/package.js';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The starter template with `edit` applied to its parts. */
async function variant(edit: (files: Record<string, Uint8Array>) => void): Promise<Uint8Array> {
  const files = unzipSync(await buildStarterTemplate());
  edit(files);
  return zipSync(files);
}

function addRel(files: Record<string, Uint8Array>, part: string, rel: string): void {
  const name = part.replace(/^(.*\/)?([^/]+)$/, (_, dir: string | undefined, f: string) => `${dir ?? ''}_rels/${f}.rels`);
  const xml = files[name] ? strFromU8(files[name]!) : `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  files[name] = strToU8(xml.replace('</Relationships>', `${rel}</Relationships>`));
}

const linkedImage = (f: Record<string, Uint8Array>) => addRel(f, 'word/document.xml', `<Relationship Id="rIdX1" Type="${REL}/image" Target="https://spårning.example/pixel.png" TargetMode="External"/>`);
const fileLink = (f: Record<string, Uint8Array>) => addRel(f, 'word/document.xml', `<Relationship Id="rIdX2" Type="${REL}/hyperlink" Target="file:///C:/Users/ekonom/hemligt.xlsx" TargetMode="External"/>`);
const webLink = (f: Record<string, Uint8Array>) => addRel(f, 'word/document.xml', `<Relationship Id="rIdX3" Type="${REL}/hyperlink" Target="https://www.regionexempel.se/?a=1&amp;b=2" TargetMode="External"/>`);
const uncTemplate = (f: Record<string, Uint8Array>) => {
  addRel(f, 'word/settings.xml', `<Relationship Id="rIdT" Type="${REL}/attachedTemplate" Target="file://\\\\server\\mallar\\Normal.dotm" TargetMode="External"/>`);
  f['word/settings.xml'] = strToU8(strFromU8(f['word/settings.xml']!).replace(/(<w:settings\b[^>]*>)/, '$1<w:attachedTemplate r:id="rIdT"/>'));
};
const activeX = (f: Record<string, Uint8Array>) => {
  f['word/activeX/activeX1.xml'] = strToU8('<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}"/>');
};
const macros = (f: Record<string, Uint8Array>) => {
  f['word/vbaProject.bin'] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]);
};

describe('template check names what reaches outside the file', () => {
  it('the starter template has none of it', async () => {
    const findings = templateCheck(await buildStarterTemplate(), 'mall.docx');
    expect(findings.filter((f) => f.code.startsWith('template.file.'))).toEqual([]);
  });

  it('a linked picture, a file:/// hyperlink and ActiveX → one error naming each, exit 78; https links stay', async () => {
    const bytes = await variant((f) => { linkedImage(f); fileLink(f); webLink(f); activeX(f); });
    const findings = templateCheck(bytes, 'mall.docx');
    expect(templateCheckExitCode(findings)).toBe(78);
    const ext = findings.filter((f) => f.code === 'template.file.external');
    expect(ext).toHaveLength(1);
    expect(ext[0]!.message).toContain('länkad bild i document.xml: https://spårning.example/pixel.png');
    expect(ext[0]!.message).toContain('hyperlänk i document.xml: file:///C:/Users/ekonom/hemligt.xlsx');
    expect(ext[0]!.message).toContain('ActiveX-kontroller (activeX/activeX1.xml)');
    expect(ext[0]!.message).not.toContain('regionexempel.se');
  });

  it('an attached template on a UNC path is removed with a warning; the package no longer names it', async () => {
    const bytes = await variant(uncTemplate);
    const findings = templateCheck(bytes, 'mall.docx');
    const w = findings.filter((f) => f.code === 'template.file.external-removed');
    expect(w.map((f) => f.severity)).toEqual(['warning']);
    expect(w[0]!.message).toContain('\\\\server\\mallar\\Normal.dotm');
    expect(templateCheckExitCode(findings.filter((f) => !f.code.startsWith('a11y.')))).toBe(0);
    const pkg = openTemplatePackage(bytes);
    expect(strFromU8(pkg.files.get('word/settings.xml')!)).not.toContain('attachedTemplate');
    expect(strFromU8(pkg.files.get('word/_rels/settings.xml.rels')!)).not.toContain('server');
  });

  it('macros (vbaProject.bin) → template.file.macros', async () => {
    const findings = templateCheck(await variant(macros), 'mall.docx');
    expect(findings.map((f) => f.code)).toContain('template.file.macros');
    expect(templateCheckExitCode(findings)).toBe(78);
  });
});

describe('generate with such a template', () => {
  it('a linked picture stops the run (exit 78, nothing published); an attached template is published without it', async () => {
    const { mkdtemp, writeFile, readFile, readdir } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { runCli } = await import('../helpers/run-cli.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-extern-'));
    const run = (template: string, out: string) =>
      runCli(['generate', '--period', '2024-08', '--config', 'fixtures/vasterbotten-rs-2024-08/rapport.config.yaml', '--format', 'docx', '--template', template, '--out', out, '--json']);

    await writeFile(path.join(dir, 'länkad.docx'), await variant(linkedImage));
    const refused = await run(path.join(dir, 'länkad.docx'), path.join(dir, 'ut1'));
    expect(refused.code).toBe(78);
    expect((JSON.parse(refused.out) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code)).toContain('template.file.external');
    expect(await readdir(dir)).not.toContain('ut1');

    await writeFile(path.join(dir, 'bifogad.docx'), await variant(uncTemplate));
    const ok = await run(path.join(dir, 'bifogad.docx'), path.join(dir, 'ut2'));
    expect(ok.code).toBe(0);
    const docx = unzipSync(new Uint8Array(await readFile(path.join(dir, 'ut2', 'regionstyrelsen-2024-08.docx'))));
    for (const [name, data] of Object.entries(docx)) {
      if (/\.(xml|rels)$/.test(name)) expect({ name, hit: /attachedTemplate|\\\\server/.test(strFromU8(data)) }).toEqual({ name, hit: false });
    }
  }, 300_000);
});
