/**
 * A streaming, byte-level CSV tokenizer: the hot path under the ledger's fast reader (sources/ledger/fast-reader.ts)
 * and under `parseCsv` (io/csv.ts) for every source read as a table. A tokenizer only: bytes → fields and records.
 *
 * Why not csv-parse: on a 1 000 000-line Raindance export csv-parse takes 4–7 s and builds a string for every
 * field; this tokenizer finds field boundaries in the raw bytes and lets the caller decode only the fields it uses
 * (codes are interned from bytes, amounts parsed from bytes). csv-parse stays the oracle: `tests/fast/` runs both on
 * every CSV fixture and on fuzzed input and requires the same records, error codes and lines.
 *
 * ## API
 *
 * ```ts
 * const tok = new CsvTokenizer({ delimiter: ';' }, (rec) => {
 *   // rec.count fields; field i is rec.bytes[rec.starts[i] .. rec.ends[i]) (quotes excluded);
 *   // rec.flags[i] & FIELD_ESCAPED: the bytes still hold doubled quotes ("") — use fieldText() to decode.
 *   // rec.line: 1-based line where the record starts. The view is only valid during the callback.
 *   return true; // or false to stop
 * });
 * for (const chunk of chunks) tok.push(chunk);   // Uint8Array chunks of any size, e.g. 1 MB reads
 * tok.end();
 * if (tok.error) … // CsvSyntaxError: code, line, recordLine, field, offset
 * ```
 * `tok.reserve(n)` / `tok.commit(n)` let a file reader read straight into the tokenizer's buffer (no extra copy).
 * `parseCsvBytes()` is the convenience form that returns decoded string records (tests, small files).
 *
 * ## Semantics (csv-parse 6 with `delimiter`, `bom`, `skip_empty_lines`, `relax_column_count`, `max_record_size`)
 *
 * - Delimiter `;`, `,` or tab; quote and escape `"` (RFC 4180: a quoted field may hold delimiters, line breaks and
 *   doubled quotes). A UTF-8 byte-order mark at the start is skipped (`bom`, default on).
 * - The record delimiter (`recordDelimiter: 'auto'`, the default) is discovered like csv-parse does it: the first
 *   CR LF, LF or CR met outside quotes fixes it for the whole file. After that, a line break of another kind outside
 *   quotes is data (a CR before an LF in an LF file ends up at the end of the last field, as in csv-parse).
 *   `recordDelimiter: 'any'` ends a record at every CR LF, LF and CR instead — csv-parse on the text with its line
 *   breaks normalised to LF, which is what io/csv.ts does and what the ledger reader needs to agree with it. Field
 *   bytes are not normalised (a quoted CR LF stays in the bytes; the caller normalises decoded text).
 * - Empty lines give a record with one empty field unless `skipEmptyLines`; the last line needs no line break.
 * - Without `relaxColumnCount`, every record must have as many fields as the first
 *   (CSV_RECORD_INCONSISTENT_FIELDS_LENGTH, reported at the line where the record ends).
 * - Errors stop the tokenizer (as csv-parse does): CSV_QUOTE_NOT_CLOSED (at the last line; `quoteLine` says where
 *   the quote opened), INVALID_OPENING_QUOTE (a quote inside an unquoted field), CSV_INVALID_CLOSING_QUOTE
 *   (a closing quote followed by something other than a delimiter or line break), CSV_MAX_RECORD_SIZE.
 * - `maxRecordSize` counts the bytes of field content (delimiters and enclosing quotes not counted, a doubled quote
 *   counts once) and, like csv-parse, fails on the byte after the first byte past the limit. csv-parse counts earlier
 *   fields of the record in UTF-16 code units and the current field in bytes; this tokenizer counts bytes
 *   throughout, so the two agree for single-byte encodings (Windows-1252, ASCII).
 *
 * `startLine` numbers the first byte fed (when tokenizing starts at a header below title lines).
 *
 * ## Speed
 *
 * A record of unquoted fields ending in a line break — almost every line of a ledger export — goes through a tight
 * loop over a byte-class table, stopped by a sentinel byte written after the data (no bounds check per byte); the
 * full state machine only reads records with quotes or unusual line breaks. Field boundaries go into reused
 * Int32Arrays; nothing is allocated per record.
 *
 * ## Lines
 *
 * Lines are counted the way an editor shows them: CR LF, LF and CR each end one line, inside quoted fields too.
 * csv-parse counts a CR LF that is not its record delimiter (CR LF inside a quoted field, or in a file whose record
 * delimiter is LF or CR) as two lines; there, and only there, our line numbers are lower than csv-parse's. Precisely,
 * the line of byte p is 1 + (number of CR before p) + (number of LF before p not directly preceded by CR).
 *
 * ## Deliberate difference
 *
 * csv-parse takes a NUL byte right after a closing quote (`"a"\0b`) as the end of the quoted part and keeps
 * `a\0b`; here it is CSV_INVALID_CLOSING_QUOTE, like every other byte in that position.
 */

