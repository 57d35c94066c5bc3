import { isSumLabel } from './rules.js';

/**
 * Ansvar and konto codes of the byte-level reader, interned to small numbers straight from the field bytes: the
 * key columns of the aggregation. A code is the cell trimmed of ASCII whitespace, kept as a string otherwise
 * ("0100" ≠ "100"). Only plain printable-ASCII codes are interned; anything else (and a sum label, and the column's
 * own header name, a repeated header row) is the general reader's to read.
 */

/** `intern`: an empty cell (after trimming). */
export const CODE_EMPTY = -1;
/** `intern`: not a plain ASCII code, a sum label or the header name: leave the file to the general reader. */
export const CODE_OTHER = -2;

export function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** Open-addressing map from positive int32 keys to int32 values (code interning: small, stays in cache). */
class IntMap {
  private keys: Int32Array;
  private values: Int32Array;
  private shift: number;
  private size = 0;

  constructor(bits = 10) {
    this.keys = new Int32Array(1 << bits);
    this.values = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }

  get(k: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let h = Math.imul(k, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & mask) {
      const x = keys[h]!;
      if (x === k) return this.values[h]!;
      if (x === 0) return -1;
    }
  }

  set(k: number, v: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = keys.length - 1;
    let h = Math.imul(k, 0x9e3779b1) >>> this.shift;
    while (keys[h] !== 0) h = (h + 1) & mask;
    keys[h] = k;
    this.values[h] = v;
    this.size++;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2);
    this.shift--;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.set(keys[i]!, values[i]!);
  }
}

/** Codes interned to small integers: pure-digit codes of up to 8 digits by number, others by string. */
export class CodeTable {
  readonly codes: string[] = [];
  private readonly byNumber = new IntMap();
  private readonly byString = new Map<string, number>();
  private lastKey = -1;
  private lastIndex = -1;
  /** Raw bytes of the first non-empty name, per code; null while unnamed. */
  readonly nameBytes: (Uint8Array | null)[] = [];
  readonly nameEscaped: boolean[] = [];
  /** Codes in the order they got their name (the order of the general reader's Map). */
  readonly nameOrder: number[] = [];

  /** `reserved`: the column's header name; a code equal to it may be a repeated header row. */
  constructor(private readonly reserved: string) {}

  /** Index of the code in bytes [s, e) (ASCII whitespace trimmed), CODE_EMPTY, or CODE_OTHER. */
  intern(b: Uint8Array, s: number, e: number): number {
    // Fast path: 1–8 digits, nothing else.
    const key = digitKey(b, s, e);
    if (key >= 0) {
      if (key === this.lastKey) return this.lastIndex;
      const idx = this.byNumber.get(key);
      if (idx >= 0) {
        this.lastKey = key;
        this.lastIndex = idx;
        return idx;
      }
    }
    return this.internSlow(b, s, e);
  }

  private internSlow(b: Uint8Array, s: number, e: number): number {
    while (s < e && isAsciiSpace(b[s]!)) s++;
    while (e > s && isAsciiSpace(b[e - 1]!)) e--;
    if (s === e) return CODE_EMPTY;
    const key = digitKey(b, s, e);
    if (key >= 0) {
      let idx = this.byNumber.get(key);
      if (idx < 0) {
        idx = this.add(String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]));
        this.byNumber.set(key, idx);
      }
      return idx;
    }
    for (let i = s; i < e; i++) {
      const c = b[i]!;
      if (c < 0x21 || c > 0x7e || c === 0x22) return CODE_OTHER;
    }
    const text = String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);
    const idx = this.byString.get(text);
    if (idx !== undefined) return idx;
    if (isSumLabel(text) || text === this.reserved) return CODE_OTHER;
    const id = this.add(text);
    this.byString.set(text, id);
    return id;
  }

  private add(code: string): number {
    this.codes.push(code);
    this.nameBytes.push(null);
    this.nameEscaped.push(false);
    return this.codes.length - 1;
  }
}

/**
 * A code of 1–8 ASCII digits as one number, its length in the last digit so "0100" and "100" differ; -1 for
 * anything else (empty, longer, or not all digits).
 */
function digitKey(b: Uint8Array, s: number, e: number): number {
  const len = e - s;
  if (len <= 0 || len > 8) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = b[i]! - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v * 10 + len;
}
