/**
 * Money is kept as integer öre (1 krona = 100 öre) from the moment it is parsed until a renderer displays it.
 * A plain `number` is exact for integers up to 2^53 (about 90 000 000 miljarder kronor), far above any region's
 * ledger; `addOre` guards against leaving that range instead of silently losing precision.
 */
export type Ore = number & { readonly __brand: 'Ore' };

/** "No data" is `null`, never 0: a blank cell in a source stays blank in the report. */
export type MaybeOre = Ore | null;

export class OreOverflowError extends Error {
  constructor(readonly value: number) {
    super(`Beloppet ${value} öre ligger utanför det exakta talområdet.`);
  }
}

export function ore(value: number): Ore {
  if (!Number.isSafeInteger(value)) throw new OreOverflowError(value);
  return value as Ore;
}

export const ZERO = 0 as Ore;

export function addOre(a: Ore, b: Ore): Ore {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new OreOverflowError(sum);
  return sum as Ore;
}

export function negOre(a: Ore): Ore {
  return (a === 0 ? 0 : -a) as Ore;
}

export function subOre(a: Ore, b: Ore): Ore {
  return addOre(a, negOre(b));
}

/** Adds two maybe-values: no data + no data = no data; no data + x = x. */
export function addMaybe(a: MaybeOre, b: MaybeOre): MaybeOre {
  if (a === null) return b;
  if (b === null) return a;
  return addOre(a, b);
}

/**
 * Difference where one side may be missing: blank only when both are missing, otherwise the missing side counts
 * as 0. This is how the published tables print avvikelse for a row with utfall but no budget (seed 001 table 3.1,
 * "Patientintäkter": avvikelse 0 with a blank budget).
 */
export function diffMaybe(a: MaybeOre, b: MaybeOre): MaybeOre {
  if (a === null && b === null) return null;
  return subOre(a ?? ZERO, b ?? ZERO);
}

export function sumMaybe(values: Iterable<MaybeOre>): MaybeOre {
  let acc: MaybeOre = null;
  for (const v of values) acc = addMaybe(acc, v);
  return acc;
}

/**
 * Divides an integer by a positive integer and rounds half away from zero, exactly (BigInt for large values).
 * Example: roundDiv(-150, 100) = -2, roundDiv(149, 100) = 1.
 */
export function roundDiv(numerator: number | bigint, denominator: number | bigint): bigint {
  let n = BigInt(numerator);
  let d = BigInt(denominator);
  if (d === 0n) throw new RangeError('division med noll');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  return neg ? -q : q;
}
