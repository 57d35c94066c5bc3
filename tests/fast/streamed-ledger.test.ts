/**
 * The ledger as the pipeline hands it over (`StreamedInput`: a checked file, read in chunks by its reader) gives the
 * same `Ledger` and diagnostics as the general reader on the whole bytes, whatever the chunk size — with chunk
 * boundaries inside multi-byte characters (UTF-8 å ä ö, the BOM), inside quoted fields that hold delimiters, doubled
 * quotes and line breaks, and between the CR and LF of a line break.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ledgerSourceSchema } from '../../src/config/schema.js';
import { loadStreamedSource } from '../../src/io/read-source.js';
import { isStreamed } from '../../src/model/records.js';
import { readLedger } from '../../src/sources/read-ledger.js';
import { readLedgerFast } from '../../src/sources/ledger/read-fast.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'streamed-ledger-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const names = ['Vårdcentral Åre', 'Kök "Björken"; del 2', 'Ögonklinik\r\nmottagning', 'Fältenheten', '€-projekt ½'];

function text(lines: number, withQuotedBreaks: boolean): string {
  const rows = ['Export ur Raindance', '', 'Ansvar;Ansvar (T);Konto;Konto (T);Period;Utfall;Budget'];
  for (let i = 0; i < lines; i++) {
    const name = names[i % names.length]!;
    const quoted = /[";\r\n]/.test(name) ? `"${name.replaceAll('"', '""')}"` : name;
    const cc = 100 + (i % 13);
    const shownName = withQuotedBreaks || !/[\r\n]/.test(name) ? quoted : 'Ögonklinik';
    const amount = i % 9 === 0 ? '' : `${i % 2 ? '-' : ''}${(i * 7919) % 100000} ${String(i % 1000).padStart(3, '0')},${String(i % 100).padStart(2, '0')}`;
    rows.push(`${cc};${shownName};${4000 + (i % 17)};Konto ${i % 17} åäö;2024${String(1 + (i % 12)).padStart(2, '0')};${amount};${i % 5},50`);
  }
  return rows.join('\r\n') + '\r\n';
}

describe('the ledger streamed from the input edge', () => {
  const cases = [
    { label: 'UTF-8 with BOM, quoted line breaks', encoding: 'utf-8' as const, bytes: (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]), breaks: true },
    { label: 'UTF-8 without BOM, encoding auto', encoding: 'auto' as const, bytes: (t: string) => Buffer.from(t, 'utf8'), breaks: false },
    { label: 'Windows-1252, encoding auto (the decoding warning names its line)', encoding: 'auto' as const, bytes: (t: string) => Buffer.from(t.replaceAll('€', 'E'), 'latin1'), breaks: false },
    { label: 'Windows-1252 declared, quoted line breaks', encoding: 'windows-1252' as const, bytes: (t: string) => Buffer.from(t.replaceAll('€', 'E'), 'latin1'), breaks: true },
  ];
  for (const c of cases) {
    it(c.label, async () => {
      const file = join(dir, `saldo ${c.encoding} ${c.breaks}.csv`);
      const bytes = c.bytes(text(150, c.breaks));
      writeFileSync(file, bytes);
      const spec = ledgerSourceSchema.parse({ file, encoding: c.encoding, delimiter: ';', duplicates: 'sum', sign: 'ledger' });
      const loaded = await loadStreamedSource(dir, spec);
      expect(loaded.ok).toBe(true);
      if (!loaded.ok) return;
      expect(isStreamed(loaded.input)).toBe(true);
      const want = await readLedger({ bytes: new Uint8Array(bytes), displayName: loaded.input.displayName }, spec, { generalReader: true });
      expect(want.value.dataRows).toBe(150);
      if (c.label.startsWith('Windows-1252, encoding auto')) expect(want.diagnostics.find((d) => d.code === 'io.decoded-windows-1252')?.location?.row).toBe(4);
      for (const chunkSize of [1, 3, 7, 1 << 20]) {
        const got = await readLedger(loaded.input, spec, { chunkSize });
        expect(got.value, `chunks of ${chunkSize}`).toEqual(want.value);
        expect(got.diagnostics, `chunks of ${chunkSize}`).toEqual(want.diagnostics);
      }
      // Which reader did it: the plain exports are the fast path's own.
      const fast = await readLedgerFast(file, spec, loaded.input.displayName, { chunkSize: 3 });
      if (!c.breaks) expect(fast.path).toBe('fast');
    });
  }

  it('a workbook is read whole, a folder or a missing file is reported', async () => {
    const missing = await loadStreamedSource(dir, { file: 'finns-inte.csv' });
    expect(missing.ok === false && missing.missing && missing.diagnostic.code).toBe('io.file-not-found');
    const folder = await loadStreamedSource(dir, { file: '.' });
    expect(folder.ok === false && !folder.missing && folder.diagnostic.code).toBe('io.not-a-file');
    writeFileSync(join(dir, 'export'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    const zip = await loadStreamedSource(dir, { file: 'export' });
    expect(zip.ok && zip.format).toBe('xlsx');
    expect(zip.ok && !isStreamed(zip.input)).toBe(true);
  });
});
