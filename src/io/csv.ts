import { CsvError, parse } from 'csv-parse/sync';
import { Parser } from 'csv-parse';
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import { isEmptyLine, MAX_RESUMPTIONS, ResumptionCounter } from './csv-compat.js';
import { CsvTokenizer, FIELD_ESCAPED, type CsvRecordView } from './fast-csv.js';

/**
 * CSV structure on top of csv-parse. csv-parse is strict here (no `relax_quotes`, `relax_column_count` or
 * `skip_records_with_error`): a stray quote or a row with the wrong number of fields is an error, never a silent
 * repair. Two things csv-parse does not give us are added:
 *
 * - the line where a record *starts* (csv-parse reports where it ends; a quoted field may span lines). We count
 *   from the previous record's end plus the empty lines csv-parse skipped in between;
 * - recovery: csv-parse stops at the first error. After a row-level error (wrong field count, stray quote) we
 *   resume on the next line with a fresh parser, so one bad row does not hide the others. Errors that run to the
 *   end of the file (unclosed quote, runaway record) stop the parse. The number of resumptions is bounded.
 *
 * Line endings: LF, CRLF and lone CR are normalised to LF first (`normaliseNewlines`), so all three give identical
 * records and line numbers (a newline inside a quoted field becomes LF too).
 *
 * Speed: csv-parse is the definition, but a text that reads without any problem is tokenized by the byte tokenizer
 * (io/fast-csv.ts) instead, several times faster, with the same records and blank lines (`parseCsvFast`; tests/io/
 * compares the two on fixtures and generated files). Every source read through `readTable` gets it, and so does a
 * table streamed in chunks (`CsvStream` below, for `streamCsvTable`: the general ledger reader, the HR extracts).
 */

export type Delimiter = ';' | ',' | '\t';
export const DELIMITERS: readonly Delimiter[] = [';', '\t', ','];

export interface CsvRecord {
  /** 1-based line where the record starts, as a text editor shows it. */
  readonly line: number;
  readonly fields: string[];
}

export interface CsvOptions {
  readonly delimiter: Delimiter;
  readonly displayName: string;
  /** 1-based line to start at (the header line); earlier lines (titles) are not parsed. Default 1. */
  readonly startLine?: number;
  /** Longest record in characters (a runaway quote otherwise swallows the rest of the file). */
  readonly maxRecordSize?: number;
  /** Structural errors after which parsing stops. */
  readonly maxErrors?: number;
}

export interface CsvResult {
  /** Records in file order, including ones whose field count differs from the first (the caller checks). */
  readonly records: CsvRecord[];
  /** Lines that are empty, whitespace-only or only delimiters, in file order. Not in `records`. */
  readonly blankLines: number[];
  /** Number of lines in the text. */
  readonly lineCount: number;
  readonly diagnostics: Diagnostic[];
  /** False when a structural error stopped the parse before the end of the file. */
  readonly complete: boolean;
}

export const DEFAULT_MAX_RECORD_SIZE = 1024 * 1024;
const DEFAULT_MAX_ERRORS = 50;
const WHITESPACE_LINE = /^[ \t\u00a0]+$/m;
const WHITESPACE_LINES = /^[ \t\u00a0]+$/gm;

/** CRLF and lone CR → LF. Returns the same string when there is no CR. */
export function normaliseNewlines(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

/** Number of lines in LF-normalised text (a final newline ends the last line; it does not start a new one). */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  let i = -1;
  while ((i = text.indexOf('\n', i + 1)) >= 0) n++;
  return text.endsWith('\n') ? n : n + 1;
}

/** Character offset where 1-based `line` starts in LF-normalised text (text.length when beyond the end). */
export function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return offset;
}

/**
 * Splits one physical line into fields, honouring double quotes. Used only to look for the header among the first
 * lines (title lines above it are not CSV and must not be fed to the strict parser). Never throws.
 */
export function splitLine(line: string, delimiter: Delimiter): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let atFieldStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      atFieldStart = true;
      continue;
    } else if (c === '"' && atFieldStart) inQuotes = true;
    else field += c;
    atFieldStart = false;
  }
  fields.push(field);
  return fields;
}