export type CsvDelimiter = ';' | ',' | '\t';

export interface CsvTokenizerOptions {
  readonly delimiter: CsvDelimiter;
  /** Skip a UTF-8 byte-order mark at the start (csv-parse `bom`). Default true. */
  readonly bom?: boolean;
  /** Skip lines with no characters at all (csv-parse `skip_empty_lines`). Default false. */
  readonly skipEmptyLines?: boolean;
  /** Accept records with another field count than the first (csv-parse `relax_column_count`). Default false. */
  readonly relaxColumnCount?: boolean;
  /** Maximum record size in bytes of field content, 0 = no limit (csv-parse `max_record_size`). Default 0. */
  readonly maxRecordSize?: number;
  /**
   * `auto` (default): csv-parse's discovery, the first line break outside quotes fixes the record delimiter.
   * `any`: CR LF, LF and CR all end a record, as if the text had been normalised to LF first (what `io/csv.ts` does
   * before csv-parse). Field bytes are not normalised: a quoted CR LF stays CR LF in the bytes.
   */
  readonly recordDelimiter?: 'auto' | 'any';
  /** Line number of the first byte fed (when the input starts in the middle of a file). Default 1. */
  readonly startLine?: number;
}

export type CsvErrorCode =
  | 'CSV_QUOTE_NOT_CLOSED'
  | 'INVALID_OPENING_QUOTE'
  | 'CSV_INVALID_CLOSING_QUOTE'
  | 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
  | 'CSV_MAX_RECORD_SIZE';

export interface CsvSyntaxError {
  /** csv-parse's error code for the same input. */
  readonly code: CsvErrorCode;
  /** Line where the error is detected (see "Lines" in the file comment). */
  readonly line: number;
  /** Line where the record holding the error starts. */
  readonly recordLine: number;
  /** 0-based index of the field in which the error was found. */
  readonly field: number;
  /** Byte offset in the whole input (a skipped BOM included) of the byte where the error was detected. */
  readonly offset: number;
  /** CSV_QUOTE_NOT_CLOSED: the line of the quote that was never closed. */
  readonly quoteLine?: number;
  /** CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: field count of the first record, and of this one. */
  readonly expected?: number;
  readonly got?: number;
  /** English technical description (for logs; user messages come from the catalogue). */
  readonly message: string;
}

/** `flags[i]` bit: the field was enclosed in quotes. */
export const FIELD_QUOTED = 1;
/** `flags[i]` bit: the quoted field holds doubled quotes, which the raw bytes still contain. */
export const FIELD_ESCAPED = 2;

/** A record as byte ranges into a shared buffer. Valid only during the callback; copy what you keep. */
export interface CsvRecordView {
  readonly bytes: Uint8Array;
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  /** 1-based line where the record starts. */
  readonly line: number;
  /** Line where the record ends (its line break, or the last byte of the file). */
  readonly endLine: number;
  /** Offset in the whole input of the record's first byte (its opening quote, if quoted). */
  readonly offset: number;
}

/** Return false to stop tokenizing (no error is set). */
export type CsvRecordHandler = (record: CsvRecordView) => boolean | void;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

// Byte classes outside quotes.
const K_DATA = 0;
const K_DELIM = 1;
const K_LF = 2;
const K_CR = 3;
const K_QUOTE = 4;
// Byte classes inside quotes.
const Q_DATA = 0;
const Q_QUOTE = 1;
const Q_CR = 2;
const Q_LF = 3;

const RD_UNKNOWN = 0;
const RD_LF = 1;
const RD_CRLF = 2;
const RD_CR = 3;
const RD_ANY = 4;

const S_FIELD = 0; // at the start of a field
const S_UNQUOTED = 1; // inside an unquoted field
const S_QUOTED = 2; // inside a quoted field
const S_AFTER_QUOTE = 3; // right after a closing quote: a delimiter or record delimiter must follow

// What a step of the scan tells it.
const GO = 0; // go on with the next step
const WAIT = 1; // the data ends here: wait for the next chunk (or finish)
const STOP = 2; // an error, or the handler asked to stop

