/**
 * The general ledger reader streamed (`readLedgerGeneralStream`: the file decoded, tokenized and read row by row, never
 * held whole) against the same reader on the whole text (`readLedgerGeneral`, the definition): the same `Ledger` and
 * the same diagnostics (code, severity, message, file, row, column, value), whatever the chunk size.
 *
 * On every ledger fixture of the repository, each also rewritten the ways the byte-level fast path hands over: the
 * period in two columns (År;Månad), "Summa"/"Totalt" rows closing the detail rows (exact, and one of them wrong), a
 * row without konto. Each is cut to its first 3 000 lines to keep the suite fast (tests/large/ reads a whole export
 * of that shape, over 256 MiB, through the command). Then the cases where the streamed reading must start again:
 * a late byte that is not UTF-8 under `encoding: auto`, a quote error that needs csv-parse, a ,-file whose rows with an
 * extra empty field come before the ones that fit, and refusals found late (NUL).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { ledgerSourceSchema, type LedgerSourceSpec } from '../../src/config/schema.js';
import { loadStreamedSource } from '../../src/io/read-source.js';
import { isStreamed } from '../../src/model/records.js';
import { readLedger, readLedgerGeneral, readLedgerGeneralStream } from '../../src/sources/read-ledger.js';
import type { ReadOptions } from '../../src/sources/table.js';
import { csvFixtures, readBytes } from '../fast/helpers.js';

const NAME = 'raindance-saldo.csv';

function* pieces(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function expectSame(bytes: Uint8Array, spec: LedgerSourceSpec, label: string, chunkSizes: readonly number[], options: ReadOptions = {}): Promise<void> {
  const want = await readLedgerGeneral({ bytes, displayName: NAME }, spec, options);
  for (const size of chunkSizes) {
    const got = await readLedgerGeneralStream(() => pieces(bytes, size), NAME, spec, options);
    expect(got.value, `${label}, chunks of ${size}`).toEqual(want.value);
    expect(got.diagnostics, `${label}, chunks of ${size}`).toEqual(want.diagnostics);
  }
}

/** "-6997851,46" → öre; null for an empty cell. */
function ore(cell: string): bigint | null {
  const t = cell.trim();
  if (t === '') return null;
  const m = /^(-?)(\d+)(?:,(\d{1,2}))?$/.exec(t);
  if (!m) throw new Error(`unexpected amount ${t}`);
  const v = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '0').padEnd(2, '0'));
  return m[1] ? -v : v;
}