/** The delimiter occurring most often outside quotes in a line, or null when none occurs. */
export function guessDelimiter(line: string): Delimiter | null {
  let best: Delimiter | null = null;
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = splitLine(line, d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function isBlankRecord(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

/**
 * Parses LF-normalised text (see `normaliseNewlines`). Text that reads without any problem goes through the byte
 * tokenizer (io/fast-csv.ts, `parseCsvFast`), anything else — and anything it cannot promise to read exactly as
 * csv-parse does — through csv-parse (`parseCsvStrict`), which also makes the diagnostics. The result is the same.
 */
export function parseCsv(input: string, options: CsvOptions): CsvResult {
  const text = emptyWhitespaceLines(input);
  return tokenize(text, options) ?? parseStrict(text, options);
}

/**
 * Whitespace-only lines become empty lines (same line numbers), which csv-parse skips and counts, instead of
 * one-field records that would each cost a resumption. (Inside a quoted multi-line text such a line loses its
 * spaces; codes and amounts cannot be affected.)
 */
function emptyWhitespaceLines(input: string): string {
  return WHITESPACE_LINE.test(input) ? input.replace(WHITESPACE_LINES, '') : input;
}

/**
 * `parseCsv` through the byte tokenizer, on the text as UTF-8: the same records, blank lines and line count as
 * csv-parse gives, without a diagnostic. Null when the text needs csv-parse (`parseCsvStrict`): a quote error, a
 * runaway record, or more changes of field count than `parseCsv` resumes after.
 */
export function parseCsvFast(input: string, options: CsvOptions): CsvResult | null {
  return tokenize(emptyWhitespaceLines(input), options);
}

/** The delimiters the byte tokenizer reads; any other goes to csv-parse, which reports it. */
const TOKENIZER_DELIMITERS: ReadonlySet<string> = new Set([';', ',', '\t']);

function tokenize(text: string, options: CsvOptions): CsvResult | null {
  if (!TOKENIZER_DELIMITERS.has(options.delimiter)) return null;
  const startLine = options.startLine ?? 1;
  const records: CsvRecord[] = [];
  const blankLines: number[] = [];
  let gaveUp = false;
  const onRecord = recordsTo({ record: (line, fields) => records.push({ line, fields }), blank: (line) => blankLines.push(line) }, () => (gaveUp = true));
  const tok = new CsvTokenizer(
    {
      delimiter: options.delimiter,
      recordDelimiter: 'any',
      relaxColumnCount: true,
      bom: false,
      // In UTF-8 bytes, never fewer than csv-parse counts: what passes here passes there.
      maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE,
      startLine,
    },
    onRecord,
  );
  tok.push(Buffer.from(text.slice(offsetOfLine(text, startLine)), 'utf8'));
  tok.end();
  if (tok.error || gaveUp) return null;
  return { records, blankLines, lineCount: countLines(text), diagnostics: [], complete: true };
}

/**
 * The byte tokenizer's records as `parseCsv` reads them, into `sink`: an empty line or a record of blank fields is a
 * blank line, any other a record of decoded fields. After more changes of field count than csv-parse resumes after,
 * `giveUp` is called and the tokenizer stopped (the text then needs csv-parse). Used whole (`tokenize`) and streamed
 * (`CsvStream`).
 */
function recordsTo(sink: CsvStreamSink, giveUp: () => void): (rec: CsvRecordView) => boolean {
  const resumptions = new ResumptionCounter(() => true);
  const field = new FieldDecoder();
  return (rec) => {
    if (!resumptions.count(rec)) {
      giveUp();
      return false;
    }
    if (isEmptyLine(rec)) {
      sink.blank(rec.line);
      return true;
    }
    const fields = new Array<string>(rec.count);
    for (let f = 0; f < rec.count; f++) fields[f] = field.text(rec, f);
    if (isBlankRecord(fields)) sink.blank(rec.line);
    else sink.record(rec.line, fields);
    return true;
  };
}

/** Field text from the tokenizer's UTF-8 bytes, through a Buffer view of its current buffer. */
class FieldDecoder {
  private bytes: Uint8Array | null = null;
  private view: Buffer = Buffer.alloc(0);

  text(rec: CsvRecordView, f: number): string {
    if (rec.bytes !== this.bytes) {
      this.bytes = rec.bytes;
      this.view = Buffer.from(rec.bytes.buffer, rec.bytes.byteOffset, rec.bytes.byteLength);
    }
    const s = this.view.toString('utf8', rec.starts[f]!, rec.ends[f]!);
    return (rec.flags[f]! & FIELD_ESCAPED) !== 0 ? s.replaceAll('""', '"') : s;
  }
}

/** `parseCsv` through csv-parse, with the line numbers and the recovery described at the top of this file. */
export function parseCsvStrict(input: string, options: CsvOptions): CsvResult {
  return parseStrict(emptyWhitespaceLines(input), options);
}

function parseStrict(text: string, options: CsvOptions): CsvResult {
  const file = options.displayName;
  const maxRecordSize = options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  const records: CsvRecord[] = [];
  const blankLines: number[] = [];
  const diagnostics: Diagnostic[] = [];
  const lineCount = countLines(text);

  let startLine = options.startLine ?? 1;
  let offset = offsetOfLine(text, startLine);
  let errors = 0;
  let resumptions = 0;
  let complete = true;

  while (startLine <= lineCount) {
    const base = startLine - 1; // lines before the slice
    let prevEnd = base;
    let prevEmpty = 0;
    const noteGap = (recordStart: number): void => {
      for (let l = prevEnd + 1; l < recordStart; l++) blankLines.push(l);
    };
    let resumeAt = -1;
    try {
      parse(text.slice(offset), {
        delimiter: options.delimiter,
        record_delimiter: '\n',
        quote: '"',
        escape: '"',
        skip_empty_lines: true,
        max_record_size: maxRecordSize,
        relax_quotes: false,
        relax_column_count: false,
        skip_records_with_error: false,
        on_record: (record: string[], context) => {
          const start = prevEnd + 1 + (context.empty_lines - prevEmpty);
          noteGap(start);
          prevEnd = base + context.lines;
          prevEmpty = context.empty_lines;
          if (isBlankRecord(record)) blankLines.push(start);
          else records.push({ line: start, fields: record });
          return null; // keep nothing in csv-parse's own output
        },
      });
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      const info = err as CsvError & { lines?: number; empty_lines?: number; record?: string[]; field?: string };
      const errEnd = base + (info.lines ?? 0);
      const skipped = (info.empty_lines ?? prevEmpty) - prevEmpty;
      const start = Math.max(prevEnd + 1, Math.min(prevEnd + 1 + skipped, errEnd));
      noteGap(start);
      switch (err.code) {
        case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
        case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
          // Not an error by itself: the caller compares every record with the header. csv-parse compares with the
          // first record of this pass, which after a resumption may be the odd one.
          const fields = info.record ?? [];
          if (isBlankRecord(fields)) blankLines.push(start);
          else records.push({ line: start, fields });
          resumeAt = errEnd + 1;
          break;
        }
        case 'INVALID_OPENING_QUOTE':
        case 'CSV_INVALID_CLOSING_QUOTE': {
          const line = errEnd;
          const lineText = text.slice(offsetOfLine(text, line), offsetOfLine(text, line + 1)).replace(/\n$/, '');
          const code = err.code === 'INVALID_OPENING_QUOTE' ? 'csv.invalid-opening-quote' : 'csv.invalid-closing-quote';
          const value = fieldWithQuote(lineText, options.delimiter);
          diagnostics.push(diag(code, { value }, { file, row: line }, value));
          errors++;
          resumeAt = line + 1;
          break;
        }
        case 'CSV_QUOTE_NOT_CLOSED': {
          const openLine = findUnclosedQuoteLine(text, offsetOfLine(text, start), options.delimiter) ?? start;
          const endLine = lineCount;
          const excerpt = text.slice(offsetOfLine(text, openLine), offsetOfLine(text, openLine + 1)).replace(/\n$/, '').slice(0, 120);
          diagnostics.push(diag('csv.quote-not-closed', { openLine, endLine, value: excerpt }, { file, row: openLine }, excerpt));
          complete = false;
          break;
        }
        case 'CSV_MAX_RECORD_SIZE': {
          const value = text.slice(offsetOfLine(text, start), offsetOfLine(text, start) + 40).split('\n')[0]!;
          diagnostics.push(diag('csv.max-record-size', { line: start, limit: maxRecordSize, value }, { file, row: start }, value));
          complete = false;
          break;
        }
        default:
          diagnostics.push(diag('csv.parse-error', { code: err.code, detail: err.message }, { file, row: start }));
          complete = false;
      }
      if (resumeAt > 0 && (errors >= maxErrors || ++resumptions > MAX_RESUMPTIONS)) {
        diagnostics.push(diag('csv.too-many-errors', { count: Math.max(errors, resumptions) }, { file, row: start }));
        complete = false;
        resumeAt = -1;
      }
    }
    if (resumeAt < 0) {
      if (complete) {
        // Empty lines after the last record: csv-parse skipped them without a record to attach them to.
        for (let l = prevEnd + 1; l <= lineCount; l++) blankLines.push(l);
      }
      break;
    }
    // Advance from the current pass's start rather than scanning from the top again.
    for (let l = startLine; l < resumeAt && offset < text.length; l++) {
      const nl = text.indexOf('\n', offset);
      offset = nl < 0 ? text.length : nl + 1;
    }
    startLine = resumeAt;
  }
  return { records, blankLines, lineCount, diagnostics, complete };
}

/** The field of a line that contains a misplaced quote, for the message. */
function fieldWithQuote(line: string, delimiter: Delimiter): string {
  for (const part of line.split(delimiter)) if (part.includes('"')) return part;
  return line;
}

/**
 * Finds the line where the quote that never closes was opened, scanning one record from `from`: a quote opens only
 * at the start of a field; `""` inside a quoted field is an escaped quote.
 */
function findUnclosedQuoteLine(text: string, from: number, delimiter: Delimiter): number | null {
  let line = 1;
  for (let i = 0; i < from; i++) if (text.charCodeAt(i) === 10) line++;
  let inQuotes = false;
  let atFieldStart = true;
  let openedAt = -1;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      } else if (c === '\n') line++;
      continue;
    }
    if (c === '"' && atFieldStart) {
      inQuotes = true;
      openedAt = line;
      atFieldStart = false;
      continue;
    }
    if (c === '\n') line++;
    atFieldStart = c === delimiter || c === '\n';
  }
  return inQuotes ? openedAt : null;
}