const QUOTED_CLASSES = (() => {
  const t = new Uint8Array(256);
  t[QUOTE] = Q_QUOTE;
  t[CR] = Q_CR;
  t[LF] = Q_LF;
  return t;
})();

function delimiterByte(d: CsvDelimiter): number {
  if (d === ';') return 0x3b;
  if (d === ',') return 0x2c;
  if (d === '\t') return 0x09;
  throw new RangeError(`unsupported delimiter ${JSON.stringify(d)}`);
}

class RecordView implements CsvRecordView {
  bytes: Uint8Array;
  count = 0;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  line = 1;
  endLine = 1;
  offset = 0;
  constructor(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, flags: Uint8Array) {
    this.bytes = bytes;
    this.starts = starts;
    this.ends = ends;
    this.flags = flags;
  }
}

const INITIAL_BUFFER = 1 << 16;

export class CsvTokenizer {
  private readonly classes: Uint8Array;
  private readonly skipEmptyLines: boolean;
  private readonly relaxColumnCount: boolean;
  private readonly maxRecordSize: number;
  private readonly view: RecordView;

  private buf: Uint8Array = new Uint8Array(INITIAL_BUFFER);
  /** Valid bytes in `buf`. */
  private len = 0;
  /** Offset in the whole input of buf[0]. */
  private base = 0;
  /** Scan position. */
  private pos = 0;
  private state = S_FIELD;
  private recordDelimiter = RD_UNKNOWN;
  /** Line of the byte at `pos`. */
  private line = 1;
  private recordStart = 0;
  private recordLine = 1;
  private fieldStart = 0;
  /** Doubled quotes in the current quoted field. */
  private escapes = 0;
  private quoteLine = 0;
  private fieldCount = 0;
  private expectedFields = -1;
  private bomPending: boolean;
  private starts = new Int32Array(32);
  private ends = new Int32Array(32);
  private flags = new Uint8Array(32);
  private finished = false;
  private stopped = false;

  /** The first syntax error; the tokenizer stops at it. */
  error: CsvSyntaxError | null = null;
  /** Records handed to the callback. */
  records = 0;
  /** Empty lines skipped (skipEmptyLines). */
  emptyLines = 0;
  /** Whether a UTF-8 BOM was skipped. */
  bomSkipped = false;

  constructor(
    options: CsvTokenizerOptions,
    private readonly onRecord: CsvRecordHandler,
  ) {
    const t = new Uint8Array(256);
    t[delimiterByte(options.delimiter)] = K_DELIM;
    t[LF] = K_LF;
    t[CR] = K_CR;
    t[QUOTE] = K_QUOTE;
    this.classes = t;
    this.skipEmptyLines = options.skipEmptyLines ?? false;
    this.relaxColumnCount = options.relaxColumnCount ?? false;
    this.maxRecordSize = options.maxRecordSize ?? 0;
    this.bomPending = options.bom ?? true;
    if (options.recordDelimiter === 'any') this.recordDelimiter = RD_ANY;
    this.line = this.recordLine = options.startLine ?? 1;
    this.view = new RecordView(this.buf, this.starts, this.ends, this.flags);
  }

  /**
   * Lines in the input so far as an editor counts them, starting from `startLine` (a line break at the very end does
   * not start another line). After `end()`: the number of lines of the file.
   */
  get lineCount(): number {
    if (this.len === 0) return this.line - 1;
    const last = this.buf[this.len - 1];
    return last === CR || last === LF ? this.line - 1 : this.line;
  }

  /**
   * All bytes fed so far are tokenized and the last one ended a record with an LF (or CR LF): the next byte starts a
   * line outside any quoted field. What a reader needs to hand the rest of the input to others from this point.
   */
  get atLineStart(): boolean {
    return this.error === null && !this.done && this.state === S_FIELD && this.fieldCount === 0 && this.pos === this.len && this.len > 0 && this.buf[this.len - 1] === LF;
  }

  /** True once an error occurred, the handler returned false, or end() was called. */
  get done(): boolean {
    return this.finished || this.stopped || this.error !== null;
  }

  /** Feeds the next chunk. The bytes are copied; the caller may reuse the chunk. */
  push(chunk: Uint8Array): void {
    if (this.done || chunk.length === 0) return;
    const target = this.reserve(chunk.length);
    target.set(chunk);
    this.commit(chunk.length);
  }

