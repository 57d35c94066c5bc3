/** Personnel figures are explained by groups that never show a small group, not even by subtraction. */
import { describe, expect, it } from 'vitest';
import { protectGroups } from '../../src/calc/explain-people.js';

const name = (k: string) => `ansvar ${k}`;

describe('protectGroups', () => {
  it('shows groups above the limit and merges the rest', () => {
    // 30 and 25 are shown; 5 + 7 = 12 > 10 may stand as one remainder.
    expect(protectGroups(new Map([['a', 30], ['b', 25], ['c', 5], ['d', 7]]), 10, name, 'övriga')).toEqual([
      { label: 'ansvar a', value: 30 },
      { label: 'ansvar b', value: 25 },
      { label: 'övriga', value: 12 },
    ]);
  });

  it('merges the smallest shown group into a remainder that would be small', () => {
    // c + d = 8 ≤ 10 would give d and c away by subtraction: b (12) joins them, 20.
    expect(protectGroups(new Map([['a', 30], ['b', 12], ['c', 5], ['d', 3]]), 10, name, 'övriga')).toEqual([
      { label: 'ansvar a', value: 30 },
      { label: 'övriga', value: 20 },
    ]);
  });

  it('shows no remainder when every group is large, and only a remainder when none is', () => {
    expect(protectGroups(new Map([['a', 11], ['b', 40]]), 10, name, 'övriga')).toEqual([
      { label: 'ansvar b', value: 40 },
      { label: 'ansvar a', value: 11 },
    ]);
    expect(protectGroups(new Map([['a', 4], ['b', 3]]), 10, name, 'övriga')).toEqual([{ label: 'övriga', value: 7 }]);
  });
});
