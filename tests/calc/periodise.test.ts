/** Budget periodisation and Swedish working days, against values worked out by hand. */
import { describe, expect, it } from 'vitest';
import { keyFor, keyNote, periodise, spread, PeriodisationError } from '../../src/calc/periodise.js';
import { easterSunday, swedishDaysOff, workingDaysPerMonth } from '../../src/model/holidays.js';
import { isoOf } from '../../src/model/calendar.js';

describe('Swedish holidays and working days', () => {
  it('computes Easter and the moveable days', () => {
    expect(easterSunday(2024)).toEqual([3, 31]);
    expect(easterSunday(2025)).toEqual([4, 20]);
    expect(easterSunday(2038)).toEqual([4, 25]);
    const off = [...swedishDaysOff(2024)].map(([d, name]) => `${isoOf(d)} ${name}`);
    expect(off).toContain('2024-03-29 långfredagen');
    expect(off).toContain('2024-04-01 annandag påsk');
    expect(off).toContain('2024-05-09 Kristi himmelsfärdsdag');
    expect(off).toContain('2024-06-21 midsommarafton');
    expect(off).toContain('2024-06-22 midsommardagen');
    expect(off).toContain('2024-11-02 alla helgons dag');
  });

  it('counts working days per month of 2024', () => {
    // By hand from the 2024 calendar: January 23 weekdays − nyårsdagen = 22; March 21 − långfredagen = 20;
    // April 22 − annandag påsk = 21; May 23 − första maj − Kristi himmelsfärd = 21; June 20 − nationaldagen −
    // midsommarafton = 18; December 22 − julafton, juldagen, annandag jul, nyårsafton = 18.
    expect(workingDaysPerMonth(2024)).toEqual([22, 21, 20, 21, 21, 18, 23, 22, 21, 23, 21, 18]);
    expect(workingDaysPerMonth(2024).reduce((a, b) => a + b, 0)).toBe(251);
  });
});

describe('periodise', () => {
  it('twelfths: 100,00 kr gives 8,34 kr in January–April and 8,33 kr after, summing exactly', () => {
    expect(periodise(10_000, { kind: 'twelfths' }, 2024)).toEqual([834, 834, 834, 834, 833, 833, 833, 833, 833, 833, 833, 833]);
    expect(periodise(-10_000, { kind: 'twelfths' }, 2024)).toEqual([-834, -834, -834, -834, -833, -833, -833, -833, -833, -833, -833, -833]);
  });

  it('working days: 251 000 kr in 2024 is 1 000 kr per working day', () => {
    expect(periodise(25_100_000, { kind: 'workingDays' }, 2024)).toEqual([22, 21, 20, 21, 21, 18, 23, 22, 21, 23, 21, 18].map((d) => d * 100_000));
  });

  it('a seasonal key with decimal weights', () => {
    const key = { kind: 'seasonal' as const, name: 'Vårdsäsong', weights: [8.5, 8, 8, 8, 8, 7.5, 6, 8, 9, 9.5, 9.5, 10] };
    // The weights sum to 100: 10 000,00 kr × 8,5 % = 850,00 kr in January, 600,00 kr in July.
    expect(periodise(1_000_000, key, 2024)).toEqual([85_000, 80_000, 80_000, 80_000, 80_000, 75_000, 60_000, 80_000, 90_000, 95_000, 95_000, 100_000]);
  });

  it("last year's outcome pattern, and its refusal of mixed signs", () => {
    const outcome = [-100, -300, -600, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(periodise(-5_000, { kind: 'previousYear', outcome }, 2024)).toEqual([-500, -1_500, -3_000, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => periodise(100, { kind: 'previousYear', outcome: [1, -1, ...new Array(10).fill(0)] }, 2024)).toThrow(PeriodisationError);
  });

  it('gives leftover öre to the largest remainders, earlier month first on a tie', () => {
    // 100 öre by 2:1 → 66,67 and 33,33: 67 + 33.
    expect(spread(100, [2n, 1n, ...new Array<bigint>(10).fill(0n)]).slice(0, 2)).toEqual([67, 33]);
    // 100 öre by 1:1:1 → 33,33 each: the first month takes the leftover öre.
    expect(spread(100, [1n, 1n, 1n, ...new Array<bigint>(9).fill(0n)]).slice(0, 3)).toEqual([34, 33, 33]);
  });

  it('names the key for the table note, and picks a custom key per ansvar before account group', () => {
    expect(keyNote({ kind: 'workingDays' }, 2024)).toBe('Budgeten är periodiserad efter antalet arbetsdagar per månad 2024 (251 arbetsdagar; helgdagar, midsommarafton, julafton och nyårsafton räknas bort).');
    expect(keyNote({ kind: 'previousYear', outcome: [] }, 2024)).toBe('Budgeten är periodiserad efter utfallets fördelning per månad 2023.');
    const summer = { kind: 'seasonal' as const, name: 'Sommar', weights: new Array(12).fill(1) };
    const rules = { costCentres: new Map([['220101', summer]]), accountGroups: new Map([['Personalkostnader', { kind: 'workingDays' as const }]]) };
    expect(keyFor({ costCentre: '220101', accountGroup: 'Personalkostnader' }, rules, { kind: 'twelfths' })).toBe(summer);
    expect(keyFor({ costCentre: '110101', accountGroup: 'Personalkostnader' }, rules, { kind: 'twelfths' })).toEqual({ kind: 'workingDays' });
    expect(keyFor({ costCentre: '110101', accountGroup: 'Läkemedel' }, rules, { kind: 'twelfths' })).toEqual({ kind: 'twelfths' });
  });
});
