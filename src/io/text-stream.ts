import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import { bomOf, decodedAsWindows1252, findMojibake, firstInvalidUtf8, hexByte, incompleteUtf8Tail, sniffFormat, type DeclaredEncoding } from './decode.js';

/**
 * `decodeText` followed by `normaliseNewlines` (io/decode.ts, io/csv.ts) for bytes that arrive in chunks and are
 * never held whole: the same text, handed on in pieces of complete lines (line breaks normalised to LF), and in the
 * end the same diagnostics, or the same refusal. What `decodeText` decides on the whole text is decided here as the
 * bytes go by, and the one that `decodeText` would report is picked at the end, in its order of checks: magic bytes
 * (zip, CFB), the BOM's encoding (UTF-16 decoded strictly), invalid UTF-8 where UTF-8 is certain, NUL characters,
 * bytes undefined in Windows-1252, mojibake ("LÃ¶ner"), and a text of only whitespace.
 *
 * One thing cannot be known before the end: under `encoding: auto` a file without a BOM is UTF-8 only if every byte
 * is. The first byte that is not makes the whole file Windows-1252: then `restart` says so (with the byte and its
 * line, for `decodeText`'s warning) and the caller reads the file again with that knowledge
 * (`TextStreamOptions.windows1252`); the text handed on so far was read as UTF-8 and must be dropped.
 *
 * The size limit of `decodeText` is the caller's (a stream has no size of its own; the ledger's and the HR extracts'
 * have none unless `maxBytes` is given).
 */
export interface TextStreamOptions {
  readonly encoding: DeclaredEncoding;
  readonly acceptMojibake?: boolean;
  /** Under `auto`: the file was found not to be UTF-8 on a previous reading (`TextStreamDecoder.restart`). */
  readonly windows1252?: NotUtf8 | undefined;
}

/** The first byte of a file that is not valid UTF-8: its value and line. */
export interface NotUtf8 {
  readonly byte: number;
  readonly line: number;
}

type Mode = 'head' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'stopped';

export class TextStreamDecoder {
  /** Under `auto`: the file is not UTF-8; read it again with `windows1252` set to this. */
  restart: NotUtf8 | null = null;

  private mode: Mode = 'head';
  private head: Uint8Array = new Uint8Array(0);
  private readonly warnings: Diagnostic[] = [];
  /** A refusal that nothing later can change (magic bytes, invalid UTF-8 or UTF-16). */
  private final: Diagnostic | null = null;
  private nul: Diagnostic | null = null;
  private undefinedByte: number | null = null;
  private undefinedLine: Diagnostic | null = null;
  private mojibake: Diagnostic | null = null;
  private nonBlank = false;
  private total = 0;
  /** Line breaks in the text handed on so far (the line of the next piece is this + 1). */
  private lines = 0;
  /** Decoded text not yet handed on: an unfinished line (or a CR that a LF may follow). */
  private pending = '';
  private utf8: TextDecoder | null = null;
  /** The file starts with a UTF-8 BOM (UTF-8 is then certain). */
  private bom = false;
  private utf16: TextDecoder | null = null;
  /** The end of the previous chunk: an unfinished UTF-8 sequence (validated with the next chunk). */
  private carry: Uint8Array = new Uint8Array(0);
  private carryAt = 0;

  constructor(
    private readonly file: string,
    private readonly options: TextStreamOptions,
  ) {}

  /** Nothing more will be handed on: the result is a refusal, or the file must be read again (`restart`). */
  get stopped(): boolean {
    return this.mode === 'stopped' || this.restart !== null;
  }

  /**
   * The result will be a refusal whatever follows (the text handed on so far may still be read, but not used). Still
   * feed the rest: a refusal `decodeText` checks earlier may yet come.
   */
  get refused(): boolean {
    return this.final !== null || this.nul !== null || this.undefinedLine !== null || this.mojibake !== null;
  }

  /** The next chunk; the text of the lines it completes (LF-normalised), possibly ''. */
  push(chunk: Uint8Array): string {
    if (this.stopped || chunk.length === 0) return '';
    if (this.mode === 'head') {
      const h = new Uint8Array(this.head.length + chunk.length);
      h.set(this.head);
      h.set(chunk, this.head.length);
      if (h.length < 4) {
        this.head = h;
        return '';
      }
      this.head = new Uint8Array(0);
      return this.start(h);
    }
    return this.decode(chunk, false);
  }

