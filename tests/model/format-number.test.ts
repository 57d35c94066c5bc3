/**
 * model/format.ts formatNumber: a number is rounded half away from zero from its shortest decimal form, as it is
 * written in the source (domain.md: "round only for display, each figure on its own, half away from zero").
 */
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/model/format.js';

describe('formatNumber', () => {
  it.each([
    // 5.85 is 5.8499999999999996447… in binary; written 5.85 it rounds to 5,9, not 5,8.
    [5.85, 1, '5,9'],
    [2.85, 1, '2,9'],
    [-2.85, 1, '-2,9'],
    [1.005, 2, '1,01'],
    [0.04, 1, '0,0'],
    [0.05, 1, '0,1'],
    [-2.5, 0, '-3'],
    [61234.5, 0, '61 235'],
    [28950, 0, '28 950'],
    [1234567.891, 2, '1 234 567,89'],
    [1e-7, 2, '0,00'],
    [9.995, 2, '10,00'],
    [0, 1, '0,0'],
  ])('%d with %i decimals → %s', (value, decimals, printed) => {
    expect(formatNumber(value, decimals, ' ')).toBe(printed);
  });

  it('blank for no data', () => {
    expect(formatNumber(null, 1)).toBe('');
  });
});
