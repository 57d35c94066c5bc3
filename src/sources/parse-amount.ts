import type { Diagnostic, SourceLocation } from '../model/diagnostics.js';
import type { Ore } from '../model/ore.js';
import type { AmountProfile } from '../config/schema.js';
import { diag } from '../messages/index.js';

/**
 * The one parser for amounts in source files: Swedish number text → integer öre, or a reason why not.
 *
 * Accepted: `1234,50`, `-1234,50`, `−1 234,50` (U+2212), thousands grouped by space, NBSP (U+00A0), narrow NBSP
 * (U+202F), thin space (U+2009) or figure space (U+2007) in groups of three, a leading `+`, and an unambiguous
 * decimal point (`1234.5`: one point, one or two decimals, no grouping). By the source's amount profile:
 * a trailing minus (`1234,50-`), parentheses (`(1 234,50)`), period thousands (`1.234,50`), and `kr`/`SEK`
 * stripped with a warning.
 *
 * Refused, each with its own code: empty text or a lone dash in a required amount (never 0), `1.234` without the
 * period-thousands profile (thousands or decimals?), `1,234.50` (English), bad grouping (`12 34`), more decimals than
 * the unit carries exactly (2 for kr, 5 for tkr, 8 for mnkr), `1e3`, `0x1A`, `Infinity`, `NaN`, other currencies,
 * invisible characters (zero-width space, soft hyphen) and digits other than 0–9.
 *
 * öre are built from the digit strings with integer arithmetic; no `parseFloat`. The common shapes
 * (`-6997851,46`) take a fast path that allocates nothing.
 */

export type AmountUnit = 'kr' | 'tkr' | 'mnkr';

export interface AmountOptions {
  readonly profile: AmountProfile;
  /** Unit of the numbers in the file; tkr and mnkr are scaled to öre exactly. */
  readonly unit: AmountUnit;
}

export type AmountIssueCode =
  | 'amount.missing'
  | 'amount.unparseable'
  | 'amount.ambiguous-period'
  | 'amount.mixed-locale'
  | 'amount.bad-grouping'
  | 'amount.too-many-decimals'
  | 'amount.trailing-minus'
  | 'amount.parentheses'
  | 'amount.currency'
  | 'amount.foreign-currency'
  | 'amount.invisible-character'
  | 'amount.non-ascii-digit'
  | 'amount.too-large'
  // warnings: the value is usable
  | 'amount.currency-stripped'
  | 'amount.apostrophe-stripped';

/**
 * A parse that is not simply a number: an error (`value` null) or a warning with the value it still produced.
 * The severity comes from the message catalogue (`amountDiagnostic`).
 */
export interface AmountIssue {
  readonly issue: AmountIssueCode;
  readonly value: Ore | null;
  readonly character?: string;
}

/** öre, `null` (empty optional amount), or an issue. */
export type AmountParse = Ore | null | AmountIssue;

export function isAmountIssue(p: AmountParse): p is AmountIssue {
  return typeof p === 'object' && p !== null;
}

export const UNIT_EXPONENT: Readonly<Record<AmountUnit, number>> = { kr: 0, tkr: 3, mnkr: 6 };
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Pre-built issues for the errors (no value), so the error path does not allocate either. */
const ISSUE: { readonly [K in AmountIssueCode]: AmountIssue } = Object.freeze({
  'amount.missing': { issue: 'amount.missing', value: null },
  'amount.unparseable': { issue: 'amount.unparseable', value: null },
  'amount.ambiguous-period': { issue: 'amount.ambiguous-period', value: null },
  'amount.mixed-locale': { issue: 'amount.mixed-locale', value: null },
  'amount.bad-grouping': { issue: 'amount.bad-grouping', value: null },
  'amount.too-many-decimals': { issue: 'amount.too-many-decimals', value: null },
  'amount.trailing-minus': { issue: 'amount.trailing-minus', value: null },
  'amount.parentheses': { issue: 'amount.parentheses', value: null },
  'amount.currency': { issue: 'amount.currency', value: null },
  'amount.foreign-currency': { issue: 'amount.foreign-currency', value: null },
  'amount.invisible-character': { issue: 'amount.invisible-character', value: null },
  'amount.non-ascii-digit': { issue: 'amount.non-ascii-digit', value: null },
  'amount.too-large': { issue: 'amount.too-large', value: null },
  'amount.currency-stripped': { issue: 'amount.currency-stripped', value: null },
  'amount.apostrophe-stripped': { issue: 'amount.apostrophe-stripped', value: null },
});

