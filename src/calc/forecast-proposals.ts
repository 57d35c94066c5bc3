/**
 * Proposed helårsprognoser (issue 15): where the forecast file has no forecast for an ansvar × report row at the
 * report period, one is proposed by the method the configuration names (`forecast.propose`), and the report marks
 * it as proposed and names the method. The three methods, for report month m, in exact öre:
 *
 * - remainingBudget:  prognos = Σ utfall(1..m) + Σ budget(m+1..12)        ("utfall + återstående budget")
 * - seasonal:         prognos = Σ utfall(1..m) × Σ utfall föreg år(1..12) / Σ utfall föreg år(1..m)
 *                     (the run rate: this year's outcome so far divided by the share of last year's outcome the
 *                     same months stood for), rounded half away from zero to whole öre
 * - previousForecast: prognos = the line's forecast at the previous forecast occasion, unchanged
 *
 * A line the chosen method cannot forecast (seasonal: no outcome last year for the months so far, last year's
 * total 0 or of the other sign; previousForecast: no previous forecast for the line) falls back to
 * remainingBudget, and the note names that method too. A line with neither utfall nor budget in the report year
 * gets no proposal (blank, not 0).
 */
import type { ForecastMethod } from '../config/schema.js';

export type { ForecastMethod } from '../config/schema.js';

/** One bit per method, so a row summing lines proposed by different methods can name them all. */
export const METHOD_BIT: Readonly<Record<ForecastMethod, number>> = { remainingBudget: 1, seasonal: 2, previousForecast: 4 };

export function methodsOf(bits: number): ForecastMethod[] {
  return (Object.keys(METHOD_BIT) as ForecastMethod[]).filter((m) => (bits & METHOD_BIT[m]) !== 0);
}

/** One ansvar × report row: utfall and budget per month (index 0..11 the year before, 12..23 the report year; null = none). */
export interface ProposalLine {
  readonly actual: readonly (number | null)[];
  readonly budget: readonly (number | null)[];
  /** The line's forecast at the previous occasion, or null. */
  readonly previous: number | null;
}

const sum = (v: readonly (number | null)[], from: number, to: number): number | null => {
  let acc: number | null = null;
  for (let i = from; i <= to; i++) if (v[i] !== null && v[i] !== undefined) acc = (acc ?? 0) + v[i]!;
  return acc;
};

/** a × b / c rounded half away from zero, exactly (BigInt). */
export function mulDivRound(a: number, b: number, c: number): number {
  const num = BigInt(a) * BigInt(b);
  const den = BigInt(c);
  const neg = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const q = (2n * n + d) / (2n * d);
  return Number(neg ? -q : q);
}

/** The proposal for one line by `method` (with its fallback), or null when the line has no data in the report year. */
export function proposeLine(method: ForecastMethod, line: ProposalLine, month: number): { value: number; method: ForecastMethod } | null {
  const hasYear = line.actual.slice(12).some((v) => v !== null) || line.budget.slice(12).some((v) => v !== null);
  if (!hasYear) return null;
  const ack = sum(line.actual, 12, 11 + month);
  if (method === 'seasonal' && ack !== null) {
    const prevAck = sum(line.actual, 0, month - 1);
    const prevTotal = sum(line.actual, 0, 11);
    if (prevAck !== null && prevTotal !== null && prevAck !== 0 && Math.sign(prevAck) === Math.sign(prevTotal)) {
      return { value: mulDivRound(ack, prevTotal, prevAck), method };
    }
  }
  if (method === 'previousForecast' && line.previous !== null) return { value: line.previous, method };
  // remainingBudget (and the fallback of the other two): utfall so far + the budget of the months left.
  return { value: (ack ?? 0) + (sum(line.budget, 12 + month, 23) ?? 0), method: 'remainingBudget' };
}

/** What a method is, in the words of a table note. `previousMonth` names the previous forecast occasion ("april"). */
export function methodDescription(method: ForecastMethod, year: number, previousMonth: string): string {
  switch (method) {
    case 'remainingBudget':
      return 'utfallet hittills i år plus budgeten för årets återstående månader';
    case 'seasonal':
      return `utfallet hittills i år uppräknat med den andel av helårsutfallet ${year - 1} som samma månader stod för`;
    case 'previousForecast':
      return previousMonth === '' ? 'föregående prognos oförändrad' : `prognosen per ${previousMonth} oförändrad`;
  }
}
