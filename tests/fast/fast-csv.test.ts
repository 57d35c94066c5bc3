/**
 * The byte-level CSV tokenizer against csv-parse 6 (the oracle) and against generated files whose records and
 * errors are known by construction. Every random input comes from a seeded PRNG; a failure names its seed.
 */
import { describe, expect, it } from 'vitest';
import {
  CsvTokenizer,
  decodeCp1252,
  decodeUtf8,
  parseCsvBytes,
  type CsvTokenizerOptions,
  type ParsedCsv,
} from '../../src/io/fast-csv.js';
import {
  csvFixtures,
  encode,
  everyByteChunks,
  guessDelimiter,
  guessEncoding,
  randomChunks,
  readBytes,
  Rng,
  runCsvParse,
  type OracleOptions,
  type OracleResult,
  type TestEncoding,
} from './helpers.js';
import { generateCsv, lineOfByte, type GeneratedCsv } from './csv-generate.js';

const decoderFor = (e: TestEncoding) => (e === 'utf-8' ? decodeUtf8 : decodeCp1252);

function ours(
  bytes: Uint8Array | Uint8Array[],
  encoding: TestEncoding,
  o: OracleOptions,
  recordDelimiter: 'auto' | 'any' = 'auto',
): ParsedCsv {
  const options: CsvTokenizerOptions = {
    delimiter: o.delimiter,
    recordDelimiter,
    skipEmptyLines: o.skipEmptyLines ?? false,
    relaxColumnCount: o.relaxColumnCount ?? false,
    maxRecordSize: o.maxRecordSize ?? 0,
  };
  return parseCsvBytes(bytes, options, decoderFor(encoding));
}

/** CR LF and lone CR → LF, on bytes (both encodings are ASCII-compatible for these). */
function normaliseLineBreaks(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x0d) {
      out.push(0x0a);
      if (bytes[i + 1] === 0x0a) i++;
    } else out.push(c);
  }
  return new Uint8Array(out);
}

function hasCrlf(bytes: Uint8Array): boolean {
  for (let i = 1; i < bytes.length; i++) if (bytes[i] === 0x0a && bytes[i - 1] === 0x0d) return true;
  return false;
}

function countCrlf(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 1; i < bytes.length; i++) if (bytes[i] === 0x0a && bytes[i - 1] === 0x0d) n++;
  return n;
}

/**
 * Same records and error as csv-parse. Lines must be identical when the input has no CR LF pair; otherwise csv-parse
 * may count a CR LF that is not its record delimiter as two lines, so ours may be lower by at most the number of
 * CR LF pairs (the exact relation is checked on generated files, where the generator knows where they are).
 */
function expectSameAsOracle(bytes: Uint8Array, mine: ParsedCsv, oracle: OracleResult, label: string): void {
  expect(mine.records.map((r) => r.fields), label).toEqual(oracle.records.map((r) => r.fields));
  expect(mine.error?.code ?? null, label).toBe(oracle.error?.code ?? null);
  const exact = !hasCrlf(bytes);
  const slack = exact ? 0 : countCrlf(bytes);
  const pairs: [number, number][] = mine.records.map((r, i) => [r.endLine, oracle.records[i]!.endLine]);
  if (mine.error && oracle.error) pairs.push([mine.error.line, oracle.error.line]);
  for (const [m, o] of pairs) {
    if (exact) expect(m, label).toBe(o);
    else {
      expect(m, label).toBeLessThanOrEqual(o);
      expect(o - m, label).toBeLessThanOrEqual(slack);
    }
  }
}

function hex(bytes: Uint8Array): string {
  return JSON.stringify(Buffer.from(bytes).toString('latin1'));
}

