/**
 * The byte-level ledger reader against the general reader `readLedger` (the definition): on every ledger-shaped CSV
 * fixture and on generated exports, both must give the same `Ledger` (codes, names, entries with their amounts
 * and "no value" cells, data rows, sign) and the same diagnostics (code, severity, message, file, row, column,
 * value), however the bytes arrive (a path, one buffer, chunks of any size).
 *
 * A differential test passes trivially if the fast path always hands over, so the tests also require the fast path
 * to have done the work where it should (`path === 'fast'`).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ledgerSourceSchema, type LedgerSourceSpec } from '../../src/config/schema.js';
import { readLedger } from '../../src/sources/read-ledger.js';
import { readLedgerFast, tryReadLedgerFast, type FastLedgerResult } from '../../src/sources/ledger/read-fast.js';
import { csvFixtures, randomChunks, readBytes, Rng } from './helpers.js';
import { generateLedger } from './ledger-generate.js';

/** Generated cases per family; FAST_SEEDS=5000 for a deeper local run. */
const SEEDS = Number(process.env.FAST_SEEDS ?? 250);

async function general(bytes: Uint8Array, spec: LedgerSourceSpec, name: string) {
  return readLedger({ bytes, displayName: name }, spec, { generalReader: true });
}

async function expectSame(
  bytes: Uint8Array,
  spec: LedgerSourceSpec,
  name: string,
  label: string,
  rng: Rng,
  alsoParallel = false,
): Promise<FastLedgerResult | null> {
  let want: Awaited<ReturnType<typeof general>>;
  try {
    want = await general(bytes, spec, name);
  } catch (e) {
    // readLedger throws (e.g. OreOverflowError when a column's sum leaves the exact range): so must we.
    await expect(readLedgerFast(bytes, spec, name), label).rejects.toThrow((e as Error).message);
    return null;
  }
  const fast = await readLedgerFast(bytes, spec, name, { chunkSize: rng.int(1, 4) === 1 ? rng.int(1, 64) : 1 << 20 });
  expect(fast.ledger, `${label} (${fast.path}${fast.reason ? `: ${fast.reason}` : ''})`).toEqual(want.value);
  expect(fast.diagnostics, `${label} (${fast.path}${fast.reason ? `: ${fast.reason}` : ''})`).toEqual(want.diagnostics);
  // The same bytes as a one-shot stream of random chunks.
  const chunked = await readLedgerFast(randomChunks(bytes, rng, 97), spec, name);
  expect(chunked.path, label).toBe(fast.path);
  expect(chunked.ledger, `${label} chunked`).toEqual(want.value);
  expect(chunked.diagnostics, `${label} chunked`).toEqual(want.diagnostics);
  if (alsoParallel) {
    // Aggregation in the worker thread (used by default from 16 MiB on).
    const parallel = await readLedgerFast(bytes, spec, name, { parallel: 'always' });
    expect(parallel.path, label).toBe(fast.path);
    expect(parallel.ledger, `${label} parallel`).toEqual(want.value);
    expect(parallel.diagnostics, `${label} parallel`).toEqual(want.diagnostics);
  }
  return fast;
}

/** Fixtures whose header has the ledger's required columns (by default names). */
function ledgerFixtures() {
  return csvFixtures().filter((f) => {
    const head = Buffer.from(readBytes(f.path).subarray(0, 4096)).toString('latin1');
    return /Ansvar/.test(head) && /Konto/.test(head) && /Period/.test(head) && /Utfall|Budget|Prognos/.test(head);
  });
}