  /**
   * Returns a writable view of at least `n` free bytes at the end of the internal buffer. Fill (part of) it, then
   * call `commit(bytesWritten)`. Lets a file reader read straight into the tokenizer.
   */
  reserve(n: number): Uint8Array {
    this.compact();
    const need = this.len + n + 1; // + the sentinel byte
    if (need > this.buf.length) {
      let cap = this.buf.length;
      while (cap < need) cap *= 2;
      const nb = new Uint8Array(cap);
      nb.set(this.buf.subarray(0, this.len));
      this.buf = nb;
      this.view.bytes = nb;
    }
    return this.buf.subarray(this.len, this.len + n);
  }

  /** Takes `n` bytes written into the view from `reserve()` and tokenizes what is complete. */
  commit(n: number): void {
    if (this.done) return;
    this.len += n;
    this.run(false);
  }

  /** Marks the end of input: emits the last record or reports an unclosed quote. */
  end(): void {
    if (this.done) return;
    this.run(true);
    this.finished = true;
  }

  /** Moves the unfinished record (plus one byte of history, for CR LF line counting) to the buffer start. */
  private compact(): void {
    const keep = this.recordStart > 0 ? this.recordStart - 1 : 0;
    if (keep === 0) return;
    const b = this.buf;
    b.copyWithin(0, keep, this.len);
    this.len -= keep;
    this.base += keep;
    this.pos -= keep;
    this.recordStart -= keep;
    this.fieldStart -= keep;
    const n = this.fieldCount;
    const starts = this.starts;
    const ends = this.ends;
    for (let f = 0; f < n; f++) {
      starts[f] = starts[f]! - keep;
      ends[f] = ends[f]! - keep;
    }
  }

  private growFields(): void {
    const cap = this.starts.length * 2;
    const s = new Int32Array(cap);
    s.set(this.starts);
    const e = new Int32Array(cap);
    e.set(this.ends);
    const f = new Uint8Array(cap);
    f.set(this.flags);
    this.starts = s;
    this.ends = e;
    this.flags = f;
    this.view.starts = s;
    this.view.ends = e;
    this.view.flags = f;
  }

  private run(final: boolean): void {
    if (this.bomPending) {
      if (this.len < 3 && !final) return;
      this.bomPending = false;
      const b = this.buf;
      if (this.len >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
        this.bomSkipped = true;
        this.pos = 3;
        this.recordStart = 3;
      }
    }
    // Sentinel: a byte after the data that stops every inner loop, so they need no bounds check
    // (`reserve` keeps one byte of room for it). Each loop checks `i >= len` once it stops.
    this.buf[this.len] = LF;
    this.scan(final);
  }

  /**
   * The state machine, one step per state, until the data ends (then: wait for the next chunk, or `finish`). The
   * state lives in the fields (`pos`, `state`, `line`, `fieldStart`, `fieldCount`, `recordDelimiter`); each step
   * copies what it needs into locals and writes it back before returning. Whenever a decision needs a byte that has
   * not arrived yet (CR → is LF next? quote → is a quote next?), a step stops *at* that byte (WAIT) and the scan
   * resumes there with the next chunk.
   */
  private scan(final: boolean): void {
    for (;;) {
      let step: number;
      const st = this.state;
      if (st === S_FIELD) {
        if (this.fieldCount === 0 && this.recordDelimiter !== RD_UNKNOWN && !this.simpleRecords()) return;
        step = this.startField(final);
      } else if (st === S_UNQUOTED) step = this.unquotedField(final);
      else if (st === S_QUOTED) step = this.quotedField(final);
      else step = this.afterQuote(final);
      if (step === STOP) return;
      if (step === WAIT) break;
    }
    if (!final) {
      // Bail out of a runaway record (an unclosed quote) early instead of buffering the rest of the file.
      if (this.maxRecordSize > 0) this.tooBig(this.fieldCount, this.pos);
      return;
    }
    this.finish();
  }

