/**
 * Generates CSV files whose records, start lines and errors are known by construction, independently of both
 * parsers: the generator writes field by field and computes every expected line from the bytes it wrote.
 */
import { encode, Rng, type OracleOptions, type TestEncoding } from './helpers.js';

export type Eol = '\r\n' | '\n' | '\r';

export interface ExpectedRecord {
  fields: string[];
  /** Line where the record starts. */
  line: number;
  /** Line of the byte that ends the record (its line break, or the last byte of the file). */
  endLine: number;
  /** What csv-parse reports as the record's line (it counts a CR LF inside quotes as two lines). */
  csvParseLine: number;
}

export interface ExpectedError {
  code: string;
  line: number;
  csvParseLine: number;
  quoteLine?: number;
}

export interface GeneratedCsv {
  bytes: Uint8Array;
  encoding: TestEncoding;
  options: OracleOptions;
  records: ExpectedRecord[];
  error: ExpectedError | null;
  description: string;
}

interface Segment {
  bytes: Uint8Array;
  /** Inside quotes (CR LF pairs here are counted twice by csv-parse). */
  quoted: boolean;
}

const WORDS_COMMON = [
  'Ansvar', 'Lönekostnader', 'Åtgärd', 'Försäljning av tjänster', 'Övriga intäkter', 'Köp av verksamhet',
  '1 234,50', '-12,00', '0100', '00123', '€ 5', '–', 'a b', ' ', 'x', 'Region Västerbotten', 'IT/MT poster',
  '202408', '1\u00a0234,50', 'Ärende', 'Ö',
];
const WORDS_UTF8 = ['\u22121 234,50', '1\u202f234,50', 'Kostnadsställe', 'ﬁ', '日本', '😀'];

