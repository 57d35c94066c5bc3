import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from '../model/diagnostics.js';
import { CP1252_UNDEFINED, decodedAsWindows1252, firstInvalidUtf8, hasUtf8Bom, incompleteUtf8Tail, sniffFormat, type DeclaredEncoding } from './decode.js';
import { decodeCp1252, decodeUtf8 } from './fast-csv.js';

/**
 * `decodeText` (io/decode.ts) for bytes that arrive in chunks and are never held whole: which encoding the file has,
 * and whether `decodeText` would refuse it — in which case a streaming reader hands the bytes to the reader built on
 * `decodeText`, which then gives the real diagnostic.
 *
 * It looks at what `decodeText` looks at: magic bytes (zip, CFB), byte-order marks (UTF-16 is refused here), NUL
 * bytes, strict UTF-8 validity (under `auto`: UTF-8 while every byte so far is valid, Windows-1252 from the first
 * invalid one on), bytes undefined in Windows-1252, and mojibake ("Ã¶"). For mojibake it is stricter than
 * `decodeText` ("Â"/"Ã" followed by any non-ASCII character), never laxer: a refusal only costs speed.
 *
 * Under `auto` the encoding is a guess until the end of the file (a late invalid byte makes it Windows-1252). A reader
 * that took a decision on non-ASCII text while it was a guess calls `noteText` or sets `sensitive`; if the guess then
 * turns out wrong, `check` refuses the file ("encoding guessed wrongly").
 */
/** What a decoder for a later range of the file needs to know of its start (`StreamingDecoder.state`). */
export interface DecoderState {
  readonly utf8: boolean;
  readonly encodingFinal: boolean;
  readonly bom: boolean;
}

export class StreamingDecoder {
  /** True while the text is read as UTF-8. */
  utf8 = true;
  /** The encoding can no longer change. */
  encodingFinal = false;
  /** A decision was taken on non-ASCII text while the encoding was still a guess. */
  sensitive = false;
  /** Under `auto`, the first byte that is not valid UTF-8 (the file is then Windows-1252), and its value. */
  invalidAt = -1;
  invalidByte = 0;

  /** Whether the file starts with a UTF-8 BOM; null until three bytes are in. */
  private bom: boolean | null = null;
  private readonly head: number[] = [];
  private utf8Carry: number[] = [];
  private utf8CarryAt = 0;
  private seenC2C3 = false;
  private cp1252Undefined = false;
  private tail0 = -1;
  private tail1 = -1;

  constructor(
    private readonly declared: DeclaredEncoding,
    private readonly acceptMojibake: boolean,
  ) {
    if (declared === 'windows-1252') {
      this.utf8 = false;
      this.encodingFinal = true;
    } else if (declared === 'utf-8') this.encodingFinal = true;
  }

  /**
   * A decoder for a later part of the same file, starting in the state this one has reached (the encoding as far as
   * it is known, the BOM seen or not): for a reader that checks a byte range of the file on its own. Patterns that
   * could straddle the range's start are not looked for: ranges start at a line start, and no pattern spans a line
   * break.
   */
  state(): DecoderState {
    return { utf8: this.utf8, encodingFinal: this.encodingFinal, bom: this.bom === true };
  }

  /** Continues from `state()` of the decoder of the file's start (see there). */
  resume(state: DecoderState): void {
    this.utf8 = state.utf8;
    this.encodingFinal = state.encodingFinal;
    this.bom = state.bom;
  }

  /** Takes over the end of a later range checked by another decoder: its last byte, now the file's last so far. */
  noteEnd(lastTwo: readonly [number, number]): void {
    this.tail0 = lastTwo[0];
    this.tail1 = lastTwo[1];
  }

  /** The byte before the last one (-1 before two). */
  get tailBefore(): number {
    return this.tail0;
  }

  /** The last byte of the input so far (-1 before any). */
  get lastByte(): number {
    return this.tail1;
  }