// --- streaming ------------------------------------------------------------------------------------------------

/** Where `CsvStream` hands what it reads: records (not blank) and blank lines, in line order. */
export interface CsvStreamSink {
  record(line: number, fields: string[]): void;
  blank(line: number): void;
}

/**
 * `parseCsv` for text that arrives in pieces and is never held whole: the same records, blank lines and diagnostics,
 * handed to the sink as they are read. The text comes from `startLine` on, LF-normalised, in pieces of complete
 * lines (the last piece may end without a line break).
 *
 * `parseCsv` tokenizes a text with the byte tokenizer when it can and with csv-parse otherwise; which one is known only
 * at the end of the text. So this reads with one of them, as the caller says: `strict: false` is the byte tokenizer,
 * and when it cannot read the text as csv-parse does, `failed` turns true and the caller reads the whole text again
 * with `strict: true` (what it handed on must be dropped). With `strict: true` it is `parseCsvStrict`, resumptions
 * included, keeping only the text from the start of the record being read (a record is at most `maxRecordSize`).
 */
export class CsvStream {
  /** `strict: false` only: the text needs csv-parse; read it again with `strict: true`. */
  failed = false;
  readonly diagnostics: Diagnostic[] = [];
  private lines = 0;
  private lastChar = 10;
  private readonly tok: CsvTokenizer | null = null;
  private gaveUp = false;
  private readonly strict: StrictState | null = null;