describe('fast-csv: hand-checked cases', () => {
  const opts = { delimiter: ';' } as const;
  const text = (s: string, o: CsvTokenizerOptions = opts) => parseCsvBytes(Buffer.from(s, 'latin1'), o, decodeCp1252);

  it('splits records and fields, with 1-based start lines', () => {
    const r = text('Ansvar;Konto\r\n110100;3611\r\n');
    expect(r.error).toBeNull();
    expect(r.records).toEqual([
      { fields: ['Ansvar', 'Konto'], line: 1, endLine: 1 },
      { fields: ['110100', '3611'], line: 2, endLine: 2 },
    ]);
  });

  it('gives the same records for CR LF, LF and CR line endings', () => {
    const body = ['a;"b;c"', '"x""y";', ';z'];
    const expected = [['a', 'b;c'], ['x"y', ''], ['', 'z']];
    for (const eol of ['\r\n', '\n', '\r']) {
      const r = text(body.join(eol) + eol);
      expect(r.records.map((x) => x.fields)).toEqual(expected);
      expect(r.records.map((x) => x.line)).toEqual([1, 2, 3]);
    }
  });

  it('keeps correct start lines after a quoted field with embedded line breaks', () => {
    const r = text('h1;h2\r\n"rad1\r\nrad2\nrad3";x\r\nnext;y\r\n');
    expect(r.records).toEqual([
      { fields: ['h1', 'h2'], line: 1, endLine: 1 },
      { fields: ['rad1\r\nrad2\nrad3', 'x'], line: 2, endLine: 4 },
      { fields: ['next', 'y'], line: 5, endLine: 5 },
    ]);
  });

  it('skips a UTF-8 BOM and decodes UTF-8', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Konto;Belopp\nÅtgärd;1\n', 'utf8')]);
    const r = parseCsvBytes(bytes, opts, decodeUtf8);
    expect(r.bomSkipped).toBe(true);
    expect(r.records[0]!.fields).toEqual(['Konto', 'Belopp']);
    expect(r.records[1]!.fields).toEqual(['Åtgärd', '1']);
  });

  it('decodes Windows-1252 0x80 and 0x96 to € and – (not C1 controls)', () => {
    const r = parseCsvBytes(new Uint8Array([0x80, 0x3b, 0x96, 0x3b, 0xe5, 0xe4, 0xf6, 0x0a]), opts, decodeCp1252);
    expect(r.records[0]!.fields).toEqual(['\u20ac', '\u2013', 'åäö']);
  });

  it('reports an unclosed quote at the last line and remembers where it opened', () => {
    const r = text('a;b\n"c;d\ne;f\n');
    expect(r.error).toMatchObject({ code: 'CSV_QUOTE_NOT_CLOSED', line: 3, quoteLine: 2 });
    expect(r.records.map((x) => x.fields)).toEqual([['a', 'b']]);
  });

  it('rejects a stray quote in an unquoted field and a bad closing quote', () => {
    expect(text('a;b\nAB "Bolag" AB;c\n').error).toMatchObject({ code: 'INVALID_OPENING_QUOTE', line: 2, field: 0 });
    expect(text('a;b\nc;"x"y\n').error).toMatchObject({ code: 'CSV_INVALID_CLOSING_QUOTE', line: 2, field: 1 });
  });

  it('checks field counts against the first record unless relaxed', () => {
    expect(text('a;b\nc\n').error).toMatchObject({
      code: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
      line: 2,
      expected: 2,
      got: 1,
    });
    expect(text('titel\na;b\n', { ...opts, relaxColumnCount: true }).records.map((x) => x.fields)).toEqual([
      ['titel'],
      ['a', 'b'],
    ]);
  });

  it('treats empty lines as one empty field, or skips them', () => {
    expect(text('a\n\nb\n').records.map((x) => x.fields)).toEqual([['a'], [''], ['b']]);
    const skipped = text('a\n\nb\n', { ...opts, skipEmptyLines: true });
    expect(skipped.records).toEqual([
      { fields: ['a'], line: 1, endLine: 1 },
      { fields: ['b'], line: 3, endLine: 3 },
    ]);
    expect(skipped.emptyLines).toBe(1);
  });

  it('keeps a trailing delimiter as a last empty field', () => {
    expect(text('a;b;\nc;d;').records.map((x) => x.fields)).toEqual([
      ['a', 'b', ''],
      ['c', 'd', ''],
    ]);
  });

  it('allows max_record_size + 1 content bytes, like csv-parse, and fails on the next one', () => {
    const o = { ...opts, maxRecordSize: 10 };
    expect(text('a;bbbbbbbbbb\n', o).error).toBeNull(); // 11 content bytes
    expect(text('a;bbbbbbbbbbb\n', o).error).toMatchObject({ code: 'CSV_MAX_RECORD_SIZE', line: 1 });
    expect(text('x\n"a\nb\nc\nd\ne\nf\ng', { ...o, maxRecordSize: 4 }).error).toMatchObject({
      code: 'CSV_MAX_RECORD_SIZE',
      line: 4, // content a \n b \n c \n: the 6th byte (limit + 2) is the line break after "c", on line 4
    });
  });

  it('stops early on a runaway quote instead of buffering the whole input', () => {
    const tok = new CsvTokenizer({ delimiter: ';', maxRecordSize: 1000 }, () => true);
    const chunk = Buffer.from('"' + 'x'.repeat(4095), 'latin1');
    tok.push(chunk);
    const filler = new Uint8Array(4096).fill(0x78);
    for (let i = 0; i < 10 && !tok.done; i++) tok.push(filler);
    expect(tok.error?.code).toBe('CSV_MAX_RECORD_SIZE');
  });

  it('stops when the handler returns false', () => {
    let n = 0;
    const tok = new CsvTokenizer({ delimiter: ';' }, () => ++n < 2);
    tok.push(Buffer.from('a\nb\nc\n'));
    tok.end();
    expect(n).toBe(2);
    expect(tok.error).toBeNull();
  });

  it('reads through reserve/commit as through push', () => {
    const bytes = Buffer.from('a;"b\nc"\r\nd;e\r\n', 'latin1');
    const seen: string[][] = [];
    const tok = new CsvTokenizer({ delimiter: ';' }, (rec) => {
      const f: string[] = [];
      for (let i = 0; i < rec.count; i++) f.push(decodeCp1252(rec.bytes, rec.starts[i]!, rec.ends[i]!));
      seen.push(f);
    });
    for (let i = 0; i < bytes.length; i += 3) {
      const part = bytes.subarray(i, i + 3);
      tok.reserve(16).set(part);
      tok.commit(part.length);
    }
    tok.end();
    expect(seen).toEqual([
      ['a', 'b\nc'],
      ['d', 'e'],
    ]);
  });

  it('differs from csv-parse on a NUL after a closing quote (documented)', () => {
    expect(text('"a"\u0000b;c\n').error?.code).toBe('CSV_INVALID_CLOSING_QUOTE');
    expect(runCsvParse(Buffer.from('"a"\u0000b;c\n', 'latin1'), 'windows-1252', opts).records[0]!.fields).toEqual([
      'a\u0000b',
      'c',
    ]);
  });
});