  /**
   * The fast lane, at the start of a record: whole records of unquoted fields ending in the file's record delimiter
   * — almost every line of a ledger export — one after another in one tight loop. It stops at the first record of
   * another shape (a quote, a CR or LF that is not simply the record delimiter, the end of the data), which the state
   * machine then reads from its start. False when the handler stopped the tokenizer (or an error did).
   */
  private simpleRecords(): boolean {
    const b = this.buf;
    const len = this.len;
    const cls = this.classes;
    const rd = this.recordDelimiter;
    let i = this.pos;
    let line = this.line;
    let starts = this.starts;
    let ends = this.ends;
    let flags = this.flags;
    while (b[i] !== QUOTE) {
      const start = i;
      let k = K_DATA;
      let m = 0;
      let f = i;
      for (;;) {
        while ((k = cls[b[i]!]!) === K_DATA) i++;
        if (k !== K_DELIM || i >= len) break;
        if (m === starts.length) {
          this.growFields();
          starts = this.starts;
          ends = this.ends;
          flags = this.flags;
        }
        starts[m] = f;
        ends[m] = i;
        flags[m] = 0;
        m++;
        f = ++i;
        if (b[i] === QUOTE) break;
      }
      let dl = 0;
      if (i < len) {
        if (k === K_LF) dl = rd === RD_LF || rd === RD_ANY ? 1 : 0;
        else if (k === K_CR) {
          if (i + 1 < len) {
            if (b[i + 1] === LF) dl = rd === RD_CRLF || rd === RD_ANY ? 2 : 0;
            else dl = rd === RD_CR || rd === RD_ANY ? 1 : 0;
          }
        }
      }
      if (dl === 0) {
        i = start; // not the simple shape (or not complete yet): the state machine reads it
        break;
      }
      if (m === starts.length) {
        this.growFields();
        starts = this.starts;
        ends = this.ends;
        flags = this.flags;
      }
      starts[m] = f;
      ends[m] = i;
      flags[m] = 0;
      if (!this.emit(m + 1, line, i)) return false;
      line++;
      i += dl;
      this.recordStart = i;
      this.recordLine = line;
    }
    this.pos = i;
    this.line = line;
    return true;
  }

  /** At the start of a field: a quote opens a quoted field, anything else an unquoted one; then reads it. */
  private startField(final: boolean): number {
    const i = this.pos;
    if (i >= this.len) return WAIT;
    if (this.buf[i] === QUOTE) {
      this.state = S_QUOTED;
      this.fieldStart = i + 1;
      this.escapes = 0;
      this.quoteLine = this.line;
      this.pos = i + 1;
      return this.quotedField(final);
    }
    this.state = S_UNQUOTED;
    this.fieldStart = i;
    return this.unquotedField(final);
  }

  /**
   * Inside an unquoted field: unquoted fields one after another until the record ends (handed over), a field opens
   * with a quote, a quote appears inside a field (INVALID_OPENING_QUOTE) or the data ends.
   */
  private unquotedField(final: boolean): number {
    const b = this.buf;
    const len = this.len;
    const cls = this.classes;
    let i = this.pos;
    let line = this.line;
    let fs = this.fieldStart;
    let n = this.fieldCount;
    for (;;) {
      let k = K_DATA;
      // The hot loop: unquoted fields one after another until something other than a delimiter.
      for (;;) {
        while ((k = cls[b[i]!]!) === K_DATA) i++;
        if (i >= len) {
          this.save(i, S_UNQUOTED, line, fs, n);
          return WAIT;
        }
        if (k !== K_DELIM) break;
        this.storeField(n++, fs, i, 0);
        i++;
        if (i >= len || b[i] === QUOTE) {
          this.save(i, S_FIELD, line, fs, n);
          return GO;
        }
        fs = i;
      }
      if (k === K_QUOTE) {
        // A quote after content in an unquoted field (a quote at the very start opens a quoted field instead).
        this.save(i, S_UNQUOTED, line, fs, n);
        if (this.maxRecordSize > 0 && this.tooBig(n, i)) return STOP;
        this.fail('INVALID_OPENING_QUOTE', line, n, i, {
          message: `Invalid Opening Quote: a quote is found on field ${n} at line ${line}`,
        });
        return STOP;
      }
      // CR or LF: record delimiter, or data if the file's record delimiter is of another kind.
      const dl = this.lineBreak(k, i, final);
      if (dl < 0) {
        this.save(i, S_UNQUOTED, line, fs, n);
        return WAIT;
      }
      if (dl === 0) {
        if (k === K_CR || b[i - 1] !== CR) line++;
        i++;
        continue;
      }
      this.storeField(n++, fs, i, 0);
      return this.endRecord(n, line, i, dl);
    }
  }