describe('fast ledger reader = readLedger on every ledger fixture', () => {
  const fixtures = ledgerFixtures();
  it('finds the golden ledger among the fixtures', () => {
    expect(fixtures.some((f) => f.name === 'golden/vasterbotten-rs-2024-08/raindance-saldo.csv')).toBe(true);
  });
  for (const fx of fixtures) {
    it(fx.name, async () => {
      const bytes = readBytes(fx.path);
      const rng = new Rng(bytes.length);
      const variants = [
        { encoding: 'auto', delimiter: 'auto', sign: 'report' },
        { encoding: 'windows-1252', delimiter: ';' },
        { encoding: 'auto', duplicates: 'sum', unit: 'tkr' },
      ];
      // The general reader takes about a second per MB: big fixtures get one variant.
      for (const settings of bytes.length > 1_000_000 ? variants.slice(0, 1) : variants) {
        const spec = ledgerSourceSchema.parse({ file: 'raindance-saldo.csv', ...settings });
        const label = `${fx.name} ${JSON.stringify(settings)}`;
        const fast = (await expectSame(bytes, spec, 'raindance-saldo.csv', label, rng, true))!;
        // Real exports are what the fast path is for.
        expect(fast.path, `${label}: ${fast.reason}`).toBe('fast');
        // And from a path, streamed.
        const fromPath = await readLedgerFast(fx.path, spec, 'raindance-saldo.csv');
        expect(fromPath.ledger, label).toEqual(fast.ledger);
        expect(fromPath.diagnostics, label).toEqual(fast.diagnostics);
      }
    });
  }

  it('reads the golden export to the published totals (not only "the same as the other reader")', async () => {
    const bytes = readBytes('/work/shared/golden/vasterbotten-rs-2024-08/raindance-saldo.csv');
    const spec = ledgerSourceSchema.parse({ file: 'raindance-saldo.csv', encoding: 'windows-1252' });
    const { ledger, path } = await readLedgerFast(bytes, spec, 'raindance-saldo.csv');
    expect(path).toBe('fast');
    // Table 3.1 of the golden README, "Total (netto)", Ack utfall innev år (Jan–Aug 2024): −2 515 284 tkr.
    let net2024 = 0;
    for (const e of ledger.entries) if (e.period >= 202401 && e.period <= 202408 && e.actual !== null) net2024 += e.actual;
    expect(Math.round(net2024 / 100_000)).toBe(-2_515_284);
    // Utfall 2023-01 for ansvar 110100, konto 3611 is −6 997 851,46 kr in ledger sign: +699 785 146 öre in report sign.
    const cc = ledger.costCentres.indexOf('110100');
    const acc = ledger.accounts.indexOf('3611');
    const e = ledger.entries.find((x) => x.costCentre === cc && x.account === acc && x.period === 202301);
    expect(e).toMatchObject({ actual: 699_785_146, budget: null, forecast: null });
    expect(ledger.costCentreNames.get('110100')).toBe('Centrala anslag');
    expect(ledger.accountNames.get('3611')).toBe('Riktade statsbidrag');
  });
});

describe('fast ledger reader = readLedger on generated exports', () => {
  it('clean exports (what the fast path must read itself): quotes, title lines, blank lines, BOM, CR/LF/CRLF, encodings, grouped amounts, duplicates', async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rng = new Rng(seed);
      const g = generateLedger(rng, true);
      const spec = ledgerSourceSchema.parse(g.spec);
      const label = `clean seed ${seed}: ${g.description}`;
      const fast = await expectSame(g.bytes, spec, 'huvudbok.csv', label, rng);
      expect(fast?.path, `${label}: ${fast?.reason}`).toBe('fast');
    }
  });

  it('messy exports: bad amounts and periods, sum rows, short/long rows, stray quotes, NUL … (fast or handed over, same result)', async () => {
    let fastCount = 0;
    const n = SEEDS * 2;
    for (let seed = 1; seed <= n; seed++) {
      const rng = new Rng(seed * 7 + 3);
      const g = generateLedger(rng, false);
      const spec = ledgerSourceSchema.parse(g.spec);
      const fast = await expectSame(g.bytes, spec, 'huvudbok.csv', `messy seed ${seed}: ${g.description}`, rng);
      if (fast?.path === 'fast') fastCount++;
    }
    // Amount and period errors are the fast path's own business; only rarer things are handed over.
    expect(fastCount).toBeGreaterThan(n / 3);
    expect(fastCount).toBeLessThan(n);
  });
});

describe('fast ledger reader = readLedger on large generated exports', () => {
  it('thousands of rows over few keys: batch boundaries, > 50 diagnostics of a code, both duplicate modes', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rng = new Rng(9000 + seed);
      const clean = seed % 3 !== 0;
      // Every fourth file has so many rows with extra empty fields that io/csv.ts gives up (csv.too-many-errors).
      const giveUp = seed % 4 === 0;
      const g = generateLedger(rng, clean, rng.int(2000, 6000), giveUp ? 0.2 : 0.005);
      const spec = ledgerSourceSchema.parse(g.spec);
      const label = `large seed ${seed}: ${g.description}`;
      const r = await expectSame(g.bytes, spec, 'huvudbok.csv', label, rng, true);
      if (clean && !giveUp) expect(r?.path, `${label}: ${r?.reason}`).toBe('fast');
      if (clean && giveUp) expect(r?.diagnostics.map((d) => d.code), label).toContain('csv.too-many-errors');
    }
  });
});

