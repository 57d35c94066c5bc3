import iconv from 'iconv-lite';
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import type { ReadResult, SourceInput } from '../model/records.js';

/**
 * Bytes → text for CSV sources. The order of checks matters:
 *
 * 1. empty file and size limit;
 * 2. magic bytes: a zip (`PK\x03\x04`, an .xlsx renamed .csv) or a CFB container (`D0 CF 11 E0`, legacy .xls or an
 *    encrypted workbook) is never decoded as text;
 * 3. byte-order mark: UTF-8 (stripped), UTF-16LE/BE (decoded strictly; never parsed as UTF-8);
 * 4. without a BOM: strict UTF-8 first, else Windows-1252 through iconv-lite. Node's
 *    `TextDecoder('windows-1252')` maps 0x80–0x9F to C1 controls (€ would become U+0080), iconv-lite does not;
 * 5. plausibility: NUL characters (UTF-16 without BOM, binary), bytes undefined in Windows-1252, and double-encoded
 *    UTF-8 ("LÃ¶ner") are errors, because every later stage would read them as valid text.
 */

export type DeclaredEncoding = 'auto' | 'utf-8' | 'windows-1252';
export type ActualEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodeOptions {
  readonly encoding: DeclaredEncoding;
  /** The text really contains "Ã¶"-like sequences (library option; no command-line flag). */
  readonly acceptMojibake?: boolean;
  /** Largest file accepted, in bytes. */
  readonly maxBytes?: number;
}

export interface DecodedText {
  readonly text: string;
  readonly encoding: ActualEncoding;
  readonly hadBom: boolean;
}

/** 256 MiB: well above a region's yearly saldo export (a few MB), well below what a string can hold. */
export const DEFAULT_MAX_TEXT_BYTES = 256 * 1024 * 1024;

/** The five bytes Windows-1252 leaves undefined. */
export const CP1252_UNDEFINED: readonly number[] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

export type SniffedFormat = 'empty' | 'zip' | 'cfb' | 'text';

/** Classifies a file by its first bytes. */
export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (bytes.length === 0) return 'empty';
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06)) {
    return 'zip';
  }
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'cfb';
  return 'text';
}

export function decodeText(input: SourceInput, options: DecodeOptions): ReadResult<DecodedText | null> {
  const { bytes, displayName: file } = input;
  const diagnostics: Diagnostic[] = [];
  const fail = (d: Diagnostic): ReadResult<DecodedText | null> => ({ value: null, diagnostics: [...diagnostics, d] });

  const maxBytes = options.maxBytes ?? DEFAULT_MAX_TEXT_BYTES;
  if (bytes.length > maxBytes) return fail(diag('io.file-too-large', { size: bytes.length, limit: maxBytes }, { file }));
  switch (sniffFormat(bytes)) {
    case 'empty':
      return fail(diag('io.empty-file', {}, { file }));
    case 'zip':
      return fail(diag('io.xlsx-as-csv', { file }, { file }));
    case 'cfb':
      return fail(diag('io.legacy-xls', {}, { file }));
    case 'text':
      break;
  }

  let text: string;
  let encoding: ActualEncoding;
  let hadBom = false;
  const bom = bomOf(bytes);
  if (bom) {
    hadBom = true;
    encoding = bom.encoding;
    if (options.encoding !== 'auto' && options.encoding !== bom.encoding) {
      diagnostics.push(diag('io.bom-overrides-encoding', { actual: bom.encoding, declared: options.encoding }, { file }));
    }
    try {
      text = new TextDecoder(bom.encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bom.length));
    } catch {
      if (bom.encoding === 'utf-8') {
        const at = firstInvalidUtf8(bytes, bom.length);
        return fail(diag('io.invalid-utf8', { byte: hexByte(bytes[at]), line: lineOfByte(bytes, at) }, { file, row: lineOfByte(bytes, at) }, hexByte(bytes[at])));
      }
      return fail(diag('io.invalid-utf16', { encoding: bom.encoding }, { file }));
    }
  } else if (options.encoding === 'windows-1252') {
    encoding = 'windows-1252';
    text = iconv.decode(toBuffer(bytes), 'windows-1252');
  } else {
    const at = firstInvalidUtf8(bytes, 0);
    if (at < 0) {
      encoding = 'utf-8';
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } else if (options.encoding === 'utf-8') {
      const line = lineOfByte(bytes, at);
      return fail(diag('io.invalid-utf8', { byte: hexByte(bytes[at]), line }, { file, row: line }, hexByte(bytes[at])));
    } else {
      encoding = 'windows-1252';
      text = iconv.decode(toBuffer(bytes), 'windows-1252');
      diagnostics.push(decodedAsWindows1252(file, lineOfByte(bytes, at), bytes[at]!));
    }
  }

  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = lineOfIndex(text, nul);
    return fail(diag('io.binary-content', { line }, { file, row: line }));
  }
  if (encoding === 'windows-1252') {
    // iconv-lite decodes the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) to U+FFFD.
    const bad = text.indexOf('\ufffd');
    if (bad >= 0) {
      const at = bytes.findIndex((b) => CP1252_UNDEFINED.includes(b));
      const line = lineOfIndex(text, bad);
      const byte = at >= 0 ? hexByte(bytes[at]) : '?';
      return fail(diag('io.undefined-byte', { byte, line }, { file, row: line }, byte));
    }
  }
  if (!options.acceptMojibake) {
    const m = findMojibake(text);
    if (m) {
      return fail(diag('io.mojibake', { excerpt: m.excerpt, line: m.line }, { file, row: m.line }, m.excerpt));
    }
  }
  if (text.trim() === '') return fail(diag('io.empty-file', {}, { file }));
  return { value: { text, encoding, hadBom }, diagnostics };
}

