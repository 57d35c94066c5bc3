import { describe, expect, it } from 'vitest';
import { share, splitSickLeave, toRuns, toSpells, type SpellRules } from '../../src/calc/personnel/spells.js';
import { addMonths, ageOn, lastDayOfMonth, parseIsoDay } from '../../src/model/calendar.js';
import { hrPeriodFor, yearToDate } from '../../src/calc/personnel/windows.js';
import { ageGroupIndex, ageGroupLabels, ageOf, ageReferenceDay } from '../../src/calc/personnel/groups.js';
import { defaultPersonnelRules } from '../../src/config/personnel-schema.js';
import type { SickLeaveRecord } from '../../src/model/personnel.js';
import { day, h } from './helpers.js';

const base: SpellRules = defaultPersonnelRules().sickLeave;

function rec(from: string, to: string, hours: number, employee = 0, costCentre = 'A1'): SickLeaveRecord {
  return { employee, costCentre, from: day(from), to: day(to), extent: 10000, hours: h(hours), row: 2 };
}

/** Sums pieces by a key. */
function sumBy<T extends string | number>(pieces: readonly { hours: number }[], key: (p: never) => T): Map<T, number> {
  const m = new Map<T, number>();
  for (const p of pieces) m.set(key(p as never), (m.get(key(p as never)) ?? 0) + p.hours);
  return m;
}

describe('dates', () => {
  it('parses real dates only', () => {
    expect(parseIsoDay('2024-02-29')).not.toBeNull();
    expect(parseIsoDay('2023-02-29')).toBeNull();
    expect(parseIsoDay('2024-13-01')).toBeNull();
  });
  it('adds months across years', () => {
    expect(addMonths(202401, -1)).toBe(202312);
    expect(addMonths(202407, -23)).toBe(202208);
    expect(addMonths(202312, 1)).toBe(202401);
  });
  it('computes age on a day', () => {
    expect(ageOn(day('1994-12-31'), day('2024-12-31'))).toBe(30);
    expect(ageOn(day('1994-12-31'), day('2024-12-30'))).toBe(29);
    expect(ageOn(day('1995-01-01'), day('2024-12-31'))).toBe(29);
  });
  it('takes ages on the configured reference day', () => {
    const person = { gender: 'K' as const, birthDay: day('1994-12-31'), age: null };
    const w = yearToDate(202407);
    // yearEnd: 30 on 31 Dec 2024 → 30–49; periodEnd: 29 on 31 Jul 2024 → 29 år eller yngre.
    expect(ageGroupIndex([29, 49], ageOf(person, ageReferenceDay(w, 'yearEnd'))!)).toBe(1);
    expect(ageGroupIndex([29, 49], ageOf(person, ageReferenceDay(w, 'periodEnd'))!)).toBe(0);
    // An extract with ages instead of birth dates: the age as given.
    expect(ageOf({ gender: null, birthDay: null, age: 41 }, ageReferenceDay(w, 'yearEnd'))).toBe(41);
    expect(ageGroupLabels([29, 49])).toEqual(['29 år eller yngre', '30–49 år', '50 år eller äldre']);
  });

  it('HR period lags the report by one month, not in December', () => {
    const lag = { months: 1, noLagInDecember: true };
    expect(hrPeriodFor({ year: 2024, month: 8 }, lag)).toBe(202407);
    expect(hrPeriodFor({ year: 2024, month: 12 }, lag)).toBe(202412);
    expect(hrPeriodFor({ year: 2025, month: 1 }, lag)).toBe(202412);
    expect(hrPeriodFor({ year: 2024, month: 12 }, { months: 1, noLagInDecember: false })).toBe(202411);
  });
});

