/**
 * The aggregation both ledger readers feed (sources/ledger/aggregate.ts, typed arrays, optionally in a worker) and
 * the Ledger built from it (build.ts), against a plain reference written here with Maps and strings: one entry per
 * ansvar × konto × period, duplicates kept first (error) or summed (sum) with "no value" apart from 0, report sign,
 * codes and entries sorted by UTF-16 code units. Since both readers share the aggregation, the differential tests of
 * tests/fast/ no longer compare two of them; this is its independent check.
 */
import { describe, expect, it } from 'vitest';
import { aggregatorSettings, EMPTY_CELL, makeAggregator, monthIndex, prepareAggregation, prestartAggregation, RowBatches } from '../../src/sources/ledger/aggregate.js';
import { buildLedger } from '../../src/sources/ledger/build.js';
import type { LedgerEntry } from '../../src/model/records.js';
import { Rng } from './helpers.js';

interface Row {
  cc: string;
  acc: string;
  period: number;
  line: number;
  amounts: Array<number | null>;
}

function reference(rows: readonly Row[], sum: boolean, sign: 'ledger' | 'report') {
  const flip = (v: number | null) => (v === null ? null : sign === 'ledger' ? (v === 0 ? 0 : -v) : v);
  const byKey = new Map<string, { cc: string; acc: string; period: number; amounts: Array<number | null>; firstRow: number }>();
  const duplicates: number[][] = [];
  const summed: number[] = [];
  for (const r of rows) {
    const key = `${r.cc}\u0000${r.acc}\u0000${r.period}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { cc: r.cc, acc: r.acc, period: r.period, amounts: r.amounts.map(flip), firstRow: r.line });
    else if (!sum) duplicates.push([r.line, r.period, seen.firstRow]);
    else {
      seen.amounts = seen.amounts.map((a, m) => {
        const v = flip(r.amounts[m]!);
        return a === null ? v : v === null ? a : a + v;
      });
      summed.push(r.line);
    }
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const accs = [...byKey.values()].sort((x, y) => cmp(x.cc, y.cc) || cmp(x.acc, y.acc) || x.period - y.period);
  const costCentres = [...new Set(accs.map((a) => a.cc))].sort(cmp);
  const accounts = [...new Set(accs.map((a) => a.acc))].sort(cmp);
  const entries: LedgerEntry[] = accs.map((a) => ({
    costCentre: costCentres.indexOf(a.cc),
    account: accounts.indexOf(a.acc),
    period: a.period,
    actual: a.amounts[0] as LedgerEntry['actual'],
    budget: a.amounts[1] as LedgerEntry['budget'],
    forecast: a.amounts[2] as LedgerEntry['forecast'],
  }));
  return { costCentres, accounts, entries, duplicates, summed };
}

async function aggregate(rows: readonly Row[], present: boolean[], sum: boolean, sign: 'ledger' | 'report', parallel: boolean, sizeHint = 0) {
  const settings = aggregatorSettings(present, sum, 1_000_000, sizeHint);
  const batches = new RowBatches(parallel, settings);
  const ccs: string[] = [];
  const accs: string[] = [];
  const id = (list: string[], code: string) => (list.includes(code) ? list.indexOf(code) : list.push(code) - 1);
  for (const r of rows) {
    const j = batches.next;
    batches.cc[j] = id(ccs, r.cc);
    batches.acc[j] = id(accs, r.acc);
    batches.month[j] = monthIndex(r.period);
    batches.period[j] = r.period;
    batches.line[j] = r.line;
    for (let m = 0; m < 3; m++) batches.values[j * 3 + m] = r.amounts[m] ?? EMPTY_CELL;
    expect(batches.commit()).toBe(true);
  }
  const agg = await batches.finish();
  const ledger = buildLedger({
    aggregate: agg, settings, costCentres: ccs, accounts: accs, costCentreNames: new Map(), accountNames: new Map(), dataRows: rows.length, sign,
  });
  const duplicates: number[][] = [];
  for (let i = 0; i < agg.duplicates.length; i += 5) duplicates.push([agg.duplicates[i]!, agg.duplicates[i + 3]!, agg.duplicates[i + 4]!]);
  return { ledger, duplicates, summed: agg.summed, summedRows: agg.summedRows };
}

describe('the ledger aggregation = a plain reference', () => {
  it('on random rows: few or many keys, empty amounts, both duplicate rules, both signs, in this thread and in a worker', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rng = new Rng(seed * 31);
      const n = rng.int(1, seed % 10 === 0 ? 20_000 : 400);
      const codes = (k: number, prefix: string) => Array.from({ length: k }, (_, i) => rng.pick([`${i}`, `0${i}`, `${prefix}${i}`, `${i}00`]));
      const ccCodes = codes(rng.int(1, 40), 'K');
      const accCodes = codes(rng.int(1, 40), 'A');
      const present = [rng.chance(0.9), rng.chance(0.6), rng.chance(0.3)];
      if (!present.some(Boolean)) present[0] = true;
      const rows: Row[] = [];
      for (let i = 0; i < n; i++) {
        rows.push({
          cc: rng.pick(ccCodes),
          acc: rng.pick(accCodes),
          period: rng.pick([190001, 202312, 202401, 202408, 219912]),
          line: i + 2,
          amounts: present.map((p) => (!p || rng.chance(0.2) ? null : rng.chance(0.1) ? 0 : rng.int(-1e9, 1e9))),
        });
      }
      for (const sum of [false, true]) {
        for (const sign of ['ledger', 'report'] as const) {
          const want = reference(rows, sum, sign);
          const got = await aggregate(rows, present, sum, sign, seed % 4 === 0);
          const label = `seed ${seed} sum ${sum} ${sign}`;
          expect(got.ledger.costCentres, label).toEqual(want.costCentres);
          expect(got.ledger.accounts, label).toEqual(want.accounts);
          expect(got.ledger.entries, label).toEqual(want.entries);
          expect(got.duplicates, label).toEqual(want.duplicates);
          expect(got.summed, label).toBe(want.summed.length);
          expect(got.summedRows, label).toEqual(want.summed.slice(0, 5));
          // The columns the core walks say the same as the entries.
          const cols = got.ledger.columns!;
          expect(Array.from(cols.period), label).toEqual(want.entries.map((e) => e.period));
        }
      }
    }
  });
});

describe('the Ledger built from the table (build.ts)', () => {
  it('sorts by month then konto in two passes when konto × month is large, and reuses the sort arrays as columns', async () => {
    const rng = new Rng(4242);
    const periods = Array.from({ length: 24 }, (_, i) => 202301 + Math.floor(i / 12) * 100 + (i % 12));
    const rows: Row[] = [];
    // 3 000 konton × 24 months > 2^16: month, konto and ansvar are sorted as three digits.
    for (let i = 0; i < 40_000; i++) {
      rows.push({
        cc: `${rng.int(1, 50)}`,
        acc: `${rng.int(10_000, 13_000)}`,
        period: rng.pick(periods),
        line: i + 2,
        amounts: [rng.chance(0.2) ? null : rng.int(-1e6, 1e6), rng.chance(0.5) ? null : rng.int(-1e6, 1e6), null],
      });
    }
    for (const sum of [true, false]) {
      const got = await aggregate(rows, [true, true, false], sum, 'ledger', false);
      const want = reference(rows, sum, 'ledger');
      expect(got.ledger.accounts.length * 24).toBeGreaterThan(1 << 16);
      expect(got.ledger.entries).toEqual(want.entries);
      const cols = got.ledger.columns!;
      // Each column its own array of the entries' length.
      const arrays = [cols.costCentre, cols.account, cols.period];
      expect(new Set(arrays.map((a) => a.buffer)).size).toBe(3);
      for (const a of arrays) expect(a.length).toBe(want.entries.length);
    }
  });
});

describe('the aggregation worker started ahead (prestartAggregation, prepareAggregation)', () => {
  function randomRows(seed: number, n: number, present: boolean[]): Row[] {
    const rng = new Rng(seed);
    const rows: Row[] = [];
    for (let i = 0; i < n; i++) {
      rows.push({
        cc: `${rng.int(1, 300)}`,
        acc: `${rng.int(3000, 3100)}`,
        period: rng.pick([202401, 202402, 202403, 202408]),
        line: i + 2,
        amounts: present.map((p) => (!p || rng.chance(0.2) ? null : rng.int(-1e9, 1e9))),
      });
    }
    return rows;
  }

  it('takes the table it is given when the size fits (its pages touched ahead), else makes its own', () => {
    const settings = aggregatorSettings([true, true, false], true, 50, 64 << 20);
    expect(settings.bits).toBe(20);
    expect(settings.stride).toBe(4);
    const fits = new Float64Array((1 << settings.bits) * settings.stride);
    expect(makeAggregator(settings.stride, settings.bits, true, settings.slotOf, 50, fits).result().slots).toBe(fits);
    const other = new Float64Array(1 << 10);
    expect(makeAggregator(settings.stride, settings.bits, true, settings.slotOf, 50, other).result().slots).not.toBe(other);
  });

  it('gives the reference result for a large file, with the prepared table and without (three amount columns: stride 8)', async () => {
    for (const [seed, present] of [[7, [true, true, false]], [8, [true, true, true]], [9, [true, false, false]]] as const) {
      const rows = randomRows(seed, 30_000, [...present]);
      for (const sum of [true, false]) {
        // Started ahead and told of a large ledger (its table prepared), or only started ahead.
        if (sum) prepareAggregation(64 << 20);
        else prestartAggregation();
        // The file's size decides the table (2^20 slots from 16 MiB on), not the rows given here.
        const got = await aggregate(rows, [...present], sum, 'ledger', true, 64 << 20);
        const want = reference(rows, sum, 'ledger');
        const label = `seed ${seed} sum ${sum}`;
        expect(got.ledger.entries, label).toEqual(want.entries);
        expect(got.duplicates, label).toEqual(want.duplicates);
        expect(got.summedRows, label).toEqual(want.summed.slice(0, 5));
      }
    }
    // No worker started ahead: the reader starts its own, as before.
    const rows = randomRows(10, 5_000, [true, true, false]);
    expect((await aggregate(rows, [true, true, false], true, 'report', true, 64 << 20)).ledger.entries).toEqual(reference(rows, true, 'report').entries);
  });
});