/** The warning for a file read as Windows-1252 under `encoding: auto`: its first byte that is not UTF-8, and its line. */
export function decodedAsWindows1252(file: string, line: number, byte: number): Diagnostic {
  const hex = hexByte(byte);
  return diag('io.decoded-windows-1252', { line, byte: hex }, { file, row: line }, hex);
}

/** A UTF-8 byte-order mark at the start of the bytes. */
export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

export function bomOf(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | null {
  if (hasUtf8Bom(bytes)) return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function hexByte(b: number | undefined): string {
  return `0x${(b ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * How many bytes at the end of `bytes[start, end)` begin a UTF-8 character that is not complete there (0–3): a piece
 * of a stream cut inside a character keeps them for the next piece.
 */
export function incompleteUtf8Tail(bytes: Uint8Array, start: number, end: number): number {
  for (let k = 1; k <= 3 && k <= end - start; k++) {
    const c = bytes[end - k]!;
    if ((c & 0xc0) === 0x80) continue;
    if (c >= 0xc2 && c <= 0xf4) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      if (need > k) return k;
    }
    return 0;
  }
  return 0;
}

/**
 * Offset of the first byte that does not start or continue a valid UTF-8 sequence (overlongs, surrogates and
 * code points above U+10FFFF are invalid, as for `TextDecoder` with `fatal: true`), or -1 when all are valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  const n = bytes.length;
  let i = from;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else {
      return i;
    }
    if (i + need >= n) return i; // sequence cut off by the end of the file
    const second = bytes[i + 1];
    if (second === undefined || second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** 1-based line of a byte offset; LF, CRLF and lone CR each end a line. */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a) line++;
    else if (b === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}

/** 1-based line of a character index; LF, CRLF and lone CR each end a line. */
export function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) line++;
  }
  return line;
}

/**
 * UTF-8 read as Windows-1252 and saved again turns "ö" (C3 B6) into "Ã¶" and "Å" (C3 85) into "Ã…": an "Ã" or "Â"
 * followed by a character whose Windows-1252 byte is 0x80–0xBF. Swedish text practically never has that pair.
 */
const MOJIBAKE = /[\u00c2\u00c3][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]/;

export function findMojibake(text: string): { excerpt: string; line: number } | null {
  const m = MOJIBAKE.exec(text);
  if (!m) return null;
  // Show the word around the match so the user can find it.
  let start = m.index;
  while (start > 0 && !/[\s;,\t"]/.test(text[start - 1]!) && m.index - start < 20) start--;
  let end = m.index + 2;
  while (end < text.length && !/[\s;,\t"]/.test(text[end]!) && end - m.index < 20) end++;
  return { excerpt: text.slice(start, end), line: lineOfIndex(text, m.index) };
}