describe('share', () => {
  it('shares exactly with the largest remainders', () => {
    expect(share(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(share(9600, [7, 5])).toEqual([5600, 4000]);
    expect(share(0, [3, 4])).toEqual([0, 0]);
    const s = share(12345, [3, 7, 11, 13]);
    expect(s.reduce((a, b) => a + b, 0)).toBe(12345);
  });
});

describe('runs and spells', () => {
  it('merges overlapping and adjacent intervals into runs', () => {
    const runs = toRuns([
      { from: day('2024-01-05'), to: day('2024-01-10') },
      { from: day('2024-01-01'), to: day('2024-01-04') },
      { from: day('2024-01-08'), to: day('2024-01-12') },
      { from: day('2024-01-20'), to: day('2024-01-21') },
    ]);
    expect(runs).toEqual([
      { from: day('2024-01-01'), to: day('2024-01-12') },
      { from: day('2024-01-20'), to: day('2024-01-21') },
    ]);
  });

  it('joins re-sickness starting within five days of the previous spell', () => {
    const a = { from: day('2024-01-01'), to: day('2024-01-10') };
    const within = { from: day('2024-01-15'), to: day('2024-01-20') }; // 15 − 10 = 5 days after
    const after = { from: day('2024-01-16'), to: day('2024-01-21') }; // 6 days after
    expect(toSpells([a, within], 5)).toEqual([{ runs: [a, within], length: 16 }]);
    expect(toSpells([a, after], 5)).toHaveLength(2);
    expect(toSpells([a, within], 0)).toHaveLength(2);
  });
});

describe('splitSickLeave', () => {
  const lastDay = lastDayOfMonth(202412);

  it('splits a spell crossing a month boundary by calendar days', () => {
    // 25 Jan – 5 Feb: 7 days in January, 5 in February; 96 h → 56 h + 40 h.
    const { pieces } = splitSickLeave([rec('2024-01-25', '2024-02-05', 96)], base, lastDay);
    const byMonth = sumBy(pieces, (p: { period: number }) => p.period);
    expect(byMonth.get(202401)).toBe(h(56));
    expect(byMonth.get(202402)).toBe(h(40));
  });

  it('splits a spell crossing the year boundary and keeps counting its days', () => {
    // 28 Dec 2023 – 3 Jan 2024: 4 days in 2023 (32 h), 3 in 2024 (24 h), all band dag 1–14.
    const { pieces } = splitSickLeave([rec('2023-12-28', '2024-01-03', 56)], base, lastDay);
    const byMonth = sumBy(pieces, (p: { period: number }) => p.period);
    expect(byMonth.get(202312)).toBe(h(32));
    expect(byMonth.get(202401)).toBe(h(24));
    expect(pieces.every((p) => p.band === 0)).toBe(true);
  });

  it('puts the days of a long spell in bands by day number', () => {
    // 1 Jan – 31 Mar 2024 = 91 days, 1 h a day: dag 1–14: 14 h, dag 15–90: 76 h, dag 91–365: 1 h.
    const { pieces } = splitSickLeave([rec('2024-01-01', '2024-03-31', 91)], base, lastDay);
    const byBand = sumBy(pieces, (p: { band: number }) => p.band);
    expect(byBand.get(0)).toBe(h(14));
    expect(byBand.get(1)).toBe(h(76));
    expect(byBand.get(2)).toBe(h(1));
    // Classes: korttid 1–14 = 14, medellång 15–59 = 45, lång 60– = 32.
    const byClass = sumBy(pieces, (p: { cls: number }) => p.cls);
    expect([byClass.get(0), byClass.get(1), byClass.get(2)]).toEqual([h(14), h(45), h(32)]);
    expect(pieces.every((p) => p.longTerm)).toBe(true);
  });

  it('bands by spell length when configured', () => {
    const rules = { ...base, bandBasis: 'spellLength' as const };
    const { pieces } = splitSickLeave([rec('2024-01-01', '2024-01-20', 20)], rules, lastDay);
    expect(new Set(pieces.map((p) => p.band))).toEqual(new Set([1])); // a 20-day spell: dag 15–90
  });

  it('continues day numbers over joined re-sickness', () => {
    // Spell A 1–10 Jan (10 days, 8 h/day), re-sick 15–20 Jan (6 days, 8 h/day), joined: B's days are day 11–16.
    // Day 11–14 (15–18 Jan) in dag 1–14, day 15–16 (19–20 Jan) in dag 15–90.
    const recs = [rec('2024-01-01', '2024-01-10', 80), rec('2024-01-15', '2024-01-20', 48)];
    const joined = splitSickLeave(recs, base, lastDay);
    const byBand = sumBy(joined.pieces, (p: { band: number }) => p.band);
    expect(byBand.get(0)).toBe(h(80 + 32));
    expect(byBand.get(1)).toBe(h(16));
    const separate = splitSickLeave(recs, { ...base, rejoinWithinDays: 0 }, lastDay);
    expect(sumBy(separate.pieces, (p: { band: number }) => p.band).get(0)).toBe(h(128));
  });

  it('marks all hours of a spell of 60 days or more as long-term, joined spells included', () => {
    // 50 days (1 Jan – 19 Feb) + re-sick 3 days later for 10 days (22 Feb – 2 Mar) = 60 sick days when joined.
    const recs = [rec('2024-01-01', '2024-02-19', 50), rec('2024-02-22', '2024-03-02', 10)];
    expect(splitSickLeave(recs, base, lastDay).pieces.every((p) => p.longTerm)).toBe(true);
    expect(splitSickLeave(recs, { ...base, rejoinWithinDays: 0 }, lastDay).pieces.some((p) => p.longTerm)).toBe(false);
    // Exactly 59 days is not long-term; 60 is.
    expect(splitSickLeave([rec('2024-01-01', '2024-02-28', 59)], base, lastDay).pieces.some((p) => p.longTerm)).toBe(false);
    expect(splitSickLeave([rec('2024-01-01', '2024-02-29', 60)], base, lastDay).pieces.every((p) => p.longTerm)).toBe(true);
  });

  it('does not use data after the HR period', () => {
    // 25 Jul – 3 Aug with the HR period July: 7 July days used, 3 August days (30 h of 100) left out.
    const res = splitSickLeave([rec('2024-07-25', '2024-08-03', 100)], base, lastDayOfMonth(202407));
    expect(res.pieces.reduce((a, p) => a + p.hours, 0)).toBe(h(70));
    expect(res.hoursAfterLastDay).toBe(h(30));
    expect(res.runsByEmployee.get(0)).toEqual([{ from: day('2024-07-25'), to: day('2024-07-31') }]);
  });

  it('keeps the hours of partial-day sick leave and counts its days as sick days', () => {
    // 50 % for 10 days with 4 h a day → 40 h; 10 sick calendar days.
    const r: SickLeaveRecord = { ...rec('2024-03-01', '2024-03-10', 40), extent: 5000 };
    const res = splitSickLeave([r], base, lastDay);
    expect(res.pieces.reduce((a, p) => a + p.hours, 0)).toBe(h(40));
    expect(res.runsByEmployee.get(0)).toEqual([{ from: day('2024-03-01'), to: day('2024-03-10') }]);
  });
});
