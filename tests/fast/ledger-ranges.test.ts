/**
 * The ledger read by 1, 2 and 4 range readers (byte ranges split at line breaks, each aggregated on its own, merged)
 * gives the same `Ledger` and diagnostics — amounts to the öre, every message's row the file's real line — as the
 * general reader on the whole bytes. A range that is not plain (a quoted field with a line break, a blank line, an
 * unreadable amount) hands the rest of the file back to the one reader; the result is the same either way.
 * From the TypeScript sources the ranges are read one after the other in this thread; from dist/ (checked at the
 * end, in a child process) in worker threads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ledgerSourceSchema, type LedgerSourceSpec } from '../../src/config/schema.js';
import { readLedger } from '../../src/sources/read-ledger.js';
import { readLedgerFast } from '../../src/sources/ledger/read-fast.js';
import { Rng } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ledger-ranges-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Raindance-like export of `n` rows in random order over few keys (many summed), in Windows-1252. */
function rows(n: number, rng: Rng): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const cc = 1000 + rng.int(0, 60);
    const acc = 4000 + rng.int(0, 40);
    const month = String(rng.int(1, 12)).padStart(2, '0');
    const amount = rng.int(1, 6) === 1 ? '' : `${rng.int(0, 1) ? '-' : ''}${rng.int(0, 999999)},${String(rng.int(0, 99)).padStart(2, '0')}`;
    out.push(`${cc};Ansvar ${cc} Åre;${acc};Konto ${acc} övrigt;2024${month};${amount};${rng.int(0, 500)},00`);
  }
  return out;
}

const HEADER = 'Ansvar;Ansvar (T);Konto;Konto (T);Period;Utfall;Budget';

function write(name: string, lines: readonly string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(['Saldo per period', '', HEADER, ...lines].join('\r\n') + '\r\n', 'latin1'));
  return file;
}

async function expectSameForEveryWorkerCount(file: string, spec: LedgerSourceSpec, wantRanges: boolean): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file));
  const want = await readLedger({ bytes, displayName: 'saldo.csv' }, spec, { generalReader: true });
  // The manifest's hash of the file, which the reader takes from the pieces as it reads them (and, with ranges, from
  // the rest of the file while the range readers read it): the file's own SHA-256 and size.
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  for (const workers of [1, 2, 4]) {
    const got = await readLedgerFast(file, spec, 'saldo.csv', { workers, chunkSize: 4096, digest: true });
    expect(got.ledger, `${workers} workers`).toEqual(want.value);
    expect(got.diagnostics, `${workers} workers`).toEqual(want.diagnostics);
    if (got.path === 'fast') expect(got.digest, `${workers} workers`).toEqual({ bytes: bytes.byteLength, sha256 });
    else expect(got.digest, `${workers} workers`).toBeUndefined();
    if (wantRanges) expect(got.ranges, `${workers} workers`).toBe(workers);
    else expect(got.ranges, `${workers} workers`).toBe(0);
  }
}

describe('the ledger read in byte ranges', () => {
  const sum = ledgerSourceSchema.parse({ file: 'saldo.csv', encoding: 'windows-1252', delimiter: ';', duplicates: 'sum', sign: 'ledger' });
  const error = ledgerSourceSchema.parse({ file: 'saldo.csv', encoding: 'windows-1252', delimiter: ';', duplicates: 'error', sign: 'ledger' });
  const auto = ledgerSourceSchema.parse({ file: 'saldo.csv', encoding: 'auto', delimiter: ';', duplicates: 'sum', sign: 'report' });

  it('plain rows, summed duplicates: 1, 2 and 4 ranges give the one reader\'s Ledger to the öre', async () => {
    await expectSameForEveryWorkerCount(write('plain.csv', rows(6000, new Rng(1))), sum, true);
  });

  it('duplicate keys as errors, across ranges: the same messages on the same rows, naming the same first rows', async () => {
    await expectSameForEveryWorkerCount(write('dupes.csv', rows(6000, new Rng(2))), error, true);
  });

  it('encoding auto (read as UTF-8 until a byte says otherwise) on a Windows-1252 file: handed back, same result', async () => {
    await expectSameForEveryWorkerCount(write('auto.csv', rows(6000, new Rng(3))), auto, false);
  });

  it('a quoted field with a line break, a blank line, a bad amount late in the file: handed back, same rows named', async () => {
    const r = rows(6000, new Rng(4));
    r[4500] = '1001;"Ansvar\r\nmed radbrytning";4001;Konto;202403;12,50;1,00';
    await expectSameForEveryWorkerCount(write('quoted.csv', r), sum, false);
    const b = rows(6000, new Rng(5));
    b[5000] = '';
    await expectSameForEveryWorkerCount(write('blank.csv', b), sum, false);
    const a = rows(6000, new Rng(6));
    a[5500] = '1001;Ansvar;4001;Konto;202403;12,5x;1,00';
    await expectSameForEveryWorkerCount(write('amount.csv', a), sum, false);
  });

  it('in worker threads (from dist/): the same Ledger with 1, 2 and 4 workers as in one stream', () => {
    const dist = path.resolve('dist/sources/ledger/read-fast.js');
    if (!existsSync(dist)) return; // npm test builds first; a bare vitest run without dist/ skips this part
    const file = write('threads.csv', rows(20000, new Rng(7)));
    const script = `
      const { readLedgerFast } = await import(${JSON.stringify(new URL(`file://${dist}`).href)});
      const { ledgerSourceSchema } = await import(${JSON.stringify(new URL(`file://${path.resolve('dist/config/schema.js')}`).href)});
      const spec = ledgerSourceSchema.parse({ file: 'saldo.csv', encoding: 'windows-1252', delimiter: ';', duplicates: 'sum', sign: 'ledger' });
      const { createHash } = await import('node:crypto');
      const out = [];
      for (const workers of [0, 1, 2, 4]) {
        const r = await readLedgerFast(${JSON.stringify(file)}, spec, 'saldo.csv', { workers, chunkSize: 4096 });
        const l = r.ledger;
        out.push({ workers, ranges: r.ranges, value: createHash('sha256').update(JSON.stringify([l.costCentres, l.accounts, l.entries, [...l.costCentreNames], [...l.accountNames], l.dataRows, r.diagnostics])).digest('hex'), entries: l.entries.length });
      }
      console.log(JSON.stringify(out));`;
    const scriptFile = path.join(dir, 'threads.mjs');
    writeFileSync(scriptFile, script);
    const r = spawnSync(process.execPath, [scriptFile], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { workers: number; ranges: number; value: string; entries: number }[];
    expect(out.map((o) => o.ranges)).toEqual([0, 1, 2, 4]);
    expect(out[0]!.entries).toBeGreaterThan(1000);
    for (const o of out) expect(o.value, `${o.workers} workers`).toBe(out[0]!.value);
  });
});
