/**
 * The manifest's hash of a ledger read from its path (`readLedgerFast` with `digest`): made from the pieces as they
 * are read, in this thread or — when the rows are summed in the aggregation thread — in that thread, which gets every
 * piece in order (the first ones, read before the rows start, kept until then) through a few slots it must hash
 * before the reader reuses them. Either way it is the file's own SHA-256 and size, and the Ledger is the general
 * reader's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ledgerSourceSchema } from '../../src/config/schema.js';
import { readLedger } from '../../src/sources/read-ledger.js';
import { readLedgerFast } from '../../src/sources/ledger/read-fast.js';
import { Rng } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ledger-digest-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ledgerFile(name: string, n: number, titleLines: number, extra: readonly string[] = []): string {
  const rng = new Rng(n + titleLines);
  const lines = Array.from({ length: titleLines }, (_, i) => `Rubrikrad ${i} för saldolistan; utskriven av ekonomienheten`);
  lines.push('Ansvar;Ansvar (T);Konto;Konto (T);Period;Utfall;Budget');
  for (let i = 0; i < n; i++) {
    const cc = 1000 + rng.int(0, 80);
    const acc = 4000 + rng.int(0, 50);
    lines.push(`${cc};Ansvar ${cc} Åre;${acc};Konto ${acc} övrigt;2024${String(rng.int(1, 12)).padStart(2, '0')};${rng.int(-99999, 99999)},${String(rng.int(0, 99)).padStart(2, '0')};`);
  }
  lines.push(...extra);
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
  return file;
}

describe('the hash of a ledger read from its path', () => {
  const spec = ledgerSourceSchema.parse({ file: 'saldo.csv', encoding: 'windows-1252', delimiter: ';', duplicates: 'sum', sign: 'ledger' });

  it('is the file\'s SHA-256, made in the aggregation thread or here, with the general reader\'s Ledger', async () => {
    // 25 title lines of ~60 bytes before the header: with 512-byte pieces the rows start only in the third piece.
    const file = ledgerFile('saldo.csv', 20_000, 25);
    const bytes = new Uint8Array(readFileSync(file));
    const want = await readLedger({ bytes, displayName: 'saldo.csv' }, spec, { generalReader: true });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    for (const parallel of ['always', 'never'] as const) {
      for (const chunkSize of [512, 4096, 1 << 20]) {
        const label = `${parallel} ${chunkSize}`;
        const got = await readLedgerFast(file, spec, 'saldo.csv', { parallel, chunkSize, digest: true });
        expect(got.path, label).toBe('fast');
        expect(got.ledger, label).toEqual(want.value);
        expect(got.diagnostics, label).toEqual(want.diagnostics);
        expect(got.digest, label).toEqual({ bytes: bytes.byteLength, sha256 });
      }
    }
  });

  it('is left to the general reader when the fast path hands the file over late', async () => {
    // A short row near the end: the fast path hands over after most pieces went to the thread.
    const file = ledgerFile('sent.csv', 5_000, 0, ['1001;Ansvar;4001;Konto;202401']);
    const bytes = new Uint8Array(readFileSync(file));
    const want = await readLedger({ bytes, displayName: 'sent.csv' }, spec, { generalReader: true });
    const got = await readLedgerFast(file, spec, 'sent.csv', { parallel: 'always', chunkSize: 4096, digest: true });
    expect(got.path).toBe('general');
    expect(got.ledger).toEqual(want.value);
    expect(got.digest).toBeUndefined();
  });
});
