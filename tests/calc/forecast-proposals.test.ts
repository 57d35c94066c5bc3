/** The forecast methods line by line (calc/forecast-proposals.ts), with rounding and fallbacks worked out by hand. */
import { describe, expect, it } from 'vitest';
import { mulDivRound, proposeLine } from '../../src/calc/forecast-proposals.js';

/** 24 months of öre: the year before (0..11), then the report year (12..23). */
const line = (prev: (number | null)[], cur: (number | null)[], budget: (number | null)[] = new Array(12).fill(null), previous: number | null = null) => ({
  actual: [...prev, ...cur],
  budget: [...new Array(12).fill(null), ...budget],
  previous,
});

describe('forecast proposals for one line', () => {
  it('seasonal rounds half away from zero to whole öre', () => {
    // Report month 3: utfall 2024 −100 + −100 + −101 = −301 öre; 2023 −90 a month, Jan–Mar −270, the year −1 080.
    // −301 × −1 080 / −270 = −301 × 4 = −1 204 exactly.
    expect(proposeLine('seasonal', line(new Array(12).fill(-90), [-100, -100, -101, ...new Array(9).fill(null)]), 3)).toEqual({ value: -1204, method: 'seasonal' });
    // Utfall 1 öre in January against last year 3 öre in January of 10 öre: 1 × 10 / 3 = 3,33… → 3.
    expect(proposeLine('seasonal', line([3, 7, ...new Array(10).fill(0)], [1, ...new Array(11).fill(null)]), 1)).toEqual({ value: 3, method: 'seasonal' });
    // 5 × 3 / 2 = 7,5 → 8, and −7,5 → −8 (half away from zero).
    expect(mulDivRound(5, 3, 2)).toBe(8);
    expect(mulDivRound(-5, 3, 2)).toBe(-8);
    expect(mulDivRound(5, -3, 2)).toBe(-8);
  });

  it('falls back to remainingBudget when last year cannot give the shares, naming that method', () => {
    // Last year's Jan–Feb sum to 0: no share. Utfall −50 − 50 = −100 + budget Mar–Dec 10 × −60 = −600 → −700.
    const l = line([10, -10, ...new Array(10).fill(-5)], [-50, -50, ...new Array(10).fill(null)], new Array(12).fill(-60));
    expect(proposeLine('seasonal', l, 2)).toEqual({ value: -700, method: 'remainingBudget' });
    // Last year's Jan–Feb positive but its total negative (other sign): also remainingBudget.
    const m = line([10, 10, ...new Array(10).fill(-50)], [-50, -50, ...new Array(10).fill(null)], new Array(12).fill(-60));
    expect(proposeLine('seasonal', m, 2)).toEqual({ value: -700, method: 'remainingBudget' });
  });

  it('previousForecast keeps the previous forecast, or falls back; a line without data this year gets none', () => {
    expect(proposeLine('previousForecast', line(new Array(12).fill(null), [-1, ...new Array(11).fill(null)], new Array(12).fill(null), -12_345), 1)).toEqual({ value: -12_345, method: 'previousForecast' });
    // No previous forecast: utfall −1 + no budget = −1.
    expect(proposeLine('previousForecast', line(new Array(12).fill(null), [-1, ...new Array(11).fill(null)]), 1)).toEqual({ value: -1, method: 'remainingBudget' });
    // Only last year's utfall: nothing to forecast this year (blank, not 0).
    expect(proposeLine('remainingBudget', line(new Array(12).fill(-5), new Array(12).fill(null)), 8)).toBeNull();
  });
});