describe('fast-csv vs csv-parse on every CSV fixture', () => {
  const fixtures = csvFixtures();
  it('finds the golden fixtures', () => {
    expect(fixtures.some((f) => f.name.endsWith('raindance-saldo.csv'))).toBe(true);
  });
  for (const fx of fixtures) {
    it(fx.name, () => {
      const bytes = readBytes(fx.path);
      const encoding = guessEncoding(bytes);
      const delimiter = guessDelimiter(bytes);
      const rng = new Rng(bytes.length);
      const variants: OracleOptions[] = [
        { delimiter, relaxColumnCount: true, skipEmptyLines: true },
        { delimiter },
        { delimiter, relaxColumnCount: true, maxRecordSize: 200 },
      ];
      // csv-parse needs seconds per MB: big fixtures get the one variant that reads them to the end.
      for (const o of bytes.length > 1_000_000 ? variants.slice(0, 1) : variants) {
        const oracle = runCsvParse(bytes, encoding, o);
        const label = `${fx.name} ${JSON.stringify(o)}`;
        expectSameAsOracle(bytes, ours(bytes, encoding, o), oracle, label);
        expectSameAsOracle(bytes, ours(randomChunks(bytes, rng, 5000), encoding, o), oracle, `${label} chunked`);
      }
    });
  }
});

function checkGenerated(g: GeneratedCsv, seed: number, rng: Rng): void {
  const label = `seed ${seed}: ${g.description} ${hex(g.bytes)}`;
  // The generator's expectations hold for csv-parse (records, its line numbers, its error) …
  const oracle = runCsvParse(g.bytes, g.encoding, g.options);
  expect(oracle.records.map((r) => r.fields), label).toEqual(g.records.map((r) => r.fields));
  expect(oracle.records.map((r) => r.endLine), label).toEqual(g.records.map((r) => r.csvParseLine));
  expect(oracle.error, label).toEqual(g.error ? { code: g.error.code, line: g.error.csvParseLine } : null);
  // … and for ours, with editor lines, however the bytes are chunked.
  const variants: Uint8Array[][] = [[g.bytes], randomChunks(g.bytes, rng, 16)];
  if (g.bytes.length < 400) variants.push(everyByteChunks(g.bytes));
  for (const chunks of variants) {
    const mine = ours(chunks, g.encoding, g.options);
    expect(mine.records, `${label} chunks=${chunks.length}`).toEqual(
      g.records.map((r) => ({ fields: r.fields, line: r.line, endLine: r.endLine })),
    );
    if (g.error) {
      expect(mine.error, label).toMatchObject({
        code: g.error.code,
        line: g.error.line,
        ...(g.error.quoteLine !== undefined ? { quoteLine: g.error.quoteLine } : {}),
      });
    } else expect(mine.error, label).toBeNull();
  }
}

