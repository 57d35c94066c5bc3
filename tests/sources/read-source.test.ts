import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadSource } from '../../src/io/read-source.js';
import { readTable, resolveFormat } from '../../src/sources/table.js';
import { expectDiagnostic } from './helpers.js';

/** loadSource: the only file-system access of the reading layer. */

const dir = mkdtempSync(path.join(tmpdir(), 'rapport-read-source-'));
mkdirSync(path.join(dir, 'data'));
writeFileSync(path.join(dir, 'data', 'saldo.csv'), 'Konto;Belopp\r\n4010;1,00\r\n');
writeFileSync(path.join(dir, 'data', 'bok.xlsx'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadSource', () => {
  test('reads the bytes; the display name is relative to the config folder', async () => {
    const r = await loadSource(dir, { file: 'data/saldo.csv' });
    if (!r.ok) throw new Error(r.diagnostic.message);
    expect(r.input.displayName).toBe('data/saldo.csv');
    expect(r.format).toBe('csv');
    const t = await readTable(r.input, { required: ['Konto', 'Belopp'] });
    expect(t.value.rows[0]?.values('Belopp')).toBe('1,00');
  });

  test('a missing file is a distinct error (exit 66), naming the file as configured', async () => {
    const r = await loadSource(dir, { file: 'data/finns-inte.csv' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing).toBe(true);
    const d = expectDiagnostic([r.diagnostic], 'io.file-not-found', { file: 'data/finns-inte.csv' });
    expect(d.message).toContain(path.join(dir, 'data', 'finns-inte.csv'));
  });

  test('a folder, or a file over the size limit, is an error that is not "missing"', async () => {
    const folder = await loadSource(dir, { file: 'data' });
    expect(folder.ok === false && !folder.missing && folder.diagnostic.code).toBe('io.not-a-file');
    const big = await loadSource(dir, { file: 'data/saldo.csv' }, { maxBytes: 5 });
    expect(big.ok === false && !big.missing && big.diagnostic.code).toBe('io.file-too-large');
  });

  test('format by config, extension, then magic bytes', async () => {
    const x = await loadSource(dir, { file: 'data/bok.xlsx' });
    expect(x.ok && x.format).toBe('xlsx');
    const forced = await loadSource(dir, { file: 'data/bok.xlsx', format: 'csv' });
    expect(forced.ok && forced.format).toBe('csv');
    const zipBytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
    expect(resolveFormat({ bytes: zipBytes, displayName: 'export' })).toBe('xlsx');
    expect(resolveFormat({ bytes: zipBytes, displayName: 'export.csv' })).toBe('csv'); // then io.xlsx-as-csv
    expect(resolveFormat({ bytes: new Uint8Array([0x4b]), displayName: 'export' })).toBe('csv');
  });
});