/** Space-like characters allowed as thousands separators (and trimmed at the ends). */
function isGroupSpace(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x2007;
}

function isTrimSpace(c: number): boolean {
  return isGroupSpace(c) || c === 0x09;
}

const MINUS = 0x2d;
const UNICODE_MINUS = 0x2212;
const COMMA = 0x2c;
const PERIOD = 0x2e;

/**
 * Parses one amount cell. `required`: an empty cell (or a lone dash) is an error instead of `null`.
 * Example: parseAmount('−1 234,50', {profile, unit: 'kr'}, true) === -123450.
 */
export function parseAmount(raw: string, options: AmountOptions, required: boolean): AmountParse {
  let start = 0;
  let end = raw.length;
  while (start < end && isTrimSpace(raw.charCodeAt(start))) start++;
  while (end > start && isTrimSpace(raw.charCodeAt(end - 1))) end--;
  if (start === end) return required ? ISSUE['amount.missing'] : null;
  if (end - start === 1) {
    const c = raw.charCodeAt(start);
    // A lone dash is how reports print "nothing", never zero.
    if (c === MINUS || c === 0x2013 || c === 0x2014 || c === UNICODE_MINUS) return required ? ISSUE['amount.missing'] : null;
  }
  const maxDecimals = 2 + UNIT_EXPONENT[options.unit];

  // Fast path: [-]digits[,digits] — what Raindance writes.
  {
    let i = start;
    let negative = false;
    const first = raw.charCodeAt(i);
    if (first === MINUS || first === UNICODE_MINUS) {
      negative = true;
      i++;
    }
    let intPart = 0;
    let intDigits = 0;
    let frac = 0;
    let fracDigits = 0;
    let comma = false;
    let ok = i < end;
    for (; i < end; i++) {
      const c = raw.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        if (comma) {
          frac = frac * 10 + (c - 48);
          fracDigits++;
        } else {
          intPart = intPart * 10 + (c - 48);
          intDigits++;
        }
      } else if (c === COMMA && !comma) {
        comma = true;
      } else {
        ok = false;
        break;
      }
    }
    if (ok && intDigits > 0 && (!comma || fracDigits > 0)) {
      if (fracDigits > maxDecimals) return ISSUE['amount.too-many-decimals'];
      return toOre(negative, intPart, intDigits, frac, fracDigits, maxDecimals);
    }
  }
  return parseGeneral(raw, start, end, options, maxDecimals);
}

function toOre(negative: boolean, intPart: number, intDigits: number, frac: number, fracDigits: number, maxDecimals: number): AmountParse {
  // 15 integer digits is 10^15 kr before scaling; beyond that the digit accumulation itself may be inexact.
  if (intDigits > 15 || fracDigits > 15) return ISSUE['amount.too-large'];
  const v = intPart * POW10[maxDecimals]! + frac * POW10[maxDecimals - fracDigits]!;
  if (!Number.isSafeInteger(v)) return ISSUE['amount.too-large'];
  return (negative && v !== 0 ? -v : v) as Ore;
}

const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad\u061c\u180e]/;
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/u;
const FOREIGN_CURRENCY = /(?:eur|usd|nok|dkk|gbp|chf|[€$£¥])/i;
const CURRENCY_PREFIX = /^(?:sek|kr\.?)(?=[\s\d+\-\u2212(]|$)/i;
const CURRENCY_SUFFIX = /(?:^|(?<=[\s\d)\-\u2212]))(?:sek|kr\.?)$/i;