describe('fast ledger reader: aggregation in a worker thread', () => {
  it('gives the same result as in one thread and as readLedger on 80 000 rows (the batch ring wraps around)', async () => {
    const header = 'Ansvar;Ansvar (T);Konto;Konto (T);Period;Utfall;Budget\r\n';
    const rng = new Rng(77);
    const lines: string[] = [];
    for (let i = 0; i < 80_000; i++) {
      const cc = 100 + rng.int(0, 300);
      const acc = 3000 + rng.int(0, 60);
      const period = 202300 + 100 * rng.int(0, 1) + rng.int(1, 12);
      lines.push(`${cc};Enhet ${cc} Umeå;${acc};Konto ${acc};${period};${rng.int(-99999, 99999)},${rng.int(10, 99)};${rng.chance(0.5) ? '' : rng.int(0, 5000)}`);
    }
    const bytes = new Uint8Array(Buffer.from(header + lines.join('\r\n') + '\r\n', 'latin1'));
    for (const duplicates of ['sum', 'error'] as const) {
      const spec = ledgerSourceSchema.parse({ file: 'h.csv', encoding: 'windows-1252', duplicates });
      const want = await general(bytes, spec, 'h.csv');
      const parallel = await readLedgerFast(bytes, spec, 'h.csv', { parallel: 'always' });
      const single = await readLedgerFast(bytes, spec, 'h.csv', { parallel: 'never' });
      expect(parallel.path).toBe('fast');
      expect(parallel.ledger).toEqual(want.value);
      expect(parallel.diagnostics).toEqual(want.diagnostics);
      expect(single.ledger).toEqual(want.value);
      expect(single.diagnostics).toEqual(want.diagnostics);
    }
  });
});

describe('fast ledger reader: hand-over and sources', () => {
  const spec = ledgerSourceSchema.parse({ file: 'h.csv', encoding: 'windows-1252' });
  const enc = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

  it('hands a file with sum rows to the general reader (tryReadLedgerFast → null)', async () => {
    const bytes = enc('Ansvar;Konto;Period;Utfall\r\n110;3611;202401;-5,00\r\nSumma;;;-5,00\r\n');
    expect(await tryReadLedgerFast(bytes, spec, 'h.csv')).toBeNull();
    const r = await readLedgerFast(bytes, spec, 'h.csv');
    expect(r.path).toBe('general');
    expect(r.diagnostics.map((d) => d.code)).toContain('ledger.sum-rows-excluded');
  });

  it('reads amounts exactly and keeps an empty cell apart from 0', async () => {
    const bytes = enc('Ansvar;Konto;Period;Utfall;Budget\r\n0100;3611;202401;-1 234,56;\r\n0100;3611;202402;0,00;1\xa0000\r\n');
    const r = await readLedgerFast(bytes, spec, 'h.csv');
    expect(r.path).toBe('fast');
    expect(r.ledger.costCentres).toEqual(['0100']);
    expect(r.ledger.entries).toEqual([
      { costCentre: 0, account: 0, period: 202401, actual: 123456, budget: null, forecast: null },
      { costCentre: 0, account: 0, period: 202402, actual: 0, budget: -100000, forecast: null },
    ]);
  });

  it('reads U+2212 minus and narrow NBSP groups in UTF-8', async () => {
    const utf8 = ledgerSourceSchema.parse({ file: 'h.csv', encoding: 'utf-8', sign: 'report' });
    const bytes = new Uint8Array(Buffer.from('Ansvar;Konto;Period;Utfall\n1;2;202401;\u22121\u202f234,5\n', 'utf8'));
    const r = await readLedgerFast(bytes, utf8, 'h.csv');
    expect(r.path).toBe('fast');
    expect(r.ledger.entries[0]!.actual).toBe(-123450);
  });

  it('reads from a path in small pieces, and a file over maxBytes gives the general reader\'s size error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fast-ledger-'));
    try {
      const file = join(dir, 'h.csv');
      const text = 'Titel\r\n\r\nAnsvar;Konto;Period;Utfall\r\n' + Array.from({ length: 500 }, (_, i) => `${100 + (i % 7)};${3000 + (i % 11)};2024${String(1 + (i % 12)).padStart(2, '0')};${i},5`).join('\r\n');
      writeFileSync(file, text, 'latin1');
      const sumSpec = ledgerSourceSchema.parse({ file: 'h.csv', encoding: 'windows-1252', duplicates: 'sum' });
      const fromPath = await readLedgerFast(file, sumSpec, 'h.csv', { chunkSize: 7 });
      const want = await general(enc(text), sumSpec, 'h.csv');
      expect(fromPath.path).toBe('fast');
      expect(fromPath.ledger).toEqual(want.value);
      expect(fromPath.diagnostics).toEqual(want.diagnostics);
      const tooBig = await readLedgerFast(file, sumSpec, 'h.csv', { maxBytes: 100 });
      const wantTooBig = await readLedger({ bytes: enc(text), displayName: 'h.csv' }, sumSpec, { maxBytes: 100, generalReader: true });
      expect(tooBig.path).toBe('general');
      expect(tooBig.ledger).toEqual(wantTooBig.value);
      expect(tooBig.diagnostics).toEqual(wantTooBig.diagnostics);
      expect(tooBig.diagnostics[0]!.code).toBe('io.file-too-large');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
