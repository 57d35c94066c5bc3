import { describe, expect, test } from 'vitest';
import { formatOreForMessage } from '../../src/model/format.js';
import {
  amountDiagnostic,
  BYTES_EMPTY,
  BYTES_OTHER,
  isAmountIssue,
  parseAmount,
  parseAmountBytes,
  parsedAmount,
  UNIT_EXPONENT,
  type AmountOptions,
  type AmountParse,
} from '../../src/sources/parse-amount.js';
import { expectDiagnostic } from './helpers.js';

/** Group C of docs/bad-input.md (cases 32–46) for the amount parser. 47–48 are in read-ledger.test.ts. */

const base = { trailingMinus: false, parenthesesNegative: false, periodThousands: false, stripCurrency: true };
const sv: AmountOptions = { profile: base, unit: 'kr' };
const withProfile = (p: Partial<typeof base>): AmountOptions => ({ profile: { ...base, ...p }, unit: 'kr' });

function ore(raw: string, options: AmountOptions = sv, required = true): number | null {
  const p = parseAmount(raw, options, required);
  if (isAmountIssue(p)) throw new Error(`${raw}: ${p.issue}`);
  return p;
}

function issue(raw: string, options: AmountOptions = sv, required = true): string {
  const p: AmountParse = parseAmount(raw, options, required);
  return isAmountIssue(p) ? p.issue : `ok:${String(p)}`;
}