  /** Inside a quoted field: up to its closing quote (doubled quotes and line breaks are content), or the end of the data. */
  private quotedField(final: boolean): number {
    const b = this.buf;
    const len = this.len;
    const qcls = QUOTED_CLASSES;
    let i = this.pos;
    let line = this.line;
    for (;;) {
      let k = Q_DATA;
      while ((k = qcls[b[i]!]!) === Q_DATA) i++;
      if (i >= len) break;
      if (k === Q_CR) {
        line++;
        i++;
        continue;
      }
      if (k === Q_LF) {
        if (b[i - 1] !== CR) line++;
        i++;
        continue;
      }
      // A quote: doubled (escaped), or the closing one.
      if (i + 1 >= len) {
        if (!final) break;
      } else if (b[i + 1] === QUOTE) {
        this.escapes++;
        i += 2;
        continue;
      }
      const n = this.fieldCount;
      this.storeField(n, this.fieldStart, i, this.escapes > 0 ? FIELD_QUOTED | FIELD_ESCAPED : FIELD_QUOTED);
      this.save(i + 1, S_AFTER_QUOTE, line, this.fieldStart, n + 1);
      return this.afterQuote(final);
    }
    this.pos = i;
    this.line = line;
    return WAIT;
  }

  /** Right after a closing quote: a delimiter, the end of the record, or CSV_INVALID_CLOSING_QUOTE. */
  private afterQuote(final: boolean): number {
    const i = this.pos;
    if (i >= this.len) return WAIT;
    const c = this.buf[i]!;
    const k = this.classes[c]!;
    if (k === K_DELIM) {
      const next = i + 1;
      this.pos = next;
      if (next >= this.len || this.buf[next] === QUOTE) {
        this.state = S_FIELD;
        return GO;
      }
      // An unquoted field follows: read it here (it returns at the next quote, so the calls never nest deeper).
      this.state = S_UNQUOTED;
      this.fieldStart = next;
      return this.unquotedField(final);
    }
    const dl = this.lineBreak(k, i, final);
    if (dl < 0) return WAIT;
    const n = this.fieldCount;
    const line = this.line;
    if (dl === 0) {
      if (this.maxRecordSize > 0 && this.tooBig(n, i - 1, false)) return STOP;
      this.fail('CSV_INVALID_CLOSING_QUOTE', line, n - 1, i - 1, {
        message: `Invalid Closing Quote: got ${JSON.stringify(String.fromCharCode(c))} at line ${line} instead of delimiter or record delimiter`,
      });
      return STOP;
    }
    return this.endRecord(n, line, i, dl);
  }

  /**
   * A CR or LF at `i` outside quotes (`k`: its byte class; anything else is no line break): the length of the record
   * delimiter it starts (1 or 2), 0 when it is data (a line break of another kind than the file's record delimiter),
   * or -1 when the next byte must be seen first (a CR at the end of the data). The first line break met fixes the
   * file's record delimiter (`auto`).
   */
  private lineBreak(k: number, i: number, final: boolean): number {
    const rd = this.recordDelimiter;
    if (k === K_LF) {
      if (rd === RD_ANY) return 1;
      if (rd !== RD_LF && rd !== RD_UNKNOWN) return 0;
      this.recordDelimiter = RD_LF;
      return 1;
    }
    if (k !== K_CR || rd === RD_LF) return 0;
    if (rd === RD_CR) return 1;
    if (i + 1 >= this.len) {
      if (!final) return -1;
    } else if (this.buf[i + 1] === LF) {
      if (rd !== RD_ANY) this.recordDelimiter = RD_CRLF;
      return 2;
    }
    if (rd === RD_UNKNOWN) {
      this.recordDelimiter = RD_CR;
      return 1;
    }
    return rd === RD_ANY ? 1 : 0;
  }

  /** The record's last field ended at `i`, followed by a record delimiter of `dl` bytes: hands it over, starts the next. */
  private endRecord(n: number, line: number, i: number, dl: number): number {
    if (!this.emit(n, line, i)) return STOP;
    const next = i + dl;
    this.save(next, S_FIELD, line + 1, this.fieldStart, 0);
    this.recordStart = next;
    this.recordLine = line + 1;
    return GO;
  }

  /** Field `n` of the current record is bytes [start, end). */
  private storeField(n: number, start: number, end: number, flag: number): void {
    if (n === this.starts.length) this.growFields();
    this.starts[n] = start;
    this.ends[n] = end;
    this.flags[n] = flag;
  }

  private save(i: number, st: number, line: number, fs: number, n: number): void {
    this.pos = i;
    this.state = st;
    this.line = line;
    this.fieldStart = fs;
    this.fieldCount = n;
  }