  /** Checks the next chunk, which starts at offset `at` of the file. A reason to refuse the file, or null. */
  check(chunk: Uint8Array, at: number): string | null {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.noteHead(chunk);
    if (at === 0) {
      const kind = sniffFormat(chunk);
      if (kind === 'zip' || kind === 'cfb') return kind;
      if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) return 'utf-16';
    }
    if (buf.indexOf(0) >= 0) return 'NUL byte';
    const why = this.checkEncoding(chunk, buf, at);
    if (why) return why;
    this.noteTail(chunk);
    return null;
  }

  /** End of input (`total` bytes): a UTF-8 sequence cut off by the end is invalid. A reason to refuse, or null. */
  end(total: number): string | null {
    if (total === 0) return 'empty file';
    if (this.utf8 && this.utf8Carry.length > 0) {
      if (this.declared === 'utf-8' || this.bom === true) return 'invalid UTF-8';
      if (this.sensitive) return 'encoding guessed wrongly';
      this.utf8 = false;
      this.invalidAt = this.utf8CarryAt;
      this.invalidByte = this.utf8Carry[0]!;
      if (this.seenC2C3 && !this.acceptMojibake) return 'possible mojibake';
      if (!this.acceptMojibake && (this.utf8Carry[0] === 0xc2 || this.utf8Carry[0] === 0xc3)) {
        const next = this.utf8Carry[1];
        if (next === undefined || (next >= 0x80 && next <= 0xbf)) return 'possible mojibake';
      }
      if (this.cp1252Undefined) return 'byte undefined in Windows-1252';
    }
    this.encodingFinal = true;
    return null;
  }

  /**
   * The length of a UTF-8 byte-order mark at the start of the file's first bytes `b` (3, which also fixes the
   * encoding as UTF-8, or 0), or null when the BOM contradicts a declared Windows-1252.
   */
  bomLength(b: Uint8Array): number | null {
    if (!hasUtf8Bom(b)) return 0;
    if (this.declared === 'windows-1252') return null;
    this.utf8 = true;
    this.encodingFinal = true;
    return 3;
  }

  /** Bytes [s, e) as text in the file's encoding (as far as it is known). */
  decode(b: Uint8Array, s: number, e: number): string {
    return this.utf8 ? decodeUtf8(b, s, e) : decodeCp1252(b, s, e);
  }

  /** A decision is taken on bytes [s, e): if they are non-ASCII while the encoding is a guess, remember it. */
  noteText(b: Uint8Array, s: number, e: number): void {
    if (!this.encodingFinal && hasNonAscii(b, s, e)) this.sensitive = true;
  }

  /** `decodeText`'s warning for a file read as Windows-1252 under `auto`, once the line of the first invalid byte is known. */
  fallbackWarning(file: string, line: number): Diagnostic | null {
    return this.declared === 'auto' && this.invalidAt >= 0 ? decodedAsWindows1252(file, line, this.invalidByte) : null;
  }

  private noteHead(chunk: Uint8Array): void {
    if (this.bom !== null) return;
    for (let i = 0; i < chunk.length && this.head.length < 3; i++) this.head.push(chunk[i]!);
    if (this.head.length === 3) {
      this.bom = this.head[0] === 0xef && this.head[1] === 0xbb && this.head[2] === 0xbf;
      if (this.bom && this.declared !== 'windows-1252') this.encodingFinal = true;
    }
  }

  private noteTail(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n >= 2) {
      this.tail0 = chunk[n - 2]!;
      this.tail1 = chunk[n - 1]!;
    } else {
      this.tail0 = this.tail1;
      this.tail1 = chunk[0]!;
    }
  }

  /** UTF-8 validity (the encoding decision), mojibake and undefined Windows-1252 bytes. */
  private checkEncoding(chunk: Uint8Array, buf: Buffer, at: number): string | null {
    // UTF-8 validity (not needed once the file is known to be Windows-1252).
    if (this.utf8) {
      const bad = this.validateUtf8(chunk, at);
      if (bad >= 0) {
        if (this.declared === 'utf-8' || this.bom === true) return 'invalid UTF-8';
        // encoding auto: the file is Windows-1252.
        if (this.sensitive) return 'encoding guessed wrongly';
        this.utf8 = false;
        this.encodingFinal = true;
        this.invalidAt = bad;
        this.invalidByte = this.byteAt(chunk, at, bad);
        // Everything before was valid UTF-8: a C2/C3 lead byte there reads as "Â"/"Ã" + a 0x80–0xBF byte now.
        if (this.seenC2C3 && !this.acceptMojibake) return 'possible mojibake';
      }
    }
    if (!this.acceptMojibake) {
      if (this.utf8) {
        if (!this.seenC2C3 && (buf.indexOf(0xc2) >= 0 || buf.indexOf(0xc3) >= 0)) this.seenC2C3 = true;
        // "Â"/"Ã" (C3 82 / C3 83) followed by a non-ASCII character.
        if (this.utf8MojibakeIn(buf, chunk)) return 'possible mojibake';
      } else if (this.cp1252MojibakeIn(buf, chunk)) return 'possible mojibake';
    }
    if (!this.cp1252Undefined && (!this.utf8 || !this.encodingFinal)) {
      for (const u of CP1252_UNDEFINED) {
        if (buf.indexOf(u) >= 0) {
          this.cp1252Undefined = true;
          break;
        }
      }
    }
    if (this.cp1252Undefined && !this.utf8) return 'byte undefined in Windows-1252';
    return null;
  }

  private byteAt(chunk: Uint8Array, at: number, abs: number): number {
    if (abs >= at) return chunk[abs - at]!;
    return this.utf8Carry[abs - this.utf8CarryAt] ?? 0;
  }

  /**
   * The last two bytes of the previous chunks and the first two of this one, for patterns that straddle chunks.
   * A pattern cut by a chunk end is skipped inside the chunk and found here with the next chunk; at the end of the
   * file it is no pattern (the regex needs the following character).
   */
  private seam(chunk: Uint8Array): number[] {
    return [this.tail0, this.tail1, chunk[0] ?? -1, chunk[1] ?? -1];
  }

  /** "Â"/"Ã" (C3 82 / C3 83) followed by a non-ASCII character: decodeText's mojibake pattern, or more. */
  private utf8MojibakeIn(buf: Buffer, chunk: Uint8Array): boolean {
    for (const needle of [MOJIBAKE_UTF8_A, MOJIBAKE_UTF8_B]) {
      for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + 1)) {
        const next = chunk[i + 2];
        if (next !== undefined && next >= 0x80) return true;
      }
    }
    const s = this.seam(chunk);
    for (let k = 0; k < 2; k++) {
      if (s[k] === 0xc3 && (s[k + 1] === 0x82 || s[k + 1] === 0x83) && s[k + 2]! >= 0x80) return true;
    }
    return false;
  }

  /** 0xC2/0xC3 ("Â"/"Ã") followed by 0x80–0xBF in Windows-1252. */
  private cp1252MojibakeIn(buf: Buffer, chunk: Uint8Array): boolean {
    for (const lead of [0xc2, 0xc3]) {
      for (let i = buf.indexOf(lead); i >= 0; i = buf.indexOf(lead, i + 1)) {
        const next = chunk[i + 1];
        if (next !== undefined && next >= 0x80 && next <= 0xbf) return true;
      }
    }
    const s = this.seam(chunk);
    return (s[1] === 0xc2 || s[1] === 0xc3) && s[2]! >= 0x80 && s[2]! <= 0xbf;
  }

  /**
   * Incremental strict UTF-8 validation: the bulk with `isUtf8` (native), a sequence cut by the chunk end carried
   * over. Returns the offset of the first invalid byte, or -1.
   */
  private validateUtf8(chunk: Uint8Array, at: number): number {
    let i = 0;
    const n = chunk.length;
    if (this.utf8Carry.length > 0) {
      const lead = this.utf8Carry[0]!;
      const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      while (this.utf8Carry.length < need && i < n) this.utf8Carry.push(chunk[i++]!);
      if (this.utf8Carry.length < need) return -1;
      if (firstInvalidUtf8(new Uint8Array(this.utf8Carry), 0) >= 0) return this.utf8CarryAt;
      this.utf8Carry = [];
    }
    const tail = incompleteUtf8Tail(chunk, i, n);
    const body = chunk.subarray(i, n - tail);
    if (!isUtf8(body)) return at + i + firstInvalidUtf8(body, 0);
    if (tail > 0) {
      this.utf8Carry = Array.from(chunk.subarray(n - tail));
      this.utf8CarryAt = at + n - tail;
    }
    return -1;
  }
}

const MOJIBAKE_UTF8_A = Buffer.from([0xc3, 0x82]);
const MOJIBAKE_UTF8_B = Buffer.from([0xc3, 0x83]);

/** Any byte of [s, e) at or above 0x80. */
export function hasNonAscii(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i]! >= 0x80) return true;
  return false;
}