  /** End of input: the rest of the text. */
  end(): string {
    if (this.mode === 'head') {
      const h = this.head;
      this.head = new Uint8Array(0);
      if (h.length === 0) {
        this.stop(diag('io.empty-file', {}, { file: this.file }));
        return '';
      }
      const text = this.start(h);
      return text + this.end();
    }
    if (this.stopped) return '';
    return this.decode(new Uint8Array(0), true);
  }

  /**
   * After `end()`: `decodeText`'s diagnostics — its warnings (a BOM overriding the declared encoding, a file read as
   * Windows-1252), and its refusal when there is one (`ok: false`).
   */
  result(): { ok: boolean; diagnostics: Diagnostic[] } {
    if (this.final) return { ok: false, diagnostics: this.final.code === 'io.invalid-utf8' || this.final.code === 'io.invalid-utf16' ? [...this.warnings, this.final] : [this.final] };
    const refusal = this.nul ?? this.undefinedLine ?? this.mojibake ?? (this.nonBlank ? null : diag('io.empty-file', {}, { file: this.file }));
    return refusal ? { ok: false, diagnostics: [...this.warnings, refusal] } : { ok: true, diagnostics: [...this.warnings] };
  }

  /** The first bytes (at least 4, or the whole file): magic bytes and BOM decide the mode. */
  private start(h: Uint8Array): string {
    const file = this.file;
    switch (sniffFormat(h)) {
      case 'zip':
        this.stop(diag('io.xlsx-as-csv', { file }, { file }));
        return '';
      case 'cfb':
        this.stop(diag('io.legacy-xls', {}, { file }));
        return '';
      default:
        break;
    }
    const declared = this.options.encoding;
    const bom = bomOf(h);
    if (bom) {
      if (declared !== 'auto' && declared !== bom.encoding) {
        this.warnings.push(diag('io.bom-overrides-encoding', { actual: bom.encoding, declared }, { file }));
      }
      this.total = bom.length;
      if (bom.encoding === 'utf-8') {
        this.mode = 'utf-8';
        this.bom = true;
        this.utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
      } else {
        this.mode = bom.encoding;
        this.utf16 = new TextDecoder(bom.encoding, { fatal: true, ignoreBOM: true });
      }
      return this.decode(h.subarray(bom.length), false);
    }
    if (declared === 'windows-1252' || this.options.windows1252) {
      this.mode = 'windows-1252';
      const w = this.options.windows1252;
      if (w && declared === 'auto') this.warnings.push(decodedAsWindows1252(file, w.line, w.byte));
    } else {
      this.mode = 'utf-8';
      this.utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
    }
    return this.decode(h, false);
  }

  private stop(d: Diagnostic): void {
    this.final ??= d;
    this.mode = 'stopped';
    this.pending = '';
  }