function parseGeneral(raw: string, start: number, end: number, options: AmountOptions, maxDecimals: number): AmountParse {
  const { profile } = options;
  let text = raw.slice(start, end);

  const inv = INVISIBLE.exec(text);
  if (inv) return { issue: 'amount.invisible-character', value: null, character: `U+${inv[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
  if (NON_ASCII_DIGIT.test(text)) return ISSUE['amount.non-ascii-digit'];

  let warning: AmountIssueCode | null = null;
  if (text.charCodeAt(0) === 0x27 /* ' */) {
    warning = 'amount.apostrophe-stripped';
    text = trimSpaces(text.slice(1));
  }
  // Currency: only when the text starts or ends with something that is neither digit, sign nor bracket.
  const n = text.length;
  const endsInLetter = n > 0 && (isLetterish(text.charCodeAt(n - 1)) || (n > 1 && text.charCodeAt(n - 1) === PERIOD && isLetterish(text.charCodeAt(n - 2))));
  if (n > 0 && (isLetterish(text.charCodeAt(0)) || endsInLetter)) {
    let stripped = text;
    const pre = CURRENCY_PREFIX.exec(stripped);
    if (pre) stripped = trimSpaces(stripped.slice(pre[0].length));
    const suf = CURRENCY_SUFFIX.exec(stripped);
    if (suf) stripped = trimSpaces(stripped.slice(0, stripped.length - suf[0].length));
    if (pre || suf) {
      if (!profile.stripCurrency) return ISSUE['amount.currency'];
      warning = 'amount.currency-stripped';
      text = stripped;
    } else if (FOREIGN_CURRENCY.test(text)) {
      return ISSUE['amount.foreign-currency'];
    }
  }
  if (text.length === 0) return ISSUE['amount.unparseable'];

  // Signs.
  let negative = false;
  let i = 0;
  let j = text.length;
  const first = text.charCodeAt(0);
  if (first === MINUS || first === UNICODE_MINUS) {
    negative = true;
    i++;
  } else if (first === 0x2b /* + */) {
    i++;
  } else if (first === 0x28 /* ( */) {
    if (text.charCodeAt(j - 1) !== 0x29) return ISSUE['amount.unparseable'];
    if (!profile.parenthesesNegative) return ISSUE['amount.parentheses'];
    negative = true;
    i++;
    j--;
  }
  const last = text.charCodeAt(j - 1);
  if (j - i > 1 && (last === MINUS || last === UNICODE_MINUS)) {
    if (!profile.trailingMinus) return ISSUE['amount.trailing-minus'];
    if (negative) return ISSUE['amount.unparseable'];
    negative = true;
    j--;
  }
  if (i >= j) return ISSUE['amount.unparseable'];

  // Body: digit runs separated by single separators (group space, comma, period).
  const runs: string[] = [];
  const seps: number[] = []; // 1 = space, 2 = comma, 3 = period
  let runStart = i;
  for (let k = i; k < j; k++) {
    const c = text.charCodeAt(k);
    if (c >= 48 && c <= 57) continue;
    const kind = isGroupSpace(c) ? 1 : c === COMMA ? 2 : c === PERIOD ? 3 : 0;
    if (kind === 0) return ISSUE['amount.unparseable']; // letters (1e3, 0x1A, NaN, Infinity), other signs
    if (k === runStart) return kind === 1 ? ISSUE['amount.bad-grouping'] : ISSUE['amount.unparseable'];
    runs.push(text.slice(runStart, k));
    seps.push(kind);
    runStart = k + 1;
  }
  if (runStart >= j) return ISSUE['amount.unparseable'];
  runs.push(text.slice(runStart, j));

  let commas = 0;
  let periods = 0;
  let spaces = 0;
  let firstComma = -1;
  let firstPeriod = -1;
  seps.forEach((s, idx) => {
    if (s === 1) spaces++;
    else if (s === 2) {
      commas++;
      if (firstComma < 0) firstComma = idx;
    } else {
      periods++;
      if (firstPeriod < 0) firstPeriod = idx;
    }
  });

  // Decide which separator is the decimal mark and which groups thousands.
  let decimalIndex = -1; // index into seps of the decimal mark
  let groupKind = 1;
  if (commas > 1) return ISSUE['amount.mixed-locale']; // 1,234,567 (English thousands)
  if (commas === 1) {
    if (firstComma !== seps.length - 1) return periods > 0 && firstPeriod > firstComma ? ISSUE['amount.mixed-locale'] : ISSUE['amount.bad-grouping'];
    decimalIndex = firstComma;
    if (periods > 0) {
      if (!profile.periodThousands) return ISSUE['amount.ambiguous-period'];
      if (spaces > 0) return ISSUE['amount.bad-grouping'];
      groupKind = 3;
    }
  } else if (periods > 0) {
    if (profile.periodThousands) {
      if (spaces > 0) return ISSUE['amount.bad-grouping'];
      groupKind = 3;
    } else {
      if (periods > 1) return ISSUE['amount.ambiguous-period'];
      if (spaces > 0) return ISSUE['amount.mixed-locale']; // 1 234.50
      const decimals = runs[runs.length - 1]!.length;
      if (decimals === 3) return ISSUE['amount.ambiguous-period']; // 1.234: thousand or one and a bit?
      if (firstPeriod !== seps.length - 1) return ISSUE['amount.unparseable'];
      decimalIndex = firstPeriod;
    }
  }

  // Thousands groups: first 1–3 digits, then exactly 3.
  const intRuns = decimalIndex < 0 ? runs.length : decimalIndex + 1;
  for (let r = 0; r < intRuns; r++) {
    if (r < intRuns - 1 && seps[r] !== groupKind) return ISSUE['amount.bad-grouping'];
    const len = runs[r]!.length;
    if (intRuns > 1 && (r === 0 ? len > 3 : len !== 3)) return ISSUE['amount.bad-grouping'];
  }
  let intDigits = 0;
  let intPart = 0;
  for (let r = 0; r < intRuns; r++) {
    const run = runs[r]!;
    for (let k = 0; k < run.length; k++) intPart = intPart * 10 + (run.charCodeAt(k) - 48);
    intDigits += run.length;
  }
  let frac = 0;
  let fracDigits = 0;
  if (decimalIndex >= 0) {
    const run = runs[runs.length - 1]!;
    if (run.length > maxDecimals) return ISSUE['amount.too-many-decimals'];
    for (let k = 0; k < run.length; k++) frac = frac * 10 + (run.charCodeAt(k) - 48);
    fracDigits = run.length;
  }
  const value = toOre(negative, intPart, intDigits, frac, fracDigits, maxDecimals);
  if (warning && !isAmountIssue(value)) return { issue: warning, value };
  return value;
}

function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isTrimSpace(s.charCodeAt(a))) a++;
  while (b > a && isTrimSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Not a digit, sign, bracket, separator or space: the start or end of a currency or of garbage. */
function isLetterish(c: number): boolean {
  if (c >= 48 && c <= 57) return false;
  return !(c === MINUS || c === UNICODE_MINUS || c === 0x2b || c === 0x28 || c === 0x29 || c === COMMA || c === PERIOD || isTrimSpace(c));
}

/** The value to use from a parse: öre, or null for "no value" and for errors. */
export function amountValue(p: AmountParse): Ore | null {
  return isAmountIssue(p) ? p.value : p;
}

/**
 * The diagnostic for an issue. `column` names the column in the text; the location carries file, sheet and row.
 */
export function amountDiagnostic(p: AmountIssue, raw: string, location: SourceLocation, options: AmountOptions): Diagnostic {
  return diag(
    p.issue,
    { value: raw, column: location.column ?? '', max: 2 + UNIT_EXPONENT[options.unit], character: p.character ?? '' },
    location,
    raw,
  );
}

// --- bytes ----------------------------------------------------------------------------------------------------

/** `parseAmountBytes`: a number, its öre in `parsedAmount[0]`. */
export const BYTES_OK = 0;
/** `parseAmountBytes`: an empty field. */
export const BYTES_EMPTY = 1;
/** `parseAmountBytes`: not one of the fast shapes; decode the text and use `parseAmount`. */
export const BYTES_OTHER = 2;
/** Where `parseAmountBytes` puts the öre (a status is returned, so the value is never boxed). */
export const parsedAmount = new Float64Array(1);

/**
 * The fast shapes of `parseAmount`, read from the bytes of a CSV field without making a string (the ledger's hot
 * path): `[-]d+[,d{1,maxDec}]` or with thousands groups `d{1,3}( d{3})+`, the group separator a space, NBSP (0xA0 in
 * Windows-1252; C2 A0 in UTF-8) or, in UTF-8, U+202F; the minus `-` or, in UTF-8, U+2212. Returns BYTES_OK with the
 * öre in `parsedAmount[0]`, BYTES_EMPTY, or BYTES_OTHER for anything else, including leading or trailing spaces (the
 * caller then decodes the text and calls `parseAmount`). These are exactly shapes on which `parseAmount` gives the
 * same value, so the byte path is a subset of the one parser, never a variant (tests/sources/parse-amount.test.ts).
 * `maxDec`: decimals the unit carries (2 + UNIT_EXPONENT); `multiByte`: the encoding is known, so multi-byte
 * separators and minus may be recognised.
 */
export function parseAmountBytes(b: Uint8Array, s: number, e: number, maxDec: number, utf8: boolean, multiByte: boolean): number {
  if (s === e) return BYTES_EMPTY;
  let i = s;
  let neg = false;
  let c = b[i]!;
  if (c === 0x2d) {
    neg = true;
    i++;
  } else if (c === 0xe2 && utf8 && multiByte && b[i + 1] === 0x88 && b[i + 2] === 0x92 && i + 3 <= e) {
    neg = true;
    i += 3;
  }
  let intPart = 0;
  let digits = 0;
  let run = 0;
  let groups = 0;
  for (; i < e; i++) {
    c = b[i]!;
    if (c >= 0x30 && c <= 0x39) {
      intPart = intPart * 10 + (c - 0x30);
      digits++;
      run++;
      continue;
    }
    let sl = 0;
    if (c === 0x20) sl = 1;
    else if (c >= 0x80 && multiByte) {
      if (!utf8) {
        if (c === 0xa0) sl = 1;
      } else if (c === 0xc2) {
        if (b[i + 1] === 0xa0 && i + 2 <= e) sl = 2;
      } else if (c === 0xe2 && b[i + 1] === 0x80 && b[i + 2] === 0xaf && i + 3 <= e) sl = 3;
    }
    if (sl === 0) break;
    if (run === 0 || (groups === 0 ? run > 3 : run !== 3)) return BYTES_OTHER;
    groups++;
    run = 0;
    i += sl - 1;
  }
  if (run === 0 || (groups > 0 && run !== 3)) return BYTES_OTHER;
  let frac = 0;
  let fd = 0;
  if (i < e) {
    if (b[i] !== 0x2c) return BYTES_OTHER;
    for (i++; i < e; i++) {
      c = b[i]!;
      if (c < 0x30 || c > 0x39) return BYTES_OTHER;
      frac = frac * 10 + (c - 0x30);
      fd++;
    }
    if (fd === 0 || fd > maxDec) return BYTES_OTHER;
  }
  if (digits > 15) return BYTES_OTHER;
  const v = intPart * POW10[maxDec]! + frac * POW10[maxDec - fd]!;
  if (v > Number.MAX_SAFE_INTEGER) return BYTES_OTHER;
  parsedAmount[0] = neg && v !== 0 ? -v : v;
  return BYTES_OK;
}
