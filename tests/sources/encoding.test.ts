import { describe, expect, test } from 'vitest';
import { decodeText, firstInvalidUtf8, sniffFormat } from '../../src/io/decode.js';
import { readTable } from '../../src/sources/table.js';
import { bytesOf, codes, cp1252, errorsOf, expectDiagnostic, input, utf8 } from './helpers.js';

/** Group A of docs/bad-input.md: encoding and file type. */

const spec = { required: ['Konto', 'Belopp'] } as const;

describe('A. encoding and file type', () => {
  test('case 1: UTF-8 with BOM → BOM stripped, headers match exactly', async () => {
    const bytes = bytesOf([0xef, 0xbb, 0xbf], 'Konto;Belopp\r\n4010;1234,50\r\n');
    const r = await readTable(input(bytes, 'bom.csv'), spec);
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(r.value.header).toEqual(['Konto', 'Belopp']);
    expect(r.value.header[0]!.charCodeAt(0)).toBe(0x4b); // 'K', not U+FEFF
    expect(r.value.rows[0]!.values('Konto')).toBe('4010');
    // Not even a normalisation warning: the BOM is the decoder's business.
    expect(codes(r.diagnostics)).not.toContain('table.header-normalised');
  });

  test('case 2: UTF-8 without BOM with å, ä, ö → passes unchanged', async () => {
    const bytes = utf8(['Konto;Benämning;Belopp', '4010;Lönekostnader, Förvaltning, Åtgärd;1,00']);
    const r = await readTable(input(bytes, 'utf8.csv'), { required: ['Konto', 'Benämning', 'Belopp'] });
    expect(r.diagnostics).toEqual([]);
    expect(r.value.rows[0]!.values('Benämning')).toBe('Lönekostnader, Förvaltning, Åtgärd');
  });

  test('case 3: Windows-1252 bytes with encoding auto → decoded with a warning', async () => {
    const bytes = cp1252(['Konto;Text;Belopp', '4010;Lön;1,00']);
    expect(bytes).toContain(0xf6); // the ö is one byte
    const r = await readTable(input(bytes, 'w.csv'), { required: ['Konto', 'Text', 'Belopp'] });
    expect(r.value.rows[0]!.values('Text')).toBe('Lön');
    const w = expectDiagnostic(r.diagnostics, 'io.decoded-windows-1252', { file: 'w.csv', row: 2, value: '0xF6', severity: 'warning' });
    expect(w.message).toContain('windows-1252');
    expect(errorsOf(r.diagnostics)).toEqual([]);
  });

  test('case 3: Windows-1252 bytes with encoding utf-8 → error at the first invalid byte\'s line', async () => {
    const bytes = cp1252(['Konto;Text;Belopp', '4010;Hyra;1,00', '4011;Lön;2,00']);
    const r = await readTable(input(bytes, 'w.csv'), { required: ['Konto', 'Text', 'Belopp'], encoding: 'utf-8' });
    expectDiagnostic(r.diagnostics, 'io.invalid-utf8', { file: 'w.csv', row: 3, value: '0xF6' });
    expect(r.value.rows).toEqual([]);
  });

  test('case 3: with encoding windows-1252 declared there is no warning', () => {
    const d = decodeText(input(cp1252(['Lön']), 'w.csv'), { encoding: 'windows-1252' });
    expect(d.value?.text).toBe('Lön\r\n');
    expect(d.diagnostics).toEqual([]);
  });

  test('case 4: Windows-1252 0x80 and 0x96 → € (U+20AC) and – (U+2013), not C1 controls', () => {
    const bytes = bytesOf('Text\r\n', [0x80, 0x20, 0x96], '\r\n');
    const d = decodeText(input(bytes, 'euro.csv'), { encoding: 'auto' });
    expect(d.value?.encoding).toBe('windows-1252');
    expect(d.value?.text).toBe('Text\r\n\u20ac \u2013\r\n');
    // The same bytes under a declared windows-1252 decode identically.
    expect(decodeText(input(bytes, 'euro.csv'), { encoding: 'windows-1252' }).value?.text).toBe('Text\r\n\u20ac \u2013\r\n');
  });

  test('case 4: a byte Windows-1252 does not define (0x81) is an error, not U+FFFD in the data', () => {
    const d = decodeText(input(bytesOf('Text\r\nA', [0x81], '\r\n'), 'x.csv'), { encoding: 'windows-1252' });
    expect(d.value).toBeNull();
    expectDiagnostic(d.diagnostics, 'io.undefined-byte', { file: 'x.csv', row: 2, value: '0x81' });
  });

  test('case 5: double-encoded UTF-8 ("LÃ¶ner", "Ã¥") → error naming the line and the text', async () => {
    // "Löner" encoded as UTF-8, read as windows-1252, saved as UTF-8 again.
    const mojibake = Buffer.from(Buffer.from('Löner och Åtgärd', 'utf8').toString('latin1'), 'utf8');
    const bytes = bytesOf('Konto;Text;Belopp\n4010;', mojibake, ';1,00\n');
    const r = await readTable(input(bytes, 'moji.csv'), { required: ['Konto', 'Text', 'Belopp'] });
    const d = expectDiagnostic(r.diagnostics, 'io.mojibake', { file: 'moji.csv', row: 2, value: 'LÃ¶ner' });
    expect(d.message).toContain('dubbelkodad');
    expect(r.value.rows).toEqual([]);
    // acceptMojibake lets it through as it is.
    const ok = await readTable(input(bytes, 'moji.csv'), { required: ['Konto', 'Text', 'Belopp'] }, { acceptMojibake: true });
    expect(errorsOf(ok.diagnostics)).toEqual([]);
    expect(ok.value.rows[0]!.values('Text')).toBe('LÃ¶ner och Ã\u0085tgÃ¤rd');
  });

  test('case 5: a UTF-8 file declared windows-1252 shows up as mojibake, not as silent garbage', () => {
    const d = decodeText(input(utf8(['Konto;Text', '4010;Lön']), 'x.csv'), { encoding: 'windows-1252' });
    expect(d.value).toBeNull();
    expect(codes(d.diagnostics)).toEqual(['io.mojibake']);
  });

  test('case 6: UTF-16LE with BOM, tab-separated (Excel "Unicode text") → decoded, never parsed as UTF-8', async () => {
    const bytes = bytesOf([0xff, 0xfe], Buffer.from('Konto\tBelopp\r\n4010\t1 234,50\r\n', 'utf16le') as unknown as Uint8Array);
    const r = await readTable(input(bytes, 'unicode.txt'), spec);
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(r.value.delimiter).toBe('\t');
    expect(r.value.rows[0]!.values('Belopp')).toBe('1 234,50');
  });

  test('case 6: UTF-16BE with BOM → decoded', () => {
    const be = Buffer.from('Konto\r\n', 'utf16le').swap16();
    const d = decodeText(input(bytesOf([0xfe, 0xff], be as unknown as Uint8Array), 'be.txt'), { encoding: 'auto' });
    expect(d.value?.text).toBe('Konto\r\n');
    expect(d.value?.encoding).toBe('utf-16be');
  });

  test('case 6: UTF-16 without BOM (NUL bytes) → error, not text with NULs', () => {
    const d = decodeText(input(new Uint8Array(Buffer.from('Konto;Belopp\r\n', 'utf16le')), 'u16.csv'), { encoding: 'auto' });
    expect(d.value).toBeNull();
    expectDiagnostic(d.diagnostics, 'io.binary-content', { file: 'u16.csv', row: 1 });
  });

  test('case 7: an XLSX renamed .csv → error "is an XLSX workbook"', async () => {
    const bytes = bytesOf([0x50, 0x4b, 0x03, 0x04], 'rest of a zip');
    expect(sniffFormat(bytes)).toBe('zip');
    const r = await readTable(input(bytes, 'export.csv'), spec);
    const d = expectDiagnostic(r.diagnostics, 'io.xlsx-as-csv', { file: 'export.csv' });
    expect(d.message).toContain('XLSX');
  });

  test('case 8: legacy .xls / encrypted workbook (CFB, D0 CF 11 E0) → error "save as .xlsx"', async () => {
    const bytes = bytesOf([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Array(64).fill(0));
    for (const name of ['gammal.xls', 'gammal.csv', 'skyddad.xlsx']) {
      const r = await readTable(input(bytes, name), spec);
      const d = expectDiagnostic(r.diagnostics, 'io.legacy-xls', { file: name });
      expect(d.message).toContain('.xlsx');
    }
  });

  test('case 9: empty file (0 bytes) → error "ingen data"', async () => {
    for (const name of ['tom.csv', 'tom.xlsx']) {
      const r = await readTable(input(new Uint8Array(0), name), spec);
      const d = expectDiagnostic(r.diagnostics, 'io.empty-file', { file: name });
      expect(d.message).toContain('ingen data');
    }
  });

  test('case 10: header only, no data rows → error; with allowEmpty a warning', async () => {
    const bytes = utf8(['Konto;Belopp']);
    const r = await readTable(input(bytes, 'bara-rubrik.csv'), spec);
    expectDiagnostic(r.diagnostics, 'table.no-data', { file: 'bara-rubrik.csv', row: 1 });
    const allowed = await readTable(input(bytes, 'bara-rubrik.csv'), spec, { allowEmpty: true });
    expect(errorsOf(allowed.diagnostics)).toEqual([]);
    expectDiagnostic(allowed.diagnostics, 'table.no-data-allowed', { file: 'bara-rubrik.csv', severity: 'warning' });
    expect(allowed.value.rows).toEqual([]);
  });

  test('strict UTF-8 validation matches TextDecoder on edge sequences', () => {
    const cases: number[][] = [
      [0xc3, 0xb6], // ö
      [0xe2, 0x88, 0x92], // U+2212
      [0xf0, 0x9f, 0x98, 0x80], // emoji
      [0xc0, 0x80], // overlong
      [0xed, 0xa0, 0x80], // surrogate
      [0xf4, 0x90, 0x80, 0x80], // > U+10FFFF
      [0xe2, 0x88], // cut off
      [0xf6], // windows-1252 ö
    ];
    for (const c of cases) {
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(c));
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(new Uint8Array(c), 0) < 0, JSON.stringify(c)).toBe(valid);
    }
  });
});
