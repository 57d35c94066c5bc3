import { describe, expect, it } from 'vitest';
import { assessValue, directionOfComparator, fulfilmentRatio, levelOfRatio } from '../../src/calc/goals/status.js';
import { compareNumbers, decimalOf, ratioAtLeastPercent, ratioOf } from '../../src/calc/goals/decimal.js';
import { parseTarget } from '../../src/sources/goals/parse-values.js';
import { DEFAULT_GOAL_RULES } from '../../src/model/goal-rules.js';

const T = DEFAULT_GOAL_RULES.thresholds;
const level = (target: string | number, dir: 'higher' | 'lower', value: number, t = T) =>
  assessValue(parseTarget(target), dir, value, t).level;

describe('exact decimals', () => {
  it('represents floats by their shortest decimal', () => {
    expect(decimalOf(0.1 + 0.2)).toEqual({ n: 3n, scale: 1 });
    expect(decimalOf(93.8)).toEqual({ n: 938n, scale: 1 });
    expect(decimalOf(-4.25)).toEqual({ n: -425n, scale: 2 });
    expect(decimalOf(1e21)).toEqual({ n: 10n ** 21n, scale: 0 });
    expect(decimalOf(1e-7)).toEqual({ n: 1n, scale: 7 });
  });
  it('compares and divides exactly', () => {
    expect(0.72 / 0.9 < 0.8).toBe(true); // the float artefact the module exists for
    expect(ratioOf(0.72, 0.9)).toEqual({ num: 4n, den: 5n });
    expect(ratioAtLeastPercent(ratioOf(0.72, 0.9), 80)).toBe(true);
    expect(ratioAtLeastPercent(ratioOf(0.719, 0.9), 80)).toBe(false);
    expect(ratioAtLeastPercent({ num: 995n, den: 1000n }, 99.5)).toBe(true);
    expect(ratioAtLeastPercent({ num: 994n, den: 1000n }, 99.5)).toBe(false);
    expect(compareNumbers(0.1 + 0.2, 0.3)).toBe(0);
  });
});

describe('indicator status boundaries (higher is better, default 100/80)', () => {
  it('exactly 100 % is helt, just under is delvis', () => {
    expect(level(90, 'higher', 90)).toBe('helt');
    expect(level(90, 'higher', 89.99)).toBe('delvis');
    expect(level(90, 'higher', 120)).toBe('helt');
  });
  it('exactly 80 % is delvis, just under is inte', () => {
    expect(level(90, 'higher', 72)).toBe('delvis'); // 72/90 = 80 % exactly
    expect(level(0.9, 'higher', 0.72)).toBe('delvis'); // same in fractions: no float artefact
    expect(level(90, 'higher', 71.99)).toBe('inte');
    expect(level(90, 'higher', 0)).toBe('inte');
  });
  it('gives the ratio outcome / target', () => {
    expect(assessValue(parseTarget('90 %'), 'higher', 72, T).ratio).toEqual({ num: 4n, den: 5n });
  });
  it('a negative outcome against a positive target is inte', () => {
    expect(level(1.4, 'higher', -2)).toBe('inte');
  });
});

describe('lower is better: the ratio is target / outcome', () => {
  it('at or under the target is helt', () => {
    expect(level(5, 'lower', 5)).toBe('helt');
    expect(level(5, 'lower', 3)).toBe('helt');
  });
  it('target / outcome = 80 % exactly is delvis (5 / 6,25)', () => {
    expect(level(5, 'lower', 6.25)).toBe('delvis');
    expect(level(5, 'lower', 6.26)).toBe('inte');
    expect(assessValue(parseTarget(5), 'lower', 6.25, T).ratio).toEqual({ num: 4n, den: 5n });
  });
  it('seed 003: personalomsättning 11,15 % against 11 % → 98,7 % → delvis', () => {
    expect(level('11%', 'lower', 11.15)).toBe('delvis');
    const r = assessValue(parseTarget('11%'), 'lower', 11.15, T).ratio!;
    expect(r).toEqual({ num: 220n, den: 223n }); // 11 / 11,15 = 1100 / 1115
  });
  it('seed 003: sjukfrånvaro 2,58 % against 5,2 % → helt', () => {
    expect(level('5,2%', 'lower', 2.58)).toBe('helt');
  });
  it('an outcome of zero meets a positive target without dividing by zero', () => {
    expect(level(5, 'lower', 0)).toBe('helt');
    expect(fulfilmentRatio(0, 5, 'lower')).toBeNull();
  });
  it('a target of zero is met only by zero or less (no ratio)', () => {
    expect(level(0, 'lower', 0)).toBe('helt');
    expect(level(0, 'lower', 2)).toBe('inte');
    expect(fulfilmentRatio(2, 0, 'lower')).toBeNull();
  });
});

