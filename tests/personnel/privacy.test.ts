import { describe, expect, it } from 'vitest';
import { calculatePersonnel } from '../../src/calc/personnel/index.js';
import { FigureSet, changeInPoints, primarySuppression } from '../../src/calc/personnel/privacy.js';
import { HrBuilder, rules } from './helpers.js';

const AUG = { year: 2024, month: 8 };
const RULES = { maxSuppressedGroupSize: 10, dominancePercent: 90 };

/** n employees of a gender on an ansvar, Jan 2023 – Jul 2024, each sick 8 h on a different day of March 2024. */
function group(b: HrBuilder, n: number, gender: 'K' | 'M' | null, costCentre = 'A1', birth = '1980-06-15'): number[] {
  const es = b.people(n, gender, birth);
  es.forEach((e, i) => {
    b.employ(e, 202301, 202407, { costCentre });
    const d = `2024-03-${String((i % 28) + 1).padStart(2, '0')}`;
    b.sick(e, d, d, 8, costCentre);
  });
  return es;
}

describe('small groups (högst tio)', () => {
  it('a group of exactly 10 is suppressed, a group of 11 is shown', () => {
    expect(primarySuppression({ num: 1, den: 10, population: 10, maxContribution: 0, covered: true }, RULES)).toBe('smallGroup');
    expect(primarySuppression({ num: 1, den: 10, population: 11, maxContribution: 0, covered: true }, RULES)).toBeNull();

    const b = new HrBuilder();
    group(b, 11, 'K');
    group(b, 10, 'M');
    const s = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1'] }).results.sickLeave.ytd;
    expect(s.men.suppressed).toBe('smallGroup');
    // With the total shown, women = total − men: women must be hidden too.
    expect(s.women.suppressed).toBe('complementary');
    expect(s.total.ratio).not.toBeNull();
  });

  it('two groups of 11 are both shown', () => {
    const b = new HrBuilder();
    group(b, 11, 'K');
    group(b, 11, 'M');
    const s = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1'] }).results.sickLeave.ytd;
    // Each: 11 × 8 h / (11 × 160 h × 7) = 88 / 12 320.
    expect(s.women.ratio).toEqual({ num: 8800, den: 1232000 });
    expect(s.men.ratio).toEqual({ num: 8800, den: 1232000 });
  });

  it('a unit of exactly 10 shows nothing about sick leave', () => {
    const b = new HrBuilder();
    group(b, 10, 'K');
    const s = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1'] }).results.sickLeave;
    expect(s.ytd.total.suppressed).toBe('smallGroup');
    expect(s.r12.zeroDays.suppressed).toBe('smallGroup');
    expect(s.months.slice(0, 7).every((m) => m.figure.suppressed === 'smallGroup')).toBe(true);
  });

  it('employees without a recorded gender are an unseen part: one small gender group hides the other', () => {
    const b = new HrBuilder();
    group(b, 20, 'K');
    group(b, 15, 'M');
    group(b, 3, null);
    const s = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1'] }).results.sickLeave.ytd;
    // The 3 without gender are not shown but could be had as total − women − men: one of the shown is hidden.
    expect(s.men.suppressed).toBe('complementary');
    expect(s.women.suppressed).toBeNull();
  });
});

