import { describe, expect, it } from 'vitest';
import { calculatePersonnel } from '../../src/calc/personnel/index.js';
import { formatPercent } from '../../src/model/format.js';
import { HrBuilder, h, rules } from './helpers.js';

const AUG = { year: 2024, month: 8 };

describe('antal anställda', () => {
  it('counts persons at the end of the HR month, once each, in the first form; hourly-paid not counted', () => {
    const b = new HrBuilder();
    const [a, c, d, e, f] = [b.person('K'), b.person('M'), b.person('K'), b.person('M'), b.person('K')];
    b.employ(a!, 202307, 202407);
    b.employ(a!, 202307, 202407, { form: 'Timavlönade', scheduled: 0 }); // extra hourly work: still tillsvidare
    b.employ(c!, 202307, 202407, { form: 'Visstidsanställda' });
    b.employ(d!, 202401, 202407, { form: 'Timavlönade', scheduled: 0 });
    b.employ(e!, 202307, 202407, { end: '2024-07-15' }); // left in July: not on 31 July
    b.employ(f!, 202407, 202407, { start: '2024-07-01' });
    const { headcount } = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1'] }).results;
    expect(headcount.current.forms).toEqual([
      { label: 'Tillsvidareanställda', count: 2 },
      { label: 'Visstidsanställda', count: 1 },
    ]);
    expect(headcount.current.total).toBe(3);
    // July 2023: a, c, e.
    expect(headcount.previous.total).toBe(3);
    expect(headcount.previous.forms[0]!.count).toBe(2);
  });
});

describe('arbetad tid och årsarbetare (seed 002)', () => {
  it('sums worked time, deducts jour/beredskap, adds hired staff, and divides by the pro-rata norm', () => {
    const b = new HrBuilder();
    const es = b.people(2, 'K');
    // Jan–Jul 2024 (7 months): e0 worked 150 h/month incl. 10 h overtime and 5 h on call; e1 hourly-paid 20 h/month.
    b.employ(es[0]!, 202301, 202407, { scheduled: 160, worked: 150, overtime: 10, onCall: 5 });
    b.employ(es[1]!, 202301, 202407, { form: 'Timavlönade', scheduled: 0, worked: 20, hourlyPaid: 20 });
    const data = { ...b.data(), hiredStaff: [
      { period: 202403, costCentre: 'A1', hours: h(100), row: 2 },
      { period: 202303, costCentre: 'A1', hours: h(40), row: 3 },
      { period: 202403, costCentre: 'Z9', hours: h(999), row: 4 }, // another unit
    ] };
    const { workedTime, has } = calculatePersonnel(data, rules(), { period: AUG, unitCostCentres: ['A1'] }).results;
    const cur = workedTime.current!;
    expect(has.hired).toBe(true);
    expect(cur.own).toBe(h(7 * 170));
    expect(cur.overtime).toBe(h(70));
    expect(cur.hourlyPaid).toBe(h(140));
    expect(cur.hired).toBe(h(100));
    expect(cur.inclOnCall).toBe(h(1290));
    expect(cur.onCall).toBe(h(35));
    expect(cur.exclOnCall).toBe(h(1255));
    // 1 255 h / (1 700 × 7 / 12) = 1 255 × 12 / 11 900 = 1,2655…
    expect(cur.fullTimeEquivalents).toEqual({ num: h(1255) * 12, den: 1700 * 100 * 7 });
    expect(workedTime.previous!.hired).toBe(h(40));
  });
});