describe('C. amounts', () => {
  test('plain Raindance amounts', () => {
    expect(ore('-6997851,46')).toBe(-699785146);
    expect(ore('1234,5')).toBe(123450);
    expect(ore('0,00')).toBe(0);
    expect(Object.is(ore('-0,00'), 0)).toBe(true); // no negative zero
    expect(ore('007')).toBe(700);
    expect(ore('+12,30')).toBe(1230);
  });

  test('case 32: "1 234,50" (space) → 123450', () => {
    expect(ore('1 234,50')).toBe(123450);
    expect(ore('12 345 678,90')).toBe(1234567890);
  });

  test('case 33: "1\\u00a0234,50" (NBSP) → 123450', () => {
    expect(ore('1\u00a0234,50')).toBe(123450);
  });

  test('case 34: "1\\u202f234,50" (narrow NBSP) → 123450', () => {
    expect(ore('1\u202f234,50')).toBe(123450);
  });

  test('case 35: "−1 234,50" (U+2212) → −123450, sign kept', () => {
    expect(ore('\u22121 234,50')).toBe(-123450);
    expect(ore('\u22121234,50')).toBe(-123450);
    expect(ore('-1 234,50')).toBe(-123450);
  });

  test('case 36: "1234,50-" → −123450 with trailingMinus, else error', () => {
    expect(ore('1234,50-', withProfile({ trailingMinus: true }))).toBe(-123450);
    expect(ore('1 234,50\u2212', withProfile({ trailingMinus: true }))).toBe(-123450);
    expect(issue('1234,50-')).toBe('amount.trailing-minus');
    expect(issue('-1234,50-', withProfile({ trailingMinus: true }))).toBe('amount.unparseable');
  });

  test('case 37: "(1 234,50)" → −123450 with parenthesesNegative, else error', () => {
    expect(ore('(1 234,50)', withProfile({ parenthesesNegative: true }))).toBe(-123450);
    expect(issue('(1 234,50)')).toBe('amount.parentheses');
    expect(issue('(1 234,50', withProfile({ parenthesesNegative: true }))).toBe('amount.unparseable');
  });

  test('case 38: "1.234,50" → 123450 only with periodThousands; "1.234" without it → ambiguous', () => {
    const pt = withProfile({ periodThousands: true });
    expect(ore('1.234,50', pt)).toBe(123450);
    expect(ore('1.234.567,89', pt)).toBe(123456789);
    expect(ore('1.234', pt)).toBe(123400);
    expect(issue('1.234,50')).toBe('amount.ambiguous-period');
    expect(issue('1.234')).toBe('amount.ambiguous-period');
    expect(issue('1.234.567')).toBe('amount.ambiguous-period');
    expect(issue('1234.5', pt)).toBe('amount.bad-grouping');
    // One point with one or two decimals cannot be a thousands separator.
    expect(ore('1234.5')).toBe(123450);
    expect(ore('-0.75')).toBe(-75);
  });

  test('case 39: "1,234.50" in an sv profile → mixed locale', () => {
    expect(issue('1,234.50')).toBe('amount.mixed-locale');
    expect(issue('1,234,567')).toBe('amount.mixed-locale');
    expect(issue('1 234.50')).toBe('amount.mixed-locale');
  });

  test('case 40: empty, " ", "-", "–" → error when required, null when optional', () => {
    for (const raw of ['', ' ', '\u00a0', '-', '\u2013', '\u2212']) {
      expect(issue(raw, sv, true), JSON.stringify(raw)).toBe('amount.missing');
      expect(parseAmount(raw, sv, false), JSON.stringify(raw)).toBeNull();
    }
  });

  test('case 41: "1e3", "0x1A", "Infinity", "NaN" → error', () => {
    for (const raw of ['1e3', '0x1A', 'Infinity', '-Infinity', 'NaN', '1E-2', '12abc', '--5', '1,', ',5']) {
      expect(issue(raw), raw).toBe('amount.unparseable');
    }
  });

  test('case 42: "1 234,50 kr" / "SEK 1 234,50" → stripped with a warning; error when not allowed; EUR → error', () => {
    for (const raw of ['1 234,50 kr', 'SEK 1 234,50', '1234,50 SEK', 'kr 1 234,50', '1 234,50 kr.']) {
      const p = parseAmount(raw, sv, true);
      expect(isAmountIssue(p) && p.issue, raw).toBe('amount.currency-stripped');
      expect(isAmountIssue(p) && p.value, raw).toBe(123450);
    }
    expect(issue('1 234,50 kr', withProfile({ stripCurrency: false }))).toBe('amount.currency');
    for (const raw of ['1 234,50 EUR', 'EUR 1 234,50', '€1 234,50', '1234 USD', '$12']) expect(issue(raw), raw).toBe('amount.foreign-currency');
  });

  test('case 43: more than 2 decimals in kr → error, no rounding; tkr carries 5 decimals exactly', () => {
    expect(issue('1234,505')).toBe('amount.too-many-decimals');
    expect(issue('0,001')).toBe('amount.too-many-decimals');
    // 1 234,567 tkr = 1 234 567 kr = 123 456 700 öre.
    expect(ore('1 234,567', { profile: base, unit: 'tkr' })).toBe(123456700);
    // 12,5 tkr = 12 500 kr; 2,5 mnkr = 2 500 000 kr.
    expect(ore('12,5', { profile: base, unit: 'tkr' })).toBe(1250000);
    expect(ore('2,5', { profile: base, unit: 'mnkr' })).toBe(250000000);
    expect(issue('1,123456', { profile: base, unit: 'tkr' })).toBe('amount.too-many-decimals');
  });

  test("case 44: leading apostrophe (Excel text marker) → stripped with a warning", () => {
    const p = parseAmount("'1234", sv, true);
    expect(p).toEqual({ issue: 'amount.apostrophe-stripped', value: 123400 });
  });

  test('case 45: zero-width space / soft hyphen inside a number → error naming the character', () => {
    expect(parseAmount('1\u200b234', sv, true)).toEqual({ issue: 'amount.invisible-character', value: null, character: 'U+200B' });
    expect(issue('1\u00ad234')).toBe('amount.invisible-character');
    expect(issue('\ufeff1234')).toBe('amount.invisible-character');
  });

  test('case 46: full-width and Arabic-Indic digits → error', () => {
    expect(issue('\uff11\uff12\uff13')).toBe('amount.non-ascii-digit');
    expect(issue('\u0661\u0662\u0663,\u0665\u0660')).toBe('amount.non-ascii-digit');
    expect(issue('12\u0663')).toBe('amount.non-ascii-digit');
  });

  test('thousands grouping must be in threes', () => {
    expect(issue('12 34')).toBe('amount.bad-grouping');
    expect(issue('1234 567')).toBe('amount.bad-grouping');
    expect(issue('1  234')).toBe('amount.bad-grouping');
    expect(issue('1 234,5 0')).toBe('amount.bad-grouping');
  });

  test('too large for exact arithmetic → error, not a rounded float', () => {
    expect(issue('99999999999999999')).toBe('amount.too-large');
    expect(ore('90071992547409,91')).toBe(9007199254740991);
    expect(issue('90071992547409,92')).toBe('amount.too-large');
  });

  test('the diagnostic names the column and raw value; the location carries file and row', () => {
    const p = parseAmount('1.234', sv, true);
    if (!isAmountIssue(p)) throw new Error('expected an issue');
    const d = amountDiagnostic(p, '1.234', { file: 'saldo.csv', row: 12, column: 'Utfall' }, sv);
    expectDiagnostic([d], 'amount.ambiguous-period', { file: 'saldo.csv', row: 12, column: 'Utfall', value: '1.234' });
    expect(d.message).toContain('periodThousands');
  });

  test('formatOreForMessage', () => {
    expect(formatOreForMessage(-123450)).toBe('-1 234,50');
    expect(formatOreForMessage(5)).toBe('0,05');
    expect(formatOreForMessage(123456789)).toBe('1 234 567,89');
  });
});