  /** End of input: the last record without a line break, or an unclosed quote. */
  private finish(): void {
    const len = this.len;
    const n = this.fieldCount;
    const lastLine = this.lineOfLastByte();
    switch (this.state) {
      case S_QUOTED: {
        if (this.maxRecordSize > 0 && this.tooBig(n, len)) return;
        this.fail('CSV_QUOTE_NOT_CLOSED', lastLine, n, len, {
          quoteLine: this.quoteLine,
          message: `Quote Not Closed: the parsing is finished with an opening quote at line ${lastLine} (opened at line ${this.quoteLine})`,
        });
        return;
      }
      case S_UNQUOTED:
        this.pushField(this.fieldStart, len, 0);
        break;
      case S_FIELD:
        if (n === 0) return; // nothing after the last line break
        this.pushField(len, len, 0); // "a;" at the end: a last, empty field
        break;
      default: // S_AFTER_QUOTE: the field is already stored
        break;
    }
    this.emit(this.fieldCount, lastLine, len);
  }

  private pushField(start: number, end: number, flag: number): void {
    this.storeField(this.fieldCount, start, end, flag);
    this.fieldCount++;
  }


  /**
   * Line of the last byte of the input, the line csv-parse reports at the end of the data. A line break at the very
   * end does not start a new line; for a final CR LF csv-parse has already counted the CR (`auto`), while on text
   * normalised to LF (`any`) it is one break like any other.
   */
  private lineOfLastByte(): number {
    const b = this.buf;
    const len = this.len;
    if (len === 0) return this.line;
    const last = b[len - 1];
    if (last === CR) return this.line - 1;
    if (last === LF) {
      if (len < 2 || b[len - 2] !== CR) return this.line - 1;
      if (this.recordDelimiter === RD_ANY) return this.line - 1;
    }
    return this.line;
  }

  /** Line of byte `p` of the current record (p ≥ recordStart). */
  private lineAt(p: number): number {
    const b = this.buf;
    let line = this.recordLine;
    for (let q = this.recordStart; q < p; q++) {
      const c = b[q];
      if (c === CR) line++;
      else if (c === LF && (q === 0 || b[q - 1] !== CR)) line++;
    }
    return line;
  }

  /**
   * maxRecordSize: whether the current record is too large, counting its `n` finished fields and, when the scan is
   * inside a field (`inField` and the saved state says so), that field's content up to byte `to`. Records the error (at csv-parse's position: the content
   * byte after the first one past the limit) and returns true if so. Cheap when the raw record is short enough.
   */
  private tooBig(n: number, to: number, inField = true): boolean {
    const max = this.maxRecordSize;
    if (to - this.recordStart <= max + 1) return false; // content never exceeds the raw bytes
    let content = 0;
    for (let f = 0; f < n; f++) {
      const quoted = (this.flags[f]! & FIELD_QUOTED) !== 0;
      const p = this.contentPosition(this.starts[f]!, this.ends[f]!, quoted, max + 2 - content);
      if (p >= 0) return this.failTooBig(f, p);
      content += this.contentLength(this.starts[f]!, this.ends[f]!, quoted);
    }
    if (inField && (this.state === S_QUOTED || this.state === S_UNQUOTED)) {
      const p = this.contentPosition(this.fieldStart, Math.max(to, this.fieldStart), this.state === S_QUOTED, max + 2 - content);
      if (p >= 0) return this.failTooBig(n, p);
    }
    return false;
  }

  private contentLength(from: number, to: number, quoted: boolean): number {
    if (!quoted) return to - from;
    let n = 0;
    for (let q = from; q < to; q++) {
      if (this.buf[q] === QUOTE) q++;
      n++;
    }
    return n;
  }

  /** Position of the `need`-th (1-based) content byte of the field [from, to), or -1. */
  private contentPosition(from: number, to: number, quoted: boolean, need: number): number {
    if (need <= 0) return from;
    const b = this.buf;
    for (let q = from; q < to; q++) {
      if (quoted && b[q] === QUOTE) q++; // first quote of a doubled pair; the second one is the content byte
      if (q >= to) return -1;
      if (--need === 0) return q;
    }
    return -1;
  }

  private failTooBig(field: number, p: number): true {
    const line = this.lineAt(p);
    this.fail('CSV_MAX_RECORD_SIZE', line, field, p, {
      message: `Max Record Size: record exceed the maximum number of tolerated bytes of ${this.maxRecordSize} at line ${line}`,
    });
    return true;
  }

