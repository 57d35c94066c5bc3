/**
 * Exact decimal arithmetic for indicator values. Indicators are percentages, counts and days with a few decimals;
 * a status boundary ("exactly 80 % of the target") must not flip on a binary-float artefact (0.72 / 0.9 is
 * 0.7999999999999999 in floating point). Every value is turned into an exact decimal `n / 10^scale` from its
 * shortest round-trip text (15 significant digits), and ratios are compared as integer cross-products.
 */
import type { Ratio } from '../../model/figures.js';

/** The exact value `n / 10^scale`. */
export interface Decimal {
  readonly n: bigint;
  readonly scale: number;
}

/**
 * The decimal a JS number stands for, to 15 significant digits (what Excel keeps and what a person typed).
 * Example: decimalOf(0.1 + 0.2) = { n: 3n, scale: 1 }; decimalOf(93.8) = { n: 938n, scale: 1 }.
 */
export function decimalOf(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`inte ett ändligt tal: ${x}`);
  const text = String(Number(x.toPrecision(15)));
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) throw new RangeError(`oväntat talformat: ${text}`);
  const sign = m[1] === '-' ? -1n : 1n;
  const frac = m[3] ?? '';
  const exp = m[4] ? Number(m[4]) : 0;
  let n = BigInt((m[2] ?? '0') + frac) * sign;
  let scale = frac.length - exp;
  if (scale < 0) {
    n *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { n, scale };
}

function align(a: Decimal, b: Decimal): [bigint, bigint] {
  const s = Math.max(a.scale, b.scale);
  return [a.n * 10n ** BigInt(s - a.scale), b.n * 10n ** BigInt(s - b.scale)];
}

/** -1, 0 or 1 as a < b, a = b, a > b — exactly. */
export function compareNumbers(a: number, b: number): -1 | 0 | 1 {
  const [x, y] = align(decimalOf(a), decimalOf(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** An exact ratio as bigints (den > 0). */
export interface BigRatio {
  readonly num: bigint;
  readonly den: bigint;
}

/** numerator / denominator exactly; the denominator must be non-zero. Example: ratioOf(72, 90) = 4/5. */
export function ratioOf(numerator: number, denominator: number): BigRatio {
  const [a, b] = align(decimalOf(numerator), decimalOf(denominator));
  if (b === 0n) throw new RangeError('division med noll');
  const sign = b < 0n ? -1n : 1n;
  const g = gcd(a, b) || 1n;
  return { num: (a * sign) / g, den: (b * sign) / g };
}

/** Whether the ratio, in percent, is at least `percent` (which may have decimals, e.g. 99.5). Exact. */
export function ratioAtLeastPercent(r: BigRatio, percent: number): boolean {
  const p = decimalOf(percent);
  // r.num / r.den * 100 >= p.n / 10^p.scale  ⇔  r.num * 100 * 10^scale >= p.n * r.den (den > 0)
  return r.num * 100n * 10n ** BigInt(p.scale) >= p.n * r.den;
}

/**
 * The report model's `Ratio` (plain numbers). Exact when both parts are safe integers; otherwise scaled down to
 * keep about 15 significant digits, which only affects the displayed percentage far beyond its decimals.
 */
export function toReportRatio(r: BigRatio): Ratio {
  let { num, den } = r;
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  while (num > limit || -num > limit || den > limit) {
    num /= 10n;
    den /= 10n;
    if (den === 0n) den = 1n;
  }
  return { num: Number(num), den: Number(den) };
}

/** Number of decimals in the value's shortest text (for display with the precision the source had). */
export function decimalsOf(x: number): number {
  return decimalOf(x).scale;
}