describe('complementary suppression: a unit where subtraction would reveal a group', () => {
  it('hides the smallest other sub-unit so that the small one cannot be recomputed', () => {
    const b = new HrBuilder();
    group(b, 30, 'K', 'A1');
    group(b, 25, 'K', 'B1');
    group(b, 8, 'K', 'C1');
    const { results } = calculatePersonnel(b.data(), rules(), {
      period: AUG,
      unitCostCentres: ['A1', 'B1', 'C1'],
      subunits: [
        { id: 'a', name: 'Enhet A', costCentres: ['A1'] },
        { id: 'b', name: 'Enhet B', costCentres: ['B1'] },
        { id: 'c', name: 'Enhet C', costCentres: ['C1'] },
      ],
    });
    const u = Object.fromEntries(results.sickLeave.units.map((x) => [x.id, x.ytd]));
    expect(u.c!.suppressed).toBe('smallGroup');
    expect(u.b!.suppressed).toBe('complementary');
    expect(u.a!.suppressed).toBeNull();
    expect(results.sickLeave.ytd.total.suppressed).toBeNull();
    // The hidden cells carry no value at all.
    expect(u.b!.ratio).toBeNull();
    expect(u.c!.ratio).toBeNull();
  });

  it('ansvar outside every sub-unit form an "Övriga" row that takes part in the partition', () => {
    const b = new HrBuilder();
    group(b, 30, 'K', 'A1');
    group(b, 20, 'K', 'B1');
    group(b, 5, 'K', 'X9');
    const { results } = calculatePersonnel(b.data(), rules(), {
      period: AUG,
      unitCostCentres: ['A1', 'B1', 'X9'],
      subunits: [
        { id: 'a', name: 'Enhet A', costCentres: ['A1'] },
        { id: 'b', name: 'Enhet B', costCentres: ['B1'] },
      ],
    });
    const u = Object.fromEntries(results.sickLeave.units.map((x) => [x.id, x.ytd]));
    expect(u.ovriga!.suppressed).toBe('smallGroup');
    expect(u.b!.suppressed).toBe('complementary');
    expect(u.a!.suppressed).toBeNull();
  });

  it('with only the total and one other part left, the total is hidden', () => {
    const fs = new FigureSet(RULES);
    fs.add('t', { num: 30, den: 1000, population: 40, maxContribution: 0, covered: true });
    fs.add('a', { num: 25, den: 900, population: 35, maxContribution: 0, covered: true });
    fs.add('b', { num: 5, den: 100, population: 5, maxContribution: 0, covered: true });
    fs.add('c', { num: 0, den: 0, population: 0, maxContribution: 0, covered: true });
    fs.partition('t', ['a', 'b', 'c']);
    fs.resolve();
    // b small; a is the only candidate; hidden. c is empty and does not count.
    expect(fs.get('b').suppressed).toBe('smallGroup');
    expect(fs.get('a').suppressed).toBe('complementary');
    expect(fs.get('t').suppressed).toBeNull();
    expect(fs.get('c').suppressed).toBe('empty');
  });

  it('propagates through nested partitions until stable', () => {
    // total = k + m; total = young + old. m small → k hidden. Nothing forces the age groups.
    const fs = new FigureSet(RULES);
    fs.add('t', { num: 10, den: 100, population: 40, maxContribution: 0, covered: true });
    fs.add('k', { num: 9, den: 90, population: 32, maxContribution: 0, covered: true });
    fs.add('m', { num: 1, den: 10, population: 8, maxContribution: 0, covered: true });
    fs.add('y', { num: 5, den: 50, population: 20, maxContribution: 0, covered: true });
    fs.add('o', { num: 5, den: 50, population: 20, maxContribution: 0, covered: true });
    fs.partition('t', ['k', 'm']);
    fs.partition('t', ['y', 'o']);
    fs.resolve();
    expect([fs.get('k').suppressed, fs.get('m').suppressed, fs.get('y').suppressed, fs.get('o').suppressed])
      .toEqual(['complementary', 'smallGroup', null, null]);
  });
});

describe('attributable figures', () => {
  it('suppresses a group of 12 where one employee has nearly all the sick leave', () => {
    const b = new HrBuilder();
    const es = b.people(12, 'K');
    for (const e of es) b.employ(e, 202301, 202407);
    b.sick(es[0]!, '2024-02-01', '2024-03-10', 304); // 38 days × 8 h
    b.sick(es[1]!, '2024-04-02', '2024-04-02', 8); // 304 / 312 = 97 %
    const s = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1'] }).results.sickLeave;
    expect(s.ytd.total.suppressed).toBe('attributable');
    expect(s.r12.total.suppressed).toBe('attributable');
  });

  it('shows the group when the largest share is below the threshold', () => {
    const b = new HrBuilder();
    const es = b.people(12, 'K');
    for (const e of es) b.employ(e, 202301, 202407);
    b.sick(es[0]!, '2024-02-01', '2024-02-08', 64);
    b.sick(es[1]!, '2024-04-02', '2024-04-03', 16); // 64 / 80 = 80 %
    const s = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1'] }).results.sickLeave;
    expect(s.ytd.total.ratio).toEqual({ num: 8000, den: 12 * 7 * 16000 });
  });
});

describe('changes between years', () => {
  it('are exact to the displayed decimals and hidden when either side is', () => {
    const cur = { ratio: { num: 475, den: 10000 }, suppressed: null, population: 100 };
    const prev = { ratio: { num: 485, den: 10000 }, suppressed: null, population: 100 };
    expect(changeInPoints(cur, prev, 2).ratio).toEqual({ num: -10, den: 10000 });
    const hidden = { ratio: null, suppressed: 'smallGroup' as const, population: 9 };
    expect(changeInPoints(cur, hidden, 2)).toEqual({ ratio: null, suppressed: 'smallGroup', population: 9 });
    const none = { ratio: null, suppressed: null, population: 0 };
    expect(changeInPoints(cur, none, 2)).toEqual(none);
  });
});