/** Line of byte p: 1 + line breaks (CR LF, LF, CR) that start before p. */
export function lineOfByte(bytes: Uint8Array, p: number): number {
  let line = 1;
  for (let q = 0; q < p && q < bytes.length; q++) {
    const c = bytes[q];
    if (c === 0x0d) line++;
    else if (c === 0x0a && (q === 0 || bytes[q - 1] !== 0x0d)) line++;
  }
  return line;
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export interface GenerateOptions {
  encoding?: TestEncoding;
  delimiter?: ';' | ',' | '\t';
  eol?: Eol;
  injection?: 'none' | 'unclosed' | 'stray' | 'badclose' | 'count' | 'size';
}

/**
 * One random CSV with known records. Fields are plain words (no delimiter, quote or line break), empty, or quoted
 * (which may hold delimiters, doubled quotes and line breaks of any kind). With an injection, exactly one error is
 * planted and the expected error (code and line) is computed from the planted bytes.
 */
export function generateCsv(rng: Rng, go: GenerateOptions = {}): GeneratedCsv {
  const encoding = go.encoding ?? rng.pick<TestEncoding>(['utf-8', 'windows-1252']);
  const delimiter = go.delimiter ?? rng.pick<';' | ',' | '\t'>([';', ';', ',', '\t']);
  const eol = go.eol ?? rng.pick<Eol>(['\r\n', '\r\n', '\n', '\r']);
  const injection = go.injection ?? 'none';
  const skipEmptyLines = rng.chance(0.5);
  const relaxColumnCount = injection === 'count' ? false : rng.chance(0.3);
  const words = encoding === 'utf-8' ? [...WORDS_COMMON, ...WORDS_UTF8] : WORDS_COMMON;
  const nFields = rng.int(1, 6);
  const nRecords = rng.int(1, 12);
  const bom = encoding === 'utf-8' && rng.chance(0.3);
  const finalEol = rng.chance(0.7);

  const segments: Segment[] = [];
  const enc = (s: string): Uint8Array => encode(s, encoding);
  const offset = (): number => segments.reduce((n, s) => n + s.bytes.length, 0);
  const add = (s: string, quoted = false): void => {
    segments.push({ bytes: enc(s), quoted });
  };
  if (bom) segments.push({ bytes: new Uint8Array([0xef, 0xbb, 0xbf]), quoted: false });

  const sep = delimiter;
  const randomValue = (): string => {
    const r = rng.next();
    if (r < 0.15) return '';
    if (r < 0.7) return rng.pick(words);
    // Awkward content for a quoted field.
    const parts: string[] = [];
    const n = rng.int(1, 4);
    for (let k = 0; k < n; k++) {
      parts.push(rng.pick([rng.pick(words), sep, '"', '""', rng.pick<string>(['\n', '\r\n', '\r']), ';', ',', '\t', ' ']));
    }
    return parts.join('');
  };
  const needsQuotes = (v: string): boolean => /["\r\n]/.test(v) || v.includes(sep);

  const records: { fields: string[]; start: number; end: number }[] = [];
  type Plan = { kind: 'plain' | 'quoted'; value: string };
  const plans: Plan[][] = [];
  for (let r = 0; r < nRecords; r++) {
    const row: Plan[] = [];
    const count = relaxColumnCount ? rng.int(1, 6) : nFields;
    for (let f = 0; f < count; f++) {
      const value = randomValue();
      const quoted = needsQuotes(value) || rng.chance(0.15) || (value === '' && count === 1);
      row.push({ kind: quoted ? 'quoted' : 'plain', value });
    }
    plans.push(row);
  }

  // Where to plant the error.
  const target = nRecords > 1 ? rng.int(1, nRecords - 1) : 0;
  let error: ExpectedError | null = null;
  let errorAt = -1; // byte offset where the error is detected
  let stopAfter = nRecords; // records after the error are not written (unclosed) or not reached
  if (injection === 'count' && nRecords < 2) return generateCsv(rng, go);
  const sizeLimit = injection === 'size' ? rng.int(1, 30) : 0; // 0 would mean "no limit"

  let recordContent = 0;
  for (let r = 0; r < stopAfter; r++) {
    // Blank lines between records.
    if (r > 0 && rng.chance(0.2) && (skipEmptyLines || relaxColumnCount)) {
      const start = offset();
      add(eol);
      if (!skipEmptyLines) records.push({ fields: [''], start, end: start });
    }
    const row = plans[r]!;
    if (injection === 'count' && r === target) {
      if (row.length > 1 && rng.chance(0.5)) row.pop();
      else row.push({ kind: 'plain', value: 'extra' });
      // A lone empty unquoted field would be an empty line, not a short record.
      if (row.length === 1 && row[0]!.value === '') row[0] = { kind: 'quoted', value: '' };
    }
    const start = offset();
    const fields: string[] = [];
    recordContent = 0;
    for (let f = 0; f < row.length; f++) {
      if (f > 0) add(sep);
      const p = row[f]!;
      const fieldStart = offset();
      if (injection === 'stray' && r === target && f === row.length - 1 && error === null) {
        // A quote after content in an unquoted field.
        const head = rng.pick(['AB', 'x', 'Bolag ', '1 234']);
        add(head);
        errorAt = offset();
        add(`"tail"`);
        error = { code: 'INVALID_OPENING_QUOTE', line: 0, csvParseLine: 0 };
        stopAfter = r + 1;
        break;
      }
      if (injection === 'badclose' && r === target && f === row.length - 1 && error === null) {
        add(`"${p.value.replaceAll('"', '""')}"`, true);
        errorAt = offset() - 1;
        add('z');
        error = { code: 'CSV_INVALID_CLOSING_QUOTE', line: 0, csvParseLine: 0 };
        stopAfter = r + 1;
        break;
      }
      if (injection === 'unclosed' && r === target && f === row.length - 1 && error === null) {
        const quoteAt = offset();
        // Everything after the quote is quoted content: text and line breaks, no quote.
        let rest = p.value.replaceAll('"', '');
        for (let k = rng.int(0, 3); k > 0; k--) rest += rng.pick<string>([eol, '\n', sep, ' ', 'Ansvar']);
        add(`"${rest}`, true);
        error = { code: 'CSV_QUOTE_NOT_CLOSED', line: 0, csvParseLine: 0, quoteLine: quoteAt };
        errorAt = -2; // last byte
        stopAfter = r + 1;
        break;
      }
      if (p.kind === 'quoted') add(`"${p.value.replaceAll('"', '""')}"`, true);
      else add(p.value);
      fields.push(p.value);
      if (injection === 'size' && error === null) {
        const contentBytes = enc(p.value).length;
        if (recordContent + contentBytes > sizeLimit + 1) {
          // The (sizeLimit + 2)-th content byte of the record: walk the raw bytes of this field.
          let need = sizeLimit + 2 - recordContent;
          const raw = concat(segments.slice(segments.length - 1).map((s) => s.bytes));
          const rawStart = fieldStart;
          let q = p.kind === 'quoted' ? 1 : 0;
          for (; ; q++) {
            if (p.kind === 'quoted' && raw[q] === 0x22) q++;
            if (--need === 0) break;
          }
          errorAt = rawStart + q;
          error = { code: 'CSV_MAX_RECORD_SIZE', line: 0, csvParseLine: 0 };
          stopAfter = r + 1;
        }
        recordContent += contentBytes;
      }
    }
    if (error && error.code !== 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
      if (error.code === 'CSV_MAX_RECORD_SIZE') {
        // Finish the line so the file looks normal; the error is already determined.
        if (finalEol) add(eol);
      }
      break;
    }
    const end = offset();
    if (injection === 'count' && r === target) {
      errorAt = r === nRecords - 1 && !finalEol ? -2 : end;
      error = { code: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', line: 0, csvParseLine: 0 };
      stopAfter = r + 1;
      if (r < nRecords - 1 || finalEol) add(eol);
      break;
    }
    records.push({ fields, start, end });
    if (r < nRecords - 1 || finalEol) add(eol);
  }
  if (injection !== 'none' && error === null) return generateCsv(rng, go);

  const bytes = concat(segments.map((s) => s.bytes));
  // CR LF pairs inside quotes, by the offset of their LF.
  const quotedCrlfLf: number[] = [];
  {
    let o = 0;
    for (const s of segments) {
      if (s.quoted) {
        for (let q = 1; q < s.bytes.length; q++) if (s.bytes[q] === 0x0a && s.bytes[q - 1] === 0x0d) quotedCrlfLf.push(o + q);
      }
      o += s.bytes.length;
    }
  }
  const csvParseExtra = (p: number): number => quotedCrlfLf.filter((lf) => lf < p).length;
  const lastByte = bytes.length - 1;

  const expectedRecords: ExpectedRecord[] = records.map((rec) => {
    const endPos = rec.end < bytes.length ? rec.end : lastByte;
    const endLine = lineOfByte(bytes, endPos);
    return {
      fields: rec.fields,
      line: lineOfByte(bytes, rec.start),
      endLine,
      csvParseLine: endLine + csvParseExtra(endPos),
    };
  });
  if (error) {
    const at = errorAt === -2 ? lastByte : errorAt;
    error.line = lineOfByte(bytes, at);
    error.csvParseLine = error.line + csvParseExtra(at);
    if (error.quoteLine !== undefined) error.quoteLine = lineOfByte(bytes, error.quoteLine);
  }
  return {
    bytes,
    encoding,
    options: {
      delimiter,
      skipEmptyLines,
      relaxColumnCount,
      maxRecordSize: injection === 'size' ? sizeLimit : 0,
    },
    records: expectedRecords,
    error,
    description: `${encoding} delim=${JSON.stringify(delimiter)} eol=${JSON.stringify(eol)} bom=${bom} skipEmpty=${skipEmptyLines} relax=${relaxColumnCount} injection=${injection}`,
  };
}
