/**
 * Swedish display formatting, shared by every renderer. Figures are rounded here and only here: each figure on its
 * own, half away from zero, from its exact value (öre, or an exact ratio). Grouping uses a no-break space (U+00A0)
 * so "1 234" never wraps, decimals a comma, and negative numbers a hyphen-minus ("-51 875") as the seeds print them.
 */
import { roundDiv } from './ore.js';
import type { DisplayUnit, Ratio } from './figures.js';

export const NBSP = '\u00a0';

const ORE_PER_UNIT: Record<DisplayUnit, bigint> = { kr: 100n, tkr: 100_000n, mnkr: 100_000_000n };

export const UNIT_LABEL: Record<DisplayUnit, string> = {
  kr: 'kronor',
  tkr: 'tusental kronor (tkr)',
  mnkr: 'miljoner kronor (mnkr)',
};

/** Groups the digits of a non-negative integer string in threes: "2515284" → "2 515 284". */
function group(digits: string, sep: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

/**
 * Formats a scaled integer `value / 10^decimals` the Swedish way. A value that rounds to zero prints without a
 * sign ("0", not "-0").
 */
export function formatScaled(value: bigint, decimals: number, sep = NBSP): string {
  const neg = value < 0n;
  const abs = (neg ? -value : value).toString().padStart(decimals + 1, '0');
  const intPart = abs.slice(0, abs.length - decimals);
  const frac = decimals > 0 ? ',' + abs.slice(abs.length - decimals) : '';
  return (neg ? '-' : '') + group(intPart, sep) + frac;
}

/** Rounds öre to whole display units (kr, tkr, mnkr), half away from zero. */
export function roundOre(ore: number, unit: DisplayUnit, decimals = 0): bigint {
  return roundDiv(BigInt(ore) * 10n ** BigInt(decimals), ORE_PER_UNIT[unit]);
}

/** "−51 875" style display of an amount in a unit; blank for no data. Example: formatMoney(-5187512345, 'tkr') = "-51 875". */
export function formatMoney(ore: number | null, unit: DisplayUnit, decimals = 0, sep = NBSP): string {
  if (ore === null) return '';
  return formatScaled(roundOre(ore, unit, decimals), decimals, sep);
}

/** Rounds ratio × 100 to `decimals` places, half away from zero, exactly. */
export function roundPercent(r: Ratio, decimals: number): bigint {
  return roundDiv(BigInt(r.num) * 100n * 10n ** BigInt(decimals), BigInt(r.den));
}

/** Percent without the sign: formatPercent({num: 1, den: 3}, 1) = "33,3". Blank for no data. */
export function formatPercent(r: Ratio | null, decimals: number, sep = NBSP): string {
  if (r === null) return '';
  return formatScaled(roundPercent(r, decimals), decimals, sep);
}

export function formatNumber(value: number | null, decimals: number, sep = NBSP): string {
  if (value === null) return '';
  if (!Number.isFinite(value)) return '';
  return formatScaled(scaleNumber(value, decimals), decimals, sep);
}

/**
 * value × 10^decimals rounded half away from zero, from the number's shortest decimal form: 5.85 at one decimal is
 * 59 (5,9), as the number is written in the source, not 58 from its binary value 5.8499….
 */
export function scaleNumber(value: number, decimals: number): bigint {
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  // The scaled number's integer part has `point` digits of `digits` (value = 0.digits × 10^(exponent + 1)).
  const point = Number(exponent) + 1 + decimals;
  let kept: bigint;
  let next: number;
  if (point <= 0) {
    kept = 0n;
    next = point === 0 ? Number(digits[0]) : 0;
  } else if (point >= digits.length) {
    kept = BigInt(digits + '0'.repeat(point - digits.length));
    next = 0;
  } else {
    kept = BigInt(digits.slice(0, point));
    next = Number(digits[point]);
  }
  if (next >= 5) kept += 1n;
  return value < 0 ? -kept : kept;
}

export const SUPPRESSED_MARK = '–';

/** Status is never shown by colour alone: every level has a symbol of its own shape and a word. */
export const STATUS_SYMBOL = {
  helt: '●',
  delvis: '◐',
  inte: '○',
  ingaData: '–',
} as const;

/** Amount in whole display units for running text: "52 miljoner kronor" uses the absolute value. */
export function textAmount(ore: number, unit: DisplayUnit): string {
  const v = roundOre(Math.abs(ore), unit);
  return formatScaled(v, 0, NBSP);
}

/** Formats öre for messages: "-1 234,50" (plain spaces, so messages copy well into a terminal). */
export function formatOreForMessage(ore: number): string {
  const neg = ore < 0;
  const abs = String(Math.abs(ore)).padStart(3, '0');
  const kr = abs.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${neg ? '-' : ''}${kr},${abs.slice(-2)}`;
}