  constructor(
    private readonly options: CsvOptions,
    strict: boolean,
    private readonly sink: CsvStreamSink,
  ) {
    const startLine = options.startLine ?? 1;
    if (!strict && !TOKENIZER_DELIMITERS.has(options.delimiter)) strict = true;
    if (!strict) {
      this.tok = new CsvTokenizer(
        { delimiter: options.delimiter, recordDelimiter: 'any', relaxColumnCount: true, bom: false, maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, startLine },
        recordsTo(sink, () => (this.gaveUp = true)),
      );
    } else {
      this.strict = new StrictState(options, sink, this.diagnostics, startLine);
    }
  }

  /** Number of lines of the text so far, from line 1 (`countLines` of the whole text at the end). */
  get lineCount(): number {
    const start = (this.options.startLine ?? 1) - 1;
    return start + this.lines + (this.lastChar !== 10 ? 1 : 0);
  }

  /** The next piece of text (complete lines). */
  push(piece: string): void {
    if (piece === '') return;
    let n = 0;
    for (let i = piece.indexOf('\n'); i >= 0; i = piece.indexOf('\n', i + 1)) n++;
    this.lines += n;
    this.lastChar = piece.charCodeAt(piece.length - 1);
    if (this.failed) return;
    const text = emptyWhitespaceLines(piece);
    if (this.tok) {
      this.tok.push(Buffer.from(text, 'utf8'));
      if (this.tok.error || this.gaveUp) this.failed = true;
    } else this.strict!.push(text);
  }

