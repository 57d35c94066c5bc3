/**
 * Property tests (fast-check) for the amount and period parsers and the formatting round trip: for every generated
 * value, not only the catalogue's examples. Seeds are fixed so a failure reproduces; fast-check shrinks it to the
 * smallest counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOreForMessage, formatScaled, roundOre } from '../../src/model/format.js';
import { isAmountIssue, parseAmount, type AmountOptions } from '../../src/sources/parse-amount.js';
import { isPeriodIssue, parsePeriod } from '../../src/sources/parse-period.js';

const profile = { trailingMinus: false, parenthesesNegative: false, periodThousands: false, stripCurrency: true };
const kr: AmountOptions = { profile, unit: 'kr' };
const RUNS = { numRuns: 500, seed: 20241207 };

/** Öre within the exact integer range, weighted towards ordinary ledger amounts. */
const oreValue = fc.oneof(fc.integer({ min: -1_000_000_000_00, max: 1_000_000_000_00 }), fc.integer({ min: -99_999, max: 99_999 }));

/** "-1234,56" as Raindance writes it, with a chosen thousands separator and minus sign. */
function written(ore: number, sep: string, minus: string): string {
  const neg = ore < 0;
  const abs = String(Math.abs(ore)).padStart(3, '0');
  const kronor = abs.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return `${neg ? minus : ''}${kronor},${abs.slice(-2)}`;
}

function parsed(raw: string, options: AmountOptions = kr): number | null | string {
  const p = parseAmount(raw, options, true);
  return isAmountIssue(p) ? p.issue : p;
}

describe('amount parser', () => {
  it('reads every written amount back to its exact öre, whatever the separator and minus sign', () => {
    fc.assert(
      fc.property(oreValue, fc.constantFrom('', ' ', '\u00a0', '\u202f'), fc.constantFrom('-', '\u2212'), (ore, sep, minus) => {
        expect(parsed(written(ore, sep, minus))).toBe(ore === 0 ? 0 : ore);
      }),
      RUNS,
    );
  });

  it('the message format reads back too (formatOreForMessage → parseAmount is the identity)', () => {
    fc.assert(
      fc.property(oreValue, (ore) => {
        expect(parsed(formatOreForMessage(ore))).toBe(ore);
      }),
      RUNS,
    );
  });

  it('tkr and mnkr scale exactly: n kronor in tkr is n × 1000 kronor', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9_999_999, max: 9_999_999 }), (n) => {
        expect(parsed(`${n}`, { profile, unit: 'tkr' })).toBe(n * 100_000);
        expect(parsed(`${n}`, { profile, unit: 'mnkr' })).toBe(n * 100_000_000);
      }),
      RUNS,
    );
  });

  it('never turns text into a number: any string with a letter other than a currency is an issue, never öre', () => {
    const letters = fc.stringMatching(/^[0-9 ,.-]*[a-jl-zA-JL-RT-Z][0-9 ,.-]*$/);
    fc.assert(
      fc.property(letters, (raw) => {
        const p = parsed(raw);
        expect(typeof p === 'string' || p === null, `${JSON.stringify(raw)} → ${String(p)}`).toBe(true);
      }),
      RUNS,
    );
  });

  it('more than two decimals in kronor is always an issue, never rounded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 9 }), (kronor, third) => {
        expect(parsed(`${kronor},12${third}`)).toBe('amount.too-many-decimals');
      }),
      RUNS,
    );
  });
});

describe('period parser', () => {
  const yearMonth = fc.record({ year: fc.integer({ min: 2000, max: 2099 }), month: fc.integer({ min: 1, max: 12 }) });
  const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

  it('YYYYMM, YYYY-MM, a date in the month and a Swedish month name all give the same period', () => {
    fc.assert(
      fc.property(yearMonth, fc.integer({ min: 1, max: 28 }), ({ year, month }, day) => {
        const mm = String(month).padStart(2, '0');
        const expected = year * 100 + month;
        for (const raw of [`${year}${mm}`, `${year}-${mm}`, `${year}-${mm}-${String(day).padStart(2, '0')}`, `${MONTHS[month - 1]} ${year}`]) {
          const p = parsePeriod(raw);
          expect(isPeriodIssue(p) ? p.issue : p.period, raw).toBe(expected);
        }
      }),
      RUNS,
    );
  });

  it('month 0 and months 13–99 are never a period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })), (year, month) => {
        const p = parsePeriod(`${year}${String(month).padStart(2, '0')}`);
        expect(isPeriodIssue(p)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('formatting', () => {
  it('rounding to a display unit is half away from zero and symmetric in the sign', () => {
    fc.assert(
      fc.property(oreValue, fc.constantFrom('kr', 'tkr', 'mnkr') as fc.Arbitrary<'kr' | 'tkr' | 'mnkr'>, (ore, unit) => {
        const r = roundOre(ore, unit);
        expect(roundOre(-ore, unit)).toBe(-r);
        const per = { kr: 100, tkr: 100_000, mnkr: 100_000_000 }[unit];
        // |ore − r × per| ≤ per / 2, and exactly half rounds away from zero.
        const diff = Math.abs(ore - Number(r) * per);
        expect(diff).toBeLessThanOrEqual(per / 2);
        if (diff === per / 2) expect(Math.abs(Number(r) * per)).toBeGreaterThan(Math.abs(ore));
      }),
      RUNS,
    );
  });

  it('formatScaled reads back through the amount parser (Swedish grouping and decimal comma)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), (value) => {
        const text = formatScaled(value, 2);
        expect(parsed(text)).toBe(Number(value));
      }),
      RUNS,
    );
  });
});