describe('text targets', () => {
  it('"< 5" (seed 002 leveranstid) is lower-is-better and strict', () => {
    expect(directionOfComparator('<')).toBe('lower');
    expect(level('< 5', 'higher', 3)).toBe('helt'); // the comparator decides the direction
    expect(level('< 5', 'lower', 5)).toBe('delvis'); // on the line: 100 % but not under 5
    expect(level('< 5', 'lower', 6.25)).toBe('delvis'); // 80 %
    expect(level('< 5', 'lower', 7)).toBe('inte'); // 71 %
  });
  it('"> 90%" (seed 002 fel lösta inom 3 dagar): 93,8 helt, 90 delvis, 72 delvis, 71 inte', () => {
    expect(level('> 90%', 'higher', 93.8)).toBe('helt');
    expect(level('> 90%', 'higher', 90)).toBe('delvis');
    expect(level('> 90%', 'higher', 72)).toBe('delvis');
    expect(level('> 90%', 'higher', 71)).toBe('inte');
  });
  it('"minst 90" and "högst 5" are not strict', () => {
    expect(level('minst 90', 'higher', 90)).toBe('helt');
    expect(level('högst 5', 'lower', 5)).toBe('helt');
    expect(level('≤ 5', 'lower', 5.5)).toBe('delvis');
  });
  it('"> 0" with an outcome of 0 is not met (no ratio to be near)', () => {
    expect(level('> 0', 'higher', 0)).toBe('inte');
  });
  it('"Behålla (4,7% helår 2022)" (seed 002 sjukfrånvaro) compares with its reference', () => {
    expect(level('Behålla (4,7% helår 2022)', 'lower', 4.4)).toBe('helt');
    expect(level('Behålla (4,7% helår 2022)', 'lower', 4.7)).toBe('helt');
    expect(level('Behålla (4,7% helår 2022)', 'lower', 5.5)).toBe('delvis'); // 85 %
  });
  it('"Behålla" without a reference and qualitative targets cannot be assessed by a rule', () => {
    expect(level('Behålla', 'higher', 87)).toBeNull();
    expect(level('Strukturerade arbetssätt är framtagna', 'higher', 1)).toBeNull();
    expect(level('', 'higher', 1)).toBeNull();
  });
});

describe('configurable thresholds', () => {
  it('helt at 95 %, delvis at 70 %', () => {
    const t = { helt: 95, delvis: 70 };
    expect(level(100, 'higher', 95, t)).toBe('helt');
    expect(level(100, 'higher', 94.9, t)).toBe('delvis');
    expect(level(100, 'higher', 70, t)).toBe('delvis');
    expect(level(100, 'higher', 69.9, t)).toBe('inte');
  });
  it('levelOfRatio with a decimal threshold', () => {
    expect(levelOfRatio({ num: 199n, den: 200n }, { helt: 99.5, delvis: 80 })).toBe('helt');
    expect(levelOfRatio({ num: 198n, den: 200n }, { helt: 99.5, delvis: 80 })).toBe('delvis');
  });
  it('status is monotonic in the outcome (higher is better)', () => {
    const order = { inte: 0, delvis: 1, helt: 2 } as const;
    let prev = -1;
    for (let v = 0; v <= 120; v += 0.5) {
      const l = level(90, 'higher', v)!;
      expect(order[l]).toBeGreaterThanOrEqual(prev);
      prev = order[l];
    }
  });
});
