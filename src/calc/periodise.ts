/**
 * Budget periodisation: a yearly budget spread over the months by a key, in exact öre. The keys (seed 004 and the
 * regions' practice): twelfths; working days (Swedish holidays computed, model/holidays.ts); a seasonal key (twelve
 * weights); last year's outcome pattern (each month's share of last year's utfall); and a custom key per ansvar or
 * account group (`keyFor` picks the key of a line). The key used is named for the table note (`keyNote`).
 *
 * Formula: month m gets A × w_m / Σw, rounded to whole öre by the largest-remainder method — each month first gets
 * its share rounded towards zero, then the öre left over go one each to the months with the largest remainders
 * (earlier month first on a tie) — so the months always sum exactly to A and no month is off by a whole öre.
 * Example: 100,00 kr by twelfths → 8,34 kr in January–April and 8,33 kr in May–December (4 × 834 + 8 × 833 =
 * 10 000 öre).
 */
import { workingDaysPerMonth } from '../model/holidays.js';

export type PeriodisationKey =
  | { readonly kind: 'twelfths' }
  | { readonly kind: 'workingDays' }
  /** Twelve non-negative weights, January first (percentages or any numbers; only their proportions count). */
  | { readonly kind: 'seasonal'; readonly name: string; readonly weights: readonly number[] }
  /** Last year's utfall per month, January first, in öre (all of one sign). */
  | { readonly kind: 'previousYear'; readonly outcome: readonly number[] };

/** Why a key cannot spread a budget (the caller words it with the key's source). */
export class PeriodisationError extends Error {}

/** The integer weights of a key for a year (seasonal weights scaled to integers exactly by their decimals). */
export function keyWeights(key: PeriodisationKey, year: number): bigint[] {
  switch (key.kind) {
    case 'twelfths':
      return new Array<bigint>(12).fill(1n);
    case 'workingDays':
      return workingDaysPerMonth(year).map(BigInt);
    case 'seasonal': {
      if (key.weights.length !== 12) throw new PeriodisationError(`nyckeln ${key.name} har ${key.weights.length} vikter, inte 12`);
      if (key.weights.some((w) => !Number.isFinite(w) || w < 0)) throw new PeriodisationError(`nyckeln ${key.name} har en negativ eller ogiltig vikt`);
      const decimals = Math.max(...key.weights.map((w) => (String(w).split('.')[1] ?? '').length));
      return key.weights.map((w) => BigInt(Math.round(w * 10 ** decimals)));
    }
    case 'previousYear': {
      if (key.outcome.length !== 12) throw new PeriodisationError(`föregående års utfall har ${key.outcome.length} månader, inte 12`);
      const positive = key.outcome.every((v) => v >= 0);
      const negative = key.outcome.every((v) => v <= 0);
      if (!positive && !negative) throw new PeriodisationError('föregående års utfall har månader med olika tecken');
      return key.outcome.map((v) => BigInt(Math.abs(v)));
    }
  }
}

/**
 * `amount` öre spread over twelve months by `weights` (largest remainder; see the file comment). The weights must
 * not all be zero.
 */
export function spread(amount: number, weights: readonly bigint[]): number[] {
  const total = weights.reduce((a, w) => a + w, 0n);
  if (total <= 0n) throw new PeriodisationError('nyckelns vikter summerar till noll');
  const a = BigInt(amount);
  const sign = a < 0n ? -1n : 1n;
  const abs = a * sign;
  const base = weights.map((w) => (abs * w) / total);
  const rem = weights.map((w, i) => ({ i, r: (abs * w) % total }));
  let left = abs - base.reduce((x, y) => x + y, 0n);
  rem.sort((x, y) => (y.r > x.r ? 1 : y.r < x.r ? -1 : x.i - y.i));
  for (const { i } of rem) {
    if (left === 0n) break;
    base[i] = base[i]! + 1n;
    left--;
  }
  return base.map((v) => Number(v * sign));
}

/** A yearly budget spread by a key: twelve amounts in öre summing to `amount`. */
export function periodise(amount: number, key: PeriodisationKey, year: number): number[] {
  return spread(amount, keyWeights(key, year));
}

/** The note under a table whose budget was periodised: which key, in Swedish. */
export function keyNote(key: PeriodisationKey, year: number): string {
  switch (key.kind) {
    case 'twelfths':
      return 'Budgeten är periodiserad i tolftedelar.';
    case 'workingDays':
      return `Budgeten är periodiserad efter antalet arbetsdagar per månad ${year} (${workingDaysPerMonth(year).reduce((a, b) => a + b, 0)} arbetsdagar; helgdagar, midsommarafton, julafton och nyårsafton räknas bort).`;
    case 'seasonal':
      return `Budgeten är periodiserad med säsongsnyckeln ${key.name}.`;
    case 'previousYear':
      return `Budgeten är periodiserad efter utfallets fördelning per månad ${year - 1}.`;
  }
}

/**
 * A custom key per ansvar or account group: the first rule that matches a line decides its key (ansvar first, then
 * account group), else the default. Names are matched exactly; the configuration checks them against the
 * organisation and the account grouping.
 */
export function keyFor(
  line: { readonly costCentre: string; readonly accountGroup: string },
  rules: { readonly costCentres?: ReadonlyMap<string, PeriodisationKey>; readonly accountGroups?: ReadonlyMap<string, PeriodisationKey> },
  fallback: PeriodisationKey,
): PeriodisationKey {
  return rules.costCentres?.get(line.costCentre) ?? rules.accountGroups?.get(line.accountGroup) ?? fallback;
}

/** The key as words after "periodiserad" in a note listing several keys: "i tolftedelar", "efter antalet arbetsdagar …". */
export function keyPhrase(key: PeriodisationKey, year: number): string {
  switch (key.kind) {
    case 'twelfths': return 'i tolftedelar';
    case 'workingDays': return `efter antalet arbetsdagar per månad ${year}`;
    case 'seasonal': return `med säsongsnyckeln ${key.name}`;
    case 'previousYear': return `efter utfallets fördelning per månad ${year - 1}`;
  }
}
