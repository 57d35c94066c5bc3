import { fileURLToPath } from 'node:url';
/**
 * Shared helpers of the fast-path tests: a seeded PRNG (failures print their seed and reproduce), csv-parse run as
 * the oracle, fixture discovery and chunking.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

/** mulberry32: small, fast, good enough for test data; same seed → same sequence on every platform. */
export class Rng {
  private s: number;
  constructor(readonly seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export type TestEncoding = 'utf-8' | 'windows-1252';

export function encode(text: string, encoding: TestEncoding): Uint8Array {
  return encoding === 'utf-8' ? new Uint8Array(Buffer.from(text, 'utf8')) : new Uint8Array(iconv.encode(text, 'windows-1252'));
}

export interface OracleOptions {
  delimiter: ';' | ',' | '\t';
  skipEmptyLines?: boolean;
  relaxColumnCount?: boolean;
  maxRecordSize?: number;
}

export interface OracleRecord {
  fields: string[];
  /** csv-parse's `info.lines` when the record is emitted: the line where it ends. */
  endLine: number;
}

export interface OracleResult {
  records: OracleRecord[];
  error: { code: string; line: number } | null;
}

/**
 * csv-parse 6 on the same bytes, with the options the tokenizer mirrors. Windows-1252 input is parsed as latin1
 * (byte = char, so csv-parse's record-size counting is per byte) and the fields are then re-decoded with iconv-lite,
 * which also cross-checks our 256-entry table. Records emitted before an error are kept (on_record).
 */
export function runCsvParse(bytes: Uint8Array, encoding: TestEncoding, o: OracleOptions): OracleResult {
  const records: OracleRecord[] = [];
  const toText = (s: string): string =>
    encoding === 'utf-8' ? s : iconv.decode(Buffer.from(s, 'latin1'), 'windows-1252');
  let error: OracleResult['error'] = null;
  try {
    parse(Buffer.from(bytes), {
      delimiter: o.delimiter,
      bom: true,
      encoding: encoding === 'utf-8' ? 'utf8' : 'latin1',
      skip_empty_lines: o.skipEmptyLines ?? false,
      relax_column_count: o.relaxColumnCount ?? false,
      max_record_size: o.maxRecordSize ?? 0,
      on_record: (record: string[], context: { lines: number }) => {
        records.push({ fields: record.map(toText), endLine: context.lines });
        return record;
      },
    });
  } catch (e) {
    const err = e as { code?: string; lines?: number };
    if (typeof err.code !== 'string' || typeof err.lines !== 'number') throw e;
    error = { code: err.code, line: err.lines };
  }
  return { records, error };
}

/** Splits bytes into chunks of random sizes (1 byte upwards), to exercise every resume point of the tokenizer. */
export function randomChunks(bytes: Uint8Array, rng: Rng, maxChunk = 64): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = rng.int(1, maxChunk);
    out.push(bytes.slice(i, i + n));
    i += n;
  }
  return out;
}

export function everyByteChunks(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i++) out.push(bytes.slice(i, i + 1));
  return out;
}

// fileURLToPath, not URL.pathname: a clone in a folder with a space or å (or on Windows) must find its files.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** The published-table cases of ../shared beside the clone. */
export const GOLDEN_DIR = join(REPO, '..', 'shared', 'golden');

function walk(dir: string, acc: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, acc);
    else if (name.toLowerCase().endsWith('.csv')) acc.push(p);
  }
}

/** Every CSV fixture in the repository and the shared golden data: golden/, tests/**\/fixtures/**, fixtures/**. */
export function csvFixtures(): { path: string; name: string }[] {
  const files: string[] = [];
  walk(GOLDEN_DIR, files);
  walk(join(REPO, 'fixtures'), files);
  const testsDir = join(REPO, 'tests');
  const fixtureDirs: string[] = [];
  const findFixtureDirs = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      if (!statSync(p).isDirectory()) continue;
      if (name === 'fixtures') fixtureDirs.push(p);
      else findFixtureDirs(p);
    }
  };
  findFixtureDirs(testsDir);
  for (const d of fixtureDirs) walk(d, files);
  return [...new Set(files)].sort().map((path) => ({
    path,
    name: path.startsWith(GOLDEN_DIR) ? `golden/${relative(GOLDEN_DIR, path)}` : relative(REPO, path),
  }));
}

export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** The encoding a fixture is in: valid UTF-8 (BOM or not) is UTF-8, anything else Windows-1252. */
export function guessEncoding(bytes: Uint8Array): TestEncoding {
  return isUtf8(bytes) ? 'utf-8' : 'windows-1252';
}

/** The delimiter that occurs most often in the first line with any of them. */
export function guessDelimiter(bytes: Uint8Array): ';' | ',' | '\t' {
  const text = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  for (const line of text.split(/\r\n|\r|\n/)) {
    const counts = { ';': 0, ',': 0, '\t': 0 } as Record<';' | ',' | '\t', number>;
    for (const ch of line) if (ch === ';' || ch === ',' || ch === '\t') counts[ch]++;
    const best = (Object.keys(counts) as (';' | ',' | '\t')[]).sort((a, b) => counts[b] - counts[a])[0]!;
    if (counts[best] > 0) return best;
  }
  return ';';
}