  /** Hands the finished record to the callback; false = stop. */
  private emit(n: number, endLine: number, i: number): boolean {
    if (this.maxRecordSize > 0 && i - this.recordStart > this.maxRecordSize + 1 && this.tooBig(n, i, false)) return false;
    if (this.skipEmptyLines && n === 1 && this.starts[0] === this.ends[0] && this.flags[0] === 0) {
      this.emptyLines++;
      return true;
    }
    if (!this.relaxColumnCount) {
      if (this.expectedFields < 0) this.expectedFields = n;
      else if (n !== this.expectedFields) {
        this.fail('CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', endLine, n - 1, i, {
          expected: this.expectedFields,
          got: n,
          message: `Invalid Record Length: expect ${this.expectedFields}, got ${n} on line ${endLine}`,
        });
        return false;
      }
    }
    const v = this.view;
    v.count = n;
    v.line = this.recordLine;
    v.endLine = endLine;
    v.offset = this.base + this.recordStart;
    this.records++;
    if (this.onRecord(v) === false) {
      this.stopped = true;
      return false;
    }
    return true;
  }

  private fail(
    code: CsvErrorCode,
    line: number,
    field: number,
    at: number,
    extra: { message: string; quoteLine?: number; expected?: number; got?: number },
  ): void {
    this.error = {
      code,
      line,
      recordLine: this.recordLine,
      field,
      offset: this.base + at,
      ...extra,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding

/** Windows-1252 bytes 0x80–0x9F (the rest is Latin-1). Undefined bytes decode to U+FFFD, as iconv-lite does. */
const CP1252_HIGH = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd,
  0x017d, 0xfffd, 0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0xfffd, 0x017e, 0x0178,
];

/** Windows-1252 → Unicode code point, all 256 bytes. */
export const CP1252_TABLE: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) t[i] = i;
  for (let i = 0; i < 32; i++) t[0x80 + i] = CP1252_HIGH[i]!;
  return t;
})();

/** Decodes bytes [start, end) as Windows-1252 with the 256-entry table. */
export function decodeCp1252(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  let runStart = start;
  // Runs of ASCII/Latin-1 go through String.fromCharCode in slices; only 0x80–0x9F need the table.
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c >= 0x80 && c <= 0x9f) {
      if (i > runStart) s += latin1(bytes, runStart, i);
      s += String.fromCharCode(CP1252_TABLE[c]!);
      runStart = i + 1;
    }
  }
  if (end > runStart) s += latin1(bytes, runStart, end);
  return s;
}

const CHUNK = 4096;
function latin1(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= CHUNK) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  let s = '';
  for (let i = start; i < end; i += CHUNK) s += latin1(bytes, i, Math.min(end, i + CHUNK));
  return s;
}

const utf8Decoder = new TextDecoder('utf-8');
/** Decodes bytes [start, end) as UTF-8 (invalid sequences become U+FFFD; validate the file separately). */
export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return utf8Decoder.decode(bytes.subarray(start, end));
}

export type ByteDecoder = (bytes: Uint8Array, start: number, end: number) => string;

/** The text of field `i` of a record: decoded, doubled quotes undone. */
export function fieldText(record: CsvRecordView, i: number, decode: ByteDecoder): string {
  const s = decode(record.bytes, record.starts[i]!, record.ends[i]!);
  return (record.flags[i]! & FIELD_ESCAPED) !== 0 ? s.replaceAll('""', '"') : s;
}

export interface ParsedCsvRecord {
  readonly fields: string[];
  readonly line: number;
  readonly endLine: number;
}

export interface ParsedCsv {
  readonly records: ParsedCsvRecord[];
  readonly error: CsvSyntaxError | null;
  readonly emptyLines: number;
  readonly bomSkipped: boolean;
}

/**
 * Tokenizes a whole input (one buffer or chunks) into string records. For tests and small files; the ledger reader
 * uses `CsvTokenizer` directly and decodes only the fields it needs.
 */
export function parseCsvBytes(
  input: Uint8Array | Iterable<Uint8Array>,
  options: CsvTokenizerOptions,
  decode: ByteDecoder = decodeUtf8,
): ParsedCsv {
  const records: ParsedCsvRecord[] = [];
  const tok = new CsvTokenizer(options, (rec) => {
    const fields: string[] = new Array<string>(rec.count);
    for (let f = 0; f < rec.count; f++) fields[f] = fieldText(rec, f, decode);
    records.push({ fields, line: rec.line, endLine: rec.endLine });
  });
  if (input instanceof Uint8Array) tok.push(input);
  else for (const chunk of input) tok.push(chunk);
  tok.end();
  return { records, error: tok.error, emptyLines: tok.emptyLines, bomSkipped: tok.bomSkipped };
}