  /** End of the text. */
  end(): void {
    if (this.failed) return;
    if (this.tok) {
      this.tok.end();
      if (this.tok.error || this.gaveUp) this.failed = true;
    } else this.strict!.end(this.lineCount);
  }
}

/**
 * `parseStrict` over pieces of text: one csv-parse parser per pass (a pass ends at a row-level error and the next
 * starts on the following line, as there), fed piece by piece. `window` holds the text from the line after the last
 * record on — what a resumption, or a message quoting a line, may need.
 */
class StrictState {
  private readonly file: string;
  private readonly maxRecordSize: number;
  private readonly maxErrors: number;
  private errors = 0;
  private resumptions = 0;
  private complete = true;
  private stopped = false;
  // The current pass.
  private base = 0;
  private prevEnd = 0;
  private prevEmpty = 0;
  private api: CsvParseApi | null = null;
  /** Text from line `windowLine` on. */
  private window = '';
  private windowLine = 1;

  constructor(
    private readonly options: CsvOptions,
    private readonly sink: CsvStreamSink,
    private readonly diagnostics: Diagnostic[],
    startLine: number,
  ) {
    this.file = options.displayName;
    this.maxRecordSize = options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
    this.maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
    this.windowLine = startLine;
    this.startPass(startLine);
  }

  push(text: string): void {
    if (this.stopped) return;
    this.window += text;
    this.feed(text, false, 0);
    this.trimWindow();
  }

  end(lineCount: number): void {
    if (this.stopped) return;
    this.feed(undefined, true, lineCount);
  }

  private startPass(startLine: number): void {
    this.base = startLine - 1;
    this.prevEnd = this.base;
    this.prevEmpty = 0;
    this.api = newCsvParseApi({
      delimiter: this.options.delimiter,
      record_delimiter: '\n',
      quote: '"',
      escape: '"',
      skip_empty_lines: true,
      max_record_size: this.maxRecordSize,
      relax_quotes: false,
      relax_column_count: false,
      skip_records_with_error: false,
      on_record: (record: string[], context: { lines: number; empty_lines: number }) => {
        const start = this.prevEnd + 1 + (context.empty_lines - this.prevEmpty);
        this.noteGap(start);
        this.prevEnd = this.base + context.lines;
        this.prevEmpty = context.empty_lines;
        if (isBlankRecord(record)) this.sink.blank(start);
        else this.sink.record(start, record);
        return null;
      },
    });
  }

  private noteGap(recordStart: number): void {
    for (let l = this.prevEnd + 1; l < recordStart; l++) this.sink.blank(l);
  }

  /** Text (or the end, `text` undefined) into the current parser; on an error, what `parseStrict` does. */
  private feed(text: string | undefined, end: boolean, lineCount: number): void {
    for (;;) {
      const err = this.api!.parse(text === undefined ? undefined : Buffer.from(text, 'utf8'), end, () => {}, () => {});
      if (err === undefined) {
        if (end) {
          // Empty lines after the last record: csv-parse skipped them without a record to attach them to.
          for (let l = this.prevEnd + 1; l <= lineCount; l++) this.sink.blank(l);
        }
        return;
      }
      const resumeAt = this.onError(err, lineCount);
      if (resumeAt < 0) {
        this.stopped = true;
        this.window = '';
        return;
      }
      // A fresh parser from the line after the error, on the text from there that the old one had been given.
      this.startPass(resumeAt);
      const from = this.lineOffset(resumeAt);
      text = this.window.slice(from);
      this.window = text;
      this.windowLine = Math.max(resumeAt, this.windowLine);
      if (text === '' && !end) return;
    }
  }

