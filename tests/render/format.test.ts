import { describe, expect, it } from 'vitest';
import { formatMoney, formatPercent, NBSP } from '../../src/model/format.js';
import { formatCell } from '../../src/render/format.js';
import { roundDiv } from '../../src/model/ore.js';

const sp = (s: string) => s.replace(/ /g, NBSP);

describe('Swedish display formatting', () => {
  it('rounds each figure half away from zero from öre', () => {
    expect(formatMoney(50_000, 'tkr')).toBe('1'); // 500,00 kr = 0,5 tkr → 1
    expect(formatMoney(-50_000, 'tkr')).toBe('-1');
    expect(formatMoney(49_999, 'tkr')).toBe('0');
    expect(formatMoney(-251_528_412_345, 'tkr')).toBe(sp('-2 515 284'));
    expect(formatMoney(123_456_789_012, 'mnkr')).toBe(sp('1 235'));
    expect(roundDiv(-150, 100)).toBe(-2n);
    expect(roundDiv(149, 100)).toBe(1n);
  });

  it('prints a value that rounds to zero without a sign, and no data as blank', () => {
    expect(formatMoney(-1500, 'tkr')).toBe('0'); // −15 kr
    expect(formatMoney(null, 'tkr')).toBe('');
    expect(formatCell({ kind: 'money', ore: null, unit: 'mnkr' })).toBe('');
  });

  it('formats exact ratios as percent with a decimal comma', () => {
    expect(formatPercent({ num: 1, den: 3 }, 1)).toBe('33,3');
    expect(formatPercent({ num: -7000, den: 7000 }, 1)).toBe('-100,0');
    // 7,05 % exactly: half away from zero → 7,1 (a float computation can give 7,0)
    expect(formatPercent({ num: 705, den: 10000 }, 1)).toBe('7,1');
    expect(formatPercent({ num: -705, den: 10000 }, 1)).toBe('-7,1');
    expect(formatPercent({ num: 123456, den: 1000 }, 2)).toBe(sp('12 345,60'));
    expect(formatPercent(null, 1)).toBe('');
  });

  it('shows status as symbol and word', () => {
    expect(formatCell({ kind: 'status', status: 'helt', label: 'Uppfylls helt' })).toBe('● Uppfylls helt');
  });
});