  private decode(chunk: Uint8Array, last: boolean): string {
    const at = this.total;
    this.total += chunk.length;
    let text: string;
    switch (this.mode) {
      case 'utf-8': {
        const bad = this.validateUtf8(chunk, at, last);
        if (bad) {
          this.notUtf8(chunk, at, bad.at, bad.byte);
          return '';
        }
        text = this.utf8!.decode(chunk, { stream: !last });
        break;
      }
      case 'utf-16le':
      case 'utf-16be':
        try {
          text = this.utf16!.decode(chunk, { stream: !last });
        } catch {
          this.stop(diag('io.invalid-utf16', { encoding: this.mode }, { file: this.file }));
          return '';
        }
        break;
      case 'windows-1252':
        text = iconv.decode(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), 'windows-1252');
        // iconv-lite decodes the five bytes Windows-1252 leaves undefined to U+FFFD (one character per byte).
        if (this.undefinedByte === null) {
          const i = text.indexOf('\ufffd');
          if (i >= 0) this.undefinedByte = chunk[i]!;
        }
        break;
      default:
        return '';
    }
    return this.lines_(text, last);
  }

  /**
   * A byte that is not UTF-8 at offset `bad` (value `byte`): under `auto` without a BOM the file is Windows-1252 (read
   * it again), where UTF-8 is certain (declared, or a UTF-8 BOM) the refusal, with the byte's line.
   */
  private notUtf8(chunk: Uint8Array, at: number, bad: number, byte: number): void {
    // Everything before it is valid UTF-8: its line is the line of the text up to it. (A bad byte before `at` is the
    // lead byte carried over from the previous chunk: all text before it is decoded already.)
    const before = bad > at ? this.utf8!.decode(chunk.subarray(0, bad - at), { stream: true }) : '';
    const line = this.lines + 1 + lineBreaks(this.pending + before);
    this.pending = '';
    if (this.options.encoding === 'auto' && !this.bom) {
      this.restart = { byte, line };
      return;
    }
    this.stop(diag('io.invalid-utf8', { byte: hexByte(byte), line }, { file: this.file, row: line }, hexByte(byte)));
  }

  /**
   * Strict UTF-8 validation across chunks (`firstInvalidUtf8`'s rules): the bulk with `isUtf8`, a sequence cut by
   * the chunk's end carried over; at the end of input a cut sequence is invalid. The first invalid byte (offset and
   * value), or null.
   */
  private validateUtf8(chunk: Uint8Array, at: number, last: boolean): { at: number; byte: number } | null {
    let bytes = chunk;
    let from = at;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
      from = this.carryAt;
      this.carry = new Uint8Array(0);
    }
    const n = bytes.length;
    const tail = last ? 0 : incompleteUtf8Tail(bytes, 0, n);
    const body = bytes.subarray(0, n - tail);
    if (!isUtf8(body)) {
      const i = firstInvalidUtf8(body, 0);
      return { at: from + i, byte: body[i]! };
    }
    if (tail > 0) {
      this.carry = bytes.slice(n - tail);
      this.carryAt = from + n - tail;
    }
    return null;
  }

  /** Decoded text → the complete lines so far, LF-normalised, checked as `decodeText` checks the whole text. */
  private lines_(text: string, last: boolean): string {
    let s = this.pending + text;
    let rest = '';
    if (!last) {
      // Up to the last line break; a CR at the very end waits for what follows (CR LF is one line break).
      const held = s.endsWith('\r') ? 1 : 0;
      const body = held ? s.slice(0, -1) : s;
      const cut = Math.max(body.lastIndexOf('\n'), body.lastIndexOf('\r')) + 1;
      rest = s.slice(cut);
      s = s.slice(0, cut);
    }
    this.pending = rest;
    if (s === '') return '';
    const out = s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
    this.check(out);
    this.lines += countChar(out, 10);
    return out;
  }

  /** NUL, U+FFFD (Windows-1252), mojibake and non-blank text in LF-normalised complete lines. */
  private check(s: string): void {
    if (!this.nonBlank && /\S/.test(s)) this.nonBlank = true;
    const file = this.file;
    if (this.nul === null) {
      const i = s.indexOf('\u0000');
      if (i >= 0) {
        const line = this.lines + 1 + countChar(s.slice(0, i), 10);
        this.nul = diag('io.binary-content', { line }, { file, row: line });
      }
    }
    if (this.undefinedLine === null && this.mode === 'windows-1252') {
      const i = s.indexOf('\ufffd');
      if (i >= 0) {
        const line = this.lines + 1 + countChar(s.slice(0, i), 10);
        const byte = this.undefinedByte !== null ? hexByte(this.undefinedByte) : '?';
        this.undefinedLine = diag('io.undefined-byte', { byte, line }, { file, row: line }, byte);
      }
    }
    if (this.mojibake === null && !this.options.acceptMojibake) {
      // The pattern and the excerpt around it never cross a line break, so complete lines give decodeText's match.
      const m = findMojibake(s);
      if (m) {
        const line = this.lines + m.line;
        this.mojibake = diag('io.mojibake', { excerpt: m.excerpt, line }, { file, row: line }, m.excerpt);
      }
    }
  }
}

/** Occurrences of a character code in a string. */
function countChar(s: string, code: number): number {
  const ch = String.fromCharCode(code);
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/** Line breaks in text as `lineOfIndex` counts them: LF, CR LF and a lone CR (also one at the very end). */
function lineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}