  /** The error's diagnostic; the line to resume at, or -1 when the parse stops. */
  private onError(error: unknown, lineCount: number): number {
    if (!(error instanceof CsvError)) throw error;
    const file = this.file;
    const info = error as CsvError & { lines?: number; empty_lines?: number; record?: string[] };
    const errEnd = this.base + (info.lines ?? 0);
    const skipped = (info.empty_lines ?? this.prevEmpty) - this.prevEmpty;
    const start = Math.max(this.prevEnd + 1, Math.min(this.prevEnd + 1 + skipped, errEnd));
    this.noteGap(start);
    let resumeAt = -1;
    switch (error.code) {
      case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
        const fields = info.record ?? [];
        if (isBlankRecord(fields)) this.sink.blank(start);
        else this.sink.record(start, fields);
        resumeAt = errEnd + 1;
        break;
      }
      case 'INVALID_OPENING_QUOTE':
      case 'CSV_INVALID_CLOSING_QUOTE': {
        const line = errEnd;
        const lineText = this.lineText(line);
        const code = error.code === 'INVALID_OPENING_QUOTE' ? 'csv.invalid-opening-quote' : 'csv.invalid-closing-quote';
        const value = fieldWithQuote(lineText, this.options.delimiter);
        this.diagnostics.push(diag(code, { value }, { file, row: line }, value));
        this.errors++;
        resumeAt = line + 1;
        break;
      }
      case 'CSV_QUOTE_NOT_CLOSED': {
        const from = this.lineOffset(start);
        const open = findUnclosedQuoteLine(this.window, from, this.options.delimiter);
        const openLine = open === null ? start : open + this.windowLine - 1;
        const excerpt = this.lineText(openLine).slice(0, 120);
        this.diagnostics.push(diag('csv.quote-not-closed', { openLine, endLine: lineCount, value: excerpt }, { file, row: openLine }, excerpt));
        this.complete = false;
        break;
      }
      case 'CSV_MAX_RECORD_SIZE': {
        const value = this.window.slice(this.lineOffset(start), this.lineOffset(start) + 40).split('\n')[0]!;
        this.diagnostics.push(diag('csv.max-record-size', { line: start, limit: this.maxRecordSize, value }, { file, row: start }, value));
        this.complete = false;
        break;
      }
      default:
        this.diagnostics.push(diag('csv.parse-error', { code: error.code, detail: error.message }, { file, row: start }));
        this.complete = false;
    }
    if (resumeAt > 0 && (this.errors >= this.maxErrors || ++this.resumptions > MAX_RESUMPTIONS)) {
      this.diagnostics.push(diag('csv.too-many-errors', { count: Math.max(this.errors, this.resumptions) }, { file, row: start }));
      this.complete = false;
      resumeAt = -1;
    }
    return resumeAt;
  }

  /** Character offset in `window` where a line starts (its length when beyond). */
  private lineOffset(line: number): number {
    return offsetOfLine(this.window, line - this.windowLine + 1);
  }

  /** A line's text, without its line break. */
  private lineText(line: number): string {
    return this.window.slice(this.lineOffset(line), this.lineOffset(line + 1)).replace(/\n$/, '');
  }

  /** Drops the window's lines before the line after the last record (nothing before it is needed again). */
  private trimWindow(): void {
    const keepFrom = this.prevEnd + 1;
    if (keepFrom <= this.windowLine) return;
    this.window = this.window.slice(this.lineOffset(keepFrom));
    this.windowLine = keepFrom;
  }
}

/** csv-parse's parser core (what `csv-parse/sync` runs), fed piece by piece. */
interface CsvParseApi {
  parse(buf: Buffer | undefined, end: boolean, push: (record: unknown) => void, close: () => void): Error | undefined;
}

function newCsvParseApi(options: Record<string, unknown>): CsvParseApi {
  return (new Parser(options) as unknown as { api: CsvParseApi }).api;
}