function kr(v: bigint | null): string {
  if (v === null) return '';
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? '-' : ''}${a / 100n},${String(a % 100n).padStart(2, '0')}`;
}

interface Variant {
  readonly label: string;
  readonly text: string;
  readonly columns?: Record<string, string>;
}

/**
 * The fixture's text rewritten: the period split into År;Månad, and/or a "Summa <ansvar>" row after each run of rows
 * of one ansvar (its amounts the run's exact sums) and a "Totalt" row at the end — with `wrong`, the third sum row is
 * off by one krona and a row without konto and amounts is added.
 */
function rewrite(text: string, yearMonth: boolean, sums: boolean, wrong = false): string {
  const lines = text.split('\r\n').filter((l) => l !== '');
  const header = lines[0]!.split(';');
  const pi = header.indexOf('Period');
  const ai = header.indexOf('Ansvar');
  const amountCols = ['Utfall', 'Budget', 'Prognos'].map((c) => header.indexOf(c)).filter((i) => i >= 0);
  const split = (fields: string[]): string[] => {
    if (!yearMonth) return fields;
    const p = fields[pi]!;
    return [...fields.slice(0, pi), p.slice(0, 4), p === '' ? '' : String(Number(p.slice(4))), ...fields.slice(pi + 1)];
  };
  const out = [yearMonth ? [...header.slice(0, pi), 'År', 'Månad', ...header.slice(pi + 1)].join(';') : lines[0]!];
  let run: string[][] = [];
  const all: string[][] = [];
  let sumRows = 0;
  const total = (rows: string[][], label: string): string => {
    const f = header.map(() => '');
    f[ai] = label;
    for (const c of amountCols) {
      let s: bigint | null = null;
      for (const r of rows) {
        const v = ore(r[c] ?? '');
        if (v !== null) s = (s ?? 0n) + v;
      }
      if (wrong && ++sumRows === 3 && s !== null) s += 100n;
      f[c] = kr(s);
    }
    return split(f).join(';');
  };
  for (const l of lines.slice(1)) {
    const f = l.split(';');
    if (sums && run.length > 0 && run[0]![ai] !== f[ai]) {
      out.push(total(run, `Summa ${run[0]![ai]}`));
      run = [];
    }
    run.push(f);
    all.push(f);
    out.push(split(f).join(';'));
  }
  if (sums) {
    out.push(total(run, `Summa ${run[0]![ai]}`));
    if (wrong) out.push(split(header.map((_, i) => (i === ai ? all[0]![ai]! : ''))).join(';'));
    out.push(total(all, 'Totalt'));
  }
  return out.join('\r\n') + '\r\n';
}

function ledgerFixtures() {
  return csvFixtures().filter((f) => {
    const head = Buffer.from(readBytes(f.path).subarray(0, 4096)).toString('latin1');
    return /Ansvar/.test(head) && /Konto/.test(head) && /Period/.test(head) && /Utfall|Budget|Prognos/.test(head);
  });
}

describe('the streamed general ledger reader = the general reader on the whole text, on every ledger fixture', () => {
  const fixtures = ledgerFixtures();
  it('finds the ledger fixtures', () => {
    expect(fixtures.map((f) => f.name)).toEqual(expect.arrayContaining(['fixtures/region-exempel/raindance-saldo.csv', 'golden/vasterbotten-rs-2024-08/raindance-saldo.csv']));
  });
  for (const fx of fixtures) {
    it(fx.name, async () => {
      let text = iconv.decode(Buffer.from(readBytes(fx.path)), 'windows-1252');
      const lines = text.split('\r\n');
      if (lines.length > 3_001) text = lines.slice(0, 3_001).join('\r\n') + '\r\n';
      const ym = { period: '', year: 'År', month: 'Månad' };
      const variants: Variant[] = [
        { label: 'as exported', text },
        { label: 'year + month', text: rewrite(text, true, false), columns: ym },
        { label: 'sum rows', text: rewrite(text, false, true) },
        { label: 'year + month and sum rows, one wrong, a row without konto', text: rewrite(text, true, true, true), columns: ym },
      ];
      for (const v of variants) {
        const bytes = new Uint8Array(iconv.encode(v.text, 'windows-1252'));
        const settings = [
          { encoding: 'auto', sign: 'ledger', chunks: [4093, 1 << 20] },
          { encoding: 'windows-1252', duplicates: 'sum', unit: 'tkr', chunks: [65536] },
        ];
        for (const { chunks, ...s } of settings) {
          const spec = ledgerSourceSchema.parse({ file: NAME, ...s, ...(v.columns ? { columns: v.columns } : {}) });
          await expectSame(bytes, spec, `${fx.name} ${v.label} ${JSON.stringify(s)}`, chunks);
        }
        // What the variants are for: the sum rows are checked and left out, the wrong one is reported, the rows read.
        const spec = ledgerSourceSchema.parse({ file: NAME, encoding: 'windows-1252', ...(v.columns ? { columns: v.columns } : {}) });
        const r = await readLedgerGeneralStream(() => pieces(bytes, 1 << 16), NAME, spec);
        expect(r.value.dataRows, v.label).toBe(text.split('\r\n').filter((l) => l !== '').length - 1);
        const codes = r.diagnostics.map((d) => d.code);
        expect(codes.includes('ledger.sum-rows-excluded'), v.label).toBe(v.label.includes('sum rows'));
        expect(codes.includes('ledger.sum-mismatch'), v.label).toBe(v.label.includes('wrong'));
        expect(codes.includes('ledger.empty-key-row'), v.label).toBe(v.label.includes('without konto'));
      }
    });
  }
});

describe('the streamed general ledger reader where it must read the file again, or refuses it late', () => {
  const spec = (settings: Record<string, unknown> = {}) => ledgerSourceSchema.parse({ file: NAME, sign: 'report', ...settings });
  const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `${100 + ((from + i) % 7)};Enhet ${i};${3000 + ((from + i) % 11)};2024${String(1 + (i % 12)).padStart(2, '0')};${i},50`);
  const head = 'Ansvar;Namn;Konto;Period;Utfall';
  const small = [1, 2, 3, 7, 64, 4096];

  it('a byte that is not UTF-8 far into the file (encoding auto): read again as Windows-1252, the warning names its line', async () => {
    const text = [head, ...rows(300), '105;Kök \xe5;3001;202401;1,00', ...rows(20, 300)].join('\r\n') + '\r\n';
    const bytes = new Uint8Array(Buffer.from(text, 'latin1'));
    await expectSame(bytes, spec(), 'late Windows-1252 byte', small);
    const r = await readLedgerGeneralStream(() => pieces(bytes, 64), NAME, spec());
    expect(r.diagnostics.find((d) => d.code === 'io.decoded-windows-1252')?.location?.row).toBe(302);
  });

  it('quote errors, short and long rows, blank lines and repeated headers far into the file: csv-parse reads it, the same rows and messages', async () => {
    const text = [
      'Huvudbok 2024', '', head, ...rows(200), '', '101;"Trasig "citat";3001;202401;1,00', ...rows(5, 7), '101;Kort;3001', '102;Lång;3001;202401;1,00;9', head,
      'Huvudbok 2024', ...rows(40, 3), '', '', '   ', '',
    ].join('\r\n') + '\r\n';
    await expectSame(new Uint8Array(Buffer.from(text, 'utf8')), spec({ duplicates: 'sum' }), 'quote error', small);
    await expectSame(new Uint8Array(Buffer.from(text, 'utf8')), spec({ duplicates: 'sum' }), 'quote error, 3 kept per code', [5, 4096], { maxDiagnosticsPerCode: 3 });
    // An unclosed quote near the end, and one at the header.
    const open = [head, ...rows(50), '101;"Aldrig stängd;3001;202401;1,00', ...rows(3)].join('\n');
    await expectSame(new Uint8Array(Buffer.from(open, 'utf8')), spec(), 'unclosed quote', small);
    const badHeader = ['Ansvar;"Namn;Konto;Period;Utfall', ...rows(5)].join('\n') + '\n';
    await expectSame(new Uint8Array(Buffer.from(badHeader, 'utf8')), spec(), 'quote in the header', small);
  });

  it('a ,-file whose rows with an extra empty field come before the rows that fit the header', async () => {
    const text = ['Ansvar,Konto,Period,Utfall', ...Array.from({ length: 30 }, (_, i) => `10${i % 3},300${i % 5},2024${String(1 + (i % 12)).padStart(2, '0')},${i},`), '101,3001,202412,7'].join('\n') + '\n';
    await expectSame(new Uint8Array(Buffer.from(text, 'utf8')), spec({ duplicates: 'sum' }), 'mixed trailing fields', small);
    const only = text.split('\n').slice(0, 31).join('\n') + '\n';
    await expectSame(new Uint8Array(Buffer.from(only, 'utf8')), spec({ duplicates: 'sum' }), 'extra empty fields only', small);
  });

  it('refusals found late: NUL, an undefined Windows-1252 byte, mojibake, invalid UTF-8 (declared), whitespace only', async () => {
    const base = [head, ...rows(100)];
    const cases: Array<[string, Uint8Array, Record<string, unknown>]> = [
      ['NUL', new Uint8Array(Buffer.from([...base, '101;x\0y;3001;202401;1,00'].join('\r\n'), 'latin1')), {}],
      ['undefined byte', new Uint8Array(Buffer.from([...base, '101;x\x81y;3001;202401;1,00'].join('\r\n'), 'latin1')), { encoding: 'windows-1252' }],
      ['mojibake', new Uint8Array(Buffer.from([...base, '101;LÃ¶ner;3001;202401;1,00'].join('\r\n'), 'utf8')), {}],
      ['invalid UTF-8 declared', new Uint8Array(Buffer.from([...base, '101;K\xf6k;3001;202401;1,00'].join('\n'), 'latin1')), { encoding: 'utf-8' }],
      ['cut UTF-8 sequence at the end', new Uint8Array([...Buffer.from([...base, '101;K'].join('\n'), 'utf8'), 0xc3]), {}],
      ['whitespace only', new Uint8Array(Buffer.from(' \r\n\t\r\n', 'latin1')), {}],
      ['a workbook named .csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), {}],
      ['UTF-16 with BOM', new Uint8Array([0xff, 0xfe, ...Buffer.from([...base].join('\r\n'), 'utf16le')]), { encoding: 'windows-1252' }],
      ['UTF-8 BOM, CR line ends', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from([...base, '101;Åre;3001;202401;1,00'].join('\r'), 'utf8')]), {}],
    ];
    for (const [label, bytes, settings] of cases) await expectSame(bytes, spec(settings), label, small);
  });
});

describe('the ledger streamed from the input edge by the general reader', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-stream-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is read from its path in pieces, with the size and SHA-256 of the bytes read', async () => {
    const text = rewrite(iconv.decode(Buffer.from(readBytes(join(__dirname, '../../fixtures/halland-regionkontoret-2023-04/raindance-saldo.csv'))), 'windows-1252'), true, true);
    const bytes = iconv.encode(text, 'windows-1252');
    writeFileSync(join(dir, NAME), bytes);
    const spec = ledgerSourceSchema.parse({ file: NAME, encoding: 'auto', columns: { year: 'År', month: 'Månad' } });
    const loaded = await loadStreamedSource(dir, spec);
    expect(loaded.ok && isStreamed(loaded.input)).toBe(true);
    if (!loaded.ok) return;
    const want = await readLedgerGeneral({ bytes: new Uint8Array(bytes), displayName: loaded.input.displayName }, spec);
    for (const chunkSize of [5, 1 << 20]) {
      const viaGeneral = await readLedger(loaded.input, spec, { generalReader: true, chunkSize });
      expect(viaGeneral.value).toEqual(want.value);
      expect(viaGeneral.diagnostics).toEqual(want.diagnostics);
      expect(viaGeneral.digest).toEqual({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      // The fast path hands a year + month ledger over; the general reader streams it again from the path.
      const handedOver = await readLedger(loaded.input, spec, { chunkSize });
      expect(handedOver.value).toEqual(want.value);
      expect(handedOver.diagnostics).toEqual(want.diagnostics);
    }
    expect(want.diagnostics.map((d) => d.code)).toContain('ledger.sum-rows-excluded');
  });
});