describe('fast-csv on generated files (expected records and lines known by construction)', () => {
  it('valid files: quotes, embedded delimiters and line breaks, CR LF/LF/CR, BOM, empty fields', () => {
    for (let seed = 1; seed <= 600; seed++) {
      const rng = new Rng(seed);
      checkGenerated(generateCsv(rng), seed, rng);
    }
  });
  for (const injection of ['unclosed', 'stray', 'badclose', 'count', 'size'] as const) {
    it(`planted error: ${injection}`, () => {
      for (let seed = 1; seed <= 250; seed++) {
        const rng = new Rng(seed * 7919 + injection.length);
        const g = generateCsv(rng, {
          injection,
          ...(injection === 'size' ? { encoding: 'windows-1252' as const } : {}),
        });
        checkGenerated(g, seed, rng);
      }
    });
  }
});

describe('fast-csv vs csv-parse on random bytes', () => {
  const alphabets: Record<string, string[]> = {
    lf: ['a', 'b', 'é', ';', ';', '"', '"', ' ', '\n', '\n', ','],
    cr: ['a', 'b', 'é', ';', ';', '"', '"', ' ', '\r', '\r', '\t'],
    crlf: ['a', 'b', 'é', ';', ';', '"', '"', ' ', '\r\n', '\r\n', '€'],
    mixed: ['a', ';', '"', '"', '\r', '\n', '\r\n', 'ö', ''],
  };
  for (const [name, alphabet] of Object.entries(alphabets)) {
    it(`alphabet ${name}`, () => {
      for (let seed = 1; seed <= 2500; seed++) {
        const rng = new Rng(seed * 31 + name.length);
        const encoding: TestEncoding = rng.chance(0.5) ? 'utf-8' : 'windows-1252';
        let s = '';
        for (let k = rng.int(0, 40); k > 0; k--) s += rng.pick(alphabet);
        let bytes = encode(s, encoding);
        if (encoding === 'utf-8' && rng.chance(0.2)) bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
        const o: OracleOptions = {
          delimiter: rng.pick([';', ';', ',', '\t'] as const),
          skipEmptyLines: rng.chance(0.5),
          relaxColumnCount: rng.chance(0.5),
          // Record sizes are counted per byte only for single-byte text (see fast-csv.ts).
          maxRecordSize: encoding === 'windows-1252' && rng.chance(0.3) ? rng.int(0, 12) : 0,
        };
        const label = `seed ${seed} ${encoding} ${JSON.stringify(o)} ${hex(bytes)}`;
        const oracle = runCsvParse(bytes, encoding, o);
        expectSameAsOracle(bytes, ours(bytes, encoding, o), oracle, label);
        expectSameAsOracle(bytes, ours(randomChunks(bytes, rng, 4), encoding, o), oracle, `${label} chunked`);

        // recordDelimiter 'any' = csv-parse on the text with every CR LF and CR turned into LF (what io/csv.ts
        // does); field values compared after the same normalisation. Lines are then exact.
        const anyOptions = { ...o, maxRecordSize: 0 };
        const normalised = normaliseLineBreaks(bytes);
        const oracleAny = runCsvParse(normalised, encoding, anyOptions);
        const mineAny = ours(randomChunks(bytes, rng, 4), encoding, anyOptions, 'any');
        const norm = (f: string[]) => f.map((v) => v.replace(/\r\n?/g, '\n'));
        expect(mineAny.records.map((r) => norm(r.fields)), `${label} any`).toEqual(oracleAny.records.map((r) => r.fields));
        expect(mineAny.records.map((r) => r.endLine), `${label} any`).toEqual(oracleAny.records.map((r) => r.endLine));
        expect(mineAny.error ? { code: mineAny.error.code, line: mineAny.error.line } : null, `${label} any`).toEqual(
          oracleAny.error,
        );
      }
    });
  }
});

describe('line numbering helper used by the generator', () => {
  it('counts CR LF, LF and CR each as one line break', () => {
    const b = Buffer.from('a\r\nb\nc\rd', 'latin1');
    expect([0, 3, 5, 7].map((p) => lineOfByte(b, p))).toEqual([1, 2, 3, 4]);
  });
});
