import type { CsvRecordView } from './fast-csv.js';

/** Resumptions after row-level problems before `parseCsv` gives up (each re-parses the rest of the file). */
export const MAX_RESUMPTIONS = 200;

/**
 * What `parseCsv` (io/csv.ts: csv-parse on text whose line breaks are normalised to LF and whose whitespace-only
 * lines are emptied first) makes of the records of the byte tokenizer (io/fast-csv.ts with `recordDelimiter: 'any'`
 * and `relaxColumnCount`). A reader that tokenizes bytes uses these to give `parseCsv`'s fields, blank lines and
 * give-up point; the differential tests in tests/fast/ hold the two together.
 */

/**
 * A field's text as `parseCsv` produces it: line breaks normalised to LF, and lines that hold only spaces, tabs or
 * NBSP emptied — inside a quoted multi-line field those are the interior lines (the first and last line of the
 * field also hold its quotes).
 */
export function normaliseFieldText(t: string): string {
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  if (t.includes('\n')) t = t.replace(/(?<=\n)[ \t\u00a0]+(?=\n)/g, '');
  return t;
}

/** Bytes [s, e) are only spaces, tabs and NBSP (0xA0 in Windows-1252, C2 A0 in UTF-8), at least one. */
export function isWhitespaceLine(b: Uint8Array, s: number, e: number, utf8: boolean): boolean {
  if (s >= e) return false;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === 0x20 || c === 0x09) continue;
    if (!utf8 && c === 0xa0) continue;
    if (utf8 && c === 0xc2 && b[i + 1] === 0xa0 && i + 1 < e) {
      i++;
      continue;
    }
    return false;
  }
  return true;
}

/** An empty line: csv-parse skips it (`skip_empty_lines`) and it is no record at all. */
export function isEmptyLine(rec: CsvRecordView): boolean {
  return rec.count === 1 && rec.starts[0] === rec.ends[0] && rec.flags[0] === 0;
}

/** A line of only spaces, tabs and NBSP, without quotes: `parseCsv` empties it before parsing (an empty line). */
export function isWhitespaceOnlyLine(rec: CsvRecordView, utf8: boolean): boolean {
  const last = rec.count - 1;
  for (let f = 0; f <= last; f++) if (rec.flags[f] !== 0) return false;
  return rec.line === rec.endLine && isWhitespaceLine(rec.bytes, rec.starts[0]!, rec.ends[last]!, utf8);
}

/**
 * `parseCsv` parses with csv-parse in strict mode: the first record of a pass sets the field count, a record with
 * another count ends the pass and parsing resumes on the next line (a "resumption"); after `MAX_RESUMPTIONS` it
 * gives up (`csv.too-many-errors`). Empty and whitespace-only lines are not records there. Counted here the same way.
 */
export class ResumptionCounter {
  private passFields = -1;
  private resumptions = 0;

  constructor(private readonly utf8: () => boolean) {}

  /** Whether one more change of field count would still be within the limit. */
  get canChangeOnce(): boolean {
    return this.resumptions < MAX_RESUMPTIONS;
  }

  /** Counts a record; false once `parseCsv` would have given up. */
  count(rec: CsvRecordView): boolean {
    const n = rec.count;
    const s = rec.starts[0]!;
    if (isEmptyLine(rec)) return true;
    const c = rec.bytes[s];
    if ((s === rec.ends[0] || c === 0x20 || c === 0x09 || c === 0xa0 || c === 0xc2) && isWhitespaceOnlyLine(rec, this.utf8())) return true;
    if (this.passFields < 0) this.passFields = n;
    else if (n !== this.passFields) {
      if (++this.resumptions > MAX_RESUMPTIONS) return false;
      this.passFields = -1;
    }
    return true;
  }
}