describe('round trip (property)', () => {
  test('parseAmount(format(x)) === x for Swedish groupings with space, NBSP and narrow NBSP', () => {
    // Deterministic pseudo-random öre values across magnitudes (xorshift32).
    let seed = 0x2024_0831;
    const next = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x1_0000_0000;
    };
    for (let i = 0; i < 2000; i++) {
      const magnitude = Math.floor(next() * 14);
      const value = Math.round((next() - 0.5) * 2 * 10 ** magnitude);
      for (const sep of [' ', '\u00a0', '\u202f']) {
        const text = formatOreForMessage(value).replace(/ /g, sep).replace(/^-/, next() < 0.5 ? '-' : '\u2212');
        expect(ore(text), text).toBe(value === 0 ? 0 : value);
      }
    }
  });
});

describe('parseAmountBytes: the byte path is a subset of parseAmount, never a variant (property)', () => {
  const pieces = ['0', '1', '2', '9', '12', '123', '1234', '-', '\u2212', ',', '.', ' ', '\u00a0', '\u202f', '\u2009', '+', 'e', '00', '000'];
  const cp1252 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
  test('wherever the bytes give a number, parseAmount gives the same (UTF-8 and Windows-1252, each unit)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let numbers = 0;
    for (let n = 0; n < 20_000; n++) {
      let raw = '';
      for (let k = 1 + Math.floor(rnd() * 8); k > 0; k--) raw += pieces[Math.floor(rnd() * pieces.length)]!;
      for (const unit of ['kr', 'tkr', 'mnkr'] as const) {
        const options: AmountOptions = { profile: base, unit };
        const maxDec = 2 + UNIT_EXPONENT[unit];
        const encodings: Array<[Uint8Array, boolean]> = [[new Uint8Array(Buffer.from(raw, 'utf8')), true]];
        if (/^[\u0000-\u00ff]*$/.test(raw)) encodings.push([cp1252(raw), false]);
        for (const [bytes, utf8] of encodings) {
          for (const multiByte of [true, false]) {
            const status = parseAmountBytes(bytes, 0, bytes.length, maxDec, utf8, multiByte);
            if (status === BYTES_OTHER) continue;
            const general = parseAmount(raw, options, false);
            if (status === BYTES_EMPTY) expect(general, JSON.stringify(raw)).toBeNull();
            else {
              numbers++;
              expect(general, `${JSON.stringify(raw)} ${unit}`).toBe(parsedAmount[0]);
            }
          }
        }
      }
    }
    expect(numbers).toBeGreaterThan(1000);
  });
});