describe('personalomsättning (seed 003)', () => {
  /**
   * 12 women and 12 men, tillsvidare, Aug 2023 – Jul 2024 (R12 to July).
   * Leavers: K0 15 Mar 2024 pension; M0 31 May 2024 external; M1 30 Jun 2024 internal.
   * Month-end headcounts: Aug–Feb 24 (7 months), Mar 23, Apr 23, May 23 (M0 still employed on 31 May),
   * Jun 22, Jul 21 → Σ 280, average 23,33. Turnover 3 × 12 / 280 = 12,86 %; each component 12 / 280 = 4,29 %.
   * Women: Σ 12 × 7 + 11 × 5 = 139 → 1 × 12 / 139 = 8,63 %; men: 12 × 10 + 11 + 10 = 141 → 24 / 141 = 17,02 %.
   * K1 moves between two of the unit's ansvar on 30 Apr with reason "internal": not a leaver.
   */
  function build(): HrBuilder {
    const b = new HrBuilder();
    const women = b.people(12, 'K', '1985-01-01');
    const men = b.people(12, 'M', '1960-01-01');
    for (const e of [...women, ...men].filter((x) => x !== women[0] && x !== men[0] && x !== men[1] && x !== women[1])) {
      b.employ(e, 202208, 202407);
    }
    b.employ(women[0]!, 202208, 202403, { end: '2024-03-15', leave: 'pension' });
    b.employ(men[0]!, 202208, 202405, { end: '2024-05-31', leave: 'external' });
    b.employ(men[1]!, 202208, 202406, { end: '2024-06-30', leave: 'internal' });
    b.employ(women[1]!, 202208, 202404, { end: '2024-04-30', leave: 'internal' });
    b.employ(women[1]!, 202405, 202407, { costCentre: 'A2', start: '2024-05-01' });
    return b;
  }

  const t = calculatePersonnel(build().data(), rules(), { period: AUG, unitCostCentres: ['A1', 'A2'] }).results.turnover;

  it('leavers / average headcount over rolling 12 months', () => {
    expect(t.current.leavers).toBe(3);
    expect(t.current.averageHeadcount).toEqual({ num: 280, den: 12 });
    expect(t.current.total.ratio).toEqual({ num: 36, den: 280 });
    expect(formatPercent(t.current.total.ratio, 2)).toBe('12,86');
  });

  it('components: pension, internal and external', () => {
    expect(formatPercent(t.current.pension.ratio, 2)).toBe('4,29');
    expect(formatPercent(t.current.internal.ratio, 2)).toBe('4,29');
    expect(formatPercent(t.current.external.ratio, 2)).toBe('4,29');
  });

  it('by gender, each over its own average headcount', () => {
    expect(t.current.women.ratio).toEqual({ num: 12, den: 139 });
    expect(t.current.men.ratio).toEqual({ num: 24, den: 141 });
    expect(formatPercent(t.current.women.ratio, 2)).toBe('8,63');
    expect(formatPercent(t.current.men.ratio, 2)).toBe('17,02');
  });

  it('by age group (age at year end): women 39 (30–39), men 64 (60+); other groups empty', () => {
    const [a29, a39, a49, a59, a60] = t.current.ageGroups;
    expect(a29!.suppressed).toBe('empty');
    expect(a39!.ratio).toEqual({ num: 12, den: 139 });
    expect(a49!.suppressed).toBe('empty');
    expect(a59!.suppressed).toBe('empty');
    expect(a60!.ratio).toEqual({ num: 24, den: 141 });
  });

  it('a move within the unit on the last day of the HR period is not a leaver (seen in the next month\'s rows)', () => {
    const b = build();
    const w2 = b.persons.length;
    b.person('K', '1985-01-01');
    b.employ(w2, 202208, 202407, { end: '2024-07-31', leave: 'internal' });
    b.employ(w2, 202408, 202408, { costCentre: 'A2', start: '2024-08-01' });
    const t2 = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1', 'A2'] }).results.turnover;
    expect(t2.current.leavers).toBe(3);
    // In a unit of A1 alone both moves to A2 (K1's in April and this one) are leavers: 3 + 2.
    const t3 = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1'] }).results.turnover;
    expect(t3.current.leavers).toBe(5);
  });

  it('last year: nobody left', () => {
    expect(t.previous.total.ratio).toEqual({ num: 0, den: 24 * 12 });
  });
});
