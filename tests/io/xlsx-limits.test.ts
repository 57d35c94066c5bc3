/**
 * A workbook built to exhaust memory (issue 12 item 5): 10 MB on disk, 4 million shared strings. It must end in one
 * clear error whatever the machine's load — counted before parsing, not left to a heap or time limit — and the
 * process reading it must stay under 512 MB RSS. Read in a child process (from dist/: `npm run build` first) so
 * its peak RSS is its own.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';

const dist = path.resolve(__dirname, '../../dist/io/xlsx.js');

function hostileWorkbook(strings: number): Uint8Array {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts: string[] = [`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}" count="${strings}" uniqueCount="${strings}">`];
  let seed = 1;
  for (let i = 0; i < strings; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    parts.push(`<si><t>${(seed >> 17).toString(16)}</t></si>`);
  }
  parts.push('</sst>');
  return zipSync({
    '[Content_Types].xml': strToU8(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`),
    '_rels/.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`<?xml version="1.0"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0"?><worksheet xmlns="${ns}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`),
    'xl/sharedStrings.xml': strToU8(parts.join('')),
  }, { level: 6 });
}

describe.skipIf(!existsSync(dist))('a workbook built to exhaust memory', () => {
  it('10 MB with 4 million shared strings → xlsx.unsafe before parsing, under 512 MB RSS', () => {
    const bytes = hostileWorkbook(4_000_000);
    expect(bytes.byteLength).toBeGreaterThan(8 * 1024 * 1024);
    expect(bytes.byteLength).toBeLessThan(16 * 1024 * 1024);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'rapport-sst-')), 'stor.xlsx');
    writeFileSync(file, bytes);
    const script = `
      const { readFileSync } = await import('node:fs');
      const { readXlsxSheet } = await import(${JSON.stringify(new URL(`file://${dist}`).href)});
      const r = await readXlsxSheet({ bytes: new Uint8Array(readFileSync(${JSON.stringify(file)})), displayName: 'stor.xlsx' }, {});
      console.log(JSON.stringify({ diagnostics: r.diagnostics, maxRssKb: process.resourceUsage().maxRSS }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { diagnostics: { code: string; message: string }[]; maxRssKb: number };
    expect(out.diagnostics.map((d) => d.code)).toEqual(['xlsx.unsafe']);
    expect(out.diagnostics[0]!.message).toContain('4000000 delade textsträngar (gräns 1000000)');
    expect(out.maxRssKb).toBeLessThan(512 * 1024);
  }, 600_000);
});
